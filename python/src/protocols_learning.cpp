// train for Python: the same learning::train_to_directory as `spikewafer train`: the RBM.toml
// (file or text), for sampler = "spiking" the default sampling neuron calibrated into the output
// folder, then the training, which writes training.csv, W.csv, b.csv, c.csv, samples.csv and
// checkpoint.bin epoch by epoch (and takes the folder's lock, refuses a fresh run into a folder
// holding one, checks a resume's settings). Images may come as numpy arrays
// instead of the file's [data]; the table handed back is training.csv as written, resumed
// epochs included.
#include <pybind11/numpy.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "learning/train_directory.hpp"
#include "learning/training_config.hpp"
#include "numpy_convert.hpp"
#include "protocol_support.hpp"
#include "sampling/array_file.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::python {
namespace {

namespace fs = std::filesystem;

std::string shape_text(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t d = 0; d < a.ndim(); ++d) s += (d ? ", " : "") + std::to_string(a.shape(d));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

// Images (images x visible) in [0, 1], binarised at 0.5 as the command binarises its files.
// `visible` < 0: any width (train); else the width of the training images (test).
Eigen::MatrixXd images_from(py::handle obj, const std::string& what, Eigen::Index visible) {
  const auto a = as_double_array(obj, what);
  const std::string expected =
      "(images, " + (visible < 0 ? std::string("visible") : std::to_string(visible)) + ")";
  if (a.ndim() != 2)
    throw py::value_error(what + ": expected a 2-D array of shape " + expected +
                          ", one image per row; got shape " + shape_text(a));
  const auto rows = static_cast<Eigen::Index>(a.shape(0));
  const auto cols = static_cast<Eigen::Index>(a.shape(1));
  if (rows == 0 || cols == 0)
    throw py::value_error(what + ": no images; expected shape " + expected +
                          " with at least one image of at least one pixel, got " + shape_text(a));
  if (visible >= 0 && cols != visible)
    throw py::value_error(what + ": images of " + std::to_string(cols) +
                          " pixels where train has " + std::to_string(visible) +
                          "; expected shape " + expected + ", got " + shape_text(a));
  Eigen::MatrixXd images(rows, cols);
  const auto v = a.unchecked<2>();
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) {
      const double x = v(r, c);
      if (!(x >= 0.0 && x <= 1.0))
        throw py::value_error(what + "[" + std::to_string(r) + ", " + std::to_string(c) +
                              "] = " + py::str(py::float_(x)).cast<std::string>() +
                              ": pixels must lie in [0, 1] (binarised at 0.5; scale them "
                              "first)");
      images(r, c) = x >= 0.5 ? 1.0 : 0.0;
    }
  return images;
}

// One class 0..classes-1 per image, or none; `images_of` names the images argument.
std::vector<uint32_t> labels_from(py::handle obj, const std::string& what,
                                  const std::string& images_of, Eigen::Index images,
                                  uint32_t classes) {
  const std::string expected = "(" + std::to_string(images) + ",)";
  if (obj.is_none()) {
    if (classes > 0)
      throw py::value_error(what + ": the RBM has " + std::to_string(classes) +
                            " label units (rbm.labels); give one class per image of " + images_of +
                            ", shape " + expected);
    return {};
  }
  if (classes == 0)
    throw py::value_error(what +
                          ": the RBM has no label units (rbm.labels = 0); set rbm.labels "
                          "to the number of classes, or leave " +
                          what + " out");
  const auto a = as_double_array(obj, what);
  if (a.ndim() != 1 || a.shape(0) != images)
    throw py::value_error(what + ": expected one label per image of " + images_of + ", shape " +
                          expected + "; got shape " + shape_text(a));
  std::vector<uint32_t> labels(static_cast<size_t>(images));
  const double* p = a.data();
  for (size_t k = 0; k < labels.size(); ++k) {
    const double x = p[k];
    if (!(x >= 0 && x < classes && x == std::floor(x)))
      throw py::value_error(what + "[" + std::to_string(k) +
                            "] = " + py::str(py::float_(x)).cast<std::string>() +
                            ": labels are whole numbers 0 to " + std::to_string(classes - 1) +
                            " (rbm.labels = " + std::to_string(classes) + ")");
    labels[k] = static_cast<uint32_t>(x);
  }
  return labels;
}

// FNV-1a over the binarised images and labels: the arrays' part of what a resume must match
// (a run from files matches the file's text, paths included).
void hash_into(uint64_t& h, const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t k = 0; k < bytes; ++k) h = (h ^ p[k]) * 1099511628211ull;
}

std::string fingerprint(const char* name, const learning::Dataset& d) {
  uint64_t h = 14695981039346656037ull;
  const Eigen::Index shape[2] = {d.images.rows(), d.images.cols()};
  hash_into(h, shape, sizeof shape);
  hash_into(h, d.images.data(), static_cast<size_t>(d.images.size()) * sizeof(double));
  hash_into(h, d.labels.data(), d.labels.size() * sizeof(uint32_t));
  char line[160];
  std::snprintf(line, sizeof line, "# %s: numpy array %lld x %lld, %zu labels, fnv1a %016llx\n",
                name, static_cast<long long>(shape[0]), static_cast<long long>(shape[1]),
                d.labels.size(), static_cast<unsigned long long>(h));
  return line;
}

const char* const kArrayNames[] = {"train", "train_labels", "test", "test_labels"};

