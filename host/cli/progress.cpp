#include "progress.hpp"

#include <cstdio>
#include <iostream>

namespace spikewafer::cli {
namespace {
bool drawn = false;
}

std::function<void(double, double)> progress_printer(double quiet_s) {
  return [quiet_s](double fraction, double elapsed_s) {
    if (elapsed_s < quiet_s || fraction <= 0.0) return;
    const double remaining = elapsed_s * (1.0 - fraction) / fraction;
    std::fprintf(stderr, "\r  %5.1f%%  elapsed %6.1f s  remaining ~%6.1f s ", 100.0 * fraction,
                 elapsed_s, remaining);
    std::fflush(stderr);
    drawn = true;
  };
}

void finish_progress() {
  if (drawn) std::fprintf(stderr, "\n");
  drawn = false;
}

void say(const std::string& line) {
  finish_progress();
  std::cerr << "spikewafer: " << line << "\n";
}

}  // namespace spikewafer::cli
