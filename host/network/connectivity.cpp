// Assembly of every projection's synapses into one CSR by source neuron.
//
// Memory is the constraint (10^9 synapses must build next to an 8 GB CSR), so no list of pairs
// is ever kept: each unit (connectors.hpp) is drawn twice from its own random streams.
//   Pass 1: every worker draws its share of each projection's units and counts synapses per
//           source row in its own counter array (no atomics, no sharing).
//   Scan:   row_ptr from the counts; each worker's counter becomes its first slot in each row.
//   Pass 2: the same units are drawn again, with weights and delays, into those slots. Writes
//           to random rows would cost a cache miss (and a TLB miss) per synapse, so each worker
//           stages them in buckets of neighbouring rows and writes a bucket when it is full:
//           then every row gets several adjacent entries at once (see RowStager).
//   Sort:   each row is ordered by (target, delay, weight, release probability), which removes
//           the last trace of how units were split between workers. A worker draws its units
//           in target order, so a row that only one projection feeds is already sorted and
//           costs one check.
#include "connectivity.hpp"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <new>

#include "connectors.hpp"
#include "kernels/synapse_packing.hpp"
#include "layout.hpp"
#include "spikewafer/error.hpp"
#include "unit_workers.hpp"

namespace spikewafer {
namespace {

using connectors::ProjectionPlan;
using connectors::UnitSynapses;
using connectors::for_each_share;

// Pass 2's staging buffers (RowStager), shared out among the workers: about 1/32 of the CSR
// they fill, within these bounds. More staging means more synapses per row per write-out; at
// 10^9 synapses 256 MiB saved a quarter of the CPU time that 32 MiB took.
constexpr uint64_t kMinStagingBytes = uint64_t{32} << 20;
constexpr uint64_t kMaxStagingBytes = uint64_t{256} << 20;

uint64_t staging_bytes_per_worker(uint64_t synapses, int workers) {
  const uint64_t csr_bytes = synapses * (sizeof(uint32_t) + sizeof(float));
  return std::clamp(csr_bytes / 32, kMinStagingBytes, kMaxStagingBytes) / workers;
}

// Per-worker counters are 32-bit; refuse the (absurd) networks where one neuron could have
// more than 2^32 - 1 outgoing synapses rather than overflow silently.
void check_row_bound(const Network& network, const std::vector<ProjectionPlan>& plans) {
  std::map<std::string, uint64_t> bound;  // by source population
  for (const ProjectionPlan& plan : plans)
    bound[plan.projection->source] += connectors::max_synapses_per_source(plan);
  for (const auto& [population, synapses] : bound)
    if (synapses > UINT32_MAX)
      throw Error(ErrorKind::kResource,
                  network.source + ": a neuron of '" + population + "' could get " +
                      std::to_string(synapses) +
                      " outgoing synapses; at most 4,294,967,295 per neuron are supported");
}

// Whether std::vector's unused capacity may be written (not under AddressSanitizer, whose
// container annotations would report it).
#if defined(__SANITIZE_ADDRESS__)
#define SPIKEWAFER_PRETOUCH 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPIKEWAFER_PRETOUCH 0
#endif
#endif
#ifndef SPIKEWAFER_PRETOUCH
#define SPIKEWAFER_PRETOUCH 1
#endif

// The CSR arrays are nearly all of the memory, and faulting their pages in is slow (in a VM,
// 10^9 synapses took 10-20 s on one thread), while std::vector::resize zero-fills on one thread.
// So the reserved pages are first touched by all workers (a char store may write any storage);
// resize's zero-fill then runs over mapped memory at memset speed.
template <class T>
void allocate(std::vector<T>& v, uint64_t n, int workers) {
  v.reserve(n);
#if SPIKEWAFER_PRETOUCH
  constexpr int64_t kPage = 4096;
  char* bytes = reinterpret_cast<char*>(v.data());
  const auto pages = static_cast<int64_t>((n * sizeof(T) + kPage - 1) / kPage);
#pragma omp parallel for schedule(static) num_threads(workers)
  for (int64_t p = 0; p < pages; ++p) bytes[p * kPage] = 0;
#else
  (void)workers;
#endif
  v.resize(n);
}

// Pass 2's writes of one worker, staged in buckets of 2^shift neighbouring source rows. When a
// bucket is full it is written out: its entries fall into few rows, several per row, so the
// CSR is written a cache line at a time instead of 4 bytes per miss. Within a row, entries keep
// the order in which they were added.
class RowStager {
 public:
  RowStager(Connectivity& c, uint32_t* cursor, uint64_t budget_bytes)
      : row_(c.row_ptr.data()),
        td_(c.target_delay.data()),
        weight_(c.weight.data()),
        release_(c.release.empty() ? nullptr : c.release.data()),
        cursor_(cursor) {
    while ((c.neurons >> shift_) > kMaxBuckets) ++shift_;
    const uint64_t buckets = (uint64_t{c.neurons} >> shift_) + 1;
    // Aim for 16 entries per row per write-out (a full cache line of targets), within budget.
    const uint64_t wanted = uint64_t{16} << shift_;
    capacity_ = std::max<uint64_t>(
        std::min<uint64_t>(wanted, budget_bytes / (buckets * sizeof(Staged))), 64);
    staged_.resize(buckets * capacity_);
    fill_.assign(buckets, 0);
  }

