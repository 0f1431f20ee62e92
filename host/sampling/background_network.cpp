#include "sampling/background_network.hpp"

#include <cmath>
#include <map>
#include <vector>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

uint32_t excitatory_count(const BackgroundNetworkSettings& s) {
  return static_cast<uint32_t>(std::lround(0.8 * s.size));
}

// Brunel's (2000) neuron, as in examples/brunel.toml: potentials relative to rest, threshold
// 20 mV, reset 10 mV, 2 ms refractory, fast synaptic currents.
Population background_population(const std::string& name, uint32_t size, double drive) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = Model::kIfCurrExp;
  p.params.tau_m = 20.0;
  p.params.cm = 0.25;
  p.params.v_rest = 0.0;
  p.params.v_thresh = 20.0;
  p.params.v_reset = 10.0;
  p.params.tau_refrac = 2.0;
  p.params.tau_syn_E = p.params.tau_syn_I = 0.5;
  p.params.i_offset = drive;
  // Spread over the subthreshold range, so that the first spikes are not one volley; each
  // replica draws its own from its seed, which makes the replicas independent chains.
  p.initial.v = Distribution::uniform(0.0, 20.0);
  return p;
}

Projection in_degree(const std::string& source, const std::string& target, Receptor receptor,
                     uint32_t n, double weight, double delay) {
  Projection pr;
  pr.source = source;
  pr.target = target;
  pr.receptor = receptor;
  pr.connector.kind = Connector::Kind::kFixedInDegree;
  pr.connector.n = n;
  pr.connector.allow_self = false;
  pr.weight = Distribution::constant(weight);
  pr.delay = Distribution::constant(delay);
  return pr;
}

void require(bool ok, const std::string& where, const std::string& key, const std::string& problem) {
  if (!ok) throw input_error(where + "." + key + ": " + problem);
}

}  // namespace

void check_background(const BackgroundNetworkSettings& s, const std::string& where) {
  require(s.size >= 10, where, "size", "the background needs at least 10 neurons (got " +
                                           std::to_string(s.size) + ")");
  require(s.connectivity > 0 && s.connectivity <= 1, where, "connectivity",
          "must lie in (0, 1] (got " + std::to_string(s.connectivity) + ")");
  const uint32_t inhibitory = s.size - excitatory_count(s);
  require(std::lround(s.connectivity * inhibitory) >= 1, where, "connectivity",
          "gives no inhibitory input inside the background; raise it or the size");
  require(s.in_degree >= 1 && s.in_degree <= inhibitory, where, "in_degree",
          "each sampling neuron draws K distinct inputs from each background population, so K "
          "must lie in [1, " + std::to_string(inhibitory) + "] (20 % of size " +
              std::to_string(s.size) + "); got " + std::to_string(s.in_degree));
  for (const auto& [key, value] : std::map<std::string, double>{
           {"weight", s.weight}, {"g", s.g}, {"delay", s.delay},
           {"weight_E", s.weight_E}, {"weight_I", s.weight_I}})
    require(std::isfinite(value) && value > 0, where, key,
            "must be a finite number > 0 (got " + std::to_string(value) + ")");
  require(std::isfinite(s.drive), where, "drive", "must be a finite number of nA");
}

