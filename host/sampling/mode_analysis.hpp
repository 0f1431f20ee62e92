// The modes of a distribution over binary states and the chains' hops between them. A mode is a
// state that no single flip makes more probable (a local maximum), kept only when its probability
// is at least `threshold` times that of the most probable state. Every state belongs to the basin
// of the mode that steepest ascent (flip to the most probable neighbour while that is more
// probable; ties to the lowest unit) reaches from it; states that ascend to a local maximum below
// the threshold belong to no basin. States are indexed as in exact_distribution.hpp (bit k = z_k).
//
// Two ways to assign a chain's samples to modes: by basin (every sample in a basin), or by core
// (only a sample that is a mode state itself; the chain keeps its mode in between). Sampled at
// short intervals, a chain near a basin boundary flickers across it, and by basin each flicker
// counts as two switches, so the count grows with the sampling density; by core only visits of
// another mode's own state count.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace spikewafer::sampling {

constexpr int32_t kNoMode = -1;

struct ModeMap {
  std::vector<uint64_t> modes;  // mode states, most probable first
  std::vector<int32_t> basin;   // per state: index into modes, or kNoMode
  std::vector<int32_t> core;    // per state: its index if it is a mode, else kNoMode
};

// log_p: log p(z) up to a constant for all 2^n states (may hold -infinity).
ModeMap find_modes(const Eigen::VectorXd& log_p, int n, double threshold);

// Counts, per chain, how often the basin of its latest sample changes. A sample in no basin
// leaves the chain's mode as it was; the first sample in a basin sets it without counting.
class ModeSwitchCounter {
 public:
  explicit ModeSwitchCounter(uint32_t chains) : current_(chains, kNoMode), switches_(chains, 0) {}

  void observe(uint32_t chain, int32_t basin) {
    if (basin == kNoMode) return;
    if (current_[chain] != kNoMode && current_[chain] != basin) ++switches_[chain];
    current_[chain] = basin;
  }
  uint64_t switches(uint32_t chain) const { return switches_[chain]; }
  uint64_t total() const {
    uint64_t sum = 0;
    for (uint64_t s : switches_) sum += s;
    return sum;
  }
  int32_t current(uint32_t chain) const { return current_[chain]; }

 private:
  std::vector<int32_t> current_;
  std::vector<uint64_t> switches_;
};

}  // namespace spikewafer::sampling
