// What a time step costs a GPU beyond its arithmetic: kernel launches, host waits (the host
// blocked until the device has finished: a read of device memory, a synchronisation, an
// allocation) and transfers between host and device memory. Both backends count them in the
// same primitives (backend_cpu.hpp, backend_cuda.cuh) by what the CUDA backend does there, so
// a CPU run measures what the first GPU run will pay, and tests pin it
// (tests/device_traffic_test.cpp).
#pragma once

#include <cstdint>

namespace spikewafer::kernels {

struct DeviceTraffic {
  uint64_t launches = 0, host_waits = 0, transfers = 0;

  DeviceTraffic operator-(const DeviceTraffic& o) const {
    return {launches - o.launches, host_waits - o.host_waits, transfers - o.transfers};
  }
  DeviceTraffic& operator+=(const DeviceTraffic& o) {
    launches += o.launches;
    host_waits += o.host_waits;
    transfers += o.transfers;
    return *this;
  }
};

// The calling thread's running totals: launches come from the host thread that drives an
// engine, so a difference of two readings on that thread is that engine's traffic.
inline DeviceTraffic& device_traffic() {
  thread_local DeviceTraffic totals;
  return totals;
}

inline void count_traffic(uint64_t launches, uint64_t host_waits, uint64_t transfers) {
  DeviceTraffic& t = device_traffic();
  t.launches += launches;
  t.host_waits += host_waits;
  t.transfers += transfers;
}

// The CUDA backend's costs per primitive, in one place for both backends, as read from its code
// and Thrust's (to be checked against a profile on the first GPU run):
//   a kernel launched with par_nosync (for_each, fill)        1 launch
//   a kernel through Thrust's synchronous policy (a new buffer's fill)
//                                                             1 launch, 1 wait
//   compaction (cub::DeviceSelect::Flagged: its scan-state init and select kernels; the count
//     stays in device memory)                                 2 launches
//   a value read back (a reduction's result)                  1 wait, 1 transfer
//   a copy between host and device (pageable memory: it waits for the device)
//                                                             1 wait, 1 transfer
//   a new device buffer (cudaMalloc waits for the device)     1 wait
//   an explicit synchronisation                               1 wait
struct TrafficCost {
  static void kernel() { count_traffic(1, 0, 0); }
  static void synchronous_kernel() { count_traffic(1, 1, 0); }
  static void compaction() { count_traffic(2, 0, 0); }
  static void read_back() { count_traffic(0, 1, 1); }
  static void copy() { count_traffic(0, 1, 1); }
  static void allocation() { count_traffic(0, 1, 0); }
  static void synchronisation() { count_traffic(0, 1, 0); }
};

}  // namespace spikewafer::kernels
