#include "sampling/tempering_config.hpp"

#include <algorithm>
#include <cmath>

#include "io/config_readers.hpp"

namespace spikewafer::sampling {
namespace {

using toml_values::as_number;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

std::vector<TemperingVariant> read_variants(const Value& value) {
  const toml::array& array = toml_values::as_array(value, "an array of variant names");
  if (array.empty()) fail(value, "no variants given; list some of \"plain\", \"noise\", \"stp\"");
  std::vector<TemperingVariant> variants;
  for (size_t k = 0; k < array.size(); ++k) {
    const Value name = toml_values::element(value, k);
    const TemperingVariant v =
        toml_values::as_choice<TemperingVariant>(name, "tempering variant",
                                                 {{"plain", TemperingVariant::kPlain},
                                                  {"noise", TemperingVariant::kNoise},
                                                  {"stp", TemperingVariant::kStp}});
    if (std::find(variants.begin(), variants.end(), v) != variants.end())
      fail(name, "variant listed twice; give each variant once");
    variants.push_back(v);
  }
  return variants;
}

}  // namespace

const char* variant_name(TemperingVariant v) {
  switch (v) {
    case TemperingVariant::kPlain:
      return "plain";
    case TemperingVariant::kNoise:
      return "noise";
    case TemperingVariant::kStp:
      return "stp";
  }
  return "?";
}

TemperingSettings read_tempering(const Table& t, const ShortTermPlasticity& stp_fallback) {
  t.allow_only({"variants", "period", "amplitude", "phase", "sample_at", "low_window",
                "update_interval", "rate_points", "stp", "mode_threshold", "mode_assignment",
                "class_confidence"});
  TemperingSettings s;
  s.stp = stp_fallback;
  NoiseSchedule& n = s.schedule;
  if (auto v = t.get("variants")) s.variants = read_variants(*v);
  if (auto v = t.get("period")) n.period = toml_values::as_positive(*v);
  if (auto v = t.get("amplitude")) {
    n.amplitude = as_number(*v);
    if (!(n.amplitude > 0) || !std::isfinite(n.amplitude))
      fail(*v, "must be a number > 0: the rate rises to (1 + amplitude) x the configured rate");
  }
  if (auto v = t.get("phase")) {
    if (v->node->is_string()) {
      if (toml_values::as_string(*v) != "spread")
        fail(*v, "must be \"spread\" (replica r gets 2 pi r / replicas) or a number in radians");
    } else {
      n.phase = as_number(*v);
      if (!std::isfinite(*n.phase)) fail(*v, "must be a finite number of radians or \"spread\"");
    }
  }
  if (auto v = t.get("sample_at"))
    n.sample_low_only =
        toml_values::as_choice<bool>(*v, "sample_at", {{"low", true}, {"all", false}});
  if (auto v = t.get("low_window")) {
    n.low_window = as_number(*v);
    if (!(n.low_window > 0 && n.low_window <= 1))
      fail(*v, "must be in (0, 1]: the fraction of each period counted as cold");
  }
  if (auto v = t.get("update_interval")) s.update_interval = toml_values::as_positive(*v);
  if (s.update_interval > n.period / 8)
    fail(t.get("update_interval") ? *t.get("update_interval") : *t.get("period"),
         "the inputs must be updated at least 8 times per period; lower update_interval "
         "or raise period");
  if (auto v = t.get("rate_points")) s.rate_points = toml_values::as_unsigned<uint32_t>(*v, 1);
  if (s.rate_points > 16) fail(*t.get("rate_points"), "at most 16 rate factors are calibrated");
  if (auto v = t.get("stp")) s.stp = config_readers::read_stp(*v, s.stp);
  if (auto v = t.get("mode_threshold")) {
    s.mode_threshold = as_number(*v);
    if (!(s.mode_threshold >= 0 && s.mode_threshold < 1))
      fail(*v, "must be in [0, 1): modes are local maxima with p >= this x the largest p");
  }
  if (auto v = t.get("mode_assignment"))
    s.switch_by_basin =
        toml_values::as_choice<bool>(*v, "mode_assignment", {{"core", false}, {"basin", true}});
  if (auto v = t.get("class_confidence")) {
    s.class_confidence = as_number(*v);
    if (!(s.class_confidence >= 0.5 && s.class_confidence < 1))
      fail(*v, "must be in [0.5, 1): a sampled image has a class when the trained network's "
               "label posterior of its most probable class is at least this");
  }
  return s;
}

}  // namespace spikewafer::sampling
