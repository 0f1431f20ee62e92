#include "sampling/ensemble_noise.hpp"

#include <algorithm>
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
  // Which units feed unit i is the same in every network (only the networks they lie in are
  // drawn per network): the networks sample one distribution, so every network's unit i then
  // receives the same mean input and the same noise; with sources drawn per network the mean
  // input differed from network to network by the rates of the units drawn, a bias of its own
  // for each network that a correction shared by the networks cannot remove.
  // Units of one network are correlated, units of different networks are independent chains:
  // where there are enough networks, a unit's sources on one receptor lie in distinct networks.
  const bool one_per_network = s.in_degree <= s.networks - 1;
  std::vector<uint32_t> indices(units), sources(s.in_degree);
  std::vector<uint8_t> used;
  for (const auto& [receptor, weight] :
       {std::pair{Receptor::kExcitatory, s.weight_E}, std::pair{Receptor::kInhibitory, s.weight_I}}) {
    Projection pr;
    pr.source = pr.target = target;
    pr.receptor = receptor;
    pr.connector.kind = Connector::Kind::kFromList;
    pr.connector.list.reserve(size_t{s.networks} * units * s.in_degree);
    for (uint32_t i = 0; i < units; ++i) {
      // The source units' indices: every index in_degree / units times, the rest distinct ones
      // (partial Fisher-Yates).
      std::iota(indices.begin(), indices.end(), 0u);
      for (uint32_t d = 0; d < s.in_degree; ++d) {
        const uint32_t slot = d % units;
        if (slot == 0 && s.in_degree - d < units)  // the remainder: distinct random indices
          for (uint32_t e = 0; e < s.in_degree - d; ++e)
            std::swap(indices[e], indices[e + below(bits, units - e)]);
        sources[d] = indices[slot];
      }
      for (uint32_t k = 0; k < s.networks; ++k) {
        // Per source, another network: distinct ones, or where too few, distinct (network, unit).
        used.assign(one_per_network ? s.networks : uint64_t{s.networks} * units, 0);
        for (uint32_t d = 0; d < s.in_degree; ++d) {
          uint64_t m, key;
          do {
            m = below(bits, s.networks - 1);
            m += m >= k;
            key = one_per_network ? m : m * units + sources[d];
          } while (used[key]);
          used[key] = 1;
          pr.connector.list.push_back(
              {static_cast<uint32_t>(m * units + sources[d]), k * units + i, weight, delay});
        }
      }
    }
    net.projections.push_back(std::move(pr));
  }
}

}  // namespace spikewafer::sampling
