// Capacity queries: how many neurons and synapses a system offers for a neuron size.
//
// For 20 wafers, every circuit counted as a neuron and every synapse counted, the system has
// 20 x 384 x 512 = 3,932,160 circuits and 20 x 384 x 114,688 = 880,803,840 synapses: the
// "about 3.9 M neurons and 0.88 B synapses" of the design (and 196,608 neurons, about 44 M
// synapses per wafer in the BrainScaleS guidebook). That is the circuit count, not the number of
// placeable neurons: with the 59 usable L1 addresses per bus, single-circuit neurons give
// 472 per chip, 3,624,960 on 20 wafers; the toolchain's smallest size, 2, gives 236 per chip.
#pragma once

#include <cstdint>

#include "wafer/neuron_sizes.hpp"
#include "wafer/system.hpp"

namespace spikewafer::wafer {

struct Capacity {
  uint32_t wafers = 0;
  uint32_t hicanns = 0;
  uint32_t circuits_per_neuron = 0;
  uint64_t neurons = 0;              // placeable neurons: hicanns x neurons_per_chip
  uint64_t synapses_per_neuron = 0;  // synapse rows reaching one neuron: 224 x size
  uint64_t synapses_of_neurons = 0;  // synapses on the placeable neurons' circuits
  uint64_t circuits = 0;             // all denmems: hicanns x 512
  uint64_t synapses = 0;             // all synapses: hicanns x 114,688
};

// Throws input_error for a size the rule does not admit (neuron_sizes.hpp).
Capacity capacity(int64_t circuits_per_neuron, const System& system = System(),
                  SizeRule rule = SizeRule::kToolchain);

}  // namespace spikewafer::wafer
