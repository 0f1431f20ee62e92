// Helpers shared by the engine tests: building small networks in code, and running the same
// test body on every backend (CUDA instances skip with a reason where no GPU is found).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spikewafer/network.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::test {

inline Population lif(const std::string& name, uint32_t size, Model model, NeuronParams params) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = model;
  p.params = params;
  return p;
}

// The neuron of the Vogels-Abbott COBA network (examples/coba.toml).
inline NeuronParams coba_params() {
  NeuronParams p;
  p.tau_m = 20.0;
  p.cm = 0.2;
  p.v_rest = p.v_reset = -60.0;
  p.v_thresh = -50.0;
  p.tau_refrac = 5.0;
  p.tau_syn_E = 5.0;
  p.tau_syn_I = 10.0;
  p.e_rev_E = 0.0;
  p.e_rev_I = -80.0;
  return p;
}

inline Population spike_source(const std::string& name, std::vector<std::vector<double>> times) {
  Population p;
  p.name = name;
  p.size = static_cast<uint32_t>(times.size());
  p.model = Model::kSpikeSourceArray;
  p.spike_times = std::move(times);
  return p;
}

inline Population poisson_source(const std::string& name, uint32_t size, double rate) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = Model::kSpikeSourcePoisson;
  p.rate = rate;
  p.record.spikes = true;
  return p;
}

inline Projection one_to_one(const std::string& source, const std::string& target, double weight,
                             double delay, Receptor receptor = Receptor::kExcitatory) {
  Projection pr;
  pr.source = source;
  pr.target = target;
  pr.receptor = receptor;
  pr.connector.kind = Connector::Kind::kOneToOne;
  pr.weight = Distribution::constant(weight);
  pr.delay = Distribution::constant(delay);
  return pr;
}

// NET.toml text of a one-spike source onto one IF_curr_exp neuron through a one_to_one
// projection of weight 0.5 with `projection_keys` (lines) added to the projection's table.
inline std::string source_onto_neuron_toml(const std::string& projection_keys) {
  return R"(
[populations.s]
size = 1
model = "SpikeSourceArray"
spike_times = [1.0]
[populations.n]
size = 1
model = "IF_curr_exp"
[[projections]]
source = "s"
target = "n"
connector = { kind = "one_to_one" }
weight = 0.5
)" + projection_keys;
}

inline Network network_of(std::vector<Population> pops, double dt, double duration) {
  Network n;
  n.simulation.dt = dt;
  n.simulation.duration = duration;
  n.populations = std::move(pops);
  n.source = "<test>";
  return n;
}

// Spike times (ms) of one neuron of one population in one replica.
inline std::vector<double> spike_times(const RunResult& r, uint32_t population, uint32_t neuron,
                                       uint32_t replica = 0) {
  std::vector<double> t;
  for (const SpikeRecord& s : r.spikes)
    if (s.population == population && s.neuron == neuron && s.replica == replica)
      t.push_back(s.time_ms);
  return t;
}

inline const TraceRecord& trace(const RunResult& r, const std::string& variable,
                                uint32_t population = 0, uint32_t neuron = 0,
                                uint32_t replica = 0) {
  for (const TraceRecord& t : r.traces)
    if (t.variable == variable && t.population == population && t.neuron == neuron &&
        t.replica == replica)
      return t;
  throw std::runtime_error("trace not recorded: " + variable);
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string why;
    if (GetParam() == Backend::kCuda && !cuda_usable(&why)) GTEST_SKIP() << why;
  }
  SimulatorOptions options(int threads = 2) const {
    SimulatorOptions o;
    o.backend = GetParam();
    o.threads = threads;
    return o;
  }
  RunResult run(const Network& n, int threads = 2) const { return simulate(n, options(threads)); }
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kCuda ? "Cuda" : "Cpu";
}

}  // namespace spikewafer::test

// Runs every TEST_P of `suite` on the CPU and (where a GPU is found) the CUDA backend.
#define SPIKEWAFER_ALL_BACKENDS(suite)                                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                     \
                           ::testing::Values(::spikewafer::Backend::kCpu,                       \
                                             ::spikewafer::Backend::kCuda),                     \
                           ::spikewafer::test::backend_name)
