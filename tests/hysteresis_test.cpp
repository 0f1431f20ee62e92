// Hysteresis loops with the Glauber sampler: below Tc a field sweep leaves the magnetisation
// behind (an open loop with a coercive field), far above it follows the field (a closed loop).
// Also the loop summary on a hand-made loop, and errors of malformed hysteresis files.
#include "ising/hysteresis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "ising/hysteresis_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_hysteresis_config(text, "hyst.toml");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

TEST(HysteresisTest, LoopIsOpenBelowTcAndClosedFarAbove) {
  const HysteresisConfig config = parse_hysteresis_config(R"(
[lattice]
kind = "square"
size = 8
[hysteresis]
T = [1.5, 4.0]
h = { from = -1.0, to = 1.0, num = 21 }
replicas = 8
burn_in = 500
steps_per_field = 200
[sampler]
kind = "glauber"
seed = 5
)",
                                                          "hyst.toml");
  const HysteresisResult result = run_hysteresis({config, SamplerKind::kGlauber, nullptr, 2, {}});
  ASSERT_EQ(result.points.size(), 2u * 42u);
  ASSERT_EQ(result.loops.size(), 2u);

  const LoopSummary& cold = result.loops[0];
  const LoopSummary& hot = result.loops[1];
  EXPECT_DOUBLE_EQ(cold.T, 1.5);
  EXPECT_GT(cold.area, 1.0);
  EXPECT_GT(cold.coercive_field, 0.1);
  EXPECT_DOUBLE_EQ(hot.T, 4.0);
  EXPECT_LT(hot.area, 0.2);
  EXPECT_LT(hot.coercive_field, 0.1);

  // The cold loop: starts magnetised down, is fully up at the top of the sweep, and the two
  // branches visit the same fields in opposite order.
  const LoopPoint& start = result.points[0];
  const LoopPoint& top = result.points[20];
  EXPECT_TRUE(start.up);
  EXPECT_DOUBLE_EQ(start.h, -1.0);
  EXPECT_LT(start.m, -0.9);
  EXPECT_DOUBLE_EQ(top.h, 1.0);
  EXPECT_GT(top.m, 0.9);
  EXPECT_FALSE(result.points[21].up);
  EXPECT_DOUBLE_EQ(result.points[21].h, 1.0);
  EXPECT_DOUBLE_EQ(result.points[41].h, -1.0);
  EXPECT_LT(result.points[41].m, -0.9);
  EXPECT_EQ(result.points[41].step, 41u);
  EXPECT_GT(start.m_err, 0.0);
  EXPECT_DOUBLE_EQ(start.b_f, 1.0 + 1.0 / 4.0);  // b_f = 1 - h / (q J) with q = 4

  const std::string csv = hysteresis_csv(result.points);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "sampler,T,branch,step,h,b_f,m,m_err");
  EXPECT_EQ(csv.substr(csv.find('\n') + 1, 23), "glauber,1.5,up,0,-1,1.2");
  const std::string loops = loops_csv(result.loops);
  EXPECT_EQ(loops.substr(0, loops.find('\n')), "sampler,T,area,coercive_field");
}

// A square loop: up jumps from -1 to +1 between h = 0.4 and 0.6, down from +1 to -1 between
// h = -0.4 and -0.6; the area is 2 x (1.0 + 0.2 trapezoid corrections) and h_c = 0.5.
TEST(HysteresisTest, AreaAndCoerciveFieldOfAHandMadeLoop) {
  std::vector<LoopPoint> loop;
  const std::vector<double> h = {-1.0, -0.6, -0.4, 0.0, 0.4, 0.6, 1.0};
  uint32_t step = 0;
  for (double x : h)
    loop.push_back({SamplerKind::kGlauber, 2.0, true, step++, x, 0, x >= 0.6 ? 1. : -1., 0});
  for (auto x = h.rbegin(); x != h.rend(); ++x)
    loop.push_back({SamplerKind::kGlauber, 2.0, false, step++, *x, 0, *x >= -0.4 ? 1. : -1., 0});
  const LoopSummary summary = summarise_loop(loop);
  // m_down - m_up: 0 at -1, -0.6; 2 at -0.4, 0, 0.4; 0 at 0.6, 1.
  EXPECT_NEAR(summary.area, 0.5 * 2 * 0.2 + 2 * 0.8 + 0.5 * 2 * 0.2, 1e-12);
  EXPECT_NEAR(summary.coercive_field, 0.5, 1e-12);
  EXPECT_NEAR(zero_crossing(h, {-1, -1, -1, -1, -1, 1, 1}), 0.5, 1e-12);
  EXPECT_TRUE(std::isnan(zero_crossing(h, {-1, -1, -1, -1, -1, -1, -1})));
  // The up branch never crosses: no coercive field.
  for (LoopPoint& p : loop)
    if (p.up) p.m = -1.0;
  EXPECT_TRUE(std::isnan(summarise_loop(loop).coercive_field));
}

