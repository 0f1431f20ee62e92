#include "plots.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace spikewafer::cli {
namespace {

// Single quotes for the shell, with embedded quotes escaped.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string plots_dir() {
  if (const char* dir = std::getenv("SPIKEWAFER_PLOTS")) return dir;
  return std::string(SPIKEWAFER_SOURCE_DIR) + "/scripts/plots";
}

}  // namespace

bool run_plot_script(const std::string& script, const std::vector<std::string>& args) {
  const std::string path = plots_dir() + "/" + script;
  // Debian's interpreter: its python3-matplotlib is what scripts/install-deps.sh installs.
  const char* python = "/usr/bin/python3";
  if (!std::filesystem::exists(path) || !std::filesystem::exists(python)) {
    std::cerr << "spikewafer: note: no plots (" << path << " or " << python
              << " not found; set SPIKEWAFER_PLOTS to the scripts/plots folder)\n";
    return false;
  }
  std::string command = std::string(python) + " " + quoted(path);
  for (const auto& a : args) command += " " + quoted(a);
  const int status = std::system(command.c_str());
  if (status != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "spikewafer: note: the plot script " << script
              << " failed; the tables are written, plot them with: " << command << "\n";
    return false;
  }
  return true;
}

}  // namespace spikewafer::cli
