// A step's spikes where the compaction leaves them, in device memory: their state indices in
// increasing order, and how many there are. The host does not read the count during a step
// (on a GPU that is a wait for the device and a transfer): launches over the spikes cover the
// list's length and read the count in the kernel (Backend::for_each_spike). The CPU backend's
// device memory is the host's, so it reads the count itself and launches exactly that many.
#pragma once

#include <cstdint>

#include "device_span.hpp"

namespace spikewafer::kernels {

struct StepSpikes {
  DeviceSpan<uint32_t> indices;  // the first count[0] are the step's
  DeviceSpan<uint32_t> count;    // one cell, written by the compaction

  // The most a step can have, which the host knows without asking.
  uint32_t bound() const { return static_cast<uint32_t>(indices.size()); }
};

}  // namespace spikewafer::kernels
