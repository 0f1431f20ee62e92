// `spikewafer train` end to end: a good run writes training.csv and the weights (which `sample`
// reads back as a target); bad input (a
// data file of the wrong shape, labels that do not match, a learning rate <= 0, an unready
// sampler) gets a message naming the key, exit 2, and no results.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "learning/training_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::test {
namespace {

namespace fs = std::filesystem;

class CliTrain : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer_cli_train_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("images.csv", "0,1,1,0\n1,0,0,1\n1,1,0,0\n0,0,1,1\n");
    write("labels.csv", "0\n1\n0\n1\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  Outcome train(const std::string& toml) const {
    return run_cli("train " + write("rbm.toml", toml) + " --out " + (dir_ / "out").string() +
                   " --no-plots");
  }
  void expect_refused(const std::string& toml, const std::string& expected) const {
    const Outcome o = train(toml);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
    for (const char* file : {"training.csv", "W.csv", "checkpoint.bin"})
      EXPECT_FALSE(fs::exists(dir_ / "out" / file)) << file;
  }

  fs::path dir_;
};

const std::string kGood =
    "[rbm]\nhidden = 3\nlabels = 2\n[data]\ntrain = \"images.csv\"\ntrain_labels = "
    "\"labels.csv\"\ntest = \"images.csv\"\ntest_labels = \"labels.csv\"\n[training]\n"
    "epochs = 3\nbatch_size = 2\n";

TEST_F(CliTrain, AGoodRunWritesItsTableAndWeights) {
  const Outcome o = train(kGood);
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::ifstream table(dir_ / "out" / "training.csv");
  std::string header, row;
  std::getline(table, header);
  EXPECT_EQ(header.rfind("epoch,learning_rate,train_log_likelihood,test_log_likelihood,"
                         "test_accuracy", 0), 0u);
  int rows = 0;
  while (std::getline(table, row)) ++rows;
  EXPECT_EQ(rows, 3);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "W.csv"));
  // A second fresh run is refused; --resume of a finished run changes nothing.
  EXPECT_EQ(train(kGood).exit_code, 2);
  // What train wrote, sample reads back: the trained network as a target, here for tempering,
  // whose samples its label units judge.
  const Outcome sampled = run_cli(
      "sample " +
      write("bm.toml", "[target]\ntrained = \"out\"\n[sampler]\nduration = 200.0\n"
                       "replicas = 2\ncalibration_duration = 500.0\ngibbs = false\n"
                       "translation = \"open\"\n[tempering]\nvariants = [\"plain\", \"noise\"]\n"
                       "rate_points = 1\nperiod = 40.0\n") +
      " --out " + (dir_ / "sampled").string() + " --no-plots");
  ASSERT_EQ(sampled.exit_code, 0) << sampled.output;
  EXPECT_NE(sampled.output.find("judged by the network's 2 label units"), std::string::npos)
      << sampled.output;
  EXPECT_TRUE(fs::exists(dir_ / "sampled" / "tempering_images.csv"));
}

TEST_F(CliTrain, BadInputIsRefusedWithTheKey) {
  write("wide.csv", "0,1,1\n1,0,0\n1,1,0\n0,0,1\n");
  std::string wrong_shape = kGood;
  wrong_shape.replace(wrong_shape.find("test = \"images.csv\""), 19, "test = \"wide.csv\"");
  expect_refused(wrong_shape, "data.test: images of 3 pixels");
  write("short_labels.csv", "0\n1\n");
  std::string short_labels = kGood;
  short_labels.replace(short_labels.find("train_labels = \"labels.csv\""), 27,
                       "train_labels = \"short_labels.csv\"");
  expect_refused(short_labels, "2 labels for 4 images");
  write("big_labels.csv", "0\n1\n2\n1\n");
  std::string big_labels = kGood;
  big_labels.replace(big_labels.find("train_labels = \"labels.csv\""), 27,
                     "train_labels = \"big_labels.csv\"");
  expect_refused(big_labels, "labels are whole numbers 0 to 1");
  expect_refused(kGood + "learning_rate = 0.0\n", "training.learning_rate");
  expect_refused("[rbm]\nhidden = 3\n", "missing [data]");
  std::string big_batch = kGood;
  big_batch.replace(big_batch.find("batch_size = 2"), 14, "batch_size = 9");
  expect_refused(big_batch, "training.batch_size = 9 exceeds the 4 training images");
  expect_refused(kGood + "data_phase = \"exact\"\n", "training.data_phase");
  expect_refused(kGood + "sampler = \"spiking\"\ndata_phase = \"clamped\"\n",
                 "training.data_phase");
}

// An RBM that cannot fit is refused with exit 3 and the amount, before anything is allocated
// or written (4e9 hidden units ended in std::bad_alloc, exit 1).
TEST_F(CliTrain, AnRbmThatDoesNotFitIsRefusedWithExit3) {
  std::string huge = kGood;
  huge.replace(huge.find("hidden = 3"), 10, "hidden = 4000000000");
  const Outcome o = train(huge);
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_NE(o.output.find("give rbm.hidden or training.chains fewer"), std::string::npos)
      << o.output;
  for (const char* file : {"training.csv", "W.csv", "checkpoint.bin"})
    EXPECT_FALSE(fs::exists(dir_ / "out" / file)) << file;
}

// The shipped training examples read as they are (digits.toml needs scripts/make-digits.sh's
// files, so only its missing data is expected).
TEST(TrainingExamples, Parse) {
  const std::string examples = std::string(SPIKEWAFER_SOURCE_DIR) + "/examples/";
  const auto bas = learning::read_training_config(examples + "bars_and_stripes.toml");
  EXPECT_EQ(bas.settings.sampler, learning::ModelSampler::kGibbs);
  const auto spiking = learning::read_training_config(examples + "bars_and_stripes_spiking.toml");
  EXPECT_EQ(spiking.settings.sampler, learning::ModelSampler::kSpiking);
  EXPECT_EQ(spiking.train.images.rows(), 14);
  if (!fs::exists(std::string(SPIKEWAFER_SOURCE_DIR) + "/data/digits/train.csv")) {
    try {
      learning::read_training_config(examples + "digits.toml");
      ADD_FAILURE() << "digits.toml read without its data";
    } catch (const spikewafer::Error& e) {
      EXPECT_NE(std::string(e.what()).find("digits/train.csv"), std::string::npos) << e.what();
    }
  } else {
    EXPECT_EQ(learning::read_training_config(examples + "digits.toml").train.images.rows(), 1500);
    const auto loop = learning::read_training_config(examples + "digits_in_loop.toml");
    EXPECT_EQ(loop.settings.sampler, learning::ModelSampler::kSpiking);
    EXPECT_FALSE(loop.settings.data_on_networks);
  }
}

}  // namespace
}  // namespace spikewafer::test
