// Simulator::set_projection: new weights and delays between two runs (PyNN's Projection.set()
// between runs) take effect for spikes emitted from then on; spikes already on their way arrive
// as they were sent, and every neuron keeps its state.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SetProjection : public BackendTest {};

constexpr double kDt = 0.1;

// One array source onto one IF_curr_exp neuron that never fires, its excitatory current
// recorded every step; a second, silent source holds the longest delay (5 ms).
Network one_synapse(const std::vector<double>& spike_times) {
  NeuronParams q;
  q.tau_syn_E = 5.0;
  q.v_thresh = 1000.0;
  Population target = lif("target", 1, Model::kIfCurrExp, q);
  target.record.syn_exc = {0};
  Network n = network_of({spike_source("source", {spike_times}), spike_source("silent", {{}}),
                          target},
                         kDt, 0.0);
  n.projections.push_back(one_to_one("source", "target", 0.5, 1.0));
  n.projections.push_back(one_to_one("silent", "target", 0.1, 5.0));
  return n;
}

// The largest excitatory current within 1 ms after t_ms.
double peak_after(const RunResult& r, double t_ms) {
  const TraceRecord& t = trace(r, "isyn_exc", 2);
  double peak = 0.0;
  for (size_t k = 0; k < t.values.size(); ++k) {
    const double time = t.t0_ms + k * t.interval_ms;
    if (time > t_ms && time <= t_ms + 1.0) peak = std::max(peak, double{t.values[k]});
  }
  return peak;
}

// The first time after t_ms at which the current exceeds `level`.
double rise_after(const RunResult& r, double t_ms, double level) {
  const TraceRecord& t = trace(r, "isyn_exc", 2);
  for (size_t k = 0; k < t.values.size(); ++k) {
    const double time = t.t0_ms + k * t.interval_ms;
    if (time > t_ms && t.values[k] > level) return time;
  }
  return -1.0;
}

TEST_P(SetProjection, NewWeightsTakeEffectForSpikesSentFromThenOn) {
  // The spike at 99.5 ms is on its way (1 ms delay) when the weight changes at 100 ms.
  const Network n = one_synapse({10.0, 99.5, 190.0});
  Simulator sim(n, options());
  sim.run(100.0);
  Projection stronger = n.projections[0];
  stronger.weight = Distribution::constant(2.0);  // four times: a coarser fixed-point scale
  sim.set_projection(0, stronger);
  sim.run(100.0);
  const RunResult r = sim.result();
  const double before = peak_after(r, 11.0 - kDt);
  ASSERT_GT(before, 0.4);
  EXPECT_NEAR(peak_after(r, 100.5 - kDt) / before, 1.0, 1e-6);  // sent with the old weight
  EXPECT_NEAR(peak_after(r, 191.0 - kDt) / before, 4.0, 1e-6);
  // The state carried over: the first spike's current decayed on as before.
  Simulator reference(n, options());
  reference.run(100.0);
  const RunResult unchanged = reference.result();
  const TraceRecord& a = trace(r, "isyn_exc", 2);
  const TraceRecord& b = trace(unchanged, "isyn_exc", 2);
  for (size_t k = 0; k < b.values.size(); ++k) ASSERT_EQ(a.values[k], b.values[k]) << k;
}

TEST_P(SetProjection, NewDelaysUpToTheLongestOfTheNetwork) {
  const Network n = one_synapse({50.0, 150.0});
  Simulator sim(n, options());
  sim.run(100.0);
  Projection slower = n.projections[0];
  slower.delay = Distribution::constant(3.0);
  sim.set_projection(0, slower);
  sim.run(100.0);
  const RunResult r = sim.result();
  EXPECT_NEAR(rise_after(r, 50.0, 0.1), 51.0, 1e-9);
  EXPECT_NEAR(rise_after(r, 150.0, 0.1), 153.0, 1e-9);

  slower.delay = Distribution::constant(6.0);
  try {
    sim.set_projection(0, slower);
    FAIL() << "a delay longer than any the simulator was built with was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("5 ms"), std::string::npos) << e.what();
  }
}

TEST_P(SetProjection, OnlyWeightsAndDelaysMayChange) {
  Network n = one_synapse({10.0});
  Projection random = one_to_one("source", "target", 0.2, 1.0);
  random.connector.kind = Connector::Kind::kFixedProbability;
  random.connector.p = 0.5;
  n.populations[0] = spike_source("source", std::vector<std::vector<double>>(40, {10.0}));
  n.populations[2].size = 40;
  n.populations[2].record.syn_exc = {};
  n.projections = {random};
  Simulator sim(n, options());
  sim.run(20.0);

  const auto refused = [&sim](uint32_t j, const Projection& p, const std::string& expected) {
    try {
      sim.set_projection(j, p);
      ADD_FAILURE() << "accepted; expected: " << expected;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInput);
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  Projection other = random;
  other.receptor = Receptor::kInhibitory;
  refused(0, other, "only its weights and delays");
  other = random;
  other.connector.kind = Connector::Kind::kAllToAll;
  refused(0, other, "only its weights and delays");
  other = random;
  other.connector.p = 0.3;
  refused(0, other, "only its weights and delays");
  refused(1, random, "no projection 1");

  other = random;  // weights drawn afresh from a distribution: the connections stay
  other.weight = Distribution::uniform(0.1, 0.3);
  sim.set_projection(0, other);
  sim.run(20.0);
}

// A dense matrix's zero entries are no synapse: new entries that make or remove one ask for
// other connections, which the simulator refuses after drawing them.
TEST_P(SetProjection, AMatrixWithOtherZerosIsRefused) {
  Network n = one_synapse({10.0});
  n.populations[0] = spike_source("source", {{10.0}, {12.0}});
  Projection dense = one_to_one("source", "target", 0.0, 1.0);
  dense.connector.kind = Connector::Kind::kDenseMatrix;
  dense.connector.matrix = {0.3, 0.0};  // 2 sources x 1 target
  n.projections[0] = dense;
  Simulator sim(n, options());
  sim.run(20.0);
  dense.connector.matrix = {0.6, 0.0};
  sim.set_projection(0, dense);
  dense.connector.matrix = {0.6, 0.2};
  try {
    sim.set_projection(0, dense);
    FAIL() << "a new synapse was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("other connections"), std::string::npos) << e.what();
  }
  sim.run(20.0);  // still runs, with the last accepted weights
}

SPIKEWAFER_ALL_BACKENDS(SetProjection);

}  // namespace
}  // namespace spikewafer::test
