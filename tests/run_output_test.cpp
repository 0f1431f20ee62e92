// write_run_output: the files it writes read back with the HDF5 C API and nlohmann_json, and
// what a failure leaves in the folder (the previous run's files, no temporaries).
#include "io/run_output.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/hdf5_writer.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed afterwards.
class RunOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("spikewafer_run_output_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    std::error_code ignored;  // the folder may not exist, or a test made it read-only
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(dir_, ignored);
  }
  std::set<std::string> files() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }
  std::string read_text(const std::string& name) const {
    std::ifstream in(dir_ / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  fs::path dir_;
};

RunResult sample_result() {
  RunResult result;
  result.population_names = {"exc", "inh", "silent"};
  result.spikes = {{0, 0, 3, 0.1}, {1, 0, 0, 0.1}, {0, 1, 3, 0.2}, {0, 0, 7, 1000000.0}};
  // Out of order on purpose: rows are written by replica, then neuron.
  result.traces = {{0, 1, 0, "v", 0.0, 0.5, {-65.0f, -64.0f, -63.0f}},
                   {0, 0, 2, "v", 0.0, 0.5, {-60.0f, -59.0f, -58.0f}},
                   {0, 0, 0, "v", 0.0, 0.5, {-70.0f, -69.0f, -68.0f}},
                   {0, 0, 0, "gsyn_exc", 0.0, 0.5, {0.0f, 0.01f, 0.02f}},
                   {1, 0, 4, "isyn_inh", 0.1, 1.0, {1.5f, 2.5f}}};
  result.rates = {{0, 1, 10.0, {4.0f, 5.0f}}, {0, 0, 10.0, {1.0f, 2.0f}}};
  RunSummary& s = result.summary;
  s.neurons = 1000;
  s.synapses = 123456789012ull;
  s.replicas = 2;
  s.bio_time_ms = 1000.0;
  s.setup_s = 0.25;
  s.wall_s = 0.5;
  s.realtime_factor = 4.0;
  s.spikes = 4;
  s.synaptic_events = 400;
  s.memory_bytes = 1u << 20;
  s.bytes_per_synapse = 4.5;
  s.backend = "cpu";
  s.threads = 8;
  s.launches_per_step = 8.5;
  s.host_waits_per_step = 3.0;
  s.transfers_per_step = 2.25;
  return result;
}

// Read-back helpers: whole datasets and scalar attributes through the HDF5 C API.
class H5Reader {
 public:
  explicit H5Reader(const fs::path& path)
      : file_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    EXPECT_GE(file_, 0) << path;
  }
  ~H5Reader() { H5Fclose(file_); }
  bool exists(const std::string& path) const {
    return H5Lexists(file_, path.c_str(), H5P_DEFAULT) > 0;
  }
  std::vector<hsize_t> dims(const std::string& path) const {
    const hid_t dataset = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(dataset);
    std::vector<hsize_t> dims(H5Sget_simple_extent_ndims(space));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space);
    H5Dclose(dataset);
    return dims;
  }
  int filters(const std::string& path) const {
    const hid_t dataset = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
    const hid_t properties = H5Dget_create_plist(dataset);
    const int n = H5Pget_nfilters(properties);
    H5Pclose(properties);
    H5Dclose(dataset);
    return n;
  }
  template <typename T>
  std::vector<T> read(const std::string& path, hid_t type) const {
    size_t n = 1;
    for (hsize_t d : dims(path)) n *= d;
    std::vector<T> values(n);
    const hid_t dataset = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
    EXPECT_GE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0) << path;
    H5Dclose(dataset);
    return values;
  }
  template <typename T>
  T attribute(const std::string& object, const std::string& name, hid_t type) const {
    T value{};
    const hid_t attr =
        H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    EXPECT_GE(H5Aread(attr, type, &value), 0) << object << "@" << name;
    H5Aclose(attr);
    return value;
  }
  std::string string_attribute(const std::string& object, const std::string& name) const {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    char* text = attribute<char*>(object, name, type);
    std::string value = text != nullptr ? text : "<null>";
    H5free_memory(text);
    H5Tclose(type);
    return value;
  }

 private:
  hid_t file_;
};

