#include "connectors.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "connectivity.hpp"
#include "kernels/synapse_packing.hpp"
#include "layout.hpp"
#include "mapped_units.hpp"
#include "random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::connectors {
namespace {

using Kind = Connector::Kind;
using kernels::kMaxDelaySteps;

// Candidate sources per unit of the pairwise connectors: bounds a unit's buffers (and so the
// per-thread memory) however large the source population, and evens out the load.
constexpr uint64_t kChunk = uint64_t{1} << 16;
// Entries per unit of one_to_one and from_list.
constexpr uint64_t kSlice = uint64_t{1} << 12;

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// A delay in whole steps of dt, at least 1; -1 when it does not fit in the 8-bit delay field
// (NaN included).
int delay_steps(double delay_ms, double dt) {
  const double x = delay_ms / dt;
  if (!(x < kMaxDelaySteps + 0.5)) return -1;
  if (x < 1.5) return 1;
  return static_cast<int>(std::lround(x));
}

[[noreturn]] void throw_delay(const ProjectionPlan& plan, double delay_ms) {
  throw input_error(plan.context + ": delay " + num(delay_ms) + " ms is " +
                    num(std::round(delay_ms / plan.dt)) + " steps of dt = " + num(plan.dt) +
                    " ms, but a synapse holds at most " + std::to_string(kMaxDelaySteps) +
                    " steps (" + num(kMaxDelaySteps * plan.dt) +
                    " ms); shorten the delay or use a larger dt");
}

double draw(const Distribution& d, RandomStream& rng) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return d.a;
    case Distribution::Kind::kUniform:
      return d.a + (d.b - d.a) * rng.uniform();
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kNormalClippedToBoundary:
      return d.a + d.b * rng.normal();
  }
  return d.a;
}

// A projection's value of distribution d, at least `bound`: a normal one is drawn again below it
// (validation keeps its mean at or above the bound, so a draw is accepted with probability at
// least 1/2), a clipped normal set to it.
double draw_at_least(const Distribution& d, double bound, RandomStream& rng,
                     const ProjectionPlan& plan, const char* what) {
  double x = draw(d, rng);
  if (d.kind == Distribution::Kind::kNormal)
    for (int tries = 0; x < bound; ++tries) {
      if (tries == 64)  // 2^-64 for a mean at the bound: the mean lies below it
        throw input_error(plan.context + ": the normal " + what + " (mean " + num(d.a) +
                          ", sd " + num(d.b) + ") rarely reaches " + num(bound) +
                          ", where draws below are drawn again; raise the mean");
      x = draw(d, rng);
    }
  if (d.kind == Distribution::Kind::kNormalClippedToBoundary && x < bound) x = bound;
  return x;
}

// Appends synapses to a unit's buffers, drawing weight and delay per synapse when asked to.
class Emitter {
 public:
  Emitter(const ProjectionPlan& plan, uint64_t unit, bool with_values, UnitSynapses& out)
      : plan_(plan),
        with_values_(with_values),
        out_(out),
        weight_rng_(plan.seed, plan.index, StreamPurpose::kWeight, unit),
        delay_rng_(plan.seed, plan.index, StreamPurpose::kDelay, unit) {}

  // Local source and target indices; weight and delay from the projection's distributions.
  void operator()(uint32_t source, uint32_t target) {
    out_.pre.push_back(plan_.source_offset + source);
    if (!with_values_) return;
    out_.post.push_back(plan_.target_offset + target);
    const Projection& proj = *plan_.projection;
    const double w = draw_at_least(proj.weight, 0.0, weight_rng_, plan_, "weight");
    out_.weight.push_back(static_cast<float>(plan_.sign * w));
    int steps = static_cast<int>(plan_.constant_delay_steps);
    if (steps == 0) {
      const double d = draw_at_least(proj.delay, plan_.dt, delay_rng_, plan_, "delay");
      steps = delay_steps(d, plan_.dt);
      if (steps < 0) throw_delay(plan_, d);
    }
    out_.delay_steps.push_back(static_cast<uint8_t>(steps));
    if (plan_.stochastic) out_.release.push_back(static_cast<float>(proj.release_probability));
  }

