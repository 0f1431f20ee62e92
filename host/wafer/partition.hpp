// How a mapped network is split over the processes of a distributed run (docs/parallel.md):
// whole wafers per process, as the real system would run one wafer per host.
#pragma once

#include <memory>

#include "spikewafer/spike_exchange.hpp"
#include "wafer/placement.hpp"

namespace spikewafer::wafer {

// With at least as many wafers used as processes, process r simulates the neurons placed on
// wafers [r W / R, (r + 1) W / R) of the W used; with fewer wafers, the used HICANNs are split
// the same way, in ascending order. Without an exchange (one process): every neuron.
Partition wafer_partition(const Placement& placement, std::shared_ptr<SpikeExchange> exchange);

}  // namespace spikewafer::wafer
