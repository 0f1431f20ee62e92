#include "ising/translation_correction.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/random.hpp"
#include "sampling/swendsen_wang.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// The Gibbs sweeps' random numbers: their own Philox substream of the spin-flip stream, so that
// they never coincide with a Glauber chain's of the same seed.
constexpr uint32_t kContrastiveSubstream = 7;
constexpr uint32_t kClusterSubstream = 8;  // and 9: bonds and cluster flips

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// How far a correction may take the network from the translation: the loop's estimate is noisy
// where the states hardly vary, and these bounds are wide of every correction seen converged
// (docs/models.md, "Closed-loop translation").
constexpr double kWeightFactors[2] = {0.33, 3.0};
constexpr double kBiasShift = 4.0;

}  // namespace

ContrastiveEstimator::ContrastiveEstimator(const Lattice& lattice,
                                           std::vector<sampling::ChainParams> chains,
                                           uint32_t replicas, uint32_t stride, uint32_t sweeps)
    : lattice_(lattice),
      chains_(std::move(chains)),
      replicas_(replicas),
      stride_(std::max(1u, stride)),
      sweeps_(std::max(1u, sweeps)),
      cluster_kernel_(sampling::allows_swendsen_wang(lattice.graph, chains_)) {
  if (replicas == 0 || chains_.size() % replicas != 0)
    throw input_error("translation correction: chains must be whole grid points of " +
                      std::to_string(replicas) + " replicas");
  const sampling::CouplingGraph& g = lattice.graph;
  for (uint32_t i = 0; i < g.size; ++i) {
    double all = 0.0;
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) all += g.weight[k];
    half_field_.push_back(0.5 * all);
    mean_half_field_ += 0.5 * all / g.size;
  }
  clear();
}

void ContrastiveEstimator::clear() {
  per_chain_.assign(chains_.size(), sampling::NewtonStep(2));
  information_.assign(chains_.size(), 0.0);
  used_.assign(chains_.size(), 0.0);
}

void ContrastiveEstimator::add(const std::vector<uint8_t>& z) {
  const sampling::CouplingGraph& g = lattice_.graph;
  const uint32_t n = lattice_.spins;
  if (z.size() != chains_.size() * size_t{n})
    throw input_error("translation correction: expected " + std::to_string(chains_.size()) +
                      " x " + std::to_string(n) + " states, got " + std::to_string(z.size()));
  const uint64_t sample = samples_++;
  if (sample % stride_ != 0) return;
  const int64_t count = static_cast<int64_t>(chains_.size());
#pragma omp parallel for schedule(static) if (count * n > (1 << 12))
  for (int64_t c = 0; c < count; ++c) {
    const sampling::ChainParams& p = chains_[c];
    const uint8_t* sampled = &z[static_cast<size_t>(c) * n];
    const auto field = [&](const uint8_t* s, uint32_t i) {
      double x = 0.0;
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
        if (s[g.column[k]]) x += g.weight[k];
      return p.alpha * x;
    };
    const auto bias = [&](uint32_t i) { return p.gamma * g.bias[i] + p.beta; };
    // k sweeps of the target's heat-bath dynamics, colour by colour, from the sampled state.
    // The colours go forwards and backwards in turn: a sweep in one fixed order is not
    // symmetric under the lattice's translations (on the square lattice the two colours are the
    // two sublattices), and on a network that samples from the wrong distribution its gradient
    // would carry that asymmetry (in the sublattice gauge, a field at h = 0).
    std::vector<uint8_t> swept(sampled, sampled + n);
    std::vector<float> uniforms(n);
    const bool backwards = (sample / stride_) % 2 == 1;
    for (uint32_t sweep = 0; sweep < sweeps_; ++sweep) {
      const uint64_t counter = sample * sweeps_ + sweep;
      // With clusters, each step is a cluster update followed by the heat-bath sweep: the
      // clusters move the long-range order, the sweep relaxes the local order as fast as in the
      // local rounds (a cluster update alone relaxes it more slowly far above Tc, where the
      // clusters are small, and the Newton step, scaled for a sweep, then fell short).
      if (clusters_) sampling::swendsen_wang_update(g, p, swept, counter, kClusterSubstream);
      // Four spins' numbers from each Philox call (spins 4 q .. 4 q + 3 take its four lanes).
      for (uint32_t q = 0; q < n; q += 4) {
        const kernels::Uniform4 block = kernels::philox_uniform4(
            p.seed, q / 4, counter, kernels::Stream::kSpinFlip, kContrastiveSubstream);
        for (uint32_t lane = 0; lane < 4 && q + lane < n; ++lane) uniforms[q + lane] = block.u[lane];
      }
      for (uint32_t step = 0; step < g.colours; ++step)
        for (uint32_t i = 0, colour = backwards ? g.colours - 1 - step : step; i < n; ++i) {
          if (g.colour[i] != colour) continue;
          swept[i] = uniforms[i] < logistic(field(swept.data(), i) + bias(i)) ? 1 : 0;
        }
    }
    // The statistics that (a, d) multiply in -E are sum_i z_i (x_i / 2 - mid_i) and sum_i z_i;
    // their change over the sweep is the gradient. The curvature is that of the target's
    // conditionals at the sampled state.
    double gradient[2] = {0.0, 0.0};
    sampling::NewtonStep& m = per_chain_[c];
    for (uint32_t i = 0; i < n; ++i) {
      const double x = field(sampled, i), mid = p.alpha * half_field_[i];
      if (swept[i]) gradient[0] += 0.5 * field(swept.data(), i) - mid, gradient[1] += 1.0;
      if (sampled[i]) gradient[0] -= 0.5 * x - mid, gradient[1] -= 1.0;
      const double q = logistic(x + bias(i));
      const double f[2] = {x - mid, 1.0};
      m.add_curvature(f, q * (1.0 - q));
      information_[c] += q * (1.0 - q);
    }
    // Per sweep: on the slow modes (the magnetisation near Tc) k sweeps move the statistics k
    // times as far as one, and the Newton step's curvature is that of a single update.
    for (double& g_k : gradient) g_k /= sweeps_;
    m.add_gradient(gradient);
    used_[c] += 1.0;
  }
}

