// NET.toml's bad input: the messages users get (file:line:column, key path, what is allowed).
#include <gtest/gtest.h>

#include <string>

#include "network_config_support.hpp"

namespace spikewafer {
namespace {

using test::expect_error;
using test::kOnePopulation;
using test::with_population;
using test::with_projection;

TEST(NetworkConfig, SyntaxErrorNamesFileAndPosition) {
  expect_error("[simulation]\ndt = = 0.1\n", {"net.toml:2:", "invalid TOML"});
}

TEST(NetworkConfig, UnknownKeysAreErrors) {
  expect_error(
      "[simulation]\ndtt = 0.1\n" + kOnePopulation,
      {"net.toml:2:1: simulation.dtt: unknown key; allowed: dt, duration, seed, replicas"});
  expect_error("colour = 1\n" + kOnePopulation,
               {"net.toml:1:1: colour: unknown key",
                "allowed: simulation, populations, projections, overrides"});
  expect_error(kOnePopulation + "params = { tau = 5.0 }\n",
               {"net.toml:5:", "populations.a.params.tau: unknown key for IF_curr_exp",
                "allowed: tau_m, cm"});
  // IF_curr_exp has no reversal potentials.
  expect_error(kOnePopulation + "params = { e_rev_E = 0.0 }\n",
               {"populations.a.params.e_rev_E: unknown key for IF_curr_exp"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"fixed_probability\", p = 0.1, n = 3 }\nweight = 1"),
               {"net.toml:",
                "projections[0].connector.n: unknown key for kind "
                "'fixed_probability'; allowed: kind, p, allow_self"});
  expect_error(with_population("SpikeSourcePoisson", "rate = 1\nparams = { tau_m = 1 }"),
               {"populations.b.params: unknown key for SpikeSourcePoisson"});
  expect_error(kOnePopulation + "initial = { gsyn_exc = 0.1 }\n",
               {"populations.a.initial.gsyn_exc: unknown key for IF_curr_exp",
                "allowed: v, isyn_exc, isyn_inh"});
  expect_error(kOnePopulation + "initial = { v = { gauss = [0, 1] } }\n",
               {"populations.a.initial.v.gauss: unknown key", "allowed: uniform, normal"});
}

TEST(NetworkConfig, MissingRequiredKeys) {
  expect_error(
      "[populations.a]\nmodel = \"IF_curr_exp\"\n",
      {"net.toml:1:1: populations.a.size: missing required key; expected an integer >= 1"});
  expect_error("[populations.a]\nsize = 3\n",
               {"net.toml:1:1: populations.a.model: missing required key",
                "IF_curr_exp, IF_cond_exp, IF_curr_alpha, IF_cond_alpha, SpikeSourceArray, "
                "SpikeSourcePoisson"});
  expect_error("[simulation]\ndt = 0.1\n", {"populations: missing required key"});
  expect_error(
      with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = \"all_to_all\" }"),
      {"projections[0].weight: missing required key"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nweight = 1"),
               {"projections[0].connector: missing required key"});
}

TEST(NetworkConfig, WrongTypesAreErrors) {
  expect_error("[populations.exc]\nmodel = \"IF_curr_exp\"\nsize = \"ten\"\n",
               {"net.toml:3:8: populations.exc.size: expected an integer >= 1, got a string"});
  expect_error(kOnePopulation + "params = { tau_m = \"long\" }\n",
               {"populations.a.params.tau_m: expected a number, got a string"});
  expect_error("[simulation]\nseed = 1.5\n" + kOnePopulation,
               {"simulation.seed: expected an integer >= 0, got a float"});
  expect_error(kOnePopulation + "record = \"spikes\"\n",
               {"populations.a.record: expected an array of variable names, got a string"});
  expect_error(kOnePopulation + "record_v = [0, -1]\n",
               {"populations.a.record_v[1]: expected an integer >= 0, got -1"});
  expect_error(kOnePopulation + "initial = { v = { uniform = [1] } }\n",
               {"populations.a.initial.v.uniform: expected an array [low, high] of two numbers"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"all_to_all\", allow_self = 1 }\nweight = 1"),
               {"projections[0].connector.allow_self: expected true or false, got an integer"});
  expect_error("populations = [1]\n", {"populations: expected a table, got an array"});
}

TEST(NetworkConfig, UnknownNamesAreErrors) {
  expect_error("[populations.a]\nsize = 1\nmodel = \"IF_cond_exp2\"\n",
               {"net.toml:3:9: populations.a.model: unknown model 'IF_cond_exp2'; allowed: "
                "IF_curr_exp, IF_cond_exp, IF_curr_alpha, IF_cond_alpha, SpikeSourceArray, "
                "SpikeSourcePoisson"});
  expect_error(kOnePopulation + "record = [\"spikes\", \"gsyn_exc\"]\n",
               {"populations.a.record[1]: unknown variable 'gsyn_exc'; allowed: spikes, rate, v, "
                "isyn_exc, isyn_inh"});
  expect_error(
      with_projection("source = \"a\"\ntarget = \"b\"\nreceptor = \"exc\"\n"
                      "connector = { kind = \"all_to_all\" }\nweight = 1"),
      {"projections[0].receptor: unknown receptor 'exc'; allowed: excitatory, inhibitory"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = \"random\" }"),
               {"projections[0].connector.kind: unknown connector kind 'random'",
                "all_to_all, one_to_one, fixed_probability, fixed_in_degree, fixed_total_number, from_list, "
                "dense_matrix"});
}

TEST(NetworkConfig, UnknownPopulationInProjection) {
  // Line 11 of with_projection's text is `target = "foo"`; the value starts at column 10.
  expect_error(with_projection("source = \"a\"\ntarget = \"foo\"\nconnector = { kind = "
                               "\"all_to_all\" }\nweight = 1"),
               {"net.toml:11:10: projections[0].target: unknown population 'foo' (defined: a, b)"});
}

TEST(NetworkConfig, OverrideLengthMismatch) {
  expect_error("[simulation]\nreplicas = 3\n" + kOnePopulation + "[overrides]\nseed = [1, 2]\n",
               {"net.toml:8:8: overrides.seed: expected 3 entries (one per replica"});
}

TEST(NetworkConfig, RangeErrorsFromValidateCarryPositions) {
  expect_error(kOnePopulation + "params = { tau_m = -5 }\n",
               {"net.toml:5:20: populations.a.params.tau_m: must be > 0 (got -5)"});
  // A default that fails: the position is that of the table the key would be in.
  expect_error(kOnePopulation + "params = { v_reset = -40.0 }\n",
               {"net.toml:5:10: populations.a.params.v_thresh: must be > v_reset"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"fixed_probability\", p = 1.5 }\nweight = 1"),
               {"net.toml:12:47: projections[0].connector.p: must be in [0, 1] (got 1.5)"});
  expect_error(
      with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                      "\"from_list\", connections = [[0, 0], [7, 0]] }\nweight = 1"),
      {"net.toml:12:58: projections[0].connector.connections[1].pre: index 7 out of range"});
}

TEST(NetworkConfig, StructureErrors) {
  expect_error(kOnePopulation + "record = [\"v\"]\nrecord_v = [1]\n",
               {"populations.a.record_v: \"v\" in record already records every neuron"});
  expect_error(kOnePopulation + "sampling_interval = 0\n",
               {"populations.a.sampling_interval: must be > 0 (got 0); leave it out"});
  expect_error(with_population("SpikeSourceArray", "spike_times = [[1.0], 2.0]"),
               {"populations.b.spike_times[1]: expected an array of numbers, got a float"});
  expect_error(with_population("SpikeSourceArray", ""),
               {"populations.b.spike_times: missing required key"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"from_list\", connections = [[0, 0]] }\nweight = { uniform = "
                               "[0, 1] }"),
               {"projections[0].weight: must be a number with [pre, post] connections"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"from_list\", connections = [[0, 0, 1, 1], [1, 1]] }"),
               {"projections[0].connector.connections[1]: expected 4 entries like the first row"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"from_list\", connections = [[0, 0, 1, 1]] }\nweight = 1"),
               {"projections[0].weight: not used: every row of connections gives its own"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"dense_matrix\", matrix = [[1, 1, 1]] }"),
               {"projections[0].connector.matrix: expected 4 rows (one per neuron of source 'a'), "
                "got 1"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"dense_matrix\", matrix = [[1], [1], [1], [1]] }"),
               {"projections[0].connector.matrix[0]: expected 3 entries (one per neuron of target "
                "'b'), got 1"});
  expect_error(with_projection("source = \"a\"\ntarget = \"b\"\nconnector = { kind = "
                               "\"dense_matrix\", matrix = [[1,1,1],[1,1,1],[1,1,1],[1,1,1]] }\n"
                               "weight = 1"),
               {"projections[0].weight: not used: the dense_matrix entries are the weights"});
}

TEST(NetworkConfig, MissingFile) {
  try {
    load_network_toml("/nonexistent/net.toml");
    ADD_FAILURE() << "loaded a missing file";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_STREQ(e.what(),
                 "cannot read network file '/nonexistent/net.toml': No such file or directory");
  }
}

}  // namespace
}  // namespace spikewafer
