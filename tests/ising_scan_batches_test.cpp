// How a scan's grid is cut into batched runs: every point exactly once, and a point's
// neighbours along T in its batch wherever its column fits one, since the closed loop shares
// each point's correction with those neighbours (docs/models.md, "Neighbouring grid points").
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "ising/scan_config.hpp"
#include "ising/scan_runner.hpp"

namespace spikewafer::ising {
namespace {

ScanConfig built_in_grid() {
  ScanConfig c;  // T 1.5..3.5 x 21, h -1.5..1.5 x 7, 8 replicas, as the built-in scan
  c.first = {1.5, 3.5, 21};
  c.second = {-1.5, 1.5, 7};
  c.replicas = 8;
  return c;
}

std::map<uint32_t, size_t> batch_of(const std::vector<std::vector<uint32_t>>& batches) {
  std::map<uint32_t, size_t> of;
  for (size_t b = 0; b < batches.size(); ++b)
    for (uint32_t p : batches[b]) EXPECT_TRUE(of.emplace(p, b).second) << "point " << p << " twice";
  return of;
}

TEST(IsingScanBatches, NeighboursAlongTShareABatchWhereAColumnFits) {
  const ScanConfig c = built_in_grid();
  for (const uint32_t L : {8u, 16u}) {
    const ScanRun run{c, SamplerKind::kSpiking, "spiking", L, nullptr, 0, {}, {}, {}, {}};
    const auto batches = scan_batches(run, L * L);
    const auto of = batch_of(batches);
    ASSERT_EQ(of.size(), 147u) << "L = " << L;
    for (uint32_t p = c.second.num; p < 147; ++p)
      EXPECT_EQ(of.at(p), of.at(p - c.second.num)) << "L = " << L << ", point " << p;
    // Batches stay within batch_units (65536 chains x spins): 128 points at L = 8, 32 at 16.
    for (const auto& b : batches) EXPECT_LE(b.size() * 8 * L * L, c.batch_units) << "L = " << L;
  }
}

TEST(IsingScanBatches, ALongColumnIsCutIntoEqualPartsAndFinishedPointsAreLeftOut) {
  ScanConfig c = built_in_grid();
  c.batch_units = 8 * 256 * 10;  // ten points of L = 16 per batch: a column of 21 in three parts
  ScanRun run{c, SamplerKind::kSpiking, "spiking", 16, nullptr, 0, {}, {}, {}, {}};
  run.finished = {0, 7};  // T = 1.5 and 1.6 at h = -1.5
  const auto batches = scan_batches(run, 256);
  const auto of = batch_of(batches);
  EXPECT_EQ(of.size(), 145u);
  EXPECT_EQ(of.count(0) + of.count(7), 0u);
  // Column h = -1.5 keeps 19 points: two parts of 10 and 9; every other column three of 7.
  ASSERT_GE(batches.size(), 2u);
  EXPECT_EQ(batches[0].size(), 10u);
  EXPECT_EQ(batches[1].size(), 9u);
  for (size_t b = 2; b < batches.size(); ++b) EXPECT_EQ(batches[b].size(), 7u) << b;
  for (const auto& b : batches)
    for (uint32_t p : b) EXPECT_EQ(p % 7, b.front() % 7) << "one column per part";
}

TEST(IsingScanBatches, PreviousStartsRunWholeRows) {
  ScanConfig c = built_in_grid();
  c.initial = InitialPattern::kPrevious;
  const ScanRun run{c, SamplerKind::kGlauber, "glauber", 8, nullptr, 0, {}, {}, {}, {}};
  const auto batches = scan_batches(run, 64);
  ASSERT_EQ(batches.size(), 21u);
  for (size_t b = 0; b < batches.size(); ++b) {
    ASSERT_EQ(batches[b].size(), 7u);
    for (uint32_t p : batches[b]) EXPECT_EQ(p / 7, b);
  }
}

}  // namespace
}  // namespace spikewafer::ising
