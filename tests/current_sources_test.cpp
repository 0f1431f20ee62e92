// PyNN's current sources through DCSource: a sine wave (ACSource) and a noisy current
// (NoisyCurrentSource). The current each step carried is read back from the membrane trace of an
// IF_curr_exp neuron, whose exact update V' = V + em1 (V - v_rest - R I) can be solved for I.
#include <cmath>
#include <vector>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class CurrentSources : public BackendTest {};

constexpr double kDt = 0.1;
constexpr double kPi = 3.14159265358979323846;

NeuronParams quiet_params() {
  NeuronParams p;
  p.tau_m = 10.0;
  p.cm = 1.0;
  p.v_rest = p.v_reset = -65.0;
  p.v_thresh = 100.0;  // never fires
  return p;
}

// The current of each step, from consecutive membrane samples.
std::vector<double> currents_from_trace(const std::vector<float>& v, const NeuronParams& p) {
  const double em1 = std::expm1(-kDt / p.tau_m), r = p.tau_m / p.cm;
  std::vector<double> current;
  for (size_t k = 0; k + 1 < v.size(); ++k)
    current.push_back(((v[k + 1] - v[k]) / em1 - (v[k] - p.v_rest)) / -r);
  return current;
}

std::vector<double> run_with(const SimulatorOptions& options, std::vector<DCSource> sources,
                             uint64_t seed) {
  Population n = lif("n", 2, Model::kIfCurrExp, quiet_params());
  n.record.v = {0, 1};
  n.dc_sources = std::move(sources);
  Network net = network_of({n}, kDt, 200.0);
  net.simulation.seed = seed;
  const RunResult r = simulate(net, options);
  std::vector<double> both = currents_from_trace(trace(r, "v", 0, 0).values, n.params);
  const std::vector<double> second = currents_from_trace(trace(r, "v", 0, 1).values, n.params);
  both.insert(both.end(), second.begin(), second.end());
  return both;
}

TEST_P(CurrentSources, SineWaveFollowsOffsetAmplitudeFrequencyAndPhase) {
  DCSource ac;
  ac.amplitude = 0.5;
  ac.offset = 0.2;
  ac.frequency = 40.0;  // Hz: a 25 ms period
  ac.phase = 90.0;
  ac.start = 20.0;
  ac.stop = 150.0;
  const std::vector<double> current = run_with(options(), {ac}, 1);
  const size_t steps = current.size() / 2;
  for (size_t k = 0; k < steps; ++k) {
    const double t = k * kDt;  // the current held over step k
    const bool on = t >= 20.0 - 1e-9 && t < 150.0 - 1e-9;
    const double expected =
        on ? 0.2 + 0.5 * std::sin(2 * kPi * 40.0 * t * 1e-3 + kPi / 2) : 0.0;
    ASSERT_NEAR(current[k], expected, 2e-3) << "t = " << t;
    ASSERT_NEAR(current[steps + k], expected, 2e-3) << "second neuron, t = " << t;
  }
}

TEST_P(CurrentSources, NoiseHasItsMeanAndStdevAndIsHeldForNoiseDt) {
  DCSource noisy;
  noisy.amplitude = 0.3;
  noisy.stdev = 0.4;
  noisy.noise_dt = 1.0;  // ms: ten steps per draw
  const std::vector<double> current = run_with(options(), {noisy}, 3);
  const size_t steps = current.size() / 2;
  double sum = 0, sum_sq = 0, differs = 0;
  size_t draws = 0;
  for (size_t k = 0; k < steps; ++k) {
    if (k % 10 != 0) {
      ASSERT_NEAR(current[k], current[k - 1], 2e-3) << "held within a noise interval";
      continue;
    }
    sum += current[k];
    sum_sq += current[k] * current[k];
    differs += std::fabs(current[k] - current[steps + k]) > 1e-2;  // neurons draw apart
    ++draws;
  }
  const double mean = sum / draws, sd = std::sqrt(sum_sq / draws - mean * mean);
  // 200 draws: the mean's standard error is 0.028, the stdev's about 0.02.
  EXPECT_NEAR(mean, 0.3, 0.1);
  EXPECT_NEAR(sd, 0.4, 0.08);
  EXPECT_GT(differs, 0.9 * draws);
  EXPECT_EQ(run_with(options(), {noisy}, 3), current);  // a seed fixes the noise
  EXPECT_NE(run_with(options(), {noisy}, 4), current);
}

// The standard deviation of every step's current over both neurons.
double stdev_of(const std::vector<double>& current) {
  double sum = 0, sum_sq = 0;
  for (double c : current) sum += c, sum_sq += c * c;
  const double mean = sum / current.size();
  return std::sqrt(sum_sq / current.size() - mean * mean);
}

TEST_P(CurrentSources, TwoNoisySourcesOnOneNeuronDrawIndependently) {
  DCSource noisy;
  noisy.stdev = 0.4;  // a new draw every step: 2 x 2000 of them
  // Independent: sqrt(2) x 0.4 = 0.566; the same draws twice would give 0.8.
  EXPECT_NEAR(stdev_of(run_with(options(), {noisy, noisy}, 3)), 0.4 * std::sqrt(2.0), 0.03);
}

TEST_P(CurrentSources, ANoisySourceWithItsOwnSeedDrawsTheSameWhateverTheNetwork) {
  DCSource own;
  own.stdev = 0.4;
  own.seed = 99;
  DCSource other = own;
  other.seed = 0;  // on the simulation's seed
  const std::vector<double> alone = run_with(options(), {own}, 3);
  EXPECT_EQ(run_with(options(), {own}, 4), alone);  // another simulation seed
  const std::vector<double> after = run_with(options(), {other, own}, 3);
  const std::vector<double> first = run_with(options(), {other}, 3);
  for (size_t k = 0; k < alone.size(); ++k)  // the two sources add up
    ASSERT_NEAR(after[k], first[k] + alone[k], 2e-3) << k;
}

