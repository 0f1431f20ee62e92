// A typed, range-checked index: RangedIndex<Tag> holds 0 <= value < Tag::kCount. Each kind of
// hardware resource has its own tag, so a vertical line cannot be passed where a horizontal line
// is expected (the types are unrelated and the constructor is explicit), and an out-of-range
// number fails at construction with a message naming the kind of index.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {

template <typename Tag>
class RangedIndex {
 public:
  static constexpr uint32_t kCount = Tag::kCount;

  // int64_t so that a negative number is reported as such rather than as a huge unsigned value.
  explicit RangedIndex(int64_t value) : value_(checked(value)) {}

  uint32_t value() const { return value_; }

  friend bool operator==(RangedIndex a, RangedIndex b) { return a.value_ == b.value_; }
  friend bool operator!=(RangedIndex a, RangedIndex b) { return a.value_ != b.value_; }
  friend bool operator<(RangedIndex a, RangedIndex b) { return a.value_ < b.value_; }

 private:
  static uint32_t checked(int64_t value) {
    if (value < 0 || value >= static_cast<int64_t>(kCount)) {
      throw input_error(std::string(Tag::kName) + " " + std::to_string(value) +
                        " is out of range: valid are 0 to " + std::to_string(kCount - 1));
    }
    return static_cast<uint32_t>(value);
  }

  uint32_t value_;
};

namespace detail {
template <std::size_t N, typename F, std::size_t... I>
auto generate_array(F f, std::index_sequence<I...>) {
  return std::array<decltype(f(std::size_t{0})), N>{f(I)...};
}
}  // namespace detail

// {f(0), ..., f(N - 1)}: fills an array of indices, which have no default value.
template <std::size_t N, typename F>
auto generate_array(F f) {
  return detail::generate_array<N>(f, std::make_index_sequence<N>{});
}

}  // namespace spikewafer::wafer