void add_background_network(Network& net, const BackgroundNetworkSettings& s,
                            const std::string& target) {
  check_background(s, "noise");
  const uint32_t n_exc = excitatory_count(s);
  const uint32_t n_inh = s.size - n_exc;
  net.populations.push_back(background_population(kBackgroundExc, n_exc, s.drive));
  net.populations.push_back(background_population(kBackgroundInh, n_inh, s.drive));
  const auto c_exc = static_cast<uint32_t>(std::lround(s.connectivity * n_exc));
  const auto c_inh = static_cast<uint32_t>(std::lround(s.connectivity * n_inh));
  // Inside first, so that the background's connectivity (keyed by projection index and seed)
  // is the same network in the calibration and in the sampler.
  for (const char* post : {kBackgroundExc, kBackgroundInh}) {
    net.projections.push_back(
        in_degree(kBackgroundExc, post, Receptor::kExcitatory, c_exc, s.weight, s.delay));
    net.projections.push_back(
        in_degree(kBackgroundInh, post, Receptor::kInhibitory, c_inh, s.g * s.weight, s.delay));
  }
  const double one_step = net.simulation.dt;
  net.projections.push_back(
      in_degree(kBackgroundExc, target, Receptor::kExcitatory, s.in_degree, s.weight_E, one_step));
  net.projections.push_back(
      in_degree(kBackgroundInh, target, Receptor::kInhibitory, s.in_degree, s.weight_I, one_step));
  net.simulation.seed = s.seed;
}

BackgroundActivity measure_background(const BackgroundNetworkSettings& s, double dt,
                                      double duration, uint32_t replicas,
                                      const SimulatorOptions& options) {
  // A one-neuron target keeps add_background_network's projection layout.
  Network net;
  net.source = "background network";
  net.simulation.dt = dt;
  net.simulation.replicas = replicas;
  net.simulation.duration = kBackgroundWarmupMs + duration;
  Population probe = background_population("probe", 1, 0.0);
  net.populations.push_back(probe);
  add_background_network(net, s, "probe");
  net.populations[1].record.spikes = net.populations[2].record.spikes = true;
  const RunResult result = simulate(net, options);

  // Spike times per (replica, population, neuron), after the warm-up.
  const uint32_t n_exc = net.populations[1].size, n_inh = net.populations[2].size;
  std::vector<std::vector<double>> times(static_cast<size_t>(replicas) * s.size);
  double count_exc = 0, count_inh = 0;
  for (const SpikeRecord& spike : result.spikes) {
    if (spike.time_ms < kBackgroundWarmupMs) continue;
    const bool exc = spike.population == 1;
    (exc ? count_exc : count_inh) += 1;
    times[spike.replica * s.size + (exc ? 0 : n_exc) + spike.neuron].push_back(spike.time_ms);
  }
  BackgroundActivity a;
  a.window_ms = duration;
  a.rate_exc = count_exc / (replicas * n_exc * duration * 1e-3);
  a.rate_inh = count_inh / (replicas * n_inh * duration * 1e-3);
  double cv_sum = 0, silent = 0;
  uint32_t with_cv = 0;
  for (const std::vector<double>& t : times) {
    if (t.empty()) silent += 1;
    if (t.size() < 3) continue;
    double sum = 0, sum_sq = 0;
    for (size_t k = 1; k < t.size(); ++k) {
      sum += t[k] - t[k - 1];
      sum_sq += (t[k] - t[k - 1]) * (t[k] - t[k - 1]);
    }
    const double m = sum / (t.size() - 1);
    cv_sum += std::sqrt(std::max(0.0, sum_sq / (t.size() - 1) - m * m)) / m;
    ++with_cv;
  }
  a.cv_isi = with_cv ? cv_sum / with_cv : 0.0;
  a.silent = silent / times.size();
  if (!(a.rate_exc > 0) || !(a.rate_inh > 0))
    throw input_error("noise: the background network falls silent (excitatory " +
                      std::to_string(a.rate_exc) + " Hz, inhibitory " +
                      std::to_string(a.rate_inh) + " Hz after " +
                      std::to_string(kBackgroundWarmupMs) + " ms); raise noise.drive or "
                      "lower noise.g");
  return a;
}

PoissonNoise equivalent_noise(const BackgroundNetworkSettings& s, const BackgroundActivity& a) {
  PoissonNoise q;
  q.rate_E = s.in_degree * a.rate_exc;
  q.rate_I = s.in_degree * a.rate_inh;
  q.weight_E = s.weight_E;
  q.weight_I = s.weight_I;
  return q;
}

}  // namespace spikewafer::sampling
