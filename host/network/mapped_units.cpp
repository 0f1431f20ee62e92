#include "mapped_units.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::connectors {

void check_mapped(const ProjectionPlan& plan, const MappedSynapses& m) {
  if (m.unit_offsets.size() != plan.units + 1 || m.weight.size() != m.unit_offsets.back() ||
      !(m.delay_steps.empty() || m.delay_steps.size() == m.weight.size()))
    throw input_error(plan.context + ": its mapped synapses were made for another connector (" +
                      std::to_string(m.unit_offsets.size() - 1) + " units, " +
                      std::to_string(plan.units) + " here); map the network again");
}

void keep_realised(const ProjectionPlan& plan, uint64_t unit, bool with_values, UnitSynapses& out) {
  const MappedSynapses& m = *plan.mapped;
  const uint64_t first = m.unit_offsets[unit];
  if (m.unit_offsets[unit + 1] - first != out.pre.size())
    throw input_error(plan.context + ": its mapped synapses were made for another network (unit " +
                      std::to_string(unit) + " draws " + std::to_string(out.pre.size()) +
                      " synapses, the mapping has " +
                      std::to_string(m.unit_offsets[unit + 1] - first) + "); map it again");
  size_t kept = 0;
  for (size_t i = 0; i < out.pre.size(); ++i) {
    const float w = m.weight[first + i];
    if (std::isnan(w)) continue;
    out.pre[kept] = out.pre[i];
    if (with_values) {
      out.post[kept] = out.post[i];
      out.weight[kept] = plan.sign * w;
      out.delay_steps[kept] = m.delay_steps.empty() ? out.delay_steps[i]
                                                    : std::max<uint8_t>(m.delay_steps[first + i], 1);
      if (!out.release.empty()) out.release[kept] = out.release[i];
    }
    ++kept;
  }
  out.pre.resize(kept);
  if (with_values) {
    out.post.resize(kept);
    out.weight.resize(kept);
    out.delay_steps.resize(kept);
    if (!out.release.empty()) out.release.resize(kept);
  }
}

}  // namespace spikewafer::connectors
