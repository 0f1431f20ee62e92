// Linked instead of engine_cuda.cu when the CUDA backend is not built.
#include "engine/engine_interface.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

std::string cuda_unusable_reason() {
  return "this spikewafer was built without the CUDA backend (configure with "
         "-DSPIKEWAFER_CUDA=ON on a machine with nvcc)";
}

uint64_t cuda_free_bytes() { return 0; }

std::unique_ptr<EngineInterface> make_cuda_engine(HostModel&) {
  throw Error(ErrorKind::kBackend, cuda_unusable_reason());
}

}  // namespace spikewafer
