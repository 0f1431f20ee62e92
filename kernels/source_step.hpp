// One time step of one spike source in one replica: SpikeSourceArray (given times),
// SpikeSourcePoisson (a Bernoulli draw per step) and SpikeSourcePoisson as a renewal process
// (a dead time after each spike, gamma-distributed intervals).
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

// What a random source's launch reads: its constants (kPerNeuron: each neuron's own,
// per_neuron[k]), the replicas' seeds, the state and the step.
struct RandomSourceLaunch {
  PopulationConstants constants;
  DeviceSpan<PopulationConstants> per_neuron;
  DeviceSpan<uint64_t> seeds;
  NeuronState s;
  uint32_t neurons = 0;
  uint64_t step = 0;
};

// A Bernoulli draw per step while the source is on (start_step <= step < stop_step).
template <bool kPerNeuron = false>
struct PoissonSourceStep : RandomSourceLaunch {
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

// After each spike the source is silent for ref_steps steps; then stage events arrive as a
// Poisson process (stage_mean per step) and the shape-th of them is a spike: intervals are the
// dead time plus a gamma variate of integer shape. The state, one integer per source and
// replica, is kept in s.refractory: > 0, dead steps left; <= 0, minus the stages counted.
template <bool kPerNeuron = false>
struct RenewalSourceStep : RandomSourceLaunch {
  SW_HOST_DEVICE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    const uint32_t n = constants.first + k;  // the launch's first neuron
    const uint64_t i = static_cast<uint64_t>(r) * neurons + n;
    int32_t state = s.refractory[i];
    bool spike = false;
    if (state > 0) {
      --state;  // the dead time passes whether or not the source is on
    } else if (step >= c.start_step && step < c.stop_step) {
      const uint32_t missing = c.shape - static_cast<uint32_t>(-state);  // >= 1
      // The Poisson count by its inverse CDF, counted only as far as a spike needs.
      const float u = philox_uniform4(seeds[r], n, step, Stream::kDynamics).u[2];
      uint32_t count = 0;
      float term = c.stage_none, cdf = c.stage_none;
      while (count < missing && u >= cdf) {
        ++count;
        term *= c.stage_mean / static_cast<float>(count);
        cdf += term;
      }
      spike = count == missing;
      state = spike ? c.ref_steps : state - static_cast<int32_t>(count);
    }
    s.refractory[i] = state;
    s.spiked[i] = spike ? 1 : 0;
    s.spike_count[i] += spike ? 1u : 0u;
  }
};

}  // namespace spikewafer::kernels
