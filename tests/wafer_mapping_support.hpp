// Small networks for the mapping tests (tests/wafer_*_test.cpp).
#pragma once

#include <string>

#include "spikewafer/network.hpp"

namespace spikewafer::test {

inline Population lif_population(const std::string& name, uint32_t size) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = Model::kIfCondExp;
  return p;
}

inline Projection fixed_probability(const std::string& source, const std::string& target,
                                    double p, Receptor receptor = Receptor::kExcitatory,
                                    Distribution weight = Distribution::uniform(0.001, 0.01)) {
  Projection proj;
  proj.source = source;
  proj.target = target;
  proj.receptor = receptor;
  proj.connector.kind = Connector::Kind::kFixedProbability;
  proj.connector.p = p;
  proj.weight = weight;
  proj.delay = Distribution::constant(1.0);
  return proj;
}

inline Projection all_to_all(const std::string& source, const std::string& target,
                             Receptor receptor = Receptor::kExcitatory) {
  Projection proj = fixed_probability(source, target, 0.0, receptor);
  proj.connector.kind = Connector::Kind::kAllToAll;
  return proj;
}

// 20 target neurons on one chip, each fed by 8000 sources on 34 chips (136 buses): the chip's
// 224 drivers and its vertical lines cannot take them all, at any neuron size.
inline Network oversubscribed_chip() {
  Network net;
  net.populations = {lif_population("dst", 20), lif_population("src", 8000)};
  net.projections = {all_to_all("src", "dst")};
  return net;
}

// Two populations of 100 joined both ways with probability 0.1 (the small network).
inline Network two_populations_of_100() {
  Network net;
  net.simulation.seed = 5;
  net.populations = {lif_population("a", 100), lif_population("b", 100)};
  net.projections = {fixed_probability("a", "b", 0.1),
                     fixed_probability("b", "a", 0.1, Receptor::kInhibitory)};
  net.source = "two_populations_of_100";
  return net;
}

// 1500 + 1500 neurons over about 13 chips of one wafer, coupled both ways: routes span several
// rows.
inline Network spread_network() {
  Network net;
  net.populations = {lif_population("a", 1500), lif_population("b", 1500)};
  net.projections = {fixed_probability("a", "b", 0.01),
                     fixed_probability("b", "a", 0.01, Receptor::kInhibitory)};
  return net;
}

// 90,624 neurons fill wafer 0 at size 2: after the filler, one of a and b takes the last 100
// slots of wafer 0 and the other lands on wafer 1, so a -> b goes over L2.
inline Network split_over_two_wafers() {
  Network net;
  net.populations = {lif_population("filler", 90624 - 100), lif_population("a", 100),
                     lif_population("b", 100)};
  net.projections = {fixed_probability("a", "b", 0.05)};
  return net;
}

}  // namespace spikewafer::test
