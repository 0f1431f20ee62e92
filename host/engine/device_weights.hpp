// The synapses' weights on the device, in whichever form kernels/synapse_weights.hpp allows:
// codes into a table where the weights have few enough distinct values, else a float each.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "kernels/buffer.hpp"
#include "kernels/synapse_weights.hpp"
#include "weight_codes.hpp"

namespace spikewafer {

template <class Backend>
class DeviceWeights {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

 public:
  // Replaces the weights (the host vector is taken either way).
  void store(std::vector<float>&& weight) {
    std::optional<WeightCodes> coded = encode_weights(weight);
    coded_ = coded.has_value();
    if (coded_) {
      code_.assign(std::move(coded->code));
      table_.assign(std::move(coded->table));
      float_.assign({});
    } else {
      float_.assign(std::move(weight));
      code_.assign({});
      table_.assign({});
    }
  }

  // Calls f with the kernels' view: kernels::CodedWeights or kernels::FloatWeights.
  template <class F>
  void visit(F&& f) {
    if (coded_)
      f(kernels::CodedWeights{code_.span(), table_.span()});
    else
      f(kernels::FloatWeights{float_.span()});
  }

  size_t bytes() const { return float_.bytes() + code_.bytes() + table_.bytes(); }

 private:
  bool coded_ = false;
  Buffer<float> float_;
  Buffer<uint16_t> code_;
  Buffer<float> table_;
};

}  // namespace spikewafer