  // Weight and delay given (from_list, dense_matrix): weight as a magnitude, delay in ms;
  // release the connection's own release probability (the projection's multiplies it).
  void given(uint32_t source, uint32_t target, double weight, double delay_ms,
             double release = 1.0) {
    out_.pre.push_back(plan_.source_offset + source);
    if (!with_values_) return;
    out_.post.push_back(plan_.target_offset + target);
    out_.weight.push_back(static_cast<float>(plan_.sign * weight));
    const int steps = delay_steps(delay_ms, plan_.dt);
    if (steps < 0) throw_delay(plan_, delay_ms);
    out_.delay_steps.push_back(static_cast<uint8_t>(steps));
    if (plan_.stochastic)
      out_.release.push_back(static_cast<float>(plan_.projection->release_probability * release));
  }

  // The delay drawn from the projection's distribution, for dense_matrix.
  double delay_ms() {
    return plan_.constant_delay_steps ? plan_.projection->delay.a
                                      : draw_at_least(plan_.projection->delay, plan_.dt,
                                                      delay_rng_, plan_, "delay");
  }

 private:
  const ProjectionPlan& plan_;
  bool with_values_;
  UnitSynapses& out_;
  RandomStream weight_rng_;
  RandomStream delay_rng_;
};

// Candidate k of a target (0 <= k < plan.candidates) as a local source index: the target itself
// is skipped when autapses are excluded.
inline uint32_t candidate_source(const ProjectionPlan& plan, uint64_t k, uint32_t target) {
  return static_cast<uint32_t>(plan.exclude_self && k >= target ? k + 1 : k);
}

// fixed_probability: candidates [begin, end) of one target, each with probability p. Geometric
// skipping draws once per synapse instead of once per pair, so sparse projections over ~1e9
// pairs cost what their synapses cost.
void draw_probability(const ProjectionPlan& plan, uint64_t unit, uint32_t target, uint64_t begin,
                      uint64_t end, Emitter& emit) {
  const double p = plan.projection->connector.p;
  if (p <= 0.0) return;
  if (p >= 1.0) {
    for (uint64_t k = begin; k < end; ++k) emit(candidate_source(plan, k, target), target);
    return;
  }
  RandomStream rng(plan.seed, plan.index, StreamPurpose::kConnect, unit);
  const double log_q = std::log1p(-p);
  uint64_t next = begin;  // the first candidate not yet passed over
  while (true) {
    // Failures before the next success: floor(log(u) / log(1 - p)), u in (0, 1].
    const double skip = std::floor(std::log(rng.uniform_open_low()) / log_q);
    if (!(skip < static_cast<double>(end - next))) return;
    next += static_cast<uint64_t>(skip);
    emit(candidate_source(plan, next, target), target);
    ++next;
  }
}

// Remembers which candidates a target has drawn. Few picks out of many candidates (the common
// case: 1000 of 10^6) go to a small hash table that stays in L1; many picks to a bitmap over
// all candidates. Both answer exactly, so which one is used never changes the draws.
class DrawnSet {
 public:
  // use_bitmap forces the bitmap (needed to scan for what was not drawn).
  DrawnSet(uint32_t picks, uint32_t candidates, bool use_bitmap, UnitSynapses& scratch)
      : hashed_(!use_bitmap && uint64_t{picks} * 64 < candidates),
        bitmap_(scratch.marks),
        slots_(scratch.hash) {
    if (hashed_) {
      while ((uint64_t{1} << bits_) < uint64_t{picks} * 2) ++bits_;  // load factor <= 1/2
      slots_.assign(uint64_t{1} << bits_, kEmpty);
    } else if (bitmap_.size() < (uint64_t{candidates} + 63) / 64) {
      bitmap_.resize((uint64_t{candidates} + 63) / 64, 0);  // the bitmap is kept all clear
    }
  }

  // Adds k; false if it was there already.
  bool insert(uint32_t k) {
    if (!hashed_) {
      uint64_t& word = bitmap_[k / 64];
      const uint64_t bit = uint64_t{1} << (k % 64);
      if (word & bit) return false;
      word |= bit;
      return true;
    }
    const uint32_t mask = (uint32_t{1} << bits_) - 1;
    for (uint32_t i = (k * 0x9E3779B1u) >> (32 - bits_);; i = (i + 1) & mask) {
      if (slots_[i] == k) return false;
      if (slots_[i] == kEmpty) {
        slots_[i] = k;
        return true;
      }
    }
  }

  // With the bitmap only: whether k was drawn.
  bool contains(uint32_t k) const { return bitmap_[k / 64] >> (k % 64) & 1; }

