// `spikewafer run` end to end: a good network writes its files; every kind of bad input gets a
// message naming the place and the fix, its exit code, and leaves no output behind.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;

using spikewafer::test::Outcome;

class CliRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer_cli_" + std::string(::testing::UnitTest::GetInstance()
                                                ->current_test_info()
                                                ->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_network(const std::string& text) const {
    const std::string path = (dir_ / "net.toml").string();
    std::ofstream(path) << text;
    return path;
  }

  Outcome run(const std::string& args) const { return spikewafer::test::run_cli("run " + args); }

  // Runs a network that must be refused with `code` and a message containing `expected`.
  void expect_refused(const std::string& toml, int code, const std::string& expected) {
    const Outcome o = run(write_network(toml) + " --out " + (dir_ / "out").string());
    EXPECT_EQ(o.exit_code, code) << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "spikes.h5"));
    EXPECT_FALSE(fs::exists(dir_ / "out" / "summary.json"));
  }

  fs::path dir_;
};

const std::string kGood = R"(
[simulation]
dt = 0.1
duration = 50.0
[populations.a]
size = 20
model = "IF_cond_exp"
params = { tau_m = 20.0, cm = 0.2, v_rest = -60.0, v_thresh = -50.0, v_reset = -60.0 }
noise = { rate_E = 3000.0, weight_E = 0.004 }
record = ["spikes"]
[[projections]]
source = "a"
target = "a"
connector = { kind = "fixed_probability", p = 0.2 }
weight = 0.001
delay = 0.5
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("test bug: '" + from + "' not found");
  return text.replace(at, from.size(), to);
}

TEST_F(CliRun, GoodNetworkWritesAllFilesAndNoTemporaries) {
  const Outcome o = run(write_network(kGood) + " --out " + (dir_ / "out").string() + " --csv");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("\"realtime_factor\""), std::string::npos);  // the summary is printed
  for (const char* f : {"spikes.h5", "spikes.csv", "summary.json"})
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
  std::ifstream csv(dir_ / "out" / "spikes.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "population,replica,neuron,time_ms");
  for (const auto& entry : fs::directory_iterator(dir_ / "out"))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos);
}

TEST_F(CliRun, ShippedExampleRunsAsWritten) {
  const Outcome o = run(std::string(SPIKEWAFER_SOURCE_DIR) + "/examples/network.toml --out " +
                        (dir_ / "out").string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "traces.h5"));  // record = ["spikes", "v"]
}

// An output folder that cannot be written is reported before the simulation (it once ran the
// whole network first).
TEST_F(CliRun, UnwritableOutputFolderFailsBeforeSimulating) {
  std::ofstream(dir_ / "a_file") << "x";
  const Outcome o = run(write_network(kGood) + " --out " + (dir_ / "a_file" / "out").string());
  EXPECT_EQ(o.exit_code, 5) << o.output;
  EXPECT_NE(o.output.find("cannot create output directory"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find("building"), std::string::npos) << o.output;
}

// Recorded traces count in the memory estimate (they once did not: 2.7 GB resident where the
// summary said 31.7 MB): a run whose traces cannot fit is refused before it starts.
TEST_F(CliRun, TracesThatCannotFitAreRefusedWithExit3) {
  expect_refused(replace(replace(kGood, "duration = 50.0", "duration = 1e9"),
                         "record = [\"spikes\"]", "record = [\"v\"]"),
                 3, "of recorded traces");
}

// A full disk (here a file-size limit, which fails write() as ENOSPC would) is an output error:
// exit 5 and no file left behind. HDF5's exit handler once closed the broken file again and
// crashed (exit 139).
TEST_F(CliRun, AFullDiskIsAnOutputErrorNotACrash) {
  const std::string cmd = "trap '' XFSZ; ulimit -f 20; " + std::string(SPIKEWAFER_BINARY) +
                          " run " + write_network(replace(kGood, "duration = 50.0", "duration = 2000.0")) +
                          " --out " + (dir_ / "out").string() + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 5) << output;
  EXPECT_TRUE(fs::is_empty(dir_ / "out")) << output;
}

// /dev/zero as a network file was read until memory ran out.
TEST_F(CliRun, AnEndlessFileIsRefused) {
  const Outcome o = run("/dev/zero --out " + (dir_ / "out").string());
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("longer than 256 MB"), std::string::npos) << o.output;
}

TEST_F(CliRun, MissingFile) {
  const Outcome o = run((dir_ / "nope.toml").string() + " --out " + (dir_ / "out").string());
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.output.find("nope.toml"), std::string::npos) << o.output;
}

// Bad command-line values are bad input like a bad file: exit 2, nothing written.
TEST_F(CliRun, BadCommandLineValues) {
  const std::string base = write_network(kGood) + " --out " + (dir_ / "out").string();
  for (const auto& [args, expected] :
       {std::pair<std::string, std::string>{" --backend gpu", "{cpu,cuda,auto}"},
        {" --threads -1", "from 0 (all cores) to 1024, got '-1'"},
        // OpenMP crashed on this many threads before they were bounded.
        {" --threads 100000", "from 0 (all cores) to 1024, got '100000'"},
        {" --seed x", "--seed"},
        // Once taken as 2^64 - 1 and clamped to it.
        {" --seed -1", "from 0 to 18446744073709551615, got '-1'"},
        {" --seed 18446744073709551616", "got '18446744073709551616'"},
        {" --no-such-option", "--no-such-option"}}) {
    const Outcome o = run(base + args);
    EXPECT_EQ(o.exit_code, 2) << args << ": " << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << args << ": " << o.output;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "summary.json")) << args;
  }
}

