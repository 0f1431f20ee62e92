#include "ising/hysteresis.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "engine/host_model.hpp"
#include "io/number_text.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/observables.hpp"
#include "ising/translation_correction.hpp"
#include "kernels/random.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One field value of the loop, in the config's axis ("second" is h or b_f).
struct FieldStep {
  double second = 0;
  bool up = true;
};

sampling::ChainParams params_at(const HysteresisConfig& c, const Lattice& lattice, double first,
                                double second, uint64_t seed) {
  return c.axes == Axes::kTemperatureField ? chain_params_from_T_h(lattice, first, second, seed)
                                           : chain_params_from_W_bf(lattice, first, second, seed);
}

GridPoint grid_at(const HysteresisConfig& c, const Lattice& lattice, double first, double second) {
  return c.axes == Axes::kTemperatureField ? grid_point_from_T_h(lattice, first, second)
                                           : grid_point_from_W_bf(lattice, first, second);
}

// from -> to, then to -> from; a branch is "up" when the physical field h rises along it (on
// the b_f axis h falls as b_f rises).
std::vector<FieldStep> loop_steps(const HysteresisConfig& c, const Lattice& lattice) {
  const std::vector<double> branch = c.field.values();
  const double first = c.first.front();
  const bool rises =
      grid_at(c, lattice, first, c.field.to).h >= grid_at(c, lattice, first, c.field.from).h;
  std::vector<FieldStep> steps;
  for (double x : branch) steps.push_back({x, rises});
  for (auto x = branch.rbegin(); x != branch.rend(); ++x) steps.push_back({*x, !rises});
  return steps;
}

std::vector<sampling::ChainParams> chains_at(const HysteresisRun& run, const Lattice& lattice,
                                             double second) {
  const HysteresisConfig& c = run.config;
  const uint64_t stream = kernels::replica_seed(c.seed, static_cast<uint32_t>(run.sampler));
  std::vector<sampling::ChainParams> chains;
  for (uint32_t t = 0; t < c.first.size(); ++t)
    for (uint32_t r = 0; r < c.replicas; ++r)
      chains.push_back(params_at(c, lattice, c.first[t], second,
                                 kernels::replica_seed(stream, t * c.replicas + r)));
  return chains;
}

// The closed-loop translation of a loop's spiking chains (translation = "corrected"; loops run
// "open" by default, docs/hysteresis-and-curie-fit.md says why): per temperature at zero field
// (h = 0, or b_f = 1), from random states, before the loop starts. The correction is a weight
// scale and a bias offset per temperature, kept for every field of the loop.
void correct_at_zero_field(ChainSampler& sampler, const HysteresisRun& run, const Lattice& lattice,
                           const std::function<void(const std::string&)>& say) {
  const HysteresisConfig& c = run.config;
  const double zero_field = c.axes == Axes::kTemperatureField ? 0.0 : 1.0;
  const std::vector<sampling::ChainParams> chains = chains_at(run, lattice, zero_field);
  std::vector<uint8_t> start;
  for (const sampling::ChainParams& p : chains) {
    const std::vector<uint8_t> z = initial_state(lattice, InitialPattern::kRandom, 1, p.seed);
    start.insert(start.end(), z.begin(), z.end());
  }
  if (say) say("spiking: correcting the translation at zero field");
  sampler.set_chain_params(chains);
  sampler.set_states(start);
  correct_translation(sampler, lattice, chains, c.replicas,
                      correction_settings(c.spiking.correction_rounds, c.spiking.correction_window));
}

std::string seconds(Clock::time_point start) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f s",
                std::chrono::duration<double>(Clock::now() - start).count());
  return buffer;
}

}  // namespace

const char* branch_name(bool up) { return up ? "up" : "down"; }

double coldest_temperature(const HysteresisConfig& c) {
  const Lattice lattice = make_lattice(c.lattice);
  double coldest = INFINITY;
  for (double first : c.first) coldest = std::min(coldest, grid_at(c, lattice, first, c.field.from).T);
  return coldest;
}

