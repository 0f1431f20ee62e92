// Renewing synapses: a second spike of the same source tops the synaptic current up to its
// single-spike peak w instead of adding w, i.e. it adds w (1 - exp(-gap / tau_syn)). Additive
// synapses reach w (1 + exp(-gap / tau_syn)).
#include <cmath>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class RenewingSynapse : public BackendTest {};

// The excitatory synaptic current of the target just after the second spike arrived.
double current_after_second_spike(const RunResult& r) {
  const TraceRecord& isyn = trace(r, "isyn_exc", 1, 0);
  // Spikes at 1.0 and 4.0 ms, delay 1 ms: the second arrives at 5.0 ms (sample 50).
  return isyn.values.at(50);
}

Network two_spike_network(SynapseDynamics dynamics) {
  NeuronParams p;
  p.v_thresh = 1000.0;  // never fires
  p.tau_syn_E = 10.0;
  Population target = lif("target", 1, Model::kIfCurrExp, p);
  target.record.syn_exc = {0};
  Network n = network_of({spike_source("source", {{1.0, 4.0}}), target}, 0.1, 10.0);
  Projection pr = one_to_one("source", "target", 0.5, 1.0);
  pr.dynamics = dynamics;
  n.projections = {pr};
  return n;
}

TEST_P(RenewingSynapse, SecondSpikeRenewsToThePeakInsteadOfAdding) {
  const double decay = std::exp(-3.0 / 10.0);  // 3 ms between the spikes, tau_syn 10 ms
  EXPECT_NEAR(current_after_second_spike(run(two_spike_network(SynapseDynamics::kRenewing))),
              0.5, 1e-5);
  EXPECT_NEAR(current_after_second_spike(run(two_spike_network(SynapseDynamics::kAdditive))),
              0.5 * (1.0 + decay), 1e-5);
}

TEST_P(RenewingSynapse, FirstSpikeIsTheFullWeight) {
  const RunResult r = run(two_spike_network(SynapseDynamics::kRenewing));
  EXPECT_NEAR(trace(r, "isyn_exc", 1, 0).values.at(20), 0.5, 1e-6);  // arrives at 2.0 ms
}

TEST(RenewingSynapseValidation, ProjectionsOutOfOnePopulationMustAgree) {
  Network n = two_spike_network(SynapseDynamics::kRenewing);
  Projection additive = n.projections[0];
  additive.dynamics = SynapseDynamics::kAdditive;
  n.projections.push_back(additive);
  try {
    simulate(n, SimulatorOptions{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("projections[1].synapse"), std::string::npos) << e.what();
  }
}

SPIKEWAFER_ALL_BACKENDS(RenewingSynapse);

}  // namespace
}  // namespace spikewafer::test
