#include "wafer/mapping.hpp"

#include <algorithm>
#include <map>

#include "spikewafer/error.hpp"
#include "wafer/synapse_rows.hpp"

namespace spikewafer::wafer {
namespace {

// A synapse's place in the processing order: by target chip, source bus, (receptor, address
// group), target neuron, source neuron.
struct OrderKey {
  uint64_t chip_bus;
  uint64_t key_post_pre;
  uint32_t index;
  bool operator<(const OrderKey& o) const {
    if (chip_bus != o.chip_bus) return chip_bus < o.chip_bus;
    if (key_post_pre != o.key_post_pre) return key_post_pre < o.key_post_pre;
    return index < o.index;
  }
};

std::vector<OrderKey> processing_order(const Network& network, const MappingResult& r) {
  std::vector<OrderKey> order(r.drawn.synapses.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    const DrawnSynapse& s = r.drawn.synapses[i];
    // Neuron indices stay below 2^30: a 20-wafer system places at most 3.6 M neurons.
    const uint64_t inhibitory = network.projections[s.projection].receptor == Receptor::kInhibitory;
    const uint64_t group = address_group(r.placement.slot_of(s.pre).address);
    order[i] = {uint64_t{r.placement.neurons[s.post].chip} << 32 | r.bus_of(s.pre),
                inhibitory << 62 | group << 60 | uint64_t{s.post} << 30 | s.pre,
                i};
  }
  std::sort(order.begin(), order.end());
  return order;
}

HLineOnHicann sending_line_of(const MappingResult& r, uint32_t bus) {
  return sending_hline(r.placement.layout.bus_merger[bus % 8]);
}

// A free vertical line of the chip for events that come over L2 (the FPGA injects them into the
// chip's L1 network): the first one whose switch group still has drivers to offer.
std::optional<VLineOnHicann> l2_entry(uint32_t wafer, HicannOnWafer chip, uint32_t bus,
                                      L1Occupancy& occ) {
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    const VLineOnWafer line{chip, VLineOnHicann(v)};
    const uint32_t group = switch_group(line.line);
    if (occ.owner(wafer, l1_node(line)) >= 0) continue;
    if (occ.entries_in_group(wafer, chip.index(), group) >= kSynapseSwitchesPerVLine / 2) continue;
    occ.take(wafer, l1_node(line), bus);
    occ.add_entry(wafer, chip.index(), group);
    return line.line;
  }
  return std::nullopt;
}

}  // namespace

void LossCounts::count(LossCause cause) {
  switch (cause) {
    case LossCause::kNone:
      ++realised;
      break;
    case LossCause::kNoRoute:
      ++no_route;
      break;
    case LossCause::kNoDriver:
      ++no_driver;
      break;
    case LossCause::kNoAddress:
      ++no_address;
      break;
  }
}

MappingResult map_network(const Network& network, const MappingOptions& options) {
  const System system(options.wafers);
  MappingResult r;
  r.router = options.router;
  r.wafers = system.wafers();
  r.drawn = draw_synapses(network);
  const uint32_t size =
      options.neuron_size != 0 ? options.neuron_size : choose_neuron_size(r.drawn, system);
  r.placement = place_network(network, r.drawn, size, system, options.seed);
  r.synapses.assign(r.drawn.synapses.size(), SynapsePlace{});

  // Which chips each bus must reach: on its own wafer over L1, elsewhere over L2.
  const auto order = processing_order(network, r);
  std::map<uint32_t, RouteRequest> requests;
  std::map<std::pair<uint32_t, uint32_t>, bool> l2_pairs;  // (bus, target wafer)
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && order[i].chip_bus == order[i - 1].chip_bus) continue;
    const uint32_t target = static_cast<uint32_t>(order[i].chip_bus >> 32);
    const uint32_t bus = static_cast<uint32_t>(order[i].chip_bus);
    const HicannOnSystem source = hicann_on_system(system, bus / 8);
    const HicannOnSystem to = hicann_on_system(system, target);
    if (source.wafer != to.wafer) {
      l2_pairs[{bus, to.wafer.value()}] = true;
      continue;
    }
    RouteRequest& req = requests[bus];
    req.bus = bus;
    req.wafer = source.wafer.value();
    req.source = source.hicann;
    req.sending_line = sending_line_of(r, bus);
    req.targets.push_back(to.hicann);
  }
  r.l2_links = l2_pairs.size();
  std::vector<RouteRequest> ordered;
  for (auto& [bus, req] : requests) ordered.push_back(std::move(req));
  L1Occupancy occupancy(system.wafers());
  r.routes = route_buses(ordered, options.router, occupancy);
  std::map<std::pair<uint32_t, uint32_t>, VLineOnHicann> entries;  // (bus, target chip)
  for (const BusRoute& route : r.routes) {
    for (const RouteEntry& e : route.entries)
      entries.emplace(std::make_pair(route.bus, global_index({WaferIndex(route.wafer), e.target})),
                      e.line);
  }

  // Each target chip: its incoming buses in order, then drivers, rows and weights.
  for (size_t begin = 0; begin < order.size();) {
    const uint32_t chip = static_cast<uint32_t>(order[begin].chip_bus >> 32);
    std::vector<IncomingBus> buses;
    size_t i = begin;
    for (; i < order.size() && order[i].chip_bus >> 32 == chip; ++i) {
      const uint32_t bus = static_cast<uint32_t>(order[i].chip_bus);
      if (buses.empty() || buses.back().bus != bus) {
        IncomingBus in;
        in.bus = bus;
        const HicannOnSystem to = hicann_on_system(system, chip);
        if (bus / 8 / kHicannsPerWafer != to.wafer.value()) {
          in.entry = l2_entry(to.wafer.value(), to.hicann, bus, occupancy);
        } else if (auto e = entries.find({bus, chip}); e != entries.end()) {
          in.entry = e->second;
        }
        buses.push_back(std::move(in));
      }
      buses.back().synapses.push_back(order[i].index);
    }
    ChipUse use;
    use.chip = chip;
    realise_on_chip(buses, network, use, r);
    r.target_chips.push_back(std::move(use));
    begin = i;
  }

  r.per_projection.assign(network.projections.size(), LossCounts{});
  for (size_t i = 0; i < r.synapses.size(); ++i) {
    const DrawnSynapse& s = r.drawn.synapses[i];
    r.synapses[i].chip = r.placement.neurons[s.post].chip;
    r.synapses[i].over_l2 = r.placement.neurons[s.pre].chip / kHicannsPerWafer !=
                            r.placement.neurons[s.post].chip / kHicannsPerWafer;
    r.total.count(r.synapses[i].loss);
    r.per_projection[s.projection].count(r.synapses[i].loss);
  }
  r.total.requested = r.synapses.size();
  for (size_t p = 0; p < r.per_projection.size(); ++p)
    r.per_projection[p].requested = r.drawn.synapses_per_projection[p];
  r.l1_lines_used = occupancy.lines_used();
  r.l1_lines_on_chip.assign(system.hicanns(), 0);
  for (uint32_t c = 0; c < system.hicanns(); ++c)
    r.l1_lines_on_chip[c] = occupancy.used_on_chip(c / kHicannsPerWafer, c % kHicannsPerWafer);
  return r;
}

}  // namespace spikewafer::wafer