HysteresisResult run_hysteresis(const HysteresisRun& run) {
  const HysteresisConfig& c = run.config;
  const Lattice lattice = make_lattice(c.lattice);
  const uint32_t n = lattice.spins, R = c.replicas;
  const size_t temperatures = c.first.size(), chains = temperatures * R;
  const size_t step_count = 2 * size_t{c.field.num};  // up and back
  // m per chain and field value, the grid, and the chains' states: refused before they are
  // allocated when they cannot fit (10^8 field values were allocated until the system killed
  // the process).
  const double bytes = static_cast<double>(step_count) *
                           (static_cast<double>(chains) * sizeof(double) +
                            static_cast<double>(temperatures) * sizeof(GridPoint)) +
                       static_cast<double>(chains) * n * 64.0;
  refuse_unless_it_fits(bytes,
                        c.source + ": " + std::to_string(step_count) + " field values x " +
                            std::to_string(chains) + " chains",
                        "use fewer field values (hysteresis.h num), temperatures or replicas");
  const std::vector<FieldStep> steps = loop_steps(c, lattice);
  const ScanConfig settings = sampler_settings(c);
  auto sampler = make_chain_sampler(run.sampler, lattice, chains_at(run, lattice, steps[0].second),
                                    settings, run.calibration, run.threads);
  const double interval = sampler->sample_interval();
  const uint64_t samples = static_cast<uint64_t>(std::llround(0.5 * c.steps_per_field / interval));
  if (samples < 1) {  // the spiking sample interval is longer than half a field step
    const std::string what = sampler_kind_name(run.sampler);
    throw input_error(c.source +
                      ": hysteresis.steps_per_field = " + std::to_string(c.steps_per_field) +
                      " is shorter than two sample intervals of the " + what +
                      " sampler; give at least " + std::to_string(2 * interval));
  }
  const double settle = std::max(0.0, c.steps_per_field - samples * interval);
  const std::string name = sampler_kind_name(run.sampler);
  const char* unit = run.sampler == SamplerKind::kGlauber ? " sweeps" : " ms";
  if (run.say)
    run.say(name + ": " + std::to_string(temperatures) + " temperatures x " + std::to_string(R) +
            " replicas of L = " + std::to_string(c.lattice.size) + ", " +
            std::to_string(steps.size()) + " field values x " +
            std::to_string(static_cast<int64_t>(c.steps_per_field)) + unit);

  if (run.sampler == SamplerKind::kSpiking && c.spiking.translation == Translation::kCorrected)
    correct_at_zero_field(*sampler, run, lattice, run.say);
  // Fully magnetised against the first branch, so that the first branch has to reverse it.
  sampler->set_chain_params(chains_at(run, lattice, steps[0].second));
  sampler->set_states(std::vector<uint8_t>(chains * uint64_t{n}, steps[0].up ? 0 : 1));
  sampler->advance(c.burn_in);

  const auto start = Clock::now();
  auto last_report = start;
  // m of each chain at each step, averaged over the samples of the step's second half.
  std::vector<std::vector<double>> m(steps.size(), std::vector<double>(chains, 0.0));
  std::vector<GridPoint> grid(steps.size() * temperatures);
  std::vector<uint8_t> z;
  for (size_t s = 0; s < steps.size(); ++s) {
    const std::vector<sampling::ChainParams> params = chains_at(run, lattice, steps[s].second);
    sampler->set_chain_params(params);
    std::vector<std::vector<double>> fields;  // h_i per temperature
    for (size_t t = 0; t < temperatures; ++t) {
      fields.push_back(site_fields(lattice, params[t * R]));
      grid[s * temperatures + t] = grid_at(c, lattice, c.first[t], steps[s].second);
    }
    sampler->advance(settle);
    for (uint64_t k = 0; k < samples; ++k) {
      sampler->advance(interval);
      z = sampler->states();
      std::vector<double>& sum = m[s];
#pragma omp parallel for schedule(static) if (chains * n > (1u << 16))
      for (int64_t ch = 0; ch < static_cast<int64_t>(chains); ++ch)
        sum[ch] += measure(lattice, fields[ch / R], &z[ch * uint64_t{n}]).m / samples;
    }
    if (run.say && Clock::now() - last_report > std::chrono::seconds(10)) {
      last_report = Clock::now();
      run.say(name + ": field " + std::to_string(s + 1) + " of " + std::to_string(steps.size()) +
              ", " + seconds(start));
    }
  }
  if (run.say) run.say(name + ": loops done in " + seconds(start));

  HysteresisResult result;
  for (size_t t = 0; t < temperatures; ++t) {
    std::vector<LoopPoint> loop;
    for (size_t s = 0; s < steps.size(); ++s) {
      LoopPoint p;
      p.sampler = run.sampler;
      p.T = grid[s * temperatures + t].T;
      p.up = steps[s].up;
      p.step = static_cast<uint32_t>(s);
      p.h = grid[s * temperatures + t].h;
      p.b_f = grid[s * temperatures + t].b_f;
      double sum = 0, squares = 0;
      for (uint32_t r = 0; r < R; ++r) sum += m[s][t * R + r];
      p.m = sum / R;
      for (uint32_t r = 0; r < R; ++r) squares += std::pow(m[s][t * R + r] - p.m, 2);
      p.m_err = R > 1 ? std::sqrt(squares / (R - 1.0) / R) : 0.0;
      loop.push_back(p);
    }
    result.loops.push_back(summarise_loop(loop));
    result.points.insert(result.points.end(), loop.begin(), loop.end());
  }
  return result;
}

