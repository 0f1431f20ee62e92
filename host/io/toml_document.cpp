#include "io/toml_document.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "io/toml_values.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::toml_values {
namespace {

// Reads a whole file; returns 0 or the errno of the failure.
int read_file(const std::string& path, std::string& text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return errno;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
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
  if (const int error = read_file(path, text); error != 0)
    throw input_error("cannot read " + what + " file '" + path + "': " + std::strerror(error));
  return parse_document(text, path);
}

}  // namespace spikewafer::toml_values
