// CpuBackend::together(): the step's independent launches (one per population) in one parallel
// region, every thread taking its share of each. Every item must run exactly once, whatever the
// launch sizes against the thread count, each launch is counted once as the GPU would pay it, and
// below the threshold one thread takes everything, however large one launch is on its own.
#include <gtest/gtest.h>
#include <omp.h>

#include <atomic>
#include <vector>

#include "kernels/backend_cpu.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::test {
namespace {

using kernels::CpuBackend;

class LaunchesTogether : public RestoresThreadCount {};

TEST_F(LaunchesTogether, EveryItemOfEveryLaunchRunsOnce) {
  omp_set_num_threads(3);
  const std::vector<size_t> sizes = {0, 1, 2, 5, 512, 513, 7717};
  std::vector<std::vector<std::atomic<int>>> hits;
  for (size_t n : sizes) hits.emplace_back(n);
  std::atomic<int> threads_seen{0};
  const kernels::DeviceTraffic before = kernels::device_traffic();
  CpuBackend::together(1 << 20, [&] {
    threads_seen.fetch_or(1 << omp_get_thread_num());
    for (size_t l = 0; l < sizes.size(); ++l)
      CpuBackend::for_each_index(sizes[l], [&, l](uint64_t i) { hits[l][i].fetch_add(1); });
  });
  for (size_t l = 0; l < sizes.size(); ++l)
    for (size_t i = 0; i < sizes[l]; ++i) ASSERT_EQ(hits[l][i].load(), 1) << "launch " << l << " item " << i;
  EXPECT_EQ(threads_seen.load(), 0b111);  // all three threads took part
  // Six non-empty launches, counted once each on this (the driving) thread.
  EXPECT_EQ(kernels::device_traffic().launches - before.launches, 6u);
}

TEST_F(LaunchesTogether, RowsAreSharedWithoutGapsOrOverlaps) {
  omp_set_num_threads(2);
  constexpr uint32_t kRows = 3, kLength = 1100;  // rows of three 512-item chunks, one short
  std::vector<std::atomic<int>> hits(kRows * kLength);
  CpuBackend::together(1 << 20, [&] {
    CpuBackend::for_each_in_rows(kRows, kLength,
                                 [&](uint32_t r, uint32_t k) { hits[r * kLength + k].fetch_add(1); });
  });
  for (size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i].load(), 1) << i;
}

TEST_F(LaunchesTogether, BelowTheThresholdOneThreadTakesEvenALargeLaunch) {
  omp_set_num_threads(2);
  constexpr size_t kItems = 1 << 16;  // alone, far above serial_below: a launch of its own is parallel
  ASSERT_FALSE(CpuBackend::serial(kItems));
  std::atomic<int> other_threads{0};
  CpuBackend::together(1, [&] {  // the group's work says: not worth a fork
    CpuBackend::for_each_index(kItems, [&](uint64_t) {
      if (omp_get_thread_num() != 0 || omp_in_parallel()) other_threads.fetch_add(1);
    });
  });
  EXPECT_EQ(other_threads.load(), 0);
}

}  // namespace
}  // namespace spikewafer::test
