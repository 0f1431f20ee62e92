#include "atomic_file.hpp"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "spikewafer/error.hpp"

namespace spikewafer {

namespace fs = std::filesystem;

void create_output_directory(const std::string& dir) {
  if (dir.empty()) throw Error(ErrorKind::kIo, "output directory: the path is empty");
  std::error_code ec;
  fs::create_directories(dir, ec);
  // Not every standard library reports an error when the path already exists as a regular
  // file, so check what is there instead of trusting the error code alone.
  if (!ec && !fs::is_directory(dir, ec) && !ec)
    ec = std::make_error_code(std::errc::not_a_directory);
  if (ec) {
    throw Error(ErrorKind::kIo, "cannot create output directory '" + dir + "': " + ec.message());
  }
}

void remove_file_if_present(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot remove '" + path + "': " + ec.message());
}

AtomicOutput::AtomicOutput(const std::string& path) : path_(path) {
  const fs::path final_path(path);
  temp_path_ = (final_path.parent_path() /
                ("." + final_path.filename().string() + ".tmp." + std::to_string(getpid())))
                   .string();
}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  std::error_code ec;  // nothing to report from a destructor; the original error is what matters
  fs::remove(temp_path_, ec);
}

void AtomicOutput::commit() {
  std::error_code ec;
  fs::rename(temp_path_, path_, ec);
  if (ec) {
    throw Error(ErrorKind::kIo,
                "cannot rename '" + temp_path_ + "' to '" + path_ + "': " + ec.message());
  }
  committed_ = true;
}

}  // namespace spikewafer
