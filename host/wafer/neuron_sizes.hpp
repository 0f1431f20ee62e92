// Neurons of several circuits. A neuron joins s denmems (circuits) of one neuron block; its
// synaptic input is the sum over its circuits, so it gets 224 s synapses (each circuit has the
// 224 synapse rows of its half of the array). Bigger neurons: more synapses each, fewer neurons.
//
// How many neurons fit on a chip is limited twice:
//   circuits: each block holds floor(64 / s) neurons, a chip 8 floor(64 / s);
//   addresses: the neurons' events leave the chip on L1 buses of 64 addresses of which 59 are
//   usable. The toolchain merges as many neuron blocks as fit one bus of 64 addresses, so the
//   chip's neurons use ceil(n_circuits / 64) buses and at most 59 neurons each.
// neurons per chip = min(8 floor(64/s), 59 ceil(8 floor(64/s) / 64)). For s = 1, 2, 4, ..., 64
// this gives the published table 472, 236, 118, 59, 32, 16, 8 (marocco restricts sizes 2, 4, 8
// to 236, 118, 59 exactly so, citing the 59 usable addresses; for 6 it places 80, for sizes of 10
// and more 8 floor(64/s)) [marocco NeuronPlacement.cpp: minimize_number_of_sending_repeaters].
//
// Which sizes are allowed: the toolchain joins circuits in upper/lower pairs and allows only even
// sizes 2..64 [marocco LogicalNeuron.cpp: check_neuron_size]. The published table also lists
// single-circuit neurons (s = 1), which SizeRule::kPublished admits. Odd sizes above 1 are in
// neither and always an error.
#pragma once

#include <cstdint>
#include <vector>

namespace spikewafer::wafer {

enum class SizeRule {
  kToolchain,  // even sizes 2..64, as marocco (the default)
  kPublished,  // also s = 1, as the published neuron-size table
};

struct NeuronSizeFigures {
  uint32_t circuits_per_neuron = 0;  // s
  uint32_t neurons_per_block = 0;    // floor(64 / s)
  uint32_t circuit_limit = 0;        // 8 floor(64 / s): every circuit used
  uint32_t buses = 0;                // L1 buses that carry the chip's neurons: ceil(limit / 64)
  uint32_t neurons_per_chip = 0;     // min(circuit_limit, 59 buses)
  uint32_t synapses_per_neuron = 0;  // 224 s
};

// Throws input_error (naming the allowed sizes) unless the rule admits s.
void check_neuron_size(int64_t circuits_per_neuron, SizeRule rule = SizeRule::kToolchain);

NeuronSizeFigures neuron_size_figures(int64_t circuits_per_neuron,
                                      SizeRule rule = SizeRule::kToolchain);
uint32_t neurons_per_chip(int64_t circuits_per_neuron, SizeRule rule = SizeRule::kToolchain);

// The rows of the published table: s = 1, 2, 4, 8, 16, 32, 64.
std::vector<NeuronSizeFigures> published_neuron_size_table();

}  // namespace spikewafer::wafer
