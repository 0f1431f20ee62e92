#include "io/toml_document.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "io/toml_values.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::toml_values {
namespace {

// The largest description read: a network's data (connection lists, matrices) go in .npy or
// .csv files, and /dev/zero as a network file was read until memory ran out.
constexpr size_t kLargestDocument = size_t{256} << 20;

// Reads a whole file of at most kLargestDocument bytes; returns 0 or the errno of the failure
// (EFBIG when it is longer).
int read_file(const std::string& path, std::string& text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return errno;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (text.size() + n > kLargestDocument) return EFBIG;
    text.append(buffer, n);
  }
  return std::ferror(file.get()) ? (errno != 0 ? errno : EIO) : 0;
}

}  // namespace

toml::table parse_document(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    throw input_error(location(source, e.source().begin) +
                      ": invalid TOML: " + std::string(e.description()));
  }
}

toml::table load_document(const std::string& path, const std::string& what) {
  std::string text;
  errno = 0;
  if (const int error = read_file(path, text); error == EFBIG)
    throw input_error("cannot read " + what + " file '" + path + "': longer than " +
                      std::to_string(kLargestDocument >> 20) +
                      " MB; keep large arrays in .npy or .csv files that it names");
  else if (error != 0)
    throw input_error("cannot read " + what + " file '" + path + "': " + std::strerror(error));
  return parse_document(text, path);
}

}  // namespace spikewafer::toml_values
