// A test fixture that gives back OpenMP's thread count when the test ends: samplers built with a
// thread count set it for the whole process, and later tests must not inherit it.
#pragma once

#include <gtest/gtest.h>
#include <omp.h>

namespace spikewafer::test {

class RestoresThreadCount : public ::testing::Test {
 protected:
  void SetUp() override { threads_ = omp_get_max_threads(); }
  void TearDown() override { omp_set_num_threads(threads_); }

 private:
  int threads_ = 1;
};

}  // namespace spikewafer::test
