#include "sampling/mode_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

ModeMap find_modes(const Eigen::VectorXd& log_p, int n, double threshold) {
  const uint64_t states = uint64_t{1} << n;
  if (n < 1 || n > 30 || static_cast<uint64_t>(log_p.size()) != states)
    throw input_error("find_modes: expected 2^n log-probabilities for 1 <= n <= 30 units");
  // The steepest single-flip step from each state (itself at a local maximum).
  std::vector<uint64_t> next(states);
  for (uint64_t s = 0; s < states; ++s) {
    uint64_t best = s;
    for (int k = 0; k < n; ++k) {
      const uint64_t t = s ^ (uint64_t{1} << k);
      if (log_p[static_cast<Eigen::Index>(t)] > log_p[static_cast<Eigen::Index>(best)]) best = t;
    }
    next[s] = best;
  }
  // Local maxima above the threshold, most probable first.
  const double top = log_p.maxCoeff();
  const double floor = threshold > 0 ? top + std::log(threshold) : -INFINITY;
  ModeMap map;
  for (uint64_t s = 0; s < states; ++s)
    if (next[s] == s && log_p[static_cast<Eigen::Index>(s)] >= floor &&
        std::isfinite(log_p[static_cast<Eigen::Index>(s)]))
      map.modes.push_back(s);
  std::stable_sort(map.modes.begin(), map.modes.end(), [&](uint64_t a, uint64_t b) {
    return log_p[static_cast<Eigen::Index>(a)] > log_p[static_cast<Eigen::Index>(b)];
  });
  // Basins: follow the steps to a maximum; paths strictly ascend, so they end. Each state is
  // resolved once: a path stops at the first state already resolved.
  constexpr int32_t kUnresolved = -2;
  map.basin.assign(states, kUnresolved);
  for (uint64_t s = 0; s < states; ++s) {
    if (next[s] != s) continue;
    const auto m = std::find(map.modes.begin(), map.modes.end(), s);
    map.basin[s] = m == map.modes.end() ? kNoMode : static_cast<int32_t>(m - map.modes.begin());
  }
  std::vector<uint64_t> path;
  for (uint64_t s = 0; s < states; ++s) {
    uint64_t t = s;
    path.clear();
    while (map.basin[t] == kUnresolved) {
      path.push_back(t);
      t = next[t];
    }
    for (uint64_t p : path) map.basin[p] = map.basin[t];
  }
  map.core.assign(states, kNoMode);
  for (size_t m = 0; m < map.modes.size(); ++m) map.core[map.modes[m]] = static_cast<int32_t>(m);
  return map;
}

}  // namespace spikewafer::sampling
