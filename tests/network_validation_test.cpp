// validate() on Networks built in code, as the Python package builds them: each range check and
// its message ("<source>: <key path>: <problem>").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "network/validate.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer {
namespace {

using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Population lif(const std::string& name, uint32_t size) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = Model::kIfCondExp;
  return p;
}

// exc (10) -> inh (5), fixed probability, dt = 0.1: valid as built.
Network small_network() {
  Network n;
  n.source = "test";
  n.populations = {lif("exc", 10), lif("inh", 5)};
  Projection p;
  p.source = "exc";
  p.target = "inh";
  p.connector.kind = Connector::Kind::kFixedProbability;
  p.connector.p = 0.1;
  p.weight = Distribution::constant(0.01);
  p.delay = Distribution::constant(1.0);
  n.projections = {p};
  return n;
}

// Validates, expecting an input error whose message contains every piece.
void expect_invalid(const Network& network, std::initializer_list<std::string> pieces) {
  try {
    validate(network);
    ADD_FAILURE() << "validated without error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    for (const std::string& piece : pieces) EXPECT_THAT(e.what(), HasSubstr(piece));
  }
}

Population& exc(Network& n) { return n.populations[0]; }
Projection& projection(Network& n) { return n.projections[0]; }

TEST(NetworkValidation, SmallNetworkIsValid) { EXPECT_NO_THROW(validate(small_network())); }

TEST(NetworkValidation, Simulation) {
  Network n = small_network();
  n.simulation.dt = 0;
  expect_invalid(n, {"test: simulation.dt: must be > 0 (got 0)"});
  n = small_network();
  n.simulation.duration = -1;
  expect_invalid(n, {"test: simulation.duration: must be >= 0 (got -1)"});
  n = small_network();
  n.simulation.replicas = 0;
  expect_invalid(n, {"test: simulation.replicas: must be >= 1"});
}

TEST(NetworkValidation, PopulationNamesAndSizes) {
  Network n = small_network();
  n.populations.clear();
  n.projections.clear();
  expect_invalid(n, {"test: populations: no populations"});
  n = small_network();
  exc(n).size = 0;
  expect_invalid(n, {"test: populations.exc.size: must be >= 1 (got 0)"});
  n = small_network();
  n.populations[1].name = "exc";
  expect_invalid(n, {"test: populations.exc: defined twice"});
  n = small_network();
  exc(n).size = 3'000'000'000u;
  n.populations[1].size = 3'000'000'000u;
  expect_invalid(n, {"test: populations: they hold 6000000000 neurons in all"});
  n = small_network();
  exc(n).name = "e x";
  expect_invalid(n, {"test: populations[0]: invalid name 'e x'", "letters, digits, '_' and '-'"});
}

TEST(NetworkValidation, NeuronParams) {
  Network n = small_network();
  exc(n).params.tau_m = -5;
  expect_invalid(n, {"test: populations.exc.params.tau_m: must be > 0 (got -5)"});
  n = small_network();
  exc(n).params.tau_m = 0;
  expect_invalid(n, {"populations.exc.params.tau_m: must be > 0 (got 0)"});
  n = small_network();
  exc(n).params.cm = 0;
  expect_invalid(n, {"populations.exc.params.cm: must be > 0"});
  n = small_network();
  exc(n).params.tau_syn_I = -1;
  expect_invalid(n, {"populations.exc.params.tau_syn_I: must be > 0"});
  n = small_network();
  exc(n).params.tau_refrac = -0.1;
  expect_invalid(n, {"populations.exc.params.tau_refrac: must be >= 0 (got -0.1)"});
  n = small_network();
  exc(n).params.v_thresh = -70;
  expect_invalid(n, {"populations.exc.params.v_thresh: must be > v_reset (got v_thresh -70 <= "
                     "v_reset -65)"});
  n = small_network();
  exc(n).params.v_rest = kNaN;
  expect_invalid(n, {"populations.exc.params.v_rest: must be a finite number (got nan)"});
}

