// Writing a file so that it appears complete or not at all: the content goes to a temporary name
// in the same folder (same filesystem, so the final rename is atomic) and is renamed into place
// only by commit(). Used for every file of a run's output folder.
#pragma once

#include <string>

namespace spikewafer {

// Creates `dir` and any missing parents. Throws Error(kIo) naming the path and the OS reason
// (for example when a parent is a regular file or is not writable).
void create_output_directory(const std::string& dir);

// Creates `dir` like create_output_directory and checks that a file can be written there (a
// probe file, removed again): commands call it before long work, so that a read-only or missing
// folder is reported before the simulation, not after it. Error(kIo) naming the folder.
void check_output_directory_writable(const std::string& dir);

// Removes `path` if it exists; Error(kIo) naming it when it exists but cannot be removed.
void remove_file_if_present(const std::string& path);

// Writes `text` to `path` through an AtomicOutput: the file is complete or unchanged.
void write_file_atomically(const std::string& path, const std::string& text);

// Appends whole lines to `path` (created if missing) and flushes them to disk before returning,
// so that a table written as results arrive survives an interruption up to its last full line.
void append_durably(const std::string& path, const std::string& lines);

class AtomicOutput {
 public:
  // The temporary name is DIR/.NAME.tmp.PID: hidden, next to the final file, and distinct per
  // process so two runs writing the same folder do not write into each other's file.
  explicit AtomicOutput(const std::string& path);
  // Removes the temporary file unless commit() succeeded, so a failed write leaves nothing.
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  // Renames the (closed, complete) temporary file to path(), replacing any previous file there.
  // Throws Error(kIo) naming both paths and the OS reason.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

}  // namespace spikewafer
