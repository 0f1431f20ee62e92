#include "plastic_synapses.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "connectors.hpp"
#include "unit_workers.hpp"
#include "kernels/synapse_packing.hpp"
#include "spikewafer/error.hpp"

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

// Every synapse of one plan, in draw order (units in order, each unit's synapses in order),
// drawn on several threads: worker w draws the w-th share of the units (unit_workers.hpp), so
// the workers' lists one after another are the draw order.
std::vector<Drawn> draw_all(const connectors::ProjectionPlan& plan) {
  const std::vector<connectors::ProjectionPlan> plans{plan};
  const int workers = connectors::drawing_workers(
      plan.source_offset + plan.source_size,
      connectors::expected_synapses(*plan.projection, plan.source_size, plan.target_size, false));
  std::vector<std::vector<Drawn>> shares(workers);
  connectors::for_each_share(
      plans, connectors::all_units(plans), workers, true,
      [&](int w, size_t, uint64_t, const connectors::UnitSynapses& unit) {
        for (size_t i = 0; i < unit.pre.size(); ++i)
          shares[w].push_back({unit.pre[i] - plan.source_offset, unit.post[i], unit.delay_steps[i],
                               unit.weight[i]});
      },
      [](int) {});
  std::vector<Drawn> all = std::move(shares[0]);
  for (int w = 1; w < workers; ++w) {
    all.insert(all.end(), shares[w].begin(), shares[w].end());
    shares[w] = {};
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

  std::vector<Drawn> drawn = draw_all(plan);
  if (drawn.size() > UINT32_MAX)
    throw input_error(plan.context + ": a projection with stdp may have at most 4,294,967,295 "
                      "synapses; split it");
  // Column order. Connectors draw in target order; a list in another order is sorted (stably).
  const auto by_target = [](const Drawn& a, const Drawn& b) { return a.post < b.post; };
  if (!std::is_sorted(drawn.begin(), drawn.end(), by_target)) {
    std::vector<uint64_t> order(drawn.size());
    std::iota(order.begin(), order.end(), uint64_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](uint64_t a, uint64_t b) { return drawn[a].post < drawn[b].post; });
    std::vector<Drawn> sorted(drawn.size());
    for (uint64_t c = 0; c < order.size(); ++c) sorted[c] = drawn[order[c]];
    drawn = std::move(sorted);
    p.draw_order = std::move(order);
  }
  const uint64_t n = drawn.size();
  p.col_ptr.assign(uint64_t{p.target_size} + 1, 0);
  p.row_ptr.assign(uint64_t{p.source_size} + 1, 0);
  p.col_source.resize(n);
  for (uint64_t c = 0; c < n; ++c) {
    const Drawn& d = drawn[c];
    ++p.col_ptr[d.post - p.target_first + 1];
    ++p.row_ptr[d.pre + 1];
    p.col_source[c] = d.pre;
    p.max_delay_steps = std::max(p.max_delay_steps, d.delay);
  }
  std::partial_sum(p.col_ptr.begin(), p.col_ptr.end(), p.col_ptr.begin());
  std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
  // Rows: walking the columns in order fills every row in target order (one pass of scattered
  // writes; the columns are written in order).
  std::vector<uint64_t> fill(p.row_ptr.begin(), p.row_ptr.end() - 1);
  p.col_synapse.resize(n);
  p.target_delay.resize(n);
  p.weight.resize(n);
  for (uint64_t c = 0; c < n; ++c) {
    const Drawn& d = drawn[c];
    const uint64_t at = fill[d.pre]++;
    p.col_synapse[c] = static_cast<uint32_t>(at);
    p.target_delay[at] = kernels::pack_target_delay(d.post, d.delay);
    // The mapping's weights are signed like the CSR's; plastic weights are magnitudes.
    p.weight[at] = d.weight < 0.0f ? -d.weight : d.weight;
  }
  return p;
}

}  // namespace

void synapse_ends(const PlasticProjection& p, std::vector<uint32_t>& pre, std::vector<uint32_t>& post) {
  const uint64_t n = p.synapses();
  pre.resize(n);
  post.resize(n);
  for (uint32_t t = 0; t < p.target_size; ++t)
    for (uint64_t c = p.col_ptr[t]; c < p.col_ptr[t + 1]; ++c) {
      const uint64_t at = p.draw_order.empty() ? c : p.draw_order[c];
      pre[at] = p.col_source[c];
      post[at] = t;
    }
}

std::vector<PlasticProjection> build_plastic_projections(const Network& network) {
  std::vector<PlasticProjection> out;
  for (const connectors::ProjectionPlan& plan : connectors::plan_projections(network))
    if (plan.projection->stdp.enabled)
      out.push_back(plastic_projection(plan, network.simulation.dt));
  return out;
}

}  // namespace spikewafer
