// Building a dense-matrix projection from an Eigen matrix (rows: source neurons, columns: target
// neurons; a zero entry is no synapse). Kept apart from network.hpp so that only callers that use
// Eigen include it.
#pragma once

#include <Eigen/Dense>

#include "spikewafer/network.hpp"

namespace spikewafer {

inline Connector dense_matrix_connector(const Eigen::MatrixXd& weights) {
  Connector c;
  c.kind = Connector::Kind::kDenseMatrix;
  c.matrix.resize(static_cast<size_t>(weights.size()));
  // Connector::matrix is row-major; Eigen's default storage is column-major.
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      c.matrix.data(), weights.rows(), weights.cols()) = weights;
  return c;
}

}  // namespace spikewafer
