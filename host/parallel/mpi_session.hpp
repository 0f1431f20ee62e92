// The processes of a distributed run (docs/parallel.md). A run started under mpirun with more
// than one process is split across them; MPI is initialised on first use and finalised at exit.
#pragma once

#include <memory>

#include "spikewafer/spike_exchange.hpp"

namespace spikewafer::parallel {

// The spike exchange of this run's processes, or nullptr when it runs as one process. Throws
// spikewafer::Error (kBackend) when started with several processes by a build without MPI.
std::shared_ptr<SpikeExchange> mpi_exchange();

// Whether this process writes the output and prints progress (rank 0, or the only process).
bool is_output_process();

// After an error in this process: ends the others, which would wait for it forever.
void abort_other_processes(int exit_code);

}  // namespace spikewafer::parallel
