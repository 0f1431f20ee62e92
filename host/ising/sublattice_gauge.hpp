// The sublattice gauge (Mattis): on a bipartite lattice, flipping every spin of one sublattice
// (z -> 1 - z on B) maps the ferromagnet onto an antiferromagnet with the same Boltzmann
// distribution. The spiking network then runs the antiferromagnet: every coupling inhibitory,
// every unit biased up, and the Ising model's two ordered phases ("all up", "all down") become
// the network's two checkerboards ("A active", "B active"), which the lattice's translation by
// one site maps onto each other. Whatever the LIF network gets wrong (PSPs that outlast the
// refractory period, bursts under strong drive, excitation against inhibition) it gets wrong
// alike in both phases, so at h = 0 the sampler is symmetric by construction; a direct
// translation steadies "up" (every PSP excitatory) and every chain ends there
// (docs/models.md, "The sublattice gauge").
//
// With every coupling crossing between A and B:
//   W'_ij = -W_ij,   b'_i = b_i + sum_j W_ij on A,   b'_i = -b_i on B.
// A chain's biases gamma b_s + beta of a uniform structure bias b_s become two values, one per
// sublattice, which the network's per-replica bias inputs carry as an offset and a scale of a
// per-neuron sign (+1 on A, -1 on B).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ising/lattice.hpp"
#include "sampling/coupling_graph.hpp"

namespace spikewafer::ising {

struct SublatticeGauge {
  std::vector<uint8_t> flipped;  // per spin: 1 on sublattice B
  double structure_bias = 0.0;   // the lattice's b_s, the same on every spin
};

// The gauge of a lattice, or none where it cannot apply: a lattice that is not bipartite (odd L,
// the complete graph), or whose structure biases differ between spins (spin glasses).
std::optional<SublatticeGauge> sublattice_gauge(const Lattice& lattice);

// The structure graph the network runs: weights negated, bias +1 on A and -1 on B.
sampling::CouplingGraph gauged_graph(const Lattice& lattice, const SublatticeGauge& gauge);

// A chain's parameters for the gauged graph: the same Boltzmann distribution, flipped on B.
sampling::ChainParams gauged_params(const sampling::ChainParams& chain,
                                    const SublatticeGauge& gauge);

// Flips the B spins of every chain in z (chain-major); its own inverse.
void flip_sublattice(std::vector<uint8_t>& z, const SublatticeGauge& gauge);

}  // namespace spikewafer::ising
