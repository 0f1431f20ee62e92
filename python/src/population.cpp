// Population: one model, its parameters and per-neuron values, inputs and recording choices.
// Nested values are returned by reference (pop.params.tau_m = 10 changes the population) and
// accept a dict on assignment (pop.params = {"tau_m": 10}).
#include "opaque.hpp"

#include "bindings.hpp"
#include "spikewafer/parameter_fields.hpp"
#include "enums.hpp"
#include "kw_init.hpp"
#include "numpy_convert.hpp"

namespace spikewafer::python {
namespace {

// A nested struct field: reference on read, an instance or a dict of its fields on write.
template <class T>
void nested_field(py::class_<Population>& cls, const char* name, T Population::*member,
                  const char* doc) {
  cls.def_property(
      name, [member](Population& p) -> T& { return p.*member; },
      [member](Population& p, py::handle value) {
        p.*member = from_instance_or_dict<T>(value, p.*member);
      },
      py::return_value_policy::reference_internal, doc);
}

// One list of times shared by all neurons (a 1-D array-like of numbers), or one per neuron (a
// sequence of array-likes).
std::vector<std::vector<double>> spike_times_arg(py::handle value) {
  const bool nested = py::isinstance<py::sequence>(value) && !py::isinstance<py::array>(value) &&
                      py::len(value) > 0 &&
                      !py::isinstance<py::float_>(value[py::int_(0)]) &&
                      !py::isinstance<py::int_>(value[py::int_(0)]) &&
                      py::isinstance<py::sequence>(value[py::int_(0)]);
  const auto as_2d = nested ? py::array() : as_double_array(value, "spike_times");
  std::vector<std::vector<double>> out;
  if (!nested && as_2d.ndim() <= 1) {
    out.push_back(from_numpy<double>(as_2d, "spike_times"));
    return out;
  }
  size_t i = 0;
  for (auto row : value)
    out.push_back(from_numpy_1d<double>(row, "spike_times[" + std::to_string(i++) + "]"));
  return out;
}

// record = ["spikes", "v"] as in NET.toml: the traces of every neuron of the population.
RecordSpec record_arg(py::handle value, const Population& p) {
  if (!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value))
    return from_instance_or_dict<RecordSpec>(value, p.record);
  RecordSpec r;
  // The indices of every neuron, made only for traces and only for a size whose traces could be
  // kept (a population of 2^32 - 1 neurons asked for 16 GB here, even for ["spikes"]).
  const auto all = [&](const std::string& what) {
    if (p.size > kMostTracedNeurons)
      throw py::value_error("record: '" + what + "' records every one of " +
                            std::to_string(p.size) + " neurons; traces of at most " +
                            std::to_string(kMostTracedNeurons) +
                            " neurons per population are kept (give a RecordSpec with indices)");
    std::vector<uint32_t> indices(p.size);
    for (uint32_t i = 0; i < p.size; ++i) indices[i] = i;
    return indices;
  };
  for (auto item : value) {
    const std::string what = py::str(item);
    if (what == "spikes") r.spikes = true;
    else if (what == "rate") r.rate = true;
    else if (what == "v") r.v = all(what);
    else if (what == "syn_exc" || what == "gsyn_exc" || what == "isyn_exc") r.syn_exc = all(what);
    else if (what == "syn_inh" || what == "gsyn_inh" || what == "isyn_inh") r.syn_inh = all(what);
    else if (what == "w") r.w = all(what);
    else
      throw py::value_error("record: '" + what +
                            "' is unknown; allowed: spikes, rate, v, syn_exc, syn_inh, w");
  }
  return r;
}

// A new model: parameters that were left at the old model's defaults take the new model's
// (Population(model='EIF_cond_exp_isfa_ista') gets PyNN's EIF defaults, as a NET.toml does);
// parameters that were set are kept.
void set_model(Population& x, Model model) {
  const NeuronParams old = default_params(x.model), fresh = default_params(model);
  for (const NeuronParamField& f : kNeuronParamFields)
    if (x.params.*f.param == old.*f.param) x.params.*f.param = fresh.*f.param;
  x.model = model;
}

}  // namespace

