// Atomic additions through libcu++'s cuda::atomic_ref, which compiles for host and device alike.
#pragma once

#include <cuda/atomic>

#include "portability.hpp"

namespace spikewafer::kernels {

template <class T>
SW_HOST_DEVICE inline T atomic_fetch_add(T* address, T value) {
  cuda::atomic_ref<T, cuda::thread_scope_device> ref(*address);
  return ref.fetch_add(value, cuda::std::memory_order_relaxed);
}

}  // namespace spikewafer::kernels
