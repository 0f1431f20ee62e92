// The same seed gives the same spikes whatever the thread count; replicas with different seeds
// differ; replicas given the same seed agree.
#include "kernels/backend_cpu.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

// A recurrent excitatory-inhibitory network with Poisson background, as in examples/.
Network noisy_network(uint32_t replicas, Model model = Model::kIfCondExp) {
  NeuronParams p = coba_params();
  p.b = 0.01;  // AdEx: a mild spike-triggered adaptation (the LIF models ignore it)
  Population exc = lif("exc", 400, model, p);
  exc.noise = {2000.0, 0.002, 500.0, 0.004};
  exc.initial.v = Distribution::uniform(-60.0, -50.0);
  exc.record.spikes = true;
  Population inh = lif("inh", 100, model, p);
  inh.noise = exc.noise;
  inh.record.spikes = true;
  Network n = network_of({exc, inh}, 0.1, 200.0);
  n.simulation.replicas = replicas;
  n.simulation.seed = 11;
  for (auto [src, tgt, rec, w] : {std::tuple{"exc", "exc", Receptor::kExcitatory, 0.004},
                                  {"exc", "inh", Receptor::kExcitatory, 0.004},
                                  {"inh", "exc", Receptor::kInhibitory, 0.02},
                                  {"inh", "inh", Receptor::kInhibitory, 0.02}}) {
    Projection pr = one_to_one(src, tgt, w, 0.5, rec);
    pr.connector.kind = Connector::Kind::kFixedProbability;
    pr.connector.p = 0.1;
    pr.connector.allow_self = false;
    n.projections.push_back(pr);
  }
  return n;
}

bool same_spikes(const RunResult& a, const RunResult& b) {
  if (a.spikes.size() != b.spikes.size()) return false;
  for (size_t k = 0; k < a.spikes.size(); ++k) {
    const SpikeRecord &x = a.spikes[k], &y = b.spikes[k];
    if (x.population != y.population || x.replica != y.replica || x.neuron != y.neuron ||
        x.time_ms != y.time_ms)
      return false;
  }
  return true;
}

std::vector<SpikeRecord> of_replica(const RunResult& r, uint32_t replica) {
  std::vector<SpikeRecord> out;
  for (SpikeRecord s : r.spikes)
    if (s.replica == replica) {
      s.replica = 0;
      out.push_back(s);
    }
  return out;
}

class Determinism : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    saved_ = kernels::CpuBackend::serial_below;
    kernels::CpuBackend::serial_below = 0;  // every launch parallel, so races would show
  }
  void TearDown() override { kernels::CpuBackend::serial_below = saved_; }
  size_t saved_ = 0;
};

TEST_P(Determinism, SameSeedSameSpikesWithOneAndTwoThreads) {
  const Network n = noisy_network(3);
  const RunResult one = run(n, 1);
  const RunResult two = run(n, 2);
  ASSERT_GT(one.spikes.size(), 1000u);
  EXPECT_TRUE(same_spikes(one, two));
}

TEST_P(Determinism, AdexSameSeedSameSpikesWithOneAndTwoThreads) {
  const Network n = noisy_network(3, Model::kEifCondAlphaIsfaIsta);
  const RunResult one = run(n, 1);
  const RunResult two = run(n, 2);
  ASSERT_GT(one.spikes.size(), 1000u);
  EXPECT_TRUE(same_spikes(one, two));
}

TEST_P(Determinism, HodgkinHuxleySameSeedSameSpikesWithOneAndTwoThreads) {
  Network n = noisy_network(3, Model::kHhCondExp);
  for (Population& p : n.populations) {
    p.params = default_params(Model::kHhCondExp);
    p.params.tau_syn_E = 5.0;
    p.params.tau_syn_I = 10.0;
  }
  const RunResult one = run(n, 1);
  const RunResult two = run(n, 2);
  ASSERT_GT(one.spikes.size(), 1000u);
  EXPECT_TRUE(same_spikes(one, two));
}

TEST_P(Determinism, ReplicasWithDifferentSeedsDifferAndEqualSeedsAgree) {
  Network n = noisy_network(3);
  n.overrides.seed = {5, 5, 6};
  const RunResult r = run(n);
  const auto a = of_replica(r, 0), b = of_replica(r, 1), c = of_replica(r, 2);
  ASSERT_GT(a.size(), 100u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].time_ms, b[k].time_ms);
    EXPECT_EQ(a[k].neuron, b[k].neuron);
  }
  bool differ = a.size() != c.size();
  for (size_t k = 0; !differ && k < a.size(); ++k)
    differ = a[k].time_ms != c[k].time_ms || a[k].neuron != c[k].neuron;
  EXPECT_TRUE(differ);
}

TEST_P(Determinism, DefaultReplicaSeedsAreDistinct) {
  const RunResult r = run(noisy_network(2));
  const auto a = of_replica(r, 0), b = of_replica(r, 1);
  bool differ = a.size() != b.size();
  for (size_t k = 0; !differ && k < a.size(); ++k) differ = a[k].time_ms != b[k].time_ms;
  EXPECT_TRUE(differ);
}

SPIKEWAFER_ALL_BACKENDS(Determinism);

}  // namespace
}  // namespace spikewafer::test
