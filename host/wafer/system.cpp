#include "wafer/system.hpp"

#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {

System::System(int64_t wafers) {
  if (wafers < 1 || wafers > static_cast<int64_t>(kMaxWafers)) {
    throw input_error("a BrainScaleS-1 system has 1 to " + std::to_string(kMaxWafers) +
                      " wafers (got " + std::to_string(wafers) +
                      "): the Heidelberg system holds 20 wafer modules");
  }
  wafers_ = static_cast<uint32_t>(wafers);
}

std::vector<WaferIndex> System::wafer_indices() const {
  std::vector<WaferIndex> indices;
  for (uint32_t w = 0; w < wafers_; ++w) indices.emplace_back(w);
  return indices;
}

uint32_t global_index(const HicannOnSystem& chip) {
  return chip.wafer.value() * kHicannsPerWafer + chip.hicann.index();
}

HicannOnSystem hicann_on_system(const System& system, int64_t global_index) {
  if (global_index < 0 || global_index >= static_cast<int64_t>(system.hicanns())) {
    throw input_error("HICANN " + std::to_string(global_index) + " is not in a system of " +
                      std::to_string(system.wafers()) + " wafers (chips 0 to " +
                      std::to_string(system.hicanns() - 1) + ")");
  }
  return {WaferIndex(global_index / kHicannsPerWafer),
          HicannOnWafer(global_index % kHicannsPerWafer)};
}

}  // namespace spikewafer::wafer