  // Clears the bitmap again for the next target (the hash table is refilled per target).
  void clear(const std::vector<uint32_t>& drawn) {
    if (!hashed_)
      for (uint32_t k : drawn) bitmap_[k / 64] = 0;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;  // no candidate index reaches it
  bool hashed_;
  uint32_t bits_ = 1;
  std::vector<uint64_t>& bitmap_;
  std::vector<uint32_t>& slots_;
};

// fixed_in_degree: exactly n distinct candidates of one target, uniformly, by rejecting
// repeats; for n > candidates / 2 the excluded ones are drawn instead, so rejection never
// dominates.
void draw_in_degree(const ProjectionPlan& plan, uint64_t unit, uint32_t target, UnitSynapses& out,
                    Emitter& emit) {
  const uint32_t n = plan.projection->connector.n;
  const uint32_t m = plan.candidates;
  if (n == 0) return;
  const bool complement = n > m / 2;
  const uint32_t picks = complement ? m - n : n;
  // The complement is emitted by scanning every candidate, which needs the bitmap.
  DrawnSet seen(picks, m, complement, out);
  std::vector<uint32_t>& drawn = out.drawn;
  drawn.clear();
  RandomStream rng(plan.seed, plan.index, StreamPurpose::kConnect, unit);
  while (drawn.size() < picks) {
    const uint32_t k = rng.below(m);
    if (seen.insert(k)) drawn.push_back(k);
  }
  if (complement) {
    for (uint32_t k = 0; k < m; ++k)
      if (!seen.contains(k)) emit(candidate_source(plan, k, target), target);
  } else {
    for (uint32_t k : drawn) emit(candidate_source(plan, k, target), target);
  }
  seen.clear(drawn);
}

// fixed_total_number: unit u draws synapses [u kSlice, (u + 1) kSlice) of the n, each a uniform
// (source, target) pair from the unit's own stream; a pair that would be an autapse where
// autapses are excluded is drawn again.
void draw_total_number(const ProjectionPlan& plan, uint64_t unit, Emitter& emit) {
  const uint64_t n = plan.projection->connector.n;
  const uint64_t last = std::min<uint64_t>((unit + 1) * kSlice, n);
  RandomStream rng(plan.seed, plan.index, StreamPurpose::kConnect, unit);
  for (uint64_t i = unit * kSlice; i < last; ++i) {
    uint32_t source = 0, target = 0;
    do {
      source = rng.below(plan.source_size);
      target = rng.below(plan.target_size);
    } while (plan.exclude_self && source == target);
    emit(source, target);
  }
}

void check_delay(const ProjectionPlan& plan, double delay_ms) {
  if (delay_steps(delay_ms, plan.dt) < 0) throw_delay(plan, delay_ms);
}

}  // namespace

uint32_t checked_neuron_count(const Network& network) {
  uint64_t total = 0;
  for (const Population& p : network.populations) total += p.size;
  if (total > kernels::kMaxTargets)
    throw input_error(network.source + ": the network has " + std::to_string(total) +
                      " neurons, but synapses address at most 16,777,216 neurons per network; "
                      "split the model or shrink its populations");
  return static_cast<uint32_t>(total);
}

