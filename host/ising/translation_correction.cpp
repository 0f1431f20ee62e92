#include "ising/translation_correction.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "kernels/random.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {

namespace {

// Counts of a point: the sum over its replicas.
std::vector<double> point_counts(const std::vector<double>& counts, uint32_t p, uint32_t replicas,
                                 uint32_t classes) {
  std::vector<double> sum(2 * size_t{classes}, 0.0);
  for (uint32_t r = 0; r < replicas; ++r) {
    const double* c = &counts[(size_t{p} * replicas + r) * classes * 2];
    for (size_t k = 0; k < sum.size(); ++k) sum[k] += c[k];
  }
  return sum;
}

}  // namespace

PointEstimator::PointEstimator(const Lattice& lattice, std::vector<sampling::ChainParams> chains,
                               uint32_t replicas)
    : lattice_(lattice),
      chains_(std::move(chains)),
      replicas_(replicas),
      by_count_(lattice.spec.couplings == Couplings::kUniform) {
  if (replicas == 0 || chains_.size() % replicas != 0)
    throw input_error("translation correction: chains must be whole grid points of " +
                      std::to_string(replicas) + " replicas");
  const sampling::CouplingGraph& g = lattice.graph;
  for (uint32_t i = 0; i < g.size; ++i)
    degree_ = std::max(degree_, static_cast<uint32_t>(g.row_ptr[i + 1] - g.row_ptr[i]));
  if (!by_count_ && degree_ > 6)
    throw input_error("translation = \"corrected\" counts the patterns of each spin's "
                      "neighbours on a spin glass, which needs at most 6 neighbours (this lattice "
                      "has " + std::to_string(degree_) + "); use translation = \"open\"");
  classes_ = by_count_ ? degree_ + 1 : g.size << degree_;
  clear();
}

uint32_t PointEstimator::class_of(uint32_t spin, const uint8_t* z) const {
  const sampling::CouplingGraph& g = lattice_.graph;
  uint32_t n = 0;
  if (by_count_) {
    for (uint64_t k = g.row_ptr[spin]; k < g.row_ptr[spin + 1]; ++k) n += z[g.column[k]];
    return n;
  }
  for (uint64_t k = g.row_ptr[spin]; k < g.row_ptr[spin + 1]; ++k)
    n |= uint32_t{z[g.column[k]] != 0} << (k - g.row_ptr[spin]);
  return (spin << degree_) | n;
}

uint32_t PointEstimator::mirror(uint32_t k) const {
  if (by_count_) return degree_ - k;
  const sampling::CouplingGraph& g = lattice_.graph;
  const uint32_t spin = k >> degree_;
  const uint32_t mask = (1u << (g.row_ptr[spin + 1] - g.row_ptr[spin])) - 1;
  return k ^ mask;
}

double PointEstimator::local_field(uint32_t k) const {
  const sampling::CouplingGraph& g = lattice_.graph;
  if (by_count_) return g.row_ptr[1] > g.row_ptr[0] ? k * double{g.weight[0]} : 0.0;
  const uint32_t spin = k >> degree_;
  double field = 0.0;
  for (uint64_t e = g.row_ptr[spin]; e < g.row_ptr[spin + 1]; ++e)
    if ((k >> (e - g.row_ptr[spin])) & 1u) field += g.weight[e];
  return field;
}

double PointEstimator::structure_bias(uint32_t k) const {
  return lattice_.graph.bias[by_count_ ? 0 : k >> degree_];
}

