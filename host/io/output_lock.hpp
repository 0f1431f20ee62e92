// One writer per output folder: an exclusive lock on DIR/.spikewafer.lock (flock), held while a
// command writes results into the folder, released (and the file removed) when it is done, and
// released by the system when the process ends however it ends (a killed run leaves the file,
// unlocked: the next command takes it).
// Two scans into one folder (a fresh one and a --resume) once both finished with duplicated
// rows; the second is now refused.
#pragma once

#include <string>
#include <utility>

namespace spikewafer {

class OutputLock {
 public:
  // Creates `dir` if missing and locks it; Error(kInput) naming the folder if another process
  // holds the lock.
  explicit OutputLock(const std::string& dir);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  OutputLock(OutputLock&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
    other.fd_ = -1;
  }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace spikewafer
