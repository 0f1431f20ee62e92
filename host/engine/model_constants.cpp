#include "model_constants.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernels/adex_step.hpp"
#include "kernels/hh_step.hpp"
#include "kernels/random.hpp"
#include "network/renewal_source.hpp"
#include "spikewafer/parameter_fields.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

// Response of V after one step to a unit synaptic current that decays with tau_syn, starting
// from zero: (1/cm) * tau_m tau_syn / (tau_m - tau_syn) * (exp(-dt/tau_m) - exp(-dt/tau_syn)),
// written with expm1 so that it stays accurate as tau_syn approaches tau_m (limit dt/cm e^-dt/tau).
double current_propagator(double tau_syn, const NeuronParams& p, double dt) {
  const double d = 1.0 / tau_syn - 1.0 / p.tau_m;
  const double p_syn = std::exp(-dt / tau_syn);
  const double factor = std::abs(d * dt) < 1e-12 ? dt : std::expm1(dt * d) / d;
  return p_syn * factor / p.cm;
}

// Response of V after one step to the alpha synapse's second variable d (the term d t e^{-t/tau}
// of the synaptic current), starting from zero: (1/cm) e^{-dt/tau_m} integral_0^dt s e^{-a s} ds
// with a = 1/tau_syn - 1/tau_m; the integral is dt^2 (1 - e^{-x}(1 + x)) / x^2, x = a dt, whose
// series is used near x = 0 (tau_syn close to tau_m).
double alpha_current_propagator(double tau_syn, const NeuronParams& p, double dt) {
  const double x = (1.0 / tau_syn - 1.0 / p.tau_m) * dt;
  const double shape = std::abs(x) < 1e-3 ? 0.5 - x / 3.0 + x * x / 8.0
                                           : (-std::expm1(-x) - x * std::exp(-x)) / (x * x);
  return std::exp(-dt / p.tau_m) * dt * dt * shape / p.cm;
}

// Mean over one step of t e^{-t/tau}: tau^2 (1 - e^{-dt/tau} (1 + dt/tau)) / dt.
double alpha_conductance_average(double tau_syn, double dt) {
  const double x = dt / tau_syn;
  const double integral = x < 1e-3 ? dt * dt * (0.5 - x / 3.0 + x * x / 8.0)
                                   : tau_syn * tau_syn * (-std::expm1(-x) - x * std::exp(-x));
  return integral / dt;
}

kernels::KernelModel kernel_model(Model m) {
  switch (m) {
    case Model::kIfCurrExp: return kernels::KernelModel::kCurrExp;
    case Model::kIfCondExp: return kernels::KernelModel::kCondExp;
    case Model::kIfCurrAlpha: return kernels::KernelModel::kCurrAlpha;
    case Model::kIfCondAlpha: return kernels::KernelModel::kCondAlpha;
    case Model::kSpikeSourceArray: return kernels::KernelModel::kSourceArray;
    case Model::kSpikeSourcePoisson: return kernels::KernelModel::kSourcePoisson;
    case Model::kEifCondExpIsfaIsta: return kernels::KernelModel::kAdexCondExp;
    case Model::kEifCondAlphaIsfaIsta: return kernels::KernelModel::kAdexCondAlpha;
    case Model::kHhCondExp: return kernels::KernelModel::kHhCondExp;
  }
  return kernels::KernelModel::kCondExp;
}

}  // namespace

