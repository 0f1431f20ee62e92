// Checks of command-line values that CLI11 lacks or words badly. CLI11's NonNegativeNumber
// reports its range as "0.000000 to 1797693134862315708..." written out in full.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace spikewafer::cli {

inline const CLI::Validator kNonNegative(
    [](std::string& value) -> std::string {
      try {
        size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size() && v >= 0.0) return "";
      } catch (const std::exception&) {
      }
      return "must be a number >= 0, got '" + value + "'";
    },
    "NUMBER >= 0", "non-negative");

}  // namespace spikewafer::cli
