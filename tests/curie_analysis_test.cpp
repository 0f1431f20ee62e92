// The Curie analysis of a scan table: a synthetic scan.csv with a known susceptibility law and
// Binder cumulants that cross at a known temperature is read back and fitted; malformed tables
// fail with the file and line named.
#include "ising/curie_analysis.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "ising/scan_csv.hpp"
#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

namespace fs = std::filesystem;

constexpr double kC = 2.0, kTc = 2.0, kGamma = 1.2, kBinderTc = 2.27;

std::string row(const std::string& sampler, uint32_t L, uint32_t point, double T, double h,
                double chi, double chi_err, double binder) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "%s,%u,%u,%.10g,%.10g,%.10g,1,0,0.01,0.5,0.01,%.10g,%.10g,-1,0.01,1,0.1,%.10g,"
                "0.001,3,0.5,8,5000\n",
                sampler.c_str(), L, point, T, h, 4.0 / T, chi, chi_err, binder);
  return buffer;
}

// T = 1.5 .. 3.5 in steps of 0.05 at h = 0: chi = C / (T - Tc)^gamma with 1% noise from T = 2.3
// up, below it a bump that peaks at T = 2.25 (so the default range starts at 2.45); Binder
// cumulants 0.6 - a_L (T - 2.27) with a_L growing with L. Rows at h = 0.3 carry nonsense that
// the zero-field selection must ignore.
std::string synthetic_scan() {
  std::string text = std::string(kScanCsvHeader) + "\n";
  RandomStream noise(11, 0, StreamPurpose::kConnect, 0);
  for (uint32_t L : {8u, 16u}) {
    const double slope = L == 8 ? 0.2 : 0.4;
    for (int k = 0; k <= 40; ++k) {
      const double T = 1.5 + 0.05 * k;
      const double law = kC / std::pow(T - kTc, kGamma);
      const double at_2_3 = kC / std::pow(2.3 - kTc, kGamma);
      const double chi = T >= 2.3 - 1e-9 ? law * (1.0 + 0.01 * noise.normal())
                                         : 1.05 * at_2_3 * std::exp(-std::pow((T - 2.25) / 0.3, 2));
      const double chi_err = T >= 2.3 - 1e-9 ? 0.01 * law : 0.05 * chi;
      const double binder = 0.6 - slope * (T - kBinderTc) + 0.0005 * noise.normal();
      text += row("glauber", L, 2 * k, T, 0.0, chi, chi_err, binder);
      text += row("glauber", L, 2 * k + 1, T, 0.3, 1e6, 1.0, 0.0);
    }
  }
  return text;
}

class CurieAnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("spikewafer_curie_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string write(const std::string& text) const {
    const std::string path = (dir_ / "scan.csv").string();
    std::ofstream(path) << text;
    return path;
  }
  // The message of the input_error that reading and analysing `text` throws.
  std::string error_of(const std::string& text) const {
    const std::string path = write(text);
    try {
      analyse_curie(read_scan_csv(path), CurieOptions{}, path);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInput);
      return e.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return "";
  }
  fs::path dir_;
};

TEST_F(CurieAnalysisTest, FitsTheSusceptibilityLawAndCrossesBinderCumulants) {
  const std::string path = write(synthetic_scan());
  const std::vector<ScanRow> rows = read_scan_csv(path);
  ASSERT_EQ(rows.size(), 164u);
  EXPECT_EQ(rows[3].sampler, "glauber");
  EXPECT_EQ(rows[3].point, 3u);
  EXPECT_DOUBLE_EQ(rows[3].h, 0.3);
  EXPECT_EQ(rows[3].samples, 5000u);

  const CurieAnalysis analysis = analyse_curie(rows, CurieOptions{}, path);
  ASSERT_EQ(analysis.fits.size(), 2u);
  for (const SizeFit& f : analysis.fits) {
    SCOPED_TRACE("L = " + std::to_string(f.L));
    EXPECT_EQ(f.h, 0.0);
    EXPECT_TRUE(f.weighted);
    EXPECT_NEAR(f.T_peak, 2.25, 1e-9);
    EXPECT_NEAR(f.fit.T_min, 2.45, 1e-9);  // the peak plus a tenth of the span of 2
    EXPECT_NEAR(f.fit.T_max, 3.5, 1e-9);
    EXPECT_EQ(f.fit.points, 22u);
    EXPECT_NEAR(f.fit.C, kC, 3 * f.fit.C_err);
    EXPECT_NEAR(f.fit.Tc, kTc, 3 * f.fit.Tc_err);
    EXPECT_NEAR(f.fit.gamma, kGamma, 3 * f.fit.gamma_err);
    EXPECT_LT(f.fit.Tc_err, 0.05);
    EXPECT_LT(f.fit.chi2_per_dof, 3.0);
  }
  EXPECT_EQ(analysis.fits[0].L, 8u);
  EXPECT_EQ(analysis.fits[1].L, 16u);
  const BinderCrossing& binder = analysis.binder_of("glauber");
  EXPECT_NEAR(binder.Tc, kBinderTc, 0.01);
  EXPECT_TRUE(std::isnan(analysis.binder_of("spiking").Tc));

  // An explicit range and a fixed exponent: gamma = 1 is wrong here, but the fit still runs.
  CurieOptions options;
  options.T_min = 2.6;
  options.T_max = 3.0;
  options.fix_gamma = true;
  const SizeFit fixed = fit_series(zero_field_series(rows)[0], options, path);
  EXPECT_NEAR(fixed.fit.T_min, 2.6, 1e-9);
  EXPECT_NEAR(fixed.fit.T_max, 3.0, 1e-9);
  EXPECT_EQ(fixed.fit.gamma, 1.0);
  EXPECT_EQ(fixed.fit.gamma_err, 0.0);
}

