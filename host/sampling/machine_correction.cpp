#include "sampling/machine_correction.hpp"

#include <algorithm>
#include <cmath>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

MachineEstimator::MachineEstimator(const CouplingGraph& target, uint32_t chains, uint32_t stride)
    : target_(target), chains_(chains), stride_(std::max(1u, stride)) {
  const CouplingGraph& g = target_;
  mirror_.resize(g.column.size());
  for (uint32_t i = 0; i < g.size; ++i)
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
      const uint32_t j = g.column[k];
      const auto first = g.column.begin() + static_cast<std::ptrdiff_t>(g.row_ptr[j]);
      const auto last = g.column.begin() + static_cast<std::ptrdiff_t>(g.row_ptr[j + 1]);
      const auto at = std::find(first, last, i);
      if (at == last) throw input_error("machine correction: the coupling graph is not symmetric");
      mirror_[k] = static_cast<uint64_t>(at - g.column.begin());
    }
  clear();
}

void MachineEstimator::clear() {
  weight_gradient_.assign(target_.column.size(), 0.0);
  weight_curvature_.assign(target_.column.size(), 0.0);
  bias_gradient_.assign(target_.size, 0.0);
  bias_curvature_.assign(target_.size, 0.0);
}

void MachineEstimator::add(const std::vector<uint8_t>& z) {
  const CouplingGraph& g = target_;
  const uint32_t n = g.size;
  if (z.size() != size_t{chains_} * n)
    throw input_error("machine correction: expected " + std::to_string(chains_) + " x " +
                      std::to_string(n) + " states, got " + std::to_string(z.size()));
  const uint64_t sample = samples_++;
  if (sample % stride_ != 0) return;
  std::vector<double> q(n);
  for (uint32_t c = 0; c < chains_; ++c) {
    const uint8_t* state = &z[size_t{c} * n];
    for (uint32_t i = 0; i < n; ++i) {
      double x = g.bias[i];
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
        if (state[g.column[k]]) x += g.weight[k];
      q[i] = logistic(x);
    }
    for (uint32_t i = 0; i < n; ++i) {
      const double variance = q[i] * (1.0 - q[i]);
      bias_gradient_[i] += q[i] - state[i];
      bias_curvature_[i] += variance;
      // Entry (i, j) holds half of the pair's gradient and its row-i half of the curvature; the
      // mirror entry (j, i) the other halves (weight_steps adds the two curvatures).
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
        const uint32_t j = g.column[k];
        weight_gradient_[k] +=
            0.5 * (q[i] * state[j] + state[i] * q[j]) - double(state[i] & state[j]);
        weight_curvature_[k] += 0.5 * variance * state[j];
      }
    }
  }
}

std::vector<double> MachineEstimator::weight_steps() const {
  std::vector<double> steps(weight_gradient_.size(), 0.0);
  for (size_t k = 0; k < steps.size(); ++k) {
    const double curvature = weight_curvature_[k] + weight_curvature_[mirror_[k]];
    if (curvature > 0) steps[k] = weight_gradient_[k] / curvature;
  }
  return steps;
}

std::vector<double> MachineEstimator::bias_steps() const {
  std::vector<double> steps(bias_gradient_.size(), 0.0);
  for (size_t i = 0; i < steps.size(); ++i)
    if (bias_curvature_[i] > 0) steps[i] = bias_gradient_[i] / bias_curvature_[i];
  return steps;
}

MachineCorrection correct_machine(SpikingSampler& sampler, const CouplingGraph& target,
                                  const MachineCorrectionSettings& settings) {
  MachineEstimator estimator(target, sampler.chains(), settings.stride);
  CouplingGraph network = target;
  std::vector<double> weight_sums(target.weight.size(), 0.0), bias_sums(target.size, 0.0);
  const double interval = settings.sample_interval;
  const uint64_t samples = std::max<uint64_t>(1, std::llround(settings.window / interval));
  // As the scan's loop: full steps first, then shrinking ones, each bounded; the iterates of the
  // second half of the rounds averaged.
  const uint32_t averaged_from = settings.rounds / 2;
  MachineCorrection out;
  for (uint32_t round = 0; round < settings.rounds; ++round) {
    sampler.run(settings.settle);
    estimator.clear();
    for (uint64_t k = 0; k < samples; ++k) {
      sampler.run(interval);
      estimator.add(sampler.states());
    }
    out.emulated_ms += settings.settle + samples * interval;
    const double gain = std::min(1.0, 4.0 / (round + 1.0));
    const std::vector<double> weight_steps = estimator.weight_steps();
    const std::vector<double> bias_steps = estimator.bias_steps();
    for (size_t k = 0; k < network.weight.size(); ++k) {
      const double w = target.weight[k], magnitude = std::fabs(w);
      const double moved = network.weight[k] + std::clamp(gain * weight_steps[k], -0.5, 0.5);
      network.weight[k] = static_cast<float>(
          std::copysign(std::clamp(std::fabs(moved) * (moved * w > 0 ? 1.0 : 0.0),
                                   magnitude / 3.0, 3.0 * magnitude), w));
      if (round >= averaged_from) weight_sums[k] += network.weight[k];
    }
    for (uint32_t i = 0; i < network.size; ++i) {
      const double moved = network.bias[i] + std::clamp(gain * bias_steps[i], -1.0, 1.0);
      network.bias[i] = static_cast<float>(std::clamp(moved, target.bias[i] - 4.0,
                                                      target.bias[i] + 4.0));
      if (round >= averaged_from) bias_sums[i] += network.bias[i];
    }
    if (round + 1 < settings.rounds) sampler.set_graph(network);
  }
  const double averaged = settings.rounds - averaged_from;
  for (size_t k = 0; k < network.weight.size(); ++k)
    network.weight[k] = static_cast<float>(weight_sums[k] / averaged);
  for (uint32_t i = 0; i < network.size; ++i)
    network.bias[i] = static_cast<float>(bias_sums[i] / averaged);
  sampler.set_graph(network);
  out.weight = network.weight;
  out.bias = network.bias;
  return out;
}

}  // namespace spikewafer::sampling
