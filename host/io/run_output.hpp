// Writing a run's results into an output folder: spikes.h5 (and traces.h5 when traces or rates
// were recorded), spikes.csv with --csv, summary.json. Every file is written under a temporary
// name in the same folder and renamed into place only when complete, so an interrupted or failed
// run leaves no half-written file.
#pragma once

#include <string>

#include "spikewafer/results.hpp"

namespace spikewafer {

struct OutputOptions {
  std::string dir;
  bool csv = false;
};

void write_run_output(const RunResult& result, const OutputOptions& options);

// summary.json's text (one JSON object; keys as RunSummary's fields).
std::string summary_json(const RunSummary& summary);

}  // namespace spikewafer
