// Gibbs (heat-bath / Glauber) and Metropolis updates of binary units z in {0, 1}, for many chains
// that share one coupling graph. Chain c samples p(z) ~ exp(alpha_c z^T W z / 2 +
// (gamma_c b + beta_c)^T z). The update math exists only here, for every backend.
//
// Randomness: one Philox4x32 draw per update, keyed by the chain's seed and the counter
// (index, sweep, sweep >> 32, Stream::kSpinFlip), where index is the unit (sequential and
// coloured orders) or the sub-step within the sweep (random order). Nothing depends on the
// thread that runs an update, so results are the same for any thread count and backend.
//
// Arithmetic is in double: nvcc may fuse a multiply-add that the host compiler does not (or the
// reverse) and the two exp()s may differ in the last bit, so CPU and GPU can disagree about p by
// about 1e-16; a decision u < p then differs only if u falls in between, about once in 10^16
// updates (u lies on a grid of 2^-32: a grid point falls between the two p's with a chance of
// about 1e-16 / 2^-32, and u is that point with a chance of 2^-32). The CPU/GPU comparison of
// gibbs_sampler_test.cpp (350,000 updates) can therefore ask for the same states. In float the
// same would happen about once in 10^7 updates.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"
#include "random.hpp"

namespace spikewafer::kernels {

enum class FlipRule : uint8_t { kHeatBath, kMetropolis };

// The couplings shared by all chains, in CSR by unit (row i lists the neighbours of unit i).
struct CouplingView {
  DeviceSpan<uint64_t> row_ptr;
  DeviceSpan<uint32_t> column;
  DeviceSpan<float> weight;
  DeviceSpan<float> bias;
  uint32_t size = 0;  // units per chain
};

// How chain c rescales the shared couplings: W_c = alpha W, b_c = gamma b + beta.
struct ChainScale {
  double alpha = 1.0;
  double gamma = 1.0;
  double beta = 0.0;
};

// The states of all chains, chain-major (z[c * size + i]), with each chain's scale and seed.
struct ChainsView {
  DeviceSpan<uint8_t> z;
  DeviceSpan<ChainScale> scale;
  DeviceSpan<uint64_t> seed;
};

// The four 32-bit words of the Philox draw for (seed, index, sweep).
SW_HOST_DEVICE inline r123::Philox4x32::ctr_type spin_flip_bits(uint64_t seed, uint32_t index,
                                                                uint64_t sweep) {
  const r123::Philox4x32::key_type key = {
      {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type counter = {
      {index, static_cast<uint32_t>(sweep), static_cast<uint32_t>(sweep >> 32),
       static_cast<uint32_t>(Stream::kSpinFlip)}};
  return r123::Philox4x32()(counter, key);
}

// A uniform number in [0, 1) on a grid of 2^-32; exact in double.
SW_HOST_DEVICE inline double unit_double(uint32_t bits) {
  return static_cast<double>(bits) * (1.0 / 4294967296.0);
}

// A uniform unit index in [0, n) from 32 random bits (multiply-shift: bias below n / 2^32).
SW_HOST_DEVICE inline uint32_t unit_index(uint32_t bits, uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(bits) * n) >> 32);
}

// One update of one unit of one chain, given a uniform u in [0, 1).
template <FlipRule kRule>
struct SpinFlip {
  CouplingView graph;
  ChainsView chains;

  // f = alpha sum_j W_ij z_j + gamma b_i + beta: log p(z_i = 1 | rest) - log p(z_i = 0 | rest).
  SW_HOST_DEVICE double local_field(const ChainScale& s, const uint8_t* z, uint32_t i) const {
    double sum = 0.0;
    // z_j is 0 or 1, so w * z_j is exact and a fused multiply-add rounds like the unfused one.
    for (uint64_t k = graph.row_ptr[i]; k < graph.row_ptr[i + 1]; ++k)
      sum += static_cast<double>(graph.weight[k]) * static_cast<double>(z[graph.column[k]]);
    return s.alpha * sum + s.gamma * static_cast<double>(graph.bias[i]) + s.beta;
  }

  SW_HOST_DEVICE void operator()(uint32_t chain, uint32_t i, double u) const {
    uint8_t* z = chains.z.data() + static_cast<uint64_t>(chain) * graph.size;
    const double f = local_field(chains.scale[chain], z, i);
    if (kRule == FlipRule::kHeatBath) {
      // p(z_i = 1 | rest) = 1 / (1 + exp(-f)); exp overflows to inf for f < -709, giving p = 0.
      z[i] = static_cast<uint8_t>(u < 1.0 / (1.0 + ::exp(-f)));
    } else {
      // Flipping changes log p by (1 - 2 z_i) f; accept with min(1, exp(that)). A gain is
      // accepted without an exp, which also keeps both backends' decisions identical there.
      const double gain = z[i] ? -f : f;
      if (gain >= 0.0 || u < ::exp(gain)) z[i] = static_cast<uint8_t>(1 - z[i]);
    }
  }
};

// (a) Sequential sweeps: one item per chain; each updates units 0..N-1 in order, `sweeps` times.
template <FlipRule kRule>
struct SequentialSweeps {
  SpinFlip<kRule> flip;
  uint64_t first_sweep = 0;
  uint64_t sweeps = 0;

  SW_HOST_DEVICE void operator()(uint64_t chain) const {
    const uint32_t c = static_cast<uint32_t>(chain);
    const uint64_t seed = flip.chains.seed[c];
    for (uint64_t s = first_sweep; s < first_sweep + sweeps; ++s)
      for (uint32_t i = 0; i < flip.graph.size; ++i)
        flip(c, i, unit_double(spin_flip_bits(seed, i, s)[0]));
  }
};

// (b) Random sweeps: one item per chain; a sweep is N updates of units drawn uniformly.
template <FlipRule kRule>
struct RandomSweeps {
  SpinFlip<kRule> flip;
  uint64_t first_sweep = 0;
  uint64_t sweeps = 0;

  SW_HOST_DEVICE void operator()(uint64_t chain) const {
    const uint32_t c = static_cast<uint32_t>(chain);
    const uint64_t seed = flip.chains.seed[c];
    const uint32_t n = flip.graph.size;
    for (uint64_t s = first_sweep; s < first_sweep + sweeps; ++s)
      for (uint32_t k = 0; k < n; ++k) {
        const r123::Philox4x32::ctr_type bits = spin_flip_bits(seed, k, s);
        flip(c, unit_index(bits[0], n), unit_double(bits[1]));
      }
  }
};

// (c) One colour of a coloured (block Gibbs, checkerboard) sweep: one item per (chain, unit of
// the colour). Units of one colour are not neighbours, so they update in parallel without races,
// and the result equals updating them one after the other.
template <FlipRule kRule>
struct ColourUpdate {
  SpinFlip<kRule> flip;
  DeviceSpan<uint32_t> units;  // the units of this colour
  uint64_t sweep = 0;

  SW_HOST_DEVICE void operator()(uint64_t item) const {
    const uint64_t count = units.size();
    const uint32_t c = static_cast<uint32_t>(item / count);
    const uint32_t i = units[item - c * count];
    flip(c, i, unit_double(spin_flip_bits(flip.chains.seed[c], i, sweep)[0]));
  }
};

}  // namespace spikewafer::kernels
