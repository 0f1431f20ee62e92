// The [target] table of a sampling file: each accepted form (inline W and b, J and h, .npy and
// .csv files, random, visible) and the messages users get for bad input, which name the file,
// the line and column, and the key.
#include "sampling/target_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// The bytes of a .npy file: `descr` ('<f8' or '<f4'), `shape` ("(2, 2)"), values in C order,
// little-endian, written here byte by byte so that the test does not rely on the host's order.
std::string npy_bytes(int major, const std::string& descr, const std::string& shape,
                      const std::vector<double>& values) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  const size_t prefix = major == 1 ? 10 : 12;
  header.append(63 - (prefix + header.size()) % 64, ' ');  // pad to 64 bytes, as numpy does
  header += '\n';
  std::string bytes = std::string("\x93NUMPY") + static_cast<char>(major) + '\0';
  for (size_t i = 0; i < prefix - 8; ++i)
    bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  bytes += header;
  for (const double value : values) {
    uint64_t word = 0;
    size_t size = 8;
    if (descr == "<f4") {
      const float single = static_cast<float>(value);
      uint32_t word32 = 0;
      std::memcpy(&word32, &single, 4);
      word = word32;
      size = 4;
    } else {
      std::memcpy(&word, &value, 8);
    }
    for (size_t i = 0; i < size; ++i) bytes += static_cast<char>((word >> (8 * i)) & 0xff);
  }
  return bytes;
}

class TargetFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spikewafer-target-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

  Target parse(const std::string& text) {
    toml::table document = toml::parse(text, std::string_view("bm.toml"));
    const toml_values::Table root(toml_values::Value{&document, "", "bm.toml"});
    return read_target(*root.get_table("target"), dir_);
  }

  // Parses expecting an input error whose message contains every piece.
  void expect_error(const std::string& text, std::initializer_list<std::string> pieces) {
    try {
      parse(text);
      ADD_FAILURE() << "parsed without error:\n" << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInput);
      for (const std::string& piece : pieces) EXPECT_THAT(e.what(), HasSubstr(piece));
    }
  }

  fs::path dir_;
};

TEST_F(TargetFile, InlineExampleParses) {
  const Target t = parse(R"([target]
W = [[0.0, 0.5, -0.3], [0.5, 0.0, 0.2], [-0.3, 0.2, 0.0]]
b = [0.1, -0.4, 0.2]
)");
  Eigen::MatrixXd W(3, 3);
  W << 0.0, 0.5, -0.3, 0.5, 0.0, 0.2, -0.3, 0.2, 0.0;
  EXPECT_EQ(t.bm.W, W);
  EXPECT_EQ(t.bm.b, Eigen::Vector3d(0.1, -0.4, 0.2));
  EXPECT_EQ(t.visible, -1);
}

TEST_F(TargetFile, SpinGlassIsConverted) {
  // W = 4 J = 1, b = 2 h - 2 J 1 = (1 - 1/2, -1/2 - 1/2).
  const Target t = parse("[target]\nJ = [[0, 0.25], [0.25, 0]]\nh = [0.5, -0.25]\n");
  EXPECT_EQ(t.bm.W(0, 1), 1.0);
  EXPECT_EQ(t.bm.W(1, 0), 1.0);
  EXPECT_EQ(t.bm.b, Eigen::Vector2d(0.5, -1.0));
}

TEST_F(TargetFile, NpyFiles) {
  write("w.npy", npy_bytes(1, "<f8", "(2, 2)", {0.0, 1.5, 1.5, 0.0}));
  write("b.npy", npy_bytes(2, "<f4", "(2,)", {0.5, -0.25}));
  const Target t = parse("[target]\nW = \"w.npy\"\nb = \"b.npy\"\n");
  Eigen::MatrixXd W(2, 2);
  W << 0.0, 1.5, 1.5, 0.0;
  EXPECT_EQ(t.bm.W, W);
  EXPECT_EQ(t.bm.b, Eigen::Vector2d(0.5, -0.25));
}

