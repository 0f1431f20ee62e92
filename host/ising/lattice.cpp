#include "ising/lattice.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// Keys the disorder streams apart from the connectivity streams of the same seed.
constexpr uint32_t kDisorderStream = 0x15196001;

// Below this many spins a parallel region costs more than the build it would share out.
constexpr int64_t kSerialBelow = 16384;

// One random coupling per bond, a pure function of (seed, bond): the same disorder whatever the
// order of construction, and both rows of a bond read the same value.
double draw_coupling(const LatticeSpec& spec, double scale, uint64_t bond) {
  if (spec.couplings == Couplings::kUniform) return scale;
  RandomStream stream(spec.disorder_seed, kDisorderStream, StreamPurpose::kWeight, bond);
  if (spec.couplings == Couplings::kPlusMinusJ) return (stream.next_u32() & 1u) ? scale : -scale;
  return scale * stream.normal();
}

uint64_t checked_spin_count(const LatticeSpec& spec) {
  const std::string where =
      "lattice '" + lattice_kind_name(spec.kind) + "' with L = " + std::to_string(spec.size) + ": ";
  if (!(std::isfinite(spec.J) && spec.J > 0.0)) {
    throw input_error(where + "J must be positive and finite (got " + std::to_string(spec.J) +
                      "): it sets the energy scale; the sign of a bond comes from the couplings");
  }
  const uint64_t L = spec.size;
  if (spec.kind == LatticeKind::kComplete) {
    if (L < 2 || L > kMaxCompleteSpins) {
      throw input_error(where + "the complete graph needs 2 to " +
                        std::to_string(kMaxCompleteSpins) +
                        " spins (it stores N (N - 1) couplings)");
    }
    return L;
  }
  if (L < 3) {
    throw input_error(where +
                      "periodic lattices need L >= 3 (with L = 2 the wrap-around joins "
                      "two neighbours by two bonds)");
  }
  const uint64_t spins = spec.kind == LatticeKind::kChain    ? L
                         : spec.kind == LatticeKind::kSquare ? L * L
                                                             : L * L * L;
  if (spins > kMaxSpins) {
    throw input_error(where + std::to_string(spins) + " spins exceed the limit of " +
                      std::to_string(kMaxSpins) + "; choose a smaller L");
  }
  return spins;
}

uint32_t dims_of(LatticeKind kind) {
  switch (kind) {
    case LatticeKind::kChain:
      return 1;
    case LatticeKind::kSquare:
      return 2;
    case LatticeKind::kCubic:
      return 3;
    case LatticeKind::kComplete:
      return 0;
  }
  return 0;
}

// Rows of a periodic hypercubic lattice. Bond (i, d) joins spin i to its +1 neighbour along d.
// Every row has 2 dims entries, so rows are filled in parallel; the result does not depend on
// the thread count because each coupling is a pure function of its bond.
void build_periodic_rows(Lattice& lat) {
  const uint32_t L = lat.spec.size;
  const uint32_t dims = lat.dims;
  const uint64_t stride[3] = {1, L, uint64_t{L} * L};
  const int64_t spins = lat.spins;
  // Draw each bond once (not once per row that holds it): the draws dominate the build.
  std::vector<float> forward;
  if (lat.spec.couplings != Couplings::kUniform) {
    forward.resize(uint64_t{lat.spins} * dims);
#pragma omp parallel for schedule(static) if (spins > kSerialBelow)
    for (int64_t i = 0; i < spins; ++i) {
      for (uint32_t d = 0; d < dims; ++d) {
        const uint64_t bond = uint64_t(i) * 3 + d;
        forward[i * dims + d] = static_cast<float>(4.0 * draw_coupling(lat.spec, lat.spec.J, bond));
      }
    }
  }
  const float uniform = static_cast<float>(4.0 * lat.spec.J);
  auto& g = lat.graph;
  g.row_ptr.resize(lat.spins + 1);
  g.column.resize(uint64_t{lat.spins} * 2 * dims);
  g.weight.resize(uint64_t{lat.spins} * 2 * dims);
#pragma omp parallel for schedule(static) if (spins > kSerialBelow)
  for (int64_t i = 0; i < spins; ++i) {
    std::pair<uint32_t, float> row[6];
    for (uint32_t d = 0; d < dims; ++d) {
      const uint32_t x = lat.coords[i][d];
      const uint64_t base = i - uint64_t{x} * stride[d];
      const uint32_t up = static_cast<uint32_t>(base + ((x + 1) % L) * stride[d]);
      const uint32_t down = static_cast<uint32_t>(base + ((x + L - 1) % L) * stride[d]);
      row[2 * d] = {up, forward.empty() ? uniform : forward[i * dims + d]};
      row[2 * d + 1] = {down, forward.empty() ? uniform : forward[uint64_t{down} * dims + d]};
    }
    std::sort(row, row + 2 * dims);  // neighbours in index order
    const uint64_t first = uint64_t(i) * 2 * dims;
    for (uint32_t k = 0; k < 2 * dims; ++k) {
      g.column[first + k] = row[k].first;
      g.weight[first + k] = row[k].second;
    }
    g.row_ptr[i + 1] = first + 2 * dims;
  }
  g.row_ptr[0] = 0;
}

