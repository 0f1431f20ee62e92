// A BrainScaleS-1 system of 1 to 20 wafer modules (Heidelberg ran 20). Wafers are joined only
// through their FPGAs (L2, off-wafer): L1 lines end at a wafer's edge.
#pragma once

#include <cstdint>
#include <vector>

#include "wafer/coordinates.hpp"
#include "wafer/hicann_grid.hpp"

namespace spikewafer::wafer {

class System {
 public:
  // Throws input_error unless 1 <= wafers <= 20.
  explicit System(int64_t wafers = kMaxWafers);

  uint32_t wafers() const { return wafers_; }
  uint32_t hicanns() const { return wafers_ * kHicannsPerWafer; }
  std::vector<WaferIndex> wafer_indices() const;

 private:
  uint32_t wafers_;
};

// A chip of the system.
struct HicannOnSystem {
  WaferIndex wafer;
  HicannOnWafer hicann;
};
inline bool operator==(const HicannOnSystem& a, const HicannOnSystem& b) {
  return a.wafer == b.wafer && a.hicann == b.hicann;
}

// Chips numbered over the system: wafer 384 + chip, as halco's HICANNGlobal.
uint32_t global_index(const HicannOnSystem& chip);
// Throws input_error for an index beyond the system's chips.
HicannOnSystem hicann_on_system(const System& system, int64_t global_index);

}  // namespace spikewafer::wafer
