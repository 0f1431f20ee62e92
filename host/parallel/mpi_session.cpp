// The MPI implementation of SpikeExchange (OpenMPI from Debian; built when CMake finds MPI).
#include "parallel/mpi_session.hpp"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <string>

#include "parallel/launch_environment.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::parallel {
namespace {

class MpiExchange final : public SpikeExchange {
 public:
  MpiExchange() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      MPI_Init(nullptr, nullptr);
      std::atexit([] {
        int finalised = 0;
        MPI_Finalized(&finalised);
        if (!finalised) MPI_Finalize();
      });
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
  }
  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }

  std::vector<uint64_t> all_gather(const std::vector<uint64_t>& mine) override {
    if (mine.size() > static_cast<size_t>(INT_MAX))
      throw Error(ErrorKind::kResource, "spike exchange: more than 2^31 values from one process");
    const int count = static_cast<int>(mine.size());
    std::vector<int> counts(ranks_), displacements(ranks_);
    MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
    long long total = 0;
    for (int r = 0; r < ranks_; ++r) {
      displacements[r] = static_cast<int>(total);
      total += counts[r];
    }
    if (total > INT_MAX)
      throw Error(ErrorKind::kResource, "spike exchange: more than 2^31 values in one exchange");
    std::vector<uint64_t> all(static_cast<size_t>(total));
    MPI_Allgatherv(mine.data(), count, MPI_UINT64_T, all.data(), counts.data(),
                   displacements.data(), MPI_UINT64_T, MPI_COMM_WORLD);
    return all;
  }

 private:
  int rank_ = 0, ranks_ = 1;
};

}  // namespace

std::shared_ptr<SpikeExchange> mpi_exchange() {
  static std::shared_ptr<SpikeExchange> exchange =
      launched_processes() > 1 ? std::make_shared<MpiExchange>() : nullptr;
  return exchange;
}

bool is_output_process() {
  const auto exchange = mpi_exchange();
  return !exchange || exchange->rank() == 0;
}

void abort_other_processes(int exit_code) {
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (initialised && !finalised) MPI_Abort(MPI_COMM_WORLD, exit_code);
}

}  // namespace spikewafer::parallel
