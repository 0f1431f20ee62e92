// The spiking sampler (IF_cond_exp, renewing synapses, the scan's default neuron and settings)
// on the periodic 8x8 square lattice, driven on the (W, b_f) axes through the scan driver:
// ordered at strong coupling, disordered at weak coupling around its own symmetric point, and
// at strong coupling its magnetisation takes the sign of the field on either side of that point.
//
// The spiking network's symmetric line is not b_f = 1 (h = 0 of the target): the weight
// translation matches each PSP's mean over tau_refrac to W, but the conductance PSP
// (tau_syn = tau_refrac = 10 ms) goes on after the presynaptic unit has left z = 1, and with all
// couplings positive that tail is an extra positive drive. Its size depends on how often
// neighbours stop firing: measured symmetric points (m = 0, random starts) b_f = 1.29 at W = 0.3,
// ~1.24 at W = 1, ~1.1 at W = 2 and ~1.0 at W = 2.5 (deep in the ordered phase neighbours fire
// without pause, and a renewing synapse then stays at its peak, so the tail rarely shows).
// In the sublattice gauge (the scan's default, ising/sublattice_gauge.hpp) the symmetric point
// is the target's, b_f = 1, by the lattice's symmetry.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <vector>

#include "thread_count_guard.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/scan_runner.hpp"
#include "sampling/calibration.hpp"

