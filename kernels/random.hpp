// Counter-based randomness (Random123 Philox4x32-10): every draw is a pure function of
// (replica seed, neuron, step, stream), so results do not depend on thread count, launch shape
// or backend, and need no generator state in memory.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

#include "portability.hpp"

namespace spikewafer::kernels {

// What a draw is for; keeps the streams of different uses independent.
enum class Stream : uint32_t {
  kDynamics = 0, kInitial = 1, kSpinFlip = 2, kCurrentNoise = 3, kRelease = 4
};

struct Uniform4 {
  float u[4];  // each in [0, 1)
};

SW_HOST_DEVICE SW_FORCE_INLINE float unit_float(uint32_t bits) {
  return static_cast<float>(bits >> 8) * (1.0f / 16777216.0f);  // 24 random bits
}

// `substream` (< 2^24) sets apart draws of one stream that share seed, neuron and step.
SW_HOST_DEVICE SW_FORCE_INLINE Uniform4 philox_uniform4(uint64_t seed, uint32_t neuron, uint64_t step,
                                               Stream stream, uint32_t substream = 0) {
  r123::Philox4x32 rng;
  r123::Philox4x32::key_type key = {
      {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  r123::Philox4x32::ctr_type ctr = {{neuron, static_cast<uint32_t>(step),
                                     static_cast<uint32_t>(step >> 32),
                                     static_cast<uint32_t>(stream) | substream << 8}};
  r123::Philox4x32::ctr_type r = rng(ctr, key);
  return {{unit_float(r[0]), unit_float(r[1]), unit_float(r[2]), unit_float(r[3])}};
}

// Counts up to this many events per step are drawn exactly; host/engine/model_constants.cpp
// refuses means above kMaxPoissonMean, for which P(count > kPoissonTerms) < 1e-9.
constexpr int kPoissonTerms = 32;
constexpr float kMaxPoissonMean = 8.0f;

// The CDF of a Poisson count, cdf[j] = P(count <= j), tabulated on the host (poisson_table) for
// each population and replica, since the mean is the same for all their neurons.
struct PoissonTable {
  float cdf[kPoissonTerms];
};

// A Poisson count by inversion of the CDF from one uniform u: the number of table entries below
// u. The 32 comparisons are independent (no division, no dependent chain, no early exit), so the
// CPU compiler vectorises the neuron update across neurons, and the scalar path is cheap too.
SW_HOST_DEVICE SW_FORCE_INLINE uint32_t poisson_from_table(float u, const PoissonTable& table) {
  uint32_t k = 0;
  SW_UNROLL
  for (int j = 0; j < kPoissonTerms; ++j) k += static_cast<uint32_t>(u > table.cdf[j]);
  return k;
}

// Host side: the table for mean `lambda` (double precision, then rounded once).
inline PoissonTable poisson_table(double lambda) {
  PoissonTable table;
  double p = 1.0, cdf = 0.0;
  for (int j = 0; j < kPoissonTerms; ++j) {
    p = j == 0 ? std::exp(-lambda) : p * lambda / j;
    cdf += p;
    table.cdf[j] = static_cast<float>(cdf < 1.0 ? cdf : 1.0);
  }
  return table;
}

// A 64-bit seed for replica r derived from the run seed (splitmix64 finaliser), so replicas are
// independent unless the user gives them equal seeds explicitly.
inline uint64_t replica_seed(uint64_t run_seed, uint32_t replica) {
  uint64_t z = run_seed + 0x9E3779B97F4A7C15ull * (static_cast<uint64_t>(replica) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace spikewafer::kernels
