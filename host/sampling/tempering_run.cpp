#include "sampling/tempering_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>

#include "kernels/random.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/rate_compensation.hpp"
#include "sampling/restricted_machine.hpp"
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

  // Where replica r is in the modulation: "cold" (in the cold window), "hot" (the rate within
  // a tenth of the amplitude of its peak), "" in between; "constant" without modulation.
  const char* phase(uint32_t r) const {
    if (!compensation_) return "constant";
    if (sampling::takes_sample(settings_.schedule, sampler_.time_ms(), phases_[r])) return "cold";
    const double f = rate_factor(settings_.schedule, sampler_.time_ms(), phases_[r]);
    return f >= 1.0 + 0.9 * settings_.schedule.amplitude ? "hot" : "";
  }

 private:
  SpikingSampler& sampler_;
  const std::vector<ChainParams>& chains_;
  const TemperingSettings& settings_;
  const RateCompensation* compensation_;
  TemperingReport& report_;
  std::vector<double> factors_, phases_;
};

// A trained network's class for a sampled state: the most probable label of its image, kNoMode
// below the confidence.
struct Judgement {
  int32_t label = kNoMode;
  double confidence = 0.0;
};

Judgement judge(const Rbm& rbm, const uint8_t* z, double confidence) {
  Eigen::VectorXd image(rbm.visible);
  for (uint32_t i = 0; i < rbm.visible; ++i) image[i] = z[i];
  Eigen::Index best = 0;
  const double p = label_posterior(rbm, image).maxCoeff(&best);
  return {p >= confidence ? static_cast<int32_t>(best) : kNoMode, p};
}

constexpr size_t kImagesPerPhase = 16;

// Keeps up to kImagesPerPhase images per phase, at most one per phase per call, from replicas
// taken in turn (`first` rotates), so that the picture shows different chains and times.
void keep_images(const std::vector<uint8_t>& z, uint32_t first, const VariantDriver& driver,
                 const Rbm& rbm, double confidence, double time_ms, uint32_t replicas,
                 std::vector<SampledImage>& images) {
  const int n = static_cast<int>(rbm.units());
  for (const char* wanted : {"cold", "hot", "constant"}) {
    const auto kept = std::count_if(images.begin(), images.end(),
                                    [&](const SampledImage& i) { return i.phase == wanted; });
    if (static_cast<size_t>(kept) >= kImagesPerPhase) continue;
    for (uint32_t k = 0; k < replicas; ++k) {
      const uint32_t r = (first + k) % replicas;
      if (std::string(driver.phase(r)) != wanted) continue;
      const uint8_t* state = z.data() + size_t{r} * n;
      const Judgement j = judge(rbm, state, confidence);
      images.push_back({wanted, r, time_ms, j.label, j.confidence,
                        std::vector<uint8_t>(state, state + rbm.visible)});
      break;
    }
  }
}

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
  const Rbm* trained = report.classes ? &*c.target.trained : nullptr;
  // Exact modes: state histograms per chain; a trained network: its classes, pooled.
  std::optional<ChainHistograms> histograms;
  if (!trained) histograms.emplace(n, c.replicas);
  Eigen::VectorXd class_counts = Eigen::VectorXd::Zero(report.classes);
  ModeSwitchCounter counter(c.replicas);
  const std::vector<int32_t>& assignment =
      t.switch_by_basin ? report.modes.basin : report.modes.core;
  VariantResult result;
  result.variant = variant;
  auto last = Clock::now();
  size_t next = 0;
  const uint64_t image_stride = std::max<uint64_t>(1, samples / (4 * kImagesPerPhase));
  for (uint64_t k = 1; k <= samples; ++k) {
    driver.advance(c.sample_interval);
    const std::vector<uint8_t> z = sampler.states();
    for (uint32_t r = 0; r < c.replicas; ++r) {
      if (!driver.takes_sample(r)) continue;
      if (trained) {
        const Judgement j = judge(*trained, z.data() + size_t{r} * n, t.class_confidence);
        if (j.label != kNoMode) class_counts[j.label] += 1.0;
        counter.observe(r, j.label);
        continue;
      }
      uint64_t state = 0;
      for (int i = 0; i < n; ++i) state |= static_cast<uint64_t>(z[size_t{r} * n + i] != 0) << i;
      histograms->add(r, state);
      counter.observe(r, assignment[state]);
    }
    if (trained && k % image_stride == 0)
      keep_images(z, static_cast<uint32_t>(k / image_stride), driver, *trained,
                  t.class_confidence, sampler.time_ms(), c.replicas, result.images);
    if (k == at[next]) {
      TemperingPoint p;
      p.time_ms = static_cast<double>(k) * c.sample_interval;
      if (histograms) std::tie(p.dkl, p.dkl_std) = histograms->dkl(report.target);
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
  if (histograms) {
    result.histogram = histograms->pooled();
    result.samples = histograms->total();
  } else {
    result.samples = static_cast<uint64_t>(class_counts.sum());
    result.histogram = result.samples ? Eigen::VectorXd(class_counts / class_counts.sum())
                                      : class_counts;
    if (result.samples && report.data_histogram.size() == result.histogram.size())
      result.class_distance = 0.5 * (result.histogram - report.data_histogram).cwiseAbs().sum();
  }
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
  if (c.target.trained && c.target.trained->labels > 0) {
    report.classes = c.target.trained->labels;
    const std::vector<double>& f = c.target.label_frequencies;
    report.data_histogram = Eigen::Map<const Eigen::VectorXd>(f.data(), static_cast<Eigen::Index>(f.size()));
    if (say)
      say("tempering: " + std::to_string(bm.size()) + " units; the samples' images judged by "
          "the network's " + std::to_string(report.classes) + " label units");
  } else {
    report.target = exact_distribution(bm);
    Eigen::VectorXd log_p(report.target.size());
    for (Eigen::Index s = 0; s < log_p.size(); ++s)
      log_p[s] = unnormalised_log_probability(bm, static_cast<uint64_t>(s));
    report.modes = find_modes(log_p, bm.size(), t.mode_threshold);
  }
  if (say && !report.classes) {
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
      if (report.classes)
        std::snprintf(line, sizeof line,
                      "tempering, %s: %.3g class switches per s per chain, %llu samples with a "
                      "class, %.1f s wall",
                      variant_name(v), r.curve.back().switches_per_s,
                      static_cast<unsigned long long>(r.samples), r.wall_s);
      else
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
