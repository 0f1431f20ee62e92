// The memory estimate that refuses a network before anything is allocated counts the device's
// buffer of recorded spikes (engine/host_model.hpp: a state index and a step per record, room
// for four steps of every recorded neuron spiking, at least 2^20 records).
#include <gtest/gtest.h>

#include <string>

#include "engine/host_model.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

// The bytes the estimate says `network` needs, from its refusal with nothing available
// (the message gives GiB to three significant digits).
double needed_bytes(const Network& network) {
  try {
    build_host_model(network, 0);
  } catch (const Error& e) {
    const std::string what = e.what();
    const size_t at = what.find("needs about ");
    if (e.kind() == ErrorKind::kResource && at != std::string::npos)
      return std::stod(what.substr(at + 12)) * 1073741824.0;
    ADD_FAILURE() << what;
  }
  ADD_FAILURE() << "not refused with 0 bytes available";
  return 0.0;
}

TEST(SpikeRecordEstimate, RecordedSpikesCountTowardsTheMemoryTheNetworkNeeds) {
  EXPECT_EQ(spike_record_capacity(10), uint64_t{1} << 20);
  EXPECT_EQ(spike_record_capacity(3'000'000), 12'000'000u);

  Network quiet = network_of({lif("a", 3'000'000, Model::kIfCurrExp, NeuronParams{})}, 0.1, 1.0);
  Network recorded = quiet;
  recorded.populations[0].record.spikes = true;
  // 12 million records of 8 bytes: 96 MB more, against about 450 MB of state.
  EXPECT_NEAR(needed_bytes(recorded) - needed_bytes(quiet), 96e6, 4e6);
}

}  // namespace
}  // namespace spikewafer::test
