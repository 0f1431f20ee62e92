// A network's weights as 16-bit codes into a table of its distinct values, which engines store
// instead of a float per synapse where they can (kernels/synapse_weights.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kernels/synapse_weights.hpp"

namespace spikewafer {

struct WeightCodes {
  std::vector<float> table;    // the distinct weights, ordered by their bit patterns
  std::vector<uint16_t> code;  // per synapse: table[code[k]] is weight[k], bit for bit
};

// The codes of `weight`, which is emptied on the way (its memory becomes the codes'), or nothing
// when it holds more than max_codes distinct values (told apart by bit pattern, so 0.0 and -0.0
// are two); `weight` is then left as it was. The same result for any thread count.
std::optional<WeightCodes> encode_weights(std::vector<float>& weight,
                                          uint64_t max_codes = kernels::kMaxWeightCodes);

}  // namespace spikewafer
