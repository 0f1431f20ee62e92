// Running the mapped network (`spikewafer run --wafer`, docs/wafer.md, "Running the mapped
// network"): without loss, exact weights and variation the mapped run is the ideal run spike for
// spike; with quantization error the summary still reports the comparison; bad options are refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"
#include "wafer/mapped_network.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace spikewafer;

// Input -> exc <-> inh, every weight the same (so each row's maximum: quantization is exact),
// with delays drawn from a distribution (carried over synapse by synapse).
Network small_network(Distribution weight) {
  Network net;
  net.simulation.duration = 200.0;
  net.simulation.seed = 5;
  Population input;
  input.name = "input";
  input.size = 40;
  input.model = Model::kSpikeSourcePoisson;
  input.rate = 20.0;
  net.populations = {input, test::lif_population("exc", 60), test::lif_population("inh", 20)};
  for (auto& p : net.populations) p.record.spikes = true;
  net.projections = {test::fixed_probability("input", "exc", 0.4, Receptor::kExcitatory, weight),
                     test::fixed_probability("exc", "exc", 0.1, Receptor::kExcitatory, weight),
                     test::fixed_probability("exc", "inh", 0.2, Receptor::kExcitatory, weight),
                     test::fixed_probability("inh", "exc", 0.2, Receptor::kInhibitory, weight)};
  net.projections[0].delay = Distribution::uniform(0.5, 2.0);
  return net;
}

wafer::MappingResult map_on_one_wafer(const Network& net) {
  wafer::MappingOptions options;
  options.wafers = 1;
  options.delays = wafer::DelayModel::kIdeal;
  return wafer::map_network(net, options);
}

RunResult simulate(const Network& net) {
  Simulator sim(net, SimulatorOptions{});
  sim.run(net.simulation.duration);
  return sim.result();
}

TEST(WaferMappedRun, ExactWeightsWithoutLossGiveTheIdealSpikes) {
  const Network ideal = small_network(Distribution::constant(0.006));
  const wafer::MappingResult mapping = map_on_one_wafer(ideal);
  ASSERT_EQ(mapping.total.lost(), 0u);
  const Network mapped = wafer::mapped_network(ideal, mapping);
  for (size_t p = 0; p < mapped.projections.size(); ++p) {
    const auto& realised = mapped.projections[p].mapped;
    ASSERT_TRUE(realised);
    EXPECT_EQ(realised->realised, mapping.drawn.synapses_per_projection[p]);
    for (float w : realised->weight) EXPECT_EQ(w, 0.006f);
  }
  const RunResult a = simulate(ideal), b = simulate(mapped);
  ASSERT_GT(a.spikes.size(), 200u);  // the LIF populations fire, not only the input
  ASSERT_EQ(a.spikes.size(), b.spikes.size());
  for (size_t i = 0; i < a.spikes.size(); ++i) {
    EXPECT_EQ(a.spikes[i].population, b.spikes[i].population) << i;
    EXPECT_EQ(a.spikes[i].neuron, b.spikes[i].neuron) << i;
    EXPECT_EQ(a.spikes[i].time_ms, b.spikes[i].time_ms) << i;
  }
}

TEST(WaferMappedRun, VariationIsASeededPerNeuronPattern) {
  const Network ideal = small_network(Distribution::constant(0.006));
  const wafer::MappingResult mapping = map_on_one_wafer(ideal);
  wafer::MappedNetworkOptions options;
  options.variation = 0.1;
  options.seed = 1;
  const Network a = wafer::mapped_network(ideal, mapping, options);
  const Network b = wafer::mapped_network(ideal, mapping, options);
  options.seed = 2;
  const Network c = wafer::mapped_network(ideal, mapping, options);
  EXPECT_TRUE(a.populations[0].per_neuron.empty());  // spike sources do not vary
  const PerNeuronParams& pa = a.populations[1].per_neuron;
  for (const std::vector<double>* values :
       {&pa.v_thresh, &pa.tau_m, &pa.tau_syn_E, &pa.tau_syn_I, &pa.tau_refrac})
    ASSERT_EQ(values->size(), 60u);
  EXPECT_EQ(pa.tau_m, b.populations[1].per_neuron.tau_m);
  EXPECT_NE(pa.tau_m, c.populations[1].per_neuron.tau_m);
  // The relative spread of tau_m is the variation (60 draws: within about 3 standard errors).
  const double tau = ideal.populations[1].params.tau_m;
  double sum = 0, sum2 = 0;
  for (double t : pa.tau_m) {
    sum += t / tau - 1;
    sum2 += (t / tau - 1) * (t / tau - 1);
  }
  const double mean = sum / 60, sd = std::sqrt(sum2 / 60 - mean * mean);
  EXPECT_NEAR(mean, 0.0, 0.04);
  EXPECT_NEAR(sd, 0.1, 0.03);
  options.variation = 0.9;
  EXPECT_THROW(wafer::mapped_network(ideal, mapping, options), Error);
}

class WaferRunCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer_wafer_run_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A network file whose weights are `weight` (a TOML value).
  std::string network_file(const std::string& weight) const {
    const fs::path path = dir_ / "net.toml";
    std::ofstream(path) << "[simulation]\nduration = 200.0\nseed = 4\n"
                        << "[populations.input]\nsize = 40\nmodel = \"SpikeSourcePoisson\"\n"
                        << "rate = 20.0\n"
                        << "[populations.exc]\nsize = 60\nmodel = \"IF_cond_exp\"\n"
                        << "[[projections]]\nsource = \"input\"\ntarget = \"exc\"\n"
                        << "connector = { kind = \"fixed_probability\", p = 0.4 }\n"
                        << "weight = " << weight << "\ndelay = 1.0\n"
                        << "[[projections]]\nsource = \"exc\"\ntarget = \"exc\"\n"
                        << "connector = { kind = \"fixed_probability\", p = 0.1 }\n"
                        << "weight = " << weight << "\ndelay = 1.0\n";
    return path.string();
  }
  test::Outcome run(const std::string& args) const {
    return test::run_cli("run " + args + " --out " + (dir_ / "out").string());
  }
  nlohmann::json summary() const {
    std::ifstream in(dir_ / "out" / "summary.json");
    return nlohmann::json::parse(in);
  }

  fs::path dir_;
};

TEST_F(WaferRunCli, ExactWeightsCompareIdentical) {
  const test::Outcome o = run(network_file("0.006") + " --wafer --wafers 1 --delays ideal --compare");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const nlohmann::json w = summary()["wafer"];
  EXPECT_EQ(w["delays"], "ideal");
  EXPECT_EQ(w["synapse_loss"], 0.0);
  EXPECT_EQ(w["comparison"]["identical_spikes"], true);
  EXPECT_GT(w["comparison"]["spikes_mapped"], 0);
  for (const auto& p : w["comparison"]["populations"])
    EXPECT_EQ(p["rate_rms_difference_hz"], 0.0) << p["name"];
}

TEST_F(WaferRunCli, HardwareDelaysByDefault) {
  // One chip: every event takes 64.44 + 3.97 ns, 0.6841 ms at 10^4, instead of the file's 1 ms.
  const test::Outcome o = run(network_file("0.006") + " --wafer --wafers 1 --compare");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const nlohmann::json w = summary()["wafer"];
  EXPECT_EQ(w["delays"], "hardware");
  EXPECT_NEAR(w["delay_ms_mean"].get<double>(), 0.6841, 1e-9);
  EXPECT_NEAR(w["delay_ms_max"].get<double>(), 0.6841, 1e-9);
  EXPECT_EQ(w["comparison"]["identical_spikes"], false);
  const test::Outcome late = run(network_file("0.006") + " --wafer --delays late");
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_NE(late.output.find("use hardware"), std::string::npos) << late.output;
}

TEST_F(WaferRunCli, QuantizedWeightsReportTheChange) {
  const test::Outcome o =
      run(network_file("{ uniform = [0.001, 0.008] }") + " --wafer --wafers 1 --speedup 1e3 --compare");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const nlohmann::json s = summary();
  const nlohmann::json w = s["wafer"];
  EXPECT_EQ(w["speedup"], 1e3);
  EXPECT_DOUBLE_EQ(w["hardware_time_ms"].get<double>(), s["bio_time_ms"].get<double>() / 1e3);
  EXPECT_DOUBLE_EQ(w["wall_over_hardware"].get<double>(),
                   s["wall_s"].get<double>() * 1000.0 / w["hardware_time_ms"].get<double>());
  EXPECT_GT(w["weight_quantization_error_max"].get<double>(), 0.0);
  for (const char* key : {"bio_time_ms", "synapse_loss", "synapses_realized", "variation"})
    EXPECT_TRUE(w.contains(key)) << key;
  const nlohmann::json& pops = w["comparison"]["populations"];
  ASSERT_EQ(pops.size(), 2u);
  for (const char* key : {"rate_ideal_hz", "rate_mapped_hz", "rate_relative_change",
                          "rate_rms_difference_hz"})
    EXPECT_TRUE(pops[1].contains(key)) << key;
  EXPECT_EQ(pops[0]["rate_rms_difference_hz"], 0.0);  // the Poisson input is not mapped away
  EXPECT_TRUE(fs::exists(dir_ / "out" / "mapping.json"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "ideal" / "summary.json"));
}

TEST_F(WaferRunCli, SpeedupOutOfRangeIsRefused) {
  const std::string net = network_file("0.006");
  for (const char* speedup : {"5e2", "2e5"}) {
    const test::Outcome o = run(net + " --wafer --speedup " + speedup);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find("--speedup"), std::string::npos) << o.output;
    EXPECT_NE(o.output.find("1e3 to 1e5"), std::string::npos) << o.output;
  }
  const test::Outcome o = run(net + " --speedup 1e4");
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("add --wafer"), std::string::npos) << o.output;
  EXPECT_FALSE(fs::exists(dir_ / "out" / "summary.json"));
}

TEST_F(WaferRunCli, NeuronSizeAndNeuronsPerChipForceTheMapping) {
  const std::string net = network_file("0.006");
  const test::Outcome o = run(net + " --wafer --neuron-size 4 --neurons-per-chip 20");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::ifstream in(dir_ / "out" / "mapping.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["neuron_size"], 4);
  EXPECT_EQ(j["neurons_per_hicann"], 20);
  EXPECT_EQ(j["neuron_sizes_tried"].size(), 1u);
  for (const char* option : {" --neuron-size 4", " --neurons-per-chip 20"}) {
    const test::Outcome refused = run(net + option);
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("add --wafer"), std::string::npos) << refused.output;
  }
}

}  // namespace
