// Shared by the protocol bindings: a progress callback that may be a Python function, and
// Eigen results as numpy arrays.
#pragma once

#include <Eigen/Dense>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <functional>
#include <string>

namespace spikewafer::python {

namespace py = pybind11;

// The protocols run with the GIL released and report progress through `say`. The returned
// function takes the GIL for each line; it refers to `callback` without copying it (copying a
// Python object without the GIL is not allowed), so `callback` must outlive the protocol call.
inline std::function<void(const std::string&)> say_through(const py::object& callback) {
  if (callback.is_none()) return {};
  const py::object* f = &callback;
  return [f](const std::string& line) {
    py::gil_scoped_acquire acquire;
    (*f)(line);
  };
}

inline py::array_t<double> vector_to_numpy(const Eigen::VectorXd& v) {
  py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.data(), v.data() + v.size(), out.mutable_data());
  return out;
}

inline py::array_t<double> matrix_to_numpy(const Eigen::MatrixXd& m) {
  py::array_t<double> out({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  auto a = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) a(i, j) = m(i, j);
  return out;
}

}  // namespace spikewafer::python