TEST_F(RunOutputTest, WritesLearnedWeightsOnlyWhereAProjectionLearns) {
  RunResult result = sample_result();
  write_run_output(result, {dir_.string(), false});
  EXPECT_FALSE(fs::exists(dir_ / "weights.h5"));
  result.learned = {{2, "exc", "inh", {0, 1, 1}, {4, 0, 2}, {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}}};
  write_run_output(result, {dir_.string(), false});
  H5Reader h5(dir_ / "weights.h5");
  EXPECT_EQ(h5.string_attribute("/", "format"), "spikewafer-weights-1");
  EXPECT_EQ(h5.string_attribute("/projection_2", "source"), "exc");
  EXPECT_EQ(h5.string_attribute("/projection_2", "target"), "inh");
  EXPECT_EQ(h5.read<uint32_t>("/projection_2/pre", H5T_NATIVE_UINT32), (std::vector<uint32_t>{0, 1, 1}));
  EXPECT_EQ(h5.read<uint32_t>("/projection_2/post", H5T_NATIVE_UINT32), (std::vector<uint32_t>{4, 0, 2}));
  EXPECT_EQ(h5.dims("/projection_2/weight"), (std::vector<hsize_t>{2, 3}));  // replicas x synapses
  EXPECT_EQ(h5.read<float>("/projection_2/weight", H5T_NATIVE_FLOAT)[4], 0.5f);
}

TEST_F(RunOutputTest, WritesSpikesGroupedByPopulation) {
  write_run_output(sample_result(), {dir_.string(), false});
  H5Reader h5(dir_ / "spikes.h5");
  EXPECT_EQ(h5.string_attribute("/", "format"), "spikewafer-spikes-1");
  EXPECT_EQ(h5.attribute<uint64_t>("/", "populations", H5T_NATIVE_UINT64), 3u);
  EXPECT_EQ(h5.attribute<uint64_t>("/exc", "population_index", H5T_NATIVE_UINT64), 0u);
  EXPECT_EQ(h5.read<uint32_t>("/exc/replica", H5T_NATIVE_UINT32), (std::vector<uint32_t>{0, 1, 0}));
  EXPECT_EQ(h5.read<uint32_t>("/exc/neuron", H5T_NATIVE_UINT32), (std::vector<uint32_t>{3, 3, 7}));
  EXPECT_EQ(h5.read<double>("/exc/time_ms", H5T_NATIVE_DOUBLE),
            (std::vector<double>{0.1, 0.2, 1000000.0}));
  EXPECT_EQ(h5.attribute<uint64_t>("/inh", "population_index", H5T_NATIVE_UINT64), 1u);
  EXPECT_EQ(h5.dims("/inh/time_ms"), (std::vector<hsize_t>{1}));
  EXPECT_FALSE(h5.exists("/silent"));  // no spike of it in the result
}

