#include "run_output.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "atomic_file.hpp"
#include "hdf5_writer.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

namespace {

constexpr const char* kSpikesFormat = "spikewafer-spikes-1";
constexpr const char* kTracesFormat = "spikewafer-traces-1";

// A record's population index must name one of result.population_names: a programming error
// otherwise, reported rather than written as a file nobody can read.
void check_population(const RunResult& result, uint32_t index, const char* what) {
  if (index >= result.population_names.size()) {
    throw Error(ErrorKind::kIo, std::string(what) + " has population index " +
                                    std::to_string(index) + ", but the result names only " +
                                    std::to_string(result.population_names.size()) +
                                    " populations");
  }
}

// The name of population `index`, checked to be usable as an HDF5 group name ("/" would nest
// groups, "." names the parent).
const std::string& population_group(const RunResult& result, uint32_t index, const char* what) {
  check_population(result, index, what);
  const std::string& name = result.population_names[index];
  if (name.empty() || name == "." || name.find('/') != std::string::npos) {
    throw Error(ErrorKind::kIo, "population name '" + name +
                                    "' cannot name an HDF5 group (empty, '.' or contains '/')");
  }
  return name;
}

std::string units_of(const std::string& variable) {
  if (variable == "v") return "mV";
  if (variable.rfind("gsyn_", 0) == 0) return "uS";
  if (variable.rfind("isyn_", 0) == 0 || variable == "w") return "nA";
  return "";
}

// A FILE* whose every write and the final close are checked, so a full disk is an error
// rather than a silently truncated file. Unbuffered by stdio: callers hand it large blocks.
class CheckedFile {
 public:
  explicit CheckedFile(const std::string& path)
      : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) fail("cannot create");
    std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  ~CheckedFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  CheckedFile(const CheckedFile&) = delete;
  CheckedFile& operator=(const CheckedFile&) = delete;

  void write(std::string_view data) {
    if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) fail("cannot write");
  }
  void close() {
    const int status = std::fclose(std::exchange(file_, nullptr));
    if (status != 0) fail("cannot close");
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw Error(ErrorKind::kIo, path_ + ": " + what + ": " + std::strerror(errno));
  }
  std::string path_;
  std::FILE* file_;
};

void write_spikes_h5(const RunResult& result, const std::string& path) {
  // Regroup the time-ordered spikes by population in one counting pass, keeping each
  // population's spikes in their original order.
  const size_t n_populations = result.population_names.size();
  std::vector<size_t> offset(n_populations + 1, 0);
  for (const SpikeRecord& s : result.spikes) {
    check_population(result, s.population, "a spike");
    ++offset[s.population + 1];
  }
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  const size_t n = result.spikes.size();
  std::vector<uint32_t> replica(n), neuron(n);
  std::vector<double> time_ms(n);
  std::vector<size_t> next(offset.begin(), offset.end() - 1);
  for (const SpikeRecord& s : result.spikes) {
    const size_t i = next[s.population]++;
    replica[i] = s.replica;
    neuron[i] = s.neuron;
    time_ms[i] = s.time_ms;
  }

  Hdf5File file = Hdf5File::create(path);
  file.set_attribute("format", kSpikesFormat);
  file.set_attribute("populations", static_cast<uint64_t>(n_populations));
  for (uint32_t p = 0; p < n_populations; ++p) {
    const size_t begin = offset[p], count = offset[p + 1] - offset[p];
    if (count == 0) continue;
    Hdf5Group group = file.create_group(population_group(result, p, "spikes"));
    group.set_attribute("population_index", static_cast<uint64_t>(p));
    group.write("replica", replica.data() + begin, count);
    group.write("neuron", neuron.data() + begin, count);
    group.write("time_ms", time_ms.data() + begin, count);
  }
  file.close();
}

// Appends one row to a row-major matrix whose rows must all have `columns` values.
void append_row(std::vector<float>& matrix, const std::vector<float>& row, size_t columns,
                const std::string& where, const std::string& row_name) {
  if (row.size() != columns) {
    throw Error(ErrorKind::kIo, where + ": " + row_name + " has " + std::to_string(row.size()) +
                                    " values, but the first row has " + std::to_string(columns) +
                                    "; all rows of one dataset must have the same length");
  }
  matrix.insert(matrix.end(), row.begin(), row.end());
}

// Traces of one population and variable, `order[begin, end)`, already sorted by replica and
// neuron: one row each.
void write_trace_block(const Hdf5Group& population, const std::string& where,
                       const std::vector<TraceRecord>& traces, const std::vector<size_t>& order,
                       size_t begin, size_t end) {
  const TraceRecord& first = traces[order[begin]];
  std::vector<float> values;
  values.reserve((end - begin) * first.values.size());
  std::vector<uint32_t> replica, neuron;
  for (size_t i = begin; i < end; ++i) {
    const TraceRecord& t = traces[order[i]];
    const std::string row_name =
        "replica " + std::to_string(t.replica) + " neuron " + std::to_string(t.neuron);
    append_row(values, t.values, first.values.size(), where, row_name);
    if (t.t0_ms != first.t0_ms || t.interval_ms != first.interval_ms) {
      throw Error(ErrorKind::kIo, where + ": " + row_name +
                                      " is sampled on a different time grid than the first row");
    }
    replica.push_back(t.replica);
    neuron.push_back(t.neuron);
  }
  Hdf5Group group = population.create_group(first.variable);
  group.write_matrix("values", values.data(), end - begin, first.values.size());
  group.write("replica", replica);
  group.write("neuron", neuron);
  group.set_attribute("t0_ms", first.t0_ms);
  group.set_attribute("interval_ms", first.interval_ms);
  group.set_attribute("units", units_of(first.variable));
}

