// Numbers as text, one way for each use. In messages: the shortest text that reads back as the
// same double, so that a message shows "0.4" rather than "0.40000000000000002" (or %f's
// "100000.000000") but never hides a difference between two numbers.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace spikewafer {

inline std::string number_text(double x) {
  char text[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, x);
    if (std::isnan(x) || std::strtod(text, nullptr) == x) break;
  }
  return text;
}

// A number in the sampling protocols' CSV tables (10 significant digits), or an empty field
// where it was not computed (NaN).
inline std::string csv_field(double x) {
  if (std::isnan(x)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

// A number in the Ising scan's and hysteresis tables (10 significant digits); an undefined value
// is written "nan", which their readers (strtod) take back.
inline std::string table_number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

}  // namespace spikewafer