TEST_F(RunOutputTest, WritesTracesAndRatesAsMatricesWithRowLabels) {
  write_run_output(sample_result(), {dir_.string(), false});
  H5Reader h5(dir_ / "traces.h5");
  EXPECT_EQ(h5.string_attribute("/", "format"), "spikewafer-traces-1");
  EXPECT_EQ(h5.dims("/exc/v/values"), (std::vector<hsize_t>{3, 3}));
  EXPECT_EQ(h5.read<float>("/exc/v/values", H5T_NATIVE_FLOAT),
            (std::vector<float>{-70, -69, -68, -60, -59, -58, -65, -64, -63}));
  EXPECT_EQ(h5.read<uint32_t>("/exc/v/replica", H5T_NATIVE_UINT32),
            (std::vector<uint32_t>{0, 0, 1}));
  EXPECT_EQ(h5.read<uint32_t>("/exc/v/neuron", H5T_NATIVE_UINT32),
            (std::vector<uint32_t>{0, 2, 0}));
  EXPECT_EQ(h5.attribute<double>("/exc/v", "interval_ms", H5T_NATIVE_DOUBLE), 0.5);
  EXPECT_EQ(h5.attribute<double>("/exc/v", "t0_ms", H5T_NATIVE_DOUBLE), 0.0);
  EXPECT_EQ(h5.string_attribute("/exc/v", "units"), "mV");
  EXPECT_EQ(h5.string_attribute("/exc/gsyn_exc", "units"), "uS");
  EXPECT_EQ(h5.string_attribute("/inh/isyn_inh", "units"), "nA");
  EXPECT_EQ(h5.attribute<double>("/inh/isyn_inh", "t0_ms", H5T_NATIVE_DOUBLE), 0.1);
  EXPECT_EQ(h5.dims("/inh/isyn_inh/values"), (std::vector<hsize_t>{1, 2}));
  EXPECT_EQ(h5.read<float>("/exc/rate/values", H5T_NATIVE_FLOAT), (std::vector<float>{1, 2, 4, 5}));
  EXPECT_EQ(h5.dims("/exc/rate/values"), (std::vector<hsize_t>{2, 2}));
  EXPECT_EQ(h5.read<uint32_t>("/exc/rate/replica", H5T_NATIVE_UINT32),
            (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(h5.attribute<double>("/exc/rate", "bin_ms", H5T_NATIVE_DOUBLE), 10.0);
  EXPECT_EQ(h5.string_attribute("/exc/rate", "units"), "Hz");
  EXPECT_FALSE(h5.exists("/inh/rate"));
}

TEST_F(RunOutputTest, CsvAndSummaryJsonAndNothingElse) {
  const RunResult result = sample_result();
  write_run_output(result, {dir_.string(), true});
  EXPECT_EQ(files(),
            (std::set<std::string>{"spikes.h5", "traces.h5", "spikes.csv", "summary.json"}));
  EXPECT_EQ(read_text("spikes.csv"),
            "population,replica,neuron,time_ms\n"
            "exc,0,3,0.1\ninh,0,0,0.1\nexc,1,3,0.2\nexc,0,7,1000000\n");

  const std::string text = read_text("summary.json");
  EXPECT_EQ(text, summary_json(result.summary));
  EXPECT_NE(text.find("\n  \"neurons\": 1000,"), std::string::npos) << text;
  const nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json.size(), 14u);
  const RunSummary& s = result.summary;
  EXPECT_EQ(json.at("neurons"), s.neurons);
  EXPECT_EQ(json.at("synapses"), s.synapses);
  EXPECT_EQ(json.at("replicas"), s.replicas);
  EXPECT_EQ(json.at("bio_time_ms"), s.bio_time_ms);
  EXPECT_EQ(json.at("setup_s"), s.setup_s);
  EXPECT_EQ(json.at("wall_s"), s.wall_s);
  EXPECT_EQ(json.at("realtime_factor"), s.realtime_factor);
  EXPECT_EQ(json.at("spikes"), s.spikes);
  EXPECT_EQ(json.at("synaptic_events"), s.synaptic_events);
  EXPECT_EQ(json.at("memory_bytes"), s.memory_bytes);
  EXPECT_EQ(json.at("bytes_per_synapse"), s.bytes_per_synapse);
  EXPECT_EQ(json.at("backend"), s.backend);
  EXPECT_EQ(json.at("threads"), s.threads);
  EXPECT_EQ(json.at("per_step").at("launches"), 8.5);
  EXPECT_EQ(json.at("per_step").at("host_waits"), 3.0);
  EXPECT_EQ(json.at("per_step").at("transfers"), 2.25);
}

TEST_F(RunOutputTest, CsvQuotesPopulationNamesWithCommas) {
  RunResult result;
  result.population_names = {"a,\"b\""};
  result.spikes = {{0, 0, 1, 0.5}};
  write_run_output(result, {dir_.string(), true});
  EXPECT_EQ(read_text("spikes.csv"),
            "population,replica,neuron,time_ms\n\"a,\"\"b\"\"\",0,1,0.5\n");
}

TEST_F(RunOutputTest, RerunReplacesFilesAndDropsOnesItDoesNotWrite) {
  write_run_output(sample_result(), {dir_.string(), true});
  RunResult quiet;  // no spikes, traces or rates
  quiet.population_names = {"exc"};
  write_run_output(quiet, {dir_.string(), false});
  EXPECT_EQ(files(), (std::set<std::string>{"spikes.h5", "summary.json"}));
  H5Reader h5(dir_ / "spikes.h5");
  EXPECT_FALSE(h5.exists("/exc"));
  EXPECT_EQ(h5.attribute<uint64_t>("/", "populations", H5T_NATIVE_UINT64), 1u);
}

TEST_F(RunOutputTest, UncreatableDirectoryIsAnIoErrorNamingThePath) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  const std::string target = (dir_ / "file" / "out").string();
  try {
    write_run_output(sample_result(), {target, false});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(target), std::string::npos) << e.what();
  }
}