// Rates of one population, `order[begin, end)`, sorted by replica: one row per replica.
void write_rate_block(const Hdf5Group& population, const std::string& where,
                      const std::vector<RateRecord>& rates, const std::vector<size_t>& order,
                      size_t begin, size_t end) {
  const RateRecord& first = rates[order[begin]];
  std::vector<float> values;
  values.reserve((end - begin) * first.rates.size());
  std::vector<uint32_t> replica;
  for (size_t i = begin; i < end; ++i) {
    const RateRecord& r = rates[order[i]];
    const std::string row_name = "replica " + std::to_string(r.replica);
    append_row(values, r.rates, first.rates.size(), where, row_name);
    if (r.bin_ms != first.bin_ms) {
      throw Error(ErrorKind::kIo, where + ": " + row_name + " has a different bin width");
    }
    replica.push_back(r.replica);
  }
  Hdf5Group group = population.create_group("rate");
  group.write_matrix("values", values.data(), end - begin, first.rates.size());
  group.write("replica", replica);
  group.set_attribute("bin_ms", first.bin_ms);
  group.set_attribute("units", "Hz");
}

// Indices of `records` in the order given by `key`, stable so equal keys keep result order.
template <typename Record, typename Key>
std::vector<size_t> sorted_order(const std::vector<Record>& records, Key key) {
  std::vector<size_t> order(records.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key(records[a]) < key(records[b]); });
  return order;
}

void write_traces_h5(const RunResult& result, const std::string& path) {
  for (const TraceRecord& t : result.traces) population_group(result, t.population, "a trace");
  for (const RateRecord& r : result.rates) population_group(result, r.population, "a rate");
  const std::vector<size_t> trace_order = sorted_order(result.traces, [](const TraceRecord& t) {
    return std::tie(t.population, t.variable, t.replica, t.neuron);
  });
  const std::vector<size_t> rate_order = sorted_order(
      result.rates, [](const RateRecord& r) { return std::tie(r.population, r.replica); });

  Hdf5File file = Hdf5File::create(path);
  file.set_attribute("format", kTracesFormat);
  file.set_attribute("populations", static_cast<uint64_t>(result.population_names.size()));
  size_t t = 0, r = 0;  // next unwritten position in trace_order / rate_order
  for (uint32_t p = 0; p < result.population_names.size(); ++p) {
    size_t t_end = t, r_end = r;
    while (t_end < trace_order.size() && result.traces[trace_order[t_end]].population == p) ++t_end;
    while (r_end < rate_order.size() && result.rates[rate_order[r_end]].population == p) ++r_end;
    if (t == t_end && r == r_end) continue;
    const std::string& name = population_group(result, p, "traces");
    Hdf5Group group = file.create_group(name);
    group.set_attribute("population_index", static_cast<uint64_t>(p));
    while (t < t_end) {
      const std::string& variable = result.traces[trace_order[t]].variable;
      size_t block_end = t;
      while (block_end < t_end && result.traces[trace_order[block_end]].variable == variable) {
        ++block_end;
      }
      write_trace_block(group, "traces of " + name + "/" + variable, result.traces, trace_order, t,
                        block_end);
      t = block_end;
    }
    if (r < r_end) write_rate_block(group, "rates of " + name, result.rates, rate_order, r, r_end);
    r = r_end;
  }
  file.close();
}

// weights.h5: per projection with STDP a group "projection_<j>" (attributes source, target)
// with pre and post (local indices) and weight (replicas x synapses).
void write_weights_h5(const RunResult& result, const std::string& path) {
  Hdf5File file = Hdf5File::create(path);
  file.set_attribute("format", std::string("spikewafer-weights-1"));
  for (const LearnedWeights& l : result.learned) {
    Hdf5Group group = file.create_group("projection_" + std::to_string(l.projection));
    group.set_attribute("source", l.source);
    group.set_attribute("target", l.target);
    group.write("pre", l.pre);
    group.write("post", l.post);
    const size_t synapses = l.pre.size();
    group.write_matrix("weight", l.weight.data(), synapses ? l.weight.size() / synapses : 0,
                       synapses);
  }
  file.close();
}

