// A spike emitted at t reaches its target at exactly t + delay, for short and long delays.
#include <cmath>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class Delay : public BackendTest {};

// First sample (ms) at which the target's membrane has left rest.
double first_response(const TraceRecord& v, double dt) {
  for (size_t k = 0; k < v.values.size(); ++k)
    if (v.values[k] != v.values[0]) return k * dt;
  return -1.0;
}

TEST_P(Delay, InputArrivesOnTheRightStep) {
  NeuronParams p;
  p.v_thresh = 100.0;
  Population target = lif("target", 4, Model::kIfCurrExp, p);
  target.record.v = {0, 1, 2, 3};
  Network n = network_of({spike_source("source", {{2.0}}), target}, 0.1, 40.0);
  Projection pr = one_to_one("source", "target", 1.0, 0.1);
  pr.connector.kind = Connector::Kind::kFromList;
  // Delays of 1, 7, 100 and 255 steps (the largest a synapse can store).
  pr.connector.list = {{0, 0, 1.0, 0.1}, {0, 1, 1.0, 0.7}, {0, 2, 1.0, 10.0}, {0, 3, 1.0, 25.5}};
  n.projections = {pr};
  const RunResult r = run(n);
  // Input arriving at t_a changes the synaptic current at t_a; V moves one step later.
  const double expected[] = {2.1, 2.7, 12.0, 27.5};
  for (uint32_t k = 0; k < 4; ++k)
    EXPECT_NEAR(first_response(trace(r, "v", 1, k), 0.1), expected[k] + 0.1, 1e-9) << k;
}

SPIKEWAFER_ALL_BACKENDS(Delay);

}  // namespace
}  // namespace spikewafer::test
