// The fixed-point scale of the synaptic ring buffer (kernels/fixed_point.hpp) for one network.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "network/connectivity.hpp"
#include "network/plastic_synapses.hpp"

namespace spikewafer {

// What the scale depends on in a network's synapses: the largest summed weight onto any one
// neuron and receptor, and the smallest weight (0 and infinity without synapses). Kept by the
// simulator, so that the scale can be found again when replica weight scales change mid-run.
struct InputBounds {
  double largest_sum = 0.0;
  float smallest = INFINITY;
};
// Plastic synapses count at their largest weight, w_max.
InputBounds input_bounds(const Connectivity& c, const std::vector<PlasticProjection>& plastic = {});

// The largest power of two such that the summed weight of every synapse onto any one neuron and
// receptor (times the largest replica weight scale) stays below 2^30, i.e. a ring-buffer slot
// cannot overflow even if every input arrived in the same step; no larger than `at_most` (what
// input already on its way in a running simulator allows). Throws an input error naming
// `source` if the smallest weight would then be resolved to less than 1 part in 2^12.
float input_scale(const InputBounds& bounds, const std::vector<float>& weight_scale,
                  const std::string& source, float at_most = INFINITY);

}  // namespace spikewafer
