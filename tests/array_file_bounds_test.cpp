// Number files (weights, biases, training images) are read only as far as memory allows: a file
// that is not a regular one has no length to check first, so it is read up to 256 MB (a weight
// file linked to /dev/zero was read until memory ran out); a regular file too large for the free
// memory is refused with a resource error before it is read.
#include "sampling/array_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include <filesystem>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

TEST(ArrayFileBounds, AnEndlessDeviceIsReadOnlyUpToItsBound) {
  if (!std::filesystem::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero here";
  const auto link = std::filesystem::temp_directory_path() /
                    ("spikewafer_zero_" + std::to_string(::getpid()) + ".npy");
  std::filesystem::remove(link);
  std::filesystem::create_symlink("/dev/zero", link);
  try {
    read_number_array(link);
    ADD_FAILURE() << "/dev/zero was read as numbers";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
  std::filesystem::remove(link);
}

TEST(ArrayFileBounds, ARegularFileLargerThanFreeMemoryIsRefusedBeforeReading) {
  // A sparse file of 2^42 bytes (4 TB) takes no disk space; its length alone refuses it.
  const auto path = std::filesystem::temp_directory_path() /
                    ("spikewafer_huge_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream(path.string()) << "";
  }
  std::error_code ec;
  std::filesystem::resize_file(path, uint64_t{1} << 42, ec);
  if (ec) GTEST_SKIP() << "this file system has no sparse files: " << ec.message();
  try {
    read_number_array(path);
    ADD_FAILURE() << "a 4 TB file was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kResource) << e.what();
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace spikewafer::sampling
