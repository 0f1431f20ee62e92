#include "sampling/ensemble_noise.hpp"

#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <vector>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

void require(bool ok, const std::string& where, const std::string& key, const std::string& problem) {
  if (!ok) throw input_error(where + "." + key + ": " + problem);
}

// A draw in [0, n) from 64 random bits: the same on every platform, unlike
// std::uniform_int_distribution (the modulo's bias, below n / 2^64, does not matter here).
uint64_t below(std::mt19937_64& bits, uint64_t n) { return bits() % n; }

}  // namespace

void check_ensemble(const EnsembleSettings& s, const std::string& where) {
  require(s.networks >= 2, where, "networks",
          "an ensemble needs at least 2 networks, each the others' noise (got " +
              std::to_string(s.networks) + ")");
  require(s.in_degree >= 1, where, "in_degree", "must be at least 1");
  for (const auto& [key, value] : std::map<std::string, double>{
           {"weight_E", s.weight_E}, {"weight_I", s.weight_I}, {"rate", s.rate}, {"delay", s.delay}})
    require(std::isfinite(value) && value > 0, where, key,
            "must be a finite number > 0 (got " + std::to_string(value) + ")");
}

PoissonNoise ensemble_equivalent_noise(const EnsembleSettings& s) {
  PoissonNoise noise;
  noise.rate_E = noise.rate_I = s.in_degree * s.rate;
  noise.weight_E = s.weight_E;
  noise.weight_I = s.weight_I;
  return noise;
}

void add_ensemble_noise(Network& net, const EnsembleSettings& s, const std::string& target,
                        uint32_t units) {
  check_ensemble(s, "noise");
  const uint64_t others = uint64_t{s.networks - 1} * units;
  if (s.in_degree > others)
    throw input_error("noise.in_degree: each unit draws " + std::to_string(s.in_degree) +
                      " distinct sources per receptor from the other networks, which hold " +
                      std::to_string(others) + " units (" + std::to_string(s.networks - 1) +
                      " x " + std::to_string(units) + "); lower in_degree or raise networks");
  const double delay = std::max(s.delay, net.simulation.dt);
  std::mt19937_64 bits(s.seed);
  // Units of one network are correlated (they sample one distribution), units of different
  // networks are independent chains: where there are enough networks, a unit's sources on one
  // receptor lie in distinct networks; else they are distinct units.
  const bool one_per_network = s.in_degree <= s.networks - 1;
  std::vector<uint32_t> pool(one_per_network ? s.networks - 1 : others);
  for (const auto& [receptor, weight] :
       {std::pair{Receptor::kExcitatory, s.weight_E}, std::pair{Receptor::kInhibitory, s.weight_I}}) {
    Projection pr;
    pr.source = pr.target = target;
    pr.receptor = receptor;
    pr.connector.kind = Connector::Kind::kFromList;
    pr.connector.list.reserve(size_t{s.networks} * units * s.in_degree);
    for (uint32_t k = 0; k < s.networks; ++k)
      for (uint32_t i = 0; i < units; ++i) {
        // The other networks (or their units): those before network k, then those after it.
        const uint32_t per = one_per_network ? 1 : units;
        std::iota(pool.begin(), pool.begin() + uint64_t{k} * per, 0u);
        std::iota(pool.begin() + uint64_t{k} * per, pool.end(), (k + 1) * per);
        for (uint32_t d = 0; d < s.in_degree; ++d) {  // partial Fisher-Yates: distinct draws
          std::swap(pool[d], pool[d + below(bits, pool.size() - d)]);
          const uint32_t pre =
              one_per_network ? pool[d] * units + static_cast<uint32_t>(below(bits, units)) : pool[d];
          pr.connector.list.push_back({pre, k * units + i, weight, delay});
        }
      }
    net.projections.push_back(std::move(pr));
  }
}

}  // namespace spikewafer::sampling
