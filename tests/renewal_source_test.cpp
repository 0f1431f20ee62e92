// SpikeSourcePoisson with a dead time (PyNN's SpikeSourcePoissonRefractory) or a gamma shape
// (SpikeSourceGamma): the mean rate stays the rate asked for, no interval is shorter than the
// dead time, and the intervals beyond it have the coefficient of variation of their law
// (1 for the exponential, 1 / sqrt(shape) for the gamma).
#include <cmath>
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

struct IntervalStats {
  double shortest = INFINITY, mean = 0, cv = 0;
  size_t count = 0;
};

// Intervals of the neurons of population 0 for which `take(k)` holds, less `shift` ms.
template <class Take>
IntervalStats intervals(const RunResult& r, uint32_t size, double shift, Take take) {
  std::vector<double> all;
  for (uint32_t k = 0; k < size; ++k) {
    if (!take(k)) continue;
    const std::vector<double> t = spike_times(r, 0, k);
    for (size_t i = 1; i < t.size(); ++i) all.push_back(t[i] - t[i - 1] - shift);
  }
  IntervalStats s;
  s.count = all.size();
  for (double x : all) {
    s.shortest = std::min(s.shortest, x);
    s.mean += x / all.size();
  }
  double var = 0;
  for (double x : all) var += (x - s.mean) * (x - s.mean) / (all.size() - 1);
  s.cv = std::sqrt(var) / s.mean;
  return s;
}

class RenewalSource : public BackendTest {};

TEST_P(RenewalSource, DeadTimeKeepsTheRateAndShiftsAnExponentialInterval) {
  Population src = poisson_source("src", 200, 100.0);
  src.dead_time = 5.0;
  src.record.spikes = true;
  const RunResult r = run(network_of({src}, 0.1, 5000.0));
  const IntervalStats s = intervals(r, src.size, 5.0, [](uint32_t) { return true; });
  ASSERT_GT(s.count, 90000u);
  EXPECT_GE(s.shortest, 0.1 - 1e-9);        // the dead time, then at least one live step
  EXPECT_NEAR(s.mean, 5.0, 0.05);           // 1 / rate - dead time; sd of the mean 0.016
  EXPECT_NEAR(s.cv, std::sqrt(0.98), 0.02);  // geometric on the grid, p = 0.02 per step
}

TEST_P(RenewalSource, GammaShapesPerNeuronGiveTheirIntervalsAtTheSameRate) {
  Population src = poisson_source("src", 400, 40.0);
  for (uint32_t k = 0; k < src.size; ++k) src.per_neuron.shape.push_back(k % 2 ? 8.0 : 1.0);
  src.record.spikes = true;
  const RunResult r = run(network_of({src}, 0.1, 5000.0));
  const IntervalStats poisson = intervals(r, src.size, 0, [](uint32_t k) { return k % 2 == 0; });
  const IntervalStats gamma8 = intervals(r, src.size, 0, [](uint32_t k) { return k % 2 == 1; });
  ASSERT_GT(gamma8.count, 35000u);
  EXPECT_NEAR(poisson.mean, 25.0, 0.4);  // 1 / 40 Hz; sds of the means 0.13 and 0.05 ms
  EXPECT_NEAR(gamma8.mean, 25.0, 0.2);
  EXPECT_NEAR(poisson.cv, 1.0, 0.02);
  EXPECT_NEAR(gamma8.cv, 1 / std::sqrt(8.0), 0.01);
  EXPECT_GT(gamma8.shortest, 1.0);  // eight stages of 3 ms each are seldom all under 1 ms
}

TEST_P(RenewalSource, SameSeedSameSpikesOnOneAndTwoThreads) {
  Population src = poisson_source("src", 50, 200.0);
  src.dead_time = 1.0;
  src.shape = 3;
  src.record.spikes = true;
  const Network net = network_of({src}, 0.1, 500.0);
  const RunResult one = run(net, 1), two = run(net, 2);
  ASSERT_GT(one.spikes.size(), 3000u);
  ASSERT_EQ(one.spikes.size(), two.spikes.size());
  for (size_t i = 0; i < one.spikes.size(); ++i) {
    EXPECT_EQ(one.spikes[i].time_ms, two.spikes[i].time_ms);
    EXPECT_EQ(one.spikes[i].neuron, two.spikes[i].neuron);
  }
}

SPIKEWAFER_ALL_BACKENDS(RenewalSource);

}  // namespace
}  // namespace spikewafer::test