TEST(NetworkValidation, InitialValues) {
  Network n = small_network();
  exc(n).initial.v = Distribution::uniform(-50, -60);
  expect_invalid(n, {"populations.exc.initial.v: uniform needs low <= high (got [-50, -60])"});
  n = small_network();
  exc(n).initial.v = Distribution::normal(-60, -1);
  expect_invalid(n, {"populations.exc.initial.v: normal needs sd >= 0 (got -1)"});
  n = small_network();
  exc(n).initial.syn_exc = Distribution::constant(-0.1);
  expect_invalid(n, {"populations.exc.initial.gsyn_exc: must be >= 0 (got -0.1)"});
  n = small_network();
  exc(n).model = Model::kIfCurrExp;
  exc(n).initial.syn_exc = Distribution::constant(-0.1);  // a current may be negative
  EXPECT_NO_THROW(validate(n));
}

TEST(NetworkValidation, NoiseAndDc) {
  Network n = small_network();
  exc(n).noise.rate_E = -1;
  expect_invalid(n, {"test: populations.exc.noise.rate_E: must be >= 0 (got -1)"});
  n = small_network();
  exc(n).noise.weight_I = -0.5;
  expect_invalid(n, {"populations.exc.noise.weight_I: must be >= 0 (got -0.5)",
                     "the receptor gives the sign"});
  n = small_network();
  exc(n).dc_sources = {DCSource{1.0, 10.0, 5.0, {}}};
  expect_invalid(n, {"populations.exc.dc[0].stop: must be > start (got stop 5, start 10)"});
  n = small_network();
  exc(n).dc_sources = {DCSource{1.0, 0.0, 5.0, {}}, DCSource{1.0, 0.0, 5.0, {10}}};
  expect_invalid(n, {"populations.exc.dc[1].neurons: neuron index 10 out of range"});
  n = small_network();
  exc(n).dc_sources = {DCSource{1.0, 0.0, std::numeric_limits<double>::infinity(), {}}};
  EXPECT_NO_THROW(validate(n));
}

TEST(NetworkValidation, Recording) {
  Network n = small_network();
  exc(n).record.v = {0, 10};
  expect_invalid(n, {"populations.exc.record_v: neuron index 10 out of range; the population "
                     "has 10 neurons"});
  n = small_network();
  exc(n).record.syn_inh = {3, 1, 3};
  expect_invalid(n, {"populations.exc.record_gsyn_inh: neuron index 3 listed twice"});
  n = small_network();
  exc(n).record.sampling_interval = -1;
  expect_invalid(n, {"populations.exc.sampling_interval: must be >= 0 (got -1)"});
  n = small_network();
  exc(n).record.sampling_interval = 0.15;
  expect_invalid(n, {"populations.exc.sampling_interval: must be a whole number of steps"});
  n = small_network();
  exc(n).record.sampling_interval = 0.3;  // 0.3 / 0.1 is not exactly 3 in binary
  EXPECT_NO_THROW(validate(n));
  n = small_network();
  exc(n).record.rate = true;
  exc(n).record.rate_bin = 0.05;
  expect_invalid(n, {"populations.exc.rate_bin: must be >= dt = 0.1 ms (got 0.05)"});
}

TEST(NetworkValidation, SpikeSources) {
  Network n = small_network();
  Population stim;
  stim.name = "stim";
  stim.size = 2;
  stim.model = Model::kSpikeSourcePoisson;
  stim.rate = -3;
  n.populations.push_back(stim);
  expect_invalid(n, {"populations.stim.rate: must be >= 0 (got -3)"});
  n.populations[2].rate = 5;
  n.populations[2].noise.rate_E = 10;
  expect_invalid(n, {"populations.stim.noise: SpikeSourcePoisson has no noise input"});

  n.populations[2] = stim;
  n.populations[2].model = Model::kSpikeSourceArray;
  n.populations[2].rate = 0;
  n.populations[2].spike_times = {{0.5, 0.05}};
  expect_invalid(n, {"populations.stim.spike_times[1]: must be >= dt = 0.1 ms (got 0.05)",
                     "a spike is emitted at the end of a step"});
  n.populations[2].spike_times = {{1.0}, {2.0, kNaN}};
  expect_invalid(n, {"populations.stim.spike_times[1][1]: must be a finite number (got nan)"});
  n.populations[2].spike_times = {{1.0}, {2.0, 1.5}};
  expect_invalid(n, {"populations.stim.spike_times[1][1]: spike times must be in increasing "
                     "order (got 1.5 after 2)"});
  n.populations[2].spike_times = {{1.0}, {2.0}, {3.0}};
  expect_invalid(n, {"populations.stim.spike_times: expected one list for all neurons or one "
                     "list per neuron (2), got 3 lists"});
  n.populations[2].spike_times = {{1.0}, {0.1, 2.0}};
  EXPECT_NO_THROW(validate(n));

  n = small_network();
  exc(n).rate = 5;
  expect_invalid(n, {"populations.exc.rate: only SpikeSourcePoisson has a rate"});
  exc(n).rate = 0;
  exc(n).shape = 2;
  expect_invalid(n, {"populations.exc.shape: only SpikeSourcePoisson has it"});
}

