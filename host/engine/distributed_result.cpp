#include "distributed_result.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>

#include "recorder.hpp"

namespace spikewafer {
namespace {

uint64_t bits(double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
double real(uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}
uint64_t pair(uint32_t hi, uint32_t lo) { return uint64_t{hi} << 32 | lo; }

std::vector<SpikeRecord> merge_spikes(const RunResult& local, SpikeExchange& exchange) {
  std::vector<uint64_t> mine;
  for (const SpikeRecord& s : local.spikes) {
    mine.push_back(pair(s.population, s.replica));
    mine.push_back(s.neuron);
    mine.push_back(bits(s.time_ms));
  }
  const std::vector<uint64_t> all = exchange.all_gather(mine);
  std::vector<SpikeRecord> spikes;
  for (size_t i = 0; i + 2 < all.size(); i += 3)
    spikes.push_back({static_cast<uint32_t>(all[i] >> 32), static_cast<uint32_t>(all[i]),
                      static_cast<uint32_t>(all[i + 1]), real(all[i + 2])});
  // As the recorder sorts them: (time, replica, population, neuron).
  std::sort(spikes.begin(), spikes.end(), [](const SpikeRecord& a, const SpikeRecord& b) {
    return std::tie(a.time_ms, a.replica, a.population, a.neuron) <
           std::tie(b.time_ms, b.replica, b.population, b.neuron);
  });
  return spikes;
}

std::vector<TraceRecord> merge_traces(const RunResult& local, const Partition& partition,
                                      const std::vector<uint32_t>& offsets) {
  // Variables by their index in this list, the same in every process.
  const std::vector<std::string> known = {"gsyn_exc", "gsyn_inh", "isyn_exc", "isyn_inh", "v", "w"};
  std::vector<uint64_t> mine;
  for (const TraceRecord& t : local.traces) {
    if (!partition.owns(offsets[t.population] + t.neuron)) continue;
    const auto code = std::find(known.begin(), known.end(), t.variable) - known.begin();
    mine.insert(mine.end(), {pair(t.population, t.replica), pair(t.neuron, static_cast<uint32_t>(code)),
                             bits(t.t0_ms), bits(t.interval_ms), t.values.size()});
    for (float v : t.values) mine.push_back(bits(v));
  }
  const std::vector<uint64_t> all = partition.exchange->all_gather(mine);
  std::vector<TraceRecord> traces;
  for (size_t i = 0; i < all.size();) {
    TraceRecord t;
    t.population = static_cast<uint32_t>(all[i] >> 32);
    t.replica = static_cast<uint32_t>(all[i]);
    t.neuron = static_cast<uint32_t>(all[i + 1] >> 32);
    t.variable = known[static_cast<uint32_t>(all[i + 1])];
    t.t0_ms = real(all[i + 2]);
    t.interval_ms = real(all[i + 3]);
    const size_t n = all[i + 4];
    i += 5;
    for (size_t k = 0; k < n; ++k) t.values.push_back(static_cast<float>(real(all[i + k])));
    i += n;
    traces.push_back(std::move(t));
  }
  std::sort(traces.begin(), traces.end(), [&](const TraceRecord& a, const TraceRecord& b) {
    return std::tie(a.t0_ms, a.population, a.variable, a.replica, a.neuron) <
           std::tie(b.t0_ms, b.population, b.variable, b.replica, b.neuron);
  });
  return traces;
}

// Population rates: each process counted its own neurons' spikes; the counts add up.
std::vector<RateRecord> merge_rates(const RunResult& local, SpikeExchange& exchange,
                                    const std::vector<uint32_t>& offsets) {
  const auto size_of = [&](const RateRecord& r) {
    return offsets[r.population + 1] - offsets[r.population];
  };
  std::vector<uint64_t> mine;
  for (const RateRecord& r : local.rates)
    for (float v : r.rates)  // back to the count that rate_of scaled
      mine.push_back(static_cast<uint64_t>(std::llround(v * r.bin_ms * size_of(r) / 1000.0)));
  const std::vector<uint64_t> all = exchange.all_gather(mine);
  std::vector<uint64_t> counts(mine.size(), 0);
  for (size_t i = 0; i < all.size(); ++i) counts[i % mine.size()] += all[i];
  std::vector<RateRecord> rates = local.rates;
  size_t i = 0;
  for (RateRecord& r : rates)
    for (float& v : r.rates) v = rate_of(static_cast<uint32_t>(counts[i++]), r.bin_ms, size_of(r));
  return rates;
}

}  // namespace

RunResult merge_results(const RunResult& local, const Partition& partition,
                        const std::vector<uint32_t>& offsets) {
  SpikeExchange& exchange = *partition.exchange;
  RunResult merged;
  merged.population_names = local.population_names;
  merged.spikes = merge_spikes(local, exchange);
  merged.traces = merge_traces(local, partition, offsets);
  merged.rates = merge_rates(local, exchange, offsets);
  merged.summary = local.summary;
  RunSummary& s = merged.summary;
  const std::vector<uint64_t> counts = exchange.all_gather(
      {s.spikes, s.synaptic_events, s.synapses, s.memory_bytes, bits(s.wall_s), bits(s.setup_s)});
  s.spikes = s.synaptic_events = s.synapses = s.memory_bytes = 0;
  for (size_t i = 0; i + 5 < counts.size(); i += 6) {
    s.spikes += counts[i];
    s.synaptic_events += counts[i + 1];
    s.synapses += counts[i + 2];
    s.memory_bytes += counts[i + 3];
    s.wall_s = std::max(s.wall_s, real(counts[i + 4]));  // the slowest process sets the pace
    s.setup_s = std::max(s.setup_s, real(counts[i + 5]));
  }
  s.realtime_factor = s.wall_s > 0 ? s.bio_time_ms * 1e-3 * s.replicas / s.wall_s : 0.0;
  return merged;
}

}  // namespace spikewafer
