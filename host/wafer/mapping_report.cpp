#include "wafer/mapping_report.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/output_lock.hpp"
#include "wafer/hardware_delays.hpp"
#include "wafer/neuron_sizes.hpp"

namespace spikewafer::wafer {
namespace {

double fraction(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

nlohmann::json loss_json(const LossCounts& c) {
  return {{"requested", c.requested},     {"realized", c.realised},
          {"lost", c.lost()},             {"loss", fraction(c.lost(), c.requested)},
          {"no_route", c.no_route},       {"no_driver", c.no_driver},
          {"no_address", c.no_address}};
}

std::string projection_name(const Network& network, size_t p) {
  const Projection& proj = network.projections[p];
  return proj.source + "->" + proj.target + "[" + std::to_string(p) + "]";
}

// Whether an attempt is the mapping kept (size and neurons per chip both tell it).
bool chosen(const MappingAttempt& a, const MappingResult& r) {
  return a.neuron_size == r.placement.neuron_size &&
         a.neurons_per_chip == r.placement.neurons_per_chip;
}

}  // namespace

nlohmann::json mapping_summary(const Network& network, const MappingResult& r, double seconds) {
  uint64_t drivers = 0, rows = 0, l1_routed = 0, unreached = 0;
  for (const ChipUse& c : r.target_chips) {
    drivers += c.drivers.used();
    for (const RowUse& row : c.rows) rows += row.bus >= 0;
  }
  for (const BusRoute& route : r.routes) {
    l1_routed += route.entries.size();
    unreached += route.unreached.size();
  }
  nlohmann::json j;
  j["network"] = network.source;
  j["neuron_size"] = r.placement.neuron_size;
  j["neurons_per_hicann"] = r.placement.neurons_per_chip;
  j["synapses_per_neuron"] = r.placement.layout.figures.synapses_per_neuron;
  j["router"] = router_name(r.router);
  j["wafers_available"] = r.wafers;
  j["neurons_requested"] = r.drawn.neurons();
  j["neurons_placed"] = r.placement.neurons.size();
  j["synapses_requested"] = r.total.requested;
  j["synapses_realized"] = r.total.realised;
  j["synapses_lost"] = r.total.lost();
  j["synapse_loss"] = fraction(r.total.lost(), r.total.requested);
  j["loss_by_cause"] = {{"no_route", r.total.no_route},
                        {"no_driver", r.total.no_driver},
                        {"no_address", r.total.no_address}};
  j["hicanns_used"] = r.placement.hicanns_used;
  j["wafers_used"] = r.placement.wafers_used;
  j["l1_lines_used"] = r.l1_lines_used;
  j["l1_bus_routes"] = r.routes.size();
  j["l1_targets_reached"] = l1_routed;
  j["l1_targets_unreached"] = unreached;
  j["l2_links"] = r.l2_links;
  j["synapse_drivers_used"] = drivers;
  j["synapse_rows_used"] = rows;
  j["weight_quantization_error_mean"] = r.quantization.mean_error();
  j["weight_quantization_error_max"] = r.quantization.max_error();
  j["weights_rounded_to_zero"] = r.quantization.rounded_to_zero();
  j["max_in_degree"] = r.drawn.max_in_degree;
  j["delays"] = delay_model_name(r.delay_model);
  if (r.delay_model == DelayModel::kHardware) {
    j["delay_speedup"] = r.delay_speedup;
    j["delay_ms_mean"] = r.delays.mean_ms();
    j["delay_ms_min"] = r.delays.min_ms;
    j["delay_ms_max"] = r.delays.max_ms;
  }
  nlohmann::json ranges = nlohmann::json::array();
  for (const RangeViolation& v : r.neuron_ranges)
    ranges.push_back({{"population", v.population}, {"parameter", v.parameter}, {"unit", v.unit},
                      {"neurons", v.neurons}, {"lowest", v.lowest}, {"highest", v.highest},
                      {"allowed_low", v.allowed_low}, {"allowed_high", v.allowed_high}});
  j["neuron_parameters_outside_circuit_range"] = ranges;
  nlohmann::json stdp = nlohmann::json::array();
  for (const StdpHardwareReport& s : r.stdp)
    stdp.push_back({{"name", s.name}, {"weight_levels", s.levels}, {"weight_step", s.weight_step},
                    {"initial_weight", s.initial_weight},
                    {"initial_rounding_error", s.initial_rounding_error},
                    {"pair_potentiation_steps", s.potentiation_steps},
                    {"pair_depression_steps", s.depression_steps},
                    {"pairs_per_weight_step", s.pairs_per_step}});
  j["stdp_on_hardware"] = stdp;
  nlohmann::json attempts = nlohmann::json::array();
  for (const MappingAttempt& a : r.attempts) {
    nlohmann::json e = {{"neuron_size", a.neuron_size},
                        {"neurons_per_chip", a.neurons_per_chip}, {"hicanns", a.hicanns},
                        {"wafers", a.wafers}, {"estimated_driver_loss", a.estimated_driver_loss},
                        {"mapped", a.mapped}, {"seconds", a.seconds},
                        {"chosen", chosen(a, r)}};
    if (a.mapped) {
      e["synapses_lost"] = a.total.lost();
      e["no_route"] = a.total.no_route;
      e["no_driver"] = a.total.no_driver;
      e["no_address"] = a.total.no_address;
    }
    attempts.push_back(e);
  }
  j["neuron_sizes_tried"] = attempts;
  j["mapping_seconds"] = seconds;
  nlohmann::json projections = nlohmann::json::array();
  for (size_t p = 0; p < r.per_projection.size(); ++p) {
    nlohmann::json e = loss_json(r.per_projection[p]);
    e["name"] = projection_name(network, p);
    projections.push_back(e);
  }
  j["projections"] = projections;
  return j;
}

std::vector<std::string> attempt_lines(const MappingResult& r) {
  std::vector<std::string> lines;
  if (r.attempts.size() < 2) return lines;  // nothing was searched
  for (const MappingAttempt& a : r.attempts) {
    std::string line = "neuron size " + std::to_string(a.neuron_size) + " (" +
                       std::to_string(a.neurons_per_chip) + " per HICANN): " +
                       std::to_string(a.hicanns) + " HICANNs, ";
    if (!a.mapped) {
      line += "not mapped: about " + std::to_string(a.estimated_driver_loss) +
              " synapses would be lost for want of drivers (counted)";
    } else {
      line += std::to_string(a.total.lost()) + " synapses lost (no route " +
              std::to_string(a.total.no_route) + ", no driver " +
              std::to_string(a.total.no_driver) + ", no address " +
              std::to_string(a.total.no_address) + ")";
    }
    if (chosen(a, r))
      line += "; chosen: " + std::string(a.total.lost() == 0 ? "no loss" : "the least loss");
    lines.push_back(line);
  }
  return lines;
}

std::string mapping_text(const nlohmann::json& summary) { return summary.dump(2) + "\n"; }

std::string mapping_json(const Network& network, const MappingResult& result, double seconds) {
  return mapping_text(mapping_summary(network, result, seconds));
}

std::vector<PlacementRow> placement_rows(const MappingResult& r) {
  std::vector<PlacementRow> rows;
  const auto& offsets = r.drawn.population_offsets;
  for (uint32_t p = 0; p + 1 < offsets.size(); ++p)
    for (uint32_t n = offsets[p]; n < offsets[p + 1]; ++n) {
      const NeuronLocation& at = r.placement.neurons[n];
      const NeuronSlot& slot = r.placement.slot_of(n);
      rows.push_back({p, n - offsets[p], at.chip / kHicannsPerWafer, at.chip % kHicannsPerWafer,
                      slot.block, slot.address});
    }
  return rows;
}

std::vector<ChipRow> chip_rows(const MappingResult& r) {
  std::vector<uint32_t> drivers(r.l1_lines_on_chip.size(), 0);
  for (const ChipUse& c : r.target_chips) drivers[c.chip] = c.drivers.used();
  std::vector<ChipRow> rows;
  const uint32_t chips = std::max(r.placement.wafers_used, 1u) * kHicannsPerWafer;
  for (uint32_t c = 0; c < chips && c < drivers.size(); ++c) {
    const HicannOnWafer h(c % kHicannsPerWafer);
    rows.push_back({c / kHicannsPerWafer, h.index(), h.x().value(), h.y().value(),
                    r.placement.neurons_on_chip[c], drivers[c], r.l1_lines_on_chip[c]});
  }
  return rows;
}

std::string placement_csv(const Network& network, const MappingResult& r) {
  std::ostringstream out;
  out << "population,neuron,wafer,hicann,block,address\n";
  for (const PlacementRow& row : placement_rows(r))
    out << network.populations[row.population].name << ',' << row.neuron << ',' << row.wafer
        << ',' << row.hicann << ',' << row.block << ',' << row.address << '\n';
  return out.str();
}

std::string chips_csv(const MappingResult& r) {
  std::ostringstream out;
  out << "wafer,hicann,x,y,neurons,neuron_utilisation,drivers_used,l1_lines_used\n";
  const double per_chip = static_cast<double>(r.placement.layout.slots.size());
  for (const ChipRow& row : chip_rows(r))
    out << row.wafer << ',' << row.hicann << ',' << row.x << ',' << row.y << ',' << row.neurons
        << ',' << row.neurons / per_chip << ',' << row.drivers_used << ',' << row.l1_lines_used
        << '\n';
  return out.str();
}

std::string routes_csv(const MappingResult& r) {
  std::ostringstream out;
  out << "wafer,bus,from_x,from_y,to_x,to_y\n";
  for (const BusRoute& route : r.routes) {
    for (const auto& [from, to] : route.hops) {
      const HicannOnWafer a = node_hicann(from), b = node_hicann(to);
      if (a == b) continue;  // a crossbar switch: no step on the grid
      out << route.wafer << ',' << route.bus << ',' << a.x().value() << ',' << a.y().value()
          << ',' << b.x().value() << ',' << b.y().value() << '\n';
    }
  }
  return out.str();
}

std::string projections_csv(const Network& network, const MappingResult& r) {
  std::ostringstream out;
  out << "projection,requested,realized,no_route,no_driver,no_address,loss\n";
  for (size_t p = 0; p < r.per_projection.size(); ++p) {
    const LossCounts& c = r.per_projection[p];
    out << projection_name(network, p) << ',' << c.requested << ',' << c.realised << ','
        << c.no_route << ',' << c.no_driver << ',' << c.no_address << ','
        << fraction(c.lost(), c.requested) << '\n';
  }
  return out.str();
}

MappingOptions checked_mapping_options(int64_t wafers, int64_t neuron_size,
                                       int64_t neurons_per_chip, const std::string& router,
                                       double speedup, uint64_t seed) {
  MappingOptions options;
  options.wafers = System(wafers).wafers();
  if (neuron_size != 0) {
    check_neuron_size(neuron_size, SizeRule::kPublished);  // names the allowed sizes
    options.neuron_size = static_cast<uint32_t>(neuron_size);
  }
  const uint32_t most = wafer::neurons_per_chip(1, SizeRule::kPublished);  // single circuits
  if (neurons_per_chip < 0 || neurons_per_chip > most)
    throw input_error("--neurons-per-chip " + std::to_string(neurons_per_chip) +
                      ": a chip holds 1 to " + std::to_string(most) +
                      " neurons (0, the default: as many as the neuron size allows)");
  options.neurons_per_chip = static_cast<uint32_t>(neurons_per_chip);
  options.router = router_from_name(router);
  check_speedup(speedup, "--speedup");
  options.speedup = speedup;
  options.seed = seed;
  return options;
}

MappingReport map_to_directory(const Network& network, const MappingOptions& options,
                               const std::string& out_dir) {
  const OutputLock lock(out_dir);  // one writer per folder, as every command that writes one
  const auto start = std::chrono::steady_clock::now();
  MappingReport report;
  report.result = map_network(network, options);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const MappingResult& result = report.result;
  report.json = mapping_json(network, result, report.seconds);
  const std::string dir = out_dir + "/";
  write_file_atomically(dir + "placement.csv", placement_csv(network, result));
  write_file_atomically(dir + "chips.csv", chips_csv(result));
  write_file_atomically(dir + "routes.csv", routes_csv(result));
  write_file_atomically(dir + "projections.csv", projections_csv(network, result));
  write_file_atomically(dir + "mapping.json", report.json);
  return report;
}

}  // namespace spikewafer::wafer
