// Numbers from files that sampling targets refer to: NumPy's .npy (what np.save writes) and plain
// .csv (comma-separated numbers, one row per line, no header). Only what targets need: float64
// and float32, little-endian, 1-D or 2-D. Could move to io/ when another module needs it.
#pragma once

#include <Eigen/Dense>
#include <filesystem>

namespace spikewafer::sampling {

struct NumberArray {
  Eigen::MatrixXd values;  // a 1-D array is a column (n x 1)
  int dims = 2;            // 1 or 2; a .csv file is always 2-D (rows x columns)
};

// Reads by the extension (.npy or .csv). Throws spikewafer::Error (kInput)
// "'path': problem; fix" for a missing file, another format, a damaged header, an unsupported
// type or shape, or text that is not a number. Non-finite numbers are read as they are.
NumberArray read_number_array(const std::filesystem::path& path);

}  // namespace spikewafer::sampling
