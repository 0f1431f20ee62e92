#include "hdf5_writer.hpp"

#include <algorithm>
#include <utility>

#include "spikewafer/error.hpp"

namespace spikewafer {

namespace {

// HDF5's error stack, outermost call first: the outermost description says what was attempted
// ("unable to create group"), the innermost why ("name already exists", or the OS error).
std::string take_hdf5_reason() {
  std::pair<std::string, std::string> outer_inner;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned depth, const H5E_error2_t* entry, void* data) -> herr_t {
        auto* out = static_cast<std::pair<std::string, std::string>*>(data);
        const std::string desc = entry->desc != nullptr ? entry->desc : "";
        if (depth == 0) out->first = desc;
        out->second = desc;
        return 0;
      },
      &outer_inner);
  H5Eclear2(H5E_DEFAULT);
  const auto& [outer, inner] = outer_inner;
  if (outer.empty() || inner.empty() || outer == inner) {
    return !outer.empty() ? outer : !inner.empty() ? inner : "unknown HDF5 error";
  }
  return outer + ": " + inner;
}

// Chunk shape for compressed datasets: about 64 Ki elements, whole rows where they fit, so both
// a full read and a read of a few rows touch few chunks.
std::vector<hsize_t> chunk_dims(const hsize_t* dims, int rank) {
  constexpr hsize_t kChunkElements = hsize_t{1} << 16;
  std::vector<hsize_t> chunk(dims, dims + rank);
  hsize_t inner = 1;
  for (int d = rank - 1; d >= 0; --d) {
    chunk[d] = std::max<hsize_t>(1, std::min(dims[d], kChunkElements / inner));
    inner *= chunk[d];
  }
  return chunk;
}

}  // namespace

Hdf5Id& Hdf5Id::operator=(Hdf5Id&& other) noexcept {
  if (this != &other) {
    close();
    id_ = std::exchange(other.id_, -1);
    closer_ = other.closer_;
  }
  return *this;
}

herr_t Hdf5Id::close() {
  if (id_ < 0) return 0;
  // Every HDF5 API call clears the error stack on entry, so a failure discarded here (by a
  // destructor) cannot leak into a later message; a failure returned is read by the caller.
  return closer_(std::exchange(id_, -1));
}

void Hdf5Group::fail(const std::string& object, const std::string& what) const {
  throw Error(ErrorKind::kIo, file_ + ": " + object + ": " + what + ": " + take_hdf5_reason());
}

std::string Hdf5Group::child_path(const std::string& name) const {
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

Hdf5Group Hdf5Group::create_group(const std::string& name) const {
  const std::string path = child_path(name);
  Hdf5Id group(H5Gcreate2(id_.get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Gclose);
  if (group.get() < 0) fail(path, "cannot create group");
  return Hdf5Group(std::move(group), file_, path, deflate_level_);
}

void Hdf5Group::write(const std::string& name, const uint32_t* data, size_t n) const {
  const hsize_t dims[] = {n};
  write_dataset(name, H5T_NATIVE_UINT32, H5T_STD_U32LE, data, dims, 1);
}

void Hdf5Group::write(const std::string& name, const double* data, size_t n) const {
  const hsize_t dims[] = {n};
  write_dataset(name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, data, dims, 1);
}

void Hdf5Group::write(const std::string& name, const float* data, size_t n) const {
  const hsize_t dims[] = {n};
  write_dataset(name, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, data, dims, 1);
}

void Hdf5Group::write_matrix(const std::string& name, const float* data, size_t rows,
                             size_t cols) const {
  const hsize_t dims[] = {rows, cols};
  write_dataset(name, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, data, dims, 2);
}

void Hdf5Group::write_dataset(const std::string& name, hid_t memory_type, hid_t file_type,
                              const void* data, const hsize_t* dims, int rank) const {
  const std::string path = child_path(name);
  Hdf5Id space(H5Screate_simple(rank, dims, nullptr), H5Sclose);
  if (space.get() < 0) fail(path, "cannot create dataspace");
  Hdf5Id properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (properties.get() < 0) fail(path, "cannot create dataset properties");
  const bool empty = std::find(dims, dims + rank, hsize_t{0}) != dims + rank;
  if (deflate_level_ > 0 && !empty) {  // chunks must not be empty, and nothing to compress
    const std::vector<hsize_t> chunk = chunk_dims(dims, rank);
    if (H5Pset_chunk(properties.get(), rank, chunk.data()) < 0 ||
        H5Pset_shuffle(properties.get()) < 0 ||
        H5Pset_deflate(properties.get(), static_cast<unsigned>(deflate_level_)) < 0) {
      fail(path, "cannot set up compression");
    }
  }
  Hdf5Id dataset(H5Dcreate2(id_.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT,
                            properties.get(), H5P_DEFAULT),
                 H5Dclose);
  if (dataset.get() < 0) fail(path, "cannot create dataset");
  if (!empty && H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    fail(path, "cannot write dataset");
  }
  if (dataset.close() < 0) fail(path, "cannot close dataset");
}

void Hdf5Group::set_attribute(const std::string& name, const std::string& value) const {
  Hdf5Id type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (type.get() < 0 || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
    fail(path_ + "@" + name, "cannot create string type");
  }
  const char* text = value.c_str();  // a variable-length string is written from a char*
  write_attribute(name, type.get(), type.get(), &text);
}

void Hdf5Group::set_attribute(const std::string& name, double value) const {
  write_attribute(name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, &value);
}

void Hdf5Group::set_attribute(const std::string& name, uint64_t value) const {
  write_attribute(name, H5T_NATIVE_UINT64, H5T_STD_U64LE, &value);
}

void Hdf5Group::write_attribute(const std::string& name, hid_t memory_type, hid_t file_type,
                                const void* value) const {
  const std::string object = path_ + "@" + name;
  Hdf5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  if (space.get() < 0) fail(object, "cannot create dataspace");
  Hdf5Id attribute(
      H5Acreate2(id_.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
      H5Aclose);
  if (attribute.get() < 0) fail(object, "cannot create attribute");
  if (H5Awrite(attribute.get(), memory_type, value) < 0) fail(object, "cannot write attribute");
  if (attribute.close() < 0) fail(object, "cannot close attribute");
}

Hdf5File Hdf5File::create(const std::string& path, int deflate_level) {
  // No cleanup by HDF5 at exit: after a failed write (a full disk) its exit handler closed the
  // broken file again and crashed (exit 139 instead of 5). Every file is closed here before
  // it is renamed, and the system closes what an error left open. Effective only before any
  // other HDF5 call, which this is in the commands.
  static const bool no_atexit = (H5dont_atexit(), true);
  (void)no_atexit;
  // Process-wide, and idempotent: errors are reported through exceptions, not printed by HDF5.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  Hdf5Id access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  // Strong close: H5Fclose flushes and closes the whole file even if some group handle is still
  // open, so the file is complete when close() returns and it is renamed.
  if (access.get() < 0 || H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG) < 0) {
    throw Error(ErrorKind::kIo,
                path + ": cannot set file access properties: " + take_hdf5_reason());
  }
  Hdf5Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()), H5Fclose);
  if (file.get() < 0) {
    throw Error(ErrorKind::kIo, path + ": cannot create HDF5 file: " + take_hdf5_reason());
  }
  return Hdf5File(std::move(file), path, "/", deflate_level);
}

void Hdf5File::close() {
  if (id_.close() < 0) fail("/", "cannot close file");
}

}  // namespace spikewafer
