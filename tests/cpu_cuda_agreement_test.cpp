// The CPU and CUDA backends give the same run for the same seed: the same spikes and the same
// traces. Both compile the same functors; the random numbers are Philox counters, synaptic
// input is fixed-point (order-free), the update's exp is plain arithmetic (kernels/fast_exp.hpp),
// and neither compiler fuses multiply-adds (-ffp-contract=off, nvcc --fmad=false), so every
// float operation rounds alike. Runs only where a GPU is found (label gpu).
#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

// Every kernel the network runs goes through: conductance- and current-based neurons with
// exponential and alpha synapses, AdEx neurons with their adaptation current, Poisson background, per-neuron parameters, a DC step, Poisson
// and array sources, additive, renewing and Tsodyks-Markram synapses, STDP (multiplicative,
// all-to-all pairing), delays, two replicas.
Network mixed_network() {
  const NeuronParams p = coba_params();
  Population exc = lif("exc", 300, Model::kIfCondExp, p);
  exc.noise = {2000.0, 0.002, 500.0, 0.004};
  exc.initial.v = Distribution::uniform(-60.0, -50.0);
  exc.record.spikes = true;
  exc.record.v = {0, 1, 2};
  exc.record.syn_exc = {0};
  Population inh = lif("inh", 80, Model::kIfCondAlpha, p);
  inh.noise = exc.noise;
  inh.record.spikes = true;

  NeuronParams cur;
  cur.tau_refrac = 2.0;
  cur.i_offset = 0.5;
  Population alpha = lif("alpha", 50, Model::kIfCurrAlpha, cur);
  alpha.per_neuron.tau_m.resize(50);
  for (uint32_t k = 0; k < 50; ++k) alpha.per_neuron.tau_m[k] = 10.0 + 0.4 * k;
  DCSource step;
  step.amplitude = 0.3;
  step.start = 40.0;
  step.stop = 120.0;
  alpha.dc_sources = {step};
  alpha.record.spikes = true;
  alpha.record.v = {0, 49};
  Population plain = lif("plain", 40, Model::kIfCurrExp, cur);
  plain.record.spikes = true;
  plain.record.syn_inh = {3};

  Population poisson = poisson_source("poisson", 60, 40.0);
  std::vector<std::vector<double>> times(10);
  for (uint32_t k = 0; k < 10; ++k) times[k] = {5.0 + k, 50.0 + 3.0 * k, 150.0};
  Population array = spike_source("array", times);
  array.record.spikes = true;

  NeuronParams adex_p = coba_params();
  adex_p.b = 0.01;
  Population adex = lif("adex", 40, Model::kEifCondAlphaIsfaIsta, adex_p);
  adex.noise = exc.noise;
  adex.record.spikes = true;
  adex.record.v = {0};
  adex.record.w = {0, 39};

  NeuronParams hh_p = default_params(Model::kHhCondExp);
  hh_p.tau_syn_E = 5.0;
  hh_p.tau_syn_I = 10.0;
  Population hh = lif("hh", 20, Model::kHhCondExp, hh_p);
  hh.noise = exc.noise;
  hh.record.spikes = true;
  hh.record.v = {0};

  Network n = network_of({exc, inh, alpha, plain, poisson, array, adex, hh}, 0.1, 200.0);
  n.simulation.replicas = 2;
  n.simulation.seed = 23;
  auto add = [&n](const char* src, const char* tgt, Receptor rec, double w, double delay,
                  double p_connect, SynapseDynamics dynamics = SynapseDynamics::kAdditive) {
    Projection pr = one_to_one(src, tgt, w, delay, rec);
    pr.connector.kind = Connector::Kind::kFixedProbability;
    pr.connector.p = p_connect;
    pr.connector.allow_self = false;
    pr.dynamics = dynamics;
    n.projections.push_back(pr);
  };
  add("exc", "exc", Receptor::kExcitatory, 0.004, 0.5, 0.1);
  add("exc", "inh", Receptor::kExcitatory, 0.004, 1.3, 0.1);
  add("inh", "exc", Receptor::kInhibitory, 0.02, 0.8, 0.1);
  add("poisson", "alpha", Receptor::kExcitatory, 0.3, 1.0, 0.2, SynapseDynamics::kTsodyksMarkram);
  add("array", "plain", Receptor::kInhibitory, 0.4, 2.0, 0.5, SynapseDynamics::kRenewing);
  add("alpha", "plain", Receptor::kExcitatory, 0.2, 0.3, 0.2);
  add("exc", "adex", Receptor::kExcitatory, 0.004, 0.7, 0.1);
  add("exc", "plain", Receptor::kExcitatory, 0.1, 0.4, 0.2);  // projection 7: plastic
  Stdp& stdp = n.projections.back().stdp;
  stdp.enabled = true;
  stdp.dependence = WeightDependence::kMultiplicative;
  stdp.A_plus = stdp.A_minus = 0.05;
  stdp.w_max = 0.3;
  add("inh", "hh", Receptor::kInhibitory, 0.02, 0.6, 0.1);
  return n;
}

