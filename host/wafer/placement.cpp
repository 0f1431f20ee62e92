#include "wafer/placement.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "spikewafer/error.hpp"
#include "network/layout.hpp"
#include "wafer/capacity.hpp"

namespace spikewafer::wafer {
namespace {

// SplitMix64: a seed-keyed tie-break that does not depend on the standard library's engines.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Synapses between each pair of populations, both directions summed: every synapse of a
// projection joins its source and target population.
std::vector<std::vector<uint64_t>> coupling(const Network& network, const DrawnNetwork& drawn) {
  const size_t n = network.populations.size();
  std::vector<std::vector<uint64_t>> c(n, std::vector<uint64_t>(n, 0));
  for (size_t p = 0; p < network.projections.size(); ++p) {
    const Projection& proj = network.projections[p];
    const std::string key = "projections[" + std::to_string(p) + "]";
    const uint32_t a = population_index(network, proj.source, key);
    const uint32_t b = population_index(network, proj.target, key);
    c[a][b] += drawn.synapses_per_projection[p];
    if (a != b) c[b][a] += drawn.synapses_per_projection[p];
  }
  return c;
}

std::vector<uint32_t> population_order(const Network& network, const DrawnNetwork& drawn,
                                       uint64_t seed) {
  const size_t n = network.populations.size();
  const auto c = coupling(network, drawn);
  std::vector<uint32_t> order;
  std::vector<bool> placed(n, false);
  std::vector<uint64_t> to_placed(n, 0);  // synapses shared with the placed populations
  for (size_t step = 0; step < n; ++step) {
    uint32_t best = 0;
    bool found = false;
    for (uint32_t p = 0; p < n; ++p) {
      if (placed[p]) continue;
      if (!found) {
        best = p;
        found = true;
      } else if (to_placed[p] != to_placed[best]) {
        if (to_placed[p] > to_placed[best]) best = p;
      } else if (step > 0 && mix(seed ^ p) < mix(seed ^ best)) {
        best = p;  // equal coupling: a seed-keyed choice (the first population always leads)
      }
    }
    placed[best] = true;
    order.push_back(best);
    for (uint32_t p = 0; p < n; ++p) to_placed[p] += c[best][p];
  }
  return order;
}

std::string wafers_phrase(uint64_t chips) {
  const uint64_t wafers = (chips + kHicannsPerWafer - 1) / kHicannsPerWafer;
  return std::to_string(wafers) + (wafers == 1 ? " wafer" : " wafers");
}

}  // namespace

std::vector<HicannOnWafer> serpentine_order() {
  std::vector<HicannOnWafer> chips;
  for (uint32_t y = 0; y < kGridRows; ++y) {
    const GridY row(y);
    const uint32_t first = row_first_column(row), width = row_width(row);
    for (uint32_t i = 0; i < width; ++i) {
      const uint32_t x = y % 2 == 0 ? first + i : first + width - 1 - i;
      chips.emplace_back(GridX(x), row);
    }
  }
  return chips;
}

uint32_t chip_neurons(uint32_t neuron_size, uint32_t limit) {
  const uint32_t slots = neurons_per_chip(neuron_size, SizeRule::kPublished);
  return limit == 0 ? slots : std::min(slots, limit);
}

uint64_t system_neurons(uint32_t neuron_size, uint32_t limit, const System& system) {
  return uint64_t{system.hicanns()} * chip_neurons(neuron_size, limit);
}

uint32_t choose_neuron_size(const DrawnNetwork& drawn, const System& system, uint32_t limit) {
  const auto fits = [&](uint32_t size) {
    return system_neurons(size, limit, system) >= drawn.neurons();
  };
  uint32_t size = 2;
  while (size < kMaxDenmemsPerNeuron && uint64_t{kSynapsesPerDenmem} * size < drawn.max_in_degree)
    size += 2;
  while (size > 2 && !fits(size)) size -= 2;
  // Past the toolchain's smallest neurons: single circuits hold twice as many.
  if (size == 2 && !fits(2) && fits(1)) size = 1;
  return size;
}

void check_fits(const Network& network, uint32_t neurons, uint32_t neuron_size, uint32_t limit,
                const System& system) {
  const uint32_t per_chip = chip_neurons(neuron_size, limit);
  const uint64_t have_neurons = system_neurons(neuron_size, limit, system);
  if (neurons <= have_neurons) return;
  const uint64_t chips = (uint64_t{neurons} + per_chip - 1) / per_chip;
  std::string fix;
  if (chips <= uint64_t{kMaxWafers} * kHicannsPerWafer) {
    fix = "map it onto " + wafers_phrase(chips) + " (--wafers " +
          std::to_string((chips + kHicannsPerWafer - 1) / kHicannsPerWafer) + ")";
  } else {
    fix = "that is more than the 20-wafer system; use a smaller network";
  }
  if (per_chip < neurons_per_chip(neuron_size, SizeRule::kPublished)) {  // limited
    fix += " or more neurons per chip (--neurons-per-chip, at most " +
           std::to_string(neurons_per_chip(neuron_size, SizeRule::kPublished)) + " at this size)";
  } else if (neuron_size > 2) {
    fix += " or smaller neurons (--neuron-size 2 gives 236 per chip)";
  } else if (neuron_size == 2) {
    fix += " or single-circuit neurons (--neuron-size 1 gives 472 per chip)";
  }
  throw input_error(network.source + ": the network has " + std::to_string(neurons) +
                    " neurons; at neuron size " + std::to_string(neuron_size) + " (" +
                    std::to_string(per_chip) + " neurons per HICANN) they need " +
                    std::to_string(chips) + " HICANNs on " + wafers_phrase(chips) +
                    ", but the system of " + wafers_phrase(system.hicanns()) + " holds " +
                    std::to_string(have_neurons) + " neurons on " +
                    std::to_string(system.hicanns()) + " HICANNs: " + fix);
}

Placement place_network(const Network& network, const DrawnNetwork& drawn, uint32_t neuron_size,
                        const System& system, uint64_t seed, uint32_t limit) {
  Placement p;
  p.neuron_size = neuron_size;
  p.layout = slot_layout(neuron_size);
  check_fits(network, drawn.neurons(), neuron_size, limit, system);
  p.neurons_per_chip = chip_neurons(neuron_size, limit);
  p.population_order = population_order(network, drawn, seed);
  p.neurons.resize(drawn.neurons());
  p.neurons_on_chip.assign(system.hicanns(), 0);
  const auto serpentine = serpentine_order();
  const uint32_t per_chip = p.neurons_per_chip;
  uint64_t next = 0;  // position along the system's serpentine, in slots
  for (uint32_t pop : p.population_order) {
    for (uint32_t n = drawn.population_offsets[pop]; n < drawn.population_offsets[pop + 1]; ++n) {
      const uint64_t chip_step = next / per_chip;
      const uint32_t wafer = static_cast<uint32_t>(chip_step / kHicannsPerWafer);
      const HicannOnWafer hicann = serpentine[chip_step % kHicannsPerWafer];
      const uint32_t chip = global_index({WaferIndex(wafer), hicann});
      p.neurons[n] = {chip, static_cast<uint32_t>(next % per_chip)};
      ++p.neurons_on_chip[chip];
      ++next;
    }
  }
  const uint64_t chips = (next + per_chip - 1) / per_chip;
  p.hicanns_used = static_cast<uint32_t>(chips);
  p.wafers_used = static_cast<uint32_t>((chips + kHicannsPerWafer - 1) / kHicannsPerWafer);
  return p;
}

}  // namespace spikewafer::wafer