// Replicas draw their own noise (else they would be correlated through it), but replicas given
// the same seed agree, and a single replica draws what replica 0 of several does.
TEST_P(CurrentSources, ReplicasDrawTheirOwnNoiseUnlessGivenOneSeed) {
  DCSource noisy;
  noisy.amplitude = 0.1;
  noisy.stdev = 0.4;
  Population n = lif("n", 2, Model::kIfCurrExp, quiet_params());
  n.record.v = {0, 1};
  n.i_offset_per_neuron = {0.05, 0.0};  // the per-neuron bias goes into every replica's copy
  n.dc_sources = {noisy};
  Network net = network_of({n}, kDt, 50.0);
  net.simulation.replicas = 3;
  net.overrides.seed = {5, 6, 5};
  const RunResult r = simulate(net, options());
  const auto current = [&r](uint32_t neuron, uint32_t replica) {
    return currents_from_trace(trace(r, "v", 0, neuron, replica).values, quiet_params());
  };
  for (uint32_t k = 0; k < 2; ++k) {
    EXPECT_EQ(current(k, 0), current(k, 2)) << "equal seeds, neuron " << k;
    const std::vector<double> a = current(k, 0), b = current(k, 1);
    size_t differ = 0;
    for (size_t t = 0; t < a.size(); ++t) differ += std::fabs(a[t] - b[t]) > 1e-2;
    EXPECT_GT(differ, 0.9 * a.size()) << "other seeds, neuron " << k;
  }
  Network one = net;
  one.simulation.replicas = 1;
  one.overrides.seed = {};
  Network several = one;
  several.simulation.replicas = 2;
  const RunResult a = simulate(one, options()), b = simulate(several, options());
  EXPECT_EQ(trace(a, "v", 0, 0).values, trace(b, "v", 0, 0, 0).values);
  EXPECT_NE(trace(b, "v", 0, 0, 0).values, trace(b, "v", 0, 0, 1).values);
}

// Simulator::injected_current (what recording a current source returns) is the current each
// neuron of each replica received, step by step: read back from the membranes of the same run,
// for a noisy source on its own seed per replica, a sine wave and a pulse on the same neuron.
TEST_P(CurrentSources, InjectedCurrentIsWhatEachNeuronReceived) {
  DCSource noisy, ac, pulse;
  noisy.amplitude = 0.1;
  noisy.stdev = 0.4;
  noisy.noise_dt = 0.3;
  noisy.start = 5.0;
  noisy.neurons = {1};
  ac.amplitude = 0.3;
  ac.frequency = 50.0;
  ac.phase = 30.0;
  ac.stop = 30.0;
  pulse.amplitude = -0.2;
  pulse.start = 10.0;
  pulse.stop = 20.0;
  Population n = lif("n", 2, Model::kIfCurrExp, quiet_params());
  n.record.v = {0, 1};
  n.dc_sources = {noisy, ac, pulse};
  Network net = network_of({n}, kDt, 40.0);
  net.simulation.replicas = 2;
  Simulator sim(net, options());
  sim.run(40.0);
  const RunResult r = sim.result();
  const uint64_t steps = 400;
  for (uint32_t rep = 0; rep < 2; ++rep)
    for (uint32_t k = 0; k < 2; ++k) {
      const std::vector<double> received =
          currents_from_trace(trace(r, "v", 0, k, rep).values, quiet_params());
      ASSERT_EQ(received.size(), steps);
      std::vector<double> injected(steps, 0.0);
      for (uint32_t source = 0; source < 3; ++source) {
        const std::vector<double> part = sim.injected_current(0, source, k, rep, 0, steps);
        for (uint64_t t = 0; t < steps; ++t) injected[t] += part[t];
      }
      for (uint64_t t = 0; t < steps; ++t)
        ASSERT_NEAR(injected[t], received[t], 2e-3) << "replica " << rep << ", neuron " << k
                                                     << ", step " << t;
    }
  // The noisy source misses neuron 0 and is off before its start; replicas draw apart.
  EXPECT_EQ(sim.injected_current(0, 0, 0, 0, 0, steps), std::vector<double>(steps, 0.0));
  const std::vector<double> a = sim.injected_current(0, 0, 1, 0, 0, steps);
  EXPECT_EQ(std::vector<double>(a.begin(), a.begin() + 50), std::vector<double>(50, 0.0));
  EXPECT_NE(a[50], 0.0);
  EXPECT_NE(a, sim.injected_current(0, 0, 1, 1, 0, steps));
  // A window later in time is the same values, shifted.
  const std::vector<double> later = sim.injected_current(0, 0, 1, 0, 100, 50);
  EXPECT_EQ(later, std::vector<double>(a.begin() + 100, a.begin() + 150));
  EXPECT_THROW(sim.injected_current(0, 3, 0, 0, 0, 1), Error);  // no fourth source
  EXPECT_THROW(sim.injected_current(0, 0, 2, 0, 0, 1), Error);  // no third neuron
  EXPECT_THROW(sim.injected_current(0, 0, 0, 2, 0, 1), Error);  // no third replica
}

SPIKEWAFER_ALL_BACKENDS(CurrentSources);

}  // namespace
}  // namespace spikewafer::test