TEST_F(RunOutputTest, FailureWhileWritingLeavesThePreviousFilesAndNoTemporaries) {
  RunResult bad = sample_result();
  bad.traces[1].values.pop_back();  // one "v" trace shorter than the others
  EXPECT_THROW(write_run_output(bad, {dir_.string(), true}), Error);
  EXPECT_TRUE(files().empty());  // a fresh folder stays empty

  const RunResult good = sample_result();
  write_run_output(good, {dir_.string(), true});
  const std::string csv = read_text("spikes.csv"), summary = read_text("summary.json");
  bad.summary.threads = 1;
  bad.spikes.pop_back();
  try {
    write_run_output(bad, {dir_.string(), true});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find("exc/v"), std::string::npos) << e.what();
  }
  EXPECT_EQ(files(),
            (std::set<std::string>{"spikes.h5", "traces.h5", "spikes.csv", "summary.json"}));
  EXPECT_EQ(read_text("spikes.csv"), csv);
  EXPECT_EQ(read_text("summary.json"), summary);
}

TEST_F(RunOutputTest, FailedRenameLeavesNoSummaryAndNoTemporaries) {
  fs::create_directories(dir_ / "spikes.csv" / "occupied");  // a rename onto it must fail
  EXPECT_THROW(write_run_output(sample_result(), {dir_.string(), true}), Error);
  for (const std::string& name : files()) EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
  EXPECT_EQ(files().count("summary.json"), 0u);  // the folder is not marked complete
}

TEST_F(RunOutputTest, ReadOnlyDirectoryIsAnIoError) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  try {
    write_run_output(sample_result(), {dir_.string(), true});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(dir_.string()), std::string::npos) << e.what();
  }
  EXPECT_TRUE(files().empty());
}

TEST_F(RunOutputTest, Hdf5ErrorsNameFileAndObject) {
  fs::create_directories(dir_);
  const std::string path = (dir_ / "x.h5").string();
  Hdf5File file = Hdf5File::create(path);
  file.create_group("a");
  try {
    file.create_group("a");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_EQ(std::string(e.what()),
              path + ": /a: cannot create group: unable to create group: name already exists");
  }
}

TEST_F(RunOutputTest, Hdf5WriterCompressesOnlyWhenAsked) {
  fs::create_directories(dir_);
  std::vector<float> matrix(300 * 500);
  for (size_t i = 0; i < matrix.size(); ++i) matrix[i] = static_cast<float>(i % 7);
  for (int level : {0, 4}) {
    const fs::path path = dir_ / ("m" + std::to_string(level) + ".h5");
    Hdf5File file = Hdf5File::create(path.string(), level);
    file.write_matrix("m", matrix.data(), 300, 500);
    file.write("empty", std::vector<double>{});
    file.close();
    H5Reader h5(path);
    EXPECT_EQ(h5.read<float>("/m", H5T_NATIVE_FLOAT), matrix);
    EXPECT_EQ(h5.dims("/empty"), (std::vector<hsize_t>{0}));
    EXPECT_EQ(h5.filters("/m"), level == 0 ? 0 : 2);  // shuffle + deflate
  }
}

}  // namespace
}  // namespace spikewafer
