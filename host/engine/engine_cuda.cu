// The CUDA engine: the same engine template and kernels as the CPU build, compiled by nvcc.
#include "engine_impl.hpp"
#include "kernels/backend_cuda.cuh"

namespace spikewafer {

std::string cuda_unusable_reason() {
  int devices = 0;
  const cudaError_t status = cudaGetDeviceCount(&devices);
  if (status != cudaSuccess)
    return std::string("no usable CUDA device (") + cudaGetErrorString(status) + ")";
  if (devices == 0) return "no CUDA device found";
  return "";
}

uint64_t cuda_free_bytes() {
  size_t free_bytes = 0, total = 0;
  SW_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total));
  return free_bytes;
}

std::unique_ptr<EngineInterface> make_cuda_engine(HostModel& model) {
  return std::make_unique<Engine<kernels::CudaBackend>>(model, 1);
}

}  // namespace spikewafer
