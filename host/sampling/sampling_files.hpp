// A sampling run on disk (all written atomically):
//   distribution.csv  state,p_target,p_sampled,p_gibbs      (N <= 20; state as "z_0 z_1 ...")
//   dkl.csv           time_ms,dkl_spiking,dkl_spiking_std,dkl_gibbs,dkl_gibbs_std
//   marginals.csv     unit,p_target,p_sampled,p_gibbs
//   correlations.csv  i,j,target,sampled,gibbs              (<z_i z_j>, N <= 64)
//   translation.csv   parameter,i,j,target,network          (translation = "corrected": W per
//                                                            pair i < j, b per unit)
//   sample.json       final DKLs, sample counts, wall times, the settings
// Empty fields are quantities that were not computed (no exact target, no Gibbs run).
#pragma once

#include <string>

#include "sampling/sampling_run.hpp"

namespace spikewafer::sampling {

void write_sampling_report(const std::string& dir, const SamplingReport& report,
                           const SampleConfig& config);

}  // namespace spikewafer::sampling
