// Enum-valued fields accept the enum or its name as a string ("IF_cond_exp", "excitatory"),
// as the TOML files spell them.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace spikewafer::python {

namespace py = pybind11;

template <class E>
E enum_arg(py::handle value, const char* field) {
  if (py::isinstance<py::str>(value)) {
    // The enum's Python type, found through a value (py::type::of<E> takes classes only).
    const py::dict members = py::type::of(py::cast(E{})).attr("__members__");
    const std::string name = py::str(value);
    if (members.contains(value)) return members[value].template cast<E>();
    std::string allowed;
    for (auto item : members) allowed += (allowed.empty() ? "" : ", ") + py::str(item.first).cast<std::string>();
    throw py::value_error(std::string(field) + " = '" + name + "': unknown; allowed: " + allowed);
  }
  return value.cast<E>();
}

}  // namespace spikewafer::python
