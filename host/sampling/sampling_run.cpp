#include "sampling/sampling_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>

#include "engine/host_model.hpp"
#include "kernels/random.hpp"
#include "spikewafer/error.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::sampling {
namespace {

using Clock = std::chrono::steady_clock;

// Accumulates samples of R chains: per-replica state counts (N <= 20), marginals, correlations.
class Accumulator {
 public:
  Accumulator(int n, uint32_t replicas)
      : n_(n), replicas_(replicas), exact_(n <= kMaxExactUnits),
        on_(Eigen::VectorXd::Zero(n)),
        pairs_(Eigen::MatrixXd::Zero(n <= kMaxCorrelationUnits ? n : 0,
                                     n <= kMaxCorrelationUnits ? n : 0)) {
    if (exact_) counts_.assign(static_cast<size_t>(replicas) << n, 0u);
  }

  void add(const std::vector<uint8_t>& z) {
    for (uint32_t r = 0; r < replicas_; ++r) {
      const uint8_t* s = &z[static_cast<size_t>(r) * n_];
      uint64_t state = 0;
      for (int i = 0; i < n_; ++i) {
        state |= static_cast<uint64_t>(s[i] != 0) << i;
        on_[i] += s[i];
      }
      if (exact_) ++counts_[(static_cast<size_t>(r) << n_) + state];
      if (pairs_.size() > 0)
        for (int i = 0; i < n_; ++i)
          if (s[i])
            for (int j = 0; j < n_; ++j) pairs_(i, j) += s[j];
    }
    ++samples_;
  }

  // DKL of each replica's histogram so far: mean and standard deviation over replicas.
  std::pair<double, double> dkl(const Eigen::VectorXd& target) const {
    return replica_kl_spread(counts_, std::vector<uint64_t>(replicas_, samples_), n_, target);
  }

  SampledStatistics statistics(double wall_s) const {
    SampledStatistics s;
    const double total = static_cast<double>(samples_) * replicas_;
    if (exact_) {
      const size_t states = size_t{1} << n_;
      s.histogram = Eigen::VectorXd::Zero(states);
      for (uint32_t r = 0; r < replicas_; ++r)
        for (size_t k = 0; k < states; ++k) s.histogram[k] += counts_[r * states + k];
      s.histogram /= total;
    }
    s.marginals = on_ / total;
    s.correlations = pairs_ / total;
    s.samples = static_cast<uint64_t>(total);
    s.wall_s = wall_s;
    return s;
  }

 private:
  int n_;
  uint32_t replicas_;
  bool exact_;
  std::vector<uint32_t> counts_;
  Eigen::VectorXd on_;
  Eigen::MatrixXd pairs_;
  uint64_t samples_ = 0;
};

}  // namespace

std::vector<uint64_t> dkl_checkpoints(uint64_t samples) {
  std::vector<uint64_t> at;
  for (double x = 10; x < static_cast<double>(samples); x *= 1.33) {
    const uint64_t k = static_cast<uint64_t>(std::llround(x));
    if (at.empty() || k > at.back()) at.push_back(k);
  }
  at.push_back(samples);
  return at;
}

double ensemble_unit_rate(const SamplingReport& r, const SamplingNeuron& neuron) {
  return r.spiking.marginals.size() ? 1000.0 * r.spiking.marginals.mean() / state_window_ms(neuron)
                                    : 0.0;
}

namespace {

std::vector<ChainParams> chains_for(const SampleConfig& c) {
  std::vector<ChainParams> chains(c.replicas);
  for (uint32_t r = 0; r < c.replicas; ++r) chains[r].seed = kernels::replica_seed(c.seed, r);
  return chains;
}

}  // namespace

// Per replica: its parameters, its state counts (exact targets), and the network's neurons
// (about 200 bytes each with their synapses' share): refused before any of it is allocated
// when it cannot fit (2^32 - 1 replicas ended in std::bad_alloc, exit 1).
void check_sampling_fits(const SampleConfig& c) {
  const int n = c.target.bm.size();
  const double per_replica = sizeof(ChainParams) +
                             (n <= kMaxExactUnits ? 2.0 * sizeof(uint32_t) * std::ldexp(1.0, n) : 0.0) +
                             200.0 * n +
                             // an ensemble's noise synapses, about 12 bytes each
                             (c.neuron.ensemble ? 24.0 * c.neuron.ensemble->in_degree * n : 0.0);
  const double bytes = per_replica * c.replicas;
  refuse_unless_it_fits(bytes,
                        c.source + ": " + std::to_string(c.replicas) + " replicas of " +
                            std::to_string(n) + " units",
                        "use fewer replicas (sampler.replicas)");
}

