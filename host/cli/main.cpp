// The `spikewafer` command: one subcommand per protocol. Errors print one line naming the
// place and the fix, and exit non-zero (2: bad input, 3: resources, 4: backend, 5: output).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "curie_fit_command.hpp"
#include "hysteresis_command.hpp"
#include "ising_scan_command.hpp"
#include "run_command.hpp"
#include "sampling_commands.hpp"
#include "train_command.hpp"
#include "wafer_map_command.hpp"
#include "parallel/mpi_session.hpp"
#include "progress.hpp"
#include "spikewafer/error.hpp"

int main(int argc, char** argv) {
  // OpenMP threads sleep at barriers instead of spinning, unless the user chose otherwise. On a
  // machine with other work, spinning threads lose their time slices to each other and a step of
  // a small network slowed 50-fold (measured: 79 s against 1.5 s for 1000 ms of an 88-replica
  // Ising sampler on 2 loaded cores); on an idle machine the difference is a few percent.
  setenv("OMP_WAIT_POLICY", "passive", 0);
  CLI::App app{"spikewafer: GPU-accelerated emulator of BrainScaleS spiking networks"};
  app.require_subcommand(1);
  spikewafer::cli::add_run_command(app);
  spikewafer::cli::add_ising_scan_command(app);
  spikewafer::cli::add_hysteresis_command(app);
  spikewafer::cli::add_curie_fit_command(app);
  spikewafer::cli::add_calibrate_command(app);
  spikewafer::cli::add_sample_command(app);
  spikewafer::cli::add_wafer_map_command(app);
  spikewafer::cli::add_train_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message; --help exits 0, and every other parse error (an unknown option,
    // a value out of its set or range) is bad input like any other: exit 2, not CLI11's 1xx.
    return app.exit(e) == 0 ? 0 : spikewafer::exit_code(spikewafer::ErrorKind::kInput);
  } catch (const spikewafer::Error& e) {
    spikewafer::cli::finish_progress();
    std::fprintf(stderr, "spikewafer: error: %s\n", e.what());
    spikewafer::parallel::abort_other_processes(spikewafer::exit_code(e.kind()));
    return spikewafer::exit_code(e.kind());
  } catch (const std::exception& e) {
    spikewafer::cli::finish_progress();
    std::fprintf(stderr, "spikewafer: internal error: %s\n", e.what());
    spikewafer::parallel::abort_other_processes(1);
    return 1;
  }
  return 0;
}
