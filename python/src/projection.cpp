// Projection and Connector. Explicit connection lists and dense matrices cross as numpy arrays:
// a list is an (n, 4) float array of (pre, post, weight, delay) rows.
#include "opaque.hpp"

#include <pybind11/numpy.h>

#include "bindings.hpp"
#include "enums.hpp"
#include "kw_init.hpp"
#include "numpy_convert.hpp"

namespace spikewafer::python {
namespace {

py::array_t<double> list_to_numpy(const std::vector<Connection>& list) {
  py::array_t<double> out({static_cast<py::ssize_t>(list.size()), py::ssize_t{4}});
  auto a = out.mutable_unchecked<2>();
  for (size_t i = 0; i < list.size(); ++i) {
    const auto r = static_cast<py::ssize_t>(i);
    a(r, 0) = list[i].pre;
    a(r, 1) = list[i].post;
    a(r, 2) = list[i].weight;
    a(r, 3) = list[i].delay;
  }
  return out;
}

// Columns of one length; weight and delay may be scalars (one value for every row).
std::vector<Connection> list_from_columns(py::handle pre, py::handle post, py::handle weight,
                                          py::handle delay) {
  const auto i = from_numpy_1d<uint32_t>(pre, "pre");
  const auto j = from_numpy_1d<uint32_t>(post, "post");
  const auto w = from_numpy<double>(weight, "weight");
  const auto d = from_numpy<double>(delay, "delay");
  const size_t n = i.size();
  if (j.size() != n || (w.size() != n && w.size() != 1) || (d.size() != n && d.size() != 1))
    throw py::value_error("from_list: pre and post need one length (got " +
                          std::to_string(n) + " and " + std::to_string(j.size()) +
                          "), weight and delay that length or a single value (got " +
                          std::to_string(w.size()) + " and " + std::to_string(d.size()) + ")");
  std::vector<Connection> list(n);
  for (size_t k = 0; k < n; ++k)
    list[k] = {i[k], j[k], w.size() == 1 ? w[0] : w[k], d.size() == 1 ? d[0] : d[k]};
  return list;
}

// An (n, 4) array of (pre, post, weight, delay) rows; (0,) or (0, 4) for none.
std::vector<Connection> list_from_rows(py::handle rows) {
  const auto a = as_double_array(rows, "list");
  if (a.size() == 0) return {};
  if (a.ndim() != 2 || a.shape(1) != 4)
    throw py::value_error("list: expected an (n, 4) array of (pre, post, weight, delay) rows");
  py::object columns = a.attr("T");
  return list_from_columns(columns[py::int_(0)], columns[py::int_(1)], columns[py::int_(2)],
                           columns[py::int_(3)]);
}

// Each connection's release probability from an array of the list's length or one value.
void set_release(std::vector<Connection>& list, py::handle release) {
  const auto p = from_numpy<double>(release, "release_probability");
  if (p.size() != 1 && p.size() != list.size())
    throw py::value_error("release_probability: expected one value or one per connection (" +
                          std::to_string(list.size()) + "), got " + std::to_string(p.size()));
  for (size_t k = 0; k < list.size(); ++k)
    list[k].release_probability = p.size() == 1 ? p[0] : p[k];
}

Connector make(Connector::Kind kind, bool allow_self = true) {
  Connector c;
  c.kind = kind;
  c.allow_self = allow_self;
  return c;
}

void bind_connector(py::module_& m) {
  py::class_<Connector> c(m, "Connector",
                          "Which synapses a projection makes; build one with the static "
                          "constructors (all_to_all, one_to_one, fixed_probability, "
                          "fixed_in_degree, fixed_total_number, from_list, dense_matrix).");
  py::enum_<Connector::Kind>(c, "Kind")
      .value("all_to_all", Connector::Kind::kAllToAll)
      .value("one_to_one", Connector::Kind::kOneToOne)
      .value("fixed_probability", Connector::Kind::kFixedProbability)
      .value("fixed_in_degree", Connector::Kind::kFixedInDegree)
      .value("fixed_total_number", Connector::Kind::kFixedTotalNumber)
      .value("from_list", Connector::Kind::kFromList)
      .value("dense_matrix", Connector::Kind::kDenseMatrix);
  c.def(kw_init<Connector>())
      .def_property(
          "kind", [](const Connector& x) { return x.kind; },
          [](Connector& x, py::handle v) { x.kind = enum_arg<Connector::Kind>(v, "kind"); })
      .def_readwrite("allow_self", &Connector::allow_self)
      .def_readwrite("p", &Connector::p)
      .def_readwrite("n", &Connector::n)
      .def_property(
          "list", [](const Connector& x) { return list_to_numpy(x.list); },
          [](Connector& x, py::handle v) { x.list = list_from_rows(v); },
          "(n, 4) float64 array of (pre, post, weight, delay) rows")
      .def_property(
          "matrix", [](const Connector& x) { return to_numpy(x.matrix); },
          [](Connector& x, py::handle v) { x.matrix = from_numpy<double>(v, "matrix"); },
          "source x target weights, row-major (a 2-D array is flattened); 0: no synapse")
      .def_static("all_to_all", [](bool s) { return make(Connector::Kind::kAllToAll, s); },
                  py::arg("allow_self") = true)
      .def_static("one_to_one", [] { return make(Connector::Kind::kOneToOne); })
      .def_static(
          "fixed_probability",
          [](double p, bool s) {
            Connector x = make(Connector::Kind::kFixedProbability, s);
            x.p = p;
            return x;
          },
          py::arg("p"), py::arg("allow_self") = true)
      .def_static(
          "fixed_in_degree",
          [](uint32_t n, bool s) {
            Connector x = make(Connector::Kind::kFixedInDegree, s);
            x.n = n;
            return x;
          },
          py::arg("n"), py::arg("allow_self") = true)
      .def_static(
          "fixed_total_number",
          [](uint32_t n, bool s) {
            Connector x = make(Connector::Kind::kFixedTotalNumber, s);
            x.n = n;
            return x;
          },
          py::arg("n"), py::arg("allow_self") = true,
          "n synapses in all, each a uniform (source, target) pair (multapses possible)")
      .def_property(
          "release_probability",
          [](const Connector& x) {
            std::vector<double> p;
            for (const Connection& e : x.list) p.push_back(e.release_probability);
            return to_numpy(p);
          },
          [](Connector& x, py::handle v) { set_release(x.list, v); },
          "from_list: each connection's release probability, times the projection's (a single "
          "value sets all)")
      .def_static(
          "from_list",
          [](py::handle pre, py::handle post, py::handle weight, py::handle delay,
             py::handle release) {
            Connector x = make(Connector::Kind::kFromList);
            x.list = list_from_columns(pre, post, weight, delay);
            set_release(x.list, release);
            return x;
          },
          py::arg("pre"), py::arg("post"), py::arg("weight"), py::arg("delay"),
          py::arg("release_probability") = 1.0,
          "Explicit synapses: arrays of local pre and post indices, weights (>= 0; the receptor "
          "gives the sign), delays (ms) and release probabilities; weight, delay and "
          "release_probability may be single values.")
      .def_static(
          "dense_matrix",
          [](py::handle matrix) {
            Connector x = make(Connector::Kind::kDenseMatrix);
            x.matrix = from_numpy<double>(matrix, "matrix");
            return x;
          },
          py::arg("matrix"), "matrix[pre, post] weights (>= 0); a zero entry is no synapse");
}

}  // namespace

void bind_projection(py::module_& m) {
  bind_connector(m);
  py::enum_<Receptor>(m, "Receptor")
      .value("excitatory", Receptor::kExcitatory)
      .value("inhibitory", Receptor::kInhibitory);
  py::enum_<SynapseDynamics>(m, "SynapseDynamics")
      .value("additive", SynapseDynamics::kAdditive)
      .value("renewing", SynapseDynamics::kRenewing)
      .value("tsodyks_markram", SynapseDynamics::kTsodyksMarkram);
  py::enum_<WeightDependence>(m, "WeightDependence")
      .value("additive", WeightDependence::kAdditive)
      .value("multiplicative", WeightDependence::kMultiplicative);
  py::enum_<StdpPairing>(m, "StdpPairing")
      .value("all_to_all", StdpPairing::kAllToAll)
      .value("nearest", StdpPairing::kNearest);
  py::class_<Stdp>(m, "Stdp",
                   "Spike-timing-dependent plasticity (PyNN's STDPMechanism with a SpikePairRule): "
                   "a post spike potentiates by A_plus x_pre, a pre spike depresses by "
                   "A_minus y_post, times w_max (additive) or the room to the bound "
                   "(multiplicative); weights are clipped to [w_min, w_max] and evolve per "
                   "replica (Simulator.plastic_weights). Set enabled = True to use it.")
      .def(kw_init<Stdp>())
      .def_readwrite("enabled", &Stdp::enabled)
      .def_property(
          "dependence", [](const Stdp& x) { return x.dependence; },
          [](Stdp& x, py::handle v) { x.dependence = enum_arg<WeightDependence>(v, "dependence"); },
          "'additive' or 'multiplicative'")
      .def_property(
          "pairing", [](const Stdp& x) { return x.pairing; },
          [](Stdp& x, py::handle v) { x.pairing = enum_arg<StdpPairing>(v, "pairing"); },
          "'all_to_all' or 'nearest'")
      .def_readwrite("tau_plus", &Stdp::tau_plus, "ms")
      .def_readwrite("tau_minus", &Stdp::tau_minus, "ms")
      .def_readwrite("A_plus", &Stdp::A_plus)
      .def_readwrite("A_minus", &Stdp::A_minus)
      .def_readwrite("w_min", &Stdp::w_min, "uS or nA, a magnitude")
      .def_readwrite("w_max", &Stdp::w_max, "uS or nA, a magnitude");

  py::class_<Projection>(m, "Projection",
                         "Synapses from one population to another (by name). Weights are "
                         "magnitudes: the receptor gives the sign.")
      .def(kw_init<Projection>())
      .def_readwrite("source", &Projection::source)
      .def_readwrite("target", &Projection::target)
      .def_property(
          "receptor", [](const Projection& x) { return x.receptor; },
          [](Projection& x, py::handle v) { x.receptor = enum_arg<Receptor>(v, "receptor"); },
          "'excitatory' or 'inhibitory'")
      .def_readwrite("connector", &Projection::connector)
      .def_readwrite("weight", &Projection::weight, "uS or nA (a number or a Distribution)")
      .def_readwrite("delay", &Projection::delay, "ms (a number or a Distribution)")
      .def_property(
          "dynamics", [](const Projection& x) { return x.dynamics; },
          [](Projection& x, py::handle v) {
            x.dynamics = enum_arg<SynapseDynamics>(v, "dynamics");
          },
          "'additive', 'renewing' or 'tsodyks_markram'")
      .def_readwrite("stp", &Projection::stp)
      .def_readwrite("release_probability", &Projection::release_probability,
                     "the probability that a spike reaches each synapse, drawn per synapse, "
                     "spike and replica (a from_list connection's own multiplies it)")
      .def_readwrite("stdp", &Projection::stdp)
      .def("__repr__", [](const Projection& x) {
        return "Projection(source='" + x.source + "', target='" + x.target + "')";
      });
  py::bind_vector<std::vector<Projection>>(m, "ProjectionList");
}

}  // namespace spikewafer::python
