// RunResult -> numpy. Spikes become columns (one array per field, as NEST and PyNN's
// get_data() hand them out); traces of one population and variable become one 2-D array with
// a row per (replica, neuron), so analyses index it instead of looping over records.
#include "results.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "bindings.hpp"
#include "numpy_convert.hpp"

namespace spikewafer::python {
namespace {

py::dict spike_columns(const RunResult& result, const std::vector<uint32_t>& offsets) {
  const auto n = static_cast<py::ssize_t>(result.spikes.size());
  py::array_t<double> time(n);
  py::array_t<uint32_t> population(n), neuron(n), sender(n), replica(n);
  double* t = time.mutable_data();
  uint32_t *p = population.mutable_data(), *nr = neuron.mutable_data(),
           *s = sender.mutable_data(), *r = replica.mutable_data();
  for (py::ssize_t i = 0; i < n; ++i) {
    const SpikeRecord& spike = result.spikes[static_cast<size_t>(i)];
    t[i] = spike.time_ms;
    p[i] = spike.population;
    nr[i] = spike.neuron;
    s[i] = offsets[spike.population] + spike.neuron;
    r[i] = spike.replica;
  }
  py::dict d;
  d["time"] = time;
  d["population"] = population;
  d["neuron"] = neuron;
  d["sender"] = sender;
  d["replica"] = replica;
  return d;
}

py::list trace_groups(const RunResult& result) {
  // Group in order of first appearance: (population, variable, t0) -> record indices. A trace
  // whose recording changed mid-run comes in pieces with different t0.
  using Key = std::tuple<uint32_t, std::string, double>;
  std::vector<Key> keys;
  std::map<Key, std::vector<size_t>> groups;
  for (size_t i = 0; i < result.traces.size(); ++i) {
    const TraceRecord& t = result.traces[i];
    const Key key{t.population, t.variable, t.t0_ms};
    auto& rows = groups[key];
    if (rows.empty()) keys.push_back(key);
    rows.push_back(i);
  }
  py::list out;
  for (const auto& key : keys) {
    const auto& rows = groups[key];
    size_t samples = 0;
    for (size_t i : rows) samples = std::max(samples, result.traces[i].values.size());
    py::array_t<float> values({static_cast<py::ssize_t>(rows.size()),
                               static_cast<py::ssize_t>(samples)});
    py::array_t<uint32_t> neuron(static_cast<py::ssize_t>(rows.size()));
    py::array_t<uint32_t> replica(static_cast<py::ssize_t>(rows.size()));
    float* v = values.mutable_data();
    for (size_t k = 0; k < rows.size(); ++k) {
      const TraceRecord& tr = result.traces[rows[k]];
      std::fill(std::copy(tr.values.begin(), tr.values.end(), v + k * samples),
                v + (k + 1) * samples, NAN);  // equal lengths in practice; NaN pads otherwise
      neuron.mutable_data()[k] = tr.neuron;
      replica.mutable_data()[k] = tr.replica;
    }
    const TraceRecord& first = result.traces[rows.front()];
    py::dict g;
    g["population"] = result.population_names[std::get<0>(key)];
    g["variable"] = std::get<1>(key);
    g["values"] = values;
    g["neuron"] = neuron;
    g["replica"] = replica;
    g["t0"] = first.t0_ms;
    g["interval"] = first.interval_ms;
    out.append(g);
  }
  return out;
}

py::list rate_groups(const RunResult& result) {
  std::vector<uint32_t> order;
  std::map<uint32_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < result.rates.size(); ++i) {
    auto& rows = groups[result.rates[i].population];
    if (rows.empty()) order.push_back(result.rates[i].population);
    rows.push_back(i);
  }
  py::list out;
  for (uint32_t pop : order) {
    const auto& rows = groups[pop];
    size_t bins = 0;
    for (size_t i : rows) bins = std::max(bins, result.rates[i].rates.size());
    py::array_t<float> rates({static_cast<py::ssize_t>(rows.size()),
                              static_cast<py::ssize_t>(bins)});
    py::array_t<uint32_t> replica(static_cast<py::ssize_t>(rows.size()));
    float* v = rates.mutable_data();
    for (size_t k = 0; k < rows.size(); ++k) {
      const RateRecord& rr = result.rates[rows[k]];
      std::fill(std::copy(rr.rates.begin(), rr.rates.end(), v + k * bins), v + (k + 1) * bins,
                NAN);
      replica.mutable_data()[k] = rr.replica;
    }
    py::dict g;
    g["population"] = result.population_names[pop];
    g["rates"] = rates;
    g["replica"] = replica;
    g["bin_ms"] = result.rates[rows.front()].bin_ms;
    out.append(g);
  }
  return out;
}

py::list learned_weights(const RunResult& result) {
  py::list out;
  for (const LearnedWeights& l : result.learned) {
    const auto n = static_cast<py::ssize_t>(l.pre.size());
    const py::ssize_t replicas = n ? static_cast<py::ssize_t>(l.weight.size()) / n : 0;
    py::array_t<float> weight({replicas, n});
    std::copy(l.weight.begin(), l.weight.end(), weight.mutable_data());
    py::array_t<uint32_t> pre(n), post(n);
    std::copy(l.pre.begin(), l.pre.end(), pre.mutable_data());
    std::copy(l.post.begin(), l.post.end(), post.mutable_data());
    py::dict d;
    d["projection"] = l.projection;
    d["source"] = l.source;
    d["target"] = l.target;
    d["pre"] = pre;
    d["post"] = post;
    d["weight"] = weight;
    out.append(d);
  }
  return out;
}

py::dict summary_dict(const RunSummary& s) {
  py::dict d;
  d["neurons"] = s.neurons;
  d["synapses"] = s.synapses;
  d["replicas"] = s.replicas;
  d["bio_time_ms"] = s.bio_time_ms;
  d["setup_s"] = s.setup_s;
  d["wall_s"] = s.wall_s;
  d["realtime_factor"] = s.realtime_factor;
  d["spikes"] = s.spikes;
  d["synaptic_events"] = s.synaptic_events;
  d["memory_bytes"] = s.memory_bytes;
  d["bytes_per_synapse"] = s.bytes_per_synapse;
  d["per_step"] = py::dict(py::arg("launches") = s.launches_per_step,
                           py::arg("host_waits") = s.host_waits_per_step,
                           py::arg("transfers") = s.transfers_per_step);
  d["backend"] = s.backend;
  d["threads"] = s.threads;
  return d;
}

}  // namespace

