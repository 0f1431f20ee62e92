#include "learning/network_classifier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "learning/loop_networks.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::learning {
namespace {

// The classifying networks' replicas draw their noise apart from the model phase's (stream =
// epoch) and the data phase's (0x80000000 + epoch).
constexpr uint32_t kClassifierSeeds = 0x40000000u;

}  // namespace

double network_accuracy(const Rbm& rbm, const Dataset& test,
                        const sampling::Calibration& calibration, uint64_t seed, uint32_t stream,
                        int threads, const NetworkClassifierSettings& settings) {
  const auto n = static_cast<uint32_t>(test.images.rows());
  if (rbm.labels == 0 || n == 0 || test.labels.size() != n)
    return std::numeric_limits<double>::quiet_NaN();
  const uint32_t units = rbm.units();
  // An ensemble fills whole replicas: the chains after the test set's repeat its first images.
  const uint32_t networks = sampling::networks_per_replica(calibration);
  const uint32_t chains = (n + networks - 1) / networks * networks;
  sampling::SpikingSampler sampler(rbm_graph(rbm),
                                   loop_chains(chains, seed, kClassifierSeeds + stream),
                                   calibration, loop_network_settings(seed, true),
                                   SimulatorOptions{Backend::kCpu, threads, {}, {}});
  std::vector<int8_t> clamp(size_t{chains} * units, -1);  // labels and hidden units free
  for (uint32_t c = 0; c < chains; ++c)
    for (uint32_t i = 0; i < rbm.visible; ++i)
      clamp[size_t{c} * units + i] = test.images(c % n, i) > 0.5;
  sampler.clamp(clamp);
  sampler.run(settings.settle);
  const auto samples =
      static_cast<uint64_t>(std::max(1.0, std::round(settings.window / settings.interval)));
  std::vector<uint32_t> on(size_t{n} * rbm.labels, 0);
  for (uint64_t k = 0; k < samples; ++k) {
    sampler.run(settings.interval);
    const std::vector<uint8_t> z = sampler.states();
    for (uint32_t c = 0; c < n; ++c)
      for (uint32_t l = 0; l < rbm.labels; ++l)
        on[size_t{c} * rbm.labels + l] += z[size_t{c} * units + rbm.visible + l];
  }
  uint32_t right = 0;
  for (uint32_t c = 0; c < n; ++c) {
    const auto first = on.begin() + static_cast<std::ptrdiff_t>(size_t{c} * rbm.labels);
    const auto best = std::max_element(first, first + rbm.labels) - first;
    right += static_cast<uint32_t>(best) == test.labels[c];
  }
  return static_cast<double>(right) / n;
}

}  // namespace spikewafer::learning
