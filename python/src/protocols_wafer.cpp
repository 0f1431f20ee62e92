// wafer_map for Python: the same library function as `spikewafer wafer-map`
// (wafer::map_to_directory with wafer::checked_mapping_options), writing the same files into the
// output folder and handing the report back: mapping.json's text and numpy tables of the
// placement and the chips (the rows the CSV files are written from) and the loss per projection.
#include <pybind11/numpy.h>

#include "bindings.hpp"
#include "numpy_convert.hpp"
#include "wafer/mapping_report.hpp"

namespace spikewafer::python {
namespace {

namespace py = pybind11;

py::dict placement_table(const std::vector<wafer::PlacementRow>& rows) {
  using R = wafer::PlacementRow;
  py::dict d;
  d["population"] = column(rows, &R::population);
  d["neuron"] = column(rows, &R::neuron);
  d["wafer"] = column(rows, &R::wafer);
  d["hicann"] = column(rows, &R::hicann);
  d["block"] = column(rows, &R::block);
  d["address"] = column(rows, &R::address);
  return d;
}

py::dict chip_table(const std::vector<wafer::ChipRow>& rows) {
  using R = wafer::ChipRow;
  py::dict d;
  d["wafer"] = column(rows, &R::wafer);
  d["hicann"] = column(rows, &R::hicann);
  d["x"] = column(rows, &R::x);
  d["y"] = column(rows, &R::y);
  d["neurons"] = column(rows, &R::neurons);
  d["drivers_used"] = column(rows, &R::drivers_used);
  d["l1_lines_used"] = column(rows, &R::l1_lines_used);
  return d;
}

py::dict projection_table(const std::vector<wafer::LossCounts>& rows) {
  using R = wafer::LossCounts;
  py::dict d;
  d["requested"] = column(rows, &R::requested);
  d["realized"] = column(rows, &R::realised);
  d["no_route"] = column(rows, &R::no_route);
  d["no_driver"] = column(rows, &R::no_driver);
  d["no_address"] = column(rows, &R::no_address);
  return d;
}

py::dict wafer_map(Network network, const std::string& out_dir, int64_t wafers,
                   int64_t neuron_size, int64_t neurons_per_chip, const std::string& router,
                   int64_t seed, double speedup) {
  if (seed >= 0) network.simulation.seed = static_cast<uint64_t>(seed);
  const wafer::MappingOptions options = wafer::checked_mapping_options(
      wafers, neuron_size, neurons_per_chip, router, speedup, network.simulation.seed);
  wafer::MappingReport report;
  {
    py::gil_scoped_release release;
    report = wafer::map_to_directory(network, options, out_dir);
  }
  py::dict d;
  d["mapping_json"] = report.json;
  d["placement"] = placement_table(wafer::placement_rows(report.result));
  d["chips"] = chip_table(wafer::chip_rows(report.result));
  d["projections"] = projection_table(report.result.per_projection);
  return d;
}

}  // namespace

void bind_wafer_protocols(py::module_& m) {
  m.def("_wafer_map", &wafer_map, py::arg("network"), py::arg("out_dir"), py::arg("wafers"),
        py::arg("neuron_size"), py::arg("neurons_per_chip"), py::arg("router"), py::arg("seed"),
        py::arg("speedup"));
}

}  // namespace spikewafer::python
