// A typed view of a backend buffer, the only way kernels see memory. Only Buffer (buffer.hpp)
// can make a non-empty one, so a host pointer cannot reach a CUDA kernel by accident.
#pragma once

#include <cstddef>

#include "portability.hpp"

namespace spikewafer::kernels {

template <class Backend, class T>
class Buffer;

template <class T>
class DeviceSpan {
 public:
  DeviceSpan() = default;
  SW_HOST_DEVICE T& operator[](size_t i) const { return data_[i]; }
  SW_HOST_DEVICE T* data() const { return data_; }
  SW_HOST_DEVICE size_t size() const { return size_; }
  // The part [offset, offset + count) of this span.
  DeviceSpan subspan(size_t offset, size_t count) const {
    return DeviceSpan(data_ + offset, count);
  }

 private:
  template <class Backend, class U>
  friend class Buffer;
  DeviceSpan(T* data, size_t size) : data_(data), size_(size) {}
  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace spikewafer::kernels
