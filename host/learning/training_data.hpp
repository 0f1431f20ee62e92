// What an RBM learns from: binary images (rows of a matrix) and, optionally, a class per image.
// Read from .csv or .npy (values in [0, 1], binarised at 0.5; labels as whole numbers), or
// generated (bars and stripes, for tests and as a tiny exact case).
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace spikewafer::learning {

struct Dataset {
  Eigen::MatrixXd images;       // samples x pixels, 0 or 1
  std::vector<uint32_t> labels;  // one per sample, or empty
};

// `images` (and `labels`, unless empty) from files; `what` names the key for messages
// ("data.train"). Throws input_error naming the file and the problem (shape, a label outside
// 0..classes-1, a count that does not match).
Dataset read_dataset(const std::filesystem::path& images, const std::filesystem::path& labels,
                     uint32_t classes, const std::string& what);

// Every bars-and-stripes image of a side x side square (2^(side + 1) - 2 distinct ones: each
// row on or off, or each column on or off), labelled 0 for bars (rows) and 1 for stripes; the
// two all-equal images belong to both and are labelled as bars.
Dataset bars_and_stripes(uint32_t side);

// The inputs of an RBM with `classes` label units: each image followed by the one-hot code of
// its label (or the image alone when classes is 0).
Eigen::MatrixXd rbm_inputs(const Dataset& data, uint32_t classes);

}  // namespace spikewafer::learning
