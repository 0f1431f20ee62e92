// The [target] table of a sampling file: the Boltzmann machine that a spiking network should
// sample from. Exactly one of these forms:
//   W = [[...], ...] and b = [...]      a Boltzmann machine, inline
//   J = [[...], ...] and h = [...]      a spin glass, converted with to_boltzmann_machine()
//   W = "w.npy" / "w.csv", b = ...      either matrix or vector from a file (also J and h), the
//                                       path relative to base_dir (the sampling file's folder)
//   random = { n, w_std, b_std, seed }  random_boltzmann_machine(); seed defaults to 1
//   trained = "DIR"                     the RBM that `spikewafer train` wrote into DIR (rbm.json,
//                                       W.csv, b.csv, c.csv), units visible, labels, hidden
// and optionally visible = V: a restricted Boltzmann machine whose units 0..V-1 are visible and
// V..N-1 hidden, with weights only between the two layers (for random, only those are drawn).
#pragma once

#include <filesystem>

#include <optional>
#include <vector>

#include "io/toml_values.hpp"
#include "sampling/boltzmann_machine.hpp"
#include "sampling/restricted_machine.hpp"

namespace spikewafer::sampling {

struct Target {
  BoltzmannMachine bm;
  int visible = -1;  // the number of visible units of an RBM; -1 for a fully connected machine
  // trained = DIR: the network as trained (its label units judge the class of a sampled image)
  // and the class frequencies of its training labels (empty where it had none).
  std::optional<Rbm> trained;
  std::vector<double> label_frequencies;
};

// Throws spikewafer::Error (kInput) "file:line:column: target.KEY: problem; fix" for unknown
// keys, no form or two forms, wrong types, unreadable files, and for every problem validate()
// finds (non-square, non-symmetric, non-zero diagonal, sizes that disagree, inf or nan).
Target read_target(const toml_values::Table& target, const std::filesystem::path& base_dir);

}  // namespace spikewafer::sampling
