// The CPU Gibbs sampler: the sampler template over Thrust's OpenMP system.
#include <omp.h>

#include "kernels/backend_cpu.hpp"
#include "sampling/gibbs_impl.hpp"

namespace spikewafer::sampling {

std::unique_ptr<GibbsSampler::Impl> make_cpu_gibbs(const GibbsSetup& setup, int threads) {
  if (threads > 0) omp_set_num_threads(threads);
  return std::make_unique<GibbsChains<kernels::CpuBackend>>(setup);
}

}  // namespace spikewafer::sampling
