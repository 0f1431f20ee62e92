#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include "learning/annealed_importance.hpp"
using namespace spikewafer::learning;
std::vector<std::vector<double>> csv(const std::string& p) {
  std::ifstream in(p); std::string line; std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) { std::stringstream s(line); std::string c; std::vector<double> r;
    while (std::getline(s, c, ',')) r.push_back(std::stod(c)); if (!r.empty()) rows.push_back(r); }
  return rows;
}
int main(int argc, char** argv) {
  std::string d = argv[1];
  auto W = csv(d + "/W.csv"), b = csv(d + "/b.csv"), c = csv(d + "/c.csv");
  Rbm rbm; rbm.visible = 64; rbm.labels = 10; rbm.hidden = W[0].size();
  rbm.W.resize(W.size(), W[0].size());
  for (size_t i = 0; i < W.size(); ++i) for (size_t j = 0; j < W[0].size(); ++j) rbm.W(i, j) = W[i][j];
  rbm.b.resize(b.size()); for (size_t i = 0; i < b.size(); ++i) rbm.b[i] = b[i][0];
  rbm.c.resize(c.size()); for (size_t i = 0; i < c.size(); ++i) rbm.c[i] = c[i][0];
  std::printf("b %zu c %zu\n", b.size(), c.size());
  for (uint32_t K : {1000u, 10000u, 50000u})
    for (uint64_t seed : {1ull, 2ull, 3ull}) {
      AisEstimate e = ais_log_partition(rbm, AisSettings{100, K, seed}, 2);
      std::printf("K=%u seed=%llu logZ=%.3f +- %.3f\n", K, (unsigned long long)seed, e.log_z, e.log_z_err);
    }
}
