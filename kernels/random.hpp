// Counter-based randomness (Random123 Philox4x32-10): every draw is a pure function of
// (replica seed, neuron, step, stream), so results do not depend on thread count, launch shape
// or backend, and need no generator state in memory.
#pragma once

#include <Random123/philox.h>

#include <cstdint>

#include "portability.hpp"

namespace spikewafer::kernels {

// What a draw is for; keeps the streams of different uses independent.
enum class Stream : uint32_t { kDynamics = 0, kInitial = 1, kSpinFlip = 2 };

struct Uniform4 {
  float u[4];  // each in [0, 1)
};

SW_HOST_DEVICE inline float unit_float(uint32_t bits) {
  return static_cast<float>(bits >> 8) * (1.0f / 16777216.0f);  // 24 random bits
}

SW_HOST_DEVICE inline Uniform4 philox_uniform4(uint64_t seed, uint32_t neuron, uint64_t step,
                                               Stream stream) {
  r123::Philox4x32 rng;
  r123::Philox4x32::key_type key = {
      {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  r123::Philox4x32::ctr_type ctr = {{neuron, static_cast<uint32_t>(step),
                                     static_cast<uint32_t>(step >> 32),
                                     static_cast<uint32_t>(stream)}};
  r123::Philox4x32::ctr_type r = rng(ctr, key);
  return {{unit_float(r[0]), unit_float(r[1]), unit_float(r[2]), unit_float(r[3])}};
}

// Counts up to this many events per step are drawn exactly; host/engine/model_constants.cpp
// refuses means above kMaxPoissonMean, for which P(count > kPoissonTerms) < 1e-9.
constexpr int kPoissonTerms = 32;
constexpr float kMaxPoissonMean = 8.0f;

// Poisson count with mean lambda by inversion of the CDF from one uniform u; p0 = exp(-lambda) is
// computed once on the host. The count is the number of CDF terms below u. A fixed number of
// terms (no early exit) keeps the loop free of data-dependent branches, so the CPU compiler
// vectorises the neuron update across neurons; terms past the count add nothing.
SW_HOST_DEVICE inline uint32_t poisson_from_uniform(float u, float lambda, float p0) {
  uint32_t k = 0;
  float p = p0;
  float cdf = p0;
  SW_UNROLL
  for (int j = 1; j <= kPoissonTerms; ++j) {
    k += static_cast<uint32_t>(u > cdf);
    p *= lambda / static_cast<float>(j);
    cdf += p;
  }
  return k;
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
