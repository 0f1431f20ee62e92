// Simulator::set_population: changing a population between two runs keeps every neuron's state
// (PyNN's set() between runs), and recording can be switched on and off mid-run.
#include <string>
#include <vector>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SetPopulation : public BackendTest {};

constexpr double kDt = 0.1;

// Two regularly firing IF_curr_exp neurons driven by a constant current, with noise on one
// receptor so that a change of state would show in the spikes.
Population driven() {
  NeuronParams q;
  q.tau_m = 10.0;
  q.cm = 0.25;
  q.v_rest = q.v_reset = -65.0;
  q.v_thresh = -55.0;
  q.tau_refrac = 2.0;
  q.i_offset = 1.2;
  Population p = lif("n", 2, Model::kIfCurrExp, q);
  p.noise = PoissonNoise{2000.0, 0.05, 0.0, 0.0};
  p.record.spikes = true;
  return p;
}

std::vector<double> after(const std::vector<double>& times, double t0) {
  std::vector<double> out;
  for (double t : times)
    if (t > t0) out.push_back(t);
  return out;
}

TEST_P(SetPopulation, IOffsetChangeEqualsACurrentStepAtThatTime) {
  Population p = driven();
  Simulator changed(network_of({p}, kDt, 0.0), options());
  changed.run(100.0);
  Population q = p;
  q.params.i_offset = 2.0;
  changed.set_population(0, q);
  changed.run(100.0);

  Population stepped = p;
  stepped.dc_sources.push_back(DCSource{0.8, 100.0, 1e300, {}});
  Simulator reference(network_of({stepped}, kDt, 0.0), options());
  reference.run(200.0);

  const RunResult a = changed.result(), b = reference.result();
  for (uint32_t k = 0; k < 2; ++k) EXPECT_EQ(spike_times(a, 0, k), spike_times(b, 0, k));
  EXPECT_GT(after(spike_times(a, 0, 0), 100.0).size(), after(spike_times(a, 0, 0), 0.0).size() / 2);
}

// After a change of tau_m and cm (per neuron) and v_thresh, the inter-spike intervals are those of a
// network built with the new values; the spikes before the change are those of the old one.
TEST_P(SetPopulation, ParameterChangeKeepsStateAndTakesEffectNow) {
  Population p = driven();
  p.noise = PoissonNoise{};  // regular firing: intervals are exact
  Simulator changed(network_of({p}, kDt, 0.0), options());
  changed.run(100.0);
  Population q = p;
  q.per_neuron.tau_m = {5.0, 15.0};
  q.per_neuron.cm = {0.1, 1.0};
  q.params.v_thresh = -57.0;
  changed.set_population(0, q);
  changed.run(200.0);
  const RunResult a = changed.result();

  const RunResult old_net = run(network_of({p}, kDt, 300.0));
  const RunResult new_net = run(network_of({q}, kDt, 300.0));
  for (uint32_t k = 0; k < 2; ++k) {
    const std::vector<double> before = spike_times(old_net, 0, k);
    const std::vector<double> t = spike_times(a, 0, k);
    EXPECT_EQ(std::vector<double>(t.begin(), t.begin() + after(t, 0.0).size() -
                                                 after(t, 100.0).size()),
              std::vector<double>(before.begin(),
                                  before.begin() + before.size() - after(before, 100.0).size()));
    const std::vector<double> later = after(t, 100.0), reference = after(spike_times(new_net, 0, k), 0.0);
    ASSERT_GE(later.size(), 4u);
    ASSERT_GE(reference.size(), 4u);
    // The regular interval of the new parameters (to one step).
    EXPECT_NEAR(later[3] - later[2], reference[3] - reference[2], 1e-6);
    EXPECT_GT(std::abs((later[3] - later[2]) - (before[3] - before[2])), 0.5);
  }
}

TEST_P(SetPopulation, RecordingSwitchedOnMidRunStartsThen) {
  Population p = driven();
  p.record = RecordSpec{};
  Simulator sim(network_of({p}, kDt, 0.0), options());
  sim.run(50.0);
  Population q = p;
  q.record.spikes = true;
  q.record.v = {1};
  q.record.sampling_interval = 0.5;
  sim.set_population(0, q);
  sim.run(50.0);
  const RunResult a = sim.result();

  Population all = p;
  all.record.spikes = true;
  all.record.v = {1};
  all.record.sampling_interval = 0.5;
  const RunResult full = run(network_of({all}, kDt, 100.0));

  for (uint32_t k = 0; k < 2; ++k)
    EXPECT_EQ(spike_times(a, 0, k), after(spike_times(full, 0, k), 50.0 + 1e-9));
  const TraceRecord& v = trace(a, "v", 0, 1);
  EXPECT_DOUBLE_EQ(v.t0_ms, 50.0);
  ASSERT_EQ(v.values.size(), 101u);  // 50 ms at 0.5 ms, counting both ends
  const std::vector<float>& reference = trace(full, "v", 0, 1).values;
  ASSERT_EQ(reference.size(), 201u);
  EXPECT_EQ(v.values, std::vector<float>(reference.begin() + 100, reference.end()));

  // Off again: no spikes after 100 ms; the trace comes back in a second piece... of nothing.
  Population off = q;
  off.record = RecordSpec{};
  sim.set_population(0, off);
  sim.run(50.0);
  const RunResult b = sim.result();
  EXPECT_EQ(spike_times(b, 0, 0), spike_times(a, 0, 0));
  EXPECT_EQ(trace(b, "v", 0, 1).values, v.values);

  // reset(): from t = 0 with the recording as it is now (off).
  sim.reset();
  sim.run(20.0);
  EXPECT_TRUE(sim.result().spikes.empty());
  EXPECT_TRUE(sim.result().traces.empty());
}

TEST_P(SetPopulation, NewSpikeTimesAndPoissonRate) {
  Population src = spike_source("src", {{5.0, 15.0, 25.0}});
  src.record.spikes = true;
  Population poisson = poisson_source("poisson", 1, 0.0);
  Simulator sim(network_of({src, poisson}, kDt, 0.0), options());
  sim.run(20.0);
  src.spike_times = {{12.0, 30.0, 40.0}};  // 12 ms is past: never emitted
  sim.set_population(0, src);
  poisson.rate = 500.0;
  sim.set_population(1, poisson);
  sim.run(30.0);
  const RunResult r = sim.result();
  EXPECT_EQ(spike_times(r, 0, 0), (std::vector<double>{5.0, 15.0, 30.0, 40.0}));
  const std::vector<double> poisson_spikes = spike_times(r, 1, 0);
  EXPECT_GT(poisson_spikes.size(), 5u);
  EXPECT_GT(poisson_spikes.front(), 20.0);
}

SPIKEWAFER_ALL_BACKENDS(SetPopulation);

TEST(SetPopulationErrors, SizeModelAndValuesAreChecked) {
  Simulator sim(network_of({driven()}, kDt, 0.0), SimulatorOptions{});
  Population bigger = driven();
  bigger.size = 3;
  EXPECT_THROW(sim.set_population(0, bigger), Error);
  EXPECT_THROW(sim.set_population(1, driven()), Error);
  Population bad = driven();
  bad.params.tau_m = -1.0;
  try {
    sim.set_population(0, bad);
    FAIL() << "tau_m < 0 accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("populations.n.params.tau_m: must be > 0"),
              std::string::npos)
        << e.what();
  }
  sim.run(10.0);  // the simulator still works after a refused change
  EXPECT_DOUBLE_EQ(sim.time_ms(), 10.0);
}

}  // namespace
}  // namespace spikewafer::test
