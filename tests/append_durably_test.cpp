// A table appended row by row (io/atomic_file.hpp, append_durably) holds whole rows only, also
// when the disk fills in the middle of a row: the append fails with an I/O error naming the file
// and the file keeps its old size (a full disk once left scan.csv cut mid-row). The full disk is
// a file-size limit (RLIMIT_FSIZE), which makes write() fail as ENOSPC would.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/atomic_file.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

namespace fs = std::filesystem;

TEST(AppendDurably, AFailedAppendLeavesWholeRows) {
  const fs::path path = fs::temp_directory_path() / ("spikewafer_append_" + std::to_string(::getpid()));
  fs::remove(path);
  append_durably(path.string(), "a,b\n1,2\n");
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of the signal
  rlimit small = old;
  small.rlim_cur = 16;  // bytes: the next row crosses it
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  bool failed = false;
  try {
    append_durably(path.string(), "3,4444444444444444\n");
  } catch (const Error& e) {
    failed = true;
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous_handler);
  EXPECT_TRUE(failed);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "a,b\n1,2\n");
  fs::remove(path);
}

}  // namespace
}  // namespace spikewafer
