// Running the `spikewafer` binary from a test: exit code and everything it printed.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace spikewafer::test {

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr
};

// `args` follow the binary's name, e.g. "run net.toml --out dir".
inline Outcome run_cli(const std::string& args) {
  const std::string cmd = std::string(SPIKEWAFER_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace spikewafer::test
