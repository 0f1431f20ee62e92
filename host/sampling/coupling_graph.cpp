#include "sampling/coupling_graph.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

namespace {

// colour is one byte per unit, so a graph is coloured with at most this many colours.
constexpr uint32_t kMaxColours = std::numeric_limits<uint8_t>::max() + 1u;

}  // namespace

CouplingGraph coupling_graph(const BoltzmannMachine& bm) {
  validate(bm, "coupling_graph");
  CouplingGraph graph;
  const int n = bm.size();
  graph.size = static_cast<uint32_t>(n);
  graph.row_ptr.reserve(static_cast<size_t>(n) + 1);
  graph.row_ptr.push_back(0);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {  // ascending j: rows come out sorted by column
      if (bm.W(i, j) == 0.0) continue;
      graph.column.push_back(static_cast<uint32_t>(j));
      graph.weight.push_back(static_cast<float>(bm.W(i, j)));
    }
    graph.row_ptr.push_back(graph.column.size());
    graph.bias.push_back(static_cast<float>(bm.b[i]));
  }
  colour_greedily(graph);
  return graph;
}

void colour_greedily(CouplingGraph& graph) {
  const uint32_t n = graph.size;
  if (graph.row_ptr.size() != static_cast<size_t>(n) + 1 ||
      graph.row_ptr.back() != graph.column.size())
    throw input_error("colour_greedily: the graph's row_ptr has " +
                      std::to_string(graph.row_ptr.size()) + " entries for " +
                      std::to_string(n) + " units and " + std::to_string(graph.column.size()) +
                      " neighbours; it needs size + 1 entries ending at the neighbour count");
  // Lowest colour that no already coloured neighbour has, units in index order. On a bipartite
  // lattice visited row by row this gives the checkerboard; in general at most degree + 1 colours.
  constexpr uint32_t kUncoloured = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> colour(n, kUncoloured);
  std::vector<uint32_t> taken_by(kMaxColours + 1, kUncoloured);  // taken_by[c] == i: c is taken
  uint32_t colours = 0;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint64_t k = graph.row_ptr[i]; k < graph.row_ptr[i + 1]; ++k) {
      const uint32_t j = graph.column[k];
      if (j < n && colour[j] != kUncoloured) taken_by[colour[j]] = i;
    }
    uint32_t c = 0;
    while (taken_by[c] == i) ++c;
    if (c == kMaxColours) {
      // Dense graphs (the complete graph of more than 256 spins) need more colours than a byte
      // holds. Block updates would gain nothing there anyway, so the graph is left uncoloured
      // (colours = 0) and only sequential and random sweeps accept it; the sampler says so.
      graph.colour.clear();
      graph.colours = 0;
      return;
    }
    colour[i] = c;
    colours = std::max(colours, c + 1);
  }
  graph.colour.assign(colour.begin(), colour.end());
  graph.colours = colours;
}

}  // namespace spikewafer::sampling