TEST_F(TargetFile, CsvFiles) {
  write("w.csv", "0, 0.5, -0.3\n0.5, 0, 0.2\n-0.3, 0.2, 0\n");
  write("b.csv", "0.1\n-0.4\n0.2\n");  // one number per line; one line works as well
  const Target t = parse("[target]\nW = \"w.csv\"\nb = \"b.csv\"\n");
  EXPECT_EQ(t.bm.W(0, 2), -0.3);
  EXPECT_EQ(t.bm.W(2, 1), 0.2);
  EXPECT_EQ(t.bm.b, Eigen::Vector3d(0.1, -0.4, 0.2));
}

TEST_F(TargetFile, SpinGlassFromFiles) {
  write("j.csv", "0,0.25\n0.25,0\n");
  write("h.csv", "0.5,-0.25\n");
  const Target t = parse("[target]\nJ = \"j.csv\"\nh = \"h.csv\"\n");
  EXPECT_EQ(t.bm.W(0, 1), 1.0);
  EXPECT_EQ(t.bm.b, Eigen::Vector2d(0.5, -1.0));
}

TEST_F(TargetFile, RandomMachine) {
  const Target t = parse("[target]\nrandom = { n = 5, w_std = 1.0, b_std = 0.5, seed = 3 }\n");
  const BoltzmannMachine expected = random_boltzmann_machine(5, 1.0, 0.5, 3);
  EXPECT_EQ(t.bm.W, expected.W);
  EXPECT_EQ(t.bm.b, expected.b);
  const Target default_seed = parse("[target]\nrandom = { n = 4, w_std = 2, b_std = 1 }\n");
  EXPECT_EQ(default_seed.bm.W, random_boltzmann_machine(4, 2.0, 1.0, 1).W);
}

TEST_F(TargetFile, RestrictedMachine) {
  // Units 0, 1 visible and 2, 3 hidden: only the off-diagonal blocks are coupled.
  const Target t = parse(R"([target]
visible = 2
W = [[0, 0, 1, 2], [0, 0, 3, 4], [1, 3, 0, 0], [2, 4, 0, 0]]
b = [0, 0, 0, 0]
)");
  EXPECT_EQ(t.visible, 2);
  EXPECT_EQ(t.bm.W(1, 3), 4.0);
  // A random RBM draws only the visible-hidden weights.
  const Target r = parse("[target]\nvisible = 2\nrandom = { n = 5, w_std = 1, b_std = 1 }\n");
  const BoltzmannMachine full = random_boltzmann_machine(5, 1.0, 1.0, 1);
  EXPECT_EQ(r.visible, 2);
  EXPECT_EQ(r.bm.W(0, 1), 0.0);
  EXPECT_EQ(r.bm.W(2, 4), 0.0);
  EXPECT_EQ(r.bm.W(0, 2), full.W(0, 2));
  EXPECT_NE(r.bm.W(0, 2), 0.0);
}

TEST_F(TargetFile, ValidationErrorsNameFileLineAndKey) {
  expect_error("[target]\nW = [[0.0, 0.5], [0.4, 0.0]]\nb = [0, 0]\n",
               {"bm.toml:2:5: target.W: not symmetric: W[0][1] = 0.5 but W[1][0] = 0.4; "
                "a Boltzmann machine's weights must be symmetric"});
  expect_error("[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\nb = [0, 0, 1]\n",
               {"bm.toml:3:5: target.b: has 3 entries but W is 2 x 2"});
  expect_error("[target]\nW = [[0.0, 0.5, 1], [0.5, 0.0, 1]]\nb = [0, 0]\n",
               {"bm.toml:2:5: target.W: is 2 x 3; it must be square"});
  expect_error("[target]\nW = [[0.0, 0.5], [0.5]]\nb = [0, 0]\n",
               {"target.W[1]: has 1 entries but W[0] has 2"});
  expect_error("[target]\nW = [[0.0, nan], [nan, 0.0]]\nb = [0, 0]\n",
               {"bm.toml:2:5: target.W: W[0][1] = nan; every entry must be a finite number"});
  expect_error("[target]\nJ = [[0.0, 1], [1, 0.0]]\nh = [0, inf]\n",
               {"bm.toml:3:5: target.h: h[1] = inf; every entry must be a finite number"});
  expect_error("[target]\nW = [[1.0, 0.5], [0.5, 0.0]]\nb = [0, 0]\n",
               {"target.W: W[0][0] = 1; the diagonal must be zero"});
}

