#include "learning/trainer.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/host_model.hpp"
#include "io/atomic_file.hpp"
#include "io/output_lock.hpp"
#include "kernels/random.hpp"
#include "learning/annealed_importance.hpp"
#include "learning/data_phase.hpp"
#include "learning/model_phase.hpp"
#include "learning/network_classifier.hpp"
#include "learning/pattern_completion.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::learning {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kHeader =
    "epoch,learning_rate,train_log_likelihood,test_log_likelihood,test_accuracy,wall_s,"
    "emulated_ms,sampled_log_likelihood,completion_pixel_error,completion_accuracy,"
    "network_test_accuracy,log_z_err";

// Everything a resumed run needs, after `epoch` epochs and `updates` updates.
struct Checkpoint {
  uint32_t epoch = 0;
  uint64_t updates = 0;
  std::string settings;
  Rbm rbm;
  Eigen::MatrixXd vW;
  Eigen::VectorXd vb, vc;
  std::vector<uint8_t> chains;  // persistent chains' states, chains x units
  double emulated_ms = 0.0;
};

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

void write_matrix(std::ostringstream& out, const char* name, const Eigen::MatrixXd& m) {
  out << name << ' ' << m.rows() << ' ' << m.cols();
  for (Eigen::Index k = 0; k < m.size(); ++k) out << ' ' << number(m.data()[k]);
  out << '\n';
}

Eigen::MatrixXd read_matrix(std::istringstream& in, const char* name) {
  std::string key;
  Eigen::Index rows = 0, cols = 0;
  in >> key >> rows >> cols;
  if (key != name || rows < 0 || cols < 0) throw input_error("checkpoint: expected " + std::string(name));
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index k = 0; k < m.size(); ++k) in >> m.data()[k];
  return m;
}

std::string checkpoint_text(const Checkpoint& c) {
  std::ostringstream out;
  out << "spikewafer-rbm-checkpoint 1\n"
      << "epoch " << c.epoch << "\nupdates " << c.updates << "\nemulated_ms "
      << number(c.emulated_ms) << "\nunits " << c.rbm.visible << ' ' << c.rbm.labels << ' '
      << c.rbm.hidden << "\nsettings " << c.settings.size() << '\n'
      << c.settings << '\n';
  write_matrix(out, "W", c.rbm.W);
  write_matrix(out, "b", c.rbm.b);
  write_matrix(out, "c", c.rbm.c);
  write_matrix(out, "vW", c.vW);
  write_matrix(out, "vb", c.vb);
  write_matrix(out, "vc", c.vc);
  out << "chains " << c.chains.size() << ' ';
  for (uint8_t z : c.chains) out << static_cast<char>('0' + z);
  out << '\n';
  return out.str();
}

Checkpoint read_checkpoint(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  std::istringstream in(buffer.str());
  Checkpoint c;
  std::string key;
  int version = 0;
  size_t length = 0;
  in >> key >> version;
  if (key != "spikewafer-rbm-checkpoint" || version != 1)
    throw input_error(path + ": not a training checkpoint of this version");
  in >> key >> c.epoch >> key >> c.updates >> key >> c.emulated_ms >> key >> c.rbm.visible >>
      c.rbm.labels >> c.rbm.hidden >> key >> length;
  in.get();
  c.settings.resize(length);
  in.read(c.settings.data(), static_cast<std::streamsize>(length));
  c.rbm.W = read_matrix(in, "W");
  c.rbm.b = read_matrix(in, "b");
  c.rbm.c = read_matrix(in, "c");
  c.vW = read_matrix(in, "vW");
  c.vb = read_matrix(in, "vb");
  c.vc = read_matrix(in, "vc");
  size_t count = 0;
  std::string bits;
  in >> key >> count;
  if (count > 0) in >> bits;
  if (!in || key != "chains" || bits.size() != count)
    throw input_error(path + ": the checkpoint is damaged; remove it (and training.csv) to start over");
  for (char b : bits) c.chains.push_back(static_cast<uint8_t>(b - '0'));
  return c;
}

