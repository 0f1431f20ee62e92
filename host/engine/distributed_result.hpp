// The result of a distributed run: every process's records and counts, merged on every process
// (a collective call), in the order a single process would give them.
#pragma once

#include <vector>

#include "spikewafer/results.hpp"
#include "spikewafer/spike_exchange.hpp"

namespace spikewafer {

// `local` holds this process's records (spikes of its neurons; traces of any neurons, of which
// only its own are kept) and its counts; offsets are the populations' first global indices.
RunResult merge_results(const RunResult& local, const Partition& partition,
                        const std::vector<uint32_t>& offsets);

}  // namespace spikewafer
