#include "sampling/calibration_files.hpp"

#include <cstdio>

#include "io/atomic_file.hpp"
#include "io/output_lock.hpp"

namespace spikewafer::sampling {

void write_calibration(const std::string& dir, const Calibration& c) {
  std::string csv = "bias,p_on,p_on_err\n";
  char line[96];
  for (const ActivationPoint& p : c.points) {
    std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g\n", p.bias, p.p_on, p.p_on_err);
    csv += line;
  }
  nlohmann::ordered_json json;
  json["model"] = model_name(c.neuron.model);
  json["u0"] = c.u0;
  json["u0_err"] = c.u0_err;
  json["alpha"] = c.alpha;
  json["alpha_err"] = c.alpha_err;
  json["residual"] = c.residual;
  json["i0"] = c.i0;
  json["alpha_i"] = c.alpha_i;
  json["units"] = {{"u0", "mV"}, {"alpha", "mV"}, {"i0", "nA"}, {"alpha_i", "nA"}};
  json["free_membrane"] = {{"u_rest", c.membrane.u_rest},
                           {"slope_mV_per_nA", c.membrane.slope},
                           {"tau_eff_ms", c.membrane.tau_eff}};
  const NeuronParams& p = c.neuron.params;
  json["neuron"] = {{"cm", p.cm},           {"tau_m", p.tau_m},         {"v_rest", p.v_rest},
                    {"v_thresh", p.v_thresh}, {"v_reset", p.v_reset},   {"tau_refrac", p.tau_refrac},
                    {"tau_syn_E", p.tau_syn_E}, {"tau_syn_I", p.tau_syn_I},
                    {"e_rev_E", p.e_rev_E},   {"e_rev_I", p.e_rev_I}};
  json["noise"] = {{"rate_E", c.neuron.noise.rate_E}, {"weight_E", c.neuron.noise.weight_E},
                   {"rate_I", c.neuron.noise.rate_I}, {"weight_I", c.neuron.noise.weight_I}};
  json["dt"] = c.neuron.dt;
  json["noise_source"] = noise_source_json(c.neuron, c.background_activity);
  write_file_atomically(dir + "/activation.csv", csv);
  write_file_atomically(dir + "/calibration.json", json.dump(2) + "\n");
}

nlohmann::ordered_json noise_source_json(const SamplingNeuron& neuron,
                                         const std::optional<BackgroundActivity>& activity) {
  nlohmann::ordered_json json;
  if (neuron.ensemble) {
    const EnsembleSettings& e = *neuron.ensemble;
    json["source"] = "ensemble";
    json["networks"] = e.networks;
    json["in_degree"] = e.in_degree;
    json["weight_E"] = e.weight_E;
    json["weight_I"] = e.weight_I;
    json["rate_hz"] = e.rate;
    json["delay"] = e.delay;
    json["seed"] = e.seed;
    return json;
  }
  if (!neuron.background) {
    json["source"] = "poisson";
    return json;
  }
  const BackgroundNetworkSettings& s = *neuron.background;
  json["source"] = "network";
  json["size"] = s.size;
  json["connectivity"] = s.connectivity;
  json["weight"] = s.weight;
  json["g"] = s.g;
  json["drive"] = s.drive;
  json["delay"] = s.delay;
  json["in_degree"] = s.in_degree;
  json["weight_E"] = s.weight_E;
  json["weight_I"] = s.weight_I;
  json["seed"] = s.seed;
  if (activity)
    json["activity"] = {{"rate_exc_hz", activity->rate_exc},
                        {"rate_inh_hz", activity->rate_inh},
                        {"cv_isi", activity->cv_isi},
                        {"silent_fraction", activity->silent},
                        {"window_ms", activity->window_ms}};
  return json;
}

std::string fit_summary(const Calibration& c) {
  char line[200];
  std::snprintf(line, sizeof line,
                "activation: u0 = %.4f +- %.4f mV, alpha = %.4f +- %.4f mV, residual %.4f "
                "(i0 = %.4f nA, alpha_i = %.4f nA)",
                c.u0, c.u0_err, c.alpha, c.alpha_err, c.residual, c.i0, c.alpha_i);
  return line;
}

Calibration calibrate_into(const std::string& dir, const SamplingNeuron& neuron,
                           const CalibrationSettings& settings, int threads,
                           const std::function<void(const std::string&)>& say) {
  create_output_directory(dir);  // before the work, so that a bad folder fails at once
  const Calibration c =
      calibrate(neuron, settings, SimulatorOptions{Backend::kCpu, threads, {}, {}}, say);
  write_calibration(dir, c);
  if (say && c.background_activity) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "background network: %.2f Hz excitatory, %.2f Hz inhibitory, CV of ISIs %.2f",
                  c.background_activity->rate_exc, c.background_activity->rate_inh,
                  c.background_activity->cv_isi);
    say(line);
  }
  if (say) say(fit_summary(c) + " (activation.csv, calibration.json)");
  return c;
}

Calibration calibrate_alone_into(const std::string& dir, const SamplingNeuron& neuron,
                                 const CalibrationSettings& settings, int threads,
                                 const std::function<void(const std::string&)>& say) {
  const OutputLock lock(dir);  // one writer per folder, as every command that writes one
  return calibrate_into(dir, neuron, settings, threads, say);
}

}  // namespace spikewafer::sampling