void PointEstimator::add(const std::vector<uint8_t>& z) {
  const uint32_t n = lattice_.spins;
  if (z.size() != chains_.size() * size_t{n})
    throw input_error("translation correction: expected " + std::to_string(chains_.size()) +
                      " x " + std::to_string(n) + " states, got " + std::to_string(z.size()));
  const int64_t count = static_cast<int64_t>(chains_.size());
#pragma omp parallel for schedule(static) if (count * n > (1 << 14))
  for (int64_t c = 0; c < count; ++c) {
    const uint8_t* s = &z[static_cast<size_t>(c) * n];
    double* counts = &counts_[static_cast<size_t>(c) * classes_ * 2];
    for (uint32_t i = 0; i < n; ++i) counts[2 * size_t{class_of(i, s)} + (s[i] ? 1 : 0)] += 1.0;
    if (cd) {
      const sampling::CouplingGraph& g = lattice_.graph;
      const sampling::ChainParams& p = chains_[c];
      std::vector<uint8_t> t(s, s + n);
      for (uint32_t colour = 0; colour < g.colours; ++colour)
        for (uint32_t i = 0; i < n; ++i) {
          if (g.colour[i] != colour) continue;
          double field = 0.0;
          for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
            if (t[g.column[k]]) field += g.weight[k];
          const double eta = p.alpha * field + p.gamma * g.bias[i] + p.beta;
          const float u = kernels::philox_uniform4(p.seed, i, samples_, kernels::Stream::kSpinFlip, 7).u[0];
          t[i] = u < 1.0 / (1.0 + std::exp(-eta)) ? 1 : 0;
        }
      auto phi = [&](const uint8_t* st, double& pa, double& pd) {
        pa = pd = 0.0;
        for (uint32_t i = 0; i < n; ++i) {
          if (!st[i]) continue;
          double field = 0.0, all = 0.0;
          for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
            all += g.weight[k];
            if (st[g.column[k]]) field += g.weight[k];
          }
          pa += p.alpha * (0.5 * field - 0.5 * all);
          pd += 1.0;
        }
      };
      double a0, d0, a1, d1;
      phi(s, a0, d0);
      phi(t.data(), a1, d1);
      cd_grad_[2 * c] += a1 - a0;
      cd_grad_[2 * c + 1] += d1 - d0;
    }
    if (!previous_.empty()) {
      const uint8_t* before = &previous_[static_cast<size_t>(c) * n];
      double* e = &exposure_[static_cast<size_t>(c) * classes_];
      double* o = &onsets_[static_cast<size_t>(c) * classes_];
      for (uint32_t i = 0; i < n; ++i)
        if (!before[i]) {
          const uint32_t k = class_of(i, before);
          e[k] += 1.0;
          o[k] += s[i] ? 1.0 : 0.0;
        }
    }
  }
  previous_ = z;
  ++samples_;
}

std::vector<std::array<double, 2>> PointEstimator::cd_deviations() const {
  std::vector<std::array<double, 2>> out;
  for (uint32_t p = 0; p < points(); ++p) {
    const sampling::ChainParams& chain = chains_[size_t{p} * replicas_];
    const std::vector<double> n = point_counts(counts_, p, replicas_, classes_);
    sampling::LogisticMoments moments(2);
    for (uint32_t k = 0; k < classes_; ++k) {
      const double seen = n[2 * k] + n[2 * k + 1];
      if (seen == 0) continue;
      const uint32_t m = mirror(k);
      const double x = chain.alpha * local_field(k);
      const double mid = 0.5 * (x + chain.alpha * local_field(m));
      const double b = chain.gamma * structure_bias(k) + chain.beta;
      const double f[2] = {x - mid, 1.0};
      moments.add_score(f, 0.0, seen * 0.0 + 1.0 * [&] { const double q = 1.0 / (1.0 + std::exp(-(x + b))); return seen * q * (1 - q); }());
    }
    double ga = 0, gd = 0;
    for (uint32_t r = 0; r < replicas_; ++r) {
      ga += cd_grad_[2 * (size_t{p} * replicas_ + r)];
      gd += cd_grad_[2 * (size_t{p} * replicas_ + r) + 1];
    }
    // The network (model) against one target sweep from it (data): theta_sampled - theta_target
    // is minus the Newton step of the contrastive gradient.
    moments.set_gradient({ga, gd});
    const std::vector<double> step = moments.deviation();
    out.push_back({-step[0], -step[1]});
  }
  return out;
}

