// What the spiking-sampler tests share: the 5-unit machine with strong weights (as
// benchmarks/machines/strong5.toml), seeded chains, a sampler's states every ms, and the error
// a BM.toml with a given [noise] table gives.
#pragma once

#include <string>
#include <vector>

#include "sampling/boltzmann_machine.hpp"
#include "sampling/coupling_graph.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/spiking_sampler.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::test {

// |W| up to 3, b down to -4.
inline sampling::BoltzmannMachine strong_machine() {
  sampling::BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd(5, 5);
  bm.W << 0.0, 2.5, -1.5, 0.8, 3.0,  //
      2.5, 0.0, 1.2, -2.0, 0.5,      //
      -1.5, 1.2, 0.0, 2.8, -0.7,     //
      0.8, -2.0, 2.8, 0.0, 1.5,      //
      3.0, 0.5, -0.7, 1.5, 0.0;
  bm.b = Eigen::VectorXd(5);
  bm.b << -3.5, -1.5, -1.2, -2.5, -4.0;
  return bm;
}

// `count` plain chains seeded 100, 101, ...
inline std::vector<sampling::ChainParams> seeded_chains(uint32_t count) {
  std::vector<sampling::ChainParams> c(count);
  for (uint32_t k = 0; k < count; ++k) c[k].seed = 100 + k;
  return c;
}

// Every chain's z every ms for `ms` ms, sample after sample (each chain-major).
inline std::vector<uint8_t> states_every_ms(sampling::SpikingSampler& sampler, int ms) {
  std::vector<uint8_t> all;
  for (int k = 0; k < ms; ++k) {
    sampler.run(1.0);
    const std::vector<uint8_t> z = sampler.states();
    all.insert(all.end(), z.begin(), z.end());
  }
  return all;
}

// The message of a 2-unit BM.toml with `before_noise` (tables such as [sampler]) and then
// [noise] `noise`; "no error" where it is accepted. Line 5 is [noise]'s first key without
// `before_noise`.
inline std::string noise_table_error(const std::string& noise, const std::string& before_noise = "") {
  try {
    sampling::parse_sample_config("[target]\nW = [[0.0, 1.0], [1.0, 0.0]]\nb = [0.0, -0.5]\n" +
                                      before_noise + "[noise]\n" + noise,
                                  "bm.toml", ".");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace spikewafer::test