namespace spikewafer::ising {
namespace {

// One thread: statistical tests, not race tests (the engine's own tests run two); the thread
// count is global, so it is restored afterwards.
class SpikingIsingPhasesTest : public test::RestoresThreadCount {};

const SpikingCalibration& calibration() {
  static const SpikingCalibration c = [] {
    sampling::CalibrationSettings settings;
    settings.duration = 4000.0;
    return SpikingCalibration{sampling::calibrate(scan_neuron(SpikingSettings{}), settings,
                                                  SimulatorOptions{Backend::kCpu, 1, {}, {}}),
                              {}};
  }();
  return c;
}

// A (W, b_f) scan of the 8x8 lattice from random starts; the statistics of every grid point in
// grid order (W-major). A state every ms (SpikingSettings' default).
std::vector<PointResult> spiking_scan(Range W, Range b_f, uint32_t replicas, double burn_in_ms,
                                      double measure_ms, uint64_t seed,
                                      Gauge gauge = Gauge::kNone) {
  ScanConfig config;
  config.lattice = {LatticeKind::kSquare, 8, 1.0, Couplings::kUniform, 1};
  config.axes = Axes::kWeightBias;
  config.first = W;
  config.second = b_f;
  config.replicas = replicas;
  config.burn_in = burn_in_ms;
  config.measure = measure_ms;
  config.initial = InitialPattern::kRandom;
  config.samplers = {SamplerKind::kSpiking};
  // These tests pin the directly translated network's own behaviour (the error that the
  // sublattice gauge and the closed loop remove: sublattice_gauge_test.cpp,
  // closed_loop_translation_test.cpp).
  config.spiking.translation = Translation::kOpen;
  config.spiking.gauge = gauge;
  config.seed = seed;
  std::vector<PointResult> points(W.num * b_f.num);
  const auto collect = [&points](const FinishedBatch& batch) {
    for (const PointResult& p : batch.points) points.at(p.point) = p;
  };
  run_scan({config, SamplerKind::kSpiking, "spiking", 8, &calibration(), 1, {}, {}, collect, {}});
  return points;
}

TEST_F(SpikingIsingPhasesTest, OrderedAtStrongCoupling) {
  // W = 2.5 (T = 1.6, Onsager's M = 0.980) at b_f = 1, which is about the spiking network's own
  // symmetric point there: chains order up or down at random (measured <m> between -0.56 and
  // +0.15 over five seeds of 8 replicas) but each is ordered.
  const std::vector<PointResult> p =
      spiking_scan({2.5, 2.5, 1}, {1.0, 1.0, 1}, 8, 200.0, 1000.0, 1);
  // Measured <|m|> = 0.963-0.979 over five seeds (Glauber: 0.980). The spiking sampler's up
  // state cannot reach |m| = 1: a neuron driven hard still spends a step or more between the
  // end of its refractory period and its next spike. 0.9 leaves room for that and for a chain
  // that lingers in a two-domain state; a disordered 8x8 lattice has |m| ~ 0.1-0.3.
  EXPECT_GT(p[0].stats.abs_m, 0.9) << "<|m|> = " << p[0].stats.abs_m;
}

TEST_F(SpikingIsingPhasesTest, DisorderedAtWeakCouplingAroundItsSymmetricPoint) {
  // W = 0.3 (T = 13.3, far above Tc = 2.27 for Glauber) on b_f = 1.1 ... 1.5.
  const std::vector<PointResult> p =
      spiking_scan({0.3, 0.3, 1}, {1.1, 1.5, 5}, 8, 200.0, 2000.0, 2);
  // The symmetric point: where <m> changes sign, by linear interpolation.
  double symmetric = std::numeric_limits<double>::quiet_NaN();
  for (size_t k = 0; k + 1 < p.size(); ++k) {
    const double a = p[k].stats.m, b = p[k + 1].stats.m;
    if (a > 0 && b <= 0) {
      symmetric = p[k].grid.b_f + (p[k + 1].grid.b_f - p[k].grid.b_f) * a / (a - b);
      break;
    }
  }
  // Measured 1.284, 1.278, 1.300 with three seeds of this set-up (and 1.31 with 4 replicas of
  // 1000 ms); <m> falls by ~0.04 per 0.1 in b_f with errors of ~0.005, so the spread is ~0.015.
  // Glauber's symmetric point is b_f = 1 exactly (<m> = 0.002 +- 0.003 at W = 0.3, b_f = 1).
  // 0.08 is about 5 spreads: a sampler without the PSP tail (b_f = 1) or with twice its drive
  // would fail.
  EXPECT_NEAR(symmetric, 1.29, 0.08)
      << "the spiking network's <m> changes sign at b_f = " << symmetric;
  for (const PointResult& point : p) {
    // Disordered across the scan: measured <|m|> 0.12-0.14 (64 independent spins give
    // sqrt(2 / (pi 64)) = 0.10, the weak coupling a little more) and |<m>| <= 0.09 at
    // b_f = 1.5. 0.25 holds these with room and fails for any ordered state (|m| > 0.9).
    EXPECT_LT(point.stats.abs_m, 0.25) << "b_f = " << point.grid.b_f;
  }
}

TEST_F(SpikingIsingPhasesTest, InTheSublatticeGaugeTheSymmetricPointIsTheTargets) {
  // W = 0.3 as above, b_f = 0.9, 1.0, 1.1 (h = +0.06, 0, -0.06 of the target).
  const std::vector<PointResult> p =
      spiking_scan({0.3, 0.3, 1}, {0.9, 1.1, 3}, 8, 200.0, 2000.0, 2, Gauge::kSublattice);
  std::printf("<m> = %.4f, %.4f, %.4f\n", p[0].stats.m, p[1].stats.m, p[2].stats.m);
  // Measured <m> = 0.035, 0.004, -0.047. Without the gauge all three lie well above 0 (the
  // symmetric point is 1.29, <m> falls by ~0.04 per 0.1 in b_f); errors ~0.005 per point. The
  // gauge makes m(b_f) odd about 1 exactly in distribution (the translation by one site maps
  // the chain at 1 + x onto the chain at 1 - x), so the bounds are 4 errors wide.
  EXPECT_NEAR(p[1].stats.m, 0.0, 0.02);
  EXPECT_NEAR(p[0].stats.m + p[2].stats.m, 0.0, 0.03);
  EXPECT_GT(p[0].stats.m, 0.015);
}

TEST_F(SpikingIsingPhasesTest, MagnetisationTakesTheFieldsSignAtStrongCoupling) {
  // W = 2 (T = 2 < Tc): b_f = 0.8 is h = +0.8 of the target, b_f = 1.6 is h = -2.4; both lie
  // well off the spiking network's symmetric point (about 1.1 at W = 2, where chains from
  // random starts split between up and down).
  const std::vector<PointResult> p =
      spiking_scan({2.0, 2.0, 1}, {0.8, 1.6, 2}, 4, 200.0, 1000.0, 3);
  // Measured <m> = +0.961 at b_f = 0.8 (the up state is capped below 1 by the step between
  // refractory period and next spike, as above) and -0.9999 at b_f = 1.6 (down: the neurons
  // fall silent). 0.8 holds both with room and needs every replica ordered with the field.
  EXPECT_GT(p[0].stats.m, 0.8) << "b_f = 0.8";
  EXPECT_LT(p[1].stats.m, -0.8) << "b_f = 1.6";
}

}  // namespace
}  // namespace spikewafer::ising