RunResult run_on(const Network& n, Backend backend) {
  SimulatorOptions o;
  o.backend = backend;
  o.threads = 2;
  return simulate(n, o);
}

// The first spike where the two runs part, or "" when they agree.
std::string first_difference(const RunResult& cpu, const RunResult& gpu) {
  const size_t n = std::min(cpu.spikes.size(), gpu.spikes.size());
  for (size_t k = 0; k < n; ++k) {
    const SpikeRecord &a = cpu.spikes[k], &b = gpu.spikes[k];
    if (a.population != b.population || a.replica != b.replica || a.neuron != b.neuron ||
        a.time_ms != b.time_ms) {
      std::ostringstream s;
      s << "spike " << k << ": cpu (pop " << a.population << ", replica " << a.replica
        << ", neuron " << a.neuron << ", " << a.time_ms << " ms), cuda (pop " << b.population
        << ", replica " << b.replica << ", neuron " << b.neuron << ", " << b.time_ms << " ms)";
      return s.str();
    }
  }
  if (cpu.spikes.size() != gpu.spikes.size())
    return "spike counts differ: cpu " + std::to_string(cpu.spikes.size()) + ", cuda " +
           std::to_string(gpu.spikes.size());
  return "";
}

class CpuCudaAgreement : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!cuda_usable(&why)) GTEST_SKIP() << why;
  }
};

TEST_F(CpuCudaAgreement, SameSpikesForTheSameSeed) {
  const Network n = mixed_network();
  const RunResult cpu = run_on(n, Backend::kCpu);
  const RunResult gpu = run_on(n, Backend::kCuda);
  ASSERT_GT(cpu.spikes.size(), 2000u);
  for (uint32_t pop = 0; pop < 4; ++pop)  // every neuron population spiked
    EXPECT_TRUE(std::any_of(cpu.spikes.begin(), cpu.spikes.end(),
                            [pop](const SpikeRecord& s) { return s.population == pop; }))
        << "population " << pop;
  EXPECT_EQ(first_difference(cpu, gpu), "");
  EXPECT_EQ(cpu.summary.synaptic_events, gpu.summary.synaptic_events);
}

TEST_F(CpuCudaAgreement, SameLearnedWeightsForTheSameSeed) {
  const Network n = mixed_network();
  std::vector<std::vector<double>> weights;
  for (Backend backend : {Backend::kCpu, Backend::kCuda}) {
    SimulatorOptions o;
    o.backend = backend;
    o.threads = 2;
    Simulator sim(n, o);
    sim.run(n.simulation.duration);
    for (uint32_t r = 0; r < 2; ++r) weights.push_back(sim.plastic_weights(7, r));
  }
  ASSERT_NE(weights[0], std::vector<double>(weights[0].size(), 0.1f));  // they learned
  EXPECT_EQ(weights[0], weights[2]);
  EXPECT_EQ(weights[1], weights[3]);
}

TEST_F(CpuCudaAgreement, SameTracesForTheSameSeed) {
  const Network n = mixed_network();
  const RunResult cpu = run_on(n, Backend::kCpu);
  const RunResult gpu = run_on(n, Backend::kCuda);
  ASSERT_EQ(cpu.traces.size(), gpu.traces.size());
  ASSERT_EQ(cpu.traces.size(), 2u * (3 + 1 + 2 + 1));
  for (size_t t = 0; t < cpu.traces.size(); ++t) {
    const TraceRecord &a = cpu.traces[t], &b = gpu.traces[t];
    ASSERT_EQ(a.variable, b.variable);
    ASSERT_EQ(a.values.size(), b.values.size());
    float worst = 0.0f;
    for (size_t k = 0; k < a.values.size(); ++k)
      worst = std::max(worst, std::fabs(a.values[k] - b.values[k]));
    // Bit-equal is what the kernels are written for; the bound leaves room for one rounding.
    EXPECT_LE(worst, 1e-5f * (1.0f + std::fabs(a.values[0])))
        << a.variable << " of population " << a.population << ", neuron " << a.neuron
        << ", replica " << a.replica;
  }
}

}  // namespace
}  // namespace spikewafer::test
