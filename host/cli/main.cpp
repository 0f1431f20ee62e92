// The `spikewafer` command: one subcommand per protocol. Errors print one line naming the
// place and the fix, and exit non-zero (2: bad input, 3: resources, 4: backend, 5: output).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "ising_scan_command.hpp"
#include "run_command.hpp"
#include "progress.hpp"
#include "spikewafer/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"spikewafer: GPU-accelerated emulator of BrainScaleS spiking networks"};
  app.require_subcommand(1);
  spikewafer::cli::add_run_command(app);
  spikewafer::cli::add_ising_scan_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const spikewafer::Error& e) {
    spikewafer::cli::finish_progress();
    std::fprintf(stderr, "spikewafer: error: %s\n", e.what());
    return spikewafer::exit_code(e.kind());
  } catch (const std::exception& e) {
    spikewafer::cli::finish_progress();
    std::fprintf(stderr, "spikewafer: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