std::vector<std::array<double, 2>> PointEstimator::hazard_deviations() const {
  std::vector<std::array<double, 2>> out;
  for (uint32_t p = 0; p < points(); ++p) {
    const sampling::ChainParams& chain = chains_[size_t{p} * replicas_];
    std::vector<double> e(classes_, 0.0), o(classes_, 0.0);
    for (uint32_t r = 0; r < replicas_; ++r)
      for (uint32_t k = 0; k < classes_; ++k) {
        e[k] += exposure_[(size_t{p} * replicas_ + r) * classes_ + k];
        o[k] += onsets_[(size_t{p} * replicas_ + r) * classes_ + k];
      }
    if (std::getenv("SW_DEBUG_CORRECTION")) {
      std::fprintf(stderr, "hazard T=%.2f:", 1.0 / chain.alpha);
      for (uint32_t k = 0; k < classes_; ++k)
        std::fprintf(stderr, " [%u: %.0f/%.0f lograte %.3f target %.3f]", k, o[k], e[k],
                     std::log(-std::log1p(-o[k] / e[k]) / step_over_tau),
                     chain.alpha * local_field(k) + chain.gamma * structure_bias(k) + chain.beta);
      std::fprintf(stderr, "\n");
    }
    double a = 1.0, d = 0.0, mid_sum = 0.0, mid_count = 0.0;
    for (int iteration = 0; iteration < 50; ++iteration) {
      sampling::LogisticMoments moments(2);
      for (uint32_t k = 0; k < classes_; ++k) {
        if (e[k] == 0) continue;
        const uint32_t m = mirror(k);
        const double weight = std::clamp(0.5 * (e[k] + e[m]) / e[k], 0.25, 4.0);
        const double x = chain.alpha * local_field(k);
        const double mid = 0.5 * (x + chain.alpha * local_field(m));
        const double b = chain.gamma * structure_bias(k) + chain.beta;
        const double f[2] = {x - mid, 1.0};
        const double eta = a * (x - mid) + mid + b + d;
        const double mu = step_over_tau * std::exp(eta);
        const double stay = std::exp(-mu), onset = -std::expm1(-mu);
        // Onsets in an interval: binomial with p = 1 - exp(-mu), mu = (interval / tau) e^eta
        // (the neural-sampling hazard e^eta / tau of Buesing et al. 2011).
        const double score = weight * (o[k] * mu * stay / onset - (e[k] - o[k]) * mu);
        const double information = weight * e[k] * mu * mu * stay / onset;
        moments.add_score(f, score, information);
        if (iteration == 0) {
          mid_sum += e[k] * mid;
          mid_count += e[k];
        }
      }
      const std::vector<double> step = moments.deviation();
      a = std::clamp(a + step[0], 0.2, 5.0);
      d = std::clamp(d + step[1], -10.0, 10.0);
      if (std::fabs(step[0]) + std::fabs(step[1]) < 1e-9) break;
    }
    const double mid = mid_count > 0 ? mid_sum / mid_count : 0.0;
    out.push_back({a - 1.0, d - (a - 1.0) * mid});
  }
  return out;
}

void PointEstimator::clear() {
  counts_.assign(chains_.size() * classes_ * 2, 0.0);
  exposure_.assign(chains_.size() * classes_, 0.0);
  onsets_.assign(chains_.size() * classes_, 0.0);
  cd_grad_.assign(chains_.size() * 2, 0.0);
  previous_.clear();
}


std::vector<std::array<double, 2>> PointEstimator::deviations() const {
  std::vector<std::array<double, 2>> out;
  for (uint32_t p = 0; p < points(); ++p) {
    const sampling::ChainParams& chain = chains_[size_t{p} * replicas_];
    const std::vector<double> n = point_counts(counts_, p, replicas_, classes_);
    // The fit is made around each class's midpoint x_mid (half the field of all neighbours
    // active, the point of spin-flip symmetry at h = 0): logit = a (x - x_mid) + x_mid + b + d.
    // Where the states hardly vary (an ordered phase: nearly every spin sees all neighbours up)
    // only the slope is determined, and the symmetric point d stays where it is.
    double a = 1.0, d = 0.0, mid_sum = 0.0, mid_count = 0.0;
    for (int iteration = 0; iteration < 50; ++iteration) {
      sampling::LogisticMoments moments(2);
      for (uint32_t k = 0; k < classes_; ++k) {
        const double seen = n[2 * k] + n[2 * k + 1];
        if (seen == 0) continue;
        const uint32_t m = mirror(k);
        // Bounded: a class far rarer than its mirror (no spin has all neighbours down in an
        // ordered up phase, except just after they flipped) tells of the dynamics' history more
        // than of the stationary conditional, and must not outweigh the common classes.
        const double weight = std::clamp(0.5 * (seen + n[2 * m] + n[2 * m + 1]) / seen, 0.25, 4.0);
        const double x = chain.alpha * local_field(k);
        const double mid = 0.5 * (x + chain.alpha * local_field(m));
        const double b = chain.gamma * structure_bias(k) + chain.beta;
        const double f[2] = {x - mid, 1.0};
        moments.add_counts(f, a * (x - mid) + mid + b + d, n[2 * k + 1], n[2 * k], weight);
        if (iteration == 0) {
          mid_sum += seen * mid;
          mid_count += seen;
        }
      }
      const std::vector<double> step = moments.deviation();
      // States that separate perfectly (every spin up, say) have no finite fit: stay in bounds.
      a = std::clamp(a + step[0], 0.2, 5.0);
      d = std::clamp(d + step[1], -10.0, 10.0);
      if (std::fabs(step[0]) + std::fabs(step[1]) < 1e-9) break;
    }
    const double mid = mid_count > 0 ? mid_sum / mid_count : 0.0;
    out.push_back({a - 1.0, d - (a - 1.0) * mid});
  }
  return out;
}

