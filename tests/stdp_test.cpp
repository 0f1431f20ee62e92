// Spike-timing-dependent plasticity (network.hpp, Stdp): weights after spike pairs at known
// intervals against the closed form, and after whole spike trains against an event-driven
// reference in double precision computed here from the recorded spike times (traces that decay
// between events, pairs timed t_post - t_pre, a pre and a post spike in one step potentiating);
// per replica; the same for any thread count; reset; set_projection; the checks of the rule.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "io/network_config.hpp"
#include "kernels/backend_cpu.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SpikeTimingPlasticity : public BackendTest {};

constexpr double kDt = 0.1;
constexpr double kDrive = 200.0;  // nA: a drive spike makes the target fire once, at once
constexpr double kW0 = 0.5;       // nA: too weak to make the target fire

Stdp rule(WeightDependence d, StdpPairing pairing, double a_plus = 0.05, double a_minus = 0.06) {
  Stdp s;
  s.enabled = true;
  s.dependence = d;
  s.pairing = pairing;
  s.tau_plus = 16.8;
  s.tau_minus = 33.7;
  s.A_plus = a_plus;
  s.A_minus = a_minus;
  s.w_min = 0.1;
  s.w_max = 1.0;
  return s;
}

// Population 0 "pre" (spike times per neuron) -> 2 "post" one to one through a plastic synapse
// (delay 1 ms); 1 "drive" makes post neuron k fire at drive_times[k] (plus the drive's delay).
Network pair_network(std::vector<std::vector<double>> pre_times,
                     std::vector<std::vector<double>> drive_times, const Stdp& s, double duration) {
  Population pre = spike_source("pre", std::move(pre_times));
  pre.record.spikes = true;
  Population drive = spike_source("drive", std::move(drive_times));
  NeuronParams q;
  q.tau_syn_E = 0.2;   // the drive's current is gone when the refractory period ends
  q.tau_refrac = 2.0;
  Population post = lif("post", pre.size, Model::kIfCurrExp, q);
  post.record.spikes = true;
  Network net = network_of({pre, drive, post}, kDt, duration);
  Projection plastic = one_to_one("pre", "post", kW0, 1.0);
  plastic.stdp = s;
  net.projections = {plastic, one_to_one("drive", "post", kDrive, kDt)};
  return net;
}

// The event-driven reference for one synapse: both traces decay exactly between events; at equal
// times the presynaptic event comes first (so that the pair potentiates).
double reference_weight(const std::vector<double>& pre, const std::vector<double>& post,
                        const Stdp& s, double w) {
  struct Event {
    double t;
    int post;
  };
  std::vector<Event> events;
  for (double t : pre) events.push_back({t, 0});
  for (double t : post) events.push_back({t, 1});
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.t != b.t ? a.t < b.t : a.post < b.post;
  });
  const bool multiplicative = s.dependence == WeightDependence::kMultiplicative;
  const bool nearest = s.pairing == StdpPairing::kNearest;
  double x = 0.0, y = 0.0, tx = 0.0, ty = 0.0;
  for (const Event& e : events) {
    if (e.post == 0) {
      const double y_now = y * std::exp(-(e.t - ty) / s.tau_minus);
      w -= s.A_minus * (multiplicative ? w - s.w_min : s.w_max) * y_now;
      w = std::max(w, s.w_min);
      x = nearest ? 1.0 : x * std::exp(-(e.t - tx) / s.tau_plus) + 1.0;
      tx = e.t;
    } else {
      const double x_now = x * std::exp(-(e.t - tx) / s.tau_plus);
      w += s.A_plus * (multiplicative ? s.w_max - w : s.w_max) * x_now;
      w = std::min(w, s.w_max);
      y = nearest ? 1.0 : y * std::exp(-(e.t - ty) / s.tau_minus) + 1.0;
      ty = e.t;
    }
  }
  return w;
}

RunResult run_for_weights(const Network& net, const SimulatorOptions& o, std::vector<double>* w,
                          uint32_t replica = 0) {
  Simulator sim(net, o);
  sim.run(net.simulation.duration);
  *w = sim.plastic_weights(0, replica);
  return sim.result();
}

