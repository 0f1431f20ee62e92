// Two passes over the weights, each on all threads in blocks: the distinct bit patterns (each
// thread its own set, merged and sorted, so the table does not depend on the split), then each
// weight's place in the table. A CSR row's weights are mostly equal (a projection with a
// constant weight has one value), so both passes first compare with the previous weight; at
// 10^9 synapses that keeps them to about a second each.
#include "weight_codes.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <unordered_set>

namespace spikewafer {
namespace {

constexpr int64_t kBlock = int64_t{1} << 16;

uint32_t bits_of(float w) {
  uint32_t b;
  std::memcpy(&b, &w, sizeof b);
  return b;
}

float float_of(uint32_t b) {
  float w;
  std::memcpy(&w, &b, sizeof w);
  return w;
}

int64_t blocks_of(size_t n) { return (static_cast<int64_t>(n) + kBlock - 1) / kBlock; }

// The distinct bit patterns of `weight`, sorted; empty with *too_many set beyond max_codes.
std::vector<uint32_t> distinct_bits(const std::vector<float>& weight, uint64_t max_codes,
                                    bool* too_many) {
  const int64_t n = static_cast<int64_t>(weight.size());
  std::vector<std::unordered_set<uint32_t>> seen(omp_get_max_threads());
  std::atomic<bool> over{false};
#pragma omp parallel
  {
    std::unordered_set<uint32_t>& mine = seen[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 16)
    for (int64_t b = 0; b < blocks_of(weight.size()); ++b) {
      if (over.load(std::memory_order_relaxed)) continue;
      const int64_t end = std::min(n, (b + 1) * kBlock);
      uint32_t last = bits_of(weight[b * kBlock]);
      mine.insert(last);
      for (int64_t k = b * kBlock + 1; k < end; ++k) {
        const uint32_t bits = bits_of(weight[k]);
        if (bits == last) continue;
        last = bits;
        mine.insert(bits);
      }
      if (mine.size() > max_codes) over = true;
    }
  }
  std::unordered_set<uint32_t> all;
  for (const auto& s : seen) {
    all.insert(s.begin(), s.end());
    if (all.size() > max_codes) over = true;
  }
  *too_many = over;
  if (over) return {};
  std::vector<uint32_t> sorted(all.begin(), all.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

}  // namespace

std::optional<WeightCodes> encode_weights(const std::vector<float>& weight, uint64_t max_codes) {
  if (max_codes > kernels::kMaxWeightCodes)
    throw std::invalid_argument("encode_weights: at most 65536 codes fit in 16 bits");
  bool too_many = false;
  const std::vector<uint32_t> bits = distinct_bits(weight, max_codes, &too_many);
  if (too_many) return std::nullopt;
  WeightCodes out;
  for (uint32_t b : bits) out.table.push_back(float_of(b));
  out.code.resize(weight.size());
  const int64_t n = static_cast<int64_t>(weight.size());
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < blocks_of(weight.size()); ++b) {
    const int64_t end = std::min(n, (b + 1) * kBlock);
    uint32_t last = 0;
    uint16_t code = 0;
    for (int64_t k = b * kBlock; k < end; ++k) {
      const uint32_t w = bits_of(weight[k]);
      if (k == b * kBlock || w != last) {
        last = w;
        code = static_cast<uint16_t>(std::lower_bound(bits.begin(), bits.end(), w) - bits.begin());
      }
      out.code[k] = code;
    }
  }
  return out;
}

}  // namespace spikewafer
