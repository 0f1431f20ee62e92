// One owner for each device buffer: a backend vector plus the DeviceSpan it hands to kernels.
// Backend is CpuBackend (backend_cpu.hpp) or CudaBackend (backend_cuda.cuh).
#pragma once

#include <cstddef>
#include <vector>

#include "device_span.hpp"

namespace spikewafer::kernels {

template <class Backend, class T>
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(std::vector<T>&& host) : data_(Backend::upload(std::move(host))) {}
  Buffer(size_t size, T value) : data_(Backend::template filled<T>(size, value)) {}

  void assign(std::vector<T>&& host) { data_ = Backend::upload(std::move(host)); }
  void fill(T value) { Backend::fill(data_, value); }
  // Overwrites the first host.size() entries (which must exist), keeping the size.
  void write_prefix(const std::vector<T>& host) { Backend::write_prefix(data_, host); }
  std::vector<T> to_host(size_t offset, size_t count) const {
    return Backend::download(data_, offset, count);
  }
  std::vector<T> to_host() const { return to_host(0, size()); }

  size_t size() const { return data_.size(); }
  size_t bytes() const { return data_.size() * sizeof(T); }
  DeviceSpan<T> span() {
    return DeviceSpan<T>(Backend::raw(data_), data_.size());
  }

 private:
  typename Backend::template Vector<T> data_;
};

}  // namespace spikewafer::kernels
