// Google Benchmark micro-benchmarks: neuron updates per second (IF_cond_exp / IF_curr_exp /
// EIF_cond_exp_isfa_ista (AdEx) / HH_cond_exp with Poisson background, no synapses) and synaptic
// events per second (Poisson sources into a fixed fan-out, coded or float weights), on the
// backend named by SPIKEWAFER_BENCH_BACKEND (cpu, the default, or cuda).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"

namespace {

using spikewafer::Backend;

Backend backend() {
  const char* name = std::getenv("SPIKEWAFER_BENCH_BACKEND");
  return name && std::string(name) == "cuda" ? Backend::kCuda : Backend::kCpu;
}

spikewafer::Network neurons_only(uint32_t n, spikewafer::Model model) {
  spikewafer::Network net;
  net.simulation.dt = 0.1;
  spikewafer::Population p;
  p.name = "n";
  p.size = n;
  p.model = model;
  if (spikewafer::is_hodgkin_huxley(model)) {
    p.params = spikewafer::default_params(model);
    p.params.tau_syn_E = p.params.tau_syn_I = 5.0;  // IF_cond_exp's, for the same background
  } else {
    p.params.tau_refrac = 2.0;
  }
  const bool conductances = spikewafer::is_conductance_based(model);
  p.noise = {2000.0, conductances ? 0.002 : 0.05, 500.0, conductances ? 0.004 : 0.1};
  net.populations = {p};
  return net;
}

void run_steps(benchmark::State& state, const spikewafer::Network& net, double items_per_ms) {
  spikewafer::SimulatorOptions options;
  options.backend = backend();
  std::optional<spikewafer::Simulator> sim;
  try {
    sim.emplace(net, options);
  } catch (const spikewafer::Error& e) {  // no GPU, say: a reason instead of an abort
    state.SkipWithError(e.what());
    return;
  }
  sim->run(10.0);  // warm-up
  for (auto _ : state) sim->run(10.0);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 10.0 * items_per_ms));
}

void BM_NeuronUpdateCond(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  run_steps(state, neurons_only(n, spikewafer::Model::kIfCondExp), n * 10.0);  // updates/ms
}

// AdEx with IF_cond_exp's parameters (v_thresh as V_T) and the same background, so that the
// two differ only in the step: the exponential term (two more exp), w's relaxation and jump.
void BM_NeuronUpdateAdex(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  run_steps(state, neurons_only(n, spikewafer::Model::kEifCondExpIsfaIsta), n * 10.0);
}

// HH_cond_exp with PyNN's parameters and the same background: ten substeps a step.
void BM_NeuronUpdateHh(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  run_steps(state, neurons_only(n, spikewafer::Model::kHhCondExp), n * 10.0);
}

void BM_NeuronUpdateCurr(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  run_steps(state, neurons_only(n, spikewafer::Model::kIfCurrExp), n * 10.0);
}

// 1000 Poisson sources at 100 Hz, each projecting to `fan_out` of 10,000 silent targets, with
// one weight (stored as 16-bit codes) or, with the second argument 1, weights drawn uniformly
// (more distinct values than codes at fan-out 1000 and up: a float per synapse).
void BM_SpikePropagation(benchmark::State& state) {
  const auto fan_out = static_cast<uint32_t>(state.range(0));
  const bool distinct = state.range(1) != 0;
  spikewafer::Network net;
  spikewafer::Population src;
  src.name = "src";
  src.size = 1000;
  src.model = spikewafer::Model::kSpikeSourcePoisson;
  src.rate = 100.0;
  spikewafer::Population tgt;
  tgt.name = "tgt";
  tgt.size = 10000;
  tgt.model = spikewafer::Model::kIfCurrExp;
  tgt.params.v_thresh = 1e9;
  net.populations = {src, tgt};
  spikewafer::Projection pr;
  pr.source = "src";
  pr.target = "tgt";
  pr.connector.kind = spikewafer::Connector::Kind::kFixedProbability;
  pr.connector.p = fan_out / 10000.0;
  pr.weight = distinct ? spikewafer::Distribution::uniform(0.005, 0.015)
                      : spikewafer::Distribution::constant(0.01);
  pr.delay = spikewafer::Distribution::uniform(0.1, 5.0);
  net.projections = {pr};
  // Expected events per ms: 1000 sources * 0.1 spikes/ms * fan_out.
  run_steps(state, net, 1000 * 0.1 * fan_out);
}

}  // namespace

BENCHMARK(BM_NeuronUpdateCond)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NeuronUpdateAdex)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NeuronUpdateHh)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NeuronUpdateCurr)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SpikePropagation)
    ->ArgsProduct({{100, 1000, 10000}, {0, 1}})
    ->ArgNames({"fan_out", "distinct_weights"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
