// First the distinct bit patterns, on all threads in blocks (each thread its own set, merged and
// sorted, so the table does not depend on the split). Then each weight's code, written over the
// floats already read (code k takes bytes [2k, 2k + 2), float k was at [4k, 4k + 4)), so the
// codes never need memory of their own next to the floats: at 10^9 synapses 4 GB of floats
// and 2 GB of codes would otherwise both be held, and in a virtual machine faulting in 2 GB of
// fresh pages took 6-9 s. The upper half is given back to the system before the code vector is
// made, which then reuses those pages. A CSR row's weights are mostly equal (a projection with a
// constant weight has one value), so both passes first compare with the previous weight.
#include "weight_codes.hpp"

#include <omp.h>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <unordered_set>

namespace spikewafer {
namespace {

constexpr int64_t kBlock = int64_t{1} << 16;

uint32_t bits_at(const char* bytes, int64_t k) {
  uint32_t b;
  std::memcpy(&b, bytes + 4 * k, sizeof b);
  return b;
}

float float_of(uint32_t b) {
  float w;
  std::memcpy(&w, &b, sizeof w);
  return w;
}

// The distinct bit patterns of `weight`, sorted; nothing when there are more than max_codes.
std::optional<std::vector<uint32_t>> distinct_bits(const std::vector<float>& weight,
                                                   uint64_t max_codes) {
  const int64_t n = static_cast<int64_t>(weight.size());
  const char* bytes = reinterpret_cast<const char*>(weight.data());
  std::vector<std::unordered_set<uint32_t>> seen(omp_get_max_threads());
  std::atomic<bool> over{false};
#pragma omp parallel
  {
    std::unordered_set<uint32_t>& mine = seen[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 16)
    for (int64_t first = 0; first < n; first += kBlock) {
      if (over.load(std::memory_order_relaxed)) continue;
      uint32_t last = bits_at(bytes, first);
      mine.insert(last);
      for (int64_t k = first + 1; k < std::min(n, first + kBlock); ++k) {
        const uint32_t bits = bits_at(bytes, k);
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
  if (over) return std::nullopt;
  std::vector<uint32_t> sorted(all.begin(), all.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

// Gives the whole pages inside [begin, end) back to the system (their contents are not needed).
void release(char* begin, char* end) {
#if defined(__linux__)
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) / page * page;
  const uintptr_t last = reinterpret_cast<uintptr_t>(end) / page * page;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#else
  (void)begin;
  (void)end;
#endif
}

}  // namespace

std::optional<WeightCodes> encode_weights(std::vector<float>& weight, uint64_t max_codes) {
  if (max_codes > kernels::kMaxWeightCodes)
    throw std::invalid_argument("encode_weights: at most 65536 codes fit in 16 bits");
  const std::optional<std::vector<uint32_t>> distinct = distinct_bits(weight, max_codes);
  if (!distinct) return std::nullopt;
  const std::vector<uint32_t>& bits = *distinct;
  WeightCodes out;
  for (uint32_t b : bits) out.table.push_back(float_of(b));

  const int64_t n = static_cast<int64_t>(weight.size());
  char* bytes = reinterpret_cast<char*>(weight.data());
  uint32_t last = 0;
  uint16_t code = 0;
  for (int64_t k = 0; k < n; ++k) {
    const uint32_t w = bits_at(bytes, k);  // read before code k overwrites bytes [2k, 2k + 2)
    if (k == 0 || w != last) {
      last = w;
      code = static_cast<uint16_t>(std::lower_bound(bits.begin(), bits.end(), w) - bits.begin());
    }
    std::memcpy(bytes + 2 * k, &code, sizeof code);
  }
  release(bytes + 2 * n, bytes + 4 * n);
  out.code.resize(weight.size());
  if (n > 0) std::memcpy(out.code.data(), bytes, 2 * static_cast<size_t>(n));
  std::vector<float>().swap(weight);
  return out;
}

}  // namespace spikewafer