// A dead time and a gamma shape: a whole shape, a rate the dead time leaves room for, stages
// few enough per step; per neuron too.
TEST(NetworkValidation, RenewalSources) {
  Network n = small_network();
  Population stim;
  stim.name = "stim";
  stim.size = 2;
  stim.model = Model::kSpikeSourcePoisson;
  stim.rate = 100;
  stim.shape = 2.5;
  n.populations.push_back(stim);
  expect_invalid(n, {"populations.stim.shape: must be a whole number from 1 to 1000 (got 2.5)"});
  n.populations[2].shape = 2;
  n.populations[2].dead_time = -1;
  expect_invalid(n, {"populations.stim.dead_time: must be >= 0 (got -1)"});
  n.populations[2].dead_time = 5;
  EXPECT_NO_THROW(validate(n));
  n.populations[2].rate = 200;  // one spike per 5.1 ms at most: 196 Hz
  expect_invalid(n, {"populations.stim.rate: must be below 1 / (dt + dead_time) = 196.078431372549 Hz with dt = 0.1 "
                     "ms and a dead time of 50 steps (got 200 Hz)"});
  n.populations[2].rate = 100;
  n.populations[2].per_neuron.shape = {1, 1000};
  expect_invalid(n, {"populations.stim.shape[1]: rate x shape is too high for the step"});
  n.populations[2].per_neuron.shape = {1, 3};
  EXPECT_NO_THROW(validate(n));
}

TEST(NetworkValidation, ProjectionEnds) {
  Network n = small_network();
  projection(n).target = "foo";
  expect_invalid(n, {"test: projections[0].target: unknown population 'foo' (defined: exc, inh)"});
  n = small_network();
  Population stim;
  stim.name = "stim";
  stim.size = 1;
  stim.model = Model::kSpikeSourceArray;
  n.populations.push_back(stim);
  projection(n).target = "stim";
  expect_invalid(n, {"projections[0].target: 'stim' is a SpikeSourceArray, which has no synapses"});
}

TEST(NetworkValidation, Weights) {
  Network n = small_network();
  projection(n).weight = Distribution::constant(-0.01);
  expect_invalid(
      n, {"test: projections[0].weight: must be >= 0 (got -0.01)", "the receptor gives the sign"});
  n = small_network();
  projection(n).weight = Distribution::uniform(-0.1, 0.1);
  expect_invalid(n, {"projections[0].weight: uniform low must be >= 0 (got -0.1)"});
  n = small_network();
  projection(n).weight = Distribution::normal(-0.1, 0.1);
  expect_invalid(n, {"projections[0].weight: normal mean must be >= 0 (got -0.1)"});
  n = small_network();
  projection(n).weight = Distribution::constant(std::numeric_limits<double>::infinity());
  expect_invalid(n, {"projections[0].weight: must be a finite number (got inf)"});
}

TEST(NetworkValidation, Delays) {
  Network n = small_network();
  projection(n).delay = Distribution::constant(0.05);
  expect_invalid(n, {"projections[0].delay: must be >= dt = 0.1 ms (got 0.05)",
                     "delays are whole steps of at least one dt"});
  n = small_network();
  projection(n).delay = Distribution::uniform(0.0, 1.0);
  expect_invalid(n, {"projections[0].delay: uniform low must be >= dt"});
  n = small_network();
  projection(n).delay = Distribution::constant(25.6);
  expect_invalid(n, {"projections[0].delay: must be <= 25.5 ms (got 25.6)", "255 steps"});
  n = small_network();
  projection(n).delay = Distribution::uniform(1.0, 30.0);
  expect_invalid(n, {"projections[0].delay: uniform high must be <= 25.5 ms (got 30)"});
  n = small_network();
  projection(n).delay = Distribution::normal(20.0, 2.0);
  expect_invalid(n, {"projections[0].delay: mean + 5 sd must be <= 25.5 ms (got 30)"});
  n = small_network();
  projection(n).delay = Distribution::constant(25.5);  // exactly 255 steps
  EXPECT_NO_THROW(validate(n));
  n = small_network();
  projection(n).delay = Distribution::constant(0.1);  // exactly one step
  EXPECT_NO_THROW(validate(n));
}

