// The sampling and Ising commands end to end: bad input gets a message naming the file, key and
// fix, exit code 2, and no result tables; a good run writes them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

namespace spikewafer::test {
namespace {

namespace fs = std::filesystem;

class CliSampling : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer_cli_sampling_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::string out() const { return (dir_ / "out").string(); }

  void expect_refused(const std::string& args, const std::string& expected) const {
    const Outcome o = run_cli(args + " --no-plots");
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
    for (const char* table : {"scan.csv", "distribution.csv", "activation.csv", "sample.json"})
      EXPECT_FALSE(fs::exists(dir_ / "out" / table)) << table;
  }

  fs::path dir_;
};

TEST_F(CliSampling, BadTargetsAreRefusedWithTheKey) {
  expect_refused("sample " + write("bm.toml", "[target]\nW = [[0.0, 0.5], [0.4, 0.0]]\n"
                                              "b = [0.0, 0.0]\n") + " --out " + out(),
                 "target.W: not symmetric");
  expect_refused("sample " + write("bm.toml", "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\n"
                                              "b = [0.0]\n") + " --out " + out(),
                 "target.b");
  expect_refused("sample " + write("bm.toml", "[target]\nW = [[0.0, nan], [nan, 0.0]]\n"
                                              "b = [0.0, 0.0]\n") + " --out " + out(),
                 "target.W");
  expect_refused("sample " + (dir_ / "missing.toml").string() + " --out " + out(),
                 "cannot read sampling file");
  expect_refused("sample " + write("bm.toml", "[target]\nrandom = { n = 3, w_std = 1.0, b_std = 1.0 }\n[sampler]\n"
                                              "replicas = 0\n") + " --out " + out(),
                 "sampler.replicas");
  // A duration shorter than the default sample interval once dereferenced the absent
  // sample_interval key (a crash under AddressSanitizer).
  expect_refused("sample " + write("bm.toml", "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\n"
                                              "b = [0.0, 0.0]\n[sampler]\nduration = 0.5\n") +
                     " --out " + out(),
                 "sampler.duration: must be at least the sample interval");
  expect_refused("sample " + write("bm.toml", "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\n"
                                              "b = [0.0, 0.0]\n[sampler]\ntranslation = \"half\"\n") +
                     " --out " + out(),
                 "sampler.translation");
}

TEST_F(CliSampling, BadNeuronAndScanFilesAreRefusedWithTheKey) {
  expect_refused("calibrate " + write("n.toml", "[neuron]\nmodel = \"HH\"\n") + " --out " + out(),
                 "HH");
  expect_refused("calibrate " + write("n.toml", "[neuron]\nparams = { tau_refrac = 0.0 }\n") +
                     " --out " + out(),
                 "tau_refrac");
  expect_refused("ising-scan " + write("s.toml", "[scan]\nT = { from = 0.0, to = 1.0, num = 3 }\n") +
                     " --out " + out(),
                 "T must be > 0");
  expect_refused("ising-scan " + write("s.toml", "[lattice]\nkind = \"hexagonal\"\n") +
                     " --out " + out(),
                 "hexagonal");
  // Found by scripts/fuzz-configs.py: one sample per replica wrote NaN statistics, exit 0.
  expect_refused("ising-scan " + write("s.toml", "[scan]\nmeasure = 0.5\n") + " --out " + out(),
                 "scan.measure: 0.5 gives fewer than 10 samples per replica");
}

// What does not fit is refused before it is allocated (measure = 1e300 once ended in
// std::bad_alloc, exit 1): exit 3 naming the amount.
// 2^32 - 1 replicas ended in std::bad_alloc (exit 1) with the tables half made: refused before
// anything is written; so are series of samples too long to keep.
TEST_F(CliSampling, AScanThatDoesNotFitIsRefusedWithExit3) {
  for (const char* scan : {"replicas = 4294967295", "measure = 1e9\nreplicas = 100000"}) {
    const std::string config =
        write("s.toml", std::string("[lattice]\nsize = 4\n[scan]\n") + scan +
                            "\n[sampler]\nkind = \"glauber\"\n");
    const Outcome o = run_cli("ising-scan " + config + " --out " + out() + " --no-plots");
    EXPECT_EQ(o.exit_code, 3) << scan << "\n" << o.output;
    EXPECT_NE(o.output.find("lower scan.replicas or scan.measure"), std::string::npos) << o.output;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "scan.csv")) << scan;
  }
}

