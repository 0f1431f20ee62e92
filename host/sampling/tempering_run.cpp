#include "sampling/tempering_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>

#include "kernels/random.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/rate_compensation.hpp"
#include "sampling/sampling_run.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::sampling {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Per-replica state histograms where replicas take different numbers of samples.
class ChainHistograms {
 public:
  ChainHistograms(int n, uint32_t replicas)
      : n_(n),
        states_(size_t{1} << n),
        replicas_(replicas),
        counts_(replicas * states_, 0u),
        samples_(replicas, 0) {}

  void add(uint32_t replica, uint64_t state) {
    ++counts_[replica * states_ + state];
    ++samples_[replica];
  }

  // DKL of each replica with samples: mean and standard deviation; NaN where none has any.
  std::pair<double, double> dkl(const Eigen::VectorXd& target) const {
    return replica_kl_spread(counts_, samples_, n_, target);
  }

  Eigen::VectorXd pooled() const {
    Eigen::VectorXd p = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(states_));
    uint64_t total = 0;
    for (uint32_t r = 0; r < replicas_; ++r) {
      total += samples_[r];
      for (size_t k = 0; k < states_; ++k)
        p[static_cast<Eigen::Index>(k)] += counts_[r * states_ + k];
    }
    return total ? Eigen::VectorXd(p / static_cast<double>(total)) : p;
  }

  uint64_t total() const {
    uint64_t sum = 0;
    for (uint64_t s : samples_) sum += s;
    return sum;
  }

 private:
  int n_;
  size_t states_;
  uint32_t replicas_;
  std::vector<uint32_t> counts_;
  std::vector<uint64_t> samples_;
};

// The calibrations of the noise variant: the reference and rate_points factors up to 1 + A.
RateCompensation rate_compensation(const SampleConfig& c, const Calibration& reference, int threads,
                                   const std::function<void(const std::string&)>& say) {
  const TemperingSettings& t = *c.tempering;
  std::vector<double> factors;
  for (uint32_t k = 1; k <= t.rate_points; ++k)
    factors.push_back(1.0 + t.schedule.amplitude * k / t.rate_points);
  CalibrationSettings settings;
  settings.duration = c.calibration_duration;
  settings.seed = c.seed + 1000;  // independent of the reference calibration's noise
  const std::vector<Calibration> hotter = calibrate_at_rates(
      c.neuron, factors, settings, SimulatorOptions{Backend::kCpu, threads, {}, {}}, say);
  return RateCompensation(reference, factors, hotter);
}

// Drives one sampler: the modulated inputs of the noise variant every update interval.
class VariantDriver {
 public:
  VariantDriver(SpikingSampler& sampler, const std::vector<ChainParams>& chains,
                const TemperingSettings& t, const RateCompensation* compensation,
                TemperingReport& report)
      : sampler_(sampler),
        chains_(chains),
        settings_(t),
        compensation_(compensation),
        report_(report),
        factors_(chains.size(), 1.0) {
    for (uint32_t r = 0; r < chains.size(); ++r)
      phases_.push_back(replica_phase(t.schedule, r, static_cast<uint32_t>(chains.size())));
  }

  void advance(double ms) {
    if (!compensation_) return sampler_.run(ms);
    for (double left = ms; left > 1e-9;) {
      const double step = std::min(settings_.update_interval, left);
      const double middle = sampler_.time_ms() + step / 2;
      for (size_t r = 0; r < factors_.size(); ++r)
        factors_[r] = rate_factor(settings_.schedule, middle, phases_[r]);
      const auto start = Clock::now();
      sampler_.simulator().set_replica_inputs(compensation_->overrides(chains_, factors_));
      report_.input_update_s += seconds_since(start);
      ++report_.input_updates;
      sampler_.run(step);
      left -= step;
    }
  }

  bool takes_sample(uint32_t r) const {
    return !compensation_ ||
           sampling::takes_sample(settings_.schedule, sampler_.time_ms(), phases_[r]);
  }

 private:
  SpikingSampler& sampler_;
  const std::vector<ChainParams>& chains_;
  const TemperingSettings& settings_;
  const RateCompensation* compensation_;
  TemperingReport& report_;
  std::vector<double> factors_, phases_;
};

