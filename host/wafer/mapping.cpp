#include "wafer/mapping.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

#include "io/number_text.hpp"
#include "kernels/synapse_packing.hpp"
#include "network/connectors.hpp"
#include "network/unit_workers.hpp"
#include "spikewafer/error.hpp"
#include "wafer/hardware_delays.hpp"
#include "wafer/synapse_rows.hpp"

namespace spikewafer::wafer {
namespace {

using connectors::ProjectionPlan;
using connectors::UnitRange;
using connectors::UnitSynapses;

// Synapses realised together (those onto whole wafers): about 48 bytes each while they are, so
// a window stays near 2.3 GiB; the full system's 44 M synapses per wafer fit one at a time.
constexpr uint64_t kWindowSynapses = uint64_t{48} << 20;

HLineOnHicann sending_line_of(const MappingResult& r, uint32_t bus) {
  return sending_hline(r.placement.layout.bus_merger[bus % 8]);
}

// A free vertical line of the chip for events that come over L2 (the FPGA injects them into the
// chip's L1 network), whose switch group still takes an entry: in the group whose drivers are
// least asked of (then its side's, then the lowest line), as the router prefers (routing.hpp).
std::optional<VLineOnHicann> l2_entry(uint32_t wafer, HicannOnWafer chip, uint32_t bus,
                                      uint32_t drivers, L1Occupancy& occ) {
  std::optional<VLineOnHicann> best;
  std::pair<uint32_t, uint32_t> best_load;
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    const VLineOnWafer line{chip, VLineOnHicann(v)};
    const uint32_t group = switch_group(line.line);
    if (occ.owner(wafer, l1_node(line)) >= 0) continue;
    if (occ.entries_in_group(wafer, chip.index(), group) >= kSynapseSwitchesPerVLine / 2) continue;
    const std::pair<uint32_t, uint32_t> load{
        occ.drivers_promised(wafer, chip.index(), group),
        occ.drivers_promised_on_side(wafer, chip.index(), switch_group_side(group))};
    if (!best || load < best_load) {
      best = line.line;
      best_load = load;
    }
  }
  if (!best) return std::nullopt;
  const uint32_t group = switch_group(*best);
  occ.take(wafer, l1_node(VLineOnWafer{chip, *best}), bus);
  occ.add_entry(wafer, chip.index(), group);
  occ.promise(wafer, chip.index(), group, drivers);
  return best;
}

// Whether a bus's events reach this chip from another wafer (over L2).
bool from_other_wafer(uint32_t bus, uint32_t chip) {
  return bus / 8 / kHicannsPerWafer != chip / kHicannsPerWafer;
}

uint32_t chips_in_use(const MappingResult& r) {
  return std::max(r.placement.wafers_used, 1u) * kHicannsPerWafer;
}

// Consecutive wafers whose incoming synapses are realised together: [first, last) each.
std::vector<std::pair<uint32_t, uint32_t>> wafer_windows(const MappingResult& r) {
  std::vector<uint64_t> onto(chips_in_use(r) / kHicannsPerWafer, 0);
  for (uint32_t n = 0; n < r.drawn.neurons(); ++n)
    onto[r.placement.neurons[n].chip / kHicannsPerWafer] += r.drawn.in_degree[n];
  std::vector<std::pair<uint32_t, uint32_t>> windows;
  for (uint32_t w = 0; w < onto.size();) {
    uint32_t last = w + 1;
    uint64_t synapses = onto[w];
    while (last < onto.size() && synapses + onto[last] <= kWindowSynapses) synapses += onto[last++];
    windows.push_back({w, last});
    w = last;
  }
  return windows;
}

// Third draw, one window at a time: the synapses onto chips [chip_begin, chip_end), sorted into
// processing order. Each projection draws only the units of its targets there (placement lays a
// population down contiguously, so they are one run of its neurons).
std::vector<ChipSynapse> synapses_onto(const Network& network,
                                       const std::vector<ProjectionPlan>& plans,
                                       const MappingResult& r, uint32_t chip_begin,
                                       uint32_t chip_end, int workers) {
  // Per target population (by its first neuron), the run of its neurons on these chips.
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> targets_here;
  std::vector<UnitRange> ranges(plans.size());
  for (size_t p = 0; p < plans.size(); ++p) {
    const auto [at, fresh] = targets_here.try_emplace(plans[p].target_offset, plans[p].target_size, 0);
    auto& [first, last] = at->second;
    for (uint32_t t = 0; fresh && t < plans[p].target_size; ++t) {
      const uint32_t chip = r.placement.neurons[plans[p].target_offset + t].chip;
      if (chip < chip_begin || chip >= chip_end) continue;
      first = std::min(first, t);
      last = t + 1;
    }
    ranges[p] = connectors::units_onto(plans[p], first, last);
  }
  std::vector<std::vector<ChipSynapse>> parts(workers);
  connectors::for_each_share(
      plans, ranges, workers, true,
      [&](int w, size_t p, uint64_t u, const UnitSynapses& s) {
        const uint64_t inhibitory = network.projections[p].receptor == Receptor::kInhibitory;
        const uint64_t first = r.drawn.unit_offsets[p][u];
        for (size_t i = 0; i < s.pre.size(); ++i) {
          const uint32_t post = s.post[i], pre = s.pre[i];
          const uint32_t chip = r.placement.neurons[post].chip;
          if (chip < chip_begin || chip >= chip_end) continue;
          const uint64_t group = address_group(r.placement.slot_of(pre).address);
          parts[w].push_back({uint64_t{chip} << 32 | r.bus_of(pre),
                              inhibitory << 62 | group << 60 | uint64_t{post} << 30 | pre,
                              uint64_t{p} << 40 | (first + i), std::fabs(s.weight[i])});
        }
      },
      [](int) {});
  // Bucketed by chip (each worker its own part: within a chip, worker 0's synapses first), then
  // each chip's synapses sorted on its own (chips in parallel).
  const auto chips = static_cast<int64_t>(chip_end - chip_begin);
  std::vector<std::vector<uint64_t>> counts(workers, std::vector<uint64_t>(chips, 0));
#pragma omp parallel for schedule(static, 1) num_threads(workers)
  for (int w = 0; w < workers; ++w)
    for (const ChipSynapse& s : parts[w]) ++counts[w][s.chip() - chip_begin];
  std::vector<uint64_t> first(chips + 1, 0);
  for (int64_t c = 0; c < chips; ++c) {
    first[c + 1] = first[c];
    for (int w = 0; w < workers; ++w) {
      const uint64_t n = counts[w][c];
      counts[w][c] = first[c + 1];  // where worker w's synapses onto chip c go
      first[c + 1] += n;
    }
  }
  std::vector<ChipSynapse> all(first.back());
#pragma omp parallel for schedule(static, 1) num_threads(workers)
  for (int w = 0; w < workers; ++w) {
    for (const ChipSynapse& s : parts[w]) all[counts[w][s.chip() - chip_begin]++] = s;
    parts[w] = {};
  }
#pragma omp parallel for schedule(dynamic, 4) num_threads(workers)
  for (int64_t c = 0; c < chips; ++c)
    std::sort(all.begin() + static_cast<int64_t>(first[c]),
              all.begin() + static_cast<int64_t>(first[c + 1]));
  return all;
}

// Hardware delays (hardware_delays.hpp) in biological time and in steps of the network's dt.
class HardwareDelaySteps {
 public:
  HardwareDelaySteps(const Network& network, double speedup)
      : dt_(network.simulation.dt), speedup_(speedup), source_(network.source) {}
  double bio_ms(uint32_t hicanns, bool over_l2) const {
    return hardware_delay_ns(hicanns, over_l2) * 1e-6 * speedup_;
  }
  // At least one step; refused beyond what a synapse holds.
  uint8_t steps(double ms) const {
    const long n = std::max(1L, std::lround(ms / dt_));
    if (n > static_cast<long>(kernels::kMaxDelaySteps))
      throw input_error(source_ + ": a hardware delay of " +
                        number_text(std::round(ms * 1e3) / 1e3) + " ms (at speed-up " +
                        number_text(speedup_) + ") is " + std::to_string(n) +
                        " steps of dt = " + number_text(dt_) + " ms, but a synapse holds at most " +
                        std::to_string(kernels::kMaxDelaySteps) +
                        " steps; use a larger dt, a smaller speed-up or the ideal delays");
    return static_cast<uint8_t>(n);
  }

