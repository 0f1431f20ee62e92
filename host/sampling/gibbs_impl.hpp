// The Gibbs sampler, once for every backend: one template over the backend's buffer and launch
// types (as host/engine/engine_impl.hpp), instantiated in gibbs_cpu.cpp (host compiler) and
// gibbs_cuda.cu (nvcc). gibbs_sampler.cpp checks every input before it reaches this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "kernels/buffer.hpp"
#include "kernels/spin_flip_step.hpp"
#include "sampling/gibbs_sampler.hpp"

namespace spikewafer::sampling {

// What a backend needs to build its chains: the graph, and per chain its scale and seed.
struct GibbsSetup {
  const CouplingGraph* graph = nullptr;
  std::vector<kernels::ChainScale> scales;
  std::vector<uint64_t> seeds;
  UpdateRule rule = UpdateRule::kHeatBath;
  SweepOrder order = SweepOrder::kColoured;
};

class GibbsSampler::Impl {
 public:
  Impl(uint32_t chain_count, uint32_t units) : chains(chain_count), size(units) {}
  virtual ~Impl() = default;
  virtual void set_states(std::vector<uint8_t>&& z) = 0;
  virtual void set_scales(std::vector<kernels::ChainScale>&& scales) = 0;
  virtual void sweep(uint64_t first_sweep, uint64_t sweeps) = 0;
  virtual std::vector<uint8_t> states() const = 0;

  const uint32_t chains;
  const uint32_t size;  // units per chain
  uint64_t sweeps_done = 0;
};

std::unique_ptr<GibbsSampler::Impl> make_cpu_gibbs(const GibbsSetup& setup, int threads);
std::unique_ptr<GibbsSampler::Impl> make_cuda_gibbs(const GibbsSetup& setup);

namespace detail {

// The CPU backend decides serial or parallel by the work of a launch, which for a per-chain
// sweep is far more than its item count; the CUDA backend takes no such hint.
template <class Backend, class F>
auto launch(size_t items, const F& f, size_t work, int)
    -> decltype(Backend::for_each_index(items, f, work)) {
  return Backend::for_each_index(items, f, work);
}
template <class Backend, class F>
void launch(size_t items, const F& f, size_t, long) {
  Backend::for_each_index(items, f);
}

}  // namespace detail

template <class Backend>
class GibbsChains final : public GibbsSampler::Impl {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

 public:
  explicit GibbsChains(const GibbsSetup& s)
      : Impl(static_cast<uint32_t>(s.seeds.size()), s.graph->size),
        rule_(s.rule),
        order_(s.order),
        row_ptr_(std::vector<uint64_t>(s.graph->row_ptr)),
        column_(std::vector<uint32_t>(s.graph->column)),
        weight_(std::vector<float>(s.graph->weight)),
        bias_(std::vector<float>(s.graph->bias)),
        z_(static_cast<size_t>(chains) * size, uint8_t{0}),
        scale_(std::vector<kernels::ChainScale>(s.scales)),
        seed_(std::vector<uint64_t>(s.seeds)) {
    if (order_ == SweepOrder::kColoured) group_units_by_colour(*s.graph);
  }

  void set_states(std::vector<uint8_t>&& z) override { z_.assign(std::move(z)); }
  void set_scales(std::vector<kernels::ChainScale>&& scales) override {
    scale_.assign(std::move(scales));
  }
  std::vector<uint8_t> states() const override { return z_.to_host(); }

  void sweep(uint64_t first_sweep, uint64_t sweeps) override {
    if (rule_ == UpdateRule::kHeatBath)
      run<kernels::FlipRule::kHeatBath>(first_sweep, sweeps);
    else
      run<kernels::FlipRule::kMetropolis>(first_sweep, sweeps);
    Backend::synchronize();
  }

 private:
  // The units of each colour, side by side: colour c owns [colour_offset_[c], [c + 1]).
  void group_units_by_colour(const CouplingGraph& g) {
    colour_offset_.assign(g.colours + 1, 0);
    for (uint32_t i = 0; i < g.size; ++i) ++colour_offset_[g.colour[i] + 1];
    for (uint32_t c = 0; c < g.colours; ++c) colour_offset_[c + 1] += colour_offset_[c];
    std::vector<uint32_t> units(g.size);
    std::vector<size_t> next(colour_offset_.begin(), colour_offset_.end() - 1);
    for (uint32_t i = 0; i < g.size; ++i) units[next[g.colour[i]]++] = i;
    colour_units_.assign(std::move(units));
  }

  template <kernels::FlipRule kRule>
  void run(uint64_t first_sweep, uint64_t sweeps) {
    const kernels::SpinFlip<kRule> flip{
        {row_ptr_.span(), column_.span(), weight_.span(), bias_.span(), size},
        {z_.span(), scale_.span(), seed_.span()}};
    const size_t updates_per_sweep = static_cast<size_t>(chains) * size;
    switch (order_) {
      case SweepOrder::kSequential:
        detail::launch<Backend>(chains, kernels::SequentialSweeps<kRule>{flip, first_sweep, sweeps},
                                updates_per_sweep * sweeps, 0);
        break;
      case SweepOrder::kRandom:
        detail::launch<Backend>(chains, kernels::RandomSweeps<kRule>{flip, first_sweep, sweeps},
                                updates_per_sweep * sweeps, 0);
        break;
      case SweepOrder::kColoured:
        // One launch per colour: a colour reads only units of other colours, which the launches
        // before it have finished writing.
        for (uint64_t s = first_sweep; s < first_sweep + sweeps; ++s)
          for (size_t c = 0; c + 1 < colour_offset_.size(); ++c) {
            const size_t count = colour_offset_[c + 1] - colour_offset_[c];
            if (count == 0) continue;
            const kernels::ColourUpdate<kRule> update{
                flip, colour_units_.span().subspan(colour_offset_[c], count), s};
            detail::launch<Backend>(chains * count, update, chains * count, 0);
          }
        break;
    }
  }

  const UpdateRule rule_;
  const SweepOrder order_;
  Buffer<uint64_t> row_ptr_;
  Buffer<uint32_t> column_;
  Buffer<float> weight_;
  Buffer<float> bias_;
  Buffer<uint8_t> z_;
  Buffer<kernels::ChainScale> scale_;
  Buffer<uint64_t> seed_;
  Buffer<uint32_t> colour_units_;
  std::vector<size_t> colour_offset_;
};

}  // namespace spikewafer::sampling