TEST_F(CurieAnalysisTest, UnweightedFitWhenErrorsAreMissing) {
  std::string text = std::string(kScanCsvHeader) + "\n";
  for (int k = 0; k <= 20; ++k) {
    const double T = 1.5 + 0.1 * k;
    const double chi = T > 2.25 ? kC / std::pow(T - kTc, kGamma) : 1.0;
    text += row("spiking", 8, k, T, 0.0, chi, 0.0, 0.5);  // one replica: chi_err = 0
  }
  const std::string path = write(text);
  const CurieAnalysis analysis = analyse_curie(read_scan_csv(path), CurieOptions{}, path);
  ASSERT_EQ(analysis.fits.size(), 1u);
  EXPECT_FALSE(analysis.fits[0].weighted);
  EXPECT_NEAR(analysis.fits[0].fit.Tc, kTc, 1e-3);  // exact data
  EXPECT_NEAR(analysis.fits[0].fit.gamma, kGamma, 1e-3);
}

TEST_F(CurieAnalysisTest, MalformedTablesNameFileAndLine) {
  const std::string header = std::string(kScanCsvHeader) + "\n";
  const std::string good = row("glauber", 8, 0, 2.5, 0.0, 1.0, 0.1, 0.5);

  const std::string missing = (dir_ / "nothing.csv").string();
  try {
    read_scan_csv(missing);
    ADD_FAILURE() << "no error for a missing file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }

  std::string message = error_of("sampler,L,T,chi\n" + good);
  EXPECT_NE(message.find("scan.csv:1: not the header"), std::string::npos) << message;

  std::string bad = good;
  bad.replace(bad.find(",2.5,"), 5, ",2.x,");
  message = error_of(header + good + bad);
  EXPECT_NE(message.find("scan.csv:3: column T: '2.x' is not a number"), std::string::npos)
      << message;

  message = error_of(header + "glauber,8,0,2.5\n");
  EXPECT_NE(message.find("scan.csv:2: expected 23 comma-separated fields, got 4"),
            std::string::npos)
      << message;

  message = error_of(header + row("glauber", 8, 0, 2.5, 0.0, 1.0, 0.1, 0.5).replace(8, 1, "-"));
  EXPECT_NE(message.find("scan.csv:2: column L"), std::string::npos) << message;

  message = error_of("");
  EXPECT_NE(message.find("empty file"), std::string::npos) << message;
  message = error_of(header);
  EXPECT_NE(message.find("no rows"), std::string::npos) << message;
}

TEST_F(CurieAnalysisTest, TooShortDefaultRangeSaysWhichRangeToGive) {
  // The peak (T = 3.1) sits near the top of the scan: 4 temperatures above it, 3 of them in the
  // default range (T >= 3.3).
  std::string text = std::string(kScanCsvHeader) + "\n";
  for (int k = 0; k <= 20; ++k) {
    const double T = 1.5 + 0.1 * k;
    const double chi = T <= 3.1 + 1e-9 ? T : 1.0 / (T - 2.8);
    text += row("glauber", 16, k, T, 0.0, chi, 0.01, 0.5);
  }
  // A good series of another size is still fitted; the short one carries the reason.
  for (int k = 0; k <= 20; ++k) {
    const double T = 1.5 + 0.1 * k;
    text +=
        row("glauber", 8, k, T, 0.0, T < 2.35 ? 1.0 : kC / std::pow(T - kTc, kGamma), 0.01, 0.5);
  }
  const std::string path = write(text);
  const std::vector<ScanRow> rows = read_scan_csv(path);
  const CurieAnalysis analysis = analyse_curie(rows, CurieOptions{}, path);
  ASSERT_EQ(analysis.fits.size(), 2u);
  EXPECT_TRUE(analysis.fits[0].failure.empty()) << analysis.fits[0].failure;
  EXPECT_NEAR(analysis.fits[0].fit.Tc, kTc, 1e-3);
  const std::string& message = analysis.fits[1].failure;
  EXPECT_TRUE(std::isnan(analysis.fits[1].fit.Tc));
  EXPECT_NE(message.find("scan.csv: sampler glauber, L = 16"), std::string::npos) << message;
  EXPECT_NE(message.find("need at least 4"), std::string::npos) << message;
  EXPECT_NE(message.find("give --T-min 3.2"), std::string::npos) << message;
  EXPECT_THROW(fit_series(zero_field_series(rows)[1], CurieOptions{}, path), Error);
}

// The critical peak is found past a noisy bump on the hot side (1.07 after 0.99 at T = 3.1, as a
// spiking scan gave) and before a stripe's larger chi deep in the ordered phase (T = 1.6).
TEST(CurieFitRange, PeakIgnoresHotSideNoiseAndColdStripes) {
  ZeroFieldSeries s;
  s.T = {3.5, 3.3, 3.1, 3.0, 2.8, 2.6, 2.4, 2.3, 2.2, 2.0, 1.8, 1.6};
  s.chi = {0.50, 0.69, 1.07, 0.99, 1.63, 3.2, 6.8, 7.1, 1.1, 0.4, 0.1, 9.0};
  s.chi_err.assign(s.T.size(), 0.05);
  s.binder.assign(s.T.size(), 0.5);
  EXPECT_NEAR(default_fit_range(s).T_peak, 2.3, 1e-12);
}

}  // namespace
}  // namespace spikewafer::ising
