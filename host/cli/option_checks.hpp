// Checks of command-line values that CLI11 lacks or words badly. CLI11's NonNegativeNumber
// reports its range as "0.000000 to 1797693134862315708..." written out in full.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "spikewafer/simulator.hpp"

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

// A seed: a whole number from 0 to 2^64 - 1, written in digits (std::stoull and CLI11 take "-1"
// as 2^64 - 1 and clamp what is larger).
inline const CLI::Validator kSeed(
    [](std::string& value) -> std::string {
      bool digits = !value.empty() && value.size() <= 20;
      for (char c : value) digits = digits && c >= '0' && c <= '9';
      if (digits) {
        try {
          std::stoull(value);
          return "";
        } catch (const std::exception&) {
        }
      }
      return "must be a whole number from 0 to 18446744073709551615, got '" + value + "'";
    },
    "0..2^64-1", "seed");

// --threads: 0 (all cores) to kMaxThreads; OpenMP crashes on absurd counts.
inline const CLI::Validator kThreadCount(
    [](std::string& value) -> std::string {
      try {
        size_t used = 0;
        const long v = std::stol(value, &used);
        if (used == value.size() && v >= 0 && v <= kMaxThreads) return "";
      } catch (const std::exception&) {
      }
      return "must be a whole number from 0 (all cores) to " + std::to_string(kMaxThreads) +
             ", got '" + value + "'";
    },
    "0.." + std::to_string(kMaxThreads), "thread count");

}  // namespace spikewafer::cli
