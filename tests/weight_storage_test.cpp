// How the engine stores weights: a network with few distinct weights takes 6 bytes per synapse
// (codes into a table) plus the row pointers; one with more than 65,536 takes 8 (a float per
// synapse) and still delivers every weight as given, also when set_projection switches to it.
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class WeightStorage : public BackendTest {};

constexpr uint32_t kTargets = 70000;  // more distinct weights than 16-bit codes
const std::vector<uint32_t> kWatched = {0, 1, 20000, 45678, kTargets - 1};

double distinct_weight(uint32_t k) { return static_cast<double>(0.001f * (1.0f + k * 1e-5f)); }

// One spike source (spikes at `times`) onto kTargets IF_curr_exp neurons that never fire,
// through a list of distinct weights or of 0.001 each.
Network fan_out(const std::vector<double>& times, bool distinct) {
  NeuronParams p;
  p.v_thresh = 100.0;
  Population target = lif("target", kTargets, Model::kIfCurrExp, p);
  target.record.syn_exc = kWatched;
  Network n = network_of({spike_source("source", {times}), target}, 0.1, 0.0);
  Projection pr = one_to_one("source", "target", 1.0, 0.1);
  pr.connector.kind = Connector::Kind::kFromList;
  for (uint32_t k = 0; k < kTargets; ++k)
    pr.connector.list.push_back({0, k, distinct ? distinct_weight(k) : 0.001, 0.1});
  n.projections = {pr};
  return n;
}

// The watched targets' currents on the first sample after t_ms where they are not zero: each
// is its weight times the same decay, so their ratios must be the weights'.
void expect_distinct_weights_after(const RunResult& r, double t_ms) {
  const TraceRecord& first = trace(r, "isyn_exc", 1, 0);
  size_t k = 0;
  while (k < first.values.size() &&
         (first.t0_ms + k * first.interval_ms <= t_ms || first.values[k] == 0.0f))
    ++k;
  ASSERT_LT(k, first.values.size());
  for (uint32_t n : kWatched) {
    const double ratio = trace(r, "isyn_exc", 1, n).values[k] / double{first.values[k]};
    EXPECT_NEAR(ratio, distinct_weight(n) / distinct_weight(0), 2e-6) << n;
  }
}

double float_bytes_per_synapse() { return (8.0 * kTargets + 8.0 * (kTargets + 2)) / kTargets; }

TEST_P(WeightStorage, FewDistinctWeightsTakeSixBytesPerSynapse) {
  Population exc = lif("exc", 300, Model::kIfCondExp, coba_params());
  Population inh = lif("inh", 100, Model::kIfCondExp, coba_params());
  Network n = network_of({exc, inh}, 0.1, 1.0);
  for (const char* source : {"exc", "inh"}) {
    Projection p = one_to_one(source, "exc", 0.004, 0.1,
                              source[0] == 'e' ? Receptor::kExcitatory : Receptor::kInhibitory);
    p.connector.kind = Connector::Kind::kFixedProbability;
    p.connector.p = 0.1;
    n.projections.push_back(p);
  }
  const RunSummary s = run(n).summary;
  ASSERT_GT(s.synapses, 10000u);
  // Per synapse a target-and-delay word and a code; per neuron a row pointer; two table entries.
  EXPECT_DOUBLE_EQ(s.bytes_per_synapse,
                   (6.0 * s.synapses + 8.0 * (s.neurons + 1) + 2 * 4.0) / s.synapses);
}

TEST_P(WeightStorage, ManyDistinctWeightsAreStoredAsFloatsAndDeliveredAsGiven) {
  Network n = fan_out({1.0}, true);
  n.simulation.duration = 2.0;
  const RunResult r = run(n);
  EXPECT_DOUBLE_EQ(r.summary.bytes_per_synapse, float_bytes_per_synapse());
  expect_distinct_weights_after(r, 1.0);
}

TEST_P(WeightStorage, SetProjectionSwitchesBetweenCodesAndFloats) {
  Simulator sim(fan_out({3.0}, false), options());
  sim.run(2.0);
  EXPECT_DOUBLE_EQ(sim.result().summary.bytes_per_synapse,
                   (6.0 * kTargets + 8.0 * (kTargets + 2) + 4.0) / kTargets);
  sim.set_projection(0, fan_out({}, true).projections[0]);
  sim.run(2.0);
  const RunResult r = sim.result();
  EXPECT_DOUBLE_EQ(r.summary.bytes_per_synapse, float_bytes_per_synapse());
  expect_distinct_weights_after(r, 3.0);
}

SPIKEWAFER_ALL_BACKENDS(WeightStorage);

}  // namespace
}  // namespace spikewafer::test
