// What every benchmark program prints around its table: the machine, the date, the load
// average (to tell a quiet machine's figures from a busy one's), and numbers in one format.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

namespace spikewafer::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

inline std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(colon + 1);
        name.erase(0, name.find_first_not_of(" \t"));
        return name;
      }
    }
  return "unknown CPU";
}

inline std::string iso_date_utc() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

// A CSV field: %.6g, or empty for a non-finite value.
inline std::string num(double x) {
  if (!std::isfinite(x)) return "";
  char text[40];
  std::snprintf(text, sizeof text, "%.6g", x);
  return text;
}

// The first three fields of /proc/loadavg (1, 5, 15 min).
inline std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  if (!(in >> a >> b >> c)) return "unknown";
  return a + " " + b + " " + c;
}

}  // namespace spikewafer::bench