namespace {

// A time as a step count; "never" (1e300, infinity) as the largest.
uint64_t steps_until(double t_ms, double dt) {
  const double steps = std::round(t_ms / dt);
  return steps >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(steps);
}

// A SpikeSourcePoisson's values for one neuron (or the population's).
struct SourceValues {
  double rate = 0, start = 0, stop = 0, dead_time = 0, shape = 1;
};

SourceValues source_values(const Population& population, uint32_t k) {
  const PerNeuronParams& per = population.per_neuron;
  return {value_for(per.rate, population.rate, k), value_for(per.start, population.start, k),
          value_for(per.stop, population.stop, k),
          value_for(per.dead_time, population.dead_time, k),
          value_for(per.shape, population.shape, k)};
}

// One kernel per population: the renewal one where any of its sources has a dead time or shape.
bool has_renewal_sources(const Population& population) {
  if (population.model != Model::kSpikeSourcePoisson) return false;
  if (is_renewal_source(population.dead_time, population.shape)) return true;
  const PerNeuronParams& per = population.per_neuron;
  for (uint32_t k = 0; k < population.size && !(per.dead_time.empty() && per.shape.empty()); ++k)
    if (is_renewal_source(value_for(per.dead_time, population.dead_time, k),
                          value_for(per.shape, population.shape, k)))
      return true;
  return false;
}

// HH_cond_exp's constants (kernels/hh_step.hpp), on top of the synapses' that every neuron model
// has: the step cut into kHhSubsteps equal substeps, the synapses' decay over one and their mean
// over the first.
kernels::PopulationConstants hodgkin_huxley_constants(kernels::PopulationConstants c,
                                                      const NeuronParams& p, double dt) {
  const double h = dt / kernels::kHhSubsteps;
  c.hh_h = static_cast<float>(h);
  c.hh_h_over_cm = static_cast<float>(h / p.cm);
  c.ref_steps = static_cast<int32_t>(std::lround(kernels::kHhDeadTime / dt));
  c.v_thresh = static_cast<float>(p.v_offset + kernels::kHhSpikeAboveOffset);
  c.v_t = static_cast<float>(p.v_offset);
  c.v_rest = static_cast<float>(p.e_rev_leak);
  c.g_leak = static_cast<float>(p.g_leak);
  c.gbar_na = static_cast<float>(p.gbar_Na);
  c.gbar_k = static_cast<float>(p.gbar_K);
  c.e_rev_na = static_cast<float>(p.e_rev_Na);
  c.e_rev_k = static_cast<float>(p.e_rev_K);
  c.hh_p_e = static_cast<float>(std::exp(-h / p.tau_syn_E));
  c.hh_p_i = static_cast<float>(std::exp(-h / p.tau_syn_I));
  c.hh_avg_e = static_cast<float>(p.tau_syn_E * -std::expm1(-h / p.tau_syn_E) / h);
  c.hh_avg_i = static_cast<float>(p.tau_syn_I * -std::expm1(-h / p.tau_syn_I) / h);
  return c;
}

// The constants of one neuron (or of every neuron, with the population-wide values).
kernels::PopulationConstants constants_of(const Population& population, const NeuronParams& p,
                                          const SourceValues& source, bool renewal, double dt,
                                          uint32_t first_neuron) {
  kernels::PopulationConstants c;
  c.model = renewal ? kernels::KernelModel::kSourceRenewal : kernel_model(population.model);
  c.record_spikes = population.record.spikes || population.record.rate;
  c.first = first_neuron;
  c.spike_prob = static_cast<float>(source.rate * dt * 1e-3);
  // Emitting at the end of step n means a spike at (n + 1) dt: active for start < t <= stop.
  c.start_step = steps_until(source.start, dt);
  c.stop_step = steps_until(source.stop, dt);
  if (renewal) {
    const RenewalSteps steps = renewal_steps(source.rate, source.dead_time, source.shape, dt);
    c.ref_steps = steps.dead_steps;
    c.shape = static_cast<uint32_t>(source.shape);
    c.stage_mean = static_cast<float>(steps.stage_mean);
    c.stage_none = static_cast<float>(std::exp(-steps.stage_mean));
  }
  if (is_spike_source(population.model)) return c;

  // Every neuron model's synapses: their decay over a step and their reversal potentials.
  const double p_e = std::exp(-dt / p.tau_syn_E);
  const double p_i = std::exp(-dt / p.tau_syn_I);
  c.p_e = static_cast<float>(p_e);
  c.p_i = static_cast<float>(p_i);
  c.e_rev_e = static_cast<float>(p.e_rev_E);
  c.e_rev_i = static_cast<float>(p.e_rev_I);
  if (is_hodgkin_huxley(population.model)) return hodgkin_huxley_constants(c, p, dt);

  c.ref_steps = static_cast<int32_t>(std::lround(p.tau_refrac / dt));
  c.v_rest = static_cast<float>(p.v_rest);
  c.v_thresh = static_cast<float>(p.v_thresh);
  c.v_reset = static_cast<float>(p.v_reset);
  c.em1_m = static_cast<float>(std::expm1(-dt / p.tau_m));
  c.r_m = static_cast<float>(p.tau_m / p.cm);
  c.p21_e = static_cast<float>(current_propagator(p.tau_syn_E, p, dt));
  c.p21_i = static_cast<float>(current_propagator(p.tau_syn_I, p, dt));
  c.avg_e = static_cast<float>(p.tau_syn_E * -std::expm1(-dt / p.tau_syn_E) / dt);
  c.avg_i = static_cast<float>(p.tau_syn_I * -std::expm1(-dt / p.tau_syn_I) / dt);
  c.g_leak = static_cast<float>(p.cm / p.tau_m);
  c.dt_over_cm = static_cast<float>(dt / p.cm);
  c.alpha_norm_e = static_cast<float>(std::exp(1.0) / p.tau_syn_E);
  c.alpha_norm_i = static_cast<float>(std::exp(1.0) / p.tau_syn_I);
  c.h_e = static_cast<float>(dt * p_e);
  c.h_i = static_cast<float>(dt * p_i);
  c.p31_e = static_cast<float>(alpha_current_propagator(p.tau_syn_E, p, dt));
  c.p31_i = static_cast<float>(alpha_current_propagator(p.tau_syn_I, p, dt));
  c.avg2_e = static_cast<float>(alpha_conductance_average(p.tau_syn_E, dt));
  c.avg2_i = static_cast<float>(alpha_conductance_average(p.tau_syn_I, dt));
  if (!is_adaptive_exponential(population.model)) return c;
  c.a_w = static_cast<float>(p.a * 1e-3);  // nS to uS
  c.b_w = static_cast<float>(p.b);
  c.p_w = static_cast<float>(std::exp(-dt / p.tau_w));
  c.reset_lead = c.ref_steps == 0 ? static_cast<float>(0.5 * dt / p.cm) : 0.0f;
  // delta_T = 0: no exponential term, as in NEST; the constants' zeros make the upswing 0 and
  // the spike is at v_thresh.
  if (p.delta_T == 0) return c;
  // The kernels' threshold is where the spike is detected (kernels/adex_step.hpp).
  c.v_thresh = static_cast<float>(p.v_spike);
  c.v_t = static_cast<float>(p.v_thresh);
  c.inv_delta_t = static_cast<float>(1.0 / p.delta_T);
  c.g_leak_delta_t = static_cast<float>(p.cm / p.tau_m * p.delta_T);
  c.exp_arg_max = static_cast<float>(
      std::min<double>((p.v_spike - p.v_thresh) / p.delta_T, kernels::kLargestExpArgument));
  c.upswing_at_reset = static_cast<float>(
      p.cm / p.tau_m * p.delta_T *
      std::exp(std::min<double>((p.v_reset - p.v_thresh) / p.delta_T, c.exp_arg_max)));
  return c;
}

}  // namespace

