#include "io/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/atomic_file.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

OutputLock::OutputLock(const std::string& dir) {
  create_output_directory(dir);
  path_ = dir + "/.spikewafer.lock";
  const std::string& path = path_;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw Error(ErrorKind::kIo, "cannot create '" + path + "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw input_error("another spikewafer command is writing into " + dir +
                        "; wait for it to finish, or choose another --out folder");
    throw Error(ErrorKind::kIo, "cannot lock '" + path + "': " + std::strerror(error));
  }
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Removed while still held, so that a finished command leaves no hidden file behind; a
  // process that opened the old file in between fails its own non-blocking lock, or locks a file
  // no one else can reach any more (then the folder has two writers only if a third process
  // starts within that instant).
  ::unlink(path_.c_str());
  ::close(fd_);  // closing releases the lock
}

}  // namespace spikewafer
