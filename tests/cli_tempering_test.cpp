// `spikewafer sample` with a [tempering] table writes tempering.csv (one DKL and mode-switch
// curve per variant, the header the plot script reads) and tempering.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_support.hpp"

namespace spikewafer::test {
namespace {

namespace fs = std::filesystem;

TEST(CliTempering, WritesOneCurvePerVariant) {
  const fs::path dir = fs::temp_directory_path() / "spikewafer_cli_tempering";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string bm = (dir / "bm.toml").string();
  std::ofstream(bm) << "[target]\nW = [[0.0, 3.0], [3.0, 0.0]]\nb = [-1.5, -1.5]\n"
                       "[sampler]\nduration = 300.0\nreplicas = 2\ncalibration_duration = 500.0\n"
                       "gibbs = false\n"
                       "[tempering]\nvariants = [\"plain\", \"noise\"]\nrate_points = 1\n"
                       "period = 40.0\n";
  const Outcome o =
      run_cli("sample " + bm + " --out " + (dir / "out").string() + " --threads 2 --no-plots");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::ifstream csv(dir / "out" / "tempering.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "time_ms,variant,dkl,dkl_std,mode_switches_per_s");
  int plain = 0, noise = 0;
  while (std::getline(csv, line)) {
    plain += line.find(",plain,") != std::string::npos;
    noise += line.find(",noise,") != std::string::npos;
  }
  EXPECT_GT(plain, 5);
  EXPECT_EQ(plain, noise);
  EXPECT_TRUE(fs::exists(dir / "out" / "tempering.json"));
  EXPECT_NE(o.output.find("modes of the target"), std::string::npos) << o.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spikewafer::test
