// The two ways a step's delivery is split (spike_delivery.hpp) add exactly the input that one
// thread walking each row adds: several lanes per row (the GPU's warp per spike), for rows
// shorter and longer than the lanes, serially and on all threads (atomically); and the CPU's
// split of the targets into ranges, one per thread (no atomics), for any number of ranges, also
// with renewing and Tsodyks-Markram synapses (whose presynaptic state then ends alike too), and
// with stochastic synapses (each range draws the same releases as one thread); and the GPU's
// rows shared by lanes after a presynaptic pass, with the same dynamic synapses.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "kernels/backend_cpu.hpp"
#include "kernels/buffer.hpp"
#include "kernels/spike_delivery.hpp"
#include "kernels/synapse_packing.hpp"

namespace spikewafer::test {
namespace {

using Backend = kernels::CpuBackend;
constexpr uint32_t kNeurons = 64, kSlots = 8;

struct Rows {
  std::vector<uint64_t> row_ptr{0};
  std::vector<uint32_t> target_delay;
  std::vector<float> weight;
};

// Rows of 0, 1, 5, 31, 32, 33 and 100 synapses at random targets (one onto neuron 0), delays
// and signed weights, sorted by (target, delay) as the CSR build sorts them.
Rows make_rows() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<uint32_t> target(0, kNeurons - 1), delay(1, kSlots - 1);
  std::uniform_real_distribution<float> weight(-1.0f, 1.0f);
  Rows r;
  for (uint32_t length : {0u, 1u, 5u, 31u, 32u, 33u, 100u}) {
    std::vector<uint32_t> row;
    for (uint32_t k = 0; k < length; ++k) {
      // The first onto neuron 0, the edge of the first target range.
      row.push_back(kernels::pack_target_delay(k == 0 ? 0 : target(rng), delay(rng)));
      r.weight.push_back(weight(rng));
    }
    std::sort(row.begin(), row.end());
    r.target_delay.insert(r.target_delay.end(), row.begin(), row.end());
    r.row_ptr.push_back(r.target_delay.size());
  }
  while (r.row_ptr.size() < kNeurons + 1) r.row_ptr.push_back(r.target_delay.size());
  return r;
}

// Presynaptic dynamics for the dynamic case: the rows' sources static, renewing and
// Tsodyks-Markram in turn, some with a previous spike.
std::vector<uint8_t> kinds() {
  std::vector<uint8_t> k(kNeurons);
  for (uint32_t n = 0; n < kNeurons; ++n) k[n] = static_cast<uint8_t>(n % 3);
  return k;
}
std::vector<uint32_t> last_spikes() {
  std::vector<uint32_t> last(kNeurons);
  for (uint32_t n = 0; n < kNeurons; ++n) last[n] = n % 2 ? 3 + n : 0;
  return last;
}

// The buffers of one step's delivery: 7 spikes, one from each row, into an empty ring.
class Step {
 public:
  // `release`: every synapse's release probability (1: all spikes reach all synapses).
  explicit Step(float release = 1.0f)
      : rows_(make_rows()),
        spikes_(std::vector<uint32_t>{6, 0, 3, 1, 5, 2, 4}),
        row_ptr_(std::vector<uint64_t>(rows_.row_ptr)),
        packed_(std::vector<uint32_t>(rows_.target_delay)),
        weight_(std::vector<float>(rows_.weight)),
        scale_(std::vector<float>{1.0f}),
        ring_(kNeurons * kSlots * 2, 0),
        kind_(kinds()),
        log_decay_(kNeurons * 2, -0.05f),
        tm_(std::vector<kernels::TsodyksMarkramParams>(kNeurons, {0.3f, -0.01f, -0.02f})),
        last_spike_(last_spikes()),
        u_(kNeurons, 0.4f),
        x_(kNeurons, 0.7f),
        effects_(kNeurons, kernels::SpikeEffect{}),
        release_(release < 1.0f ? rows_.weight.size() : 0, release),
        seeds_(std::vector<uint64_t>{77}) {}

  template <bool kAtomic, bool kDynamic = false>
  kernels::SpikeDelivery<kAtomic, kDynamic, kernels::FloatWeights> delivery(uint32_t lanes) {
    return {spikes_.span(),
            row_ptr_.span(),
            packed_.span(),
            {weight_.span()},
            scale_.span(),
            kernels::RingBuffer{ring_.span(), 4096.0f, 1.0f / 4096.0f, kNeurons, kSlots, 0},
            {kind_.span(), log_decay_.span(), tm_.span(), last_spike_.span(), u_.span(), x_.span(),
             200, release_.span(), seeds_.span()},
            lanes};
  }
  kernels::DeviceSpan<kernels::SpikeEffect> effects() { return effects_.span(); }
  uint32_t spikes() const { return static_cast<uint32_t>(spikes_.size()); }
  std::vector<int32_t> ring() const { return ring_.to_host(); }
  // The presynaptic state after the step: last spikes, then u and x as integers of 1e-6.
  std::vector<int64_t> presynaptic() const {
    std::vector<int64_t> all;
    for (uint32_t v : last_spike_.to_host()) all.push_back(v);
    for (float v : u_.to_host()) all.push_back(std::llround(v * 1e6));
    for (float v : x_.to_host()) all.push_back(std::llround(v * 1e6));
    return all;
  }