  void add(uint32_t pre, uint32_t target_delay, float weight, float release) {
    const uint32_t b = pre >> shift_;
    uint64_t& fill = fill_[b];
    staged_[b * capacity_ + fill] = {pre, target_delay, weight, release};
    if (++fill == capacity_) write_out(b);
  }

  void finish() {
    for (uint32_t b = 0; b < fill_.size(); ++b) write_out(b);
  }

 private:
  static constexpr uint64_t kMaxBuckets = 1024;  // one open cache line each stays in L2
  struct Staged {
    uint32_t pre;
    uint32_t target_delay;
    float weight;
    float release;
  };

  void write_out(uint32_t b) {
    const Staged* e = staged_.data() + b * capacity_;
    for (uint64_t i = 0; i < fill_[b]; ++i) {
      const uint64_t at = row_[e[i].pre] + cursor_[e[i].pre]++;
      td_[at] = e[i].target_delay;
      weight_[at] = e[i].weight;
      if (release_) release_[at] = e[i].release;
    }
    fill_[b] = 0;
  }

  const uint64_t* row_;
  uint32_t* td_;
  float* weight_;
  float* release_;  // null where no synapse is stochastic
  uint32_t* cursor_;
  uint32_t shift_ = 0;
  uint64_t capacity_ = 0;
  std::vector<Staged> staged_;
  std::vector<uint64_t> fill_;
};

struct Entry {
  uint32_t target_delay;
  float weight;
  float release;
};

// A float's bits as an unsigned key in the float's order (-0.0 just below +0.0, NaNs at the
// ends), so that rows have one total order whatever the weights.
inline uint32_t weight_key(float w) {
  uint32_t bits;
  std::memcpy(&bits, &w, sizeof bits);
  return bits & 0x80000000u ? ~bits : bits | 0x80000000u;
}

// Order of synapses within a row: target, delay (both in the packed word), weight, release
// probability.
inline bool entry_less(const Entry& a, const Entry& b) {
  if (a.target_delay != b.target_delay) return a.target_delay < b.target_delay;
  if (a.weight != b.weight) return weight_key(a.weight) < weight_key(b.weight);
  return a.release < b.release;
}

void sort_rows(Connectivity& c) {
  const int64_t rows = c.neurons;
#pragma omp parallel
  {
    std::vector<Entry> scratch;
#pragma omp for schedule(dynamic, 256)
    for (int64_t r = 0; r < rows; ++r) {
      const uint64_t begin = c.row_ptr[r], end = c.row_ptr[r + 1];
      uint32_t* td = c.target_delay.data();
      float* w = c.weight.data();
      float* release = c.release.empty() ? nullptr : c.release.data();
      const auto entry = [&](uint64_t i) {
        return Entry{td[i], w[i], release ? release[i] : 1.0f};
      };
      bool sorted = true;
      for (uint64_t i = begin + 1; i < end && sorted; ++i)
        sorted = !entry_less(entry(i), entry(i - 1));
      if (sorted) continue;
      scratch.resize(end - begin);
      for (uint64_t i = begin; i < end; ++i) scratch[i - begin] = entry(i);
      std::sort(scratch.begin(), scratch.end(), entry_less);
      for (uint64_t i = begin; i < end; ++i) {
        td[i] = scratch[i - begin].target_delay;
        w[i] = scratch[i - begin].weight;
        if (release) release[i] = scratch[i - begin].release;
      }
    }
  }
}

}  // namespace

Connectivity build_connectivity(const Network& network) {
  std::vector<ProjectionPlan> plans = connectors::plan_projections(network);
  // Plastic projections keep their own synapses (plastic_synapses.hpp).
  plans.erase(std::remove_if(plans.begin(), plans.end(),
                             [](const ProjectionPlan& p) { return p.projection->stdp.enabled; }),
              plans.end());
  check_row_bound(network, plans);
  Connectivity c;
  c.neurons = connectors::checked_neuron_count(network);
  const int workers = connectors::drawing_workers(c.neurons, expected_synapses(network));

  // Pass 1: synapses per (worker, source row).
  std::vector<std::vector<uint32_t>> cursor(workers);
#pragma omp parallel for schedule(static, 1) num_threads(workers)
  for (int w = 0; w < workers; ++w) cursor[w].assign(c.neurons, 0);  // first touch by its worker
  const auto units = connectors::all_units(plans);
  for_each_share(
      plans, units, workers, false,
      [&](int w, size_t, uint64_t, const UnitSynapses& s) {
        uint32_t* count = cursor[w].data();
        for (uint32_t pre : s.pre) ++count[pre];
      },
      [](int) {});

  // Scan: each row's start, and each worker's first slot within the row.
  c.row_ptr.assign(uint64_t{c.neurons} + 1, 0);
  for (uint32_t r = 0; r < c.neurons; ++r) {
    uint32_t in_row = 0;
    for (int w = 0; w < workers; ++w) {
      const uint32_t n = cursor[w][r];
      cursor[w][r] = in_row;
      in_row += n;
    }
    c.row_ptr[r + 1] = c.row_ptr[r] + in_row;
  }
  const uint64_t total = c.row_ptr.back();
  try {
    allocate(c.target_delay, total, workers);
    allocate(c.weight, total, workers);
    if (std::any_of(plans.begin(), plans.end(),
                    [](const ProjectionPlan& p) { return p.stochastic; }))
      allocate(c.release, total, workers);
  } catch (const std::bad_alloc&) {
    throw Error(ErrorKind::kResource, network.source + ": " + std::to_string(total) +
                                          " synapses (8 bytes each, 12 with release "
                                          "probabilities) do not fit in host memory");
  }

  // Pass 2: the same draws, now with weights and delays, into the reserved slots.
  std::vector<uint32_t> max_delay(workers, 1);
  std::vector<std::unique_ptr<RowStager>> stagers(workers);
  for_each_share(
      plans, units, workers, true,
      [&](int w, size_t, uint64_t, const UnitSynapses& s) {
        if (!stagers[w])
          stagers[w] = std::make_unique<RowStager>(c, cursor[w].data(),
                                                   staging_bytes_per_worker(total, workers));
        RowStager& stager = *stagers[w];
        uint32_t longest = max_delay[w];
        for (size_t i = 0; i < s.pre.size(); ++i) {
          stager.add(s.pre[i], kernels::pack_target_delay(s.post[i], s.delay_steps[i]),
                     s.weight[i], s.release.empty() ? 1.0f : s.release[i]);
          longest = std::max<uint32_t>(longest, s.delay_steps[i]);
        }
        max_delay[w] = longest;
      },
      [&](int w) {
        if (stagers[w]) stagers[w]->finish();
        stagers[w].reset();
      });
  cursor = {};  // free the counters before sorting needs its scratch

  sort_rows(c);
  c.max_delay_steps = *std::max_element(max_delay.begin(), max_delay.end());
  return c;
}

bool stochastic(const Projection& p) {
  return p.release_probability < 1.0 ||
         std::any_of(p.connector.list.begin(), p.connector.list.end(),
                     [](const Connection& e) { return e.release_probability < 1.0; });
}

bool any_stochastic(const Network& network) {
  return std::any_of(network.projections.begin(), network.projections.end(),
                     [](const Projection& p) { return stochastic(p); });
}

uint32_t min_delay_steps(const Connectivity& c) {
  uint32_t shortest = c.max_delay_steps;
  for (uint32_t packed : c.target_delay)
    shortest = std::min(shortest, kernels::unpack_delay(packed));
  return shortest;
}

void keep_targets(Connectivity& c, const Partition& partition) {
  uint64_t out = 0;
  uint64_t row_start = 0;
  for (uint32_t n = 0; n < c.neurons; ++n) {
    const uint64_t end = c.row_ptr[n + 1];
    for (uint64_t k = row_start; k < end; ++k) {
      const uint32_t target = kernels::unpack_target(c.target_delay[k]);
      if (!partition.owns(target)) continue;
      c.target_delay[out] = c.target_delay[k];
      c.weight[out] = c.weight[k];
      if (!c.release.empty()) c.release[out] = c.release[k];
      ++out;
    }
    row_start = end;
    c.row_ptr[n + 1] = out;
  }
  c.target_delay.resize(out);
  c.weight.resize(out);
  if (!c.release.empty()) c.release.resize(out);
  c.target_delay.shrink_to_fit();
  c.weight.shrink_to_fit();
  c.release.shrink_to_fit();
}

double expected_synapses(const Network& network) {
  double total = 0.0;
  for (size_t i = 0; i < network.projections.size(); ++i) {
    const Projection& proj = network.projections[i];
    const std::string key = "projections[" + std::to_string(i) + "]";
    const uint32_t src = population_index(network, proj.source, key);
    const uint32_t tgt = population_index(network, proj.target, key);
    total += connectors::expected_synapses(proj, network.populations[src].size,
                                           network.populations[tgt].size, src == tgt);
  }
  return total;
}

}  // namespace spikewafer
