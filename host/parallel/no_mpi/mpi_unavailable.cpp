// A build without MPI runs as one process, and says so when mpirun started several.
#include "parallel/launch_environment.hpp"
#include "parallel/mpi_session.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::parallel {

std::shared_ptr<SpikeExchange> mpi_exchange() {
  if (launched_processes() > 1)
    throw Error(ErrorKind::kBackend,
                "started as one of " + std::to_string(launched_processes()) +
                    " processes, but this spikewafer was built without MPI; install "
                    "libopenmpi-dev (scripts/install-deps.sh) and configure again");
  return nullptr;
}

bool is_output_process() { return true; }

void abort_other_processes(int) {}

}  // namespace spikewafer::parallel
