#include "ising/noise_temperature.hpp"

#include <cmath>
#include <sstream>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {

NoiseTemperature calibrate_noise_temperature(const sampling::Calibration& reference,
                                             double max_factor,
                                             const sampling::CalibrationSettings& settings,
                                             double t_ref, int threads,
                                             const std::function<void(const std::string&)>& say) {
  if (!(max_factor > 1.0) || !std::isfinite(max_factor))
    throw input_error("noise temperature: noise_max_factor must be > 1 (got " +
                      std::to_string(max_factor) + ")");
  if (!(t_ref > 0)) throw input_error("noise temperature: the reference temperature must be > 0");
  std::vector<double> factors;
  for (double f = std::sqrt(2.0); f < max_factor * (1 - 1e-9); f *= std::sqrt(2.0))
    factors.push_back(f);
  factors.push_back(max_factor);
  const std::vector<sampling::Calibration> hotter = sampling::calibrate_at_rates(
      reference.neuron, factors, settings, SimulatorOptions{Backend::kCpu, threads, {}, {}}, say);
  NoiseTemperature noise{sampling::RateCompensation(reference, factors, hotter), t_ref};
  const std::vector<double>& f = noise.compensation.factors();
  for (size_t k = 1; k < f.size(); ++k)
    if (!(noise.compensation.temperature(f[k]) > noise.compensation.temperature(f[k - 1])))
      throw input_error("noise temperature: the sampling temperature does not rise with the "
                        "background rate between x" + std::to_string(f[k - 1]) + " and x" +
                        std::to_string(f[k]) + " for this neuron; use temperature = \"scale\"");
  return noise;
}

double factor_for_temperature(const NoiseTemperature& noise, double T) {
  const sampling::RateCompensation& c = noise.compensation;
  const double relative = T / noise.t_ref;
  const double lo = c.factors().front(), hi = c.factors().back();
  if (!(relative >= c.temperature(lo) * (1 - 1e-9) && relative <= c.temperature(hi) * (1 + 1e-9))) {
    std::ostringstream message;
    message << "noise temperature: T = " << T << " is out of reach: with the weights of T = "
            << noise.t_ref << " (the coldest point) and backgrounds up to x" << hi
            << " the sampler covers T = " << noise.t_ref * c.temperature(lo) << " to "
            << noise.t_ref * c.temperature(hi)
            << "; raise [sampler] noise_max_factor or narrow the temperature range";
    throw input_error(message.str());
  }
  // temperature(f) rises with f (checked at calibration) and is piecewise smooth: bisect.
  double a = lo, b = hi;
  for (int i = 0; i < 60; ++i) {
    const double m = 0.5 * (a + b);
    (c.temperature(m) < relative ? a : b) = m;
  }
  return 0.5 * (a + b);
}

ReplicaOverrides noise_temperature_inputs(const std::vector<sampling::ChainParams>& chains,
                                          const NoiseTemperature& noise) {
  // RateCompensation makes a chain sample (W, b) / T(f) of what its parameters give at the
  // reference background; the weights are those of t_ref, so T(f) = T / t_ref, and the biases
  // are handed over multiplied by T(f) to come out as the chain's own.
  std::vector<sampling::ChainParams> scaled = chains;
  std::vector<double> factors;
  for (sampling::ChainParams& chain : scaled) {
    if (!(chain.alpha > 0)) throw input_error("noise temperature: a chain needs T > 0");
    const double f = factor_for_temperature(noise, 1.0 / chain.alpha);
    const double relative = noise.compensation.temperature(f);
    chain.gamma *= relative;
    chain.beta *= relative;
    factors.push_back(f);
  }
  return noise.compensation.overrides(scaled, factors);
}

std::string noise_temperature_csv(const NoiseTemperature& noise) {
  const sampling::RateCompensation& c = noise.compensation;
  std::ostringstream csv;
  csv.precision(8);
  csv << "rate_factor,rate_E,rate_I,u0,alpha,psp_gain,T\n";
  const sampling::ChainParams unit;
  for (double f : c.factors()) {
    const ReplicaOverrides o = c.overrides({unit}, {f});
    csv << f << ',' << o.rate_E[0] << ',' << o.rate_I[0] << ',' << c.u0(f) << ',' << c.alpha(f)
        << ',' << c.psp_gain(f) << ',' << noise.t_ref * c.temperature(f) << '\n';
  }
  return csv.str();
}

}  // namespace spikewafer::ising
