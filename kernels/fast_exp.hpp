// exp(x) in single precision from plain arithmetic (Cephes' expf: Cody-Waite range reduction and
// a degree-5 polynomial, about 1 ulp). It is used instead of the math library's expf because it
// (1) is the same function on every backend, so CPU and GPU runs round alike, (2) gives the same
// bits in scalar and SIMD code, so results do not depend on how a loop was split among threads,
// and (3) inlines, so the compiler can vectorise the neuron update around it.
#pragma once

#include <cstdint>
#include <cstring>

#include "portability.hpp"

namespace spikewafer::kernels {

SW_HOST_DEVICE SW_FORCE_INLINE float exp_portable(float x) {
  // Clamp to [-87, 88] with arithmetic, not selects, which compilers keep as branches.
  const float low = static_cast<float>(x < -87.0f), high = static_cast<float>(x > 88.0f);
  x = x * (1.0f - low - high) + -87.0f * low + 88.0f * high;
  // n = floor(x / ln 2 + 1/2), with a truncating conversion (vectorisable without SSE4.1).
  const float t = x * 1.44269504088896341f + 0.5f;
  int32_t n = static_cast<int32_t>(t);
  n -= static_cast<int32_t>(t < static_cast<float>(n));
  const float fn = static_cast<float>(n);
  float r = x - fn * 0.693359375f;  // ln 2 split in two for an exact product
  r = r + fn * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  const int32_t bits = (n + 127) << 23;  // 2^n
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

}  // namespace spikewafer::kernels
