// Temperature through the noise rate (the spiking sampler's temperature = "noise"): every chain
// has the weights of one reference temperature t_ref, and a chain at T > t_ref gets a stronger
// balanced background instead of weaker weights. The background rate that gives T comes from the
// neuron's activation calibrated at several rates (sampling/rate_compensation.hpp);
// docs/ising-scan.md ("Temperature through the noise rate") relates the two modes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/coupling_graph.hpp"
#include "sampling/rate_compensation.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::ising {

struct NoiseTemperature {
  sampling::RateCompensation compensation;
  double t_ref = 1.0;  // the temperature the weights are translated for (background factor 1)
};

// Calibrates the reference neuron at background factors sqrt(2)^k up to max_factor (one batched
// run per stage) and checks that the temperature rises with the rate.
NoiseTemperature calibrate_noise_temperature(const sampling::Calibration& reference,
                                             double max_factor,
                                             const sampling::CalibrationSettings& settings,
                                             double t_ref, int threads,
                                             const std::function<void(const std::string&)>& say);

// The background factor at which the weights of t_ref act at temperature T. Throws input_error
// naming the reachable range when T lies outside it.
double factor_for_temperature(const NoiseTemperature& noise, double T);

// Per-replica inputs (rates, bias currents) that make chain c (built with weight scale 1 / t_ref)
// sample at its own temperature 1 / alpha_c, field and bias.
ReplicaOverrides noise_temperature_inputs(const std::vector<sampling::ChainParams>& chains,
                                          const NoiseTemperature& noise);

// noise_temperature.csv: rate_factor,rate_E,rate_I (Hz),u0,alpha (mV),psp_gain,T per calibrated
// background: the temperature the reference weights sample at with that background.
std::string noise_temperature_csv(const NoiseTemperature& noise);

}  // namespace spikewafer::ising
