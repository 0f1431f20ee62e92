// Weight quantization. A synapse stores a 4-bit weight w in 0..15; its conductance is
// w / 15 of an analog maximum that is set per synapse row (gmax_div per row, V_gmax per quadrant
// [guidebook, "Synaptic Weights"]). The mapping sets each row's maximum to the largest weight it
// carries, so that weight is exact and every other is rounded to the nearest of 16 levels: the
// error is at most half a step, max / 30. The discrete choice of V_gmax and gmax_div (which would
// add to the error) is not modelled.
#pragma once

#include <cstdint>

namespace spikewafer::wafer {

struct QuantizedWeight {
  uint8_t digital = 0;    // 0..15
  double realised = 0.0;  // digital / 15 * row maximum
};

// Rounds |weight| to the nearest level of a row whose maximum is row_max (> 0); 0 for row_max 0.
QuantizedWeight quantize_weight(double weight, double row_max);

// Mean and maximum of the quantization error relative to the row's maximum, |w_q - w| / max
// (at most 1/30 by construction), and how many non-zero weights became 0.
class QuantizationStats {
 public:
  void add(double weight, const QuantizedWeight& q, double row_max);
  void merge(const QuantizationStats& other);  // as if other's weights were added after these
  uint64_t count() const { return count_; }
  double mean_error() const { return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_); }
  double max_error() const { return max_; }
  uint64_t rounded_to_zero() const { return zeros_; }

 private:
  uint64_t count_ = 0;
  double sum_ = 0.0;
  double max_ = 0.0;
  uint64_t zeros_ = 0;
};

}  // namespace spikewafer::wafer
