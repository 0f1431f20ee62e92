// Parameters per neuron (Population::per_neuron, InitialValues' per-neuron lists): a population
// whose neurons differ behaves exactly like one population per neuron with those values, and
// SpikeSourcePoisson's rate and window may differ per neuron.
#include <cmath>
#include <string>
#include <vector>

#include "io/network_config.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class PerNeuronParameters : public BackendTest {};

constexpr uint32_t kNeurons = 4;

// Neuron k's values of the parameters that differ.
const double kTauM[kNeurons] = {8.0, 12.0, 20.0, 30.0};
const double kThresh[kNeurons] = {-55.0, -52.0, -50.0, -57.0};
const double kTauSynE[kNeurons] = {2.0, 5.0, 5.0, 9.0};
const double kV0[kNeurons] = {-70.0, -60.0, -52.0, -65.0};

NeuronParams base_params(Model model) {
  NeuronParams p = coba_params();
  if (!is_conductance_based(model)) p.cm = 0.25;
  p.i_offset = 0.0;
  return p;
}

// The same four neurons as one population with per-neuron lists, or as four populations. With
// Poisson noise too: the randomness is keyed by the global neuron index, the same in both.
Network heterogeneous(Model model, bool one_population) {
  std::vector<Population> pops;
  PoissonNoise noise{3000.0, is_conductance_based(model) ? 0.004 : 0.08, 1000.0,
                     is_conductance_based(model) ? 0.01 : 0.1};
  if (one_population) {
    Population p = lif("mixed", kNeurons, model, base_params(model));
    p.per_neuron.tau_m.assign(kTauM, kTauM + kNeurons);
    p.per_neuron.v_thresh.assign(kThresh, kThresh + kNeurons);
    p.per_neuron.tau_syn_E.assign(kTauSynE, kTauSynE + kNeurons);
    p.initial.v_per_neuron.assign(kV0, kV0 + kNeurons);
    p.noise = noise;
    p.record.spikes = true;
    p.record.v = {0, 1, 2, 3};
    pops.push_back(p);
  } else {
    for (uint32_t k = 0; k < kNeurons; ++k) {
      NeuronParams q = base_params(model);
      q.tau_m = kTauM[k];
      q.v_thresh = kThresh[k];
      q.tau_syn_E = kTauSynE[k];
      Population p = lif("n" + std::to_string(k), 1, model, q);
      p.initial.v = Distribution::constant(kV0[k]);
      p.noise = noise;
      p.record.spikes = true;
      p.record.v = {0};
      pops.push_back(p);
    }
  }
  Network net = network_of(pops, 0.1, 500.0);
  net.simulation.seed = 11;
  net.simulation.replicas = 2;
  return net;
}

TEST_P(PerNeuronParameters, MatchOnePopulationPerNeuron) {
  for (Model model : {Model::kIfCondExp, Model::kIfCurrExp, Model::kIfCurrAlpha}) {
    SCOPED_TRACE(model_name(model));
    const RunResult mixed = run(heterogeneous(model, true));
    const RunResult split = run(heterogeneous(model, false));
    size_t spikes = 0;
    for (uint32_t r = 0; r < 2; ++r)
      for (uint32_t k = 0; k < kNeurons; ++k) {
        const std::vector<double> a = spike_times(mixed, 0, k, r);
        EXPECT_EQ(a, spike_times(split, k, 0, r)) << "neuron " << k << " replica " << r;
        EXPECT_EQ(trace(mixed, "v", 0, k, r).values, trace(split, "v", k, 0, r).values);
        EXPECT_FLOAT_EQ(trace(mixed, "v", 0, k, r).values.front(), kV0[k]);
        spikes += a.size();
      }
    EXPECT_GT(spikes, 20u);  // the comparison is about spiking neurons
  }
}

TEST_P(PerNeuronParameters, PoissonSourcesEmitOnlyInTheirWindowAtTheirRate) {
  Population p = poisson_source("poisson", 3, 0.0);
  p.per_neuron.rate = {200.0, 400.0, 100.0};
  p.per_neuron.start = {100.0, 0.0, 250.0};
  p.per_neuron.stop = {300.0, 150.0, 1e300};
  Network net = network_of({p}, 0.1, 1000.0);
  net.simulation.replicas = 20;
  const RunResult r = run(net);
  const double lo[3] = {100.0, 0.0, 250.0}, hi[3] = {300.0, 150.0, 1000.0};
  const double rate[3] = {200.0, 400.0, 100.0};
  for (uint32_t k = 0; k < 3; ++k) {
    double count = 0;
    for (uint32_t rep = 0; rep < 20; ++rep)
      for (double t : spike_times(r, 0, k, rep)) {
        EXPECT_GT(t, lo[k] + 1e-9) << "neuron " << k;
        EXPECT_LE(t, hi[k] + 1e-9) << "neuron " << k;
        ++count;
      }
    // Bernoulli per step: mean rate dt per step; 5 standard deviations.
    const double expected = 20 * rate[k] * (hi[k] - lo[k]) * 1e-3;
    EXPECT_NEAR(count, expected, 5 * std::sqrt(expected)) << "neuron " << k;
  }
}

