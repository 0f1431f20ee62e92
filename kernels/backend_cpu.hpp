// The CPU backend: buffers are std::vector, kernels run through Thrust's OpenMP system.
// Compiled by the host compiler only.
#pragma once

#include <thrust/execution_policy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/omp/execution_policy.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace spikewafer::kernels {

struct CpuBackend {
  template <class T>
  using Vector = std::vector<T>;
  static constexpr const char* kName = "cpu";

  // Below this many items a parallel region costs more than it saves; the result is the same
  // either way (kernels are written to be order-independent). Tests set it to 0 so that races
  // would show up even in small networks.
  static inline size_t serial_below = 4096;

  template <class F>
  static void for_each_index(size_t n, const F& f) {
    thrust::counting_iterator<uint64_t> first(0);
    if (n < serial_below)
      thrust::for_each(thrust::seq, first, first + n, f);
    else
      thrust::for_each(thrust::omp::par, first, first + n, f);
  }

  template <class T>
  static Vector<T> upload(std::vector<T>&& host) { return std::move(host); }
  template <class T>
  static Vector<T> filled(size_t n, T value) { return Vector<T>(n, value); }
  template <class T>
  static void fill(Vector<T>& v, T value) { std::fill(v.begin(), v.end(), value); }
  template <class T>
  static std::vector<T> download(const Vector<T>& v, size_t offset, size_t count) {
    return std::vector<T>(v.begin() + offset, v.begin() + offset + count);
  }
  template <class T>
  static T* raw(Vector<T>& v) { return v.data(); }
  static void synchronize() {}
};

}  // namespace spikewafer::kernels
