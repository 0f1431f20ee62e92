// Stochastic synapses (Projection::release_probability, PyNN's SimpleStochasticSynapse): each
// spike reaches each synapse with its probability, drawn per synapse, spike and replica. A
// regular train onto four synapses of probability 0, 0.5, 0.5 and 1 (PyNN's system test's
// setting): none, about half (binomially), a different half, and all of the spikes arrive; the
// draws follow the replica's seed and not the thread count; a drawn connector's projection-wide
// probability thins its input; bad probabilities are refused naming the key.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "io/network_config.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class StochasticSynapse : public BackendTest {};

constexpr double kInterval = 5.0, kFirst = 2.5, kWeight = 0.5, kDelay = 1.0, kDt = 0.1;
constexpr int kSpikes = 400;

// One source spiking every 5 ms onto four IF_curr_exp neurons that never fire, their synaptic
// currents recorded; each PSC has decayed (tau_syn 0.5 ms) long before the next spike.
Network regular_train(const std::vector<double>& release, uint32_t replicas = 1) {
  NeuronParams p;
  p.v_thresh = 1000.0;
  p.tau_syn_E = 0.5;
  Population target = lif("target", 4, Model::kIfCurrExp, p);
  target.record.syn_exc = {0, 1, 2, 3};
  std::vector<double> times;
  for (int n = 0; n < kSpikes; ++n) times.push_back(kFirst + kInterval * n);
  Network net = network_of({spike_source("source", {times}), target}, kDt,
                           kFirst + kInterval * kSpikes);
  net.simulation.replicas = replicas;
  Projection pr;
  pr.source = "source";
  pr.target = "target";
  pr.connector.kind = Connector::Kind::kFromList;
  for (uint32_t k = 0; k < 4; ++k)
    pr.connector.list.push_back({0, k, kWeight, kDelay, release[k]});
  net.projections = {pr};
  return net;
}

// Per spike of the train, whether it reached neuron k of replica r: the current just after its
// arrival is the weight or nothing.
std::vector<bool> arrivals(const RunResult& r, uint32_t k, uint32_t replica = 0) {
  const TraceRecord& isyn = trace(r, "isyn_exc", 1, k, replica);
  std::vector<bool> out;
  for (int n = 0; n < kSpikes; ++n) {
    const double after = isyn.values.at(
        static_cast<size_t>(std::lround((kFirst + kInterval * n + kDelay) / kDt)));
    EXPECT_TRUE(std::fabs(after) < 1e-3 || std::fabs(after - kWeight) < 1e-3) << after;
    out.push_back(after > 0.5 * kWeight);
  }
  return out;
}

int count(const std::vector<bool>& v) {
  int n = 0;
  for (bool b : v) n += b;
  return n;
}

TEST_P(StochasticSynapse, EachSpikeArrivesWithItsSynapsesProbability) {
  const RunResult r = run(regular_train({0.0, 0.5, 0.5, 1.0}));
  EXPECT_EQ(count(arrivals(r, 0)), 0);
  EXPECT_EQ(count(arrivals(r, 3)), kSpikes);
  // Binomial(400, 0.5): sd 10; 4.5 sd either side.
  for (uint32_t k : {1u, 2u}) {
    EXPECT_GT(count(arrivals(r, k)), kSpikes / 2 - 45) << k;
    EXPECT_LT(count(arrivals(r, k)), kSpikes / 2 + 45) << k;
  }
  // Two synapses of one source draw apart: about half their arrivals differ.
  const std::vector<bool> a = arrivals(r, 1), b = arrivals(r, 2);
  int differ = 0;
  for (int n = 0; n < kSpikes; ++n) differ += a[n] != b[n];
  EXPECT_GT(differ, kSpikes / 2 - 45);
  EXPECT_LT(differ, kSpikes / 2 + 45);
}