std::vector<ProjectionPlan> plan_projections(const Network& network) {
  checked_neuron_count(network);
  const double dt = network.simulation.dt;
  if (!(dt > 0.0) || !std::isfinite(dt))
    throw input_error(network.source + ": simulation.dt must be a positive number of ms, not " +
                      num(dt));
  const std::vector<uint32_t> offsets = population_offsets(network);
  std::vector<ProjectionPlan> plans;
  for (size_t i = 0; i < network.projections.size(); ++i) {
    const Projection& proj = network.projections[i];
    const Connector& conn = proj.connector;
    ProjectionPlan plan;
    plan.index = static_cast<uint32_t>(i);
    plan.context = network.source + ": projections[" + std::to_string(i) + "]";
    const std::string key = "projections[" + std::to_string(i) + "]";
    const uint32_t src = population_index(network, proj.source, key);
    const uint32_t tgt = population_index(network, proj.target, key);
    plan.projection = &proj;
    plan.seed = network.simulation.seed;
    plan.source_offset = offsets[src];
    plan.target_offset = offsets[tgt];
    plan.source_size = network.populations[src].size;
    plan.target_size = network.populations[tgt].size;
    const bool pairwise = conn.kind == Kind::kAllToAll || conn.kind == Kind::kFixedProbability ||
                          conn.kind == Kind::kFixedInDegree || conn.kind == Kind::kFixedTotalNumber;
    plan.exclude_self = pairwise && src == tgt && !conn.allow_self;
    plan.candidates = plan.source_size - (plan.exclude_self && plan.source_size > 0 ? 1 : 0);
    plan.sign = proj.receptor == Receptor::kInhibitory ? -1.0f : 1.0f;
    plan.dt = dt;

    // Delays: what can be checked before drawing is checked here, so a bad config fails fast.
    if (proj.delay.kind == Distribution::Kind::kConstant) {
      check_delay(plan, proj.delay.a);
      plan.constant_delay_steps = static_cast<uint32_t>(delay_steps(proj.delay.a, dt));
    } else if (proj.delay.kind == Distribution::Kind::kUniform) {
      check_delay(plan, std::max(proj.delay.a, proj.delay.b));
    }

    const uint64_t chunks = (uint64_t{plan.candidates} + kChunk - 1) / kChunk;
    switch (conn.kind) {
      case Kind::kAllToAll:
        plan.chunks = std::max<uint64_t>(chunks, 1);
        plan.units = chunks * plan.target_size;
        break;
      case Kind::kFixedProbability:
        if (!(conn.p >= 0.0 && conn.p <= 1.0))
          throw input_error(plan.context + ": fixed_probability p = " + num(conn.p) +
                            " must lie in [0, 1]");
        plan.chunks = std::max<uint64_t>(chunks, 1);
        plan.units = chunks * plan.target_size;
        break;
      case Kind::kFixedInDegree:
        if (conn.n > plan.candidates)
          throw input_error(plan.context + ": fixed_in_degree n = " + std::to_string(conn.n) +
                            " but '" + proj.source + "' offers only " +
                            std::to_string(plan.candidates) + " distinct sources per target" +
                            (plan.exclude_self ? " (autapses excluded)" : "") +
                            "; lower n or allow_self");
        plan.units = plan.target_size;
        break;
      case Kind::kFixedTotalNumber:
        if (conn.n > 0 && (plan.source_size == 0 || plan.target_size == 0 ||
                           (plan.exclude_self && plan.source_size == 1)))
          throw input_error(plan.context + ": fixed_total_number n = " + std::to_string(conn.n) +
                            " but '" + proj.source + "' -> '" + proj.target +
                            "' has no pair of neurons to connect" +
                            (plan.exclude_self ? " (autapses excluded)" : "") +
                            "; set n = 0 or allow_self");
        plan.units = (uint64_t{conn.n} + kSlice - 1) / kSlice;
        break;
      case Kind::kOneToOne:
        if (plan.source_size != plan.target_size)
          throw input_error(plan.context + ": one_to_one needs populations of equal size, but '" +
                            proj.source + "' has " + std::to_string(plan.source_size) +
                            " neurons and '" + proj.target + "' " +
                            std::to_string(plan.target_size));
        plan.units = (plan.target_size + kSlice - 1) / kSlice;
        break;
      case Kind::kFromList:
        for (size_t c = 0; c < conn.list.size(); ++c) {
          const Connection& e = conn.list[c];
          if (e.pre >= plan.source_size || e.post >= plan.target_size)
            throw input_error(plan.context + ": list entry " + std::to_string(c) + " (" +
                              std::to_string(e.pre) + ", " + std::to_string(e.post) +
                              ") is outside " + std::to_string(plan.source_size) + " x " +
                              std::to_string(plan.target_size) + " neurons");
          check_delay(plan, e.delay);
        }
        plan.units = (conn.list.size() + kSlice - 1) / kSlice;
        break;
      case Kind::kDenseMatrix:
        if (conn.matrix.size() != uint64_t{plan.source_size} * plan.target_size)
          throw input_error(plan.context + ": the weight matrix has " +
                            std::to_string(conn.matrix.size()) + " entries but must have " +
                            std::to_string(plan.source_size) + " x " +
                            std::to_string(plan.target_size) + " (source x target)");
        plan.chunks = std::max<uint64_t>(chunks, 1);
        plan.units = chunks * plan.target_size;
        break;
    }
    plan.stochastic = stochastic(proj);
    if (proj.mapped) {
      check_mapped(plan, *proj.mapped);
      plan.mapped = proj.mapped.get();
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

void draw_unit(const ProjectionPlan& plan, uint64_t unit, bool with_values, UnitSynapses& out) {
  out.pre.clear();
  out.post.clear();
  out.weight.clear();
  out.delay_steps.clear();
  out.release.clear();
  Emitter emit(plan, unit, with_values, out);
  const Connector& conn = plan.projection->connector;
  // Pairwise connectors: unit = target * chunks + chunk of candidates.
  const auto target = static_cast<uint32_t>(unit / plan.chunks);
  const uint64_t begin = (unit % plan.chunks) * kChunk;
  const uint64_t end = std::min<uint64_t>(begin + kChunk, plan.candidates);
  switch (conn.kind) {
    case Kind::kAllToAll:
      for (uint64_t k = begin; k < end; ++k) emit(candidate_source(plan, k, target), target);
      break;
    case Kind::kFixedProbability:
      draw_probability(plan, unit, target, begin, end, emit);
      break;
    case Kind::kFixedInDegree:
      draw_in_degree(plan, unit, static_cast<uint32_t>(unit), out, emit);
      break;
    case Kind::kOneToOne: {
      const uint64_t last = std::min<uint64_t>((unit + 1) * kSlice, plan.target_size);
      for (uint64_t i = unit * kSlice; i < last; ++i)
        emit(static_cast<uint32_t>(i), static_cast<uint32_t>(i));
      break;
    }
    case Kind::kFromList: {
      const uint64_t last = std::min<uint64_t>((unit + 1) * kSlice, conn.list.size());
      for (uint64_t i = unit * kSlice; i < last; ++i) {
        const Connection& e = conn.list[i];
        emit.given(e.pre, e.post, e.weight, e.delay, e.release_probability);
      }
      break;
    }
    case Kind::kFixedTotalNumber:
      draw_total_number(plan, unit, emit);
      break;
    case Kind::kDenseMatrix:
      for (uint64_t s = begin; s < end; ++s) {
        const double w = conn.matrix[s * plan.target_size + target];
        // The delay is drawn only for actual synapses, in source order.
        if (w != 0.0)
          emit.given(static_cast<uint32_t>(s), target, w, with_values ? emit.delay_ms() : 0.0);
      }
      break;
  }
  if (plan.mapped) keep_realised(plan, unit, with_values, out);
}

UnitRange units_onto(const ProjectionPlan& plan, uint32_t first, uint32_t last) {
  if (first >= last) return {0, 0};
  switch (plan.projection->connector.kind) {
    case Kind::kFixedInDegree:
      return {first, last};
    case Kind::kOneToOne:
      return {first / kSlice, (last - 1) / kSlice + 1};
    case Kind::kFromList:
    case Kind::kFixedTotalNumber:  // any unit may reach any target
      return {0, plan.units};
    default:  // pairwise: unit = target * chunks + chunk
      return {first * plan.chunks, last * plan.chunks};
  }
}

uint64_t max_synapses_per_source(const ProjectionPlan& plan) {
  switch (plan.projection->connector.kind) {
    case Kind::kOneToOne:
      return 1;
    case Kind::kFromList:
      return plan.projection->connector.list.size();
    case Kind::kFixedTotalNumber:
      return plan.projection->connector.n;
    default:
      return plan.target_size;
  }
}

double expected_synapses(const Projection& projection, uint32_t source_size, uint32_t target_size,
                         bool same_population) {
  if (projection.mapped) return static_cast<double>(projection.mapped->realised);
  const Connector& conn = projection.connector;
  const double pairs = static_cast<double>(source_size) * target_size -
                       (same_population && !conn.allow_self ? source_size : 0.0);
  switch (conn.kind) {
    case Kind::kAllToAll:
      return pairs;
    case Kind::kOneToOne:
      return std::min(source_size, target_size);
    case Kind::kFixedProbability:
      return conn.p * pairs;
    case Kind::kFixedInDegree:
      return static_cast<double>(conn.n) * target_size;
    case Kind::kFixedTotalNumber:
      return static_cast<double>(conn.n);
    case Kind::kFromList:
      return static_cast<double>(conn.list.size());
    case Kind::kDenseMatrix:
      return static_cast<double>(
          std::count_if(conn.matrix.begin(), conn.matrix.end(), [](double w) { return w != 0.0; }));
  }
  return 0.0;
}

}  // namespace spikewafer::connectors