TEST_F(CliRun, UnknownKey) { expect_refused(replace(kGood, "dt = 0.1", "dtt = 0.1"), 2, "dtt"); }
TEST_F(CliRun, MissingRequiredKey) { expect_refused(replace(kGood, "size = 20\n", ""), 2, "size"); }
TEST_F(CliRun, WrongType) { expect_refused(replace(kGood, "size = 20", "size = \"20\""), 2, "size"); }
TEST_F(CliRun, NonPositiveTau) {
  expect_refused(replace(kGood, "tau_m = 20.0", "tau_m = -1.0"), 2, "tau_m");
}
// Valid doubles the single-precision kernels cannot compute with: once NaN membranes, exit 0.
TEST_F(CliRun, ValuesOutsideSinglePrecisionAreRefused) {
  expect_refused(replace(kGood, "tau_m = 20.0", "tau_m = 1e-300"), 2, "tau_m: must be at least 1e-30");
  expect_refused(replace(kGood, "cm = 0.2", "cm = 1e-40"), 2, "cm: must be at least");
  expect_refused(replace(kGood, "weight = 0.001", "weight = 1e308"), 2, "within +-1e30");
  // Once allocated 16 GB for the index list before any check, then std::bad_alloc (exit 1).
  expect_refused(replace(replace(kGood, "size = 20", "size = 4294967295"), "record = [\"spikes\"]",
                         "record = [\"v\"]"),
                 2, "traces of at most 67108864 neurons");
  // Accepted once, and would have run 2^63 steps; 4294967295 ms ran for days.
  expect_refused(replace(kGood, "duration = ", "duration = 1e20 # "), 2, "at most 1e9 ms");
  expect_refused(replace(kGood, "duration = ", "duration = 4294967295 # "), 2, "at most 1e9 ms");
  expect_refused(replace(replace(kGood, "duration = ", "duration = 1e9 # "), "dt = 0.1",
                         "dt = 0.0001"),
                 2, "at most 1e12");
}

// Values within range can still drive a membrane out of single precision (reversal potentials
// of 1e30 with strong noise): that ran to NaN traces and exited 0; now it is an error naming the
// population, and nothing is written.
TEST_F(CliRun, NonFiniteMembranesAreAnErrorNotAResult) {
  const std::string toml = R"(
[simulation]
dt = 0.1
duration = 5.0
[populations.a]
size = 2
model = "IF_cond_exp"
params = { e_rev_E = 1e30, e_rev_I = -1e30, tau_refrac = 0.0 }
noise = { rate_E = 5000.0, weight_E = 1e29, rate_I = 5000.0, weight_I = 1e29 }
record = ["spikes", "v"]
)";
  expect_refused(toml, 2, "population 'a' (replica 0) is not a finite number");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "traces.h5"));
}

TEST_F(CliRun, ThresholdBelowReset) {
  expect_refused(replace(kGood, "v_thresh = -50.0", "v_thresh = -70.0"), 2, "v_thresh");
}
TEST_F(CliRun, NegativeRate) {
  expect_refused(replace(kGood, "rate_E = 3000.0", "rate_E = -3.0"), 2, "rate_E");
}
TEST_F(CliRun, PoissonRateTooHighForTheStep) {
  // 100 kHz at dt = 0.1 ms is 10 events per step; the exact draw supports at most 8.
  expect_refused(replace(kGood, "rate_E = 3000.0", "rate_E = 100000.0"), 2, "events per step");
}
TEST_F(CliRun, DelayShorterThanDt) {
  expect_refused(replace(kGood, "delay = 0.5", "delay = 0.05"), 2, "delay");
}
TEST_F(CliRun, UnknownPopulationInProjection) {
  expect_refused(replace(kGood, "target = \"a\"", "target = \"b\""), 2, "'b'");
}
TEST_F(CliRun, NetworkTooLargeForMemorySaysHowMuchItNeeds) {
  // 10^7 neurons all-to-all with themselves: 10^14 synapses.
  expect_refused(replace(replace(kGood, "size = 20", "size = 10000000"), "p = 0.2", "p = 1.0"), 3,
                 "needs about");
}
TEST_F(CliRun, CudaBackendWhereItCannotRun) {
#ifdef SPIKEWAFER_WITH_CUDA
  const bool built = true;
#else
  const bool built = false;
#endif
  const Outcome o = run(write_network(kGood) + " --out " + (dir_ / "out").string() +
                        " --backend cuda");
  if (o.exit_code == 0) GTEST_SKIP() << "a GPU is present here";
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_NE(o.output.find(built ? "CUDA" : "built without the CUDA backend"), std::string::npos)
      << o.output;
}
TEST_F(CliRun, UnwritableOutputFolder) {
  std::ofstream(dir_ / "file") << "x";
  const Outcome o = run(write_network(kGood) + " --out " + (dir_ / "file" / "out").string());
  EXPECT_EQ(o.exit_code, 5) << o.output;
  EXPECT_NE(o.output.find("file"), std::string::npos) << o.output;
}

}  // namespace