// The Python arrays in place of [data]; false where none is given (the file's [data] then).
bool data_from_arrays(const py::dict& arrays, learning::TrainingConfig& c) {
  for (const auto& item : arrays) {
    const std::string key = py::str(item.first).cast<std::string>();
    bool known = false;
    for (const char* name : kArrayNames) known = known || key == name;
    if (!known)
      throw py::value_error("train: unknown array '" + key +
                            "'; allowed: train, train_labels, test, test_labels");
  }
  const auto get = [&](const char* key) {
    return arrays.contains(key) ? py::object(arrays[key]) : py::object(py::none());
  };
  const py::object train = get("train"), train_labels = get("train_labels"), test = get("test"),
                   test_labels = get("test_labels");
  if (train.is_none()) {
    for (const char* name : {"train_labels", "test", "test_labels"})
      if (!get(name).is_none())
        throw py::value_error(std::string(name) +
                              " given without train: the arrays replace "
                              "the config's [data] as a whole; give train (images, visible) too");
    return false;
  }
  const uint32_t classes = c.settings.labels;
  c.train.images = images_from(train, "train", -1);
  c.train.labels =
      labels_from(train_labels, "train_labels", "train", c.train.images.rows(), classes);
  if (!test.is_none()) {
    c.test.images = images_from(test, "test", c.train.images.cols());
    c.test.labels = labels_from(test_labels, "test_labels", "test", c.test.images.rows(), classes);
  } else if (!test_labels.is_none()) {
    throw py::value_error("test_labels given without test: give the test images too");
  }
  c.settings_text += fingerprint("train", c.train);
  if (c.test.images.rows() > 0) c.settings_text += fingerprint("test", c.test);
  return true;
}

// training.csv as written: one float64 column per field (empty fields NaN), epoch as uint32.
py::dict training_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::kIo, "cannot read '" + path + "' after training");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  {
    std::istringstream header(line);
    std::string name;
    while (std::getline(header, name, ',')) names.push_back(name);
  }
  std::vector<std::vector<double>> columns(names.size());
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
      const size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (fields.size() != names.size())
      throw Error(ErrorKind::kIo, path + ": a row of " + std::to_string(fields.size()) +
                                      " fields under a header of " + std::to_string(names.size()));
    for (size_t k = 0; k < fields.size(); ++k)
      columns[k].push_back(fields[k].empty() ? std::nan("")
                                             : std::strtod(fields[k].c_str(), nullptr));
  }
  py::dict table;
  for (size_t k = 0; k < names.size(); ++k) {
    if (names[k] == "epoch") {
      std::vector<uint32_t> epochs(columns[k].begin(), columns[k].end());
      table[py::str(names[k])] = to_numpy(epochs);
    } else {
      table[py::str(names[k])] = to_numpy(columns[k]);
    }
  }
  return table;
}

// The persistent chains' images (samples.csv: chains x visible, 0/1); none for CD-k.
py::array_t<uint8_t> chain_samples(const Eigen::MatrixXd& samples, uint32_t visible) {
  if (samples.rows() > 0 && samples.cols() != visible)
    throw Error(ErrorKind::kIo, "samples.csv: images of " + std::to_string(samples.cols()) +
                                    " pixels where the RBM has " + std::to_string(visible));
  py::array_t<uint8_t> out(
      {static_cast<py::ssize_t>(samples.rows()), static_cast<py::ssize_t>(visible)});
  auto a = out.mutable_unchecked<2>();
  for (Eigen::Index r = 0; r < samples.rows(); ++r)
    for (uint32_t i = 0; i < visible; ++i) a(r, i) = samples(r, i) >= 0.5 ? 1 : 0;
  return out;
}

py::dict train(const py::object& config, bool is_text, const std::string& out_dir,
               const py::dict& arrays, bool resume, int threads, const py::object& say) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: all cores)");
  const std::string text_or_path = config.cast<std::string>();
  // Arrays given: [data] is not read (and may be absent); they are checked below against the
  // file's rbm.labels.
  bool caller_data = false;
  for (const char* name : kArrayNames)
    caller_data = caller_data || (arrays.contains(name) && !py::object(arrays[name]).is_none());
  const auto source = caller_data ? learning::DataSource::kCaller : learning::DataSource::kConfig;
  learning::TrainingConfig c;
  {
    py::gil_scoped_release release;
    c = is_text ? learning::parse_training_config(text_or_path, "<string>",
                                                  fs::current_path().string(), source)
                : learning::read_training_config(text_or_path, source);
  }
  data_from_arrays(arrays, c);
  const std::function<void(const std::string&)> say_line = say_through(say);
  learning::Rbm rbm;
  Eigen::MatrixXd samples;
  {
    py::gil_scoped_release release;
    rbm = learning::train_to_directory(c, out_dir, resume, threads, say_line);
    // CD-k from the batch keeps no chains (and writes no samples.csv).
    const bool chains =
        c.settings.sampler == learning::ModelSampler::kSpiking || c.settings.persistent;
    const fs::path samples_path = fs::path(out_dir) / "samples.csv";
    if (chains && fs::exists(samples_path))
      samples = sampling::read_number_array(samples_path).values;
  }
  py::dict d;
  d["W"] = matrix_to_numpy(rbm.W);
  d["b"] = vector_to_numpy(rbm.b);
  d["c"] = vector_to_numpy(rbm.c);
  d["training"] = training_table(out_dir + "/training.csv");
  d["samples"] = chain_samples(samples, rbm.visible);
  d["out_dir"] = out_dir;
  return d;
}

}  // namespace

void bind_learning_protocols(py::module_& m) {
  m.def("_train", &train, py::arg("config"), py::arg("is_text"), py::arg("out_dir"),
        py::arg("arrays"), py::arg("resume"), py::arg("threads"), py::arg("say"));
}

}  // namespace spikewafer::python
