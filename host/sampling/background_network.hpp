// Deterministic noise for spiking samplers (docs/sampling.md, "Deterministic sampling"): instead
// of private Poisson sources, every sampling neuron receives K excitatory and K inhibitory
// synapses from randomly chosen neurons of a background network -- a sparse random E/I network
// of current-based LIF neurons driven by a constant current (Brunel 2000, inhibition-dominated),
// which sustains itself in an asynchronous irregular state (Jordan, Petrovici et al., Sci. Rep.
// 9:18303, 2019). Nothing in the network draws random numbers while it runs: the only
// randomness is the seeded connectivity and initial membrane potentials.
#pragma once

#include <cstdint>
#include <string>

#include "spikewafer/network.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::sampling {

struct BackgroundNetworkSettings {
  uint32_t size = 500;           // background neurons per replica, 80 % excitatory
  double connectivity = 0.1;     // epsilon: in-degree inside the background / population size
  double weight = 0.5496;        // nA, excitatory synapse inside (1 mV PSP peak)
  double g = 6.0;                // inhibitory / excitatory weight inside (inhibition-dominated)
  double drive = 0.3;            // nA, constant current into every background neuron (24 mV)
  double delay = 1.5;            // ms, synapses inside the background
  uint32_t in_degree = 50;       // K: excitatory and (as many) inhibitory inputs per sampling neuron
  // Onto the sampling neurons, in uS (IF_cond_exp) or nA (IF_curr_exp; noise_config.hpp's
  // default_background). About 2 x the Poisson default's weight at about 1/5 of its rate gives
  // a free membrane potential of about the same width.
  double weight_E = 0.004;
  double weight_I = 0.004;
  uint64_t seed = 1;             // connectivity (initial potentials come from the replica seeds)
};

// What the background does, measured (measure_background).
struct BackgroundActivity {
  double rate_exc = 0.0, rate_inh = 0.0;  // Hz per neuron
  double cv_isi = 0.0;    // mean over neurons (with >= 3 spikes) of their ISI's CV
  double silent = 0.0;    // fraction of neurons without a spike in the window
  double window_ms = 0.0; // measured after a warm-up of kBackgroundWarmupMs
};

// Time the background needs to forget its initial state (spikes before it are not counted).
constexpr double kBackgroundWarmupMs = 200.0;

// The names of the two populations add_background_network() adds.
constexpr const char* kBackgroundExc = "background_exc";
constexpr const char* kBackgroundInh = "background_inh";

// Throws input_error "where.key: problem" for settings that cannot work (0 neurons, K larger
// than a population, ...). `where` names the settings ("noise").
void check_background(const BackgroundNetworkSettings& settings, const std::string& where);

// Appends the background populations (not recorded) and their projections to `net`, and
// projections from them onto every neuron of population `target` (already in `net`): K
// excitatory and K inhibitory inputs each, additive synapses, delay one step. Sets
// net.simulation.seed, which seeds all connectivity, to settings.seed.
void add_background_network(Network& net, const BackgroundNetworkSettings& settings,
                            const std::string& target);

// Runs the background alone (`replicas` replicas, dt) for warm-up plus `duration` ms and measures
// its rates and irregularity. Throws input_error when it falls silent (raise the drive).
BackgroundActivity measure_background(const BackgroundNetworkSettings& settings, double dt,
                                      double duration, uint32_t replicas,
                                      const SimulatorOptions& options);

// The Poisson background with the same mean input: K x rate per receptor at the weights onto
// the sampling neurons (the free membrane potential of sampling_neuron.hpp follows from it).
PoissonNoise equivalent_noise(const BackgroundNetworkSettings& settings,
                              const BackgroundActivity& activity);

}  // namespace spikewafer::sampling
