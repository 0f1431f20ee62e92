// Poisson spike sources and Poisson background have the requested rate and Poisson variability.
#include <cmath>
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class PoissonStatistics : public BackendTest {};

TEST_P(PoissonStatistics, SpikeSourceRateAndFanoFactor) {
  const Population src = poisson_source("poisson", 2000, 20.0);
  const RunResult r = run(network_of({src}, 0.1, 1000.0));
  std::vector<double> counts(src.size, 0.0);
  for (const SpikeRecord& s : r.spikes) counts[s.neuron] += 1;
  double mean = 0, var = 0;
  for (double c : counts) mean += c / counts.size();
  for (double c : counts) var += (c - mean) * (c - mean) / (counts.size() - 1);
  // Expected 20 spikes per neuron; the population mean has sd sqrt(20 / 2000) = 0.1.
  EXPECT_NEAR(mean, 20.0, 0.5);
  // Bernoulli steps: Fano = 1 - rate dt = 0.998; the estimate's sd is about sqrt(2 / 2000).
  EXPECT_NEAR(var / mean, 0.998, 0.12);
}

TEST_P(PoissonStatistics, BackgroundConductanceHasCampbellsMean) {
  NeuronParams p;
  p.v_thresh = 100.0;  // silent: only the synapses matter
  p.tau_syn_E = 5.0;
  p.tau_syn_I = 10.0;
  Population pop = lif("n", 200, Model::kIfCondExp, p);
  pop.noise = {1000.0, 0.001, 400.0, 0.002};
  for (uint32_t k = 0; k < pop.size; ++k) {
    pop.record.syn_exc.push_back(k);
    pop.record.syn_inh.push_back(k);
  }
  pop.record.sampling_interval = 1.0;
  const RunResult r = run(network_of({pop}, 0.1, 500.0));
  double ge = 0, gi = 0;
  size_t n = 0;
  for (const TraceRecord& t : r.traces)
    for (size_t k = 100; k < t.values.size(); ++k) {  // after 100 ms of warm-up
      (t.variable == "gsyn_exc" ? ge : gi) += t.values[k];
      n += t.variable == "gsyn_exc";
    }
  // Campbell: mean = rate * weight * tau_syn.
  EXPECT_NEAR(ge / n, 1000.0 * 0.001 * 5e-3, 0.02 * 5e-3);
  EXPECT_NEAR(gi / n, 400.0 * 0.002 * 10e-3, 0.02 * 8e-3);
}

SPIKEWAFER_ALL_BACKENDS(PoissonStatistics);

}  // namespace
}  // namespace spikewafer::test