TEST(HysteresisTest, BadFilesNameTheKey) {
  EXPECT_NE(error_of("[hysteresis]\nsteps = 3\n").find("hyst.toml:2:1: hysteresis.steps"),
            std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nT = [1.0, -2.0]\n").find("hysteresis.T: T must be > 0"),
            std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nh = { from = 0.5, to = 0.5, num = 3 }\n")
                .find("hysteresis.h: a loop needs a sweep"),
            std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nh = 0.5\n").find("hysteresis.h: expected a range"),
            std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nsteps_per_field = 1\n").find("hysteresis.steps_per_field"),
            std::string::npos);
  EXPECT_NE(
      error_of("[hysteresis]\nT = 2.0\nb_f = { from = 1.2, to = 0.8, num = 5 }\n").find("not both"),
      std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nW = 2.0\n").find("hysteresis.b_f: missing required key"),
            std::string::npos);
  EXPECT_NE(error_of("[lattice]\nsize = [8, 16]\n")
                .find("lattice.size: this run takes "
                      "one lattice size"),
            std::string::npos);
  EXPECT_NE(error_of("[sampler]\nkind = \"metropolis\"\n").find("sampler.kind: unknown sampler"),
            std::string::npos);
  EXPECT_NE(error_of("[scan]\nT = 2.0\n").find("scan"), std::string::npos);
  EXPECT_NE(error_of("[hysteresis]\nreplicas = 0\n").find("hysteresis.replicas"),
            std::string::npos);
}

TEST(HysteresisTest, ExampleFileReads) {
  const HysteresisConfig c =
      read_hysteresis_config(SPIKEWAFER_SOURCE_DIR "/examples/hysteresis.toml");
  EXPECT_EQ(c.lattice.kind, LatticeKind::kSquare);
  EXPECT_EQ(c.lattice.size, 16u);
  EXPECT_EQ(c.first, (std::vector<double>{1.5, 2.0, 2.5, 3.0}));
  EXPECT_EQ(c.field.num, 21u);
  EXPECT_EQ(c.replicas, 8u);
  EXPECT_EQ(c.samplers.size(), 2u);
}

TEST(HysteresisTest, LoopsRunTheOpenTranslationUnlessAsked) {
  EXPECT_EQ(parse_hysteresis_config("", "hyst.toml").spiking.translation, Translation::kOpen);
  const HysteresisConfig corrected = parse_hysteresis_config(
      "[sampler]\ntranslation = \"corrected\"\ncorrection_rounds = 4\n", "hyst.toml");
  EXPECT_EQ(corrected.spiking.translation, Translation::kCorrected);
  EXPECT_EQ(corrected.spiking.correction_rounds, 4u);
  EXPECT_EQ(corrected.spiking.gauge, Gauge::kSublattice);
}

TEST(HysteresisTest, WeightBiasAxes) {
  const HysteresisConfig c = parse_hysteresis_config(
      "[hysteresis]\nW = { from = 1.0, to = 2.0, num = 3 }\nb_f = { from = 1.25, to = 0.75, "
      "num = 11 }\n",
      "hyst.toml");
  EXPECT_EQ(c.axes, Axes::kWeightBias);
  EXPECT_EQ(c.first, (std::vector<double>{1.0, 1.5, 2.0}));
  EXPECT_EQ(c.field.num, 11u);
}

}  // namespace
}  // namespace spikewafer::ising
