// The CPU engine: the engine template over Thrust's OpenMP system.
#include <omp.h>

#include "engine_impl.hpp"
#include "kernels/backend_cpu.hpp"

namespace spikewafer {

std::unique_ptr<EngineInterface> make_cpu_engine(HostModel& model, int threads) {
  if (threads > 0) omp_set_num_threads(threads);
  return std::make_unique<Engine<kernels::CpuBackend>>(model, omp_get_max_threads());
}

}  // namespace spikewafer
