#include "ising/initial_state.hpp"

#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// Keys the initial-state streams apart from the disorder and connectivity streams.
constexpr uint32_t kInitialStateStream = 0x15196002;

constexpr InitialPattern kAllPatterns[] = {InitialPattern::kRandom,       InitialPattern::kUp,
                                           InitialPattern::kDown,         InitialPattern::kPrevious,
                                           InitialPattern::kCheckerboard, InitialPattern::kStripes,
                                           InitialPattern::kDomains};

// The extent along x: L on the lattices, the number of spins on the chain and complete graph.
uint32_t extent_along_x(const Lattice& lattice) {
  return lattice.dims >= 2 ? lattice.spec.size : lattice.spins;
}

}  // namespace

std::string initial_pattern_name(InitialPattern pattern) {
  switch (pattern) {
    case InitialPattern::kRandom:
      return "random";
    case InitialPattern::kUp:
      return "up";
    case InitialPattern::kDown:
      return "down";
    case InitialPattern::kPrevious:
      return "previous";
    case InitialPattern::kCheckerboard:
      return "checkerboard";
    case InitialPattern::kStripes:
      return "stripes";
    case InitialPattern::kDomains:
      return "domains";
  }
  return "unknown";
}

InitialPattern initial_pattern_from_name(const std::string& name) {
  for (InitialPattern pattern : kAllPatterns) {
    if (initial_pattern_name(pattern) == name) return pattern;
  }
  throw input_error("unknown initial state '" + name +
                    "'; use random, up, down, previous, checkerboard, stripes or domains");
}

std::vector<uint8_t> initial_state(const Lattice& lattice, InitialPattern pattern,
                                   uint32_t stripe_width, uint64_t seed) {
  std::vector<uint8_t> z(lattice.spins, 0);
  const uint32_t half = extent_along_x(lattice) / 2;
  switch (pattern) {
    case InitialPattern::kPrevious:
      throw input_error(
          "initial state 'previous' continues the previous grid point's chains; "
          "the scan supplies it, there is no pattern to build");
    case InitialPattern::kRandom:
      for (uint32_t i = 0; i < lattice.spins; ++i) {
        RandomStream stream(seed, kInitialStateStream, StreamPurpose::kConnect, i);
        z[i] = static_cast<uint8_t>(stream.next_u32() >> 31);
      }
      break;
    case InitialPattern::kUp:
      z.assign(lattice.spins, 1);
      break;
    case InitialPattern::kDown:
      break;
    case InitialPattern::kCheckerboard:
      for (uint32_t i = 0; i < lattice.spins; ++i) {
        const auto& c = lattice.coords[i];
        z[i] = static_cast<uint8_t>((c[0] + c[1] + c[2]) % 2 == 0);
      }
      break;
    case InitialPattern::kStripes:
      if (stripe_width == 0) {
        throw input_error("initial state 'stripes' needs a stripe width of at least 1");
      }
      for (uint32_t i = 0; i < lattice.spins; ++i) {
        z[i] = static_cast<uint8_t>((lattice.coords[i][0] / stripe_width) % 2 == 0);
      }
      break;
    case InitialPattern::kDomains:
      for (uint32_t i = 0; i < lattice.spins; ++i) {
        z[i] = static_cast<uint8_t>(lattice.coords[i][0] < half);
      }
      break;
  }
  return z;
}

}  // namespace spikewafer::ising
