// [compare] in a scan file: every combination of the listed settings becomes one variant of a
// sampler, named in the tables by the sampler and the compared values; Glauber chains take part
// in the initial-state comparison only; bad lists are refused with the key and the fix.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ising/scan_config.hpp"
#include "ising/scan_variants.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

std::vector<std::string> labels(const std::vector<ScanVariant>& variants) {
  std::vector<std::string> out;
  for (const ScanVariant& v : variants) out.push_back(v.label);
  return out;
}

TEST(IsingScanVariants, WithoutComparisonOneVariantNamedAfterTheSampler) {
  const ScanConfig c = parse_scan_config("[sampler]\nkind = \"both\"\n", "scan.toml");
  EXPECT_EQ(labels(scan_variants(c, SamplerKind::kGlauber)), std::vector<std::string>{"glauber"});
  EXPECT_EQ(labels(scan_variants(c, SamplerKind::kSpiking)), std::vector<std::string>{"spiking"});
}

TEST(IsingScanVariants, EveryCombinationWithItsSettings) {
  const ScanConfig c = parse_scan_config(
      "[compare]\ninitial = [\"random\", \"checkerboard\"]\nsynapse = [\"renewing\", \"additive\"]\n"
      "tau_syn_ratio = [0.5, 2.0]\n",
      "scan.toml");
  const std::vector<ScanVariant> spiking = scan_variants(c, SamplerKind::kSpiking);
  ASSERT_EQ(spiking.size(), 8u);
  EXPECT_EQ(spiking.front().label, "spiking[initial=random synapse=renewing tau_syn_ratio=0.5]");
  EXPECT_EQ(spiking.back().label, "spiking[initial=checkerboard synapse=additive tau_syn_ratio=2]");
  const ScanConfig& last = spiking.back().config;
  EXPECT_EQ(last.initial, InitialPattern::kCheckerboard);
  EXPECT_EQ(last.spiking.dynamics, SynapseDynamics::kAdditive);
  EXPECT_DOUBLE_EQ(last.spiking.tau_syn_ratio, 2.0);
  EXPECT_TRUE(last.compare.empty());
  // Glauber has no synapses: only its initial states are compared.
  EXPECT_EQ(labels(scan_variants(c, SamplerKind::kGlauber)),
            (std::vector<std::string>{"glauber[initial=random]", "glauber[initial=checkerboard]"}));
  const ScanConfig no_initial =
      parse_scan_config("[compare]\ntemperature = [\"scale\", \"noise\"]\n", "scan.toml");
  EXPECT_EQ(labels(scan_variants(no_initial, SamplerKind::kGlauber)),
            std::vector<std::string>{"glauber"});
  EXPECT_EQ(scan_variants(no_initial, SamplerKind::kSpiking)[1].config.spiking.temperature,
            TemperatureMode::kNoise);
}

TEST(IsingScanVariants, TranslationAndGaugeSideBySide) {
  const ScanConfig c = parse_scan_config(
      "[sampler]\ngauge = \"none\"\n[compare]\ntranslation = [\"open\", \"corrected\"]\n"
      "gauge = [\"none\", \"sublattice\"]\n",
      "scan.toml");
  EXPECT_EQ(c.spiking.gauge, Gauge::kNone);
  const std::vector<ScanVariant> spiking = scan_variants(c, SamplerKind::kSpiking);
  EXPECT_EQ(labels(spiking), (std::vector<std::string>{
                                 "spiking[translation=open gauge=none]",
                                 "spiking[translation=open gauge=sublattice]",
                                 "spiking[translation=corrected gauge=none]",
                                 "spiking[translation=corrected gauge=sublattice]"}));
  EXPECT_EQ(spiking[1].config.spiking.gauge, Gauge::kSublattice);
  EXPECT_EQ(spiking[1].config.spiking.translation, Translation::kOpen);
  EXPECT_EQ(parse_scan_config("", "scan.toml").spiking.gauge, Gauge::kSublattice);
}

TEST(IsingScanVariants, LabelsBecomeFileNames) {
  EXPECT_EQ(label_file_name("spiking[initial=random synapse=additive]"),
            "spiking_initial=random_synapse=additive_");
}

void expect_refused(const std::string& text, const std::string& expected) {
  try {
    parse_scan_config(text, "bad.toml");
    FAIL() << "accepted: " << text;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.toml:"), std::string::npos) << e.what();
  }
}

TEST(IsingScanVariants, BadComparisonsNameTheKeyAndTheFix) {
  expect_refused("[compare]\nsynapse = \"additive\"\n", "list");
  expect_refused("[compare]\nsynapse = [\"additive\"]\n", "at least two");
  expect_refused("[compare]\ninitial = [\"up\", \"up\"]\n", "listed twice");
  expect_refused("[compare]\ntau_syn_ratio = [1.0, -2.0]\n", "tau_syn_ratio");
  expect_refused("[compare]\nmodel = [\"IF_cond_exp\", \"IF_curr_exp\"]\n", "model");
  expect_refused("[compare]\ntemperature = [\"scale\", \"hot\"]\n", "hot");
}

}  // namespace
}  // namespace spikewafer::ising
