#include "sampling/translation.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sampling/ensemble_noise.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

double mean_psp_kernel(double tau_s, double tau_e, double window) {
  if (std::fabs(tau_s - tau_e) < 1e-9 * tau_s) {
    // t e^{-t/tau}: integral tau^2 (1 - e^{-T/tau} (1 + T/tau))
    const double x = window / tau_s;
    return tau_s * tau_s * (1.0 - std::exp(-x) * (1.0 + x)) / window;
  }
  const double integral = tau_s * tau_e / (tau_s - tau_e) *
                          (tau_s * -std::expm1(-window / tau_s) - tau_e * -std::expm1(-window / tau_e));
  return integral / window;
}

WeightTranslation weight_translation(const Calibration& cal) {
  const NeuronParams& p = cal.neuron.params;
  const double window = state_window_ms(cal.neuron);
  const double k_e = mean_psp_kernel(p.tau_syn_E, cal.membrane.tau_eff, window);
  const double k_i = mean_psp_kernel(p.tau_syn_I, cal.membrane.tau_eff, window);
  // Mean PSP per unit weight (mV): drive / cm x kernel mean, with drive the distance to the
  // reversal potential for conductances and 1 for currents.
  double drive_e = 1.0, drive_i = 1.0;
  if (is_conductance_based(cal.neuron.model)) {
    drive_e = p.e_rev_E - cal.u0;
    drive_i = cal.u0 - p.e_rev_I;
    if (!(drive_e > 0) || !(drive_i > 0))
      throw input_error("sampler: the activation's midpoint u0 = " + std::to_string(cal.u0) +
                        " mV must lie between e_rev_I and e_rev_E for synapses of both signs");
  }
  WeightTranslation t;
  t.per_unit_e = cal.alpha * p.cm / (drive_e * k_e);
  t.per_unit_i = cal.alpha * p.cm / (drive_i * k_i);
  return t;
}

ReplicaOverrides bias_overrides(const std::vector<ChainParams>& chains, const Calibration& cal) {
  ReplicaOverrides o;
  for (const ChainParams& c : chains) {
    o.i_offset.push_back(cal.i0 + cal.alpha_i * c.beta);
    o.dc_scale.push_back(c.gamma);
  }
  return o;
}

namespace {

// A background network feeds every replica's LIF populations through the same i_offset and
// weight scale overrides that carry alpha, gamma and beta, so chains must leave them alone.
void require_plain_chains(const std::vector<ChainParams>& chains) {
  for (const ChainParams& c : chains)
    if (c.alpha != 1.0 || c.gamma != 1.0 || c.beta != 0.0)
      throw input_error("sampler: with a background network (noise source \"network\") every "
                        "chain samples the target itself (alpha = gamma = 1, beta = 0); scaled "
                        "chains need Poisson noise");
}

}  // namespace

uint32_t networks_per_replica(const Calibration& cal) {
  return cal.neuron.ensemble ? cal.neuron.ensemble->networks : 1;
}

std::vector<ChainParams> replica_chains(const std::vector<ChainParams>& chains, uint32_t networks) {
  if (chains.size() % networks != 0)
    throw input_error("sampler: an ensemble of " + std::to_string(networks) +
                      " networks per replica needs a multiple of " + std::to_string(networks) +
                      " chains (got " + std::to_string(chains.size()) +
                      "); change the number of chains or noise.networks");
  std::vector<ChainParams> replicas;
  for (size_t c = 0; c < chains.size(); c += networks) {
    for (size_t k = c + 1; k < c + networks; ++k)
      if (chains[k].alpha != chains[c].alpha || chains[k].gamma != chains[c].gamma ||
          chains[k].beta != chains[c].beta)
        throw input_error("sampler: the networks of an ensemble share their replica's bias "
                          "inputs and weight scale; give their chains equal alpha, gamma, beta");
    replicas.push_back(chains[c]);
  }
  return replicas;
}

