// On lattices small enough to enumerate (3x3 and 4x4, periodic), the samplers' state
// histograms are compared with the exact Boltzmann distribution of the lattice at (T, h), built
// as a Boltzmann machine from the structure graph and the chain's scaling (W = alpha W_s,
// b = gamma b_s + beta). Glauber dynamics agrees to sampling noise; the LIF sampler (IF_cond_exp,
// renewing synapses, the default sampling neuron) carries a systematic error, which is bounded
// here at 1.25-1.5x its measured size.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "lattice_machine.hpp"
#include "thread_count_guard.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/observables.hpp"
#include "sampling/calibration.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::ising {
namespace {

// One thread: statistical tests, not race tests (the samplers' own tests run two); the
// thread count is global, so it is restored afterwards.
class IsingExactDistributionTest : public test::RestoresThreadCount {};

const SimulatorOptions kOptions{Backend::kCpu, 1, {}, {}};

const sampling::Calibration& calibration() {
  static const sampling::Calibration c = [] {
    sampling::CalibrationSettings settings;
    settings.duration = 4000.0;
    return sampling::calibrate(scan_neuron(SpikingSettings{}), settings, kOptions);
  }();
  return c;
}

using test::machine_of;
using test::square;

// Chains at one (T, h), each from its own random state.
struct Chains {
  std::vector<sampling::ChainParams> params;
  std::vector<uint8_t> start;
};
Chains chains_at(const Lattice& lattice, double T, double h, uint32_t count, uint64_t seed) {
  Chains c;
  for (uint32_t k = 0; k < count; ++k) {
    c.params.push_back(chain_params_from_T_h(lattice, T, h, seed + k));
    const auto z = initial_state(lattice, InitialPattern::kRandom, 1, seed + 1000 + k);
    c.start.insert(c.start.end(), z.begin(), z.end());
  }
  return c;
}

// Frequencies of every state over all chains and samples; `next` advances by one sample and
// returns every chain's state.
template <class Next>
Eigen::VectorXd histogram(int n, uint64_t samples, Next next) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(int64_t{1} << n);
  for (uint64_t k = 0; k < samples; ++k) sum += sampling::state_histogram(next(), n);
  return sum / static_cast<double>(samples);
}

Eigen::VectorXd glauber_histogram(const Lattice& lattice, const Chains& chains, uint64_t burn_in,
                                  uint64_t sweeps) {
  sampling::GibbsSampler sampler(
      lattice.graph, chains.params,
      {sampling::UpdateRule::kHeatBath, sampling::SweepOrder::kColoured, Backend::kCpu, 1});
  sampler.set_states(chains.start);
  sampler.sweep(burn_in);
  return histogram(static_cast<int>(lattice.spins), sweeps, [&sampler] {
    sampler.sweep(1);
    return sampler.states();
  });
}

// Renewing synapses, IF_cond_exp, the scan's default neuron; a state every ms.
Eigen::VectorXd spiking_histogram(const Lattice& lattice, const Chains& chains, double burn_in,
                                  double ms) {
  sampling::SamplingNetworkSettings settings;
  settings.dynamics = SynapseDynamics::kRenewing;
  settings.seed = 5;
  sampling::SpikingSampler sampler(lattice.graph, chains.params, calibration(), settings, kOptions);
  sampler.set_states(chains.start);
  sampler.run(burn_in);
  return histogram(static_cast<int>(lattice.spins), static_cast<uint64_t>(ms), [&sampler] {
    sampler.run(1.0);
    return sampler.states();
  });
}

// On a uniform lattice at h = 0, p(s) depends on s only through the magnetisation and the
// energy (M, E): all states of one class are equally likely, so the class histogram carries
// every difference in probability the target makes. With 16 spins the full histogram (65536
// states) of ~10^5 samples is too sparse for a small KL: Glauber's plug-in KL on the 4x4 was
// 0.18 at 65536 samples and still 0.025 at 10^6, nearly all of it the bias of unseen and rare
// states. The 4x4 has 80 classes, whose histogram has a bias of ~10^-3 at 10^5
// samples. (By the data-processing inequality the class KL is a lower bound of the full one.)
struct Classes {
  std::vector<int> of_state;  // class index of every state
  int count = 0;
};
Classes energy_magnetisation_classes(const Lattice& lattice) {
  const uint32_t n = lattice.spins;
  const std::vector<double> no_field(n, 0.0);
  std::map<std::pair<long, long>, int> index;
  Classes classes;
  std::vector<uint8_t> z(n);
  for (uint64_t state = 0; state < (uint64_t{1} << n); ++state) {
    for (uint32_t k = 0; k < n; ++k) z[k] = (state >> k) & 1;
    const Sample s = measure(lattice, no_field, z.data());
    const auto found = index.emplace(std::make_pair(std::lround(s.m * n), std::lround(s.e * n)),
                                     static_cast<int>(index.size()));
    classes.of_state.push_back(found.first->second);
  }
  classes.count = static_cast<int>(index.size());
  return classes;
}
Eigen::VectorXd by_class(const Eigen::VectorXd& p, const Classes& classes) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(classes.count);
  for (Eigen::Index state = 0; state < p.size(); ++state) sum[classes.of_state[state]] += p[state];
  return sum;
}

