// The CUDA backend: buffers are thrust::device_vector, kernels run through Thrust's CUDA system.
// Included only by .cu files, compiled by nvcc.
#pragma once

#include <cuda_runtime.h>
#include <cub/device/device_select.cuh>
#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/cuda/execution_policy.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "device_traffic.hpp"
#include "step_spikes.hpp"
#include "spikewafer/error.hpp"

// The one check for CUDA runtime calls: throws with the file, line and CUDA's own message.
#define SW_CUDA_CHECK(call)                                                                     \
  do {                                                                                          \
    const cudaError_t sw_status_ = (call);                                                      \
    if (sw_status_ != cudaSuccess)                                                              \
      throw ::spikewafer::Error(::spikewafer::ErrorKind::kBackend,                              \
                                std::string(__FILE__) + ":" + std::to_string(__LINE__) + ": " + \
                                    #call + ": " + cudaGetErrorString(sw_status_));             \
  } while (0)

namespace spikewafer::kernels {

// f(i) for i < per_spike times the count in device memory, grid-stride: the launch is sized by
// the bound the host knows, the kernel reads the count. The stride is a multiple of 32, so a
// warp's threads keep consecutive items (the delivery's lanes of one spike share a warp).
template <class F>
__global__ void for_each_counted(const uint32_t* count, uint32_t per_spike, F f) {
  const uint64_t n = static_cast<uint64_t>(*count) * per_spike;
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t i = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride)
    f(i);
}

// Adapts a functor of (row, k) to one thread per item.
template <class F>
struct RowLaunch {
  F f;
  uint32_t length;
  __host__ __device__ void operator()(uint64_t i) const {
    const uint32_t r = static_cast<uint32_t>(i / length);
    f(r, static_cast<uint32_t>(i - static_cast<uint64_t>(r) * length));
  }
};

// Temporary storage (the compaction's scan state, Thrust's reductions) from blocks kept for
// reuse, instead of a cudaMalloc and a cudaFree, which waits for the whole device, in each call:
// the compaction runs every time step. Thrust's own example of a custom temporary allocator,
// in short.
class TemporaryCache {
 public:
  using value_type = char;
  TemporaryCache() = default;
  TemporaryCache(const TemporaryCache&) = delete;
  TemporaryCache& operator=(const TemporaryCache&) = delete;
  ~TemporaryCache() {
    // Errors are ignored: at exit the CUDA runtime may already be gone.
    for (auto& [bytes, block] : free_) cudaFree(block);
    for (auto& [block, bytes] : in_use_) cudaFree(block);
  }

  char* allocate(std::ptrdiff_t n) {
    const size_t bytes = static_cast<size_t>(n);
    char* block = nullptr;
    const auto fit = free_.lower_bound(bytes);
    if (fit != free_.end()) {
      block = fit->second;
      in_use_[block] = fit->first;
      free_.erase(fit);
    } else {
      SW_CUDA_CHECK(cudaMalloc(&block, bytes));
      in_use_[block] = bytes;
    }
    return block;
  }

  void deallocate(char* block, size_t) {
    const auto it = in_use_.find(block);
    free_.emplace(it->second, block);
    in_use_.erase(it);
  }

 private:
  std::multimap<size_t, char*> free_;  // by size
  std::map<char*, size_t> in_use_;
};

struct CudaBackend {
  template <class T>
  using Vector = thrust::device_vector<T>;
  static constexpr const char* kName = "cuda";
  static constexpr bool kOnHost = false;  // its buffers are device memory

  // The delivery (spike_delivery.hpp): a warp shares a row, atomically.
  static constexpr bool kPartitionedDelivery = false;
  static constexpr uint32_t kDeliveryLanes = 32;

  // One cache per host thread: Thrust calls it from the thread that launches.
  static TemporaryCache& temporaries() {
    thread_local TemporaryCache cache;
    return cache;
  }

  // The stream that every launch, the compaction and the reductions run on: one per host thread
  // (one thread drives an engine), created blocking, so that Thrust's copies and allocations on
  // the legacy default stream stay ordered with it both ways. synchronize() waits for it alone,
  // and a stream of the engine's own is what capturing a step as a CUDA graph will need.
  static cudaStream_t stream() {
    struct Owned {
      cudaStream_t s = nullptr;
      Owned() { SW_CUDA_CHECK(cudaStreamCreate(&s)); }
      ~Owned() { cudaStreamDestroy(s); }  // errors ignored: at exit the runtime may be gone
    };
    thread_local Owned owned;
    return owned.s;
  }

  // Launches return at once (par_nosync): kernels on the stream run in order, and every read of
  // device memory by the host (a copy, a reduction's result) waits for them.
  template <class F>
  static void for_each_index(size_t n, const F& f, size_t /*work: the CPU's choice only*/ = 0) {
    if (n == 0) return;
    TrafficCost::kernel();
    thrust::counting_iterator<uint64_t> first(0);
    thrust::for_each(thrust::cuda::par_nosync(temporaries()).on(stream()), first, first + n, f);
    SW_CUDA_CHECK(cudaGetLastError());
  }

  template <class F>
  static void for_each_in_rows(uint32_t rows, uint32_t length, const F& f) {
    for_each_index(static_cast<uint64_t>(rows) * length, RowLaunch<F>{f, length});
  }

  // Launches in order on the stream: the GPU fills its cores from each launch alone.
  template <class G>
  static void together(size_t /*work: the CPU's choice only*/, const G& launches) {
    launches();
  }

  template <class G>
  static auto with_policy(size_t, const G& g) {
    return g(thrust::cuda::par(temporaries()).on(stream()));
  }

  static bool serial(size_t) { return false; }

  // Indices of the non-zero flags, in increasing order (CUB's select is stable), into
  // out.indices; how many into out.count, in device memory: nothing is read back. The temporary
  // storage comes from the cache, so after the first step no call allocates.
  static void compact_flags(const uint8_t* flags, size_t n, StepSpikes out) {
    TrafficCost::compaction();
    thrust::counting_iterator<uint32_t> first(0);
    size_t bytes = 0;
    SW_CUDA_CHECK(cub::DeviceSelect::Flagged(nullptr, bytes, first, flags, out.indices.data(),
                                             out.count.data(), static_cast<int64_t>(n)));
    char* storage = temporaries().allocate(static_cast<std::ptrdiff_t>(bytes));
    SW_CUDA_CHECK(cub::DeviceSelect::Flagged(storage, bytes, first, flags, out.indices.data(),
                                             out.count.data(), static_cast<int64_t>(n),
                                             stream()));
    temporaries().deallocate(storage, bytes);  // reused by later launches, in stream order
  }

  // The step's spike count as far as the host knows it without waiting: its bound.
  static uint32_t count_without_waiting(StepSpikes spikes) { return spikes.bound(); }

  // f(i) for i < per_spike times the step's spike count, which only the kernel reads: one
  // launch sized by the bound, at most a few blocks per multiprocessor, looping over the rest.
  template <class F>
  static void for_each_spike(StepSpikes spikes, uint32_t per_spike, const F& f,
                             uint64_t /*work_per_spike: the CPU's choice only*/ = 0) {
    if (spikes.bound() == 0) return;
    TrafficCost::kernel();
    constexpr uint32_t kThreads = 256;
    const uint64_t items = static_cast<uint64_t>(spikes.bound()) * per_spike;
    const uint64_t blocks = std::min<uint64_t>((items + kThreads - 1) / kThreads,
                                               uint64_t{8} * multiprocessors());
    for_each_counted<<<static_cast<unsigned>(blocks), kThreads, 0, stream()>>>(spikes.count.data(),
                                                                               per_spike, f);
    SW_CUDA_CHECK(cudaGetLastError());
  }

  // The current device's multiprocessors, asked once per host thread (no wait: an attribute).
  static uint32_t multiprocessors() {
    thread_local uint32_t count = [] {
      int device = 0, value = 0;
      SW_CUDA_CHECK(cudaGetDevice(&device));
      SW_CUDA_CHECK(cudaDeviceGetAttribute(&value, cudaDevAttrMultiProcessorCount, device));
      return static_cast<uint32_t>(value);
    }();
    return count;
  }

  template <class T>
  static Vector<T> upload(std::vector<T>&& host) {
    if (!host.empty()) TrafficCost::allocation(), TrafficCost::copy();
    return Vector<T>(host.begin(), host.end());
  }
  template <class T>
  static Vector<T> filled(size_t n, T value) {
    if (n > 0) TrafficCost::allocation(), TrafficCost::synchronous_kernel();
    return Vector<T>(n, value);
  }
  template <class T>
  static void fill(Vector<T>& v, T value) {
    if (!v.empty()) TrafficCost::kernel();
    thrust::fill(thrust::cuda::par_nosync(temporaries()).on(stream()), v.begin(), v.end(), value);
  }
  template <class T>
  static std::vector<T> download(const Vector<T>& v, size_t offset, size_t count) {
    std::vector<T> host(count);
    if (count > 0) {
      TrafficCost::copy();
      thrust::copy(v.begin() + offset, v.begin() + offset + count, host.begin());
    }
    return host;
  }
  template <class T>
  static void write_prefix(Vector<T>& v, const std::vector<T>& host) {
    if (!host.empty()) TrafficCost::copy();
    thrust::copy(host.begin(), host.end(), v.begin());
  }
  template <class T>
  static T* raw(Vector<T>& v) { return thrust::raw_pointer_cast(v.data()); }
  static void synchronize() {
    TrafficCost::synchronisation();
    SW_CUDA_CHECK(cudaStreamSynchronize(stream()));
  }
};

}  // namespace spikewafer::kernels
