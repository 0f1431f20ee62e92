// A synapse's target (24 bits) and delay in steps (8 bits) in one 32-bit word; its weight is
// stored apart (synapse_weights.hpp), in 2 or 4 bytes. At most 8 bytes per synapse is a project
// goal; the limits the word implies are checked on the host when the connectivity is built.
#pragma once

#include <cstdint>

#include "portability.hpp"

namespace spikewafer::kernels {

constexpr uint32_t kDelayBits = 8;
constexpr uint32_t kMaxDelaySteps = (1u << kDelayBits) - 1;    // 255
constexpr uint32_t kMaxTargets = 1u << (32 - kDelayBits);       // 16,777,216 neurons

SW_HOST_DEVICE inline uint32_t pack_target_delay(uint32_t target, uint32_t delay_steps) {
  return (target << kDelayBits) | delay_steps;
}
SW_HOST_DEVICE inline uint32_t unpack_target(uint32_t packed) { return packed >> kDelayBits; }
SW_HOST_DEVICE inline uint32_t unpack_delay(uint32_t packed) { return packed & kMaxDelaySteps; }

}  // namespace spikewafer::kernels
