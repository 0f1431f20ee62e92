// SCAN.toml: the issue's example reads as written, and bad scan files are refused with the file,
// line, key and the fix.
#include <gtest/gtest.h>

#include <string>

#include "ising/scan_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

const char* const kExample = R"(
[lattice]
kind = "square"     # square | chain | cubic | complete
size = 16           # L
J = 1.0
[scan]
T = { from = 1.5, to = 3.5, num = 21 }
h = { from = 0.0, to = 0.0, num = 1 }
replicas = 8        # per grid point
burn_in = 1000
measure = 5000
initial = "random"  # random | up | down | previous | checkerboard | stripes | domains
[sampler]
kind = "glauber"    # glauber | spiking; the command-line flag overrides it
seed = 3
)";

TEST(IsingScanConfig, TheIssueExampleReadsAsWritten) {
  const ScanConfig c = parse_scan_config(kExample, "scan.toml");
  EXPECT_EQ(c.lattice.kind, LatticeKind::kSquare);
  EXPECT_EQ(c.sizes, std::vector<uint32_t>{16});
  EXPECT_EQ(c.axes, Axes::kTemperatureField);
  EXPECT_EQ(c.first.values().size(), 21u);
  EXPECT_DOUBLE_EQ(c.first.values()[20], 3.5);
  EXPECT_DOUBLE_EQ(c.first.values()[1], 1.6);
  EXPECT_EQ(c.replicas, 8u);
  EXPECT_DOUBLE_EQ(c.burn_in, 1000.0);
  EXPECT_DOUBLE_EQ(c.measure, 5000.0);
  EXPECT_EQ(c.samplers, std::vector<SamplerKind>{SamplerKind::kGlauber});
  EXPECT_EQ(c.seed, 3u);
}

TEST(IsingScanConfig, LiteratureAxesAndSeveralSizes) {
  const ScanConfig c = parse_scan_config(
      "[lattice]\nsize = [8, 16]\n[scan]\nW = { from = 0.5, to = 2.0, num = 4 }\n"
      "b_f = { from = 0.8, to = 1.2, num = 3 }\n[sampler]\nkind = \"both\"\n",
      "s.toml");
  EXPECT_EQ(c.axes, Axes::kWeightBias);
  EXPECT_EQ(c.sizes, (std::vector<uint32_t>{8, 16}));
  EXPECT_EQ(c.second.num, 3u);
  EXPECT_EQ(c.samplers.size(), 2u);
}

void expect_refused(const std::string& text, const std::string& expected) {
  try {
    parse_scan_config(text, "bad.toml");
    FAIL() << "accepted: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.toml:"), std::string::npos) << e.what();
  }
}

TEST(IsingScanConfig, BadFilesNameTheKeyAndTheFix) {
  expect_refused("[scan]\nT = { from = -1.0, to = 2.0, num = 3 }\n", "T must be > 0");
  expect_refused("[scan]\nT = 2.0\nW = 1.0\n", "either as T and h or as W and b_f");
  expect_refused("[scan]\ninitial = \"sideways\"\n", "sideways");
  expect_refused("[lattice]\nkind = \"hexagonal\"\n", "hexagonal");
  expect_refused("[lattice]\nsize = 1\n", "lattice.size");
  expect_refused("[sampler]\nkind = \"quantum\"\n", "glauber, spiking, both");
  expect_refused("[scan]\nreplica = 8\n", "replica");
  expect_refused("[scan]\nT = { from = 1.0, to = 2.0, num = 1 }\n", "num = 1");
  expect_refused("[scan\n", "invalid TOML");
}

}  // namespace
}  // namespace spikewafer::ising