// Curie-Weiss scales J by 1/N so that the energy is extensive; a spin glass on the complete
// graph (Sherrington-Kirkpatrick) needs 1/sqrt(N) for the same reason.
void build_complete_rows(Lattice& lat) {
  const uint64_t n = lat.spins;
  const double scale = lat.spec.couplings == Couplings::kUniform
                           ? lat.spec.J / static_cast<double>(n)
                           : lat.spec.J / std::sqrt(static_cast<double>(n));
  auto& g = lat.graph;
  g.row_ptr.assign(n + 1, 0);
  g.column.reserve(n * (n - 1));
  g.weight.reserve(n * (n - 1));
  for (uint64_t i = 0; i < n; ++i) {
    for (uint64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const uint64_t pair = std::min(i, j) * n + std::max(i, j);
      g.column.push_back(static_cast<uint32_t>(j));
      g.weight.push_back(static_cast<float>(4.0 * draw_coupling(lat.spec, scale, pair)));
    }
    g.row_ptr[i + 1] = g.column.size();
  }
}

}  // namespace

Lattice make_lattice(const LatticeSpec& spec) {
  Lattice lat;
  lat.spec = spec;
  lat.spins = static_cast<uint32_t>(checked_spin_count(spec));
  lat.dims = dims_of(spec.kind);
  const uint32_t L = spec.size;
  lat.coords.resize(lat.spins);
  for (uint32_t i = 0; i < lat.spins; ++i) {
    if (spec.kind == LatticeKind::kComplete || spec.kind == LatticeKind::kChain) {
      lat.coords[i] = {i, 0, 0};
    } else {
      lat.coords[i] = {i % L, (i / L) % L, i / L / L};
    }
  }
  lat.graph.size = lat.spins;
  if (spec.kind == LatticeKind::kComplete) {
    build_complete_rows(lat);
    lat.bonds = uint64_t{lat.spins} * (lat.spins - 1) / 2;
  } else {
    build_periodic_rows(lat);
    lat.bonds = uint64_t{lat.spins} * lat.dims;
  }

  // The zero-field bias, summed in double from the stored (float) weights so that it matches
  // the couplings the chains actually sample.
  auto& g = lat.graph;
  g.bias.resize(lat.spins);
  for (uint32_t i = 0; i < lat.spins; ++i) {
    double sum = 0.0;
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) sum += g.weight[k];
    g.bias[i] = static_cast<float>(-0.5 * sum);
  }

  // A periodic lattice with even L is bipartite: the checkerboard is the minimal colouring.
  if (spec.kind != LatticeKind::kComplete && L % 2 == 0) {
    g.colour.resize(lat.spins);
    for (uint32_t i = 0; i < lat.spins; ++i) {
      const auto& c = lat.coords[i];
      g.colour[i] = static_cast<uint8_t>((c[0] + c[1] + c[2]) % 2);
    }
    g.colours = 2;
  } else {
    sampling::colour_greedily(g);
  }
  return lat;
}

std::string lattice_kind_name(LatticeKind kind) {
  switch (kind) {
    case LatticeKind::kSquare:
      return "square";
    case LatticeKind::kChain:
      return "chain";
    case LatticeKind::kCubic:
      return "cubic";
    case LatticeKind::kComplete:
      return "complete";
  }
  return "unknown";
}

LatticeKind lattice_kind_from_name(const std::string& name) {
  for (LatticeKind kind :
       {LatticeKind::kSquare, LatticeKind::kChain, LatticeKind::kCubic, LatticeKind::kComplete}) {
    if (lattice_kind_name(kind) == name) return kind;
  }
  throw input_error("unknown lattice '" + name + "'; use square, chain, cubic or complete");
}

std::string couplings_name(Couplings couplings) {
  switch (couplings) {
    case Couplings::kUniform:
      return "uniform";
    case Couplings::kPlusMinusJ:
      return "pm_j";
    case Couplings::kGaussian:
      return "gaussian";
  }
  return "unknown";
}

Couplings couplings_from_name(const std::string& name) {
  for (Couplings c : {Couplings::kUniform, Couplings::kPlusMinusJ, Couplings::kGaussian}) {
    if (couplings_name(c) == name) return c;
  }
  throw input_error("unknown couplings '" + name + "'; use uniform, pm_j or gaussian");
}

}  // namespace spikewafer::ising
