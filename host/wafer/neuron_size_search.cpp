// map_network's default: which neuron size to map at. choose_neuron_size gives the smallest size
// whose synapse slots hold the largest in-degree and whose chips hold the network; it packs
// neurons densely, which can ask more of a chip's 224 synapse drivers than it has. Bigger sizes
// (each doubled, while the network fits on the wafers allowed) put fewer neurons on a chip.
//
// Each size is placed and its drivers counted (bus_demand.hpp: one draw, no routing), which
// estimates the synapses lost for want of drivers at that size; sizes are counted from the
// smallest until the estimate is 0 or grows again. The smallest size whose estimate is no loss
// (else the one with the least) is mapped; while synapses are still lost, the next bigger size is
// mapped too, as long as its estimate could beat the least loss so far and the previous doubling
// lowered the loss (beyond that, spreading wider does not help: what is left is in the routes
// or the network's own fan-in). Smaller sizes are mapped only if their estimate could beat it.
// Spreading the neurons over more chips at the same size (--neurons-per-chip) is left to the
// user: on the scaling networks that fill the system (10^6 neurons at size 2 on 4,238 of 7,680
// chips) spreading to every chip lowered the loss by 0.7 %, and mapping both would double the
// time; the rest is lost for want of routes (benchmarks/results/2026-12-07-driver-balance/large).
// The mapping that loses least wins, fewer chips breaking ties. A size's counting pass is the
// first step of its mapping, so an estimate costs nothing for the sizes that are mapped.
#include <chrono>
#include <optional>
#include <string>

#include "spikewafer/error.hpp"
#include "network/unit_workers.hpp"
#include "wafer/bus_demand.hpp"
#include "wafer/constants.hpp"
#include "wafer/mapping.hpp"
#include "wafer/placement.hpp"
#include "wafer/system.hpp"

namespace spikewafer::wafer {
namespace {

// The next size to try after `size`, or 0 when none is left: twice as big (a single-circuit
// neuron's next is 2), at most a block's circuits, and the network must still fit.
uint32_t next_neuron_size(uint32_t size, uint64_t neurons, const System& system,
                          uint32_t limit) {
  const uint32_t next = size == 1 ? 2 : 2 * size;
  if (next > kMaxDenmemsPerNeuron || system_neurons(next, limit, system) < neurons) return 0;
  return next;
}

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One size: placed and counted; mapped on demand.
struct Candidate {
  Placement placement;
  std::vector<BusDemand> demands;
  MappingAttempt attempt;
};

}  // namespace

MappingResult map_network(const Network& network, const MappingOptions& options) {
  for (const Population& p : network.populations)
    if (is_hodgkin_huxley(p.model))
      throw input_error("populations." + p.name + ": BrainScaleS-1 has no circuit for " +
                        model_name(p.model) + " (its neurons are AdEx circuits); run the "
                        "network without --wafer, or model the neurons as "
                        "EIF_cond_exp_isfa_ista");
  const System system(options.wafers);
  const uint32_t limit = options.neurons_per_chip;
  const DrawnNetwork drawn = draw_synapses(network);
  const auto plans = connectors::plan_projections(network);
  const int workers = connectors::drawing_workers(drawn.neurons(),
                                                  static_cast<double>(drawn.synapses()));
  const auto counted = [&](uint32_t size, uint32_t per_chip) {
    const auto start = Clock::now();
    Candidate c;
    c.placement = place_network(network, drawn, size, system, options.seed, per_chip);
    c.demands = bus_demands(plans, network, c.placement, workers);
    c.attempt.neuron_size = size;
    c.attempt.neurons_per_chip = c.placement.neurons_per_chip;
    c.attempt.hicanns = c.placement.hicanns_used;
    c.attempt.wafers = c.placement.wafers_used;
    c.attempt.estimated_driver_loss = estimated_driver_loss(c.demands);
    c.attempt.seconds = since(start);
    return c;
  };
  // Maps a candidate (its placement and demands are moved into the result).
  const auto mapped = [&](Candidate& c) {
    const auto start = Clock::now();
    MappingResult r = map_placement(network, options, drawn, std::move(c.placement),
                                    std::move(c.demands));
    c.attempt.mapped = true;
    c.attempt.total = r.total;
    c.attempt.seconds += since(start);
    return r;
  };
  if (options.neuron_size != 0) {
    Candidate c = counted(options.neuron_size, limit);
    MappingResult r = mapped(c);
    r.attempts = {c.attempt};
    return r;
  }

  // The sizes that fit, counted in turn up to the first whose estimate is no loss, or until the
  // estimate grows again.
  std::vector<Candidate> sizes;
  size_t first = 0;  // the first to map: the least estimate
  for (uint32_t size = choose_neuron_size(drawn, system, limit); size != 0;
       size = next_neuron_size(size, drawn.neurons(), system, limit)) {
    sizes.push_back(counted(size, limit));
    const uint64_t estimate = sizes.back().attempt.estimated_driver_loss;
    if (estimate < sizes[first].attempt.estimated_driver_loss) first = sizes.size() - 1;
    if (estimate == 0 || estimate > sizes[first].attempt.estimated_driver_loss) break;
  }
  const auto say = [&](const std::string& line) {
    if (options.say) options.say("mapping: " + line);
  };
  if (sizes.size() > 1)
    say("neuron size " + std::to_string(sizes[first].attempt.neuron_size) +
        " has the fewest synapses lost for want of drivers, by their count (" +
        std::to_string(sizes[first].attempt.estimated_driver_loss) + "); mapping it");

  std::optional<MappingResult> best;
  const auto consider = [&](size_t i) {
    MappingResult r = mapped(sizes[i]);
    if (!best || r.total.lost() < best->total.lost() ||
        (r.total.lost() == best->total.lost() &&
         r.placement.hicanns_used < best->placement.hicanns_used))
      best = std::move(r);
  };
  consider(first);
  // Bigger sizes while the loss falls.
  uint64_t previous = best->total.lost();
  for (size_t i = first + 1; best->total.lost() > 0; ++i) {
    if (i == sizes.size()) {
      const uint32_t size = next_neuron_size(sizes.back().attempt.neuron_size, drawn.neurons(),
                                             system, limit);
      if (size == 0) break;
      sizes.push_back(counted(size, limit));
    }
    if (sizes[i].attempt.estimated_driver_loss >= best->total.lost()) break;
    say(std::to_string(previous) + " synapses lost at neuron size " +
        std::to_string(sizes[i - 1].attempt.neuron_size) + "; trying size " +
        std::to_string(sizes[i].attempt.neuron_size));
    consider(i);
    const uint64_t lost = sizes[i].attempt.total.lost();
    if (lost >= previous) break;
    previous = lost;
  }
  // Smaller sizes only where their estimate could beat what was mapped.
  for (size_t i = 0; i < first && best->total.lost() > 0; ++i)
    if (sizes[i].attempt.estimated_driver_loss < best->total.lost()) consider(i);
  for (const Candidate& c : sizes) best->attempts.push_back(c.attempt);
  return std::move(*best);
}

}  // namespace spikewafer::wafer
