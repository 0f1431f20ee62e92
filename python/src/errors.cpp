// spikewafer::Error becomes a Python exception with the same message: bad input (a malformed
// file, an impossible parameter, a missing file) is a ValueError, so Python callers can tell
// their own mistakes apart; resources, backends and I/O are RuntimeErrors.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "spikewafer/error.hpp"

namespace py = pybind11;

namespace spikewafer::python {

void bind_errors(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::kInput) {
        PyErr_SetString(PyExc_ValueError, e.what());
      } else {
        PyErr_SetString(PyExc_RuntimeError, e.what());
      }
    }
  });
  py::enum_<ErrorKind>(m, "ErrorKind")
      .value("input", ErrorKind::kInput)
      .value("resource", ErrorKind::kResource)
      .value("backend", ErrorKind::kBackend)
      .value("io", ErrorKind::kIo);
  m.def("exit_code", &exit_code, py::arg("kind"),
        "The command line's exit code for an error kind (2 input, 3 resource, 4 backend, 5 io).");
}

}  // namespace spikewafer::python