std::vector<std::array<double, 2>> ContrastiveEstimator::deviations() const {
  std::vector<std::array<double, 2>> out;
  const uint32_t n = lattice_.spins;
  for (uint32_t p = 0; p < points(); ++p) {
    sampling::NewtonStep m(2);
    double information = 0.0, used = 0.0;
    for (uint32_t r = 0; r < replicas_; ++r) {
      const size_t c = size_t{p} * replicas_ + r;
      m.merge(per_chain_[c]);
      information += information_[c];
      used += used_[c];
    }
    // Where nearly every unit is pinned (an ordered phase deep in a field: mean p (1 - p) of the
    // target's conditionals below 0.01 per unit), the states say next to nothing about the
    // network, and the sampler there is as good as any correction could make it.
    if (used == 0 || information / (used * n) < 0.01) {
      out.push_back({0.0, 0.0});
      continue;
    }
    // The step takes the network towards the target; the network's deviation is its negative.
    std::vector<double> step = m.solve();
    // With cluster updates, the weight's step is the median of the replicas' own: a replica
    // held in a metastable state with domain walls (an ordered lattice coarsening from a random
    // start) gives a gradient that no weight removes, since the clusters merge what the network
    // keeps apart for far longer than a window.
    if (clusters_) {
      std::vector<double> own;
      for (uint32_t r = 0; r < replicas_; ++r)
        own.push_back(per_chain_[size_t{p} * replicas_ + r].solve()[0]);
      std::nth_element(own.begin(), own.begin() + own.size() / 2, own.end());
      step[0] = own[own.size() / 2];
    }
    out.push_back({-step[0], -step[1]});
  }
  return out;
}

bool ContrastiveEstimator::zero_field(uint32_t point) const {
  const sampling::ChainParams& p = chains_[size_t{point} * replicas_];
  const sampling::CouplingGraph& g = lattice_.graph;
  for (uint32_t i = 0; i < g.size; ++i)
    if (std::fabs(p.gamma * g.bias[i] + p.beta + p.alpha * half_field_[i]) >
        1e-9 * (1.0 + p.alpha * half_field_[i]))
      return false;
  return true;
}

double ContrastiveEstimator::midpoint(uint32_t point) const {
  return chains_[size_t{point} * replicas_].alpha * mean_half_field_;
}

double CorrectionSettings::emulated_time() const {
  const uint32_t local = std::min(local_rounds, rounds / 2);
  return local * (settle + window) + (rounds - local) * (cluster_settle + cluster_window);
}

double burn_in_after_correction(double burn_in, const CorrectionSettings& settings) {
  return std::max(kSettleAfterCorrection, burn_in - settings.emulated_time());
}

CorrectionSettings correction_settings(uint32_t rounds, double window) {
  CorrectionSettings s;
  s.rounds = rounds;
  s.window = window;
  s.cluster_window = 1.25 * window;
  return s;
}

