// An interrupted scan resumed with --resume gives the same tables as a straight run, byte for
// byte: seeds depend only on the grid point, rows are appended whole as batches finish, and a
// torn last line is dropped. A second fresh run into the same folder is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "ising/scan_config.hpp"
#include "ising/scan_driver.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ScanConfig small_scan(InitialPattern initial) {
  ScanConfig c;
  c.sizes = {4, 6};
  c.first = {1.5, 3.5, 5};
  c.second = {0.0, 0.2, 2};
  c.replicas = 2;
  c.burn_in = 50;
  c.measure = 200;
  c.initial = initial;
  c.batch_units = 2 * 36 * 3;  // three points per batch at L = 6: several batches
  c.seed = 7;
  return c;
}

class IsingScanResume : public ::testing::TestWithParam<InitialPattern> {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("spikewafer_resume_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(static_cast<int>(GetParam())));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

TEST_P(IsingScanResume, ResumedScanEqualsStraightScan) {
  const ScanConfig config = small_scan(GetParam());
  const std::string straight = (root_ / "straight").string(), resumed = (root_ / "resumed").string();
  scan_to_directory(config, {straight, false, 2, {}, {}});

  int batches = 0;
  const auto stop_after_three = [&batches] {
    if (++batches == 3) throw Interrupted();
  };
  EXPECT_THROW(scan_to_directory(config, {resumed, false, 2, {}, stop_after_three}), Interrupted);
  std::ofstream(resumed + "/scan.csv", std::ios::app) << "glauber,6,9,2.5,0";  // a torn line
  scan_to_directory(config, {resumed, true, 1, {}, {}});  // another thread count, too

  EXPECT_EQ(slurp(straight + "/scan.csv"), slurp(resumed + "/scan.csv"));
  EXPECT_EQ(slurp(straight + "/configurations.csv"), slurp(resumed + "/configurations.csv"));
  // 2 sizes x 10 points, plus the header.
  const std::string table = slurp(straight + "/scan.csv");
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 21);
}

INSTANTIATE_TEST_SUITE_P(Initial, IsingScanResume,
                         ::testing::Values(InitialPattern::kRandom, InitialPattern::kPrevious));

// Variants of a comparison keep their own rows and their own "previous" states.
TEST(IsingScanFolder, ResumedComparisonEqualsStraightScan) {
  const fs::path dir = fs::temp_directory_path() / ("spikewafer_compare_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ScanConfig config = small_scan(InitialPattern::kRandom);
  config.compare.initial = {InitialPattern::kPrevious, InitialPattern::kCheckerboard};
  const std::string straight = (dir / "straight").string(), resumed = (dir / "resumed").string();
  scan_to_directory(config, {straight, false, 1, {}, {}});
  int batches = 0;
  const auto stop_after_five = [&batches] {
    if (++batches == 5) throw Interrupted();
  };
  EXPECT_THROW(scan_to_directory(config, {resumed, false, 1, {}, stop_after_five}), Interrupted);
  scan_to_directory(config, {resumed, true, 1, {}, {}});
  const std::string table = slurp(straight + "/scan.csv");
  EXPECT_EQ(table, slurp(resumed + "/scan.csv"));
  // 2 variants x 2 sizes x 10 points, plus the header.
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 41);
  EXPECT_NE(table.find("\nglauber[initial=checkerboard],6,9,"), std::string::npos);
  // The "previous" states served their rows; finished scans keep no hidden files.
  for (const std::string& out : {straight, resumed})
    for (const auto& entry : fs::directory_iterator(out))
      EXPECT_NE(entry.path().filename().string().rfind(".previous_", 0), 0u) << entry.path();
  fs::remove_all(dir);
}

TEST(IsingScanFolder, FreshRunIntoAFinishedScanIsRefusedAndResumeChecksSettings) {
  const fs::path dir = fs::temp_directory_path() / ("spikewafer_refuse_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ScanConfig config = small_scan(InitialPattern::kRandom);
  config.sizes = {4};
  scan_to_directory(config, {dir.string(), false, 1, {}, {}});
  try {
    scan_to_directory(config, {dir.string(), false, 1, {}, {}});
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--resume"), std::string::npos) << e.what();
  }
  config.replicas = 3;
  {  // a scan that failed before its first row leaves only the header: it is started over
    const fs::path empty = dir / "failed_early";
    fs::create_directories(empty);
    const std::string finished = slurp(dir / "scan.csv");
    std::ofstream(empty / "scan.csv") << finished.substr(0, finished.find('\n') + 1);
    std::ofstream(empty / "scan_settings.txt") << "other settings\n";
    scan_to_directory(config, {empty.string(), false, 1, {}, {}});
    const std::string table = slurp(empty / "scan.csv");
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 11);  // header + 10 points
  }
  try {
    scan_to_directory(config, {dir.string(), true, 1, {}, {}});
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("settings differ"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spikewafer::ising
