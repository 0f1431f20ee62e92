// Simulator::set_weight_scales: every replica's weight scale changes mid-run (closed-loop sampling
// corrections), keeping the state; spikes already on their way arrive as they were sent.
#include <cmath>
#include <vector>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class WeightScaleChange : public BackendTest {};

constexpr double kDt = 0.1;

// Two replicas of one array source onto one IF_curr_exp neuron that never fires, its excitatory
// current recorded every step.
Network one_synapse(const std::vector<double>& spike_times, std::vector<double> scales) {
  NeuronParams q;
  q.tau_syn_E = 5.0;
  q.v_thresh = 1000.0;
  Population target = lif("target", 1, Model::kIfCurrExp, q);
  target.record.syn_exc = {0};
  Network n = network_of({spike_source("source", {spike_times}), target}, kDt, 0.0);
  n.projections.push_back(one_to_one("source", "target", 0.5, 1.0));
  n.simulation.replicas = 2;
  n.overrides.weight_scale = std::move(scales);
  return n;
}

// The largest excitatory current of a replica within 1 ms after t_ms.
double peak_after(const RunResult& r, uint32_t replica, double t_ms) {
  const TraceRecord& t = trace(r, "isyn_exc", 1, 0, replica);
  double peak = 0.0;
  for (size_t k = 0; k < t.values.size(); ++k) {
    const double time = t.t0_ms + k * t.interval_ms;
    if (time > t_ms && time <= t_ms + 1.0) peak = std::max(peak, double{t.values[k]});
  }
  return peak;
}

TEST_P(WeightScaleChange, NewScalesTakeEffectForSpikesSentFromThenOn) {
  // The spike at 99.5 ms is on its way (1 ms delay) when the scales change at 100 ms; replica 0
  // is scaled up four times (a coarser fixed-point scale), replica 1 down to a quarter.
  Simulator sim(one_synapse({10.0, 99.5, 190.0}, {1.0, 1.0}), options());
  sim.run(100.0);
  sim.set_weight_scales({4.0, 0.25});
  sim.run(100.0);
  const RunResult r = sim.result();
  for (uint32_t replica : {0u, 1u}) {
    const double before = peak_after(r, replica, 11.0 - kDt);
    ASSERT_GT(before, 0.4);
    EXPECT_NEAR(peak_after(r, replica, 100.5 - kDt) / before, 1.0, 1e-5) << replica;
    EXPECT_NEAR(peak_after(r, replica, 191.0 - kDt) / before, replica == 0 ? 4.0 : 0.25, 1e-5)
        << replica;
  }
}

TEST_P(WeightScaleChange, BeforeAnyInputTheSameAsBuiltWithTheNewScales) {
  // With no input waiting, the fixed-point scale is found as at construction: the same values.
  const std::vector<double> times{5.0, 12.0, 30.0};
  Simulator changed(one_synapse(times, {1.0, 1.0}), options());
  changed.set_weight_scales({3.0, 0.5});
  changed.run(50.0);
  const RunResult a = changed.result();
  const RunResult b = run([&] {
    Network n = one_synapse(times, {3.0, 0.5});
    n.simulation.duration = 50.0;
    return n;
  }());
  for (uint32_t replica : {0u, 1u}) {
    const TraceRecord& x = trace(a, "isyn_exc", 1, 0, replica);
    const TraceRecord& y = trace(b, "isyn_exc", 1, 0, replica);
    ASSERT_EQ(x.values.size(), y.values.size());
    for (size_t k = 0; k < x.values.size(); ++k) ASSERT_EQ(x.values[k], y.values[k]) << k;
  }
}

TEST_P(WeightScaleChange, RefusesAWrongCountOrANegativeScale) {
  Simulator sim(one_synapse({10.0}, {1.0, 1.0}), options());
  EXPECT_THROW(sim.set_weight_scales({1.0}), Error);
  EXPECT_THROW(sim.set_weight_scales({1.0, -1.0}), Error);
  EXPECT_THROW(sim.set_weight_scales({1.0, NAN}), Error);
}

SPIKEWAFER_ALL_BACKENDS(WeightScaleChange);

}  // namespace
}  // namespace spikewafer::test
