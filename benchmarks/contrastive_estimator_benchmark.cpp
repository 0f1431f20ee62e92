// The closed loop's host-side cost (ising/translation_correction.hpp): one sample of every chain
// of a scan batch given to the ContrastiveEstimator, which runs the target's sweeps (Swendsen-Wang
// update and heat-bath sweep per step in cluster rounds) from each state. The batch is the
// built-in scan's L = 16 column: 21 temperatures 1.5..3.5 at h = 0 x 8 replicas, in states that
// Glauber dynamics drew from the target (the clusters' sizes, and so the cost, depend on T).
// Items are spin updates (chains x spins x sweeps). On 2026-12-07 this loop took about 11% of
// the built-in scan's spiking wall time.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <vector>

#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/translation_correction.hpp"
#include "sampling/gibbs_sampler.hpp"

namespace {

using namespace spikewafer;

void BM_ContrastiveEstimatorAdd(benchmark::State& state) {
  const bool clusters = state.range(0) != 0;
  const ising::Lattice lattice =
      ising::make_lattice({ising::LatticeKind::kSquare, 16, 1.0, ising::Couplings::kUniform, 1});
  std::vector<sampling::ChainParams> chains;
  for (int t = 0; t < 21; ++t)
    for (uint32_t r = 0; r < 8; ++r)
      chains.push_back(
          ising::chain_params_from_T_h(lattice, 1.5 + 0.1 * t, 0.0, 100 + chains.size()));
  sampling::GibbsSampler glauber(
      lattice.graph, chains,
      {sampling::UpdateRule::kHeatBath, sampling::SweepOrder::kColoured, Backend::kCpu, 1});
  glauber.set_states(std::vector<uint8_t>(chains.size() * lattice.spins, 1));
  glauber.sweep(300);
  const std::vector<uint8_t> z = glauber.states();
  omp_set_num_threads(static_cast<int>(state.range(1)));  // after the sampler, which sets it
  const ising::CorrectionSettings settings;
  ising::ContrastiveEstimator estimator(lattice, chains, 8, 1, settings.sweeps);
  estimator.use_clusters(clusters);
  for (auto _ : state) estimator.add(z);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(chains.size() * lattice.spins * settings.sweeps));
}

}  // namespace

BENCHMARK(BM_ContrastiveEstimatorAdd)
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->ArgNames({"clusters", "threads"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
