// Copies between std::vector and numpy arrays in one memcpy-like pass: no per-element Python
// objects cross the boundary. Inputs accept anything numpy can turn into a 1-D array (lists,
// tuples, arrays of other dtypes); a value that does not fit (a negative index, a fractional
// index) is a ValueError naming the field rather than a silent wrap-around.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace spikewafer::python {

namespace py = pybind11;

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  if (!values.empty()) std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

// One field of every row as a numpy array: column(rows, &Row::field), for tables of structs
// (scan rows, activation points, DKL points).
template <class Row, class T>
py::array_t<T> column(const std::vector<Row>& rows, T Row::*field) {
  py::array_t<T> out(static_cast<py::ssize_t>(rows.size()));
  T* data = out.mutable_data();
  for (size_t i = 0; i < rows.size(); ++i) data[i] = rows[i].*field;
  return out;
}

// A C-contiguous float64 view of `obj` (converted if needed); throws ValueError naming `what`.
inline py::array_t<double, py::array::c_style | py::array::forcecast> as_double_array(
    py::handle obj, const std::string& what) {
  auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(obj);
  if (!a) {
    PyErr_Clear();
    throw py::value_error(what + ": expected an array of numbers");
  }
  return a;
}

// Any array-like of numbers into a vector<T>; for integral T each value must be a whole number
// in T's range. Multi-dimensional input is read in C order (a dense matrix, row-major).
template <class T>
std::vector<T> from_numpy(py::handle obj, const std::string& what) {
  const auto a = as_double_array(obj, what);
  const double* p = a.data();
  const auto n = static_cast<size_t>(a.size());
  std::vector<T> out(n);
  if constexpr (std::is_integral_v<T>) {
    for (size_t i = 0; i < n; ++i) {
      const double x = p[i];
      if (!(x >= static_cast<double>(std::numeric_limits<T>::min()) &&
            x <= static_cast<double>(std::numeric_limits<T>::max()) && x == std::floor(x)))
        throw py::value_error(what + "[" + std::to_string(i) + "] = " + py::str(py::float_(x)).cast<std::string>() +
                              ": expected a whole number from " +
                              std::to_string(std::numeric_limits<T>::min()) + " to " +
                              std::to_string(std::numeric_limits<T>::max()));
      out[i] = static_cast<T>(x);
    }
  } else {
    std::copy(p, p + n, out.begin());
  }
  return out;
}

// Exactly 1-D input (per-neuron and per-replica values), else ValueError.
template <class T>
std::vector<T> from_numpy_1d(py::handle obj, const std::string& what) {
  const auto a = as_double_array(obj, what);
  if (a.ndim() != 1)
    throw py::value_error(what + ": expected a 1-D array, got " + std::to_string(a.ndim()) +
                          " dimensions");
  return from_numpy<T>(a, what);
}

}  // namespace spikewafer::python