void bind_population(py::module_& m) {
  py::enum_<Model>(m, "Model", "Neuron and source models, with PyNN's names.")
      .value("IF_curr_exp", Model::kIfCurrExp)
      .value("IF_cond_exp", Model::kIfCondExp)
      .value("IF_curr_alpha", Model::kIfCurrAlpha)
      .value("IF_cond_alpha", Model::kIfCondAlpha)
      .value("SpikeSourceArray", Model::kSpikeSourceArray)
      .value("SpikeSourcePoisson", Model::kSpikeSourcePoisson)
      .value("EIF_cond_exp_isfa_ista", Model::kEifCondExpIsfaIsta)
      .value("EIF_cond_alpha_isfa_ista", Model::kEifCondAlphaIsfaIsta)
      .value("HH_cond_exp", Model::kHhCondExp);

  py::class_<Population> p(m, "Population",
                           "A population of one model. Keyword construction sets any attribute: "
                           "Population(name='exc', size=800, model='IF_cond_exp', "
                           "params={'tau_m': 10.0}, record=['spikes']).");
  p.def(kw_init<Population>())
      .def_readwrite("name", &Population::name)
      .def_readwrite("size", &Population::size)
      .def_property(
          "model", [](const Population& x) { return x.model; },
          [](Population& x, py::handle v) { set_model(x, enum_arg<Model>(v, "model")); },
          "a Model or its name ('IF_cond_exp', 'IF_curr_exp', 'IF_cond_alpha', 'IF_curr_alpha', "
          "'EIF_cond_exp_isfa_ista', 'EIF_cond_alpha_isfa_ista', 'HH_cond_exp', 'SpikeSourceArray', "
          "'SpikeSourcePoisson'); params still at the old model's defaults take the new one's")
      .def_readwrite("rate", &Population::rate, "SpikeSourcePoisson rate, Hz")
      .def_readwrite("start", &Population::start, "SpikeSourcePoisson: on from start (ms)")
      .def_readwrite("stop", &Population::stop, "SpikeSourcePoisson: until stop (ms)")
      .def_readwrite("dead_time", &Population::dead_time,
                     "SpikeSourcePoisson: no spike for dead_time ms after each (the mean rate "
                     "stays `rate`)")
      .def_readwrite("shape", &Population::shape,
                     "SpikeSourcePoisson: intervals gamma-distributed with this whole shape, "
                     "1 (Poisson) to 1000 (the mean rate stays `rate`)")
      .def_readwrite("dc_sources", &Population::dc_sources, "list of DCSource")
      .def_property(
          "spike_times",
          [](const Population& x) {
            py::list out;
            for (const auto& times : x.spike_times) out.append(to_numpy(times));
            return out;
          },
          [](Population& x, py::handle v) { x.spike_times = spike_times_arg(v); },
          "SpikeSourceArray: one array of times (ms) shared by all neurons, or a list of one "
          "array per neuron")
      .def_property(
          "i_offset_per_neuron",
          [](const Population& x) { return to_numpy(x.i_offset_per_neuron); },
          [](Population& x, py::handle v) {
            x.i_offset_per_neuron = from_numpy_1d<double>(v, "i_offset_per_neuron");
          },
          "bias current per neuron (nA), added to params.i_offset; empty: none")
      .def_property(
          "record", [](Population& x) -> RecordSpec& { return x.record; },
          [](Population& x, py::handle v) { x.record = record_arg(v, x); },
          py::return_value_policy::reference_internal,
          "a RecordSpec, a dict of its fields, or a list of 'spikes', 'rate', 'v', 'syn_exc', "
          "'syn_inh', 'w' (traces of every neuron)")
      .def("__repr__", [](const Population& x) {
        return "Population(name='" + x.name + "', size=" + std::to_string(x.size) + ", model='" +
               model_name(x.model) + "')";
      });
  nested_field(p, "params", &Population::params, "NeuronParams (or a dict of them)");
  nested_field(p, "initial", &Population::initial, "InitialValues (or a dict)");
  nested_field(p, "noise", &Population::noise, "PoissonNoise (or a dict)");
  nested_field(p, "per_neuron", &Population::per_neuron,
               "PerNeuronParams (or a dict of arrays): values that differ between neurons");
  py::bind_vector<std::vector<Population>>(m, "PopulationList");
}

}  // namespace spikewafer::python