TEST_F(TargetFile, FileErrorsNameKeyAndPath) {
  expect_error(
      "[target]\nW = \"missing.npy\"\nb = [0, 0]\n",
      {"bm.toml:2:5: target.W: '", "missing.npy' does not exist; a relative path starts at"});
  write("w.csv", "0,nan\nnan,0\n");
  expect_error("[target]\nW = \"w.csv\"\nb = [0, 0]\n", {"target.W: W[0][1] = nan"});
  write("bad.csv", "0,1\n1,zero\n");
  expect_error("[target]\nW = \"bad.csv\"\nb = [0, 0]\n",
               {"target.W: '", "bad.csv': line 2, entry 2: 'zero' is not a number"});
  write("big.npy", npy_bytes(1, ">f8", "(2, 2)", {0, 0, 0, 0}));
  expect_error("[target]\nW = \"big.npy\"\nb = [0, 0]\n", {"target.W: '", "holds '>f8'"});
  write("b.npy", npy_bytes(1, "<f8", "(2,)", {0, 0}));
  expect_error("[target]\nW = \"b.npy\"\nb = [0, 0]\n",
               {"target.W: '", "is 1-D with 2 entries; W needs a 2-D N x N array"});
  write("w.txt", "0");
  expect_error("[target]\nW = \"w.txt\"\nb = [0]\n", {"target.W: '", "give a .npy or a .csv"});
}

TEST_F(TargetFile, FormErrors) {
  expect_error("[target]\nW = [[0]]\nb = [0]\nrandom = { n = 2, w_std = 1, b_std = 1 }\n",
               {"bm.toml:4:10: target.random: [target] also has W; give one form of target"});
  expect_error("[target]\nW = [[0]]\nh = [0]\n", {"target.h: [target] also has W"});
  expect_error("[target]\nvisible = 1\n", {"bm.toml:1:1: target: no target given; give W and b"});
  expect_error("[target]\nW = [[0]]\n", {"target.b: missing required key"});
  expect_error("[target]\nW = [[0]]\nb = [0]\nbias = [0]\n",
               {"bm.toml:4:1: target.bias: unknown key in [target]; allowed: W, b, J, h"});
  expect_error("[target]\nW = [0, 1]\nb = [0, 0]\n",
               {"target.W[0]: expected a row (an array of numbers), got an integer"});
  expect_error("[target]\nW = [[0]]\nb = 1.5\n",
               {"target.b: expected an array of numbers or a .npy/.csv file name, got a float"});
}

TEST_F(TargetFile, RandomErrors) {
  expect_error("[target]\nrandom = { n = 0, w_std = 1, b_std = 1 }\n",
               {"target.random.n: expected an integer >= 1, got 0"});
  expect_error("[target]\nrandom = { n = 1001, w_std = 1, b_std = 1 }\n",
               {"target.random.n: expected an integer <= 1000"});
  expect_error("[target]\nrandom = { n = 3, w_std = -1, b_std = 1 }\n",
               {"target.random.w_std: expected a finite number >= 0"});
  expect_error("[target]\nrandom = { n = 3, w_std = 1 }\n",
               {"target.random.b_std: missing required key"});
  expect_error("[target]\nrandom = { n = 3, w_std = 1, b_std = 1, size = 3 }\n",
               {"target.random.size: unknown key in random"});
}

TEST_F(TargetFile, RestrictedErrors) {
  expect_error("[target]\nvisible = 2\nW = [[0, 0.5, 1], [0.5, 0, 1], [1, 1, 0]]\nb = [0, 0, 0]\n",
               {"bm.toml:3:5: target.W: W[0][1] = 0.5 couples two visible units, but with "
                "visible = 2 only a visible unit (0..1) and a hidden one (2..2) may be coupled"});
  expect_error("[target]\nvisible = 1\nJ = [[0, 1, 1], [1, 0, 1], [1, 1, 0]]\nh = [0, 0, 0]\n",
               {"target.J: J[1][2] = 1 couples two hidden units"});
  expect_error("[target]\nvisible = 3\nW = [[0, 0.5, 1], [0.5, 0, 1], [1, 1, 0]]\nb = [0, 0, 0]\n",
               {"bm.toml:2:11: target.visible: visible = 3 but the target has 3 units"});
}

}  // namespace
}  // namespace spikewafer::sampling