TEST_P(SpikeTimingPlasticity, OnePairFollowsTheClosedForm) {
  const Stdp s = rule(WeightDependence::kAdditive, StdpPairing::kAllToAll);
  // Neuron 0: pre at 10 ms, post about 20 ms (potentiation); neuron 1: post first, pre at 30 ms.
  const Network net = pair_network({{10.0}, {30.0}}, {{20.0}, {20.0}}, s, 50.0);
  std::vector<double> w;
  const RunResult r = run_for_weights(net, options(), &w);
  ASSERT_EQ(w.size(), 2u);
  const std::vector<double> post0 = spike_times(r, 2, 0), post1 = spike_times(r, 2, 1);
  ASSERT_EQ(post0.size(), 1u);
  ASSERT_EQ(post1.size(), 1u);
  const double after = post0[0] - 10.0, before = 30.0 - post1[0];
  ASSERT_GT(after, 9.0);
  ASSERT_GT(before, 9.0);
  EXPECT_NEAR(w[0], kW0 + s.A_plus * s.w_max * std::exp(-after / s.tau_plus), 1e-6);
  EXPECT_NEAR(w[1], kW0 - s.A_minus * s.w_max * std::exp(-before / s.tau_minus), 1e-6);
}

TEST_P(SpikeTimingPlasticity, PairsInOneStepPotentiate) {
  const Stdp s = rule(WeightDependence::kAdditive, StdpPairing::kAllToAll);
  // The post neuron fires at the drive's spike plus two steps; a pre spike then, too.
  const Network probe = pair_network({{}}, {{20.0}}, s, 30.0);
  std::vector<double> w;
  const double t_post = spike_times(run_for_weights(probe, options(), &w), 2, 0).at(0);
  const RunResult r = run_for_weights(pair_network({{t_post}}, {{20.0}}, s, 30.0), options(), &w);
  ASSERT_EQ(spike_times(r, 2, 0).at(0), t_post);
  EXPECT_NEAR(w[0], kW0 + s.A_plus * s.w_max, 1e-6);
}

// Trains of a few dozen spikes with intervals of a few ms: many overlapping pairs, and weights
// that reach both bounds.
std::vector<double> random_train(std::mt19937& g, double rate_hz, double duration) {
  std::exponential_distribution<double> interval(rate_hz / 1000.0);
  std::vector<double> t;
  for (double at = 1.0 + interval(g); at < duration - 5.0; at += std::max(0.3, interval(g)))
    t.push_back(std::round(at / kDt) * kDt);
  return t;
}

void expect_trains_follow_the_reference(const SimulatorOptions& o, WeightDependence d,
                                        StdpPairing pairing) {
  const Stdp s = rule(d, pairing, 0.3, 0.25);
  std::mt19937 g(7);
  std::vector<std::vector<double>> pre, drive;
  for (int k = 0; k < 6; ++k) {
    pre.push_back(random_train(g, 40.0, 400.0));
    drive.push_back(random_train(g, k % 2 ? 10.0 : 80.0, 400.0));  // up and down
  }
  const Network net = pair_network(pre, drive, s, 400.0);
  std::vector<double> w;
  const RunResult r = run_for_weights(net, o, &w);
  bool bound = false;
  double largest_change = 0.0;
  for (uint32_t k = 0; k < 6; ++k) {
    const double want = reference_weight(spike_times(r, 0, k), spike_times(r, 2, k), s, kW0);
    EXPECT_NEAR(w[k], want, 2e-5) << "synapse " << k;
    bound = bound || w[k] == static_cast<float>(s.w_max) || w[k] == static_cast<float>(s.w_min);
    largest_change = std::max(largest_change, std::abs(w[k] - kW0));
  }
  EXPECT_GT(largest_change, 0.1);
  // Multiplicative changes shrink towards the bounds and never reach them.
  if (d == WeightDependence::kAdditive) {
    EXPECT_TRUE(bound) << "no weight reached a bound: the clipping went untested";
  }
}