// The visible units of each persistent chain (chains x units, visible first), one image a row.
std::string chain_images(const std::vector<uint8_t>& chains, const Rbm& rbm) {
  std::string s;
  for (size_t start = 0; start + rbm.units() <= chains.size(); start += rbm.units()) {
    for (uint32_t i = 0; i < rbm.visible; ++i) {
      if (i) s += ',';
      s += chains[start + i] ? '1' : '0';
    }
    s += '\n';
  }
  return s;
}

std::string csv_matrix(const Eigen::MatrixXd& m) {
  std::string s;
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index k = 0; k < m.cols(); ++k) s += (k ? "," : "") + number(m(r, k));
    s += '\n';
  }
  return s;
}

std::string field(double x) { return std::isnan(x) ? "" : number(x); }

// rbm.json: the layers of W.csv, b.csv and c.csv, and the training labels' class frequencies,
// for the commands that read a trained network back (`[target] trained = DIR` of `sample`).
std::string rbm_json(const Rbm& rbm, const Dataset& train, uint32_t epoch) {
  nlohmann::ordered_json j;
  j["visible"] = rbm.visible;
  j["labels"] = rbm.labels;
  j["hidden"] = rbm.hidden;
  j["epoch"] = epoch;
  if (rbm.labels && !train.labels.empty()) {
    std::vector<double> frequencies(rbm.labels, 0.0);
    for (uint32_t label : train.labels) frequencies[label] += 1.0 / train.labels.size();
    j["label_frequencies"] = frequencies;
  }
  return j.dump(2) + "\n";
}

// A fixed permutation of 0..n-1 per (seed, epoch): Fisher-Yates on Philox numbers.
std::vector<uint32_t> shuffled(uint32_t n, uint64_t seed, uint32_t epoch) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  for (uint32_t k = n; k > 1; --k) {
    const float u = kernels::philox_uniform4(seed, k, epoch, kernels::Stream::kInitial, 13).u[0];
    std::swap(order[k - 1], order[std::min<uint32_t>(k - 1, static_cast<uint32_t>(u * k))]);
  }
  return order;
}

double accuracy(const Rbm& rbm, const Dataset& data) {
  if (rbm.labels == 0 || data.labels.empty()) return std::nan("");
  uint32_t right = 0;
  for (Eigen::Index r = 0; r < data.images.rows(); ++r)
    right += classify(rbm, data.images.row(r).transpose()) == data.labels[r];
  return static_cast<double>(right) / static_cast<double>(data.images.rows());
}

void check_shapes(const TrainingRun& run) {
  const TrainingSettings& s = run.settings;
  if (run.train.images.rows() == 0) throw input_error("data.train: no images");
  if (run.test.images.rows() > 0 && run.test.images.cols() != run.train.images.cols())
    throw input_error("data.test: images of " + std::to_string(run.test.images.cols()) +
                      " pixels where the training images have " +
                      std::to_string(run.train.images.cols()) + "; give images of one shape");
  if (s.sampler == ModelSampler::kSpiking && !run.calibration)
    throw input_error("training: the spiking sampler needs a calibration");
  // The weights and their velocities, the model phase's chains and a batch's products, in
  // doubles: refused before anything is allocated (hidden = 4e9 ended in std::bad_alloc, exit 1).
  const double inputs = static_cast<double>(run.train.images.cols() + s.labels);
  const double units = inputs + s.hidden;
  const double bytes = 8.0 * (4.0 * inputs * s.hidden + 3.0 * s.chains * units +
                              3.0 * s.batch_size * units + 4.0 * units);
  refuse_unless_it_fits(bytes,
                        "training: the weights and " + std::to_string(s.chains) +
                            " chains of an RBM of " +
                            std::to_string(static_cast<uint64_t>(inputs)) + " inputs and " +
                            std::to_string(s.hidden) + " hidden units",
                        "give rbm.hidden or training.chains fewer");
  if (s.batch_size > run.train.images.rows())
    throw input_error("training.batch_size = " + std::to_string(s.batch_size) + " exceeds the " +
                      std::to_string(run.train.images.rows()) + " training images");
}

}  // namespace

