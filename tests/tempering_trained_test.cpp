// Tempering on a trained network ([target] trained = DIR, sampling/tempering_run.hpp): the
// folder that `spikewafer train` writes is read back as the target, and the variants' samples
// are judged by the network's own label units instead of exact modes. A two-class RBM whose
// classes are the images 1100 (label 0) and 0011 (label 1), 0.41 each: the judged images show
// their class's pixels, both classes are visited, and the modulated background moves the chains
// between the classes more often than the constant one.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sampling/sample_config.hpp"
#include "sampling/tempering_run.hpp"
#include "spikewafer/error.hpp"
#include "test_calibration.hpp"

namespace spikewafer::sampling {
namespace {

namespace fs = std::filesystem;

class TrainedTarget : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("spikewafer_trained_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Inputs v0..v3, l0, l1; hidden h0 (class 0), h1 (class 1).
    std::ofstream(dir_ / "rbm.json")
        << R"({"visible": 4, "labels": 2, "hidden": 2, "epoch": 1, "label_frequencies": [0.5, 0.5]})";
    std::ofstream(dir_ / "W.csv") << "4,-4\n4,-4\n-4,4\n-4,4\n4,-4\n-4,4\n";
    std::ofstream(dir_ / "b.csv") << "-1.5\n-1.5\n-1.5\n-1.5\n-1.5\n-1.5\n";
    std::ofstream(dir_ / "c.csv") << "-4\n-4\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  SampleConfig config(const std::string& sampler) const {
    return parse_sample_config("[target]\ntrained = \"" + dir_.string() + "\"\n[sampler]\n" +
                                   sampler + "\n[tempering]\nvariants = [\"plain\", \"noise\"]\n"
                                   "rate_points = 2\nperiod = 100.0\n",
                               "bm.toml", ".");
  }

  fs::path dir_;
};

TEST_F(TrainedTarget, IsReadWithItsLayersAndAMixedFolderIsRefused) {
  const SampleConfig c = config("duration = 100.0");
  ASSERT_TRUE(c.target.trained);
  EXPECT_EQ(c.target.bm.size(), 8);
  EXPECT_EQ(c.target.visible, 6);  // the inputs: visible and label units
  EXPECT_EQ(c.target.trained->labels, 2u);
  EXPECT_DOUBLE_EQ(c.target.bm.W(0, 6), 4.0);
  EXPECT_DOUBLE_EQ(c.target.bm.W(0, 1), 0.0);
  ASSERT_EQ(c.target.label_frequencies.size(), 2u);

  std::ofstream(dir_ / "c.csv") << "-4\n-4\n-4\n";  // a third hidden unit rbm.json does not know
  try {
    config("duration = 100.0");
    FAIL() << "a folder whose files disagree was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("mixes two trainings"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bm.toml:2"), std::string::npos) << e.what();
  }
}

TEST_F(TrainedTarget, ClassesReplaceModesAndTheModulationMovesBetweenThem) {
  const SampleConfig c = config(
      "duration = 12000.0\nreplicas = 16\nsample_interval = 5.0\ngibbs = false\n"
      "translation = \"open\"\ncalibration_duration = 1000.0\nseed = 3");
  const TemperingReport r = run_tempering(c, test::test_calibration(), 2, {});
  ASSERT_EQ(r.classes, 2u);
  EXPECT_EQ(r.target.size(), 0);
  ASSERT_EQ(r.variants.size(), 2u);
  for (const VariantResult& v : r.variants) {
    SCOPED_TRACE(variant_name(v.variant));
    ASSERT_EQ(v.histogram.size(), 2);
    EXPECT_NEAR(v.histogram.sum(), 1.0, 1e-9);
    EXPECT_GT(v.histogram.minCoeff(), 0.1);  // both classes visited
    EXPECT_NEAR(v.class_distance, 0.5 * (v.histogram.array() - 0.5).abs().sum(), 1e-12);
    ASSERT_FALSE(v.images.empty());
    for (const SampledImage& image : v.images) {
      ASSERT_EQ(image.pixels.size(), 4u);
      const int left = image.pixels[0] + image.pixels[1], right = image.pixels[2] + image.pixels[3];
      if (image.label == 0) {
        EXPECT_GT(left, right);
      } else if (image.label == 1) {
        EXPECT_LT(left, right);
      }
      EXPECT_EQ(image.phase == "constant", v.variant == TemperingVariant::kPlain) << image.phase;
    }
  }
  const double plain = r.variants[0].curve.back().switches_per_s;
  const double noise = r.variants[1].curve.back().switches_per_s;
  std::printf("class switches per s per chain: plain %.2f, noise %.2f\n", plain, noise);
  // Measured with seeds 1 to 5: plain 0.54-0.71, noise 1.12-1.33 switches per s (1.75-2.2x).
  EXPECT_GT(noise, 1.5 * plain);
}

}  // namespace
}  // namespace spikewafer::sampling
