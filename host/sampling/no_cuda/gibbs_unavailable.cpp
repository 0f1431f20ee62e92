// Linked instead of gibbs_cuda.cu when the CUDA backend is not built.
#include "engine/engine_interface.hpp"
#include "sampling/gibbs_impl.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

std::unique_ptr<GibbsSampler::Impl> make_cuda_gibbs(const GibbsSetup&) {
  throw Error(ErrorKind::kBackend, cuda_unusable_reason());
}

}  // namespace spikewafer::sampling