TEST_P(StochasticSynapse, ReleasesFollowTheReplicasSeedNotTheThreads) {
  Network net = regular_train({0.0, 0.5, 0.5, 1.0}, 3);
  net.overrides.seed = {5, 9, 5};
  const RunResult one = run(net, 1), two = run(net, 2);
  for (uint32_t replica = 0; replica < 3; ++replica)
    EXPECT_EQ(arrivals(one, 1, replica), arrivals(two, 1, replica)) << replica;
  EXPECT_EQ(arrivals(one, 1, 0), arrivals(one, 1, 2));  // equal seeds, equal draws
  EXPECT_NE(arrivals(one, 1, 0), arrivals(one, 1, 1));
}

// A drawn connector's probability, on a network large enough for the threads to split the
// delivery: the targets' mean input falls by that factor, and two thread counts agree exactly.
TEST_P(StochasticSynapse, AProjectionsProbabilityThinsADrawnConnector) {
  const auto network = [](double release) {
    NeuronParams p;
    p.v_thresh = 1000.0;
    Population target = lif("target", 1000, Model::kIfCurrExp, p);
    target.record.syn_exc = {0, 500, 999};
    // 200 sources at 400 Hz: 8 spikes a step onto 1000 targets, over the CPU's serial bound.
    Network net = network_of({poisson_source("source", 200, 400.0), target}, kDt, 200.0);
    Projection pr;
    pr.source = "source";
    pr.target = "target";
    pr.connector.kind = Connector::Kind::kAllToAll;
    pr.weight = Distribution::constant(0.01);
    pr.delay = Distribution::constant(kDelay);
    pr.release_probability = release;
    net.projections = {pr};
    return net;
  };
  const auto mean_input = [](const RunResult& r) {
    double sum = 0.0, n = 0.0;
    for (uint32_t k : {0u, 500u, 999u})
      for (float v : trace(r, "isyn_exc", 1, k).values) sum += v, n += 1.0;
    return sum / n;
  };
  const RunResult thinned = run(network(0.3), 1);
  const double all = mean_input(run(network(1.0), 1));
  EXPECT_NEAR(mean_input(thinned) / all, 0.3, 0.03);
  const RunResult two = run(network(0.3), 2);
  for (uint32_t k : {0u, 500u, 999u})
    EXPECT_EQ(trace(thinned, "isyn_exc", 1, k).values, trace(two, "isyn_exc", 1, k).values) << k;
}

void expect_refused(const Network& net, const std::string& key) {
  try {
    simulate(net, SimulatorOptions{});
    FAIL() << "expected an error naming " << key;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
  }
}

TEST(StochasticSynapseValidation, ProbabilitiesOutsideZeroToOneAreRefused) {
  expect_refused(regular_train({0.0, 0.5, 1.5, 1.0}), "connections[2].release_probability");
  Network net = regular_train({1.0, 1.0, 1.0, 1.0});
  net.projections[0].release_probability = -0.1;
  expect_refused(net, "projections[0].release_probability");
  net.projections[0].release_probability = std::nan("");
  expect_refused(net, "projections[0].release_probability");
}

TEST(StochasticSynapseValidation, StdpSynapsesMustReleaseEverySpike) {
  Network net = regular_train({1.0, 0.5, 1.0, 1.0});
  net.projections[0].stdp.enabled = true;
  expect_refused(net, "projections[0].release_probability");
}

TEST(StochasticSynapseConfig, ProjectionTableReadsReleaseProbability) {
  const std::string text = source_onto_neuron_toml("release_probability = 0.25\n");
  const Network net = parse_network_toml(text, "release.toml");
  ASSERT_EQ(net.projections.size(), 1u);
  EXPECT_DOUBLE_EQ(net.projections[0].release_probability, 0.25);
  std::string bad = text;
  bad.replace(bad.find("0.25"), 4, "1.25");
  try {
    parse_network_toml(bad, "release.toml");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("release_probability"), std::string::npos) << e.what();
  }
}

SPIKEWAFER_ALL_BACKENDS(StochasticSynapse);

}  // namespace
}  // namespace spikewafer::test
