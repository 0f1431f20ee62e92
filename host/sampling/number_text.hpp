// Numbers in messages: the shortest text that reads back as the same double, so that a message
// shows "0.4" rather than "0.40000000000000002" but never hides a difference between two numbers.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace spikewafer::sampling {

inline std::string number_text(double x) {
  char text[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, x);
    if (std::isnan(x) || std::strtod(text, nullptr) == x) break;
  }
  return text;
}

// A number in a CSV table (10 significant digits), or an empty field where it was not computed
// (NaN).
inline std::string csv_field(double x) {
  if (std::isnan(x)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

}  // namespace spikewafer::sampling
