// [tempering] in BM.toml: a full table reads as written, defaults apply, and bad keys are
// refused with the file, line, key and the fix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sampling/sample_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

using ::testing::HasSubstr;

const std::string kTarget = "[target]\nW = [[0.0, 1.0], [1.0, 0.0]]\nb = [0.0, -0.5]\n";

SampleConfig parse(const std::string& tempering, const std::string& sampler = "") {
  return parse_sample_config(kTarget + "[sampler]\n" + sampler + "[tempering]\n" + tempering,
                             "bm.toml", ".");
}

std::string error_of(const std::string& tempering, const std::string& sampler = "") {
  try {
    parse(tempering, sampler);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(TemperingConfig, ReadsEveryKey) {
  const SampleConfig c = parse(
      "variants = [\"noise\", \"plain\"]\nperiod = 100.0\namplitude = 1.5\nphase = 0.5\n"
      "sample_at = \"all\"\nlow_window = 0.5\nupdate_interval = 0.5\nrate_points = 3\n"
      "stp = { U = 0.4, tau_rec = 40.0 }\nmode_threshold = 0.1\nmode_assignment = \"basin\"\n");
  ASSERT_TRUE(c.tempering);
  const TemperingSettings& t = *c.tempering;
  ASSERT_EQ(t.variants.size(), 2u);
  EXPECT_EQ(t.variants[0], TemperingVariant::kNoise);
  EXPECT_DOUBLE_EQ(t.schedule.period, 100.0);
  EXPECT_DOUBLE_EQ(t.schedule.amplitude, 1.5);
  ASSERT_TRUE(t.schedule.phase);
  EXPECT_DOUBLE_EQ(*t.schedule.phase, 0.5);
  EXPECT_FALSE(t.schedule.sample_low_only);
  EXPECT_DOUBLE_EQ(t.schedule.low_window, 0.5);
  EXPECT_DOUBLE_EQ(t.update_interval, 0.5);
  EXPECT_EQ(t.rate_points, 3u);
  EXPECT_DOUBLE_EQ(t.stp.U, 0.4);
  EXPECT_DOUBLE_EQ(t.stp.tau_rec, 40.0);
  EXPECT_DOUBLE_EQ(t.mode_threshold, 0.1);
  EXPECT_TRUE(t.switch_by_basin);
}

TEST(TemperingConfig, DefaultsAndTheSamplersStp) {
  const SampleConfig plain = parse("");
  ASSERT_TRUE(plain.tempering);
  EXPECT_EQ(plain.tempering->variants.size(), 3u);
  EXPECT_TRUE(plain.tempering->schedule.sample_low_only);
  EXPECT_FALSE(plain.tempering->schedule.phase);  // spread
  EXPECT_DOUBLE_EQ(plain.tempering->stp.U, TemperingSettings{}.stp.U);
  const SampleConfig tm =
      parse("", "synapse = \"tsodyks_markram\"\nstp = { U = 0.3, tau_rec = 70.0 }\n");
  EXPECT_DOUBLE_EQ(tm.tempering->stp.U, 0.3);
  EXPECT_DOUBLE_EQ(tm.tempering->stp.tau_rec, 70.0);
  EXPECT_FALSE(parse_sample_config(kTarget, "bm.toml", ".").tempering);
}

TEST(TemperingConfig, BadKeysNameFileLineKeyAndFix) {
  // The [tempering] table starts on line 5: the first key is on line 6.
  EXPECT_THAT(error_of("amplitude = -1.0\n"), HasSubstr("bm.toml:6:"));
  EXPECT_THAT(error_of("amplitude = -1.0\n"),
              HasSubstr("tempering.amplitude: must be a number > 0"));
  EXPECT_THAT(error_of("variants = [\"plain\", \"hot\"]\n"), HasSubstr("tempering.variants[1]"));
  EXPECT_THAT(error_of("variants = [\"plain\", \"hot\"]\n"), HasSubstr("stp"));
  EXPECT_THAT(error_of("variants = [\"plain\", \"plain\"]\n"), HasSubstr("twice"));
  EXPECT_THAT(error_of("variants = []\n"), HasSubstr("no variants"));
  EXPECT_THAT(error_of("phase = \"random\"\n"), HasSubstr("\"spread\""));
  EXPECT_THAT(error_of("sample_at = \"cold\"\n"), HasSubstr("low"));
  EXPECT_THAT(error_of("low_window = 1.5\n"), HasSubstr("tempering.low_window: must be in (0, 1]"));
  EXPECT_THAT(error_of("perod = 100.0\n"), HasSubstr("perod"));
  EXPECT_THAT(error_of("period = 4.0\n"), HasSubstr("8 times per period"));
  EXPECT_THAT(error_of("update_interval = 0.3\n"),
              HasSubstr("tempering.update_interval: sampler.sample_interval"));
  EXPECT_THAT(error_of("stp = { U = 2.0 }\n"), HasSubstr("tempering.stp.U: must be in (0, 1]"));
  EXPECT_THAT(error_of("mode_threshold = 1.0\n"), HasSubstr("tempering.mode_threshold"));
  EXPECT_THAT(error_of("amplitude = 100.0\n"), HasSubstr("lower the amplitude"));
}

TEST(TemperingConfig, NeedsTheExactDistribution) {
  const std::string big = "[target]\nrandom = { n = 21, w_std = 1.0, b_std = 1.0 }\n[tempering]\n";
  try {
    parse_sample_config(big, "bm.toml", ".");
    FAIL() << "21 units accepted";
  } catch (const Error& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("at most 20 units"));
  }
}

}  // namespace
}  // namespace spikewafer::sampling
