// Input waiting in the ring buffer, found and converted on the device when set_projection
// changes the fixed-point scale: the largest magnitude, and units times a power of two,
// exact upwards and rounded to the nearest (halves away from zero) downwards.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/backend_cpu.hpp"
#include "kernels/buffer.hpp"
#include "kernels/collectives.hpp"

namespace spikewafer::test {
namespace {

using Backend = kernels::CpuBackend;

std::vector<int32_t> rescaled(std::vector<int32_t> units, int shift) {
  kernels::Buffer<Backend, int32_t> b(std::move(units));
  Backend::for_each_index(b.size(), kernels::RescaleUnits{b.span(), shift});
  return b.to_host();
}

TEST(RingRescale, LargestMagnitude) {
  kernels::Buffer<Backend, int32_t> some(std::vector<int32_t>{3, -7, 0, 5});
  EXPECT_EQ(kernels::largest_magnitude<Backend>(some.span()), 7);
  kernels::Buffer<Backend, int32_t> lowest(std::vector<int32_t>{1, INT32_MIN});
  EXPECT_EQ(kernels::largest_magnitude<Backend>(lowest.span()), int64_t{1} << 31);
  kernels::Buffer<Backend, int32_t> none(std::vector<int32_t>{});
  EXPECT_EQ(kernels::largest_magnitude<Backend>(none.span()), 0);
}

TEST(RingRescale, FinerScaleIsExact) {
  EXPECT_EQ(rescaled({3, -5, 0, 1000}, 3), (std::vector<int32_t>{24, -40, 0, 8000}));
  EXPECT_EQ(rescaled({3, -5}, 0), (std::vector<int32_t>{3, -5}));
}

TEST(RingRescale, CoarserScaleRoundsToNearestHalvesAwayFromZero) {
  const std::vector<int32_t> units = {4, -4, 3, -3, 12, -12, 5, 11, 0, INT32_MAX, INT32_MIN};
  const std::vector<int32_t> got = rescaled(units, -3);
  for (size_t i = 0; i < units.size(); ++i)
    EXPECT_EQ(got[i], std::llround(units[i] / 8.0)) << units[i];
  EXPECT_EQ(got[0], 1);   // 0.5 -> 1
  EXPECT_EQ(got[1], -1);  // -0.5 -> -1
}

}  // namespace
}  // namespace spikewafer::test
