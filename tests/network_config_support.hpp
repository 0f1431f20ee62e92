// What the NET.toml tests share: a minimal valid file to build on, and parsing that expects an
// input error with given pieces in its message.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "io/network_config.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::test {

// One LIF population, enough for a valid file; tests append to it.
inline const std::string kOnePopulation = R"(
[populations.a]
size = 4
model = "IF_curr_exp"
)";

inline Network parse(const std::string& text) { return parse_network_toml(text, "net.toml"); }

// Parses `text` expecting an input error whose message contains every piece.
inline void expect_error(const std::string& text, std::initializer_list<std::string> pieces) {
  try {
    parse(text);
    ADD_FAILURE() << "parsed without error:\n" << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    for (const std::string& piece : pieces) EXPECT_THAT(e.what(), ::testing::HasSubstr(piece));
  }
}

// A second population "b" of the given model and extra keys, after kOnePopulation.
inline std::string with_population(const std::string& model, const std::string& extra) {
  return kOnePopulation + "[populations.b]\nsize = 3\nmodel = \"" + model + "\"\n" + extra + "\n";
}

inline std::string with_projection(const std::string& body) {
  return with_population("IF_cond_exp", "") + "[[projections]]\n" + body + "\n";
}

}  // namespace spikewafer::test
