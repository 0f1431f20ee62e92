// One writer per output folder (io/output_lock.hpp): while a command holds a folder, a second
// one is refused naming the folder (two scans into one folder once both finished, with
// duplicated rows), whichever command it is; the lock goes with its holder.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "io/output_lock.hpp"
#include "ising/scan_driver.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/sample_directory.hpp"
#include "sampling/sampling_neuron.hpp"
#include "spikewafer/error.hpp"
#include "wafer/mapping_report.hpp"

namespace spikewafer {
namespace {

namespace fs = std::filesystem;

TEST(OutputLock, ASecondWriterIsRefusedUntilTheFirstIsDone) {
  const fs::path dir = fs::temp_directory_path() / ("spikewafer_lock_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    const OutputLock first(dir.string());
    try {
      const OutputLock second(dir.string());
      FAIL() << "a second lock was granted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInput);
      EXPECT_NE(std::string(e.what()).find("another spikewafer command is writing into " +
                                           dir.string()), std::string::npos) << e.what();
    }
    // A scan into the held folder is refused before it writes anything.
    ising::ScanConfig config;
    config.sizes = {4};
    config.first = {1.0, 2.0, 2};
    config.measure = 20;
    config.burn_in = 5;
    EXPECT_THROW(ising::scan_to_directory(config, {dir.string(), false, 1, {}, {}}), Error);
    EXPECT_FALSE(fs::exists(dir / "scan.csv"));
    // So is sampling (two `sample` runs into one folder overwrote each other's reports).
    const sampling::SampleConfig sample = sampling::parse_sample_config(
        "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\nb = [0.0, 0.0]\n", "bm.toml", ".");
    EXPECT_THROW(sampling::sample_to_directory(sample, dir.string(), 1, {}), Error);
    EXPECT_FALSE(fs::exists(dir / "distribution.csv"));
    EXPECT_FALSE(fs::exists(dir / "calibration.json"));
    // And the other commands that write a folder: calibrate, wafer-map, run.
    EXPECT_THROW(sampling::calibrate_alone_into(dir.string(), sampling::default_sampling_neuron(Model::kIfCondExp),
                                                {}, 1, {}),
                 Error);
    EXPECT_FALSE(fs::exists(dir / "calibration.json"));
    Network net;
    Population pop;
    pop.name = "a";
    pop.size = 4;
    net.populations = {pop};
    EXPECT_THROW(wafer::map_to_directory(net, {}, dir.string()), Error);
    EXPECT_FALSE(fs::exists(dir / "mapping.json"));
    const fs::path network = dir.string() + ".net.toml";
    std::ofstream(network) << "[simulation]\nduration = 5.0\n[populations.a]\nsize = 2\n"
                              "model = \"IF_curr_exp\"\nrecord = [\"spikes\"]\n";
    const test::Outcome run = test::run_cli("run " + network.string() + " --out " + dir.string());
    fs::remove(network);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("another spikewafer command is writing into"), std::string::npos)
        << run.output;
    EXPECT_FALSE(fs::exists(dir / "spikes.h5"));
  }
  EXPECT_NO_THROW(OutputLock again(dir.string()));
  EXPECT_FALSE(fs::exists(dir / ".spikewafer.lock"));  // a finished writer leaves no file
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spikewafer
