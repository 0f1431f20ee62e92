// The CUDA Gibbs sampler: the same template and kernels as the CPU build, compiled by nvcc.
#include "kernels/backend_cuda.cuh"
#include "sampling/gibbs_impl.hpp"

namespace spikewafer::sampling {

std::unique_ptr<GibbsSampler::Impl> make_cuda_gibbs(const GibbsSetup& setup) {
  return std::make_unique<GibbsChains<kernels::CudaBackend>>(setup);
}

}  // namespace spikewafer::sampling
