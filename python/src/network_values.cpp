// The small value types of a network description (network.hpp): neuron parameters,
// distributions, initial values, Poisson background, DC sources, recording choices, short-term
// plasticity, simulation settings and per-replica overrides. Vectors are numpy arrays.
#include "opaque.hpp"

#include <pybind11/numpy.h>

#include <sstream>

#include "bindings.hpp"
#include "enums.hpp"
#include "kw_init.hpp"
#include "numpy_convert.hpp"
#include "spikewafer/parameter_fields.hpp"

namespace spikewafer::python {
namespace {

// A vector field as a numpy property: reading gives a copy, assigning replaces the whole vector.
template <class Owner, class T>
void array_field(py::class_<Owner>& cls, const char* name, std::vector<T> Owner::*member,
                 const char* doc) {
  cls.def_property(
      name, [member](const Owner& o) { return to_numpy(o.*member); },
      [member, name](Owner& o, py::handle value) { o.*member = from_numpy_1d<T>(value, name); },
      doc);
}

void bind_params(py::module_& m) {
  py::class_<NeuronParams> p(m, "NeuronParams",
                             "Neuron parameters with PyNN's names, units and (IF_cond_exp) defaults; "
                             "default_params(model) gives a model's own.");
  p.def(kw_init<NeuronParams>());
#define SW_PARAM(name, doc) p.def_readwrite(#name, &NeuronParams::name, doc);
  SW_PARAM(tau_m, "membrane time constant, ms")
  SW_PARAM(cm, "membrane capacitance, nF")
  SW_PARAM(v_rest, "resting potential, mV")
  SW_PARAM(v_thresh, "threshold, mV")
  SW_PARAM(v_reset, "reset potential, mV")
  SW_PARAM(tau_refrac, "refractory period, ms")
  SW_PARAM(tau_syn_E, "excitatory synaptic time constant, ms")
  SW_PARAM(tau_syn_I, "inhibitory synaptic time constant, ms")
  SW_PARAM(e_rev_E, "excitatory reversal potential, mV (IF_cond_exp)")
  SW_PARAM(e_rev_I, "inhibitory reversal potential, mV (IF_cond_exp)")
  SW_PARAM(i_offset, "constant bias current, nA")
  SW_PARAM(a, "subthreshold adaptation, nS (EIF_* / AdEx)")
  SW_PARAM(b, "spike-triggered adaptation, nA (EIF_* / AdEx)")
  SW_PARAM(delta_T, "slope factor of the exponential term, mV (EIF_* / AdEx)")
  SW_PARAM(tau_w, "adaptation time constant, ms (EIF_* / AdEx)")
  SW_PARAM(v_spike, "spike detection potential, mV (EIF_* / AdEx; v_thresh is V_T)")
  SW_PARAM(gbar_Na, "peak sodium conductance, uS (HH_cond_exp)")
  SW_PARAM(gbar_K, "peak potassium conductance, uS (HH_cond_exp)")
  SW_PARAM(g_leak, "leak conductance, uS (HH_cond_exp)")
  SW_PARAM(v_offset, "offset of the gates' rate functions, mV (HH_cond_exp; NEST's V_T)")
  SW_PARAM(e_rev_Na, "sodium reversal potential, mV (HH_cond_exp)")
  SW_PARAM(e_rev_K, "potassium reversal potential, mV (HH_cond_exp)")
  SW_PARAM(e_rev_leak, "leak reversal potential, mV (HH_cond_exp)")
#undef SW_PARAM
  p.def("__repr__", [](const NeuronParams& n) {
    std::ostringstream s;
    s << "NeuronParams(tau_m=" << n.tau_m << ", cm=" << n.cm << ", v_rest=" << n.v_rest
      << ", v_thresh=" << n.v_thresh << ", v_reset=" << n.v_reset << ", tau_refrac="
      << n.tau_refrac << ", tau_syn_E=" << n.tau_syn_E << ", tau_syn_I=" << n.tau_syn_I
      << ", e_rev_E=" << n.e_rev_E << ", e_rev_I=" << n.e_rev_I << ", i_offset=" << n.i_offset
      << ", a=" << n.a << ", b=" << n.b << ", delta_T=" << n.delta_T << ", tau_w=" << n.tau_w
      << ", v_spike=" << n.v_spike << ", gbar_Na=" << n.gbar_Na << ", gbar_K=" << n.gbar_K
      << ", g_leak=" << n.g_leak << ", v_offset=" << n.v_offset << ", e_rev_Na=" << n.e_rev_Na
      << ", e_rev_K=" << n.e_rev_K << ", e_rev_leak=" << n.e_rev_leak << ")";
    return s.str();
  });
  m.def(
      "default_params", [](py::handle model) { return default_params(enum_arg<Model>(model, "model")); },
      py::arg("model"), "PyNN's default parameters of a model (a Model or its name)");
}

// Each list empty (the population's value) or one value per neuron, as a numpy array.
void bind_per_neuron(py::module_& m) {
  py::class_<PerNeuronParams> p(m, "PerNeuronParams",
                                "Parameters that differ between neurons: each an empty array (the "
                                "population's value) or one value per neuron.");
  p.def(kw_init<PerNeuronParams>());
  for (const NeuronParamField& f : kNeuronParamFields)
    if (f.per_neuron) array_field(p, f.name, f.per_neuron, "per neuron (neuron models)");
  for (const SourceParamField& f : kPoissonSourceFields)
    array_field(p, f.name, f.per_neuron, "per neuron (SpikeSourcePoisson)");
}

void bind_distribution(py::module_& m) {
  py::class_<Distribution> d(m, "Distribution",
                             "A value that is fixed or drawn per element: a plain number is "
                             "accepted wherever a Distribution is expected.");
  py::enum_<Distribution::Kind>(d, "Kind")
      .value("constant", Distribution::Kind::kConstant)
      .value("uniform", Distribution::Kind::kUniform)
      .value("normal", Distribution::Kind::kNormal)
      .value("normal_clipped_to_boundary", Distribution::Kind::kNormalClippedToBoundary);
  d.def(py::init([](double v) { return Distribution::constant(v); }), py::arg("value"))
      .def_static("constant", &Distribution::constant, py::arg("value"))
      .def_static("uniform", &Distribution::uniform, py::arg("low"), py::arg("high"))
      .def_static("normal", &Distribution::normal, py::arg("mean"), py::arg("sd"),
                  "as a projection's weight or delay drawn again below 0 or dt")
      .def_static("normal_clipped_to_boundary", &Distribution::normal_clipped_to_boundary,
                  py::arg("mean"), py::arg("sd"), "set to 0 or dt below them instead")
      .def_readwrite("kind", &Distribution::kind)
      .def_readwrite("a", &Distribution::a, "the value; or the low bound; or the mean")
      .def_readwrite("b", &Distribution::b, "unused; or the high bound; or the standard deviation")
      .def("__repr__", [](const Distribution& x) {
        std::ostringstream s;
        if (x.kind == Distribution::Kind::kConstant) s << "Distribution.constant(" << x.a << ")";
        if (x.kind == Distribution::Kind::kUniform)
          s << "Distribution.uniform(" << x.a << ", " << x.b << ")";
        if (x.kind == Distribution::Kind::kNormal)
          s << "Distribution.normal(" << x.a << ", " << x.b << ")";
        if (x.kind == Distribution::Kind::kNormalClippedToBoundary)
          s << "Distribution.normal_clipped_to_boundary(" << x.a << ", " << x.b << ")";
        return s.str();
      });
  py::implicitly_convertible<py::float_, Distribution>();
  py::implicitly_convertible<py::int_, Distribution>();
}

void bind_inputs(py::module_& m) {
  py::class_<InitialValues> init(m, "InitialValues",
                                 "Initial state per neuron and replica; None: v = v_rest "
                                 "(HH_cond_exp: e_rev_leak), synapses 0, gates at rest at v.");
  init.def(kw_init<InitialValues>())
      .def_readwrite("v", &InitialValues::v, "mV")
      .def_readwrite("syn_exc", &InitialValues::syn_exc, "uS (IF_cond_exp) or nA (IF_curr_exp)")
      .def_readwrite("syn_inh", &InitialValues::syn_inh, "uS (IF_cond_exp) or nA (IF_curr_exp)")
      .def_readwrite("w", &InitialValues::w, "nA, the adaptation current (EIF_* / AdEx)")
      .def_readwrite("m", &InitialValues::m, "HH_cond_exp's sodium activation, in [0, 1]")
      .def_readwrite("h", &InitialValues::h, "HH_cond_exp's sodium inactivation, in [0, 1]")
      .def_readwrite("n", &InitialValues::n, "HH_cond_exp's potassium activation, in [0, 1]");
  array_field(init, "v_per_neuron", &InitialValues::v_per_neuron,
              "mV, one per neuron (the same in every replica); replaces v");
  array_field(init, "syn_exc_per_neuron", &InitialValues::syn_exc_per_neuron,
              "one per neuron; replaces syn_exc");
  array_field(init, "syn_inh_per_neuron", &InitialValues::syn_inh_per_neuron,
              "one per neuron; replaces syn_inh");
  array_field(init, "w_per_neuron", &InitialValues::w_per_neuron, "one per neuron; replaces w");
  array_field(init, "m_per_neuron", &InitialValues::m_per_neuron, "one per neuron; replaces m");
  array_field(init, "h_per_neuron", &InitialValues::h_per_neuron, "one per neuron; replaces h");
  array_field(init, "n_per_neuron", &InitialValues::n_per_neuron, "one per neuron; replaces n");

  py::class_<PoissonNoise>(m, "PoissonNoise",
                           "Independent Poisson background on each receptor of every neuron.")
      .def(kw_init<PoissonNoise>())
      .def_readwrite("rate_E", &PoissonNoise::rate_E, "Hz")
      .def_readwrite("weight_E", &PoissonNoise::weight_E, "uS or nA")
      .def_readwrite("rate_I", &PoissonNoise::rate_I, "Hz")
      .def_readwrite("weight_I", &PoissonNoise::weight_I, "uS or nA, positive");

  py::class_<DCSource> dc(m, "DCSource",
                          "A current from start to stop (ms) into `neurons` (local indices; "
                          "empty: all neurons of the population): constant, a sine wave "
                          "(frequency > 0: offset + amplitude sin(2 pi f t + phase)) or noisy "
                          "(stdev > 0: amplitude plus a normal draw every noise_dt).");
  dc.def(kw_init<DCSource>())
      .def_readwrite("amplitude", &DCSource::amplitude, "nA")
      .def_readwrite("start", &DCSource::start, "ms")
      .def_readwrite("stop", &DCSource::stop, "ms")
      .def_readwrite("frequency", &DCSource::frequency, "Hz (sine wave)")
      .def_readwrite("phase", &DCSource::phase, "degrees (sine wave)")
      .def_readwrite("offset", &DCSource::offset, "nA (sine wave)")
      .def_readwrite("stdev", &DCSource::stdev, "nA (noise)")
      .def_readwrite("noise_dt", &DCSource::noise_dt, "ms between noise draws (0: every step)")
      .def_readwrite("seed", &DCSource::seed,
                     "noise: the seed of its draws (0: the simulation's, each source apart)");
  array_field(dc, "neurons", &DCSource::neurons, "local neuron indices (uint32 array)");
  py::bind_vector<std::vector<DCSource>>(m, "DCSourceList");
  py::implicitly_convertible<py::list, std::vector<DCSource>>();

  py::class_<RecordSpec> r(m, "RecordSpec",
                           "What to record of a population; neuron indices are local.");
  r.def(kw_init<RecordSpec>())
      .def_readwrite("spikes", &RecordSpec::spikes)
      .def_readwrite("rate", &RecordSpec::rate, "population rate per bin (Hz per neuron)")
      .def_readwrite("rate_bin", &RecordSpec::rate_bin, "ms")
      .def_readwrite("sampling_interval", &RecordSpec::sampling_interval,
                     "ms between trace samples; 0: every step");
  array_field(r, "v", &RecordSpec::v, "neurons whose membrane potential is recorded");
  array_field(r, "syn_exc", &RecordSpec::syn_exc, "neurons whose gsyn_exc/isyn_exc is recorded");
  array_field(r, "syn_inh", &RecordSpec::syn_inh, "neurons whose gsyn_inh/isyn_inh is recorded");
  array_field(r, "w", &RecordSpec::w, "neurons whose adaptation current w is recorded (AdEx)");

  py::class_<ShortTermPlasticity>(m, "ShortTermPlasticity",
                                  "Tsodyks-Markram parameters (dynamics = 'tsodyks_markram').")
      .def(kw_init<ShortTermPlasticity>())
      .def_readwrite("U", &ShortTermPlasticity::U)
      .def_readwrite("tau_rec", &ShortTermPlasticity::tau_rec, "ms")
      .def_readwrite("tau_fac", &ShortTermPlasticity::tau_fac, "ms; 0: no facilitation");
}

void bind_settings(py::module_& m) {
  py::class_<SimulationSettings>(m, "SimulationSettings")
      .def(kw_init<SimulationSettings>())
      .def_readwrite("dt", &SimulationSettings::dt, "ms")
      .def_readwrite("duration", &SimulationSettings::duration, "ms (used by simulate())")
      .def_readwrite("seed", &SimulationSettings::seed)
      .def_readwrite("replicas", &SimulationSettings::replicas);

  py::class_<ReplicaOverrides> o(m, "ReplicaOverrides",
                                 "Per-replica changes: each array empty or one entry per replica.");
  o.def(kw_init<ReplicaOverrides>());
  array_field(o, "seed", &ReplicaOverrides::seed, "replica seeds (exact up to 2**53)");
  array_field(o, "rate_E", &ReplicaOverrides::rate_E, "Hz, replaces every noise rate_E");
  array_field(o, "rate_I", &ReplicaOverrides::rate_I, "Hz, replaces every noise rate_I");
  array_field(o, "i_offset", &ReplicaOverrides::i_offset, "nA, replaces every LIF i_offset");
  array_field(o, "weight_scale", &ReplicaOverrides::weight_scale, "multiplies all weights");
  array_field(o, "dc_scale", &ReplicaOverrides::dc_scale,
              "multiplies per-neuron currents (i_offset_per_neuron, DC sources)");
}

}  // namespace

void bind_network_values(py::module_& m) {
  bind_params(m);
  bind_distribution(m);
  bind_per_neuron(m);
  bind_inputs(m);
  bind_settings(m);
}

}  // namespace spikewafer::python
