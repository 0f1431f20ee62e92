// The two ways the synapses' weights are stored; the delivery reads either as weights[k].
//   FloatWeights: a float per synapse, for any weights.
//   CodedWeights: a 16-bit code per synapse into a table of the network's distinct weights, used
//     where there are at most kMaxWeightCodes of them (a projection with a constant weight has
//     one): with the 32-bit target-and-delay word, 6 bytes per synapse instead of 8, and the
//     same values bit for bit, so results do not depend on which is used.
// A weight's sign selects the receptor (negative: inhibitory) in both.
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"

namespace spikewafer::kernels {

constexpr uint64_t kMaxWeightCodes = uint64_t{1} << 16;

struct FloatWeights {
  DeviceSpan<float> weight;
  SW_HOST_DEVICE float operator[](uint64_t k) const { return weight[k]; }
};

struct CodedWeights {
  DeviceSpan<uint16_t> code;  // per synapse
  DeviceSpan<float> table;    // per distinct weight
  SW_HOST_DEVICE float operator[](uint64_t k) const { return table[code[k]]; }
};

}  // namespace spikewafer::kernels
