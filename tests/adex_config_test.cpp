// The AdEx models in NET.toml and in networks built in code: PyNN's names and defaults, the
// adaptation current as an initial value and a trace, and clear errors for parameters the model
// cannot take (delta_T < 0, tau_w <= 0, a detection potential at or below V_T) or keys other
// models do not have (delta_T = 0 is allowed: no exponential term, as in NEST).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "network/validate.hpp"
#include "network_config_support.hpp"

namespace spikewafer {
namespace {

using test::expect_error;
using test::kOnePopulation;
using test::parse;
using test::with_population;

TEST(AdexConfig, PyNNDefaultsNamesAndAdaptationCurrent) {
  const Network n = parse(with_population("EIF_cond_exp_isfa_ista",
                                          "params = { a = 2.0, tau_w = [100.0, 120.0, 140.0] }\n"
                                          "initial = { v = -65.0, w = 0.1 }\n"
                                          "record = [\"spikes\", \"w\"]"));
  const Population& p = n.populations[1];
  EXPECT_EQ(p.model, Model::kEifCondExpIsfaIsta);
  EXPECT_DOUBLE_EQ(p.params.a, 2.0);
  EXPECT_EQ(p.per_neuron.tau_w, (std::vector<double>{100.0, 120.0, 140.0}));
  // PyNN's EIF_cond_exp_isfa_ista defaults where the file says nothing
  EXPECT_DOUBLE_EQ(p.params.cm, 0.281);
  EXPECT_DOUBLE_EQ(p.params.tau_m, 9.3667);
  EXPECT_DOUBLE_EQ(p.params.v_rest, -70.6);
  EXPECT_DOUBLE_EQ(p.params.v_thresh, -50.4);
  EXPECT_DOUBLE_EQ(p.params.v_spike, -40.0);
  EXPECT_DOUBLE_EQ(p.params.delta_T, 2.0);
  EXPECT_DOUBLE_EQ(p.params.b, 0.0805);
  EXPECT_DOUBLE_EQ(p.params.e_rev_I, -80.0);
  ASSERT_TRUE(p.initial.w.has_value());
  EXPECT_DOUBLE_EQ(p.initial.w->a, 0.1);
  EXPECT_EQ(p.record.w, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_NO_THROW(validate(n));
  // The LIF models keep IF_cond_exp's defaults.
  EXPECT_DOUBLE_EQ(parse(with_population("IF_cond_exp", "")).populations[1].params.cm, 1.0);
  EXPECT_EQ(parse(with_population("EIF_cond_alpha_isfa_ista", "record_w = [2]"))
                .populations[1]
                .record.w,
            (std::vector<uint32_t>{2}));
}

TEST(AdexConfig, OtherModelsHaveNoAdaptation) {
  expect_error(with_population("IF_cond_exp", "params = { a = 1.0 }"),
               {"populations.b.params.a: unknown key for IF_cond_exp"});
  expect_error(with_population("IF_cond_exp", "initial = { w = 0.1 }"),
               {"populations.b.initial.w: unknown key for IF_cond_exp", "allowed: v, gsyn_exc, gsyn_inh"});
  expect_error(with_population("IF_cond_exp", "record = [\"w\"]"),
               {"populations.b.record", "allowed: spikes, rate, v, gsyn_exc, gsyn_inh"});
  expect_error(with_population("EIF_cond_exp_isfa_ista", "params = { v_spik = 1.0 }"),
               {"unknown key for EIF_cond_exp_isfa_ista", "delta_T", "tau_w", "v_spike"});
}

// An EIF_cond_exp_isfa_ista population with `params`: an input error naming every piece.
void expect_invalid(const std::string& params, std::initializer_list<std::string> pieces) {
  expect_error(with_population("EIF_cond_exp_isfa_ista", "params = { " + params + " }"), pieces);
}

TEST(AdexConfig, ImpossibleParametersAreRefusedWithTheFix) {
  expect_invalid("delta_T = -1.0", {"populations.b.params.delta_T", "> 0"});
  expect_invalid("delta_T = 1e-40", {"populations.b.params.delta_T", "at least 1e-30"});
  // delta_T = 0 is NEST's and PyNN's AdEx without its exponential term: the spike at v_thresh,
  // which must then lie above the reset.
  EXPECT_NO_THROW(parse(with_population("EIF_cond_exp_isfa_ista", "params = { delta_T = 0.0 }")));
  expect_invalid("delta_T = 0.0, v_reset = -45.0, v_thresh = -50.0",
                 {"populations.b.params.v_thresh", "must be > v_reset with delta_T = 0"});
  expect_invalid("tau_w = 0.0", {"populations.b.params.tau_w", "> 0"});
  expect_invalid("v_spike = -50.4", {"populations.b.params.v_spike", "must be > v_thresh",
                                     "v_thresh + 5 delta_T"});
  expect_invalid("v_spike = -60.0", {"populations.b.params.v_spike"});
  expect_invalid("v_reset = -30.0", {"populations.b.params.v_reset", "must be < v_spike"});
  expect_invalid("a = nan", {"populations.b.params.a"});
  // A reset above V_T (bursting neurons) is allowed, unlike for the LIF models.
  EXPECT_NO_THROW(parse(with_population("EIF_cond_exp_isfa_ista",
                                        "params = { v_reset = -46.0, v_thresh = -50.0 }")));
}

}  // namespace
}  // namespace spikewafer
