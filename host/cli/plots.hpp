// Running the plot scripts (scripts/plots/*.py) after a command has written its tables. Plots
// are a convenience: when Python or matplotlib is missing the command says so and still succeeds.
#pragma once

#include <string>
#include <vector>

namespace spikewafer::cli {

// Runs `/usr/bin/python3 <plots>/<script> args...`; <plots> is $SPIKEWAFER_PLOTS if set, else
// the source tree's scripts/plots. Returns whether it succeeded; prints a note if not.
bool run_plot_script(const std::string& script, const std::vector<std::string>& args);

}  // namespace spikewafer::cli
