// Small RAII wrappers over the HDF5 C API for writing result files: groups, 1-D datasets of
// uint32/double/float, 2-D float datasets, and string/number attributes. Every failing HDF5 call
// throws Error(kIo) naming the file and the object, with HDF5's own reason in the message (the
// library's automatic printing of its error stack to stderr is turned off).
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikewafer {

// Owns one HDF5 identifier and releases it with the matching H5?close function.
class Hdf5Id {
 public:
  using Closer = herr_t (*)(hid_t);
  Hdf5Id() = default;
  Hdf5Id(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Hdf5Id() { close(); }
  Hdf5Id(Hdf5Id&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Hdf5Id& operator=(Hdf5Id&& other) noexcept;
  Hdf5Id(const Hdf5Id&) = delete;
  Hdf5Id& operator=(const Hdf5Id&) = delete;

  hid_t get() const { return id_; }
  // Releases the identifier; returns the closer's status (negative on failure, 0 when empty).
  herr_t close();

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// A file's root group or a group inside it: what datasets, attributes and subgroups go into.
class Hdf5Group {
 public:
  Hdf5Group create_group(const std::string& name) const;

  void write(const std::string& name, const uint32_t* data, size_t n) const;
  void write(const std::string& name, const double* data, size_t n) const;
  void write(const std::string& name, const float* data, size_t n) const;
  template <typename T>
  void write(const std::string& name, const std::vector<T>& values) const {
    write(name, values.data(), values.size());
  }
  // Row-major rows x cols floats.
  void write_matrix(const std::string& name, const float* data, size_t rows, size_t cols) const;

  // Strings are stored as variable-length UTF-8 (read as str by h5py), numbers as scalars.
  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, double value) const;
  void set_attribute(const std::string& name, uint64_t value) const;

 protected:
  Hdf5Group(Hdf5Id id, std::string file, std::string path, int deflate_level)
      : id_(std::move(id)),
        file_(std::move(file)),
        path_(std::move(path)),
        deflate_level_(deflate_level) {}

  // "FILE: OBJECT: what failed: HDF5's reason" (also clears HDF5's error stack).
  [[noreturn]] void fail(const std::string& object, const std::string& what) const;
  std::string child_path(const std::string& name) const;

  Hdf5Id id_;
  std::string file_;
  std::string path_;  // "/" for the root group

 private:
  void write_dataset(const std::string& name, hid_t memory_type, hid_t file_type, const void* data,
                     const hsize_t* dims, int rank) const;
  void write_attribute(const std::string& name, hid_t memory_type, hid_t file_type,
                       const void* value) const;

  int deflate_level_;
};

class Hdf5File : public Hdf5Group {
 public:
  // Creates (truncating) `path`. deflate_level 0 writes datasets contiguous and uncompressed;
  // 1..9 writes them chunked with shuffle + deflate.
  static Hdf5File create(const std::string& path, int deflate_level = 0);
  // Closes the file, so that everything is on disk before it is renamed; throws on failure. The
  // destructor closes it too, without reporting errors, for the path where an exception is
  // already on its way.
  void close();

 private:
  using Hdf5Group::Hdf5Group;
};

}  // namespace spikewafer
