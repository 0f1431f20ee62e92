#include "wafer/quantization.hpp"

#include <algorithm>
#include <cmath>

#include "wafer/constants.hpp"

namespace spikewafer::wafer {

QuantizedWeight quantize_weight(double weight, double row_max) {
  if (!(row_max > 0.0)) return {};
  const double levels = kMaxDigitalWeight;
  const double scaled = std::min(std::fabs(weight) / row_max, 1.0) * levels;
  QuantizedWeight q;
  q.digital = static_cast<uint8_t>(std::lround(scaled));
  q.realised = q.digital / levels * row_max;
  return q;
}

void QuantizationStats::add(double weight, const QuantizedWeight& q, double row_max) {
  const double error = row_max > 0.0 ? std::fabs(q.realised - std::fabs(weight)) / row_max : 0.0;
  ++count_;
  sum_ += error;
  max_ = std::max(max_, error);
  if (q.digital == 0 && weight != 0.0) ++zeros_;
}

void QuantizationStats::merge(const QuantizationStats& other) {
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  zeros_ += other.zeros_;
}

}  // namespace spikewafer::wafer
