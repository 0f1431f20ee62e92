// GibbsSampler: checks its inputs on the host, then hands them to the backend's implementation
// (gibbs_impl.hpp), so that kernels never see an inconsistent graph or state.
#include "sampling/gibbs_sampler.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "sampling/gibbs_impl.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::sampling {

namespace {

const std::string kWhere = "GibbsSampler: ";

void check_graph(const CouplingGraph& g, SweepOrder order) {
  const std::string at = kWhere + "graph: ";
  const auto size = [](size_t n) { return std::to_string(n); };
  if (g.size == 0) throw input_error(at + "has no units; give at least one");
  if (g.row_ptr.size() != size_t{g.size} + 1 || g.row_ptr.front() != 0 ||
      g.row_ptr.back() != g.column.size() || g.weight.size() != g.column.size())
    throw input_error(at + "row_ptr has " + size(g.row_ptr.size()) + " entries ending at " +
                      (g.row_ptr.empty() ? "nothing" : size(g.row_ptr.back())) + " for " +
                      size(g.size) + " units, " + size(g.column.size()) + " columns and " +
                      size(g.weight.size()) + " weights; CSR needs size + 1 entries from 0 " +
                      "to the number of columns, and one weight per column");
  if (g.bias.size() != g.size)
    throw input_error(at + "has " + size(g.bias.size()) + " biases for " + size(g.size) +
                      " units; give one per unit");
  for (uint32_t i = 0; i < g.size; ++i) {
    if (g.row_ptr[i + 1] < g.row_ptr[i])
      throw input_error(at + "row_ptr decreases at unit " + size(i) + "; it must not");
    if (!std::isfinite(g.bias[i]))
      throw input_error(at + "bias of unit " + size(i) + " is not finite");
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
      if (g.column[k] >= g.size || g.column[k] == i)
        throw input_error(at + "unit " + size(i) + " lists neighbour " + size(g.column[k]) +
                          "; neighbours must be other units below " + size(g.size));
      if (!std::isfinite(g.weight[k]))
        throw input_error(at + "weight from unit " + size(i) + " to " + size(g.column[k]) +
                          " is not finite");
    }
  }
  if (order != SweepOrder::kColoured) return;
  if (g.colours == 0 || g.colour.size() != g.size)
    throw input_error(at + "has no colouring (colour_greedily leaves graphs that need more " +
                      "than 256 colours uncoloured); call colour_greedily, or use " +
                      "SweepOrder::kSequential or kRandom");
  for (uint32_t i = 0; i < g.size; ++i) {
    if (g.colour[i] >= g.colours)
      throw input_error(at + "unit " + size(i) + " has colour " + size(g.colour[i]) +
                        " but the graph has " + size(g.colours) + " colours");
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
      if (g.colour[g.column[k]] == g.colour[i])
        throw input_error(at + "units " + size(i) + " and " + size(g.column[k]) +
                          " are neighbours of the same colour; a coloured sweep would update " +
                          "them at once. Call colour_greedily for a proper colouring");
  }
}

std::vector<kernels::ChainScale> scales_of(const std::vector<ChainParams>& chains) {
  std::vector<kernels::ChainScale> scales;
  scales.reserve(chains.size());
  for (size_t c = 0; c < chains.size(); ++c) {
    const ChainParams& p = chains[c];
    if (!std::isfinite(p.alpha) || !std::isfinite(p.gamma) || !std::isfinite(p.beta))
      throw input_error(kWhere + "chain " + std::to_string(c) +
                        ": alpha, gamma and beta must be finite numbers");
    scales.push_back({p.alpha, p.gamma, p.beta});
  }
  return scales;
}

bool use_cuda(Backend backend) {
  if (backend == Backend::kCpu) return false;
  std::string why;
  const bool usable = cuda_usable(&why);
  if (backend == Backend::kAuto) return usable;
  if (!usable) throw Error(ErrorKind::kBackend, kWhere + "backend cuda: " + why);
  return true;
}

}  // namespace

GibbsSampler::GibbsSampler(const CouplingGraph& graph, std::vector<ChainParams> chains,
                           const GibbsOptions& options) {
  check_graph(graph, options.order);
  if (chains.empty()) throw input_error(kWhere + "no chains; give at least one ChainParams");
  if (chains.size() > std::numeric_limits<uint32_t>::max() / graph.size)
    throw input_error(kWhere + std::to_string(chains.size()) + " chains of " +
                      std::to_string(graph.size) + " units exceed 2^32 units in all");
  GibbsSetup setup;
  setup.graph = &graph;
  setup.scales = scales_of(chains);
  for (const ChainParams& p : chains) setup.seeds.push_back(p.seed);
  setup.rule = options.rule;
  setup.order = options.order;
  impl_ = use_cuda(options.backend) ? make_cuda_gibbs(setup)
                                    : (check_thread_count(options.threads),
                                       make_cpu_gibbs(setup, options.threads));
}

GibbsSampler::~GibbsSampler() = default;
GibbsSampler::GibbsSampler(GibbsSampler&&) noexcept = default;
GibbsSampler& GibbsSampler::operator=(GibbsSampler&&) noexcept = default;

uint32_t GibbsSampler::chains() const { return impl_->chains; }
uint32_t GibbsSampler::size() const { return impl_->size; }
uint64_t GibbsSampler::sweeps_done() const { return impl_->sweeps_done; }

void GibbsSampler::set_states(const std::vector<uint8_t>& z) {
  const size_t expected = size_t{impl_->chains} * impl_->size;
  if (z.size() != expected)
    throw input_error(kWhere + "set_states got " + std::to_string(z.size()) + " entries; it " +
                      "needs chains x size = " + std::to_string(impl_->chains) + " x " +
                      std::to_string(impl_->size) + " = " + std::to_string(expected));
  for (size_t k = 0; k < z.size(); ++k)
    if (z[k] > 1)
      throw input_error(kWhere + "set_states: entry " + std::to_string(k) + " is " +
                        std::to_string(z[k]) + "; states are 0 or 1");
  impl_->set_states(std::vector<uint8_t>(z));
}

void GibbsSampler::set_chain_params(const std::vector<ChainParams>& chains) {
  if (chains.size() != impl_->chains)
    throw input_error(kWhere + "set_chain_params got " + std::to_string(chains.size()) +
                      " chains; the sampler has " + std::to_string(impl_->chains));
  impl_->set_scales(scales_of(chains));
}

void GibbsSampler::sweep(uint64_t sweeps) {
  if (sweeps == 0) return;
  impl_->sweep(impl_->sweeps_done, sweeps);
  impl_->sweeps_done += sweeps;
}

std::vector<uint8_t> GibbsSampler::states() const { return impl_->states(); }

}  // namespace spikewafer::sampling