std::vector<std::array<double, 4>> PointEstimator::class_log_odds(uint32_t p) const {
  const sampling::ChainParams& chain = chains_[size_t{p} * replicas_];
  const std::vector<double> n = point_counts(counts_, p, replicas_, classes_);
  std::vector<std::array<double, 4>> out;
  for (uint32_t k = 0; k < classes_; ++k) {
    const double seen = n[2 * k] + n[2 * k + 1];
    if (seen == 0) continue;
    const double x = chain.alpha * local_field(k);
    const double b = chain.gamma * structure_bias(k) + chain.beta;
    out.push_back({x, std::log(n[2 * k + 1] / n[2 * k]), x + b, seen});
  }
  return out;
}

std::vector<PointCorrection> correct_translation(ChainSampler& sampler, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 uint32_t replicas,
                                                 const CorrectionSettings& settings) {
  PointEstimator estimator(lattice, chains, replicas);
  std::vector<PointCorrection> points(chains.size() / replicas);
  double interval = sampler.sample_interval();
  estimator.cd = std::getenv("SW_CD") != nullptr;
  if (const char* h = std::getenv("SW_HAZARD")) {
    interval = std::atof(h);
    estimator.step_over_tau = interval / 10.0;
  }
  const uint64_t samples = std::max<uint64_t>(1, std::llround(settings.window / interval));
  for (uint32_t round = 0; round < settings.rounds; ++round) {
    sampler.advance(settings.settle);
    estimator.clear();
    for (uint64_t k = 0; k < samples; ++k) {
      sampler.advance(interval);
      estimator.add(sampler.states());
    }
    if (std::getenv("SW_DEBUG_CORRECTION"))
      for (uint32_t p = 0; p < estimator.points(); ++p) {
        std::fprintf(stderr, "T=%.2f", 1.0 / chains[p * replicas].alpha);
        for (const auto& k : estimator.class_log_odds(p))
          std::fprintf(stderr, " [%.2f: %.3f/%.3f %.0f]", k[0], k[1], k[2], k[3]);
        std::fprintf(stderr, "\n");
      }
    const std::vector<std::array<double, 2>> deviations =
        std::getenv("SW_HYBRID") ? [&] { auto a = estimator.deviations(); auto b = estimator.cd_deviations(); for (size_t i = 0; i < a.size(); ++i) a[i][1] = b[i][1]; return a; }()
        : estimator.cd ? estimator.cd_deviations()
        : estimator.step_over_tau > 0 ? estimator.hazard_deviations() : estimator.deviations();
    std::vector<sampling::ChainCorrection> per_chain;
    for (size_t p = 0; p < points.size(); ++p) {
      const std::array<double, 2>& d = deviations[p];
      PointCorrection& c = points[p];
      if (std::getenv("SW_DEBUG_CORRECTION"))
        std::fprintf(stderr, "  point %zu: deviation %.4f %.4f -> factor %.4f offset %.4f\n", p, d[0], d[1], c.weight_factor, c.bias_offset);
      c.residual_weight = d[0];
      c.residual_bias = d[1];
      // The sampled weight scale is (1 + d0) times the target's: divide it out. One round's step
      // is bounded, so that a noisy estimate (a point whose states hardly vary) cannot throw the
      // network far; the next round measures again.
      c.weight_factor /= std::clamp(1.0 + d[0], 0.7, 1.4);
      c.bias_offset -= std::clamp(d[1], -1.0, 1.0);
      for (uint32_t r = 0; r < replicas; ++r) per_chain.push_back({c.weight_factor, c.bias_offset});
    }
    sampler.set_corrections(per_chain);
  }
  return points;
}

}  // namespace spikewafer::ising