kernels::PopulationConstants population_constants(const Population& population, double dt,
                                                  uint32_t first_neuron) {
  return constants_of(population, population.params,
                      SourceValues{population.rate, population.start, population.stop,
                                   population.dead_time, population.shape},
                      has_renewal_sources(population), dt, first_neuron);
}

std::vector<kernels::PopulationConstants> neuron_constants(const Population& population,
                                                           double dt, uint32_t first_neuron) {
  std::vector<kernels::PopulationConstants> out;
  if (population.per_neuron.empty()) return out;
  out.reserve(population.size);
  const bool renewal = has_renewal_sources(population);
  for (uint32_t k = 0; k < population.size; ++k)
    out.push_back(constants_of(population, neuron_params(population, k),
                               source_values(population, k), renewal, dt, first_neuron));
  return out;
}

kernels::ReplicaInputs replica_inputs(const Population& population, const ReplicaOverrides& o,
                                      uint32_t replica, double dt) {
  kernels::ReplicaInputs in;
  if (is_spike_source(population.model)) return in;
  auto pick = [replica](const std::vector<double>& override_values, double value) {
    return override_values.empty() ? value : override_values[replica];
  };
  in.i_offset = static_cast<float>(pick(o.i_offset, population.params.i_offset));
  in.dc_scale = static_cast<float>(pick(o.dc_scale, 1.0));
  const double lambda_e = pick(o.rate_E, population.noise.rate_E) * dt * 1e-3;
  const double lambda_i = pick(o.rate_I, population.noise.rate_I) * dt * 1e-3;
  for (double lambda : {lambda_e, lambda_i})
    if (lambda > kernels::kMaxPoissonMean)
      throw input_error("populations." + population.name + ".noise: a rate of " +
                        std::to_string(lambda / (dt * 1e-3)) + " Hz gives " +
                        std::to_string(lambda) + " events per step; at most " +
                        std::to_string(kernels::kMaxPoissonMean) +
                        " are supported: lower the rate and raise the weight, or use a smaller dt");
  in.lambda_e = static_cast<float>(lambda_e);
  in.lambda_i = static_cast<float>(lambda_i);
  in.noise_e = kernels::poisson_table(lambda_e);
  in.noise_i = kernels::poisson_table(lambda_i);
  in.weight_e = static_cast<float>(population.noise.weight_E);
  in.weight_i = static_cast<float>(population.noise.weight_I);
  return in;
}

}  // namespace spikewafer
