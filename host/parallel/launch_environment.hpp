// How many processes the launcher (mpirun) started, read from its environment, so that a run
// knows it is one of several before MPI is initialised (and a build without MPI can say so).
#pragma once

#include <algorithm>
#include <cstdlib>

namespace spikewafer::parallel {

inline int launched_processes() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS"})
    if (const char* value = std::getenv(name)) return std::max(1, std::atoi(value));
  return 1;
}

}  // namespace spikewafer::parallel
