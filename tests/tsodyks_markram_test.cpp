// Tsodyks-Markram short-term plasticity: for a regular presynaptic spike train each spike adds
// w u_n x_n, with x_1 = 1, u_1 = U and between spikes d apart
//   x_{n+1} = 1 + (x_n - u_n x_n - 1) exp(-d / tau_rec),  u_{n+1} = U + u_n (1 - U) exp(-d / tau_fac);
// without facilitation x tends to (1 - e) / (1 - (1 - U) e), e = exp(-d / tau_rec).
#include <cmath>
#include <vector>

#include "io/network_config.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class TsodyksMarkram : public BackendTest {};

constexpr double kInterval = 20.0, kWeight = 0.5, kDelay = 1.0;
constexpr int kSpikes = 12;

Network regular_train(const ShortTermPlasticity& stp) {
  NeuronParams p;
  p.v_thresh = 1000.0;
  p.tau_syn_E = 0.5;  // each PSC is over long before the next spike: its peak is w u x
  Population target = lif("target", 1, Model::kIfCurrExp, p);
  target.record.syn_exc = {0};
  std::vector<double> times;
  for (int n = 0; n < kSpikes; ++n) times.push_back(10.0 + kInterval * n);
  Network net = network_of({spike_source("source", {times}), target}, 0.1,
                           10.0 + kInterval * kSpikes);
  Projection pr = one_to_one("source", "target", kWeight, kDelay);
  pr.dynamics = SynapseDynamics::kTsodyksMarkram;
  pr.stp = stp;
  net.projections = {pr};
  return net;
}

// The current just after spike n arrived, for every n.
std::vector<double> peaks(const RunResult& r) {
  const TraceRecord& isyn = trace(r, "isyn_exc", 1, 0);
  std::vector<double> out;
  for (int n = 0; n < kSpikes; ++n)
    out.push_back(isyn.values.at(static_cast<size_t>(std::lround((10.0 + kInterval * n + kDelay) / 0.1))));
  return out;
}

std::vector<double> expected(const ShortTermPlasticity& stp) {
  std::vector<double> out;
  double x = 1.0, u = stp.U;
  for (int n = 0; n < kSpikes; ++n) {
    if (n > 0) {
      x = 1.0 + (x - u * x - 1.0) * std::exp(-kInterval / stp.tau_rec);
      u = stp.U + u * (1.0 - stp.U) * (stp.tau_fac > 0 ? std::exp(-kInterval / stp.tau_fac) : 0.0);
    }
    out.push_back(kWeight * u * x);
  }
  return out;
}

TEST_P(TsodyksMarkram, DepressionFollowsTheRecurrenceAndItsSteadyState) {
  const ShortTermPlasticity stp{0.5, 100.0, 0.0};
  const std::vector<double> got = peaks(run(regular_train(stp))), want = expected(stp);
  for (int n = 0; n < kSpikes; ++n) EXPECT_NEAR(got[n], want[n], 2e-6) << "spike " << n;
  const double e = std::exp(-kInterval / stp.tau_rec);
  const double x_steady = (1.0 - e) / (1.0 - (1.0 - stp.U) * e);
  EXPECT_NEAR(got.back(), kWeight * stp.U * x_steady, 2e-3);  // 12 spikes: close to steady
  EXPECT_LT(got.back(), 0.5 * got.front());                   // it does depress
}

TEST_P(TsodyksMarkram, FacilitationFollowsTheRecurrence) {
  const ShortTermPlasticity stp{0.1, 50.0, 500.0};
  const std::vector<double> got = peaks(run(regular_train(stp))), want = expected(stp);
  for (int n = 0; n < kSpikes; ++n) EXPECT_NEAR(got[n], want[n], 2e-6) << "spike " << n;
  EXPECT_GT(got[3], 1.5 * got[0]);  // it does facilitate
}

TEST(TsodyksMarkramValidation, UtilisationOutOfRangeIsRefused) {
  Network net = regular_train(ShortTermPlasticity{1.5, 100.0, 0.0});
  try {
    simulate(net, SimulatorOptions{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("stp.U"), std::string::npos) << e.what();
  }
}

TEST(TsodyksMarkramConfig, ProjectionTableReadsSynapseAndStp) {
  const Network net = parse_network_toml(
      source_onto_neuron_toml("synapse = \"tsodyks_markram\"\n"
                              "stp = { U = 0.2, tau_rec = 300.0, tau_fac = 40.0 }\n"),
      "stp.toml");
  ASSERT_EQ(net.projections.size(), 1u);
  EXPECT_EQ(net.projections[0].dynamics, SynapseDynamics::kTsodyksMarkram);
  EXPECT_DOUBLE_EQ(net.projections[0].stp.U, 0.2);
  EXPECT_DOUBLE_EQ(net.projections[0].stp.tau_rec, 300.0);
  EXPECT_DOUBLE_EQ(net.projections[0].stp.tau_fac, 40.0);
}

SPIKEWAFER_ALL_BACKENDS(TsodyksMarkram);

}  // namespace
}  // namespace spikewafer::test
