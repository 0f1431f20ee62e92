// map_network's default: which neuron size to map at. choose_neuron_size gives the smallest size
// whose synapse slots hold the largest in-degree and whose chips hold the network; it packs
// neurons densely, which can exhaust a chip's synapse drivers and addresses (a population of
// 1,000 neurons at p = 0.05 onto itself lost 14 % at size 2 and nothing at size 4). So while
// synapses are lost, bigger neurons are tried (each size doubled: fewer neurons per chip, more
// drivers and rows per neuron), as long as the network still fits on the wafers allowed; the
// mapping that loses least wins, fewer chips breaking ties. The search stops at the first size
// without loss, or when a bigger size no longer loses less (beyond that, spreading wider does not
// help: the loss is in the network's own fan-in or routes).
#include <chrono>
#include <string>

#include "wafer/capacity.hpp"
#include "wafer/constants.hpp"
#include "wafer/mapping.hpp"
#include "wafer/system.hpp"

namespace spikewafer::wafer {
namespace {

// The next size to try after `size`, or 0 when none is left: twice as big (a single-circuit
// neuron's next is 2), at most a block's circuits, and the network must still fit.
uint32_t next_neuron_size(uint32_t size, uint64_t neurons, const System& system) {
  const uint32_t next = size == 1 ? 2 : 2 * size;
  if (next > kMaxDenmemsPerNeuron || capacity(next, system).neurons < neurons) return 0;
  return next;
}

MappingAttempt attempt_of(const MappingResult& r, double seconds) {
  return {r.placement.neuron_size, r.placement.hicanns_used, r.placement.wafers_used, r.total,
          seconds};
}

}  // namespace

MappingResult map_network(const Network& network, const MappingOptions& options) {
  const auto timed = [&](uint32_t size) {
    const auto start = std::chrono::steady_clock::now();
    MappingResult r = map_at_neuron_size(network, options, size);
    r.attempts = {attempt_of(r, std::chrono::duration<double>(
                                    std::chrono::steady_clock::now() - start).count())};
    return r;
  };
  if (options.neuron_size != 0) return timed(options.neuron_size);
  const System system(options.wafers);
  MappingResult best = timed(0);  // choose_neuron_size's
  std::vector<MappingAttempt> attempts = best.attempts;
  uint64_t previous = best.total.lost();
  for (uint32_t size = best.placement.neuron_size; best.total.lost() > 0;) {
    size = next_neuron_size(size, best.drawn.neurons(), system);
    if (size == 0) break;
    if (options.say)
      options.say("mapping: " + std::to_string(previous) + " synapses lost at neuron size " +
                  std::to_string(attempts.back().neuron_size) + "; trying size " +
                  std::to_string(size));
    MappingResult r = timed(size);
    attempts.push_back(r.attempts.front());
    const uint64_t lost = r.total.lost();
    if (lost < best.total.lost()) best = std::move(r);
    if (lost >= previous) break;
    previous = lost;
  }
  best.attempts = std::move(attempts);
  return best;
}

}  // namespace spikewafer::wafer
