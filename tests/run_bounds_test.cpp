// What a run may ask for is bounded before any work: at most kMaxThreads threads (100,000 crashed
// OpenMP with a stack overflow) and at most kMostSteps steps per Simulator::run (run(1e300) ran
// without end); a negative or non-finite duration is refused.
#include <cmath>
#include <limits>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

Network one_neuron() {
  return network_of({lif("n", 1, Model::kIfCondExp, NeuronParams{})}, 0.1, 1.0);
}

TEST(RunBounds, ThreadCountsOutsideZeroToTheMostAreRefused) {
  for (const int threads : {-1, kMaxThreads + 1, 100000}) {
    SimulatorOptions o;
    o.threads = threads;
    EXPECT_THROW(Simulator(one_neuron(), o), spikewafer::Error) << threads;
  }
  SimulatorOptions o;
  o.threads = 2;
  EXPECT_NO_THROW(Simulator(one_neuron(), o));
}

TEST(RunBounds, EndlessOrNegativeDurationsAreRefused) {
  Simulator sim(one_neuron(), SimulatorOptions{});
  for (const double ms : {1e300, 0.1 * kMostSteps * 1.01, -1.0,
                          std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity()}) {
    try {
      sim.run(ms);
      ADD_FAILURE() << ms << " ms was run";
    } catch (const spikewafer::Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInput) << e.what();
    }
  }
  EXPECT_EQ(sim.time_ms(), 0.0);  // nothing was run
  sim.run(1.0);
  EXPECT_NEAR(sim.time_ms(), 1.0, 1e-9);
}

// The traces a run would record are checked against free memory before it runs: the
// construction's estimate covers simulation.duration only, and run(t) grew them unchecked.
TEST(RunBounds, TracesARunCannotHoldAreRefusedBeforeItRuns) {
  Network n = one_neuron();
  n.populations[0].size = 100;
  n.populations[0].record.v.resize(100);
  for (uint32_t i = 0; i < 100; ++i) n.populations[0].record.v[i] = i;
  n.simulation.replicas = 100;
  Simulator sim(n, SimulatorOptions{});
  try {
    sim.run(1e9);  // 10^10 steps x 10^4 traces x 4 bytes: 4e14 bytes
    ADD_FAILURE() << "a run of 4e14 bytes of traces was started";
  } catch (const spikewafer::Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kResource) << e.what();
    EXPECT_NE(std::string(e.what()).find("traces recorded by run"), std::string::npos) << e.what();
  }
  EXPECT_EQ(sim.time_ms(), 0.0);
}

}  // namespace
}  // namespace spikewafer::test
