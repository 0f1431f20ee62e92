// NET.toml parsing: the documented example, each key group read into the Network, and the
// messages users get for bad input (file:line:column, key path, what is allowed).
#include "io/network_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "spikewafer/error.hpp"
#include "spikewafer/network.hpp"

#ifndef SPIKEWAFER_SOURCE_DIR
#define SPIKEWAFER_SOURCE_DIR "."  // the build defines it; "." serves a build from the repo root
#endif

namespace spikewafer {
namespace {

using ::testing::HasSubstr;
using Kind = Distribution::Kind;

// One LIF population, enough for a valid file; tests append to it.
const std::string kOnePopulation = R"(
[populations.a]
size = 4
model = "IF_curr_exp"
)";

Network parse(const std::string& text) { return parse_network_toml(text, "net.toml"); }

// Parses `text` expecting an input error whose message contains every piece.
void expect_error(const std::string& text, std::initializer_list<std::string> pieces) {
  try {
    parse(text);
    ADD_FAILURE() << "parsed without error:\n" << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    for (const std::string& piece : pieces) EXPECT_THAT(e.what(), HasSubstr(piece));
  }
}

// A second population "b" of the given model and extra keys, after kOnePopulation.
std::string with_population(const std::string& model, const std::string& extra) {
  return kOnePopulation + "[populations.b]\nsize = 3\nmodel = \"" + model + "\"\n" + extra + "\n";
}

std::string with_projection(const std::string& body) {
  return with_population("IF_cond_exp", "") + "[[projections]]\n" + body + "\n";
}

TEST(NetworkConfig, ExampleParses) {
  const Network n = load_network_toml(SPIKEWAFER_SOURCE_DIR "/examples/network.toml");
  EXPECT_EQ(n.simulation.dt, 0.1);
  EXPECT_EQ(n.simulation.duration, 1000.0);
  EXPECT_EQ(n.simulation.seed, 7u);
  EXPECT_EQ(n.simulation.replicas, 1u);
  ASSERT_EQ(n.populations.size(), 2u);
  const Population& exc = n.populations[0];
  const Population& inh = n.populations[1];
  // Key order would agree here; PopulationsKeepFileOrder tells the two apart.
  EXPECT_EQ(exc.name, "exc");
  EXPECT_EQ(inh.name, "inh");
  EXPECT_EQ(exc.size, 800u);
  EXPECT_EQ(exc.model, Model::kIfCondExp);
  EXPECT_EQ(exc.params.cm, 0.2);
  EXPECT_EQ(exc.params.tau_syn_I, 10.0);
  EXPECT_EQ(exc.params.e_rev_I, -80.0);
  ASSERT_TRUE(exc.initial.v.has_value());
  EXPECT_EQ(exc.initial.v->kind, Kind::kUniform);
  EXPECT_EQ(exc.initial.v->a, -60.0);
  EXPECT_EQ(exc.initial.v->b, -50.0);
  EXPECT_FALSE(exc.initial.syn_exc.has_value());
  EXPECT_EQ(exc.noise.rate_E, 2000.0);
  EXPECT_EQ(exc.noise.weight_I, 0.004);
  EXPECT_TRUE(exc.record.spikes);
  EXPECT_FALSE(exc.record.rate);
  EXPECT_EQ(exc.record.v.size(), 800u);  // "v" in record: every neuron
  EXPECT_EQ(exc.record.v.back(), 799u);
  EXPECT_TRUE(inh.record.spikes);
  EXPECT_TRUE(inh.record.v.empty());
  ASSERT_EQ(n.projections.size(), 1u);
  const Projection& p = n.projections[0];
  EXPECT_EQ(p.source, "exc");
  EXPECT_EQ(p.target, "inh");
  EXPECT_EQ(p.receptor, Receptor::kExcitatory);
  EXPECT_EQ(p.connector.kind, Connector::Kind::kFixedProbability);
  EXPECT_EQ(p.connector.p, 0.02);
  EXPECT_FALSE(p.connector.allow_self);
  EXPECT_EQ(p.weight.kind, Kind::kConstant);
  EXPECT_EQ(p.weight.a, 0.004);
  EXPECT_EQ(p.delay.a, 0.1);
  EXPECT_EQ(n.source, SPIKEWAFER_SOURCE_DIR "/examples/network.toml");
}

TEST(NetworkConfig, PopulationsKeepFileOrder) {
  // toml++ sorts tables by key; neuron numbering must follow the file instead.
  const Network n = parse(
      "[populations.zeta]\nsize = 1\nmodel = \"IF_curr_exp\"\n"
      "[populations.alpha]\nsize = 2\nmodel = \"IF_curr_exp\"\n"
      "[populations.mid]\nsize = 3\nmodel = \"IF_curr_exp\"\n");
  ASSERT_EQ(n.populations.size(), 3u);
  EXPECT_EQ(n.populations[0].name, "zeta");
  EXPECT_EQ(n.populations[1].name, "alpha");
  EXPECT_EQ(n.populations[2].name, "mid");
}

TEST(NetworkConfig, DefaultsApply) {
  const Network n = parse(kOnePopulation);
  EXPECT_EQ(n.simulation.dt, 0.1);
  EXPECT_EQ(n.simulation.duration, 1000.0);
  EXPECT_EQ(n.simulation.seed, 1u);
  EXPECT_EQ(n.simulation.replicas, 1u);
  EXPECT_EQ(n.populations[0].params.tau_m, NeuronParams{}.tau_m);
  EXPECT_EQ(n.populations[0].record.rate_bin, 1.0);
  EXPECT_EQ(n.populations[0].record.sampling_interval, 0.0);
  EXPECT_TRUE(n.projections.empty());
  EXPECT_TRUE(n.overrides.seed.empty());
}

TEST(NetworkConfig, SimulationRoundTrips) {
  const Network n =
      parse("[simulation]\ndt = 0.25\nduration = 50\nseed = 123\nreplicas = 3\n" + kOnePopulation);
  EXPECT_EQ(n.simulation.dt, 0.25);
  EXPECT_EQ(n.simulation.duration, 50.0);  // integers where floats are expected
  EXPECT_EQ(n.simulation.seed, 123u);
  EXPECT_EQ(n.simulation.replicas, 3u);
}

TEST(NetworkConfig, CurrentModelKeysRoundTrip) {
  const Network n = parse(with_population("IF_curr_exp", R"(
params = { tau_m = 10, cm = 0.5, i_offset = 0.1 }
initial = { v = -70.0, isyn_exc = { normal = [0.5, 0.1] }, isyn_inh = 0.0 }
noise = { rate_E = 100.0 }
record = ["rate", "isyn_inh"]
record_v = [0, 2]
record_isyn_exc = [1]
sampling_interval = 0.5
rate_bin = 2.0
dc = [{ amplitude = 0.5, start = 10.0, stop = 20.0, neurons = [0, 1] }, { amplitude = -0.1 }]
)"));
  const Population& b = n.populations[1];
  EXPECT_EQ(b.model, Model::kIfCurrExp);
  EXPECT_EQ(b.params.tau_m, 10.0);
  EXPECT_EQ(b.params.i_offset, 0.1);
  EXPECT_EQ(b.params.v_rest, NeuronParams{}.v_rest);
  EXPECT_EQ(b.initial.v->kind, Kind::kConstant);
  EXPECT_EQ(b.initial.v->a, -70.0);
  EXPECT_EQ(b.initial.syn_exc->kind, Kind::kNormal);
  EXPECT_EQ(b.initial.syn_exc->b, 0.1);
  EXPECT_EQ(b.initial.syn_inh->a, 0.0);
  EXPECT_EQ(b.noise.rate_E, 100.0);
  EXPECT_EQ(b.noise.weight_E, 0.0);
  EXPECT_FALSE(b.record.spikes);
  EXPECT_TRUE(b.record.rate);
  EXPECT_EQ(b.record.v, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(b.record.syn_exc, (std::vector<uint32_t>{1}));
  EXPECT_EQ(b.record.syn_inh, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(b.record.sampling_interval, 0.5);
  EXPECT_EQ(b.record.rate_bin, 2.0);
  ASSERT_EQ(b.dc_sources.size(), 2u);
  EXPECT_EQ(b.dc_sources[0].start, 10.0);
  EXPECT_EQ(b.dc_sources[0].stop, 20.0);
  EXPECT_EQ(b.dc_sources[0].neurons, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(b.dc_sources[1].amplitude, -0.1);
  EXPECT_EQ(b.dc_sources[1].stop, DCSource{}.stop);
  EXPECT_TRUE(b.dc_sources[1].neurons.empty());
}

TEST(NetworkConfig, ConductanceInitialAndDcTablesRoundTrip) {
  const Network n = parse(with_population("IF_cond_exp", R"(
initial = { gsyn_exc = { uniform = [0.0, 0.01] }, gsyn_inh = 0.002 }
record_gsyn_inh = [2]
[[populations.b.dc]]
amplitude = 1.5
start = 5
)"));
  const Population& b = n.populations[1];
  EXPECT_EQ(b.initial.syn_exc->kind, Kind::kUniform);
  EXPECT_EQ(b.initial.syn_exc->b, 0.01);
  EXPECT_EQ(b.initial.syn_inh->a, 0.002);
  EXPECT_EQ(b.record.syn_inh, (std::vector<uint32_t>{2}));
  ASSERT_EQ(b.dc_sources.size(), 1u);
  EXPECT_EQ(b.dc_sources[0].amplitude, 1.5);
  EXPECT_EQ(b.dc_sources[0].start, 5.0);
}

TEST(NetworkConfig, SpikeSourcesRoundTrip) {
  Network n = parse(with_population("SpikeSourceArray", "spike_times = [1.0, 2.5, 7]"));
  EXPECT_EQ(n.populations[1].spike_times,
            (std::vector<std::vector<double>>{{1.0, 2.5, 7.0}}));  // shared by all neurons
  n = parse(with_population("SpikeSourceArray",
                            "spike_times = [[1.0], [], [2.0, 3.0]]\nrecord = [\"spikes\"]"));
  EXPECT_EQ(n.populations[1].spike_times,
            (std::vector<std::vector<double>>{{1.0}, {}, {2.0, 3.0}}));
  EXPECT_TRUE(n.populations[1].record.spikes);
  n = parse(
      with_population("SpikeSourcePoisson", "rate = 12.5\nrecord = [\"rate\"]\nrate_bin = 5"));
  EXPECT_EQ(n.populations[1].model, Model::kSpikeSourcePoisson);
  EXPECT_EQ(n.populations[1].rate, 12.5);
  EXPECT_EQ(n.populations[1].record.rate_bin, 5.0);
}

TEST(NetworkConfig, ConnectorsRoundTrip) {
  Network n = parse(with_projection(R"(source = "a"
target = "b"
receptor = "inhibitory"
connector = { kind = "fixed_in_degree", n = 2 }
weight = { normal = [0.5, 0.1] })"));
  const Projection* p = &n.projections[0];
  EXPECT_EQ(p->receptor, Receptor::kInhibitory);
  EXPECT_EQ(p->connector.kind, Connector::Kind::kFixedInDegree);
  EXPECT_EQ(p->connector.n, 2u);
  EXPECT_TRUE(p->connector.allow_self);
  EXPECT_EQ(p->weight.kind, Kind::kNormal);
  EXPECT_EQ(p->delay.kind, Kind::kConstant);
  EXPECT_EQ(p->delay.a, n.simulation.dt);  // delay defaults to one step

  n = parse("[simulation]\ndt = 0.5\n" +
            with_projection("source = \"a\"\ntarget = \"a\"\nconnector = { kind = \"all_to_all\", "
                            "allow_self = false }\nweight = 1\ndelay = { uniform = [0.5, 2] }"));
  p = &n.projections[0];
  EXPECT_EQ(p->connector.kind, Connector::Kind::kAllToAll);
  EXPECT_FALSE(p->connector.allow_self);
  EXPECT_EQ(p->delay.kind, Kind::kUniform);
  EXPECT_EQ(p->delay.b, 2.0);

  n = parse(with_projection(
      "source = \"a\"\ntarget = \"b\"\nconnector = { kind = \"dense_matrix\", matrix = "
      "[[0, 1, 0], [0.5, 0, 0], [0, 0, 0], [1, 1, 1]] }\ndelay = 0.3"));
  p = &n.projections[0];
  EXPECT_EQ(p->connector.kind, Connector::Kind::kDenseMatrix);
  ASSERT_EQ(p->connector.matrix.size(), 12u);
  EXPECT_EQ(p->connector.matrix[1], 1.0);
  EXPECT_EQ(p->connector.matrix[3], 0.5);  // row-major: row 1, column 0
  EXPECT_EQ(p->delay.a, 0.3);

  n = parse(kOnePopulation +
            "[[projections]]\nsource = \"a\"\ntarget = \"a\"\nconnector = { kind = \"one_to_one\" }"
            "\nweight = 0.1\n");
  EXPECT_EQ(n.projections[0].connector.kind, Connector::Kind::kOneToOne);
}

TEST(NetworkConfig, FromListRowsRoundTrip) {
  Network n = parse(with_projection(
      "source = \"a\"\ntarget = \"b\"\nconnector = { kind = \"from_list\", connections = "
      "[[0, 1], [3, 2]] }\nweight = 0.2\ndelay = 0.4"));
  const auto* list = &n.projections[0].connector.list;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].pre, 3u);
  EXPECT_EQ((*list)[1].post, 2u);
  EXPECT_EQ((*list)[1].weight, 0.2);  // the projection's weight and delay, stored per row
  EXPECT_EQ((*list)[1].delay, 0.4);

  n = parse(with_projection(
      "source = \"a\"\ntarget = \"b\"\nconnector = { kind = \"from_list\", connections = "
      "[[0, 1, 0.5, 1.0], [2, 0, 0.25, 0.2]] }"));
  list = &n.projections[0].connector.list;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].weight, 0.5);
  EXPECT_EQ((*list)[0].delay, 1.0);
  EXPECT_EQ((*list)[1].pre, 2u);
}

TEST(NetworkConfig, OverridesRoundTrip) {
  const Network n = parse("[simulation]\nreplicas = 2\n" + kOnePopulation + R"(
[overrides]
seed = [1, 1]
rate_E = [10.0, 20]
rate_I = [0, 5]
i_offset = [-0.5, 0.5]
weight_scale = [1.0, 2.0]
)");
  EXPECT_EQ(n.overrides.seed, (std::vector<uint64_t>{1, 1}));
  EXPECT_EQ(n.overrides.rate_E, (std::vector<double>{10.0, 20.0}));
  EXPECT_EQ(n.overrides.rate_I, (std::vector<double>{0.0, 5.0}));
  EXPECT_EQ(n.overrides.i_offset, (std::vector<double>{-0.5, 0.5}));
  EXPECT_EQ(n.overrides.weight_scale, (std::vector<double>{1.0, 2.0}));
}

// --- errors --------------------------------------------------------------------------------

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
                "all_to_all, one_to_one, fixed_probability, fixed_in_degree, from_list, "
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
