// Progress line on stderr for runs longer than a few seconds.
#pragma once

#include <functional>
#include <string>

namespace spikewafer::cli {

// A progress callback that stays silent for the first `quiet_s` seconds, then redraws one line.
std::function<void(double fraction, double elapsed_s)> progress_printer(double quiet_s = 2.0);
// Ends the progress line, if one was drawn.
void finish_progress();
// One line of progress or news on stderr: "spikewafer: <line>".
void say(const std::string& line);

}  // namespace spikewafer::cli
