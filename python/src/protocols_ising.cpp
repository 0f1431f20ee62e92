// ising_scan for Python: the same steps as `spikewafer ising-scan` (host/cli/
// ising_scan_command.cpp): the config (built-in, file or text), the sampler override, then
// ising::scan_to_directory, which writes scan.csv batch by batch. The table handed back is that
// scan.csv read by ising::read_scan_csv, so Python sees exactly what the command writes,
// resumed rows included.
#include <pybind11/numpy.h>

#include <algorithm>
#include <cstring>

#include "bindings.hpp"
#include "ising/scan_config.hpp"
#include "ising/scan_csv.hpp"
#include "ising/scan_driver.hpp"
#include "numpy_convert.hpp"
#include "protocol_support.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::python {
namespace {

// As the command: the built-in default, a file or TOML text, and the sampler override.
ising::ScanConfig scan_config(const py::object& config, bool is_text, const std::string& sampler) {
  ising::ScanConfig c = config.is_none() ? ising::default_scan_config()
                        : is_text ? ising::parse_scan_config(config.cast<std::string>(), "<string>")
                                  : ising::read_scan_config(config.cast<std::string>());
  ising::override_samplers(c, sampler);
  return c;
}

// One numpy column per scan.csv column; the sampler names (with a variant's settings, e.g.
// "spiking[synapse=additive]") as a unicode array as wide as the longest.
py::dict scan_columns(const std::vector<ising::ScanRow>& rows) {
  const auto n = static_cast<py::ssize_t>(rows.size());
  py::dict out;
  size_t width = 1;
  for (const ising::ScanRow& r : rows) width = std::max(width, r.sampler.size());
  const auto w = static_cast<py::ssize_t>(width);
  py::array sampler(py::dtype("<U" + std::to_string(width)), std::vector<py::ssize_t>{n});
  auto* chars = static_cast<char32_t*>(sampler.mutable_data());
  std::memset(chars, 0, static_cast<size_t>(n * w) * sizeof(char32_t));
  for (py::ssize_t i = 0; i < n; ++i) {
    const std::string& s = rows[static_cast<size_t>(i)].sampler;  // ASCII: the tables' names
    for (size_t k = 0; k < s.size(); ++k) chars[i * w + static_cast<py::ssize_t>(k)] = s[k];
  }
  out["sampler"] = sampler;
  auto add = [&](const char* name, auto field) { out[name] = column(rows, field); };
  using R = ising::ScanRow;
  add("L", &R::L);
  add("point", &R::point);
  add("T", &R::T);
  add("h", &R::h);
  add("W", &R::W);
  add("b_f", &R::b_f);
  add("m", &R::m);
  add("m_err", &R::m_err);
  add("abs_m", &R::abs_m);
  add("abs_m_err", &R::abs_m_err);
  add("chi", &R::chi);
  add("chi_err", &R::chi_err);
  add("energy", &R::energy);
  add("energy_err", &R::energy_err);
  add("heat_capacity", &R::heat_capacity);
  add("heat_capacity_err", &R::heat_capacity_err);
  add("binder", &R::binder);
  add("binder_err", &R::binder_err);
  add("tau_int", &R::tau_int);
  add("tau_int_err", &R::tau_int_err);
  add("replicas", &R::replicas);
  add("samples", &R::samples);
  return out;
}

py::dict ising_scan(const py::object& config, bool is_text, const std::string& out_dir,
                    const std::string& sampler, bool resume, int threads, const py::object& say) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: all cores)");
  const ising::ScanConfig c = scan_config(config, is_text, sampler);
  std::vector<ising::ScanRow> rows;
  {
    py::gil_scoped_release release;
    ising::scan_to_directory(c, {out_dir, resume, threads, say_through(say), {}});
    rows = ising::read_scan_csv(out_dir + "/scan.csv");
  }
  return scan_columns(rows);
}

}  // namespace

void bind_ising_protocols(py::module_& m) {
  m.def("_ising_scan", &ising_scan, py::arg("config"), py::arg("is_text"), py::arg("out_dir"),
        py::arg("sampler"), py::arg("resume"), py::arg("threads"), py::arg("say"));
  m.def(
      "read_scan_csv", [](const std::string& path) { return scan_columns(ising::read_scan_csv(path)); },
      py::arg("path"), "A scan.csv written by ising-scan, as a dict of numpy columns.");
}

}  // namespace spikewafer::python
