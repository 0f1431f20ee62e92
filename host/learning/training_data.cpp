#include "learning/training_data.hpp"

#include <cmath>
#include <set>
#include <vector>

#include "sampling/array_file.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::learning {

Dataset read_dataset(const std::filesystem::path& images, const std::filesystem::path& labels,
                     uint32_t classes, const std::string& what) {
  Dataset data;
  const sampling::NumberArray pixels = sampling::read_number_array(images);
  data.images = pixels.values;
  if (pixels.dims == 1) data.images.transposeInPlace();  // one image
  for (Eigen::Index r = 0; r < data.images.rows(); ++r)
    for (Eigen::Index c = 0; c < data.images.cols(); ++c) {
      const double x = data.images(r, c);
      if (!(x >= 0.0 && x <= 1.0))
        throw input_error(what + ": '" + images.string() + "' row " + std::to_string(r) +
                          ", column " + std::to_string(c) + " holds " + std::to_string(x) +
                          "; pixels must lie in [0, 1] (scale them first)");
      data.images(r, c) = x >= 0.5 ? 1.0 : 0.0;
    }
  if (labels.empty()) {
    if (classes > 0)
      throw input_error(what + "_labels: the RBM has " + std::to_string(classes) +
                        " label units; give a file of labels, one per image");
    return data;
  }
  const Eigen::MatrixXd l = sampling::read_number_array(labels).values;
  if (l.size() != data.images.rows())
    throw input_error(what + "_labels: '" + labels.string() + "' holds " +
                      std::to_string(l.size()) + " labels for " +
                      std::to_string(data.images.rows()) + " images; give one per image");
  for (Eigen::Index k = 0; k < l.size(); ++k) {
    const double v = l.data()[k];
    if (!(v >= 0 && v < classes && v == std::floor(v)))
      throw input_error(what + "_labels: '" + labels.string() + "' entry " + std::to_string(k) +
                        " is " + std::to_string(v) + "; labels are whole numbers 0 to " +
                        std::to_string(classes - 1) + " (rbm.labels = " +
                        std::to_string(classes) + ")");
    data.labels.push_back(static_cast<uint32_t>(v));
  }
  return data;
}

Dataset bars_and_stripes(uint32_t side) {
  if (side < 2 || side > 4) throw input_error("bars and stripes: side must be 2 to 4");
  std::set<std::vector<double>> seen;
  Dataset data;
  std::vector<std::vector<double>> rows;
  for (uint32_t stripes = 0; stripes < 2; ++stripes)
    for (uint32_t mask = 0; mask < (1u << side); ++mask) {
      std::vector<double> image(side * side);
      for (uint32_t y = 0; y < side; ++y)
        for (uint32_t x = 0; x < side; ++x)
          image[y * side + x] = (mask >> (stripes ? x : y)) & 1;
      if (!seen.insert(image).second) continue;
      rows.push_back(image);
      data.labels.push_back(stripes);
    }
  data.images.resize(static_cast<Eigen::Index>(rows.size()), side * side);
  for (size_t r = 0; r < rows.size(); ++r)
    for (uint32_t c = 0; c < side * side; ++c) data.images(static_cast<Eigen::Index>(r), c) = rows[r][c];
  return data;
}

Eigen::MatrixXd rbm_inputs(const Dataset& data, uint32_t classes) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(data.images.rows(), data.images.cols() + classes);
  x.leftCols(data.images.cols()) = data.images;
  if (classes > 0)
    for (Eigen::Index r = 0; r < x.rows(); ++r) x(r, data.images.cols() + data.labels[r]) = 1.0;
  return x;
}

}  // namespace spikewafer::learning