TEST_P(SpikeTimingPlasticity, AdditiveAllToAllTrainsFollowTheReference) {
  expect_trains_follow_the_reference(options(), WeightDependence::kAdditive, StdpPairing::kAllToAll);
}
TEST_P(SpikeTimingPlasticity, MultiplicativeAllToAllTrainsFollowTheReference) {
  expect_trains_follow_the_reference(options(), WeightDependence::kMultiplicative,
                                     StdpPairing::kAllToAll);
}
TEST_P(SpikeTimingPlasticity, AdditiveNearestTrainsFollowTheReference) {
  expect_trains_follow_the_reference(options(), WeightDependence::kAdditive, StdpPairing::kNearest);
}
TEST_P(SpikeTimingPlasticity, MultiplicativeNearestTrainsFollowTheReference) {
  expect_trains_follow_the_reference(options(), WeightDependence::kMultiplicative,
                                     StdpPairing::kNearest);
}

// 8 Poisson sources onto 4 neurons, all to all, plastic; the targets fire from a Poisson drive.
Network poisson_network(uint32_t replicas) {
  Population pre = poisson_source("pre", 8, 30.0);
  Population drive = poisson_source("drive", 4, 25.0);
  NeuronParams q;
  q.tau_syn_E = 0.2;
  q.tau_refrac = 2.0;
  Population post = lif("post", 4, Model::kIfCurrExp, q);
  post.record.spikes = true;
  Network net = network_of({pre, drive, post}, kDt, 500.0);
  net.simulation.replicas = replicas;
  Projection plastic = one_to_one("pre", "post", kW0, 1.5);
  plastic.connector.kind = Connector::Kind::kAllToAll;
  plastic.stdp = rule(WeightDependence::kMultiplicative, StdpPairing::kAllToAll, 0.1, 0.1);
  net.projections = {plastic, one_to_one("drive", "post", kDrive, kDt)};
  return net;
}

TEST_P(SpikeTimingPlasticity, EveryReplicaLearnsFromItsOwnSpikes) {
  Network net = poisson_network(3);
  net.overrides.seed = {11, 12, 11};  // replicas 0 and 2 see the same spikes
  Simulator sim(net, options());
  sim.run(net.simulation.duration);
  const RunResult r = sim.result();
  const Stdp& s = net.projections[0].stdp;
  std::vector<std::vector<double>> w;
  for (uint32_t rep = 0; rep < 3; ++rep) {
    w.push_back(sim.plastic_weights(0, rep));
    ASSERT_EQ(w.back().size(), 32u);
    // All to all, drawn in target order: synapse k is pre k % 8 -> post k / 8.
    for (uint32_t k = 0; k < 32; ++k) {
      const double want = reference_weight(spike_times(r, 0, k % 8, rep),
                                           spike_times(r, 2, k / 8, rep), s, kW0);
      EXPECT_NEAR(w[rep][k], want, 2e-5) << "replica " << rep << " synapse " << k;
    }
  }
  EXPECT_EQ(w[0], w[2]);
  EXPECT_NE(w[0], w[1]);
}

TEST_P(SpikeTimingPlasticity, ResetRestoresTheInitialWeightsAndRepeatsTheRun) {
  const Network net = poisson_network(2);
  Simulator sim(net, options());
  sim.run(300.0);
  const std::vector<double> first = sim.plastic_weights(0, 1);
  EXPECT_NE(first, std::vector<double>(32, kW0));
  sim.reset();
  EXPECT_EQ(sim.plastic_weights(0, 1), std::vector<double>(32, kW0));
  sim.run(300.0);
  EXPECT_EQ(sim.plastic_weights(0, 1), first);
}

TEST_P(SpikeTimingPlasticity, SetProjectionGivesEveryReplicaTheNewWeights) {
  Network net = poisson_network(2);
  Simulator sim(net, options());
  sim.run(100.0);
  net.projections[0].weight = Distribution::constant(0.8);
  sim.set_projection(0, net.projections[0]);
  EXPECT_EQ(sim.plastic_weights(0, 0), std::vector<double>(32, 0.8f));
  EXPECT_EQ(sim.plastic_weights(0, 1), std::vector<double>(32, 0.8f));
  sim.run(100.0);  // and they learn on from there
  EXPECT_NE(sim.plastic_weights(0, 0), std::vector<double>(32, 0.8f));
}

