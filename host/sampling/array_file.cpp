#include "sampling/array_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/host_model.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

namespace {

constexpr const char* kNpyFix =
    "save it with numpy.save(path, array.astype('<f8')) as a 1-D or 2-D array";
constexpr const char* kCsvFix = "give comma-separated numbers, one row per line, no header";

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
  throw input_error("'" + path.string() + "': " + problem);
}

// What is read from a file that is not a regular one (a pipe, a device), whose length is not
// known before reading: /dev/zero as a weight file was read until memory ran out.
constexpr size_t kLargestStream = size_t{256} << 20;

std::string read_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  if (regular) {
    const auto size = std::filesystem::file_size(path, ec);
    // The bytes, and about as much again for the numbers read from them.
    if (!ec)
      refuse_unless_it_fits(2.0 * static_cast<double>(size),
                            "reading '" + path.string() + "' and its numbers would",
                            "give a smaller file, or run where more memory is free");
  }
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) fail(path, std::string("cannot read: ") + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (!regular && bytes.size() + n > kLargestStream)
      fail(path, "not a regular file, and longer than 256 MB; give a file of numbers");
    bytes.append(buffer, n);
  }
  if (std::ferror(file.get())) fail(path, std::string("cannot read: ") + std::strerror(errno));
  return bytes;
}

// A little-endian unsigned integer of `size` bytes at `at`: the byte order of the file, whatever
// the byte order of this machine.
uint64_t little_endian(std::string_view bytes, size_t at, size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value |= uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

// The text after 'key': in the header's Python dict literal, or empty when the key is absent.
std::string_view after_key(std::string_view header, std::string_view key) {
  for (const char quote : {'\'', '"'}) {
    const std::string quoted = quote + std::string(key) + quote;
    size_t at = header.find(quoted);
    if (at == std::string_view::npos) continue;
    at = header.find(':', at + quoted.size());
    if (at == std::string_view::npos) return {};
    at = header.find_first_not_of(' ', at + 1);
    return at == std::string_view::npos ? std::string_view{} : header.substr(at);
  }
  return {};
}

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<size_t> shape;
};

NpyHeader parse_npy_header(const std::filesystem::path& path, std::string_view header) {
  NpyHeader parsed;
  const std::string_view descr = after_key(header, "descr");
  const size_t descr_end = descr.empty() ? std::string_view::npos : descr.find(descr[0], 1);
  if (descr_end == std::string_view::npos)
    fail(path, "the .npy header has no 'descr'; " + std::string(kNpyFix));
  parsed.descr = std::string(descr.substr(1, descr_end - 1));
  parsed.fortran_order = after_key(header, "fortran_order").substr(0, 4) == "True";
  const std::string_view shape = after_key(header, "shape");
  const size_t close = shape.find(')');
  if (shape.empty() || shape[0] != '(' || close == std::string_view::npos)
    fail(path, "the .npy header has no 'shape'; " + std::string(kNpyFix));
  for (size_t at = 1; at < close;) {
    at = shape.find_first_not_of(" ,", at);
    if (at >= close) break;
    size_t dim = 0;
    const auto [end, error] = std::from_chars(shape.data() + at, shape.data() + close, dim);
    if (error != std::errc()) fail(path, "cannot read the .npy shape; " + std::string(kNpyFix));
    parsed.shape.push_back(dim);
    at = static_cast<size_t>(end - shape.data());
  }
  return parsed;
}

