// What an Ising run measures: per sample the magnetisation and energy per spin of one chain,
// per grid point the thermodynamic estimates pooled over replicas (independent chains), with
// errors from the spread between replicas.
#pragma once

#include <cstdint>
#include <vector>

#include "ising/lattice.hpp"

namespace spikewafer::ising {

struct Sample {
  double m = 0.0;  // magnetisation per spin, mean of s_i
  double e = 0.0;  // energy per spin E / N, E = -sum_<ij> J_ij s_i s_j - sum_i h_i s_i
};

// One chain's state z (0/1 per spin, s = 2 z - 1) with the site fields h_i of site_fields().
Sample measure(const Lattice& lattice, const std::vector<double>& h_i, const uint8_t* z);

// The time series of one replica, in sampling order (the autocorrelation time needs the order).
class ReplicaSeries {
 public:
  void push_back(const Sample& sample) { samples_.push_back(sample); }
  void reserve(std::size_t n) { samples_.reserve(n); }
  std::size_t size() const { return samples_.size(); }
  const std::vector<Sample>& samples() const { return samples_; }

 private:
  std::vector<Sample> samples_;
};

struct PointStats {
  double m = 0, m_err = 0;                          // <m>
  double abs_m = 0, abs_m_err = 0;                  // <|m|>
  double chi = 0, chi_err = 0;                      // N (<m^2> - <|m|>^2) / T
  double energy = 0, energy_err = 0;                // <e>
  double heat_capacity = 0, heat_capacity_err = 0;  // N (<e^2> - <e>^2) / T^2, per spin
  double binder = 0, binder_err = 0;                // U4 = 1 - <m^4> / (3 <m^2>^2)
  double tau_int = 0, tau_int_err = 0;  // of m, in samples: mean and standard error over replicas
  uint32_t replicas = 0;
  uint64_t samples = 0;
};

// Moments are pooled over every sample of every replica; errors are jackknife estimates that
// leave out one replica at a time (0 with one replica). Throws input_error when there are no
// samples at all, or when T <= 0.
PointStats point_stats(const std::vector<ReplicaSeries>& replicas, uint32_t spins, double T);

// Integrated autocorrelation time tau = 1/2 + sum_{t=1}^{M} rho(t) in samples, with Sokal's
// automatic window: the smallest M with M >= c tau(M). NaN for a series shorter than 2 samples
// or with zero variance (no fluctuation to correlate).
double integrated_autocorrelation_time(const std::vector<double>& series, double c = 5.0);

}  // namespace spikewafer::ising