TEST_P(SpikeTimingPlasticity, WeightsComeBackInTheListsOrder) {
  Network net = pair_network({{}, {}, {}}, {{}, {}, {}}, rule(WeightDependence::kAdditive,
                             StdpPairing::kAllToAll), 10.0);
  Projection& p = net.projections[0];
  p.connector.kind = Connector::Kind::kFromList;
  p.connector.list = {{2, 0, 0.3, 1.0}, {0, 2, 0.4, 1.0}, {2, 1, 0.5, 1.0},
                      {0, 0, 0.6, 1.0}, {2, 0, 0.7, 1.0}, {1, 1, 0.8, 1.0}};
  std::vector<double> w;
  run_for_weights(net, options(), &w);  // nothing spikes: the weights stay as listed
  const std::vector<float> want{0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
  EXPECT_EQ(w, std::vector<double>(want.begin(), want.end()));
}

// Every weight is written by one launch item, and ring input is fixed point: the same weights
// with one thread, and with two threads on the atomic paths.
TEST(SpikeTimingPlasticityThreads, WeightsDoNotDependOnTheThreadCount) {
  const Network net = poisson_network(4);
  SimulatorOptions one;
  one.threads = 1;
  SimulatorOptions two = one;
  two.threads = 2;
  std::vector<double> w1, w2;
  const RunResult r1 = run_for_weights(net, one, &w1, 3);
  const size_t saved = kernels::CpuBackend::serial_below;
  kernels::CpuBackend::serial_below = 1;  // every launch parallel
  const RunResult r2 = run_for_weights(net, two, &w2, 3);
  kernels::CpuBackend::serial_below = saved;
  EXPECT_EQ(w1, w2);
  EXPECT_EQ(r1.spikes.size(), r2.spikes.size());
}

TEST(SpikeTimingPlasticityErrors, NonPlasticProjectionsHaveNoLearnedWeights) {
  const Network net = poisson_network(1);
  Simulator sim(net, SimulatorOptions{});
  EXPECT_THROW(sim.plastic_weights(1), Error);
  EXPECT_THROW(sim.plastic_weights(0, 1), Error);  // one replica
}

void expect_refused(const Network& net, const std::string& path) {
  try {
    Simulator sim(net, SimulatorOptions{});
    FAIL() << "expected an error naming " << path;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(SpikeTimingPlasticityErrors, ImpossibleRulesAreRefusedWithTheirPlace) {
  Network net = poisson_network(1);
  Stdp& s = net.projections[0].stdp;
  s.w_max = 0.3;  // the initial weight 0.5 lies above it
  expect_refused(net, "projections[0].weight");
  s.w_max = 1.0;
  s.tau_plus = 0.0;
  expect_refused(net, "projections[0].stdp.tau_plus");
  s.tau_plus = 20.0;
  s.A_minus = -0.1;
  expect_refused(net, "projections[0].stdp.A_minus");
  s.A_minus = 0.1;
  s.w_min = 0.7;
  s.w_max = 0.6;
  expect_refused(net, "projections[0].stdp.w_max");
  s.w_min = 0.0;
  s.w_max = 1.0;
  net.projections[0].dynamics = SynapseDynamics::kTsodyksMarkram;
  expect_refused(net, "projections[0].stdp");
}

// examples/stdp.toml (PyNN's scenario 3): the 40 Hz sources end with larger weights than the
// 5 Hz ones in every replica, both starting at w_max / 2 on average.
TEST(SpikeTimingPlasticityExample, FastSourcesEndStronger) {
  const Network net = load_network_toml(SPIKEWAFER_SOURCE_DIR "/examples/stdp.toml");
  Simulator sim(net, SimulatorOptions{});
  sim.run(net.simulation.duration);
  const double w_max = net.projections[0].stdp.w_max;
  const auto mean = [](const std::vector<double>& w) {
    double s = 0.0;
    for (double x : w) s += x;
    return s / static_cast<double>(w.size());
  };
  for (uint32_t r = 0; r < net.simulation.replicas; ++r) {
    const double slow = mean(sim.plastic_weights(0, r)) / w_max;
    const double fast = mean(sim.plastic_weights(1, r)) / w_max;
    EXPECT_GT(fast, slow + 0.02) << "replica " << r;
    EXPECT_GT(fast, 0.5) << "replica " << r;
  }
}

SPIKEWAFER_ALL_BACKENDS(SpikeTimingPlasticity);

}  // namespace
}  // namespace spikewafer::test