TEST(NetworkValidation, Connectors) {
  Network n = small_network();
  projection(n).connector.p = 1.5;
  expect_invalid(n, {"test: projections[0].connector.p: must be in [0, 1] (got 1.5)"});
  n = small_network();
  projection(n).connector.p = -0.1;
  expect_invalid(n, {"projections[0].connector.p: must be in [0, 1] (got -0.1)"});

  n = small_network();
  projection(n).connector.kind = Connector::Kind::kFixedInDegree;
  projection(n).connector.n = 11;
  expect_invalid(n, {"projections[0].connector.n: must be <= 10 (got 11); source 'exc' has 10"});
  projection(n).connector.n = 10;
  EXPECT_NO_THROW(validate(n));
  projection(n).target = "exc";
  projection(n).connector.allow_self = false;
  expect_invalid(n, {"projections[0].connector.n: must be <= 9 (got 10)", "allow_self = false"});

  n = small_network();
  projection(n).connector.kind = Connector::Kind::kOneToOne;
  expect_invalid(n, {"projections[0].connector: one_to_one needs equal sizes; source 'exc' has "
                     "10 neurons, target 'inh' has 5"});
}

TEST(NetworkValidation, FromList) {
  Network n = small_network();
  Connector& c = projection(n).connector;
  c.kind = Connector::Kind::kFromList;
  c.list = {{0, 0, 0.1, 1.0}, {9, 4, 0.2, 0.1}};
  projection(n).delay = Distribution::constant(0.0);  // unused by from_list
  EXPECT_NO_THROW(validate(n));
  c.list[1].post = 5;
  expect_invalid(n, {"projections[0].connector.connections[1].post: index 5 out of range"});
  c.list[1] = {10, 0, 0.1, 1.0};
  expect_invalid(n, {"projections[0].connector.connections[1].pre: index 10 out of range"});
  c.list[1] = {1, 0, -0.1, 1.0};
  expect_invalid(n, {"projections[0].connector.connections[1].weight: must be >= 0 (got -0.1)"});
  c.list[1] = {1, 0, 0.1, 0.01};
  expect_invalid(n, {"projections[0].connector.connections[1].delay: must be >= dt"});
  c.list[1] = {1, 0, 0.1, 100.0};
  expect_invalid(n, {"projections[0].connector.connections[1].delay: must be <= 25.5 ms"});
}

TEST(NetworkValidation, DenseMatrix) {
  Network n = small_network();
  Connector& c = projection(n).connector;
  c.kind = Connector::Kind::kDenseMatrix;
  c.matrix.assign(10 * 5, 0.0);
  EXPECT_NO_THROW(validate(n));
  c.matrix[7] = -1;  // row 1, column 2
  expect_invalid(n, {"projections[0].connector.matrix[1][2]: must be >= 0 (got -1)"});
  c.matrix[7] = kNaN;
  expect_invalid(n, {"projections[0].connector.matrix[1][2]: must be a finite number"});
  c.matrix.assign(12, 0.0);
  expect_invalid(n, {"projections[0].connector.matrix: expected 10 x 5 entries (source 'exc' x "
                     "target 'inh'), got 12"});
}

TEST(NetworkValidation, Overrides) {
  Network n = small_network();
  n.simulation.replicas = 3;
  n.overrides.seed = {1, 2, 3};
  n.overrides.rate_E = {1, 2, 3};
  n.overrides.i_offset = {-1, 0, 1};
  EXPECT_NO_THROW(validate(n));
  n.overrides.rate_I = {1, 2};
  expect_invalid(n, {"test: overrides.rate_I: expected 3 entries (one per replica"});
  n.overrides.rate_I.clear();
  n.overrides.rate_E[1] = -2;
  expect_invalid(n, {"overrides.rate_E[1]: must be >= 0 (got -2)"});
  n.overrides.rate_E[1] = 2;
  n.overrides.weight_scale = {1, -1, 1};
  expect_invalid(n, {"overrides.weight_scale[1]: must be >= 0 (got -1)"});
}

}  // namespace
}  // namespace spikewafer