SamplingReport run_sampling(const SampleConfig& c, const Calibration& calibration, int threads,
                            const std::function<void(const std::string&)>& say) {
  const BoltzmannMachine& bm = c.target.bm;
  const int n = bm.size();
  check_sampling_fits(c);
  SamplingReport report;
  report.background = calibration.background_activity;
  if (n <= kMaxExactUnits) {
    report.target = exact_distribution(bm);
    report.target_marginals = marginals(report.target, n);
    if (n <= kMaxCorrelationUnits) report.target_correlations = pair_correlations(report.target, n);
  }
  const CouplingGraph graph = coupling_graph(bm);
  const uint64_t samples = std::max<uint64_t>(1, std::llround(c.duration / c.sample_interval));
  const std::vector<uint64_t> at = dkl_checkpoints(samples);
  for (uint64_t k : at) report.dkl.push_back({k * c.sample_interval, NAN, NAN, NAN, NAN});
  if (!report.target.size()) report.dkl.clear();

  {  // the spiking sampler
    auto start = Clock::now();
    SamplingNetworkSettings settings;
    settings.dynamics = c.dynamics;
    settings.stp = c.stp;
    settings.seed = c.seed;
    SpikingSampler sampler(graph, chains_for(c), calibration, settings,
                           SimulatorOptions{Backend::kCpu, threads, {}, {}});
    if (c.corrected) {
      if (say) say("spiking sampler: correcting the translation (" +
                   std::to_string(c.correction_rounds) + " rounds)");
      MachineCorrectionSettings correction;
      correction.rounds = c.correction_rounds;
      correction.window = c.correction_window;
      correction.sample_interval = c.sample_interval;
      report.correction = correct_machine(sampler, graph, correction);
    }
    sampler.run(c.burn_in);
    Accumulator acc(n, c.replicas);
    auto last = Clock::now();
    size_t next = 0;
    for (uint64_t k = 1; k <= samples; ++k) {
      sampler.run(c.sample_interval);
      acc.add(sampler.states());
      if (!report.dkl.empty() && k == at[next]) {
        std::tie(report.dkl[next].spiking, report.dkl[next].spiking_std) = acc.dkl(report.target);
        ++next;
      }
      if (say && Clock::now() - last > std::chrono::seconds(10)) {
        last = Clock::now();
        say("spiking sampler: " + std::to_string(100 * k / samples) + "%");
      }
    }
    report.spiking = acc.statistics(std::chrono::duration<double>(Clock::now() - start).count());
    if (say && calibration.neuron.ensemble) {
      char line[200];
      std::snprintf(line, sizeof line,
                    "ensemble: the units fired at %.1f Hz on average (the calibration assumed "
                    "%.1f Hz, noise.rate)",
                    ensemble_unit_rate(report, calibration.neuron), calibration.neuron.ensemble->rate);
      say(line);
    }
  }
  if (!c.gibbs) return report;

  // The Gibbs reference: one sweep stands for the time a spike keeps a unit in z = 1.
  auto start = Clock::now();
  GibbsOptions options;
  options.order = SweepOrder::kSequential;
  options.threads = threads;
  GibbsSampler gibbs(graph, chains_for(c), options);
  const double sweep_ms = state_window_ms(calibration.neuron);
  const uint64_t sweeps = std::max<uint64_t>(1, std::llround(c.duration / sweep_ms));
  Accumulator acc(n, c.replicas);
  size_t next = 0;  // the next DKL point; points before the first sweep stay NaN
  while (next < report.dkl.size() && std::llround(report.dkl[next].time_ms / sweep_ms) < 1) ++next;
  for (uint64_t s = 1; s <= sweeps; ++s) {
    gibbs.sweep(1);
    acc.add(gibbs.states());
    for (; next < report.dkl.size() &&
           static_cast<uint64_t>(std::llround(report.dkl[next].time_ms / sweep_ms)) == s;
         ++next)
      std::tie(report.dkl[next].gibbs, report.dkl[next].gibbs_std) = acc.dkl(report.target);
  }
  report.gibbs = acc.statistics(std::chrono::duration<double>(Clock::now() - start).count());
  return report;
}

}  // namespace spikewafer::sampling
