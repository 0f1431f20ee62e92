// Reference samplers for Boltzmann machines and Ising models: many Markov chains on one coupling
// graph, each with its own scale (alpha, gamma, beta) and seed, advanced in lockstep on the CPU
// or a GPU. Chain c samples p(z) ~ exp(alpha_c z^T W z / 2 + (gamma_c b + beta_c)^T z).
// The update rules and sweep orders are in kernels/spin_flip_step.hpp and docs/models.md
// ("Gibbs and Glauber reference samplers"). Carries no CUDA types.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sampling/coupling_graph.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::sampling {

// Heat-bath (Gibbs, Glauber): z_i = 1 with probability 1 / (1 + exp(-f_i)).
// Metropolis: flip z_i with probability min(1, exp((1 - 2 z_i) f_i)).
enum class UpdateRule { kHeatBath, kMetropolis };

// kSequential: units 0..N-1 in order. kRandom: N updates of uniformly drawn units.
// kColoured: all units of one colour of the graph at once (block Gibbs; checkerboard on a
// bipartite lattice), colour after colour. One sweep updates every unit once (on average, for
// kRandom).
enum class SweepOrder { kSequential, kRandom, kColoured };

struct GibbsOptions {
  UpdateRule rule = UpdateRule::kHeatBath;
  SweepOrder order = SweepOrder::kColoured;
  Backend backend = Backend::kCpu;  // kAuto: CUDA where built and a GPU is found
  int threads = 0;                  // CPU threads (OpenMP); 0 keeps OpenMP's default
};

class GibbsSampler {
 public:
  // Copies the graph to the backend; every chain starts in the all-zeros state. Throws
  // spikewafer::Error: kInput for an inconsistent graph, no chains, a non-finite scale, or the
  // coloured order on an uncoloured graph; kBackend when the backend cannot be used.
  GibbsSampler(const CouplingGraph& graph, std::vector<ChainParams> chains,
               const GibbsOptions& options);
  ~GibbsSampler();
  GibbsSampler(GibbsSampler&&) noexcept;
  GibbsSampler& operator=(GibbsSampler&&) noexcept;

  uint32_t chains() const;
  uint32_t size() const;  // units per chain

  // chains() * size() entries, chain-major (z[c * size() + i]), each 0 or 1.
  void set_states(const std::vector<uint8_t>& z);
  // New alpha, gamma, beta for every chain (one entry per chain), e.g. to sweep a field for a
  // hysteresis loop; the states stay, and so do the seeds given at construction (`seed` is
  // ignored here), so the random stream of each chain continues where it was.
  void set_chain_params(const std::vector<ChainParams>& chains);
  // Advances every chain by this many sweeps. Sweep s of a chain always uses the same random
  // numbers, so the states after k sweeps do not depend on how they were split into calls.
  void sweep(uint64_t sweeps);
  std::vector<uint8_t> states() const;  // chains() * size(), chain-major
  uint64_t sweeps_done() const;

  // The implementation over a backend (gibbs_impl.hpp).
  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace spikewafer::sampling
