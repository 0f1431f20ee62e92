// A mapped projection (Projection::mapped, set by a hardware mapping): the engine draws the
// connector's synapses as before and keeps exactly the realised ones, with their weights and,
// where given, their delays; a mapping made for another connector is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <tuple>

#include "kernels/synapse_packing.hpp"
#include "network/connectivity.hpp"
#include "network/connectors.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

Network two_populations() {
  Network n;
  for (const char* name : {"a", "b"}) {
    Population p;
    p.name = name;
    p.size = 300;
    n.populations.push_back(p);
  }
  Projection p;
  p.source = "a";
  p.target = "b";
  p.receptor = Receptor::kInhibitory;
  p.connector.kind = Connector::Kind::kFixedProbability;
  p.connector.p = 0.1;
  p.weight = Distribution::uniform(0.1, 0.2);
  p.delay = Distribution::uniform(0.5, 2.0);
  n.projections = {p};
  return n;
}

// Every synapse the connector draws, in draw order, and the first of each unit.
struct Drawn {
  std::vector<std::tuple<uint32_t, uint32_t, float, uint8_t>> synapses;
  std::vector<uint64_t> unit_offsets{0};
};
Drawn draw_all(const Network& n) {
  Drawn d;
  const auto plans = connectors::plan_projections(n);
  connectors::UnitSynapses unit;
  for (uint64_t u = 0; u < plans[0].units; ++u) {
    connectors::draw_unit(plans[0], u, true, unit);
    for (size_t i = 0; i < unit.pre.size(); ++i)
      d.synapses.emplace_back(unit.pre[i], unit.post[i], unit.weight[i], unit.delay_steps[i]);
    d.unit_offsets.push_back(d.synapses.size());
  }
  return d;
}

using Entry = std::tuple<uint32_t, uint32_t, uint32_t, float>;  // pre, post, delay, weight
std::multiset<Entry> entries(const Connectivity& c) {
  std::multiset<Entry> out;
  for (uint32_t r = 0; r < c.neurons; ++r)
    for (uint64_t k = c.row_ptr[r]; k < c.row_ptr[r + 1]; ++k)
      out.insert({r, kernels::unpack_target(c.target_delay[k]),
                  kernels::unpack_delay(c.target_delay[k]), c.weight[k]});
  return out;
}

TEST(MappedSynapsesTest, KeepsTheRealisedSynapsesWithTheirWeightsAndDelays) {
  Network n = two_populations();
  const Drawn drawn = draw_all(n);
  ASSERT_GT(drawn.synapses.size(), 5000u);
  for (bool with_delays : {false, true}) {
    auto m = std::make_shared<MappedSynapses>();
    m->unit_offsets = drawn.unit_offsets;
    std::multiset<Entry> expected;
    for (size_t k = 0; k < drawn.synapses.size(); ++k) {
      const auto& [pre, post, weight, delay] = drawn.synapses[k];
      const bool kept = k % 3 != 0;
      const float w = 0.01f * static_cast<float>(k % 7 + 1);
      const uint8_t steps = static_cast<uint8_t>(k % 5 + 1);
      m->weight.push_back(kept ? w : std::numeric_limits<float>::quiet_NaN());
      if (with_delays) m->delay_steps.push_back(steps);
      if (!kept) continue;
      ++m->realised;
      // The receptor keeps its sign; the drawn weight is replaced, the delay only when given.
      expected.insert({pre, post, with_delays ? steps : delay, -w});
      EXPECT_LT(weight, 0.0f);
    }
    n.projections[0].mapped = m;
    EXPECT_EQ(expected_synapses(n), static_cast<double>(m->realised));
    const Connectivity c = build_connectivity(n);
    EXPECT_EQ(c.synapses(), m->realised);
    EXPECT_EQ(entries(c), expected);
  }
}

TEST(MappedSynapsesTest, AMappingOfAnotherConnectorIsRefused) {
  Network n = two_populations();
  const Drawn drawn = draw_all(n);
  auto m = std::make_shared<MappedSynapses>();
  m->unit_offsets = drawn.unit_offsets;
  m->weight.assign(drawn.synapses.size(), 0.1f);
  n.projections[0].connector.p = 0.2;  // same units, other synapses
  n.projections[0].mapped = m;
  try {
    build_connectivity(n);
    FAIL() << "a mapping of another connector was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("map it again"), std::string::npos) << e.what();
  }
  m->unit_offsets.pop_back();  // one unit short
  try {
    build_connectivity(n);
    FAIL() << "a mapping with the wrong number of units was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("another connector"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spikewafer