NumberArray read_npy(const std::filesystem::path& path) {
  const std::string bytes = read_bytes(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    fail(path, "not a .npy file (no \\x93NUMPY magic); " + std::string(kNpyFix));
  // Version 1.0 has a 2-byte header length, 2.0 and 3.0 (a UTF-8 header) a 4-byte one.
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3)
    fail(path, ".npy version " + std::to_string(major) + " is not supported; " + kNpyFix);
  const size_t length_size = major == 1 ? 2 : 4;
  const size_t header_at = 8 + length_size;
  const size_t header_size = static_cast<size_t>(little_endian(bytes, 8, length_size));
  if (bytes.size() < header_at + header_size) fail(path, "the .npy header is cut short");
  const NpyHeader header =
      parse_npy_header(path, std::string_view(bytes).substr(header_at, header_size));

  size_t item = 0;
  if (header.descr == "<f8") item = 8;
  if (header.descr == "<f4") item = 4;
  if (item == 0)
    fail(path, "holds '" + header.descr + "'; expected little-endian float64 ('<f8') or " +
                   "float32 ('<f4'); " + kNpyFix);
  if (header.shape.empty() || header.shape.size() > 2)
    fail(path, "is " + std::to_string(header.shape.size()) + "-D; " + kNpyFix);
  const size_t rows = header.shape[0];
  const size_t cols = header.shape.size() == 2 ? header.shape[1] : 1;
  const size_t data_at = header_at + header_size;
  if (cols != 0 && rows > (bytes.size() - data_at) / item / cols)
    fail(path, "is cut short: its header promises " + std::to_string(rows * cols) +
                   " numbers; save it again");

  NumberArray array;
  array.dims = static_cast<int>(header.shape.size());
  array.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      const size_t index = header.fortran_order ? c * rows + r : r * cols + c;
      const uint64_t word = little_endian(bytes, data_at + index * item, item);
      double value;
      if (item == 8) {
        std::memcpy(&value, &word, sizeof value);
      } else {
        const auto word32 = static_cast<uint32_t>(word);
        float single;
        std::memcpy(&single, &word32, sizeof single);
        value = single;
      }
      array.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = value;
    }
  }
  return array;
}

std::string_view trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

NumberArray read_csv(const std::filesystem::path& path) {
  const std::string text = read_bytes(path);
  std::vector<std::vector<double>> rows;
  size_t first_line = 0;
  size_t line_number = 0;
  for (size_t at = 0; at < text.size();) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = std::string_view(text).substr(at, end - at);
    at = end + 1;
    ++line_number;
    if (trimmed(line).empty()) continue;  // blank lines, a final newline
    std::vector<double> row;
    for (size_t field_at = 0; field_at <= line.size();) {
      const size_t field_end = std::min(line.find(',', field_at), line.size());
      std::string_view field = trimmed(line.substr(field_at, field_end - field_at));
      field_at = field_end + 1;
      const std::string shown(field);
      if (!field.empty() && field[0] == '+') field.remove_prefix(1);  // from_chars refuses '+'
      double value = 0.0;
      const auto [stop, error] = std::from_chars(field.data(), field.data() + field.size(), value);
      if (field.empty() || error != std::errc() || stop != field.data() + field.size())
        fail(path, "line " + std::to_string(line_number) + ", entry " +
                       std::to_string(row.size() + 1) + ": '" + shown + "' is not a number; " +
                       kCsvFix);
      row.push_back(value);
    }
    if (rows.empty()) first_line = line_number;
    if (!rows.empty() && row.size() != rows[0].size())
      fail(path, "line " + std::to_string(line_number) + " has " + std::to_string(row.size()) +
                     " numbers but line " + std::to_string(first_line) + " has " +
                     std::to_string(rows[0].size()) + "; every row needs as many");
    rows.push_back(std::move(row));
  }
  if (rows.empty()) fail(path, std::string("holds no numbers; ") + kCsvFix);
  NumberArray array;
  array.values.resize(static_cast<Eigen::Index>(rows.size()),
                      static_cast<Eigen::Index>(rows[0].size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      array.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return array;
}

}  // namespace

NumberArray read_number_array(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".npy") return read_npy(path);
  if (extension == ".csv") return read_csv(path);
  fail(path, "unknown file type '" + extension + "'; give a .npy or a .csv file");
}

}  // namespace spikewafer::sampling
