// NET.toml parsing: the documented example, and each key group read into the Network.
#include "io/network_config.hpp"

#include <gtest/gtest.h>

#include <string>

#include "network_config_support.hpp"

#ifndef SPIKEWAFER_SOURCE_DIR
#define SPIKEWAFER_SOURCE_DIR "."  // the build defines it; "." serves a build from the repo root
#endif

namespace spikewafer {
namespace {

using Kind = Distribution::Kind;
using test::kOnePopulation;
using test::parse;
using test::with_population;
using test::with_projection;

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
[[populations.b.dc]]
amplitude = 0.2
stdev = 0.1
seed = 17
)"));
  const Population& b = n.populations[1];
  EXPECT_EQ(b.initial.syn_exc->kind, Kind::kUniform);
  EXPECT_EQ(b.initial.syn_exc->b, 0.01);
  EXPECT_EQ(b.initial.syn_inh->a, 0.002);
  EXPECT_EQ(b.record.syn_inh, (std::vector<uint32_t>{2}));
  ASSERT_EQ(b.dc_sources.size(), 2u);
  EXPECT_EQ(b.dc_sources[0].amplitude, 1.5);
  EXPECT_EQ(b.dc_sources[0].start, 5.0);
  EXPECT_EQ(b.dc_sources[0].seed, 0u);
  EXPECT_EQ(b.dc_sources[1].stdev, 0.1);
  EXPECT_EQ(b.dc_sources[1].seed, 17u);
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
  n = parse(with_population("SpikeSourcePoisson", "rate = 20\ndead_time = 2.0\nshape = [1, 4, 4]"));
  EXPECT_EQ(n.populations[1].dead_time, 2.0);
  EXPECT_EQ(n.populations[1].per_neuron.shape, (std::vector<double>{1, 4, 4}));
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

}  // namespace
}  // namespace spikewafer