TEST_P(PerNeuronParameters, PoissonRateListMatchesOnePopulationPerNeuron) {
  Population mixed = poisson_source("poisson", 2, 0.0);
  mixed.per_neuron.rate = {50.0, 300.0};
  mixed.start = 20.0;
  const RunResult a = run(network_of({mixed}, 0.1, 300.0));
  Population first = poisson_source("first", 1, 50.0), second = poisson_source("second", 1, 300.0);
  first.start = second.start = 20.0;
  const RunResult b = run(network_of({first, second}, 0.1, 300.0));
  EXPECT_EQ(spike_times(a, 0, 0), spike_times(b, 0, 0));
  EXPECT_EQ(spike_times(a, 0, 1), spike_times(b, 1, 0));
  EXPECT_GT(spike_times(a, 0, 1).size(), 40u);
}

SPIKEWAFER_ALL_BACKENDS(PerNeuronParameters);

std::string validation_error(const Network& net) {
  try {
    Simulator s(net, SimulatorOptions{});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(PerNeuronParameterErrors, NameTheListAndTheNeuron) {
  Population p = lif("exc", 3, Model::kIfCondExp, coba_params());
  p.per_neuron.tau_m = {10.0, 20.0};
  EXPECT_NE(validation_error(network_of({p}, 0.1, 10.0))
                .find("populations.exc.params.tau_m: expected one value per neuron (3), got 2"),
            std::string::npos);
  p.per_neuron.tau_m.clear();
  p.per_neuron.v_reset = {-60.0, -45.0, -60.0};  // above v_thresh = -50 for neuron 1
  EXPECT_NE(validation_error(network_of({p}, 0.1, 10.0))
                .find("populations.exc.params[1].v_thresh: must be > v_reset"),
            std::string::npos);
  p.per_neuron.v_reset.clear();
  p.per_neuron.rate = {1.0, 2.0, 3.0};
  EXPECT_NE(validation_error(network_of({p}, 0.1, 10.0)).find("only SpikeSourcePoisson has rate"),
            std::string::npos);
  p.per_neuron.rate.clear();
  p.initial.v_per_neuron = {-60.0};
  EXPECT_NE(validation_error(network_of({p}, 0.1, 10.0))
                .find("populations.exc.initial.v: expected one value per neuron (3), got 1"),
            std::string::npos);

  Population src = poisson_source("poisson", 2, 10.0);
  src.per_neuron.stop = {50.0, 0.0};
  EXPECT_NE(validation_error(network_of({src}, 0.1, 10.0))
                .find("populations.poisson.stop[1]: must be > start"),
            std::string::npos);
}

TEST(PerNeuronParameterFiles, ArraysInNetTomlAreOneValuePerNeuron) {
  const Network net = parse_network_toml(R"(
[simulation]
dt = 0.1
duration = 10.0
[populations.exc]
size = 3
model = "IF_cond_exp"
params = { tau_m = [10.0, 20.0, 30.0], v_thresh = -52.0, i_offset = [0.0, 0.1, 0.2] }
initial = { v = [-60.0, -55.0, -51.0], gsyn_exc = { uniform = [0.0, 0.01] } }
[populations.src]
size = 2
model = "SpikeSourcePoisson"
rate = [5.0, 50.0]
start = 100.0
stop = [200.0, 300.0]
)", "net.toml");
  const Population& exc = net.populations[0];
  EXPECT_EQ(exc.per_neuron.tau_m, (std::vector<double>{10.0, 20.0, 30.0}));
  EXPECT_TRUE(exc.per_neuron.v_thresh.empty());
  EXPECT_DOUBLE_EQ(exc.params.v_thresh, -52.0);
  EXPECT_EQ(exc.i_offset_per_neuron, (std::vector<double>{0.0, 0.1, 0.2}));
  EXPECT_EQ(exc.initial.v_per_neuron, (std::vector<double>{-60.0, -55.0, -51.0}));
  EXPECT_TRUE(exc.initial.syn_exc.has_value());
  EXPECT_DOUBLE_EQ(neuron_params(exc, 2).tau_m, 30.0);
  const Population& src = net.populations[1];
  EXPECT_EQ(src.per_neuron.rate, (std::vector<double>{5.0, 50.0}));
  EXPECT_DOUBLE_EQ(src.start, 100.0);
  EXPECT_EQ(src.per_neuron.stop, (std::vector<double>{200.0, 300.0}));

  try {
    parse_network_toml(R"(
[populations.exc]
size = 3
model = "IF_cond_exp"
params = { tau_m = [10.0, 20.0] }
)", "bad.toml");
    FAIL() << "a list of the wrong length was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected one value per neuron (3), got 2"),
              std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spikewafer::test
