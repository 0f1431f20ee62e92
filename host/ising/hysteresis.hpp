// Hysteresis loops: at each temperature the field is swept from one end of its range to the
// other and back without resetting the chains, and m(h) is recorded on both branches. All
// temperatures and replicas are chains of one batched sampler, so a loop costs one run per
// sampler. The loop area and the coercive field summarise each loop.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ising/hysteresis_config.hpp"
#include "ising/chain_sampler.hpp"

namespace spikewafer::ising {

// m at one field value of one branch, over the replicas.
struct LoopPoint {
  SamplerKind sampler = SamplerKind::kGlauber;
  double T = 0;
  bool up = true;     // the branch: h increasing ("up") or decreasing ("down")
  uint32_t step = 0;  // position in the loop: 0 .. 2 num - 1, in sweep order
  double h = 0, b_f = 0;
  double m = 0, m_err = 0;  // mean over replicas and its standard error (0 with one replica)
};

struct LoopSummary {
  SamplerKind sampler = SamplerKind::kGlauber;
  double T = 0;
  double area = 0;            // integral of (m_down - m_up) dh over the field range
  double coercive_field = 0;  // half the distance between the branches' m = 0 crossings
};

struct HysteresisResult {
  std::vector<LoopPoint> points;  // temperature by temperature, each in sweep order
  std::vector<LoopSummary> loops;
};

struct HysteresisRun {
  const HysteresisConfig& config;
  SamplerKind sampler = SamplerKind::kGlauber;
  const SpikingCalibration* calibration = nullptr;  // spiking only
  int threads = 0;
  std::function<void(const std::string&)> say;  // progress lines; may be empty
};

// The chains start fully magnetised against the first branch's direction (all down when it
// raises h), are burnt in at the first field value, then spend steps_per_field at each field of
// the loop and are measured every sample interval over the second half of it.
HysteresisResult run_hysteresis(const HysteresisRun& run);

// The lowest temperature of the run (T = 4 J / W on the (W, b_f) axes).
double coldest_temperature(const HysteresisConfig& config);

// The field where m crosses 0 first, following the points in sweep order (linear
// interpolation between neighbours); NaN if it never does.
double zero_crossing(const std::vector<double>& h, const std::vector<double>& m);

// The summary of one loop: `points` holds both branches of one temperature, each field of the
// up branch matched with the same field on the down branch. Trapezoid rule over h.
LoopSummary summarise_loop(const std::vector<LoopPoint>& points);

// "up" or "down".
const char* branch_name(bool up);

// The tables as text: hysteresis.csv "sampler,T,branch,step,h,b_f,m,m_err" and loops.csv
// "sampler,T,area,coercive_field" (scripts/plots/plot_hysteresis.py reads both).
std::string hysteresis_csv(const std::vector<LoopPoint>& points);
std::string loops_csv(const std::vector<LoopSummary>& loops);

}  // namespace spikewafer::ising
