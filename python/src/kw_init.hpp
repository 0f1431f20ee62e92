// Keyword construction for the plain structs of network.hpp: `Population(name="exc", size=800,
// model="IF_cond_exp", params={"tau_m": 10.0})` sets each keyword through the same Python property
// an attribute assignment would use, so conversions (numpy arrays, enum names, dicts of
// parameters) are written once, in the property.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace spikewafer::python {

namespace py = pybind11;

// Sets every keyword of `kwargs` as an attribute of `target`; an unknown name is a TypeError
// that lists the allowed ones, as Python does for a misspelt keyword. `record` goes last: a
// list such as ["v"] means every neuron of the population, so it needs the size
// (Population(record=["v"], size=3) recorded no neuron when taken in the order given).
inline void set_keywords(py::object target, const py::kwargs& kwargs) {
  for (const bool last : {false, true})
    for (auto item : kwargs) {
      const std::string key = py::str(item.first);
      if ((key == "record") != last) continue;
      if (key.rfind('_', 0) == 0 || !py::hasattr(py::type::of(target), key.c_str())) {
        std::string allowed;
        for (auto name : py::module_::import("builtins").attr("dir")(py::type::of(target))) {
          const std::string n = py::str(name);
          if (n.rfind('_', 0) != 0) allowed += (allowed.empty() ? "" : ", ") + n;
        }
        throw py::type_error(py::str(py::type::of(target).attr("__name__")).cast<std::string>() +
                             "() got an unexpected keyword '" + key + "'; allowed: " + allowed);
      }
      py::setattr(target, item.first, item.second);
    }
}

// An __init__ taking keywords only: builds T{}, applies the keywords on a Python copy, returns it.
template <class T>
auto kw_init() {
  return py::init([](const py::kwargs& kwargs) {
    py::object obj = py::cast(T{});
    set_keywords(obj, kwargs);
    return obj.cast<T>();
  });
}

// Accepts an instance of T, a handle to one (python/spikewafer/_item_refs.py: `pop.params` of a
// population in a network), or a dict of its attributes (applied on top of `current`).
template <class T>
T from_instance_or_dict(py::handle value, const T& current) {
  if (py::hasattr(value, "_item")) return value.attr("_item")().cast<T>();
  if (py::isinstance<py::dict>(value)) {
    py::object obj = py::cast(current);
    set_keywords(obj, py::reinterpret_borrow<py::kwargs>(value));
    return obj.cast<T>();
  }
  return value.cast<T>();
}

}  // namespace spikewafer::python