Network sampling_network(const CouplingGraph& graph, const std::vector<ChainParams>& chains,
                         const Calibration& cal, const SamplingNetworkSettings& settings) {
  if (chains.empty()) throw input_error("sampler: no chains to run");
  const bool background = cal.neuron.background.has_value();
  if (background && cal.neuron.ensemble)
    throw input_error("sampler: a neuron's noise comes from a background network or from an "
                      "ensemble, not both");
  if (background) require_plain_chains(chains);
  // With an ensemble, each replica holds `networks` copies of the graph, chain after chain:
  // replica r's neurons k size .. (k + 1) size - 1 are chain r networks + k.
  const uint32_t networks = networks_per_replica(cal);
  const std::vector<ChainParams> replicas = replica_chains(chains, networks);
  Network net;
  net.source = "sampler";
  net.simulation.dt = cal.neuron.dt;
  net.simulation.seed = settings.seed;
  net.simulation.replicas = static_cast<uint32_t>(replicas.size());

  Population pop;
  pop.name = "sampler";
  pop.size = graph.size * networks;
  pop.model = cal.neuron.model;
  pop.params = cal.neuron.params;
  pop.params.i_offset = 0.0;  // per replica, from bias_overrides
  pop.noise = cal.neuron.noise;
  // The calibration's noise is then only the background's or the ensemble's equivalent.
  if (background || cal.neuron.ensemble) pop.noise = PoissonNoise{};
  if (background) pop.params.i_offset = cal.i0;  // i_offset overrides would reach the background too
  // An ensemble's only input is its own spikes: started without input it stays silent (a unit
  // at p(z = 1) = 1/2 has its noise-free membrane just below threshold). The units start with
  // excitatory input drawn up to 4 x the mean the running ensemble gives them (each replica
  // draws its own from its seed), which sets them firing.
  if (const auto& e = cal.neuron.ensemble)
    pop.initial.syn_exc = Distribution::uniform(
        0.0, 4.0 * e->in_degree * e->rate * 1e-3 * pop.params.tau_syn_E * e->weight_E);
  for (uint32_t k = 0; k < networks; ++k)
    for (float b : graph.bias) pop.i_offset_per_neuron.push_back(cal.alpha_i * b);
  net.populations = {pop};
  // The sampler stays population 0 (its z are the first neurons), and the background's or the
  // ensemble's projections come first, as in the calibration's network.
  if (background) add_background_network(net, *cal.neuron.background, pop.name);
  if (cal.neuron.ensemble) {
    add_ensemble_noise(net, *cal.neuron.ensemble, pop.name, graph.size);
    for (Projection& noise : net.projections) {  // one kind of synapse out of a population
      noise.dynamics = settings.dynamics;
      noise.stp = settings.stp;
    }
  }

  const WeightTranslation per_unit = weight_translation(cal);
  const double delay = settings.delay > 0 ? settings.delay : cal.neuron.dt;
  Projection exc, inh;
  for (Projection* pr : {&exc, &inh}) {
    pr->source = pr->target = "sampler";
    pr->connector.kind = Connector::Kind::kFromList;
    pr->dynamics = settings.dynamics;
    pr->stp = settings.stp;
  }
  inh.receptor = Receptor::kInhibitory;
  // The engine sums input in fixed point with one scale for all synapses, set by the largest
  // input one neuron can receive (input_scale.cpp), so weights far below it cannot be resolved;
  // below 2^-16 of it (times the largest weight scale) their effect on any unit is also far
  // below the sampling noise, and they are left out. (Training moves weights through zero.)
  double largest_input = 0.0, largest_alpha = 0.0;
  for (uint32_t i = 0; i < graph.size; ++i) {
    double e = 0.0, in = 0.0;
    for (uint64_t k = graph.row_ptr[i]; k < graph.row_ptr[i + 1]; ++k)
      (graph.weight[k] > 0 ? e : in) += std::fabs(static_cast<double>(graph.weight[k]));
    largest_input = std::max({largest_input, e * per_unit.per_unit_e, in * per_unit.per_unit_i});
  }
  if (const auto& e = cal.neuron.ensemble)  // the noise synapses count as well
    largest_input = std::max(largest_input, e->in_degree * std::max(e->weight_E, e->weight_I));
  for (const ChainParams& c : chains) largest_alpha = std::max(largest_alpha, c.alpha);
  const double smallest_kept_input = largest_input * largest_alpha * std::ldexp(1.0, -16);
  const auto kept = [&](double w, double per_unit_weight) {
    return std::fabs(w) * per_unit_weight >= smallest_kept_input ? w : 0.0;
  };
  for (uint32_t copy = 0; copy < networks; ++copy)
    for (uint32_t i = 0; i < graph.size; ++i)
      for (uint64_t k = graph.row_ptr[i]; k < graph.row_ptr[i + 1]; ++k) {
        const double w =
            kept(graph.weight[k], graph.weight[k] > 0 ? per_unit.per_unit_e : per_unit.per_unit_i);
        const uint32_t pre = copy * graph.size + graph.column[k], post = copy * graph.size + i;
        if (settings.both_receptors) {
          exc.connector.list.push_back({pre, post, std::max(w, 0.0) * per_unit.per_unit_e, delay});
          inh.connector.list.push_back({pre, post, std::max(-w, 0.0) * per_unit.per_unit_i, delay});
          continue;
        }
        if (w > 0) exc.connector.list.push_back({pre, post, w * per_unit.per_unit_e, delay});
        if (w < 0) inh.connector.list.push_back({pre, post, -w * per_unit.per_unit_i, delay});
      }
  for (Projection* pr : {&exc, &inh})
    if (!pr->connector.list.empty()) net.projections.push_back(*pr);

  if (!background) net.overrides = bias_overrides(replicas, cal);
  if (settings.clampable)
    net.overrides.currents = {{pop.name, std::vector<double>(chains.size() * size_t{graph.size}, 0.0)}};
  for (const ChainParams& c : replicas) {
    if (!(c.alpha >= 0))
      throw input_error("sampler: a chain's weight scale alpha must be >= 0 (got " +
                        std::to_string(c.alpha) + ")");
    net.overrides.weight_scale.push_back(c.alpha);
    net.overrides.seed.push_back(c.seed);
  }
  return net;
}

}  // namespace spikewafer::sampling
