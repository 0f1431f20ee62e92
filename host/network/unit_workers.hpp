// Drawing the units of many projections (connectors.hpp) on several threads: worker w of W takes
// the w-th contiguous share of each projection's units, so it draws them in target order.
// Nothing drawn depends on the split; a caller that collects per worker gets the same totals
// for any W. Used by the CSR build (connectivity.cpp) and the wafer mapping.
#pragma once

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <vector>

#include "connectors.hpp"

namespace spikewafer::connectors {

// Workers for drawing `expected` synapses of a network of `neurons`: one below 2^14 synapses
// (a draw takes microseconds and thread start-up would dominate), otherwise all threads, but no
// more than keep a 4-byte counter per neuron per worker within 512 MiB.
inline int drawing_workers(uint32_t neurons, double expected) {
  constexpr double kSerialBelowSynapses = 1 << 14;
  constexpr uint64_t kCounterBudgetBytes = uint64_t{512} << 20;
  if (expected < kSerialBelowSynapses) return 1;
  const uint64_t per_worker = std::max<uint64_t>(uint64_t{neurons} * sizeof(uint32_t), 1);
  const uint64_t cap = std::max<uint64_t>(kCounterBudgetBytes / per_worker, 1);
  return static_cast<int>(std::min<uint64_t>(std::max(omp_get_max_threads(), 1), cap));
}

inline UnitRange share(UnitRange all, int w, int workers) {
  const uint64_t n = all.last - all.first;
  return {all.first + n * w / workers, all.first + n * (w + 1) / workers};
}

// Every unit of every projection.
inline std::vector<UnitRange> all_units(const std::vector<ProjectionPlan>& plans) {
  std::vector<UnitRange> ranges;
  for (const ProjectionPlan& plan : plans) ranges.push_back({0, plan.units});
  return ranges;
}

// Runs `body(worker, plan_index, unit, synapses)` on each unit of `ranges[p]` of every plan p, in
// parallel, then `done(worker)`. An exception cannot leave an OpenMP region, so each worker
// keeps its first one; the one from the earliest projection is rethrown.
template <class Body, class Done>
void for_each_share(const std::vector<ProjectionPlan>& plans, const std::vector<UnitRange>& ranges,
                    int workers, bool with_values, Body body, Done done) {
  std::vector<std::exception_ptr> errors(workers);
  std::vector<size_t> error_plan(workers, plans.size());
#pragma omp parallel for schedule(static, 1) num_threads(workers)
  for (int w = 0; w < workers; ++w) {
    UnitSynapses synapses;
    size_t p = 0;
    try {
      for (; p < plans.size(); ++p) {
        const UnitRange range = share(ranges[p], w, workers);
        for (uint64_t u = range.first; u < range.last; ++u) {
          draw_unit(plans[p], u, with_values, synapses);
          body(w, p, u, synapses);
        }
      }
      done(w);
    } catch (...) {
      errors[w] = std::current_exception();
      error_plan[w] = p;
    }
  }
  int first = -1;
  for (int w = 0; w < workers; ++w)
    if (errors[w] && (first < 0 || error_plan[w] < error_plan[first])) first = w;
  if (first >= 0) std::rethrow_exception(errors[first]);
}

}  // namespace spikewafer::connectors