 private:
  double dt_;
  double speedup_;
  std::string source_;
};

}  // namespace

const char* delay_model_name(DelayModel model) {
  return model == DelayModel::kHardware ? "hardware" : "ideal";
}

DelayModel delay_model_from_name(const std::string& name) {
  if (name == "hardware") return DelayModel::kHardware;
  if (name == "ideal") return DelayModel::kIdeal;
  throw input_error("--delays " + name + ": not a delay model; use hardware (each route's delay) "
                    "or ideal (the network's own delays)");
}

void DelayStats::add(double ms, uint64_t synapses) {
  if (count == 0 || ms < min_ms) min_ms = ms;
  if (count == 0 || ms > max_ms) max_ms = ms;
  count += synapses;
  sum_ms += ms * static_cast<double>(synapses);
}

void DelayStats::merge(const DelayStats& other) {
  if (other.count == 0) return;
  if (count == 0 || other.min_ms < min_ms) min_ms = other.min_ms;
  if (count == 0 || other.max_ms > max_ms) max_ms = other.max_ms;
  count += other.count;
  sum_ms += other.sum_ms;
}

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

MappingResult map_placement(const Network& network, const MappingOptions& options,
                            DrawnNetwork drawn, Placement placement,
                            std::vector<BusDemand> demands) {
  const System system(options.wafers);
  MappingResult r;
  r.router = options.router;
  r.wafers = system.wafers();
  r.drawn = std::move(drawn);
  r.placement = std::move(placement);
  const auto plans = connectors::plan_projections(network);
  const int workers = connectors::drawing_workers(r.drawn.neurons(),
                                                  static_cast<double>(r.drawn.synapses()));
  const auto say = [&](const std::string& line) {
    if (options.say) options.say("mapping: " + line);
  };
  say(std::to_string(r.drawn.synapses()) + " synapses drawn, " +
      std::to_string(r.drawn.neurons()) + " neurons placed on " +
      std::to_string(r.placement.hicanns_used) + " HICANNs; routing");

  // Which chips each bus must reach: on its own wafer over L1, elsewhere over L2.
  std::map<uint32_t, RouteRequest> requests;
  std::vector<bool> l2_pairs(uint64_t{chips_in_use(r)} * 8 * kMaxWafers, false);  // (bus, wafer)
  for (const BusDemand& d : demands) {
    const HicannOnSystem source = hicann_on_system(system, d.bus / 8);
    const HicannOnSystem to = hicann_on_system(system, d.chip);
    if (source.wafer != to.wafer) {
      auto seen = l2_pairs[uint64_t{d.bus} * kMaxWafers + to.wafer.value()];
      if (!seen) ++r.l2_links;
      seen = true;
      continue;
    }
    RouteRequest& req = requests[d.bus];
    req.bus = d.bus;
    req.wafer = source.wafer.value();
    req.source = source.hicann;
    req.sending_line = sending_line_of(r, d.bus);
    req.targets.push_back(to.hicann);
    req.drivers.push_back(d.drivers);
  }
  std::vector<RouteRequest> ordered;
  for (auto& [bus, req] : requests) ordered.push_back(std::move(req));
  requests.clear();
  L1Occupancy occupancy(system.wafers());
  r.routes = route_buses(ordered, options.router, occupancy);
  ordered = {};
  // Where each routed bus arrives on each target chip, and across how many chips.
  struct Arrival {
    uint64_t key;  // bus << 32 | target chip
    VLineOnHicann line;
    uint32_t hicanns;
  };
  std::vector<Arrival> arrivals;
  for (const BusRoute& route : r.routes) {
    const std::vector<uint32_t> hicanns = hicanns_to_entries(route);
    for (size_t e = 0; e < route.entries.size(); ++e)
      arrivals.push_back({uint64_t{route.bus} << 32 |
                              global_index({WaferIndex(route.wafer), route.entries[e].target}),
                          route.entries[e].line, hicanns[e]});
  }
  std::sort(arrivals.begin(), arrivals.end(),
            [](const Arrival& a, const Arrival& b) { return a.key < b.key; });
  const auto arrival_of = [&](uint32_t bus, uint32_t chip) -> const Arrival* {
    const uint64_t key = uint64_t{bus} << 32 | chip;
    const auto e = std::lower_bound(arrivals.begin(), arrivals.end(), key,
                                    [](const Arrival& a, uint64_t k) { return a.key < k; });
    return e == arrivals.end() || e->key != key ? nullptr : &*e;
  };
  const auto drivers_wanted = [&](uint32_t bus, uint32_t chip) -> uint32_t {
    const auto d = std::lower_bound(demands.begin(), demands.end(), std::pair{chip, bus},
                                    [](const BusDemand& a, std::pair<uint32_t, uint32_t> k) {
                                      return std::pair{a.chip, a.bus} < k;
                                    });
    return d == demands.end() || d->chip != chip || d->bus != bus ? 0 : d->drivers;
  };
  const bool hardware_delays = options.delays == DelayModel::kHardware;
  r.delay_model = options.delays;
  r.delay_speedup = options.speedup;
  r.neuron_ranges = circuit_range_violations(network, options.speedup);
  r.stdp = stdp_hardware_reports(network);
  const HardwareDelaySteps delay_steps(network, options.speedup);

  // Every synapse starts lost; realising it writes its weight.
  std::vector<std::shared_ptr<MappedSynapses>> mapped(plans.size());
  for (size_t p = 0; p < plans.size(); ++p) {
    mapped[p] = std::make_shared<MappedSynapses>();
    mapped[p]->unit_offsets = r.drawn.unit_offsets[p];
    mapped[p]->weight.assign(r.drawn.synapses_per_projection[p],
                             std::numeric_limits<float>::quiet_NaN());
    if (hardware_delays) mapped[p]->delay_steps.assign(r.drawn.synapses_per_projection[p], 0);
  }
  r.per_projection.assign(network.projections.size(), LossCounts{});

  // Each target chip in order: its incoming buses in order, then drivers, rows and weights.
  const auto windows = wafer_windows(r);
  say(std::to_string(r.routes.size()) + " buses routed; realising the synapses on " +
      std::to_string(windows.size()) + (windows.size() == 1 ? " group" : " groups") +
      " of wafers");
  for (const auto& [first_wafer, last_wafer] : windows) {
    if (windows.size() > 1)
      say((last_wafer - first_wafer == 1 ? "wafer " + std::to_string(first_wafer)
                                         : "wafers " + std::to_string(first_wafer) + " to " +
                                               std::to_string(last_wafer - 1)) +
          " (of 0 to " + std::to_string(windows.back().second - 1) + ")");
    const std::vector<ChipSynapse> window =
        synapses_onto(network, plans, r, first_wafer * kHicannsPerWafer,
                      last_wafer * kHicannsPerWafer, workers);
    std::vector<SynapsePlace> places(window.size());
    // Each target chip's run of the window, realised on its own (a chip's drivers, rows and
    // entry lines are its own), in parallel; what they add up is merged in chip order, so the
    // report is the same for any thread count.
    std::vector<size_t> chip_first;
    for (size_t i = 0; i < window.size(); ++i)
      if (i == 0 || window[i].chip() != window[i - 1].chip()) chip_first.push_back(i);
    chip_first.push_back(window.size());
    const auto chips = static_cast<int64_t>(chip_first.size() - 1);
    std::vector<ChipUse> uses(static_cast<size_t>(chips));
    std::vector<QuantizationStats> quantization(static_cast<size_t>(chips));
    std::vector<DelayStats> delays(static_cast<size_t>(chips));
    std::vector<std::exception_ptr> failures(static_cast<size_t>(chips));  // the first is thrown
#pragma omp parallel for schedule(dynamic, 1) num_threads(workers)
    for (int64_t c = 0; c < chips; ++c) {
      try {
        const size_t begin = chip_first[c], end = chip_first[c + 1];
        const uint32_t chip = window[begin].chip();
        const HicannOnSystem to = hicann_on_system(system, chip);
        std::vector<IncomingBus> buses;
        std::vector<uint32_t> route_chips;  // per bus: the chips its route crosses (1 over L2)
        for (size_t i = begin; i < end; ++i) {
          const uint32_t bus = window[i].bus();
          if (buses.empty() || buses.back().bus != bus) {
            IncomingBus in;
            in.bus = bus;
            in.begin = i;
            route_chips.push_back(1);
            if (from_other_wafer(bus, chip)) {
              in.entry = l2_entry(to.wafer.value(), to.hicann, bus, drivers_wanted(bus, chip),
                                  occupancy);
            } else if (const Arrival* a = arrival_of(bus, chip)) {
              in.entry = a->line;
              route_chips.back() = a->hicanns;
            }
            buses.push_back(in);
          }
          buses.back().end = i + 1;
        }
        ChipUse& use = uses[c];
        use.chip = chip;
        realise_on_chip(buses, window, r.placement, use, places, quantization[c]);
        // What each realised synapse carries into the run: its weight and the route's delay.
        for (size_t b = 0; b < buses.size(); ++b) {
          const IncomingBus& in = buses[b];
          const double ms = delay_steps.bio_ms(route_chips[b], from_other_wafer(in.bus, chip));
          std::optional<uint8_t> steps;  // converted (and checked) only for realised synapses
          uint64_t realised = 0;
          for (size_t k = in.begin; k < in.end; ++k) {
            if (places[k].loss != LossCause::kNone) continue;
            MappedSynapses& m = *mapped[window[k].projection()];
            m.weight[window[k].index()] = places[k].realised;
            if (hardware_delays) {
              if (!steps) steps = delay_steps.steps(ms);
              m.delay_steps[window[k].index()] = *steps;
            }
            ++realised;
          }
          if (hardware_delays && realised > 0) delays[c].add(ms, realised);
        }
      } catch (...) {
        failures[c] = std::current_exception();
      }
    }
    for (const std::exception_ptr& failure : failures)
      if (failure) std::rethrow_exception(failure);
    for (int64_t c = 0; c < chips; ++c) {
      r.target_chips.push_back(std::move(uses[c]));
      r.quantization.merge(quantization[c]);
      r.delays.merge(delays[c]);
    }
    for (size_t i = 0; i < window.size(); ++i) {
      const ChipSynapse& s = window[i];
      SynapsePlace& place = places[i];
      place.chip = s.chip();
      place.over_l2 = from_other_wafer(s.bus(), s.chip());
      r.total.count(place.loss);
      r.per_projection[s.projection()].count(place.loss);
      if (options.keep_places)
        r.places.push_back({s.projection(), s.index(), s.pre(), s.post(), s.weight, place});
    }
  }

  r.total.requested = r.drawn.synapses();
  if (r.total.realised + r.total.lost() != r.total.requested)
    throw std::logic_error("map_network: " + std::to_string(r.total.requested) +
                           " synapses requested but " +
                           std::to_string(r.total.realised + r.total.lost()) + " visited");
  for (size_t p = 0; p < r.per_projection.size(); ++p) {
    r.per_projection[p].requested = r.drawn.synapses_per_projection[p];
    mapped[p]->realised = r.per_projection[p].realised;
    r.mapped.push_back(std::move(mapped[p]));
  }
  r.l1_lines_used = occupancy.lines_used();
  r.l1_lines_on_chip.assign(system.hicanns(), 0);
  for (uint32_t c = 0; c < system.hicanns(); ++c)
    r.l1_lines_on_chip[c] = occupancy.used_on_chip(c / kHicannsPerWafer, c % kHicannsPerWafer);
  return r;
}

}  // namespace spikewafer::wafer
