#include "sampling/tempering_files.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "io/atomic_file.hpp"
#include "io/number_text.hpp"
#include "sampling/exact_distribution.hpp"

namespace spikewafer::sampling {
std::string tempering_csv(const TemperingReport& r) {
  std::string csv = "time_ms,variant,dkl,dkl_std,mode_switches_per_s\n";
  for (const VariantResult& v : r.variants)
    for (const TemperingPoint& p : v.curve)
      csv += csv_field(p.time_ms) + "," + variant_name(v.variant) + "," + csv_field(p.dkl) + "," +
             csv_field(p.dkl_std) + "," + csv_field(p.switches_per_s) + "\n";
  return csv;
}

namespace {

std::vector<double> as_vector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

// A square picture where the visible units make one (8 x 8 digits), else one row.
std::vector<uint32_t> image_shape(uint32_t visible) {
  const auto side = static_cast<uint32_t>(std::lround(std::sqrt(static_cast<double>(visible))));
  return side * side == visible ? std::vector<uint32_t>{side, side} : std::vector<uint32_t>{1, visible};
}

std::string images_csv(const TemperingReport& r, uint32_t visible) {
  std::string csv = "variant,phase,replica,time_ms,class,confidence";
  for (uint32_t i = 0; i < visible; ++i) csv += ",p" + std::to_string(i);
  csv += "\n";
  for (const VariantResult& v : r.variants)
    for (const SampledImage& image : v.images) {
      csv += std::string(variant_name(v.variant)) + "," + image.phase + "," +
             std::to_string(image.replica) + "," + csv_field(image.time_ms) + "," +
             std::to_string(image.label) + "," + csv_field(image.confidence);
      for (uint8_t pixel : image.pixels) csv += pixel ? ",1" : ",0";
      csv += "\n";
    }
  return csv;
}

nlohmann::ordered_json json_number(double x) {
  return std::isnan(x) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(x);
}

}  // namespace

void write_tempering_report(const std::string& dir, const TemperingReport& r,
                            const SampleConfig& c) {
  const TemperingSettings& t = *c.tempering;
  const int n = c.target.bm.size();
  nlohmann::ordered_json json;
  json["target"] = c.source;
  json["replicas"] = c.replicas;
  json["duration_ms"] = c.duration;
  if (r.classes) {
    const uint32_t visible = c.target.trained->visible;
    json["classes"] = {{"labels", r.classes},
                       {"confidence", t.class_confidence},
                       {"data_histogram", as_vector(r.data_histogram)},
                       {"image_shape", image_shape(visible)}};
  } else {
    nlohmann::ordered_json modes = nlohmann::ordered_json::array();
    for (uint64_t m : r.modes.modes)
      modes.push_back(
          {{"state", state_string(m, n)}, {"p", r.target[static_cast<Eigen::Index>(m)]}});
    json["modes"] = modes;
    json["mode_threshold"] = t.mode_threshold;
    json["mode_assignment"] = t.switch_by_basin ? "basin" : "core";
  }
  nlohmann::ordered_json variants = nlohmann::ordered_json::array();
  for (const VariantResult& v : r.variants) {
    const TemperingPoint& last = v.curve.back();
    nlohmann::ordered_json item = {{"variant", variant_name(v.variant)}};
    if (r.classes) {
      item["class_histogram"] = as_vector(v.histogram);
      item["class_distance"] = json_number(v.class_distance);
    } else {
      item["dkl"] = last.dkl;
      item["dkl_std"] = last.dkl_std;
      item["dkl_pooled"] = kl_divergence(v.histogram, r.target);
    }
    item["mode_switches_per_s"] = last.switches_per_s;
    item["mode_switches"] = v.switches;
    item["samples"] = v.samples;
    item["wall_s"] = v.wall_s;
    variants.push_back(item);
  }
  json["variants"] = variants;
  const NoiseSchedule& s = t.schedule;
  json["noise"] = {{"period_ms", s.period},
                   {"amplitude", s.amplitude},
                   {"phase", s.phase ? nlohmann::ordered_json(*s.phase) : "spread"},
                   {"sample_at", s.sample_low_only ? "low" : "all"},
                   {"low_window", s.low_window},
                   {"update_interval_ms", t.update_interval}};
  if (!r.rates.empty()) {
    nlohmann::ordered_json rates = nlohmann::ordered_json::array();
    for (const RatePoint& p : r.rates)
      rates.push_back({{"factor", p.factor},
                       {"u0", p.u0},
                       {"alpha", p.alpha},
                       {"psp_gain", p.psp_gain},
                       {"temperature", p.temperature}});
    json["noise"]["rates"] = rates;
    json["noise"]["cold_window_temperature"] = r.cold_temperature;
    json["noise"]["input_updates"] = r.input_updates;
    json["noise"]["input_update_s"] = r.input_update_s;
  }
  json["stp"] = {{"U", t.stp.U},
                 {"tau_rec", t.stp.tau_rec},
                 {"tau_fac", t.stp.tau_fac},
                 {"weight_scale", 1.0 / t.stp.U}};
  write_file_atomically(dir + "/tempering.csv", tempering_csv(r));
  if (r.classes)
    write_file_atomically(dir + "/tempering_images.csv", images_csv(r, c.target.trained->visible));
  write_file_atomically(dir + "/tempering.json", json.dump(2) + "\n");
}

}  // namespace spikewafer::sampling
