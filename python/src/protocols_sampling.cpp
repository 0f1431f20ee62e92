// calibrate and sample for Python: the same library functions as `spikewafer calibrate` and
// `spikewafer sample` (sampling::calibrate_into, sampling::sample_to_directory), writing the same
// files into the output folder, and handing the numbers back as numpy arrays.
#include <pybind11/numpy.h>

#include <filesystem>

#include "bindings.hpp"
#include "numpy_convert.hpp"
#include "protocol_support.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/sample_directory.hpp"

namespace spikewafer::python {
namespace {

py::dict calibration_dict(const sampling::Calibration& c) {
  using P = sampling::ActivationPoint;
  py::dict curve;
  curve["i_offset"] = column(c.points, &P::i_offset);
  curve["bias"] = column(c.points, &P::bias);
  curve["p_on"] = column(c.points, &P::p_on);
  curve["p_on_err"] = column(c.points, &P::p_on_err);
  py::dict d;
  d["u0"] = c.u0;
  d["alpha"] = c.alpha;
  d["u0_err"] = c.u0_err;
  d["alpha_err"] = c.alpha_err;
  d["i0"] = c.i0;
  d["alpha_i"] = c.alpha_i;
  d["residual"] = c.residual;
  d["u_rest"] = c.membrane.u_rest;
  d["slope"] = c.membrane.slope;
  d["tau_eff"] = c.membrane.tau_eff;
  d["curve"] = curve;
  d["summary"] = sampling::fit_summary(c);
  return d;
}

py::dict calibrate(const std::string& path, const std::string& out_dir, int threads,
                   const py::object& say) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: all cores)");
  sampling::Calibration c;
  {
    py::gil_scoped_release release;
    const sampling::NeuronFile file = sampling::read_neuron_file(path);
    c = sampling::calibrate_alone_into(out_dir, file.neuron, file.calibration, threads,
                                       say_through(say));
  }
  return calibration_dict(c);
}

// states[k, i] = unit i of state k (bit i of k), the order of distribution.csv.
py::array_t<uint8_t> state_table(Eigen::Index states, Eigen::Index units) {
  py::array_t<uint8_t> out({static_cast<py::ssize_t>(states), static_cast<py::ssize_t>(units)});
  auto a = out.mutable_unchecked<2>();
  for (Eigen::Index k = 0; k < states; ++k)
    for (Eigen::Index i = 0; i < units; ++i) a(k, i) = static_cast<uint8_t>((k >> i) & 1);
  return out;
}

py::dict report_dict(const sampling::SamplingReport& r, const sampling::Calibration& c,
                     size_t units) {
  py::dict distribution;
  distribution["state"] = state_table(r.target.size(), static_cast<Eigen::Index>(units));
  distribution["p_target"] = vector_to_numpy(r.target);
  distribution["p_sampled"] = vector_to_numpy(r.spiking.histogram);
  distribution["p_gibbs"] = vector_to_numpy(r.gibbs.histogram);
  using D = sampling::DklPoint;
  py::dict dkl;
  dkl["time_ms"] = column(r.dkl, &D::time_ms);
  dkl["spiking"] = column(r.dkl, &D::spiking);
  dkl["spiking_std"] = column(r.dkl, &D::spiking_std);
  dkl["gibbs"] = column(r.dkl, &D::gibbs);
  dkl["gibbs_std"] = column(r.dkl, &D::gibbs_std);
  py::dict marginals, correlations, samples, wall_s;
  marginals["target"] = vector_to_numpy(r.target_marginals);
  marginals["sampled"] = vector_to_numpy(r.spiking.marginals);
  marginals["gibbs"] = vector_to_numpy(r.gibbs.marginals);
  correlations["target"] = matrix_to_numpy(r.target_correlations);
  correlations["sampled"] = matrix_to_numpy(r.spiking.correlations);
  correlations["gibbs"] = matrix_to_numpy(r.gibbs.correlations);
  samples["spiking"] = r.spiking.samples;
  samples["gibbs"] = r.gibbs.samples;
  wall_s["spiking"] = r.spiking.wall_s;
  wall_s["gibbs"] = r.gibbs.wall_s;
  py::dict d;
  d["distribution"] = distribution;
  d["dkl"] = dkl;
  d["marginals"] = marginals;
  d["correlations"] = correlations;
  d["samples"] = samples;
  d["wall_s"] = wall_s;
  d["calibration"] = calibration_dict(c);
  return d;
}

// The tempering comparison (with [tempering] in the file): per variant its DKL curve and mode
// switches.
py::dict tempering_dict(const sampling::TemperingReport& t) {
  py::dict variants;
  for (const sampling::VariantResult& v : t.variants) {
    using P = sampling::TemperingPoint;
    py::dict d;
    d["time_ms"] = column(v.curve, &P::time_ms);
    d["dkl"] = column(v.curve, &P::dkl);
    d["dkl_std"] = column(v.curve, &P::dkl_std);
    d["mode_switches_per_s"] = column(v.curve, &P::switches_per_s);
    d["histogram"] = vector_to_numpy(v.histogram);  // of states, or of a trained net's classes
    d["class_distance"] = v.class_distance;
    d["samples"] = v.samples;
    d["wall_s"] = v.wall_s;
    variants[sampling::variant_name(v.variant)] = d;
  }
  return variants;
}

// The same function as `spikewafer sample` (sampling::sample_to_directory).
py::dict sample(const py::object& config, bool is_text, const std::string& out_dir, int threads,
                const py::object& say) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: all cores)");
  const std::string text_or_path = config.cast<std::string>();
  sampling::SampleOutcome out;
  size_t units = 0;
  {
    py::gil_scoped_release release;
    const sampling::SampleConfig cfg =
        is_text ? sampling::parse_sample_config(text_or_path, "<string>",
                                                std::filesystem::current_path().string())
                : sampling::read_sample_config(text_or_path);
    units = static_cast<size_t>(cfg.target.bm.size());
    out = sampling::sample_to_directory(cfg, out_dir, threads, say_through(say));
  }
  py::dict d = report_dict(out.report, out.calibration, units);
  if (out.tempering) d["tempering"] = tempering_dict(*out.tempering);
  return d;
}

}  // namespace

void bind_sampling_protocols(py::module_& m) {
  m.def("_calibrate", &calibrate, py::arg("path"), py::arg("out_dir"), py::arg("threads"),
        py::arg("say"));
  m.def("_sample", &sample, py::arg("config"), py::arg("is_text"), py::arg("out_dir"),
        py::arg("threads"), py::arg("say"));
}

}  // namespace spikewafer::python
