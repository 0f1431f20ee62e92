#include "recorder.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace spikewafer {

float rate_of(uint32_t spikes, double bin_ms, uint32_t neurons) {
  return static_cast<float>(spikes * 1000.0 / (bin_ms * neurons));
}

Recorder::Recorder(const HostModel& model) : model_(model) { set_groups(model.trace_groups); }

void Recorder::set_groups(const std::vector<TraceGroup>& groups) {
  groups_ = groups;
  samples_.assign(groups.size(), {});
}

void Recorder::seal() {
  std::vector<TraceRecord> traces = trace_records();
  sealed_.insert(sealed_.end(), std::make_move_iterator(traces.begin()),
                 std::make_move_iterator(traces.end()));
  for (auto& s : samples_) s.clear();
}

void Recorder::add_spikes(const std::vector<uint32_t>& state_index,
                          const std::vector<uint32_t>& step) {
  for (size_t k = 0; k < state_index.size(); ++k) spikes_.emplace_back(step[k], state_index[k]);
}

void Recorder::add_samples(size_t group, const std::vector<float>& rows) {
  samples_[group].insert(samples_[group].end(), rows.begin(), rows.end());
}

void Recorder::clear() {
  spikes_.clear();
  sealed_.clear();
  for (auto& s : samples_) s.clear();
}

std::vector<SpikeRecord> Recorder::spike_records() const {
  auto sorted = spikes_;
  // State index = replica * N + global neuron, so this is (step, replica, population, neuron).
  std::sort(sorted.begin(), sorted.end());
  std::vector<SpikeRecord> records;
  records.reserve(sorted.size());
  for (const auto& [step, state] : sorted) {
    const uint32_t neuron = state % model_.neurons;
    const uint32_t p = model_.population_of[neuron];
    if (model_.rate_only[p]) continue;
    records.push_back({p, state / model_.neurons, neuron - model_.offsets[p],
                       static_cast<double>(step + 1) * model_.dt});
  }
  return records;
}

std::vector<RateRecord> Recorder::rate_records(uint64_t steps) const {
  std::vector<RateRecord> rates;
  const auto& pops = model_.network.populations;
  for (uint32_t p = 0; p < pops.size(); ++p) {
    if (!pops[p].record.rate) continue;
    const double bin_ms = pops[p].record.rate_bin;
    const size_t bins = static_cast<size_t>(std::ceil(steps * model_.dt / bin_ms - 1e-9));
    for (uint32_t r = 0; r < model_.replicas; ++r) {
      RateRecord rec{p, r, bin_ms, std::vector<float>(bins, 0.0f)};
      rates.push_back(std::move(rec));
    }
    const size_t first = rates.size() - model_.replicas;
    std::vector<uint32_t> counts(model_.replicas * bins, 0);
    for (const auto& [step, state] : spikes_) {
      const uint32_t neuron = state % model_.neurons;
      if (model_.population_of[neuron] != p) continue;
      // A spike emitted at the end of step n happens at (n + 1) dt, inside bin floor(n dt / bin).
      const size_t bin = static_cast<size_t>(step * model_.dt / bin_ms + 1e-9);
      if (bin < bins) ++counts[(state / model_.neurons) * bins + bin];
    }
    // Counted, then scaled once: a distributed run's merge gets the same numbers.
    for (uint32_t r = 0; r < model_.replicas; ++r)
      for (size_t b = 0; b < bins; ++b)
        rates[first + r].rates[b] = rate_of(counts[r * bins + b], bin_ms, pops[p].size);
  }
  return rates;
}

std::vector<TraceRecord> Recorder::trace_records() const {
  std::vector<TraceRecord> traces;
  for (size_t g = 0; g < groups_.size(); ++g) {
    const TraceGroup& group = groups_[g];
    const size_t width = group.state_index.size();
    const size_t rows = width ? samples_[g].size() / width : 0;
    for (size_t k = 0; k < width; ++k) {
      TraceRecord t;
      t.population = group.population[k];
      t.replica = group.replica[k];
      t.neuron = group.neuron[k];
      t.variable = trace_name(group.variable[k], model_.network.populations[t.population].model);
      t.t0_ms = static_cast<double>(group.start_step) * model_.dt;
      t.interval_ms = static_cast<double>(group.interval_steps) * model_.dt;
      t.values.resize(rows);
      for (size_t row = 0; row < rows; ++row) t.values[row] = samples_[g][row * width + k];
      traces.push_back(std::move(t));
    }
  }
  return traces;
}

RunResult Recorder::assemble(uint64_t steps) const {
  RunResult result;
  for (const Population& p : model_.network.populations) result.population_names.push_back(p.name);
  result.spikes = spike_records();
  result.rates = rate_records(steps);
  result.traces = sealed_;
  std::vector<TraceRecord> current = trace_records();
  result.traces.insert(result.traces.end(), std::make_move_iterator(current.begin()),
                       std::make_move_iterator(current.end()));
  return result;
}

}  // namespace spikewafer
