// HH_cond_exp in NET.toml and in networks built in code: PyNN's names and defaults, the gates as
// initial values, and clear errors for what the model cannot take (an integrate-and-fire
// parameter, a gate outside [0, 1], no conductance to hold v) or where it cannot run (the wafer).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "network/validate.hpp"
#include "network_config_support.hpp"
#include "test_support.hpp"
#include "wafer/mapping.hpp"

namespace spikewafer {
namespace {

using test::expect_error;
using test::parse;
using test::with_population;

TEST(HhConfig, PyNNDefaultsNamesAndGates) {
  const Network n = parse(with_population("HH_cond_exp",
                                          "params = { gbar_Na = 25.0, v_offset = [-60.0, -61.0, -62.0] }\n"
                                          "initial = { v = -64.0, m = 0.0, h = 1.0, n = [0.1, 0.2, 0.3] }\n"
                                          "record = [\"spikes\", \"v\", \"gsyn_exc\"]"));
  const Population& p = n.populations[1];
  EXPECT_EQ(p.model, Model::kHhCondExp);
  EXPECT_DOUBLE_EQ(p.params.gbar_Na, 25.0);
  EXPECT_EQ(p.per_neuron.v_offset, (std::vector<double>{-60.0, -61.0, -62.0}));
  // PyNN's HH_cond_exp defaults where the file says nothing
  EXPECT_DOUBLE_EQ(p.params.gbar_K, 6.0);
  EXPECT_DOUBLE_EQ(p.params.g_leak, 0.01);
  EXPECT_DOUBLE_EQ(p.params.cm, 0.2);
  EXPECT_DOUBLE_EQ(p.params.e_rev_Na, 50.0);
  EXPECT_DOUBLE_EQ(p.params.e_rev_K, -90.0);
  EXPECT_DOUBLE_EQ(p.params.e_rev_leak, -65.0);
  EXPECT_DOUBLE_EQ(p.params.e_rev_I, -80.0);
  EXPECT_DOUBLE_EQ(p.params.tau_syn_E, 0.2);
  EXPECT_DOUBLE_EQ(p.params.tau_syn_I, 2.0);
  ASSERT_TRUE(p.initial.h.has_value());
  EXPECT_DOUBLE_EQ(p.initial.h->a, 1.0);
  EXPECT_EQ(p.initial.n_per_neuron, (std::vector<double>{0.1, 0.2, 0.3}));
  EXPECT_NO_THROW(validate(n));
}

TEST(HhConfig, WhatTheModelDoesNotHaveIsRefused) {
  expect_error(with_population("HH_cond_exp", "params = { tau_m = 10.0 }"),
               {"populations.b.params.tau_m: unknown key for HH_cond_exp", "gbar_Na", "e_rev_leak"});
  expect_error(with_population("HH_cond_exp", "params = { v_thresh = -50.0 }"),
               {"populations.b.params.v_thresh: unknown key for HH_cond_exp"});
  expect_error(with_population("HH_cond_exp", "initial = { w = 0.1 }"),
               {"populations.b.initial.w: unknown key for HH_cond_exp", "m, h, n"});
  expect_error(with_population("IF_cond_exp", "initial = { m = 0.1 }"),
               {"populations.b.initial.m: unknown key for IF_cond_exp"});
  expect_error(with_population("IF_cond_exp", "params = { gbar_Na = 1.0 }"),
               {"populations.b.params.gbar_Na: unknown key for IF_cond_exp"});
}

TEST(HhConfig, ImpossibleValuesAreRefusedWithTheFix) {
  expect_error(with_population("HH_cond_exp", "initial = { m = 1.5 }"),
               {"populations.b.initial.m", "[0, 1]"});
  expect_error(with_population("HH_cond_exp", "initial = { h = [0.5, -0.1, 0.5] }"),
               {"populations.b.initial.h[1]", "[0, 1]"});
  expect_error(with_population("HH_cond_exp", "initial = { n = { normal = [0.3, 0.1] } }"),
               {"populations.b.initial.n", "uniform distribution within it"});
  expect_error(with_population("HH_cond_exp", "params = { gbar_Na = -1.0 }"),
               {"populations.b.params.gbar_Na", ">= 0"});
  expect_error(with_population("HH_cond_exp", "params = { g_leak = 0.0, gbar_K = 0.0 }"),
               {"populations.b.params.g_leak", "g_leak or gbar_K must be > 0"});
  expect_error(with_population("HH_cond_exp", "params = { cm = 0.0 }"),
               {"populations.b.params.cm"});
  // A built network with a gate on an integrate-and-fire model.
  Network n = parse(with_population("IF_cond_exp", ""));
  n.populations[1].initial.n = Distribution::constant(0.2);
  try {
    validate(n);
    ADD_FAILURE() << "validated";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("IF_cond_exp has no gate n"));
  }
}

TEST(HhConfig, AStepTooLongForTheSpikeIsRefused) {
  Network n = parse(with_population("HH_cond_exp", ""));
  n.simulation.dt = 0.1;
  EXPECT_NO_THROW(validate(n));
  n.simulation.dt = 0.2;
  try {
    validate(n);
    ADD_FAILURE() << "validated";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("populations.b.model: HH_cond_exp needs dt <= 0.1 ms"));
  }
}

// BrainScaleS-1's neurons are AdEx circuits: a mapping is refused before anything is placed.
TEST(HhConfig, TheWaferRefusesIt) {
  const Network n = parse(with_population("HH_cond_exp", ""));
  wafer::MappingOptions options;
  options.wafers = 1;
  try {
    wafer::map_network(n, options);
    ADD_FAILURE() << "mapped";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("populations.b: BrainScaleS-1 has no circuit for HH_cond_exp"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("without --wafer"));
  }
}

}  // namespace
}  // namespace spikewafer