PyRunResult to_python(const RunResult& result, const std::vector<uint32_t>& offsets) {
  PyRunResult out;
  for (const auto& name : result.population_names) out.population_names.append(name);
  out.spikes = spike_columns(result, offsets);
  out.traces = trace_groups(result);
  out.rates = rate_groups(result);
  out.learned = learned_weights(result);
  out.summary = summary_dict(result.summary);
  return out;
}

void bind_results(py::module_& m) {
  py::class_<PyRunResult>(m, "RunResult",
                          "What a run recorded since construction or the last reset().")
      .def_readonly("population_names", &PyRunResult::population_names)
      .def_readonly("spikes", &PyRunResult::spikes,
                    "dict of equal-length arrays, sorted by (time, replica, population, neuron): "
                    "time (float64, ms), population, neuron (local index), sender (global index), "
                    "replica (uint32)")
      .def_readonly("traces", &PyRunResult::traces,
                    "list of dicts, one per (population, variable): values (float32, rows x "
                    "samples), neuron and replica per row, t0 and interval (ms)")
      .def_readonly("rates", &PyRunResult::rates,
                    "list of dicts, one per population: rates (float32, Hz, replicas x bins), "
                    "replica per row, bin_ms")
      .def_readonly("learned", &PyRunResult::learned,
                    "list of dicts, one per projection with stdp: projection (index), source, "
                    "target, pre and post (local indices, uint32) and weight (float32, replicas x "
                    "synapses, the learned magnitudes at the end), in the connector's draw order")
      .def_readonly("summary", &PyRunResult::summary, "the run's summary (summary.json's fields)");
}

}  // namespace spikewafer::python
