// The tempering comparison on disk (written atomically):
//   tempering.csv   time_ms,variant,dkl,dkl_std,mode_switches_per_s   (one curve per variant)
//   tempering.json  the modes, per-variant totals, the noise variant's temperatures, settings
#pragma once

#include <string>

#include "sampling/tempering_run.hpp"

namespace spikewafer::sampling {

std::string tempering_csv(const TemperingReport& report);
void write_tempering_report(const std::string& dir, const TemperingReport& report,
                            const SampleConfig& config);

}  // namespace spikewafer::sampling
