// What BrainScaleS-1's neuron circuits can realise of AdEx populations (host/wafer/circuit_ranges):
// PyNN's EIF defaults fit; a parameter outside its range is reported with the neurons, values
// and range, which follows the speed-up and cm; LIF populations are not checked; the mapping
// carries the report into mapping.json and the terminal; and fixed-pattern variation reaches
// the AdEx parameters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "wafer/circuit_ranges.hpp"
#include "wafer/mapped_network.hpp"
#include "wafer/mapping.hpp"
#include "wafer/mapping_report.hpp"
#include "wafer_mapping_support.hpp"

namespace {

using namespace spikewafer;

Network adex_network(uint32_t size = 4) {
  Network net;
  net.source = "<test>";
  Population cells;
  cells.name = "cells";
  cells.size = size;
  cells.model = Model::kEifCondExpIsfaIsta;
  cells.params = default_params(cells.model);
  net.populations = {cells, test::lif_population("lif", 4)};
  return net;
}

TEST(WaferCircuitRanges, PyNNDefaultsFitAndLifPopulationsAreNotChecked) {
  Network net = adex_network();
  net.populations[1].params.tau_m = 500.0;  // a LIF population: not an AdEx circuit
  EXPECT_TRUE(wafer::circuit_range_violations(net, 1e4).empty());
}

TEST(WaferCircuitRanges, OutOfRangeValuesAreReportedWithTheRangeAtTheSpeedup) {
  Network net = adex_network();
  net.populations[0].params.tau_w = 1000.0;
  net.populations[0].per_neuron.a = {-2.0, 4.0, 30.0, 4.0};  // cm 0.281 nF: 0 to 14.05 nS
  const auto v = wafer::circuit_range_violations(net, 1e4);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].parameter, "tau_w");
  EXPECT_EQ(v[0].neurons, 4u);
  EXPECT_DOUBLE_EQ(v[0].allowed_low, 20.0);
  EXPECT_DOUBLE_EQ(v[0].allowed_high, 780.0);
  EXPECT_EQ(v[1].parameter, "a");
  EXPECT_EQ(v[1].neurons, 2u);
  EXPECT_DOUBLE_EQ(v[1].lowest, -2.0);
  EXPECT_DOUBLE_EQ(v[1].highest, 30.0);
  EXPECT_NEAR(v[1].allowed_high, 50.0 * 0.281, 1e-9);
  EXPECT_THAT(wafer::range_violation_text(v[0], net, 1e4),
              ::testing::AllOf(::testing::HasSubstr("populations.cells.params.tau_w: 4 of 4 neurons"),
                               ::testing::HasSubstr("range 20 to 780 ms at speed-up 10000"),
                               ::testing::HasSubstr("change the speed-up")));
  // A tenth of the speed-up: the circuits' times are a tenth as long in biological time, and
  // their conductances ten times as strong.
  const auto reported = [&](double speedup, const std::string& parameter) {
    for (const auto& x : wafer::circuit_range_violations(net, speedup))
      if (x.parameter == parameter) return true;
    return false;
  };
  net.populations[0].per_neuron.a.clear();
  net.populations[0].params.a = 30.0;
  EXPECT_TRUE(reported(1e4, "a"));   // above 14.05 nS
  EXPECT_FALSE(reported(1e3, "a"));  // below 140.5 nS
  EXPECT_TRUE(reported(1e3, "tau_syn_E"));  // 5 ms above 0.5 ms
  for (const auto& x : wafer::circuit_range_violations(net, 1e3)) {
    if (x.parameter == "tau_w") {
      EXPECT_DOUBLE_EQ(x.allowed_high, 78.0);
    }
  }
}

TEST(WaferCircuitRanges, MappingJsonAndTerminalReportThem) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "spikewafer_circuit_ranges";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "net.toml") << "[simulation]\nduration = 20.0\n"
                                  << "[populations.cells]\nsize = 10\n"
                                  << "model = \"EIF_cond_exp_isfa_ista\"\n"
                                  << "params = { delta_T = 5.0 }\n";
  const test::Outcome out = test::run_cli("wafer-map " + (dir / "net.toml").string() + " --out " +
                                          (dir / "map").string() + " --no-plots");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, ::testing::HasSubstr("warning: populations.cells.params.delta_T: 10 of "
                                               "10 neurons at 5 mV, outside BrainScaleS-1's"));
  std::ifstream in(dir / "map" / "mapping.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_EQ(j["neuron_parameters_outside_circuit_range"].size(), 1u);
  EXPECT_EQ(j["neuron_parameters_outside_circuit_range"][0]["parameter"], "delta_T");
  EXPECT_EQ(j["neuron_parameters_outside_circuit_range"][0]["allowed_high"], 3.0);
  fs::remove_all(dir);
}

TEST(WaferCircuitRanges, VariationReachesTheAdaptationParameters) {
  const Network ideal = adex_network(50);
  wafer::MappingOptions mopts;
  mopts.wafers = 1;
  mopts.delays = wafer::DelayModel::kIdeal;
  const wafer::MappingResult mapping = wafer::map_network(ideal, mopts);
  wafer::MappedNetworkOptions options;
  options.variation = 0.2;
  options.seed = 3;
  const Network varied = wafer::mapped_network(ideal, mapping, options);
  const Population& pop = varied.populations[0];
  for (uint32_t k = 0; k < pop.size; ++k) {
    const NeuronParams q = neuron_params(pop, k);
    EXPECT_NE(q.tau_w, 144.0);
    EXPECT_NE(q.delta_T, 2.0);
    EXPECT_GT(q.v_spike, q.v_thresh);  // still a valid neuron
    EXPECT_GT(q.v_spike, q.v_reset);
  }
  EXPECT_TRUE(varied.populations[1].per_neuron.a.empty());  // the LIF population has none
}

}  // namespace
