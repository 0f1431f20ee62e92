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

// `summary_extra`: a JSON object's text whose keys summary.json gains after RunSummary's (run
// --wafer's "wafer" block); empty: none.
void write_run_output(const RunResult& result, const OutputOptions& options,
                      const std::string& summary_extra = "");

// summary.json's text (one JSON object; keys as RunSummary's fields, then those of `extra`, a
// JSON object's text, when it is not empty).
std::string summary_json(const RunSummary& summary, const std::string& extra = "");

}  // namespace spikewafer
