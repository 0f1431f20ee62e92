// One time step of one spike source in one replica: SpikeSourceArray (given times) and
// SpikeSourcePoisson (a Bernoulli draw per step).
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "lif_step.hpp"
#include "portability.hpp"
#include "random.hpp"
#include "step_constants.hpp"

namespace spikewafer::kernels {

struct ArraySourceStep {
  PopulationConstants c;
  DeviceSpan<uint32_t> offsets;  // lists of emission steps, concatenated over all sources
  DeviceSpan<uint32_t> steps;    // sorted within each list
  DeviceSpan<uint32_t> cursor;   // per (replica, list): next entry to read
  NeuronState s;
  uint32_t neurons = 0, lists = 0;
  uint64_t step = 0;

  SW_HOST_DEVICE void operator()(uint32_t r, uint32_t k) const {
    const uint32_t list = c.source_base + k;
    const uint32_t end = offsets[list + 1];
    uint32_t& next = cursor[static_cast<uint64_t>(r) * lists + list];
    bool spike = false;
    // Spikes listed for the same step merge into one: a neuron emits at most one per step.
    while (next < end && steps[next] <= step) {
      spike = spike || steps[next] == step;
      ++next;
    }
    const uint64_t i = static_cast<uint64_t>(r) * neurons + c.first + k;
    s.spiked[i] = spike ? 1 : 0;
    s.spike_count[i] += spike ? 1u : 0u;
  }
};

// A Bernoulli draw per step while the source is on (start_step <= step < stop_step).
// kPerNeuron: each neuron has its own rate and window (per_neuron[k]).
template <bool kPerNeuron = false>
struct PoissonSourceStep {
  PopulationConstants constants;
  DeviceSpan<PopulationConstants> per_neuron;
  DeviceSpan<uint64_t> seeds;
  NeuronState s;
  uint32_t neurons = 0;
  uint64_t step = 0;

  SW_HOST_DEVICE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    const uint32_t n = constants.first + k;  // the launch's first neuron
    const bool on = (step >= c.start_step) & (step < c.stop_step);  // no jumps: vectorisable
    const bool spike =
        on & (philox_uniform4(seeds[r], n, step, Stream::kDynamics).u[2] < c.spike_prob);
    const uint64_t i = static_cast<uint64_t>(r) * neurons + n;
    s.spiked[i] = spike ? 1 : 0;
    s.spike_count[i] += spike ? 1u : 0u;
  }
};

}  // namespace spikewafer::kernels
