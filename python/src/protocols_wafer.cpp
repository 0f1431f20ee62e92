// wafer_map for Python: the same library function as `spikewafer wafer-map`
// (wafer::map_to_directory with wafer::checked_mapping_options), writing the same files into the
// output folder and handing the report back: mapping.json's text and numpy tables of the
// placement, the chips and the loss per projection.
#include <pybind11/numpy.h>

#include "bindings.hpp"
#include "numpy_convert.hpp"
#include "wafer/mapping_report.hpp"

namespace spikewafer::python {
namespace {

namespace py = pybind11;

struct PlacedNeuron {
  uint32_t population, neuron, wafer, hicann, block, address;
};
struct ChipRow {
  uint32_t wafer, hicann, x, y, neurons, drivers_used, l1_lines_used;
};
struct ProjectionRow {
  uint64_t requested, realized, no_route, no_driver, no_address;
};

py::dict placement_table(const wafer::MappingResult& r) {
  std::vector<PlacedNeuron> rows;
  const auto& offsets = r.drawn.population_offsets;
  for (uint32_t p = 0; p + 1 < offsets.size(); ++p)
    for (uint32_t n = offsets[p]; n < offsets[p + 1]; ++n) {
      const wafer::NeuronLocation& at = r.placement.neurons[n];
      const wafer::NeuronSlot& slot = r.placement.slot_of(n);
      rows.push_back({p, n - offsets[p], at.chip / wafer::kHicannsPerWafer,
                      at.chip % wafer::kHicannsPerWafer, slot.block, slot.address});
    }
  py::dict d;
  d["population"] = column(rows, &PlacedNeuron::population);
  d["neuron"] = column(rows, &PlacedNeuron::neuron);
  d["wafer"] = column(rows, &PlacedNeuron::wafer);
  d["hicann"] = column(rows, &PlacedNeuron::hicann);
  d["block"] = column(rows, &PlacedNeuron::block);
  d["address"] = column(rows, &PlacedNeuron::address);
  return d;
}

py::dict chip_table(const wafer::MappingResult& r) {
  std::vector<uint32_t> drivers(r.l1_lines_on_chip.size(), 0);
  for (const wafer::ChipUse& c : r.target_chips) drivers[c.chip] = c.drivers.used();
  std::vector<ChipRow> rows;
  const uint32_t chips = std::max(r.placement.wafers_used, 1u) * wafer::kHicannsPerWafer;
  for (uint32_t c = 0; c < chips && c < drivers.size(); ++c) {
    const wafer::HicannOnWafer h(c % wafer::kHicannsPerWafer);
    rows.push_back({c / wafer::kHicannsPerWafer, h.index(), h.x().value(), h.y().value(),
                    r.placement.neurons_on_chip[c], drivers[c], r.l1_lines_on_chip[c]});
  }
  py::dict d;
  d["wafer"] = column(rows, &ChipRow::wafer);
  d["hicann"] = column(rows, &ChipRow::hicann);
  d["x"] = column(rows, &ChipRow::x);
  d["y"] = column(rows, &ChipRow::y);
  d["neurons"] = column(rows, &ChipRow::neurons);
  d["drivers_used"] = column(rows, &ChipRow::drivers_used);
  d["l1_lines_used"] = column(rows, &ChipRow::l1_lines_used);
  return d;
}

py::dict projection_table(const wafer::MappingResult& r) {
  std::vector<ProjectionRow> rows;
  for (const wafer::LossCounts& c : r.per_projection)
    rows.push_back({c.requested, c.realised, c.no_route, c.no_driver, c.no_address});
  py::dict d;
  d["requested"] = column(rows, &ProjectionRow::requested);
  d["realized"] = column(rows, &ProjectionRow::realized);
  d["no_route"] = column(rows, &ProjectionRow::no_route);
  d["no_driver"] = column(rows, &ProjectionRow::no_driver);
  d["no_address"] = column(rows, &ProjectionRow::no_address);
  return d;
}

py::dict wafer_map(Network network, const std::string& out_dir, int64_t wafers,
                   int64_t neuron_size, const std::string& router, int64_t seed, double speedup) {
  if (seed >= 0) network.simulation.seed = static_cast<uint64_t>(seed);
  const wafer::MappingOptions options = wafer::checked_mapping_options(
      wafers, neuron_size, router, speedup, network.simulation.seed);
  wafer::MappingResult r;
  double seconds = 0.0;
  {
    py::gil_scoped_release release;
    r = wafer::map_to_directory(network, options, out_dir, &seconds);
  }
  py::dict d;
  d["mapping_json"] = wafer::mapping_json(network, r, seconds);
  d["placement"] = placement_table(r);
  d["chips"] = chip_table(r);
  d["projections"] = projection_table(r);
  return d;
}

}  // namespace

void bind_wafer_protocols(py::module_& m) {
  m.def("_wafer_map", &wafer_map, py::arg("network"), py::arg("out_dir"), py::arg("wafers"),
        py::arg("neuron_size"), py::arg("router"), py::arg("seed"), py::arg("speedup"));
}

}  // namespace spikewafer::python
