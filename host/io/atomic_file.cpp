#include "atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
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

void check_output_directory_writable(const std::string& dir) {
  create_output_directory(dir);
  const std::string probe = (fs::path(dir) / (".write_probe." + std::to_string(getpid()))).string();
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (!file)
    throw Error(ErrorKind::kIo, "cannot write into output directory '" + dir + "': " +
                                    std::strerror(errno) + "; choose another --out");
  std::fclose(file);
  std::error_code ec;
  fs::remove(probe, ec);
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

namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

[[noreturn]] void io_failure(const std::string& what, const std::string& path) {
  throw Error(ErrorKind::kIo, "cannot " + what + " '" + path + "': " + std::strerror(errno));
}

// Writes, flushes to the OS and to disk, and closes; throws naming `path` on any failure.
void write_all(File file, const std::string& text, const std::string& path) {
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
      std::fflush(file.get()) != 0 || fsync(fileno(file.get())) != 0)
    io_failure("write", path);
  if (std::fclose(file.release()) != 0) io_failure("close", path);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicOutput out(path);
  File file(std::fopen(out.temp_path().c_str(), "wb"), &std::fclose);
  if (!file) io_failure("create", out.temp_path());
  write_all(std::move(file), text, out.temp_path());
  out.commit();
}

void append_durably(const std::string& path, const std::string& lines) {
  std::error_code ec;
  const auto before = fs::exists(path, ec) ? fs::file_size(path, ec) : uintmax_t{0};
  File file(std::fopen(path.c_str(), "ab"), &std::fclose);
  if (!file) io_failure("open for appending", path);
  try {
    write_all(std::move(file), lines, path);
  } catch (const Error&) {
    // A full disk cut the rows mid-line (a resume had to repair the table): give the file back
    // the size it had, so that it holds whole rows only.
    if (!ec) fs::resize_file(path, before, ec);
    throw;
  }
}

}  // namespace spikewafer
