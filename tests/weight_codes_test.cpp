// Weights stored as 16-bit codes into a table (kernels/synapse_weights.hpp): the table holds each
// distinct weight once, the codes give every weight back bit for bit whatever the thread count,
// more distinct weights than codes are refused, and the delivery adds the same input into the
// ring buffer from codes as from floats.
#include "engine/weight_codes.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "kernels/backend_cpu.hpp"
#include "kernels/buffer.hpp"
#include "kernels/fixed_point.hpp"
#include "kernels/spike_delivery.hpp"
#include "kernels/synapse_packing.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::test {
namespace {

uint32_t bits_of(float w) {
  uint32_t b;
  std::memcpy(&b, &w, sizeof b);
  return b;
}

// encode_weights of a copy (it takes the vector it codes).
std::optional<WeightCodes> encoded(std::vector<float> w, uint64_t max = kernels::kMaxWeightCodes) {
  return encode_weights(w, max);
}

void expect_decodes(const std::vector<float>& weight, const WeightCodes& c) {
  ASSERT_EQ(c.code.size(), weight.size());
  for (size_t k = 0; k < weight.size(); ++k)
    ASSERT_EQ(bits_of(c.table.at(c.code[k])), bits_of(weight[k])) << k;
}

TEST(WeightCodes, TableHoldsEachDistinctWeightOnce) {
  const std::vector<float> w = {0.5f, 0.5f, -0.25f, 0.0f, -0.0f, 0.5f, 1e-3f, -0.25f};
  const std::optional<WeightCodes> c = encoded(w);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->table.size(), 5u);  // 0.0 and -0.0 are two: the sign selects the receptor
  expect_decodes(w, *c);
}

TEST(WeightCodes, RefusesMoreDistinctWeightsThanCodes) {
  const std::vector<float> four = {1.0f, 2.0f, 3.0f, 4.0f, 1.0f};
  EXPECT_FALSE(encoded(four, 3));
  EXPECT_TRUE(encoded(four, 4));

  std::vector<float> w(kernels::kMaxWeightCodes);
  for (size_t k = 0; k < w.size(); ++k) w[k] = 1.0f + static_cast<float>(k) * 1e-4f;
  const std::optional<WeightCodes> full = encoded(w);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->table.size(), kernels::kMaxWeightCodes);
  expect_decodes(w, *full);
  w.push_back(-1.0f);
  EXPECT_FALSE(encoded(w));
}

TEST(WeightCodes, TakesTheWeightsOnlyWhenItCodesThem) {
  const std::vector<float> four = {1.0f, 2.0f, 3.0f, 4.0f};
  std::vector<float> w = four;
  EXPECT_FALSE(encode_weights(w, 3));
  EXPECT_EQ(w, four);
  EXPECT_TRUE(encode_weights(w, 4));
  EXPECT_TRUE(w.empty());
}

class WeightCodesThreads : public RestoresThreadCount {};

// Several blocks of runs of equal weights, as CSR rows give them.
TEST_F(WeightCodesThreads, SameCodesForOneAndTwoThreads) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> value(0, 999), run(1, 300);
  std::vector<float> w;
  while (w.size() < 600000)
    w.insert(w.end(), run(rng), 0.01f * static_cast<float>(value(rng) - 500));
  omp_set_num_threads(1);
  const std::optional<WeightCodes> one = encoded(w);
  omp_set_num_threads(2);
  const std::optional<WeightCodes> two = encoded(w);
  ASSERT_TRUE(one && two);
  std::set<uint32_t> distinct;
  for (float x : w) distinct.insert(bits_of(x));
  EXPECT_EQ(one->table.size(), distinct.size());
  EXPECT_EQ(one->code, two->code);
  EXPECT_EQ(one->table, two->table);
  expect_decodes(w, *one);
}

// One spike from each of three sources into a ring of 4 neurons and 3 slots.
TEST(WeightCodes, DeliveryAddsTheSameInputAsFloats) {
  using Backend = kernels::CpuBackend;
  const std::vector<uint64_t> row_ptr = {0, 3, 5, 7, 7};
  const std::vector<uint32_t> target_delay = {
      kernels::pack_target_delay(0, 1), kernels::pack_target_delay(1, 2),
      kernels::pack_target_delay(3, 3), kernels::pack_target_delay(0, 1),
      kernels::pack_target_delay(2, 2), kernels::pack_target_delay(0, 3),
      kernels::pack_target_delay(1, 1)};
  const std::vector<float> weight = {0.25f, -0.5f, 0.125f, 0.25f, 0.75f, -0.5f, 0.0625f};
  const std::optional<WeightCodes> coded = encoded(weight);
  ASSERT_TRUE(coded);

  auto deliver = [&](auto make_weights) {
    kernels::Buffer<Backend, uint32_t> spikes(std::vector<uint32_t>{0, 1, 2});
    kernels::Buffer<Backend, uint64_t> rows{std::vector<uint64_t>(row_ptr)};
    kernels::Buffer<Backend, uint32_t> packed{std::vector<uint32_t>(target_delay)};
    kernels::Buffer<Backend, float> scale(std::vector<float>{1.5f});
    kernels::Buffer<Backend, int32_t> ring(4 * 3 * 2, 0);
    kernels::Buffer<Backend, float> floats{std::vector<float>(weight)};
    kernels::Buffer<Backend, uint16_t> codes{std::vector<uint16_t>(coded->code)};
    kernels::Buffer<Backend, float> table{std::vector<float>(coded->table)};
    const auto weights = make_weights(floats, codes, table);
    const kernels::SpikeDelivery<false, false, decltype(weights)> d{
        spikes.span(),
        rows.span(),
        packed.span(),
        weights,
        scale.span(),
        kernels::RingBuffer{ring.span(), 1024.0f, 1.0f / 1024.0f, 4, 3, 0},
        {}};
    for (uint64_t s = 0; s < 3; ++s) d(s);
    return ring.to_host();
  };
  const std::vector<int32_t> from_floats =
      deliver([](auto& f, auto&, auto&) { return kernels::FloatWeights{f.span()}; });
  const std::vector<int32_t> from_codes = deliver([](auto&, auto& c, auto& t) {
    return kernels::CodedWeights{c.span(), t.span()};
  });
  EXPECT_EQ(from_floats, from_codes);
  // Neuron 0, excitatory, slot 1: 0.25 from sources 0 and 1, times the replica's scale 1.5.
  kernels::RingBuffer view{{}, 1024.0f, 1.0f / 1024.0f, 4, 3, 0};
  EXPECT_EQ(from_codes[view.index(0, 1, 0, 0)], kernels::to_fixed(0.375f, 1024.0f) * 2);
}

}  // namespace
}  // namespace spikewafer::test
