#include "wafer/circuit_ranges.hpp"

#include <algorithm>
#include <cstdio>

#include "spikewafer/parameter_fields.hpp"

namespace spikewafer::wafer {
namespace {

// How a range given at the reference speed-up moves with the speed-up S and the PyNN cm: the
// circuits' values are fixed, so biological times scale with S; conductances and currents
// scale with cm / S (g_hw = g S C_hw / cm); voltages do not scale.
enum class Scaling { kTime, kVoltage, kPerCapacitance };

struct CircuitRange {
  const char* name;
  double NeuronParams::*param;
  double low, high;  // at kReferenceSpeedup (for kPerCapacitance: per nF of cm)
  const char* unit;
  Scaling scaling;
};

constexpr double kReferenceSpeedup = 1e4;

// The ranges of pyNN.hardware.brainscales (cells.py, EIF_cond_exp_isfa_ista.parameter_ranges,
// TUD/UHEI 2007-2011, valid at speed-up 1e4 with cm = 0.2 nF on the big 2.6 pF capacitor);
// a's per-cm form is that file's own (0.13 nS per 0.0026 nF), b's is its 0.086 nA at
// cm = 0.2 nF. Its fixed values of v_rest (-50 mV) and the reversal potentials (0, -100 mV)
// are left out: the later toolchain (marocco) sets them freely, and the HBP guidebook calls that
// table too restrictive; they are held to the voltage range instead.
constexpr CircuitRange kRanges[] = {
    {"tau_m", &NeuronParams::tau_m, 9.0, 110.0, "ms", Scaling::kTime},
    {"tau_refrac", &NeuronParams::tau_refrac, 0.0, 10.0, "ms", Scaling::kTime},
    {"tau_syn_E", &NeuronParams::tau_syn_E, 0.5, 5.0, "ms", Scaling::kTime},
    {"tau_syn_I", &NeuronParams::tau_syn_I, 0.5, 5.0, "ms", Scaling::kTime},
    {"tau_w", &NeuronParams::tau_w, 20.0, 780.0, "ms", Scaling::kTime},
    {"v_rest", &NeuronParams::v_rest, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"v_reset", &NeuronParams::v_reset, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"v_thresh", &NeuronParams::v_thresh, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"v_spike", &NeuronParams::v_spike, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"e_rev_E", &NeuronParams::e_rev_E, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"e_rev_I", &NeuronParams::e_rev_I, -100.0, 0.0, "mV", Scaling::kVoltage},
    {"delta_T", &NeuronParams::delta_T, 0.0, 3.0, "mV", Scaling::kVoltage},
    {"a", &NeuronParams::a, 0.0, 0.13 / 0.0026, "nS", Scaling::kPerCapacitance},
    {"b", &NeuronParams::b, 0.0, 0.086 / 0.2, "nA", Scaling::kPerCapacitance},
};

std::pair<double, double> allowed(const CircuitRange& range, double cm, double speedup) {
  switch (range.scaling) {
    case Scaling::kTime: return {range.low * speedup / kReferenceSpeedup, range.high * speedup / kReferenceSpeedup};
    case Scaling::kVoltage: return {range.low, range.high};
    case Scaling::kPerCapacitance: {
      const double f = cm * kReferenceSpeedup / speedup;
      return {range.low * f, range.high * f};
    }
  }
  return {range.low, range.high};
}

// A value in a message: 6 significant digits, without an exponent for the values at hand
// (1000 ms, not 1e+03 ms).
std::string plain(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", x);
  return text;
}

}  // namespace

std::vector<RangeViolation> circuit_range_violations(const Network& network, double speedup) {
  std::vector<RangeViolation> out;
  for (const Population& pop : network.populations) {
    if (!is_adaptive_exponential(pop.model)) continue;
    for (const CircuitRange& range : kRanges) {
      RangeViolation v{pop.name, range.name, range.unit};
      const auto [low, high] = allowed(range, pop.params.cm, speedup);
      v.allowed_low = low;
      v.allowed_high = high;
      // Without per-neuron values every neuron is alike: one look says it for all.
      const bool alike = pop.per_neuron.empty();
      for (uint32_t k = 0; k < (alike ? 1 : pop.size); ++k) {
        const NeuronParams q = neuron_params(pop, k);
        const auto [lo, hi] = allowed(range, q.cm, speedup);  // cm may differ per neuron
        const double x = q.*range.param;
        if (x >= lo && x <= hi) continue;
        v.lowest = v.neurons ? std::min(v.lowest, x) : x;
        v.highest = v.neurons ? std::max(v.highest, x) : x;
        v.neurons += alike ? pop.size : 1;
      }
      if (v.neurons) out.push_back(v);
    }
  }
  return out;
}

std::string range_violation_text(const RangeViolation& v, const Network& network, double speedup) {
  uint32_t size = 0;
  for (const Population& pop : network.populations)
    if (pop.name == v.population) size = pop.size;
  const std::string values = v.lowest == v.highest
                                 ? plain(v.lowest)
                                 : plain(v.lowest) + " to " + plain(v.highest);
  return "populations." + v.population + ".params." + v.parameter + ": " +
         std::to_string(v.neurons) + " of " + std::to_string(size) + " neurons at " + values +
         " " + v.unit + ", outside BrainScaleS-1's circuit range " + plain(v.allowed_low) +
         " to " + plain(v.allowed_high) + " " + v.unit + " at speed-up " +
         plain(speedup) +
         "; the wafer could not realise them (the emulation runs them as given): bring them "
         "into the range" +
         (v.unit == std::string("mV") ? "" : ", or change the speed-up");
}

}  // namespace spikewafer::wafer
