// The CPU backend: buffers are std::vector, kernels run through Thrust's OpenMP system.
// Compiled by the host compiler only.
#pragma once

#include <thrust/execution_policy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/omp/execution_policy.h>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "device_traffic.hpp"
#include "step_spikes.hpp"

namespace spikewafer::kernels {

// A thread's part of CpuBackend::together()'s launches: thread `thread` of `threads`.
struct LaunchShare {
  int thread = 0, threads = 0;
};

struct CpuBackend {
  template <class T>
  using Vector = std::vector<T>;
  static constexpr const char* kName = "cpu";
  static constexpr bool kOnHost = true;  // its buffers are host memory

  // Every primitive counts what the CUDA backend's would cost (device_traffic.hpp), so that
  // CPU runs and tests measure the GPU's launches, waits and transfers.

  // Below this many items a parallel region costs more than it saves; the result is the same
  // either way (kernels are written to be order-independent). Tests set it to 0 so that races
  // would show up even in small networks.
  static inline size_t serial_below = 4096;

  // A step's delivery (spike_delivery.hpp) on several threads splits the targets among them
  // (no atomics); on one thread, that thread takes whole rows.
  static constexpr bool kPartitionedDelivery = true;
  static constexpr uint32_t kDeliveryLanes = 1;

  // f(i) for i < n; `work` (default n) is the item count that decides serial or parallel.
  // Inside together(), each thread of the group runs its own share of the items.
  template <class F>
  static void for_each_index(size_t n, const F& f, size_t work = 0) {
    if (n == 0) return;
    thrust::counting_iterator<uint64_t> first(0);
    if (share_.threads > 0) {
      if (share_.thread == 0) TrafficCost::kernel();  // once, on the thread that drives the engine
      thrust::for_each(thrust::seq, first + n * share_.thread / share_.threads,
                       first + n * (share_.thread + 1) / share_.threads, f);
      return;
    }
    TrafficCost::kernel();
    if (serial(work ? work : n))
      thrust::for_each(thrust::seq, first, first + n, f);
    else
      thrust::for_each(thrust::omp::par, first, first + n, f);
  }

  // Runs `launches`, a function that makes launches none of which reads what another writes
  // (the populations' neuron updates), in one parallel region when their `work` items together
  // are worth it: every thread takes its share of each launch, and the region's end is the only
  // barrier. One fork and join per step instead of one per population, so that networks of many
  // small populations use every core. Items are computed alike whichever thread takes them.
  template <class G>
  static void together(size_t work, const G& launches) {
    if (share_.threads > 0) return launches();  // already inside a group
    if (serial(work)) {  // one thread takes every launch whole, however large each alone
      share_ = LaunchShare{0, 1};
      launches();
      share_ = LaunchShare{};
      return;
    }
#pragma omp parallel
    {
      share_ = LaunchShare{omp_get_thread_num(), omp_get_num_threads()};
      launches();
      share_ = LaunchShare{};
    }
  }

  // f(row, k) for every k < length of every row. Each thread takes whole chunks of one row, and
  // the inner loop over k is a plain loop the compiler can vectorise.
  template <class F>
  static void for_each_in_rows(uint32_t rows, uint32_t length, const F& f) {
    constexpr uint32_t kChunk = 512;
    const uint32_t per_row = (length + kChunk - 1) / kChunk;
    const auto chunk = [&f, per_row, length](uint64_t b) {
      const uint32_t r = static_cast<uint32_t>(b / per_row);
      const uint32_t start = static_cast<uint32_t>(b % per_row) * kChunk;
      const uint32_t end = std::min(start + kChunk, length);
      const F local = f;  // a local copy: its pointers provably do not change inside the loop
#pragma omp simd
      for (uint32_t k = start; k < end; ++k) local(r, k);
    };
    for_each_index(static_cast<uint64_t>(rows) * per_row, chunk,
                   static_cast<uint64_t>(rows) * length);
  }

  // Runs g(policy) with the execution policy that suits n items; returns what g returns.
  // Collectives (compaction) do a few nanoseconds of work per item, so they go parallel only
  // for much larger arrays than the neuron update does.
  template <class G>
  static auto with_policy(size_t n, const G& g) {
    return serial(n / 64) ? g(thrust::seq) : g(thrust::omp::par);
  }

  // This thread's part of a together() region: threads == 0 outside one.
  static inline thread_local LaunchShare share_;

  // Whether a launch of n items runs on one thread (so it needs no atomics): small launches, and
  // every launch when OpenMP has one thread (a parallel region of one still costs its overhead).
  static bool serial(size_t n) { return n < serial_below || omp_get_max_threads() == 1; }

  // Indices of the non-zero flags, in increasing order, into out.indices, and how many into
  // out.count. Spikes are rare, so eight flags are tested at a time and only words with a
  // spike are looked into.
  static void compact_flags(const uint8_t* flags, size_t n, StepSpikes out) {
    TrafficCost::compaction();
    uint32_t* indices = out.indices.data();
    uint32_t count = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t word;
      std::memcpy(&word, flags + i, sizeof word);
      if (word == 0) continue;
      for (size_t k = i; k < i + 8; ++k)
        if (flags[k]) indices[count++] = static_cast<uint32_t>(k);
    }
    for (; i < n; ++i)
      if (flags[i]) indices[count++] = static_cast<uint32_t>(i);
    out.count[0] = count;
  }

  // The step's spike count as far as the host knows it without waiting: here, exactly.
  static uint32_t count_without_waiting(StepSpikes spikes) { return spikes.count[0]; }

  // f(i) for i < per_spike times the step's spike count; `work_per_spike` decides serial or
  // parallel as for_each_index's `work` does. A step without spikes still counts its launch:
  // the CUDA backend launches without knowing the count.
  template <class F>
  static void for_each_spike(StepSpikes spikes, uint32_t per_spike, const F& f,
                             uint64_t work_per_spike = 0) {
    if (spikes.bound() == 0) return;
    const uint64_t count = spikes.count[0];
    if (count == 0) return TrafficCost::kernel();
    for_each_index(count * per_spike, f, count * (work_per_spike ? work_per_spike : per_spike));
  }

  template <class T>
  static Vector<T> upload(std::vector<T>&& host) {
    if (!host.empty()) TrafficCost::allocation(), TrafficCost::copy();
    return std::move(host);
  }
  template <class T>
  static Vector<T> filled(size_t n, T value) {
    if (n > 0) TrafficCost::allocation(), TrafficCost::synchronous_kernel();
    return Vector<T>(n, value);
  }
  template <class T>
  static void fill(Vector<T>& v, T value) {
    if (!v.empty()) TrafficCost::kernel();
    std::fill(v.begin(), v.end(), value);
  }
  template <class T>
  static std::vector<T> download(const Vector<T>& v, size_t offset, size_t count) {
    if (count > 0) TrafficCost::copy();
    return std::vector<T>(v.begin() + offset, v.begin() + offset + count);
  }
  template <class T>
  static void write_prefix(Vector<T>& v, const std::vector<T>& host) {
    if (!host.empty()) TrafficCost::copy();
    std::copy(host.begin(), host.end(), v.begin());
  }
  template <class T>
  static T* raw(Vector<T>& v) { return v.data(); }
  static void synchronize() { TrafficCost::synchronisation(); }
};

}  // namespace spikewafer::kernels
