// A single input spike into IF_curr_exp gives the difference-of-exponentials PSP
// w/cm * tau_m tau_s / (tau_m - tau_s) * (exp(-s/tau_m) - exp(-s/tau_s)), s = t - arrival,
// starting exactly at spike time + delay; inhibition is the same shape, negative.
#include <cmath>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class PspShape : public BackendTest {};

double psp(double s, double w) {
  const double tau_m = 20.0, tau_s = 5.0, cm = 1.0;
  if (s <= 0) return 0.0;
  return w / cm * tau_m * tau_s / (tau_m - tau_s) * (std::exp(-s / tau_m) - std::exp(-s / tau_s));
}

void expect_psp(const RunResult& r, double arrival, double w, uint32_t neuron) {
  const TraceRecord& v = trace(r, "v", 1, neuron);
  for (size_t k = 0; k < v.values.size(); ++k) {
    const double t = k * 0.1;
    EXPECT_NEAR(v.values[k] - (-65.0), psp(t - arrival, w), 2e-4) << "t = " << t;
  }
}

TEST_P(PspShape, ExcitatoryAndInhibitoryPspsMatchTheClosedForm) {
  NeuronParams p;
  p.tau_m = 20.0;
  p.cm = 1.0;
  p.v_rest = p.v_reset = -65.0;
  p.v_thresh = 0.0;  // never reached
  p.tau_syn_E = p.tau_syn_I = 5.0;
  Population target = lif("target", 2, Model::kIfCurrExp, p);
  target.record.v = {0, 1};
  Network n = network_of({spike_source("source", {{1.0}, {1.0}}), target}, 0.1, 60.0);
  // Source neuron 0 excites target 0 and source 1 inhibits target 1, both with 1.5 ms delay.
  Projection exc = one_to_one("source", "target", 0.5, 1.5);
  exc.connector.kind = Connector::Kind::kFromList;
  exc.connector.list = {{0, 0, 0.5, 1.5}};
  Projection inh = exc;
  inh.receptor = Receptor::kInhibitory;
  inh.connector.list = {{1, 1, 0.5, 1.5}};
  n.projections = {exc, inh};
  const RunResult r = run(n);
  expect_psp(r, 2.5, 0.5, 0);
  expect_psp(r, 2.5, -0.5, 1);
}

SPIKEWAFER_ALL_BACKENDS(PspShape);

}  // namespace
}  // namespace spikewafer::test