// RFC 4180: a field with a comma, quote or line break is quoted, with quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_spikes_csv(const RunResult& result, const std::string& path) {
  std::vector<std::string> names;
  size_t longest = 0;
  for (const std::string& name : result.population_names) {
    names.push_back(csv_field(name));
    longest = std::max(longest, names.back().size());
  }
  // Lines are formatted straight into a 1 MiB buffer with to_chars (no locale, no per-field
  // stream state) and written in large blocks; at 10^7 spikes the shortest round-trip double is
  // most of the cost. A line is at most the name, two 10-digit integers and a double in
  // shortest fixed notation (under 330 characters).
  constexpr size_t kLineSlack = 512;
  std::vector<char> buffer(std::max<size_t>(size_t{1} << 20, 4 * (longest + kLineSlack)));
  const size_t flush_at = buffer.size() - longest - kLineSlack;
  CheckedFile out(path);
  out.write("population,replica,neuron,time_ms\n");
  char* p = buffer.data();
  char* const end = buffer.data() + buffer.size();
  for (const SpikeRecord& s : result.spikes) {
    if (static_cast<size_t>(p - buffer.data()) > flush_at) {
      out.write(std::string_view(buffer.data(), p - buffer.data()));
      p = buffer.data();
    }
    check_population(result, s.population, "a spike");
    const std::string& name = names[s.population];
    p = std::copy(name.begin(), name.end(), p);
    *p++ = ',';
    p = std::to_chars(p, end, s.replica).ptr;
    *p++ = ',';
    p = std::to_chars(p, end, s.neuron).ptr;
    *p++ = ',';
    // Shortest round-trip digits: the CSV reads back to exactly the double in spikes.h5.
    // Fixed notation, so 1000 s is "1000000" and not "1e+06".
    p = std::to_chars(p, end, s.time_ms, std::chars_format::fixed).ptr;
    *p++ = '\n';
  }
  out.write(std::string_view(buffer.data(), p - buffer.data()));
  out.close();
}

void write_text(const std::string& text, const std::string& path) {
  CheckedFile out(path);
  out.write(text);
  out.close();
}

}  // namespace

std::string summary_json(const RunSummary& summary, const std::string& extra) {
  nlohmann::ordered_json json;  // keys in RunSummary's order, for people reading the file
  json["neurons"] = summary.neurons;
  json["synapses"] = summary.synapses;
  json["replicas"] = summary.replicas;
  json["bio_time_ms"] = summary.bio_time_ms;
  json["setup_s"] = summary.setup_s;
  json["wall_s"] = summary.wall_s;
  json["realtime_factor"] = summary.realtime_factor;
  json["spikes"] = summary.spikes;
  json["synaptic_events"] = summary.synaptic_events;
  json["memory_bytes"] = summary.memory_bytes;
  json["bytes_per_synapse"] = summary.bytes_per_synapse;
  json["backend"] = summary.backend;
  json["threads"] = summary.threads;
  json["per_step"] = {{"launches", summary.launches_per_step},
                      {"host_waits", summary.host_waits_per_step},
                      {"transfers", summary.transfers_per_step}};
  if (!extra.empty()) {
    const nlohmann::ordered_json more = nlohmann::ordered_json::parse(extra);
    for (const auto& [key, value] : more.items()) json[key] = value;
  }
  return json.dump(2) + "\n";
}

void write_run_output(const RunResult& result, const OutputOptions& options,
                      const std::string& summary_extra) {
  create_output_directory(options.dir);
  const std::filesystem::path dir(options.dir);
  const auto in_dir = [&](const char* name) { return (dir / name).string(); };

  // Every file is completed under its temporary name before any is renamed, so a failure in any
  // writer leaves the folder exactly as it was (the AtomicOutputs remove their temporaries).
  AtomicOutput spikes_h5(in_dir("spikes.h5"));
  write_spikes_h5(result, spikes_h5.temp_path());
  std::optional<AtomicOutput> traces_h5, spikes_csv;
  if (!result.traces.empty() || !result.rates.empty()) {
    traces_h5.emplace(in_dir("traces.h5"));
    write_traces_h5(result, traces_h5->temp_path());
  }
  std::optional<AtomicOutput> weights_h5;
  if (!result.learned.empty()) {
    weights_h5.emplace(in_dir("weights.h5"));
    write_weights_h5(result, weights_h5->temp_path());
  }
  if (options.csv) {
    spikes_csv.emplace(in_dir("spikes.csv"));
    write_spikes_csv(result, spikes_csv->temp_path());
  }
  AtomicOutput summary(in_dir("summary.json"));
  write_text(summary_json(result.summary, summary_extra), summary.temp_path());

  // summary.json marks a complete folder: the previous run's goes first and this run's comes
  // last, and files of the previous run that this run does not write are removed, so a folder
  // with a summary.json never mixes two runs' files.
  remove_file_if_present(summary.path());
  spikes_h5.commit();
  const auto commit_or_remove = [&](std::optional<AtomicOutput>& output, const char* name) {
    if (output) {
      output->commit();
    } else {
      remove_file_if_present(in_dir(name));
    }
  };
  commit_or_remove(traces_h5, "traces.h5");
  commit_or_remove(weights_h5, "weights.h5");
  commit_or_remove(spikes_csv, "spikes.csv");
  summary.commit();
}

}  // namespace spikewafer
