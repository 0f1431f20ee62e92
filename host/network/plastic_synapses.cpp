#include "plastic_synapses.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "connectors.hpp"
#include "kernels/synapse_packing.hpp"

namespace spikewafer {

kernels::StdpRule stdp_rule(const Projection& projection) {
  const Stdp& s = projection.stdp;
  kernels::StdpRule rule;
  rule.a_plus = static_cast<float>(s.A_plus);
  rule.a_minus = static_cast<float>(s.A_minus);
  rule.w_min = static_cast<float>(s.w_min);
  rule.w_max = static_cast<float>(s.w_max);
  rule.multiplicative = s.dependence == WeightDependence::kMultiplicative;
  rule.nearest = s.pairing == StdpPairing::kNearest;
  rule.receptor = projection.receptor == Receptor::kInhibitory;
  return rule;
}

namespace {

struct Drawn {
  uint32_t pre, post, delay;
  float weight;
};

// Every synapse of one plan, in draw order (units in order, each unit's synapses in order).
std::vector<Drawn> draw_all(const connectors::ProjectionPlan& plan) {
  std::vector<Drawn> all;
  connectors::UnitSynapses unit;
  for (uint64_t u = 0; u < plan.units; ++u) {
    connectors::draw_unit(plan, u, true, unit);
    for (size_t i = 0; i < unit.pre.size(); ++i)
      all.push_back({unit.pre[i] - plan.source_offset, unit.post[i], unit.delay_steps[i],
                     unit.weight[i]});
  }
  return all;
}

PlasticProjection plastic_projection(const connectors::ProjectionPlan& plan, double dt) {
  const Projection& projection = *plan.projection;
  PlasticProjection p;
  p.projection = plan.index;
  p.source_first = plan.source_offset;
  p.source_size = plan.source_size;
  p.target_first = plan.target_offset;
  p.target_size = plan.target_size;
  p.rule = stdp_rule(projection);
  p.decay_plus = static_cast<float>(std::exp(-dt / projection.stdp.tau_plus));
  p.decay_minus = static_cast<float>(std::exp(-dt / projection.stdp.tau_minus));

  const std::vector<Drawn> drawn = draw_all(plan);
  std::vector<uint64_t> order(drawn.size());
  std::iota(order.begin(), order.end(), uint64_t{0});
  std::stable_sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) {
    return drawn[a].pre != drawn[b].pre ? drawn[a].pre < drawn[b].pre : drawn[a].post < drawn[b].post;
  });
  p.row_ptr.assign(uint64_t{p.source_size} + 1, 0);
  p.col_ptr.assign(uint64_t{p.target_size} + 1, 0);
  for (const Drawn& d : drawn) {
    ++p.row_ptr[d.pre + 1];
    ++p.col_ptr[d.post - p.target_first + 1];
  }
  std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
  std::partial_sum(p.col_ptr.begin(), p.col_ptr.end(), p.col_ptr.begin());
  p.draw_order = order;
  p.col_synapse.resize(drawn.size());
  p.col_source.resize(drawn.size());
  std::vector<uint64_t> fill(p.col_ptr.begin(), p.col_ptr.end() - 1);
  for (uint64_t k = 0; k < order.size(); ++k) {
    const Drawn& d = drawn[order[k]];
    p.target_delay.push_back(kernels::pack_target_delay(d.post, d.delay));
    // The mapping's weights are signed like the CSR's; plastic weights are magnitudes.
    p.weight.push_back(d.weight < 0.0f ? -d.weight : d.weight);
    p.max_delay_steps = std::max(p.max_delay_steps, d.delay);
    const uint64_t at = fill[d.post - p.target_first]++;
    p.col_synapse[at] = k;
    p.col_source[at] = d.pre;
  }
  return p;
}

}  // namespace

std::vector<PlasticProjection> build_plastic_projections(const Network& network) {
  std::vector<PlasticProjection> out;
  for (const connectors::ProjectionPlan& plan : connectors::plan_projections(network))
    if (plan.projection->stdp.enabled)
      out.push_back(plastic_projection(plan, network.simulation.dt));
  return out;
}

}  // namespace spikewafer
