// Initial spin configurations for Ising runs, as BM states z in {0, 1} (z = 1 is spin up).
// Ordered starts (up, down) and structured ones (checkerboard, stripes, domains) show how a
// sampler leaves a metastable state, which random starts alone would hide (hysteresis,
// domain coarsening).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ising/lattice.hpp"

namespace spikewafer::ising {

// kPrevious continues from the last state of the previous grid point; the scan driver handles
// it, so initial_state() refuses it.
enum class InitialPattern { kRandom, kUp, kDown, kPrevious, kCheckerboard, kStripes, kDomains };

// "random", "up", "down", "previous", "checkerboard", "stripes", "domains".
std::string initial_pattern_name(InitialPattern pattern);
InitialPattern initial_pattern_from_name(const std::string& name);  // input_error on others

// z per spin:
//   random:        each spin up with probability 1/2, a pure function of (seed, spin)
//   checkerboard:  up where x + y + z is even
//   stripes:       bands of stripe_width spins along x, the first band up (stripe_width >= 1)
//   domains:       up where x < L / 2, down elsewhere
// On the chain and the complete graph, x is the spin index and L the number of spins.
std::vector<uint8_t> initial_state(const Lattice& lattice, InitialPattern pattern,
                                   uint32_t stripe_width, uint64_t seed);

}  // namespace spikewafer::ising
