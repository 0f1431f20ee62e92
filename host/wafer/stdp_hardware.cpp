#include "wafer/stdp_hardware.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "wafer/quantization.hpp"

namespace spikewafer::wafer {
namespace {

constexpr int kLevels = 15;  // a 4-bit weight: 0..15 times the row maximum / 15

// The initial weights' magnitudes as far as the description gives them without drawing: a
// constant or the bounds of a uniform (its mean and both ends), or every listed weight.
std::vector<double> initial_weights(const Projection& p) {
  const Connector& c = p.connector;
  std::vector<double> w;
  if (c.kind == Connector::Kind::kFromList) {
    for (const Connection& e : c.list) w.push_back(std::abs(e.weight));
  } else if (c.kind == Connector::Kind::kDenseMatrix) {
    for (double x : c.matrix)
      if (x != 0.0) w.push_back(std::abs(x));
  } else if (p.weight.kind == Distribution::Kind::kUniform) {
    for (int k = 0; k <= 64; ++k) w.push_back(p.weight.a + (p.weight.b - p.weight.a) * k / 64.0);
  } else {
    w.push_back(std::abs(p.weight.a));
  }
  return w;
}

}  // namespace

std::vector<StdpHardwareReport> stdp_hardware_reports(const Network& network) {
  std::vector<StdpHardwareReport> out;
  for (size_t j = 0; j < network.projections.size(); ++j) {
    const Projection& p = network.projections[j];
    if (!p.stdp.enabled) continue;
    const Stdp& s = p.stdp;
    StdpHardwareReport r;
    r.projection = static_cast<uint32_t>(j);
    r.name = p.source + "->" + p.target + "[" + std::to_string(j) + "]";
    r.weight_step = s.w_max / kLevels;
    const std::vector<double> w = initial_weights(p);
    double sum = 0.0, error = 0.0;
    for (double x : w) {
      sum += x;
      error += s.w_max > 0 ? std::abs(quantize_weight(x, s.w_max).realised - x) / s.w_max : 0.0;
    }
    r.initial_weight = w.empty() ? 0.0 : sum / static_cast<double>(w.size());
    r.initial_rounding_error = w.empty() ? 0.0 : error / static_cast<double>(w.size());
    if (r.weight_step > 0) {
      r.levels = static_cast<uint32_t>(std::floor(s.w_max / r.weight_step + 1e-9) -
                                       std::ceil(s.w_min / r.weight_step - 1e-9) + 1);
      const bool mult = s.dependence == WeightDependence::kMultiplicative;
      const double w0 = r.initial_weight;
      r.potentiation_steps = s.A_plus * (mult ? s.w_max - w0 : s.w_max) / r.weight_step;
      r.depression_steps = s.A_minus * (mult ? w0 - s.w_min : s.w_max) / r.weight_step;
      const double larger = std::max(r.potentiation_steps, r.depression_steps);
      r.pairs_per_step = larger > 0 && larger < 1 ? 1.0 / larger : 1.0;
    }
    out.push_back(r);
  }
  return out;
}

std::string stdp_hardware_text(const StdpHardwareReport& r) {
  std::ostringstream s;
  s.precision(3);
  s << "projections[" << r.projection << "] (" << r.name << ") learns with stdp: on the wafer its "
    << "weights have " << r.levels << " levels (4 bits, steps of w_max / 15 = " << r.weight_step
    << ") and one spike pair moves a weight by " << std::max(r.potentiation_steps, r.depression_steps)
    << " of a step, so about " << r.pairs_per_step
    << " close pairs must accumulate in a synapse's correlation sensor before the hardware "
       "changes it; the emulator learns in floats (larger A_plus, A_minus bring the two closer)";
  return s.str();
}

}  // namespace spikewafer::wafer
