// PyNN's names of the neuron models, used by the config parser, messages and outputs.
#include "spikewafer/network.hpp"

namespace spikewafer {

namespace {

constexpr Model kAllModels[] = {Model::kIfCurrExp,       Model::kIfCondExp,
                                Model::kIfCurrAlpha,     Model::kIfCondAlpha,
                                Model::kSpikeSourceArray, Model::kSpikeSourcePoisson};

}  // namespace

const char* model_name(Model model) {
  switch (model) {
    case Model::kIfCurrExp:
      return "IF_curr_exp";
    case Model::kIfCondExp:
      return "IF_cond_exp";
    case Model::kIfCurrAlpha:
      return "IF_curr_alpha";
    case Model::kIfCondAlpha:
      return "IF_cond_alpha";
    case Model::kSpikeSourceArray:
      return "SpikeSourceArray";
    case Model::kSpikeSourcePoisson:
      return "SpikeSourcePoisson";
  }
  return "unknown";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

std::optional<Model> model_from_name(const std::string& name) {
  // Exact, case-sensitive match: the names are PyNN's, and PyNN scripts spell them this way.
  for (Model m : kAllModels)
    if (name == model_name(m)) return m;
  return std::nullopt;
}

}  // namespace spikewafer
