// What a step costs a GPU beyond its arithmetic, counted on every backend as the CUDA backend
// pays it (kernels/device_traffic.hpp) and pinned here, so that a change to the step's kernel
// launches, host waits or transfers fails a test on a machine without a GPU. A step waits for
// nothing and copies nothing: the spike count stays in device memory, and launches over the
// spikes are sized by a bound (issue 22; its goal of one launch per step is not reached yet).
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

constexpr double kSteps = 100;  // 10 ms at dt = 0.1 ms

NeuronParams silent() {
  NeuronParams p;
  p.v_thresh = 100.0;  // never reached
  return p;
}

class DeviceTraffic : public BackendTest {};

// A source spiking at 1, 2 and 3 ms (recorded) onto one silent neuron.
Network three_spikes_onto_one() {
  Population stim = spike_source("stim", {{1.0, 2.0, 3.0}});
  stim.record.spikes = true;
  Network net = network_of({stim, lif("target", 1, Model::kIfCondExp, silent())}, 0.1, 10.0);
  net.projections.push_back(one_to_one("stim", "target", 0.01, 0.5));
  return net;
}

// Per step: one update launch per population, the compaction of the spike flags (two launches,
// its count left in device memory) and the delivery (one launch, whatever the count, which the
// host does not know); per run, the synchronisation at its end, the only wait.
TEST_P(DeviceTraffic, ASilentStepIsItsUpdatesCompactionAndDelivery) {
  const Network net = network_of({lif("a", 30, Model::kIfCondExp, silent()),
                                  lif("b", 20, Model::kIfCurrAlpha, silent())},
                                 0.1, 10.0);
  const RunSummary s = run(net).summary;
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, (2 + 2 + 1) * kSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, 0);
}

// A noisy current source redrawn every step costs one launch on the device, nothing copied.
TEST_P(DeviceTraffic, ANoisyCurrentSourceIsOneLaunchPerStep) {
  Population a = lif("a", 30, Model::kIfCondExp, silent());
  DCSource noise;
  noise.amplitude = 0.1;
  noise.stdev = 0.05;  // noise_dt 0: a draw every step
  a.dc_sources.push_back(noise);
  const RunSummary s = run(network_of({a}, 0.1, 10.0)).summary;
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, (1 + 1 + 2 + 1) * kSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, 0);
}

// Recording adds one launch per step, and no wait: the recorded spikes are counted in device
// memory. The run's end copies them out: the counter, the spikes and their steps (a wait and a
// transfer each), and the counter set back to 0 (a launch, no wait). Stochastic synapses draw
// their releases inside the delivery launch: the same counts, whichever spikes get through.
TEST_P(DeviceTraffic, ASpikingStepAddsDeliveryAndRecording) {
  for (const double release : {1.0, 0.5}) {
    Network net = three_spikes_onto_one();
    net.projections.back().release_probability = release;
    const RunSummary s = run(net).summary;
    ASSERT_EQ(s.spikes, 3u);
    EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, (2 + 2 + 1 + 1) * kSteps + 1) << release;
    EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, 1 + 3) << release;
    EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, 3) << release;
  }
}

// A projection with STDP adds, every step, the decay of its two traces, its
// depression-and-delivery and its potentiation (four launches); nothing is waited for or
// copied. Here it is the only projection: the shared CSR's delivery launch runs (empty) too.
TEST_P(DeviceTraffic, AProjectionWithStdpAddsFourLaunchesAndNoWait) {
  const Population stim = spike_source("stim", {{1.0, 2.0, 3.0}});
  Network net = network_of({stim, lif("target", 1, Model::kIfCondExp, silent())}, 0.1, 10.0);
  net.projections.push_back(one_to_one("stim", "target", 0.01, 0.5));
  net.projections.back().stdp.enabled = true;
  const RunSummary s = run(net).summary;
  ASSERT_EQ(s.spikes, 3u);
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, (2 + 2 + 1 + 4) * kSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, 0);
}

// The host does not know how many spikes were recorded, only a bound (every recorded neuron
// once per step). With 2^18 recorded sources the buffer holds four steps' bounds, so the host
// reads the counter (a wait, a transfer) every fourth step, and copies the records out once the
// buffer is more than half full: here once, after the sources' four spiking steps (steps
// 11-14; checks at steps 4, 8, ..., 12, 15, 19, ..., 99). The run's end then finds the counter
// at 0 and copies nothing more. Not a spike is lost.
TEST_P(DeviceTraffic, RecordedSpikesAreCheckedEveryFourthStepAndNoneIsLost) {
  constexpr uint32_t kSources = 1u << 18;
  Population stim = spike_source(
      "stim", std::vector<std::vector<double>>(kSources, {1.05, 1.15, 1.25, 1.35}));
  stim.record.spikes = true;
  const RunResult r = run(network_of({stim}, 0.1, 10.0));
  ASSERT_EQ(r.summary.spikes, 4u * kSources);
  EXPECT_EQ(r.spikes.size(), 4u * kSources);
  constexpr double kChecks = 25, kCopies = 1;  // a copy: 2 reads and the counter's reset
  constexpr double kEnd = 1;  // the counter read at the end, found empty
  EXPECT_DOUBLE_EQ(r.summary.host_waits_per_step * kSteps, 1 + kChecks + 2 * kCopies + kEnd);
  EXPECT_DOUBLE_EQ(r.summary.transfers_per_step * kSteps, kChecks + 2 * kCopies + kEnd);
  EXPECT_DOUBLE_EQ(r.summary.launches_per_step * kSteps, (1 + 2 + 1 + 1) * kSteps + kCopies + 1);
}

SPIKEWAFER_ALL_BACKENDS(DeviceTraffic);

}  // namespace
}  // namespace spikewafer::test