// 3x3 periodic (4 distinct neighbours per spin; 4 greedy colours) at T = 3, h = 0.2: 512 states.
struct Small3x3 {
  explicit Small3x3(uint32_t chain_count)
      : chains(chains_at(lattice, 3.0, 0.2, chain_count, 100)) {}
  Lattice lattice = square(3);
  Chains chains;
  Eigen::VectorXd target = sampling::exact_distribution(machine_of(lattice, chains.params[0]));
};
// 4x4 periodic (bipartite; 2 colours) at T = 2.5, h = 0: 65536 states in 80 (M, E) classes.
struct Small4x4 {
  explicit Small4x4(uint32_t chain_count)
      : chains(chains_at(lattice, 2.5, 0.0, chain_count, 200)) {}
  Lattice lattice = square(4);
  Chains chains;
  Eigen::VectorXd target = sampling::exact_distribution(machine_of(lattice, chains.params[0]));
  Classes classes = energy_magnetisation_classes(lattice);
  double class_kl(const Eigen::VectorXd& sampled) const {
    return sampling::kl_divergence(by_class(sampled, classes), by_class(target, classes));
  }
};

TEST_F(IsingExactDistributionTest, GlauberSamplesThe3x3LatticeInAField) {
  const Small3x3 m(64);
  const double kl =
      sampling::kl_divergence(glauber_histogram(m.lattice, m.chains, 100, 4096), m.target);
  // 64 chains x 4096 sweeps: measured 0.0009 (0.0009-0.0010 over four seeds), about the
  // plug-in bias of the ~50 effective states at this sample count. 0.01 is 10x that; the exact
  // KL of a chain sampling T off by 10% is 0.023-0.033, of h off by 0.1 0.020-0.024.
  EXPECT_LT(kl, 0.01);
}

TEST_F(IsingExactDistributionTest, GlauberSamplesThe4x4LatticeAtZeroField) {
  const Small4x4 m(64);
  const double kl = m.class_kl(glauber_histogram(m.lattice, m.chains, 100, 2048));
  // 64 chains x 2048 sweeps: measured 0.0003-0.0005 over four seeds. 0.01 is 20x that; a chain
  // sampling T off by 5% has an exact KL of 0.015-0.017 (where only T differs, the class KL
  // equals the full one, since both distributions are uniform within each class).
  EXPECT_LT(kl, 0.01);
}

// The spiking sampler's systematic error on a ferromagnetic lattice: the translation matches
// each PSP's mean over tau_refrac to W, but a conductance PSP (tau_syn = tau_refrac = 10 ms)
// goes on after the presynaptic unit has left z = 1, and on a lattice whose couplings are all
// positive that tail adds up to a positive drive. The sampled distribution is shifted to
// spin up (3x3: mean z 0.94 against 0.67, p(all up) 0.82 against 0.31; 4x4: mean z 0.96
// against 0.50, p(all up) 0.85 against 0.17), an error that longer runs do not reduce.
TEST_F(IsingExactDistributionTest, SpikingSamplerOn3x3LatticeWithinItsSystematicError) {
  const Small3x3 m(32);
  const double kl =
      sampling::kl_divergence(spiking_histogram(m.lattice, m.chains, 200.0, 3000.0), m.target);
  // 32 chains x 3000 ms (a state every ms): measured 0.58-0.61 over four seeds, the same after
  // 500, 1000 and 2000 ms (systematic, not sampling noise). 0.9 is 1.5x that, and still below
  // the 1.17 of a sampler frozen in the all-up state.
  EXPECT_LT(kl, 0.9);
}

TEST_F(IsingExactDistributionTest, SpikingSamplerOn4x4LatticeWithinItsSystematicError) {
  const Small4x4 m(32);
  const double kl = m.class_kl(spiking_histogram(m.lattice, m.chains, 200.0, 3000.0));
  // 32 chains x 3000 ms: measured 1.24-1.28 over four seeds (at least log 2 = 0.69 of it because
  // the sampler keeps to the up half of a symmetric target). 1.6 is 1.25x that: 1.5x would pass
  // a sampler frozen in the all-up state, whose class KL is -log p(all up) = 1.76.
  EXPECT_LT(kl, 1.6);
}

}  // namespace
}  // namespace spikewafer::ising
