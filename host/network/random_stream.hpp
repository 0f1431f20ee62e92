// Counter-based random numbers for drawing connectivity. A stream is a pure function of
// (seed, projection, purpose, unit): Philox4x64-10 keyed by (seed, projection), counted by
// (unit, block, purpose, domain). Any thread may draw any unit in any order and get the same
// numbers, which is what makes the CSR independent of the thread count, and lets the counting
// pass and the writing pass redraw a unit identically without storing it.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace spikewafer {

// Separate streams per quantity, so that skipping the weight draws in the counting pass does
// not shift the connection draws.
enum class StreamPurpose : uint64_t { kConnect = 0, kWeight = 1, kDelay = 2 };

class RandomStream {
 public:
  RandomStream(uint64_t seed, uint32_t projection, StreamPurpose purpose, uint64_t unit) {
    key_ = {{seed, projection}};
    counter_ = {{unit, 0, static_cast<uint64_t>(purpose), kDomain}};
  }

  uint32_t next_u32() {
    if (next_ == 8) refill();
    const uint64_t word = block_.v[next_ / 2];
    const uint32_t value = static_cast<uint32_t>(next_ % 2 ? word >> 32 : word);
    ++next_;
    return value;
  }

  uint64_t next_u64() {
    const uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1]: safe to take the logarithm of.
  double uniform_open_low() { return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53; }

  // Standard normal (Box-Muller; the second value of each pair is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(uniform_open_low()));
    const double phi = 2.0 * 3.14159265358979323846 * uniform();
    spare_ = r * std::sin(phi);
    has_spare_ = true;
    return r * std::cos(phi);
  }

  // Uniform integer in [0, n), n > 0, without bias (Lemire's multiply-and-reject).
  uint32_t below(uint32_t n) {
    uint64_t m = uint64_t{next_u32()} * n;
    if (static_cast<uint32_t>(m) < n) {
      const uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (static_cast<uint32_t>(m) < threshold) m = uint64_t{next_u32()} * n;
    }
    return static_cast<uint32_t>(m >> 32);
  }

 private:
  // Keeps these streams apart from any other Philox use of the same seed in the simulator.
  static constexpr uint64_t kDomain = 0x73772d636f6e6e31;  // "sw-conn1"

  void refill() {
    block_ = r123::Philox4x64()(counter_, key_);
    ++counter_.v[1];
    next_ = 0;
  }

  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type counter_;
  r123::Philox4x64::ctr_type block_{};
  unsigned next_ = 8;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace spikewafer