Rbm train(const TrainingRun& run) {
  check_shapes(run);
  const TrainingSettings& s = run.settings;
  const OutputLock lock(run.dir);  // one writer per folder
  const std::string checkpoint_path = run.dir + "/checkpoint.bin";
  const std::string csv_path = run.dir + "/training.csv";
  Checkpoint c;
  const auto visible = static_cast<uint32_t>(run.train.images.cols());
  if (fs::exists(checkpoint_path)) {
    if (!run.resume)
      throw input_error(run.dir + " holds a training run (checkpoint.bin); continue it with "
                                  "--resume, or choose another --out");
    c = read_checkpoint(checkpoint_path);
    if (c.settings != run.settings_text)
      throw input_error(run.dir + ": the settings differ from those the run was started with; "
                                  "resume with the same file, or choose another --out");
    // Rows written after the checkpoint (a run killed between the two) are dropped.
    std::ifstream in(csv_path);
    std::string line, kept;
    for (uint32_t k = 0; k <= c.epoch && std::getline(in, line); ++k) kept += line + "\n";
    write_file_atomically(csv_path, kept);
  } else {
    c.rbm = make_rbm(visible, s.labels, s.hidden, s.weight_std, s.seed);
    c.vW = Eigen::MatrixXd::Zero(c.rbm.inputs(), s.hidden);
    c.vb = Eigen::VectorXd::Zero(c.rbm.inputs());
    c.vc = Eigen::VectorXd::Zero(s.hidden);
    c.settings = run.settings_text;
    write_file_atomically(csv_path, std::string(kHeader) + "\n");
  }
  Rbm& rbm = c.rbm;
  const Eigen::MatrixXd train_x = rbm_inputs(run.train, s.labels);
  const Eigen::MatrixXd test_x = run.test.images.rows() ? rbm_inputs(run.test, s.labels)
                                                        : Eigen::MatrixXd();
  const auto n = static_cast<uint32_t>(train_x.rows());
  const uint32_t batches = n / s.batch_size;
  for (uint32_t epoch = c.epoch; epoch < s.epochs; ++epoch) {
    const auto start = Clock::now();
    const double rate = s.learning_rate / (1.0 + s.learning_rate_decay * epoch);
    const bool spiking = s.sampler == ModelSampler::kSpiking;
    std::unique_ptr<ModelPhase> phase =
        spiking ? spiking_phase(rbm, *run.calibration, s.chains, s.settle, s.window,
                                s.sample_interval, s.seed, epoch, c.chains, run.threads)
                : gibbs_phase(s.cd_k, s.persistent, s.chains, s.seed,
                              c.updates * (2 * s.cd_k + 1), c.chains);
    // With LIF networks in the loop the data phase runs on networks too, unless it is asked to
    // be exact (data_phase.hpp).
    std::unique_ptr<DataPhase> data =
        spiking && s.data_on_networks
            ? spiking_data_phase(rbm, *run.calibration, s.batch_size, s.settle, s.window,
                                 s.sample_interval, s.seed, epoch, run.threads)
            : exact_data_phase();
    const std::vector<uint32_t> order = shuffled(n, s.seed, epoch);
    Eigen::MatrixXd batch(s.batch_size, rbm.inputs());
    for (uint32_t b = 0; b < batches; ++b) {
      for (uint32_t r = 0; r < s.batch_size; ++r) batch.row(r) = train_x.row(order[b * s.batch_size + r]);
      const Statistics held = data->sample(rbm, batch);
      const Statistics model = phase->sample(rbm, batch);
      c.vW = s.momentum * c.vW + rate * (held.xh - model.xh - s.weight_decay * rbm.W);
      c.vb = s.momentum * c.vb + rate * (held.x - model.x);
      c.vc = s.momentum * c.vc + rate * (held.h - model.h);
      rbm.W += c.vW;
      rbm.b += c.vb;
      rbm.c += c.vc;
      ++c.updates;
      // A learning rate far too large overflows the weights within a few updates; stop before
      // anything non-finite is written (the last checkpoint stays the last good epoch).
      if (!rbm.W.allFinite() || !rbm.b.allFinite() || !rbm.c.allFinite())
        throw input_error("training diverged in epoch " + std::to_string(epoch + 1) +
                          " (update " + std::to_string(c.updates) +
                          "): the weights are no longer finite; lower training.learning_rate "
                          "(now " + number(s.learning_rate) + ") or training.momentum");
    }
    c.chains = phase->states();
    // What the model phase sampled this epoch, judged on the training data: for LIF networks
    // in the loop the measure that counts (the parameters compensate the networks' errors, so
    // the exact log-likelihood of the parameters is not what the networks sample).
    const double sampled_ll = sampled_log_likelihood(phase->take_input_counts(), train_x);
    c.emulated_ms += phase->emulated_ms() + data->emulated_ms();
    c.epoch = epoch + 1;
    // log Z exactly where the smaller layer allows, else by annealed importance sampling (the
    // digits' 74 x 128: 100 runs x 1000 temperatures, about 0.5 s), the same seed every epoch.
    const AisEstimate z = log_partition_estimate(rbm, AisSettings{100, 1000, s.seed}, run.threads);
    const double train_ll = mean_log_likelihood(rbm, train_x, z.log_z);
    const double test_ll = test_x.rows() ? mean_log_likelihood(rbm, test_x, z.log_z) : std::nan("");
    const double test_accuracy = accuracy(rbm, run.test);
    // On the test images, with the same random numbers every epoch (smoother curves).
    const CompletionScore completion = complete_lower_halves(rbm, run.test, s.seed);
    // In the loop, the networks' own labels with the image clamped: what was trained.
    const double network_test_accuracy =
        spiking ? network_accuracy(rbm, run.test, *run.calibration, s.seed, epoch, run.threads)
                : std::nan("");
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    // The weights, then the row, then the checkpoint: a run killed in between redoes the epoch.
    write_file_atomically(run.dir + "/W.csv", csv_matrix(rbm.W));
    write_file_atomically(run.dir + "/b.csv", csv_matrix(rbm.b));
    write_file_atomically(run.dir + "/c.csv", csv_matrix(rbm.c));
    write_file_atomically(run.dir + "/rbm.json", rbm_json(rbm, run.train, c.epoch));
    // What the model generates: its chains' images (samples.png); none with CD-k chains.
    if (!c.chains.empty())
      write_file_atomically(run.dir + "/samples.csv", chain_images(c.chains, rbm));
    append_durably(csv_path, std::to_string(c.epoch) + "," + number(rate) + "," +
                                 field(train_ll) + "," + field(test_ll) + "," +
                                 field(test_accuracy) + "," + number(wall) + "," +
                                 number(c.emulated_ms) + "," + field(sampled_ll) + "," +
                                 field(completion.pixel_error) + "," +
                                 field(completion.accuracy) + "," +
                                 field(network_test_accuracy) + "," + field(z.log_z_err) +
                                 "\n");
    write_file_atomically(checkpoint_path, checkpoint_text(c));
    if (run.say) {
      // Only what this run has: exact log-likelihoods need a small layer, sampled ones at most
      // 16 inputs, accuracy label units and test images.
      std::string text = "epoch " + std::to_string(c.epoch) + " of " + std::to_string(s.epochs);
      const auto add = [&](const char* name, double value) {
        if (std::isnan(value)) return;
        char part[64];
        std::snprintf(part, sizeof part, ", %s %.4g", name, value);
        text += part;
      };
      add("log-likelihood train", train_ll);
      add("test", test_ll);
      add("sampled", sampled_ll);
      add("test accuracy", test_accuracy);
      add("by the networks", network_test_accuracy);
      add("completion error", completion.pixel_error);
      add("completion accuracy", completion.accuracy);
      char tail[32];
      std::snprintf(tail, sizeof tail, "; %.1f s", wall);
      run.say(text + tail);
    }
  }
  return rbm;
}

}  // namespace spikewafer::learning