 private:
  Rows rows_;
  kernels::Buffer<Backend, uint32_t> spikes_;
  kernels::Buffer<Backend, uint64_t> row_ptr_;
  kernels::Buffer<Backend, uint32_t> packed_;
  kernels::Buffer<Backend, float> weight_, scale_;
  kernels::Buffer<Backend, int32_t> ring_;
  kernels::Buffer<Backend, uint8_t> kind_;
  kernels::Buffer<Backend, float> log_decay_;
  kernels::Buffer<Backend, kernels::TsodyksMarkramParams> tm_;
  kernels::Buffer<Backend, uint32_t> last_spike_;
  kernels::Buffer<Backend, float> u_, x_;
  kernels::Buffer<Backend, kernels::SpikeEffect> effects_;
  kernels::Buffer<Backend, float> release_;
  kernels::Buffer<Backend, uint64_t> seeds_;
};

// Runs f(i) for i < n on all threads, however small n is.
template <class F>
void on_all_threads(uint64_t n, const F& f) {
  const size_t saved = Backend::serial_below;
  Backend::serial_below = 0;
  Backend::for_each_index(n, f);
  Backend::serial_below = saved;
}

template <bool kAtomic>
std::vector<int32_t> deliver(uint32_t lanes, bool parallel) {
  Step step;
  const auto d = step.delivery<kAtomic>(lanes);
  const uint64_t items = step.spikes() * uint64_t{lanes};
  if (parallel)
    on_all_threads(items, d);
  else
    for (uint64_t i = 0; i < items; ++i) d(i);
  return step.ring();
}

std::vector<int32_t> deliver_partitioned(uint32_t parts) {
  Step step;
  on_all_threads(parts, kernels::PartitionedDelivery<kernels::FloatWeights, false>{
                            step.delivery<false>(1), {}, step.spikes(), parts});
  return step.ring();
}

// The ring, then the presynaptic state, after a step with dynamic synapses: one thread per spike
// (parts 0), or the presynaptic pass and then the target ranges (parts > 0) or rows shared by
// `lanes` threads (lanes > 0, atomically, the GPU's way).
std::pair<std::vector<int32_t>, std::vector<int64_t>> deliver_dynamic(uint32_t parts,
                                                                      float release = 1.0f,
                                                                      uint32_t lanes = 0) {
  Step step(release);
  const auto d = step.delivery<false, true>(1);
  if (parts == 0 && lanes == 0) {
    for (uint32_t s = 0; s < step.spikes(); ++s) d(s);
    return {step.ring(), step.presynaptic()};
  }
  on_all_threads(step.spikes(),
                 kernels::AdvancePresynaptic{d.step_spikes, d.pre, kNeurons, step.effects()});
  if (lanes > 0)
    on_all_threads(step.spikes() * uint64_t{lanes},
                   kernels::SharedRowDelivery<kernels::FloatWeights>{
                       step.delivery<true, true>(lanes), step.effects()});
  else
    on_all_threads(parts, kernels::PartitionedDelivery<kernels::FloatWeights, true>{
                              d, step.effects(), step.spikes(), parts});
  return {step.ring(), step.presynaptic()};
}

TEST(SpikeDeliverySplit, LanesAddTheSameInputAsOneThreadPerSpike) {
  const std::vector<int32_t> reference = deliver<false>(1, false);
  int64_t total = 0;
  for (int32_t units : reference) total += units;
  ASSERT_GT(total, 0);  // the rows reached the ring
  for (uint32_t lanes : {2u, 4u, 32u}) EXPECT_EQ(deliver<false>(lanes, false), reference) << lanes;
  for (uint32_t lanes : {1u, 32u}) EXPECT_EQ(deliver<true>(lanes, true), reference) << lanes;
}

TEST(SpikeDeliverySplit, TargetRangesAddTheSameInputAsOneThreadPerSpike) {
  const std::vector<int32_t> reference = deliver<false>(1, false);
  for (uint32_t parts : {1u, 2u, 3u, 7u, kNeurons, kNeurons + 5})
    EXPECT_EQ(deliver_partitioned(parts), reference) << parts;
}

TEST(SpikeDeliverySplit, TargetRangesWithDynamicSynapsesAddTheSameInput) {
  const auto reference = deliver_dynamic(0);
  EXPECT_NE(reference.first, deliver<false>(1, false));  // the dynamics changed the input
  for (uint32_t parts : {1u, 2u, 7u}) {
    const auto split = deliver_dynamic(parts);
    EXPECT_EQ(split.first, reference.first) << parts;
    EXPECT_EQ(split.second, reference.second) << parts;
  }
}

TEST(SpikeDeliverySplit, TargetRangesReleaseTheSameSpikesOfStochasticSynapses) {
  const auto reference = deliver_dynamic(0, 0.5f);
  const auto all = deliver_dynamic(0);
  int64_t released = 0, sent = 0;
  for (size_t i = 0; i < all.first.size(); ++i) {
    released += std::abs(reference.first[i]);
    sent += std::abs(all.first[i]);
  }
  // About half of the input arrives (the draws are real), neither none nor all of it.
  EXPECT_GT(released, sent / 5);
  EXPECT_LT(released, sent * 4 / 5);
  for (uint32_t parts : {1u, 2u, 7u})
    EXPECT_EQ(deliver_dynamic(parts, 0.5f).first, reference.first) << parts;
}

// The GPU's way with dynamic synapses: the presynaptic pass, then each row shared by lanes.
TEST(SpikeDeliverySplit, SharedRowsWithDynamicSynapsesAddTheSameInput) {
  for (const float release : {1.0f, 0.5f}) {
    const auto reference = deliver_dynamic(0, release);
    for (uint32_t lanes : {1u, 4u, 32u}) {
      const auto shared = deliver_dynamic(0, release, lanes);
      EXPECT_EQ(shared.first, reference.first) << release << " " << lanes;
      EXPECT_EQ(shared.second, reference.second) << release << " " << lanes;
    }
  }
}

}  // namespace
}  // namespace spikewafer::test
