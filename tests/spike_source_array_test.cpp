// SpikeSourceArray: spike times that round to the same step are queued, one step apart, and
// reach their targets; none is lost (a neuron emits at most one spike per step, and several in
// one step once merged into one without a word).
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SpikeSourceArray : public BackendTest {};

TEST_P(SpikeSourceArray, SpikesOnOneStepAreQueuedNotLost) {
  // 1.0, 1.0 and 1.02 all round to the step ending at 1.0 ms (dt = 0.1).
  Population stim = spike_source("stim", {{1.0, 1.0, 1.02, 3.0}, {0.5, 0.52}});
  stim.record.spikes = true;
  NeuronParams quiet;
  quiet.v_thresh = 100.0;  // never fires: its input current counts the spikes that arrived
  quiet.tau_syn_E = 1e4;   // and keeps them (decays by 1e-5 per step)
  Population target = lif("target", 2, Model::kIfCurrExp, quiet);
  target.record.syn_exc = {0, 1};
  Network net = network_of({stim, target}, 0.1, 5.0);
  net.projections.push_back(one_to_one("stim", "target", 1.0, 0.1));
  const RunResult r = run(net);
  const std::vector<double> first = spike_times(r, 0, 0), second = spike_times(r, 0, 1);
  ASSERT_EQ(first.size(), 4u);
  EXPECT_NEAR(first[0], 1.0, 1e-9);
  EXPECT_NEAR(first[1], 1.1, 1e-9);  // queued one step
  EXPECT_NEAR(first[2], 1.2, 1e-9);  // and another
  EXPECT_NEAR(first[3], 3.0, 1e-9);  // later spikes keep their times
  ASSERT_EQ(second.size(), 2u);
  EXPECT_NEAR(second[0], 0.5, 1e-9);
  EXPECT_NEAR(second[1], 0.6, 1e-9);  // 0.52 rounds to 0.5 on this grid
  EXPECT_NEAR(trace(r, "isyn_exc", 1, 0).values.back(), 4.0, 1e-2);
  EXPECT_NEAR(trace(r, "isyn_exc", 1, 1).values.back(), 2.0, 1e-2);
}

SPIKEWAFER_ALL_BACKENDS(SpikeSourceArray);

}  // namespace
}  // namespace spikewafer::test