std::vector<PointCorrection> correct_translation(ChainSampler& sampler, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 uint32_t replicas,
                                                 const CorrectionSettings& settings,
                                                 const std::vector<std::array<int32_t, 2>>& neighbours) {
  if (!neighbours.empty() && neighbours.size() * replicas != chains.size())
    throw input_error("translation correction: one pair of neighbours per point expected");
  ContrastiveEstimator estimator(lattice, chains, replicas, settings.stride, settings.sweeps);
  std::vector<PointCorrection> points(estimator.points());
  const double interval = sampler.sample_interval();
  const auto samples = [&](double window) {
    return std::max<uint64_t>(1, std::llround(window / interval));
  };
  const uint32_t local = std::min(settings.local_rounds, settings.rounds / 2);
  // The iterates of the last two thirds of the cluster rounds are averaged (Polyak-Ruppert):
  // near Tc a window holds few independent magnetisations, and the last iterate alone would
  // keep the noise of the last windows.
  const uint32_t averaged = std::max(1u, (settings.rounds - local) * 2 / 3);
  const uint32_t averaged_from = settings.rounds - averaged;
  const bool symmetric = sampler.keeps_spin_flip_symmetry();
  std::vector<std::array<double, 2>> sums(points.size(), {0.0, 0.0});
  const auto apply = [&] {
    std::vector<sampling::ChainCorrection> per_chain;
    for (size_t p = 0; p < points.size(); ++p) {
      PointCorrection& c = points[p];
      c.bias_offset = c.shift - (c.weight_factor - 1.0) * estimator.midpoint(static_cast<uint32_t>(p));
      for (uint32_t r = 0; r < replicas; ++r) per_chain.push_back({c.weight_factor, c.bias_offset});
    }
    sampler.set_corrections(per_chain);
  };
  for (uint32_t round = 0; round < settings.rounds; ++round) {
    const bool cluster_round = round >= local;
    estimator.use_clusters(cluster_round);
    estimator.set_stride(cluster_round ? settings.cluster_stride : settings.stride);
    sampler.advance(cluster_round ? settings.cluster_settle : settings.settle);
    estimator.clear();
    const uint64_t window = samples(cluster_round ? settings.cluster_window : settings.window);
    for (uint64_t k = 0; k < window; ++k) {
      sampler.advance(interval);
      if (estimator.uses_next())
        estimator.add(sampler.states());
      else
        estimator.skip();
    }
    const std::vector<std::array<double, 2>> deviations = estimator.deviations();
    // Full steps while the network is far from the target; then partial steps (0.4), so that the
    // averaged rounds follow the windows' noise and the slow response of the long-range order
    // (which lags a change of the weights by more than the settling time) only in part.
    const double gain = cluster_round ? settings.cluster_gain : 1.0;
    for (size_t p = 0; p < points.size(); ++p) {
      PointCorrection& c = points[p];
      const auto [weight, shift] = deviations[p];
      c.residual_weight = weight;
      c.residual_bias = shift;
      // The sampled weight scale is (1 + weight) times the target's: divide it out. A round's
      // step is bounded, so that one noisy window cannot throw the network far. The weights
      // scale about the point of spin-flip symmetry, so that a bounded bias step can never
      // leave a scaled lattice at h = 0 with a field (at T = 1.5 scaling by 1.4 moves that
      // point by 2 units of bias).
      c.weight_factor = std::clamp(c.weight_factor / std::clamp(1.0 + gain * weight, 0.7, 1.4),
                                   kWeightFactors[0], kWeightFactors[1]);
      // At zero field a sampler that keeps the spin-flip symmetry needs no shift: the estimate
      // there is noise, largest near Tc, and any shift it left would be a field that orders
      // every chain one way.
      if (!(symmetric && estimator.zero_field(static_cast<uint32_t>(p))))
        c.shift =
            std::clamp(c.shift - std::clamp(gain * shift, -1.0, 1.0), -kBiasShift, kBiasShift);
      if (round >= averaged_from) {
        sums[p][0] += std::log(c.weight_factor);
        sums[p][1] += c.shift;
      }
    }
    if (round + 1 < settings.rounds) apply();
  }
  for (size_t p = 0; p < points.size(); ++p) {
    std::array<double, 2> sum = sums[p];
    double count = 1.0;
    if (!neighbours.empty())
      for (const int32_t q : neighbours[p]) {
        if (q < 0) continue;
        sum[0] += sums[q][0];
        sum[1] += sums[q][1];
        count += 1.0;
      }
    points[p].weight_factor = std::exp(sum[0] / (averaged * count));
    points[p].shift = sum[1] / (averaged * count);
  }
  apply();
  return points;
}

}  // namespace spikewafer::ising
