#include "sampling/sampling_files.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "io/atomic_file.hpp"
#include "io/number_text.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/exact_distribution.hpp"

namespace spikewafer::sampling {
namespace {

double at(const Eigen::VectorXd& v, Eigen::Index i) { return i < v.size() ? v[i] : NAN; }
double at(const Eigen::MatrixXd& m, Eigen::Index i, Eigen::Index j) {
  return i < m.rows() && j < m.cols() ? m(i, j) : NAN;
}

std::string distribution_csv(const SamplingReport& r, int n) {
  std::string csv = "state,p_target,p_sampled,p_gibbs\n";
  for (Eigen::Index k = 0; k < r.target.size(); ++k)
    csv += state_string(static_cast<uint64_t>(k), n) + "," + csv_field(r.target[k]) + "," +
           csv_field(at(r.spiking.histogram, k)) + "," + csv_field(at(r.gibbs.histogram, k)) + "\n";
  return csv;
}

std::string dkl_csv(const SamplingReport& r) {
  std::string csv = "time_ms,dkl_spiking,dkl_spiking_std,dkl_gibbs,dkl_gibbs_std\n";
  for (const DklPoint& p : r.dkl)
    csv += csv_field(p.time_ms) + "," + csv_field(p.spiking) + "," + csv_field(p.spiking_std) + "," +
           csv_field(p.gibbs) + "," + csv_field(p.gibbs_std) + "\n";
  return csv;
}

std::string marginals_csv(const SamplingReport& r, int n) {
  std::string csv = "unit,p_target,p_sampled,p_gibbs\n";
  for (int i = 0; i < n; ++i)
    csv += std::to_string(i) + "," + csv_field(at(r.target_marginals, i)) + "," +
           csv_field(at(r.spiking.marginals, i)) + "," + csv_field(at(r.gibbs.marginals, i)) + "\n";
  return csv;
}

std::string correlations_csv(const SamplingReport& r, int n) {
  std::string csv = "i,j,target,sampled,gibbs\n";
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      csv += std::to_string(i) + "," + std::to_string(j) + "," +
             csv_field(at(r.target_correlations, i, j)) + "," +
             csv_field(at(r.spiking.correlations, i, j)) + "," +
             csv_field(at(r.gibbs.correlations, i, j)) + "\n";
  return csv;
}

// Per pair (i < j) and unit: the target's value and the corrected network's.
std::string translation_csv(const CouplingGraph& g, const MachineCorrection& c) {
  std::string csv = "parameter,i,j,target,network\n";
  for (uint32_t i = 0; i < g.size; ++i)
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
      if (g.column[k] > i)
        csv += "W," + std::to_string(i) + "," + std::to_string(g.column[k]) + "," +
               csv_field(g.weight[k]) + "," + csv_field(c.weight[k]) + "\n";
  for (uint32_t i = 0; i < g.size; ++i)
    csv += "b," + std::to_string(i) + ",," + csv_field(g.bias[i]) + "," + csv_field(c.bias[i]) +
           "\n";
  return csv;
}

}  // namespace

void write_sampling_report(const std::string& dir, const SamplingReport& r,
                           const SampleConfig& c) {
  const int n = c.target.bm.size();
  nlohmann::ordered_json json;
  json["target"] = c.source;
  json["units"] = n;
  json["replicas"] = c.replicas;
  json["duration_ms"] = c.duration;
  json["sample_interval_ms"] = c.sample_interval;
  json["synapse"] = c.dynamics == SynapseDynamics::kRenewing   ? "renewing"
                    : c.dynamics == SynapseDynamics::kAdditive ? "additive"
                                                               : "tsodyks_markram";
  if (c.dynamics == SynapseDynamics::kTsodyksMarkram)
    json["stp"] = {{"U", c.stp.U}, {"tau_rec", c.stp.tau_rec}, {"tau_fac", c.stp.tau_fac}};
  json["model"] = model_name(c.neuron.model);
  // Which sampler dkl_spiking and p_sampled come from: Poisson noise, a background network or
  // an ensemble.
  json["noise_source"] = c.neuron.background ? "network" : c.neuron.ensemble ? "ensemble" : "poisson";
  if (c.neuron.background) json["background"] = noise_source_json(c.neuron, r.background);
  if (c.neuron.ensemble) {
    json["ensemble"] = noise_source_json(c.neuron, std::nullopt);
    json["ensemble"]["unit_rate_measured_hz"] = ensemble_unit_rate(r, c.neuron);
  }
  json["translation"] = r.correction ? "corrected" : "open";
  if (r.correction) {
    json["correction_rounds"] = c.correction_rounds;
    json["correction_ms"] = r.correction->emulated_ms;
  }
  json["spiking_samples"] = r.spiking.samples;
  json["spiking_wall_s"] = r.spiking.wall_s;
  if (r.target.size()) json["dkl_spiking"] = kl_divergence(r.spiking.histogram, r.target);
  if (r.gibbs.samples) {
    json["gibbs_samples"] = r.gibbs.samples;
    json["gibbs_wall_s"] = r.gibbs.wall_s;
    if (r.target.size()) json["dkl_gibbs"] = kl_divergence(r.gibbs.histogram, r.target);
  }
  if (r.target.size()) {
    write_file_atomically(dir + "/distribution.csv", distribution_csv(r, n));
    write_file_atomically(dir + "/dkl.csv", dkl_csv(r));
  }
  write_file_atomically(dir + "/marginals.csv", marginals_csv(r, n));
  if (n <= kMaxCorrelationUnits)
    write_file_atomically(dir + "/correlations.csv", correlations_csv(r, n));
  if (r.correction)
    write_file_atomically(dir + "/translation.csv",
                          translation_csv(coupling_graph(c.target.bm), *r.correction));
  write_file_atomically(dir + "/sample.json", json.dump(2) + "\n");
}

}  // namespace spikewafer::sampling
