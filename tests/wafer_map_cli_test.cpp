// `spikewafer wafer-map` end to end: the example maps without loss and writes its report; bad
// inputs get a message naming the place and the fix, exit code 2, and no report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using spikewafer::test::Outcome;

class WaferMapCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer_wafer_map_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome map(const std::string& args) const {
    return spikewafer::test::run_cli("wafer-map " + args + " --no-plots");
  }
  std::string out() const { return (dir_ / "out").string(); }
  std::string example() const {
    return std::string(SPIKEWAFER_SOURCE_DIR) + "/examples/wafer_small.toml";
  }
  void expect_refused(const std::string& args, const std::string& expected) {
    const Outcome o = map(args);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "mapping.json"));
  }

  fs::path dir_;
};

TEST_F(WaferMapCli, ExampleMapsWithoutLoss) {
  const Outcome o = map(example() + " --out " + out() + " --wafers 1");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::ifstream in(dir_ / "out" / "mapping.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  for (const char* key : {"neurons_requested", "neurons_placed", "synapses_requested",
                          "synapses_realized", "synapse_loss", "hicanns_used", "wafers_used",
                          "l1_lines_used", "weight_quantization_error_mean",
                          "weight_quantization_error_max", "loss_by_cause", "neuron_size",
                          "router", "projections"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["neurons_requested"], 550);
  EXPECT_EQ(j["neurons_placed"], 550);
  EXPECT_EQ(j["synapse_loss"], 0.0);
  EXPECT_EQ(j["synapses_realized"], j["synapses_requested"]);
  EXPECT_EQ(j["wafers_used"], 1);
  EXPECT_LE(j["weight_quantization_error_max"].get<double>(), 1.0 / 30.0 + 1e-9);
  for (const char* file : {"placement.csv", "chips.csv", "routes.csv", "projections.csv"})
    EXPECT_TRUE(fs::exists(dir_ / "out" / file)) << file;
  std::ifstream placement(dir_ / "out" / "placement.csv");
  std::string header;
  std::getline(placement, header);
  EXPECT_EQ(header, "population,neuron,wafer,hicann,block,address");
}

TEST_F(WaferMapCli, BadInputsAreRefused) {
  expect_refused(example() + " --out " + out() + " --wafers 0", "1 to 20 wafers");
  expect_refused(example() + " --out " + out() + " --wafers 21", "1 to 20 wafers");
  expect_refused(example() + " --out " + out() + " --neuron-size 3", "even size 2 to 64");
  expect_refused(example() + " --out " + out() + " --router astar", "shortest-path or backbone");
  expect_refused(example() + " --out " + out() + " --neurons-per-chip 473", "1 to 472 neurons");
  expect_refused(example() + " --out " + out() + " --neurons-per-chip -1", "1 to 472 neurons");
  expect_refused((dir_ / "missing.toml").string() + " --out " + out(), "missing.toml");
  const std::string big = (dir_ / "big.toml").string();
  // More than one wafer holds even with single-circuit neurons (181,248): 848 chips at size 2.
  std::ofstream(big) << "[populations.huge]\nsize = 200000\nmodel = \"IF_cond_exp\"\n";
  expect_refused(big + " --out " + out() + " --wafers 1", "--wafers 3");
  expect_refused(big + " --out " + out() + " --wafers 1", "--neuron-size 1 gives 472 per chip");
  // Seeds above 2^63 - 1 were clamped silently; thread counts are bounded as elsewhere.
  expect_refused(example() + " --out " + out() + " --seed 18446744073709551616", "--seed");
  expect_refused(example() + " --out " + out() + " --seed -1", "--seed");
  expect_refused(example() + " --out " + out() + " --threads 100000", "--threads");
}

// Seeds of the whole uint64 range reach the mapping (2^63 and 2^64 - 1 had given the mapping of
// 2^63 - 1), and an unwritable output folder is refused before the mapping, not after it.
TEST_F(WaferMapCli, LargeSeedsAreKeptAndAnUnwritableFolderFailsFirst) {
  std::string reports[2];
  const char* seeds[2] = {"9223372036854775807", "18446744073709551615"};
  for (int k = 0; k < 2; ++k) {
    const std::string dir = out() + std::to_string(k);
    const Outcome o =
        map(example() + " --out " + dir + " --wafers 1 --threads 1 --seed " + seeds[k]);
    ASSERT_EQ(o.exit_code, 0) << o.output;
    std::ifstream in(dir + "/chips.csv");  // the synapses drawn with the seed, per chip
    std::stringstream text;
    text << in.rdbuf();
    reports[k] = text.str();
  }
  EXPECT_FALSE(reports[0].empty());
  EXPECT_TRUE(reports[0] != reports[1]) << "seed 2^64 - 1 mapped as 2^63 - 1";
  std::ofstream(dir_ / "a_file") << "x";
  const Outcome o = map(example() + " --out " + (dir_ / "a_file" / "out").string());
  EXPECT_EQ(o.exit_code, 5) << o.output;
  EXPECT_EQ(o.output.find("mapped"), std::string::npos) << o.output;
}

}  // namespace