VariantResult run_variant(TemperingVariant variant, const SampleConfig& c,
                          const Calibration& calibration, const CouplingGraph& graph,
                          const RateCompensation* compensation, int threads,
                          TemperingReport& report,
                          const std::function<void(const std::string&)>& say) {
  const TemperingSettings& t = *c.tempering;
  const auto start = Clock::now();
  std::vector<ChainParams> chains(c.replicas);
  for (uint32_t r = 0; r < c.replicas; ++r) chains[r].seed = kernels::replica_seed(c.seed, r);
  SamplingNetworkSettings settings;
  settings.dynamics = c.dynamics;
  settings.stp = c.stp;
  settings.seed = c.seed;
  if (variant == TemperingVariant::kStp) {
    settings.dynamics = SynapseDynamics::kTsodyksMarkram;
    settings.stp = t.stp;
    for (ChainParams& chain : chains) chain.alpha = 1.0 / t.stp.U;
  }
  SpikingSampler sampler(graph, chains, calibration, settings,
                         SimulatorOptions{Backend::kCpu, threads, {}, {}});
  VariantDriver driver(sampler, chains, t,
                       variant == TemperingVariant::kNoise ? compensation : nullptr, report);
  driver.advance(c.burn_in);

  const int n = static_cast<int>(graph.size);
  const uint64_t samples = std::max<uint64_t>(1, std::llround(c.duration / c.sample_interval));
  const std::vector<uint64_t> at = dkl_checkpoints(samples);
  ChainHistograms histograms(n, c.replicas);
  ModeSwitchCounter counter(c.replicas);
  const std::vector<int32_t>& assignment =
      t.switch_by_basin ? report.modes.basin : report.modes.core;
  VariantResult result;
  result.variant = variant;
  auto last = Clock::now();
  size_t next = 0;
  for (uint64_t k = 1; k <= samples; ++k) {
    driver.advance(c.sample_interval);
    const std::vector<uint8_t> z = sampler.states();
    for (uint32_t r = 0; r < c.replicas; ++r) {
      if (!driver.takes_sample(r)) continue;
      uint64_t state = 0;
      for (int i = 0; i < n; ++i) state |= static_cast<uint64_t>(z[size_t{r} * n + i] != 0) << i;
      histograms.add(r, state);
      counter.observe(r, assignment[state]);
    }
    if (k == at[next]) {
      TemperingPoint p;
      p.time_ms = static_cast<double>(k) * c.sample_interval;
      std::tie(p.dkl, p.dkl_std) = histograms.dkl(report.target);
      p.switches_per_s = static_cast<double>(counter.total()) / c.replicas / (p.time_ms * 1e-3);
      result.curve.push_back(p);
      ++next;
    }
    if (say && Clock::now() - last > std::chrono::seconds(10)) {
      last = Clock::now();
      say(std::string("tempering, ") + variant_name(variant) + ": " +
          std::to_string(100 * k / samples) + "%");
    }
  }
  result.histogram = histograms.pooled();
  result.samples = histograms.total();
  result.switches = counter.total();
  result.wall_s = seconds_since(start);
  return result;
}

}  // namespace

TemperingReport run_tempering(const SampleConfig& c, const Calibration& calibration, int threads,
                              const std::function<void(const std::string&)>& say) {
  if (!c.tempering) throw input_error(c.source + ": no [tempering] table");
  const TemperingSettings& t = *c.tempering;
  const BoltzmannMachine& bm = c.target.bm;
  TemperingReport report;
  report.target = exact_distribution(bm);
  Eigen::VectorXd log_p(report.target.size());
  for (Eigen::Index s = 0; s < log_p.size(); ++s)
    log_p[s] = unnormalised_log_probability(bm, static_cast<uint64_t>(s));
  report.modes = find_modes(log_p, bm.size(), t.mode_threshold);
  if (say) {
    std::string modes;
    for (uint64_t m : report.modes.modes) {
      char p[32];
      std::snprintf(p, sizeof p, " (p = %.3g)", report.target[static_cast<Eigen::Index>(m)]);
      modes += (modes.empty() ? "" : ", ") + state_string(m, bm.size()) + p;
    }
    say("tempering: " + std::to_string(report.modes.modes.size()) +
        " modes of the target: " + modes);
  }
  std::optional<RateCompensation> compensation;
  const bool noise =
      std::find(t.variants.begin(), t.variants.end(), TemperingVariant::kNoise) != t.variants.end();
  if (noise) {
    compensation.emplace(rate_compensation(c, calibration, threads, say));
    for (double f : compensation->factors())
      report.rates.push_back({f, compensation->u0(f), compensation->alpha(f),
                              compensation->psp_gain(f), compensation->temperature(f)});
    report.cold_temperature = compensation->temperature(cold_window_factor(t.schedule));
    if (say) {
      std::string temperatures;
      for (const RatePoint& p : report.rates) {
        char line[64];
        std::snprintf(line, sizeof line, " f = %.2f: T = %.3f;", p.factor, p.temperature);
        temperatures += line;
      }
      say("tempering: effective temperature at background factor" + temperatures);
    }
  }
  const CouplingGraph graph = coupling_graph(bm);
  for (TemperingVariant v : t.variants) {
    if (say) say(std::string("tempering: sampling with variant ") + variant_name(v));
    report.variants.push_back(run_variant(
        v, c, calibration, graph, compensation ? &*compensation : nullptr, threads, report, say));
    if (say) {
      const VariantResult& r = report.variants.back();
      char line[200];
      std::snprintf(line, sizeof line,
                    "tempering, %s: DKL %.4f +- %.4f, %.3g mode switches per s per chain, "
                    "%.1f s wall",
                    variant_name(v), r.curve.back().dkl, r.curve.back().dkl_std,
                    r.curve.back().switches_per_s, r.wall_s);
      say(line);
    }
  }
  if (noise && say && report.input_updates) {
    char line[160];
    std::snprintf(line, sizeof line, "tempering: %llu input updates took %.2f s (%.1f us each)",
                  static_cast<unsigned long long>(report.input_updates), report.input_update_s,
                  1e6 * report.input_update_s / static_cast<double>(report.input_updates));
    say(line);
  }
  return report;
}

}  // namespace spikewafer::sampling
