#include "ising/translation_correction.hpp"

#include <algorithm>
#include <cmath>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {

PointEstimator::PointEstimator(const Lattice& lattice, std::vector<sampling::ChainParams> chains,
                               uint32_t replicas)
    : lattice_(lattice),
      chains_(std::move(chains)),
      replicas_(replicas),
      per_chain_(chains_.size(), sampling::LogisticMoments(2)) {
  if (replicas == 0 || chains_.size() % replicas != 0)
    throw input_error("translation correction: chains must be whole grid points of " +
                      std::to_string(replicas) + " replicas");
}

void PointEstimator::add(const std::vector<uint8_t>& z) {
  const sampling::CouplingGraph& g = lattice_.graph;
  const uint32_t n = lattice_.spins;
  if (z.size() != chains_.size() * size_t{n})
    throw input_error("translation correction: expected " + std::to_string(chains_.size()) +
                      " x " + std::to_string(n) + " states, got " + std::to_string(z.size()));
  const int64_t count = static_cast<int64_t>(chains_.size());
#pragma omp parallel for schedule(static) if (count * n > (1 << 14))
  for (int64_t c = 0; c < count; ++c) {
    const sampling::ChainParams& p = chains_[c];
    const uint8_t* s = &z[static_cast<size_t>(c) * n];
    sampling::LogisticMoments& m = per_chain_[c];
    for (uint32_t i = 0; i < n; ++i) {
      double field = 0.0;
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
        if (s[g.column[k]]) field += g.weight[k];
      const double x = p.alpha * field, b = p.gamma * g.bias[i] + p.beta;
      const double f[2] = {x, 1.0};
      m.add(f, x + b, s[i] != 0);
    }
  }
}

std::vector<sampling::LogisticMoments> PointEstimator::moments() const {
  std::vector<sampling::LogisticMoments> points(chains_.size() / replicas_,
                                                sampling::LogisticMoments(2));
  for (size_t c = 0; c < chains_.size(); ++c) points[c / replicas_].merge(per_chain_[c]);
  return points;
}

void PointEstimator::clear() {
  for (sampling::LogisticMoments& m : per_chain_) m.clear();
}

std::vector<PointCorrection> correct_translation(ChainSampler& sampler, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 uint32_t replicas,
                                                 const CorrectionSettings& settings) {
  PointEstimator estimator(lattice, chains, replicas);
  std::vector<PointCorrection> points(chains.size() / replicas);
  const double interval = sampler.sample_interval();
  const uint64_t samples = std::max<uint64_t>(1, std::llround(settings.window / interval));
  for (uint32_t round = 0; round < settings.rounds; ++round) {
    sampler.advance(settings.settle);
    estimator.clear();
    for (uint64_t k = 0; k < samples; ++k) {
      sampler.advance(interval);
      estimator.add(sampler.states());
    }
    const std::vector<sampling::LogisticMoments> moments = estimator.moments();
    std::vector<sampling::ChainCorrection> per_chain;
    for (size_t p = 0; p < points.size(); ++p) {
      const std::vector<double> d = moments[p].deviation();
      PointCorrection& c = points[p];
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
