// A spike's row delivered by several lanes (the GPU's warp per spike, spike_delivery.hpp) adds
// exactly the input that one thread walking the row adds, for rows shorter and longer than the
// lanes, on one thread and on all (atomically).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
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

// Rows of 0, 1, 5, 31, 32, 33 and 100 synapses at random targets, delays and signed weights.
Rows make_rows() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<uint32_t> target(0, kNeurons - 1), delay(1, kSlots - 1);
  std::uniform_real_distribution<float> weight(-1.0f, 1.0f);
  Rows r;
  for (uint32_t length : {0u, 1u, 5u, 31u, 32u, 33u, 100u}) {
    for (uint32_t k = 0; k < length; ++k) {
      r.target_delay.push_back(kernels::pack_target_delay(target(rng), delay(rng)));
      r.weight.push_back(weight(rng));
    }
    r.row_ptr.push_back(r.target_delay.size());
  }
  while (r.row_ptr.size() < kNeurons + 1) r.row_ptr.push_back(r.target_delay.size());
  return r;
}

template <bool kAtomic>
std::vector<int32_t> deliver(uint32_t lanes, bool parallel) {
  const Rows rows = make_rows();
  kernels::Buffer<Backend, uint32_t> spikes(std::vector<uint32_t>{6, 0, 3, 1, 5, 2, 4});
  kernels::Buffer<Backend, uint64_t> row_ptr{std::vector<uint64_t>(rows.row_ptr)};
  kernels::Buffer<Backend, uint32_t> packed{std::vector<uint32_t>(rows.target_delay)};
  kernels::Buffer<Backend, float> weight{std::vector<float>(rows.weight)};
  kernels::Buffer<Backend, float> scale(std::vector<float>{1.0f});
  kernels::Buffer<Backend, int32_t> ring(kNeurons * kSlots * 2, 0);
  const kernels::SpikeDelivery<kAtomic, false, kernels::FloatWeights> d{
      spikes.span(),
      row_ptr.span(),
      packed.span(),
      {weight.span()},
      scale.span(),
      kernels::RingBuffer{ring.span(), 4096.0f, 1.0f / 4096.0f, kNeurons, kSlots, 0},
      {},
      lanes};
  const uint64_t items = spikes.size() * uint64_t{lanes};
  if (parallel) {
    const size_t saved = Backend::serial_below;
    Backend::serial_below = 0;
    Backend::for_each_index(items, d);
    Backend::serial_below = saved;
  } else {
    for (uint64_t i = 0; i < items; ++i) d(i);
  }
  return ring.to_host();
}

TEST(SpikeDeliveryLanes, SameInputAsOneThreadPerSpike) {
  const std::vector<int32_t> reference = deliver<false>(1, false);
  int64_t total = 0;
  for (int32_t units : reference) total += units;
  ASSERT_GT(total, 0);  // the rows reached the ring
  for (uint32_t lanes : {2u, 4u, 32u}) EXPECT_EQ(deliver<false>(lanes, false), reference) << lanes;
  for (uint32_t lanes : {1u, 32u}) EXPECT_EQ(deliver<true>(lanes, true), reference) << lanes;
}

}  // namespace
}  // namespace spikewafer::test