// Times too long to run: 1e300 as a duration, a burn-in, a measurement or steps per field ran
// without end (the hysteresis printed -9223372036854775808 sweeps).
TEST_F(CliSampling, EndlessTimesAreRefusedWithTheKey) {
  const std::string bm = "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\nb = [0.0, 0.0]\n[sampler]\n";
  const std::string lattice = "[lattice]\nsize = 4\n";
  struct Case {
    const char* command;
    std::string config, expected;
  };
  for (const Case& c : {Case{"sample", bm + "duration = 1e300\n", "sampler.duration"},
                        Case{"sample", bm + "burn_in = 1e300\n", "at most 1e9"},
                        Case{"ising-scan", lattice + "[scan]\nburn_in = 1e300\n", "scan.burn_in"},
                        Case{"ising-scan", lattice + "[scan]\nmeasure = 1e300\n", "scan.measure"},
                        Case{"hysteresis",
                             lattice + "[hysteresis]\nT = [2.0]\nsteps_per_field = 1e300\n",
                             "hysteresis.steps_per_field"}})
    expect_refused(std::string(c.command) + " " + write("c.toml", c.config) + " --out " + out(),
                   c.expected);
}

// The same for sampling and hysteresis: 2^32 - 1 replicas ended in std::bad_alloc (exit 1),
// 10^8 field values grew until the system killed the process (2 x 10^9 here: far beyond any
// machine's memory, whatever else runs).
TEST_F(CliSampling, SamplingAndLoopsThatDoNotFitAreRefusedWithExit3) {
  Outcome o = run_cli("sample " + write("bm.toml", "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\n"
                                                    "b = [0.0, 0.0]\n[sampler]\n"
                                                    "replicas = 4294967295\n") +
                      " --out " + out() + " --no-plots");
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_NE(o.output.find("use fewer replicas"), std::string::npos) << o.output;
  o = run_cli("hysteresis " + write("h.toml", "[lattice]\nsize = 4\n[hysteresis]\nT = [2.0]\n"
                                               "h = { from = -1.0, to = 1.0, num = 2000000000 }\n"
                                               "[sampler]\nkind = \"glauber\"\n") +
              " --out " + out() + " --no-plots");
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_NE(o.output.find("use fewer field values"), std::string::npos) << o.output;
}

// Calibration: 4e9 replicas per point ended in std::bad_alloc (exit 1), 4e9 points grew until
// the system swapped.
TEST_F(CliSampling, CalibrationsThatDoNotFitAreRefusedWithExit3) {
  for (const char* key : {"points = 4000000000", "replicas = 4000000000"}) {
    const std::string config = write("n.toml", std::string("[calibration]\n") + key + "\n");
    const Outcome o = run_cli("calibrate " + config + " --out " + out());
    EXPECT_EQ(o.exit_code, 3) << key << "\n" << o.output;
    EXPECT_NE(o.output.find("give calibration.points or calibration.replicas fewer"),
              std::string::npos)
        << o.output;
    EXPECT_FALSE(fs::exists(fs::path(out()) / "calibration.json"));
  }
}

TEST_F(CliSampling, SmallScanWritesItsTableAndRefusesASecondFreshRun) {
  const std::string scan = write("s.toml",
                                 "[lattice]\nsize = 4\n[scan]\nT = { from = 1.0, to = 4.0, num = 3 }\n"
                                 "replicas = 2\nburn_in = 10\nmeasure = 50\n");
  const Outcome first = run_cli("ising-scan " + scan + " --out " + out() + " --no-plots");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  std::ifstream table(dir_ / "out" / "scan.csv");
  std::string line;
  int lines = 0;
  while (std::getline(table, line)) ++lines;
  EXPECT_EQ(lines, 4);  // header and three points
  const Outcome second = run_cli("ising-scan " + scan + " --out " + out() + " --no-plots");
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.output.find("--resume"), std::string::npos) << second.output;
}

}  // namespace
}  // namespace spikewafer::test
