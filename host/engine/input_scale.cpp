#include "input_scale.hpp"

#include <algorithm>
#include <cmath>

#include "io/number_text.hpp"
#include "kernels/synapse_packing.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

InputBounds input_bounds(const Connectivity& c, const std::vector<PlasticProjection>& plastic) {
  std::vector<double> sum(2 * static_cast<size_t>(c.neurons), 0.0);  // per target and receptor
  InputBounds b;
  for (uint64_t k = 0; k < c.synapses(); ++k) {
    const float w = c.weight[k];
    if (w == 0.0f) continue;
    const uint32_t target = kernels::unpack_target(c.target_delay[k]);
    sum[2 * size_t{target} + (w < 0.0f ? 1 : 0)] += std::abs(w);
    b.smallest = std::min(b.smallest, std::abs(w));
  }
  for (const PlasticProjection& p : plastic) {
    const float w = p.rule.w_max;
    if (w == 0.0f) continue;
    for (uint32_t packed : p.target_delay) sum[2 * size_t{kernels::unpack_target(packed)} + p.rule.receptor] += w;
    b.smallest = std::min(b.smallest, w);
  }
  if (!sum.empty()) b.largest_sum = *std::max_element(sum.begin(), sum.end());
  return b;
}

float input_scale(const InputBounds& bounds, const std::vector<float>& weight_scale,
                  const std::string& source, float at_most) {
  const float smallest = bounds.smallest;
  const double largest_scale = weight_scale.empty()
                                   ? 1.0
                                   : *std::max_element(weight_scale.begin(), weight_scale.end());
  const double worst = bounds.largest_sum * largest_scale;
  if (worst <= 0.0) return std::min(1.0f, at_most);
  // 2^30 leaves a factor of two below int32's limit for rounding; 2^40 is plenty of resolution.
  const int exponent = std::min(40, static_cast<int>(std::floor(std::log2(std::ldexp(1.0, 30) / worst))));
  const float ideal = std::ldexp(1.0f, exponent), scale = std::min(ideal, at_most);
  if (static_cast<double>(smallest) * scale < 4096.0)
    throw input_error(source + ": synaptic weights span too wide a range: the smallest (" +
                      number_text(smallest) + ") cannot be resolved when one neuron can receive " +
                      number_text(worst) + " in total" +
                      (scale < ideal ? " and as much input is already on its way" : "") +
                      "; scale weights so that they differ by less than a factor 2^18");
  return scale;
}

}  // namespace spikewafer