double zero_crossing(const std::vector<double>& h, const std::vector<double>& m) {
  for (size_t k = 0; k + 1 < m.size(); ++k) {
    if (m[k] == 0.0) return h[k];
    if ((m[k] < 0.0) != (m[k + 1] < 0.0) && m[k + 1] != 0.0)
      return h[k] + (h[k + 1] - h[k]) * m[k] / (m[k] - m[k + 1]);
  }
  return !m.empty() && m.back() == 0.0 ? h.back() : kNaN;
}

LoopSummary summarise_loop(const std::vector<LoopPoint>& points) {
  LoopSummary summary;
  if (points.empty()) return summary;
  summary.sampler = points.front().sampler;
  summary.T = points.front().T;
  std::vector<double> h_up, m_up, h_down, m_down;
  std::map<uint32_t, const LoopPoint*> ordered;  // by step: sweep order
  for (const LoopPoint& p : points) ordered[p.step] = &p;
  for (const auto& [step, p] : ordered) {
    (p->up ? h_up : h_down).push_back(p->h);
    (p->up ? m_up : m_down).push_back(p->m);
  }
  const double up = zero_crossing(h_up, m_up), down = zero_crossing(h_down, m_down);
  summary.coercive_field = std::isnan(up) || std::isnan(down) ? kNaN : std::fabs(up - down) / 2;
  // Pair the branches at equal fields (the down branch visits them in reverse), along rising h.
  std::map<double, std::pair<double, double>> by_h;
  for (size_t k = 0; k < h_up.size(); ++k) by_h[h_up[k]].first = m_up[k];
  for (size_t k = 0; k < h_down.size(); ++k) by_h[h_down[k]].second = m_down[k];
  if (by_h.size() != h_up.size() || h_up.size() != h_down.size())
    throw input_error("hysteresis loop at T = " + std::to_string(summary.T) +
                      ": the two branches do not visit the same fields");
  double area = 0, previous_h = 0, previous_gap = 0;
  bool first = true;
  for (const auto& [h, branch] : by_h) {
    const double gap = branch.second - branch.first;  // m_down - m_up
    if (!first) area += 0.5 * (gap + previous_gap) * (h - previous_h);
    previous_h = h, previous_gap = gap, first = false;
  }
  summary.area = area;
  return summary;
}

std::string hysteresis_csv(const std::vector<LoopPoint>& points) {
  std::string text = "sampler,T,branch,step,h,b_f,m,m_err\n";
  for (const LoopPoint& p : points)
    text += sampler_kind_name(p.sampler) + "," + table_number(p.T) + "," + branch_name(p.up) + "," +
            std::to_string(p.step) + "," + table_number(p.h) + "," + table_number(p.b_f) + "," +
            table_number(p.m) + "," + table_number(p.m_err) + "\n";
  return text;
}

std::string loops_csv(const std::vector<LoopSummary>& loops) {
  std::string text = "sampler,T,area,coercive_field\n";
  for (const LoopSummary& l : loops)
    text += sampler_kind_name(l.sampler) + "," + table_number(l.T) + "," + table_number(l.area) +
            "," + table_number(l.coercive_field) + "\n";
  return text;
}

}  // namespace spikewafer::ising
