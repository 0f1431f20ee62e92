// Errors that reach the user. Every message names the place (file, key, population) and the
// fix; the command line maps the kind to an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace spikewafer {

enum class ErrorKind {
  kInput,     // a malformed config, an impossible parameter, a missing file
  kResource,  // the network does not fit in memory
  kBackend,   // a backend that was not built or has no device
  kIo,        // output could not be written
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

inline Error input_error(const std::string& message) { return Error(ErrorKind::kInput, message); }

// Process exit code for an error kind: 2 for bad input, 3 for resources, 4 for backends, 5 for I/O.
inline int exit_code(ErrorKind kind) { return 2 + static_cast<int>(kind); }

}  // namespace spikewafer
