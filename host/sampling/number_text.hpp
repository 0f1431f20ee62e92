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

}  // namespace spikewafer::sampling
