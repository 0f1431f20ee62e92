#include "sampling/sample_directory.hpp"

#include "io/output_lock.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/sampling_files.hpp"
#include "sampling/sampling_run.hpp"
#include "sampling/tempering_files.hpp"

namespace spikewafer::sampling {

SampleOutcome sample_to_directory(const SampleConfig& config, const std::string& dir, int threads,
                                  const std::function<void(const std::string&)>& say) {
  const auto progress = [&say](const std::string& line) {
    if (say) say(line);
  };
  check_sampling_fits(config);  // before the calibration's seconds
  const OutputLock lock(dir);    // one writer per folder, as scans and training
  CalibrationSettings settings;
  settings.duration = config.calibration_duration;
  settings.seed = config.seed;
  SampleOutcome out;
  out.calibration = calibrate_into(dir, config.neuron, settings, threads, say);
  progress("sampling " + std::to_string(config.target.bm.size()) + " units with " +
           std::to_string(config.replicas) + " replicas x " + std::to_string(config.duration) +
           " ms");
  out.report = run_sampling(config, out.calibration, threads, say);
  write_sampling_report(dir, out.report, config);
  progress("wrote " + dir + "/distribution.csv, dkl.csv, marginals.csv, sample.json");
  if (config.tempering) {
    out.tempering = run_tempering(config, out.calibration, threads, say);
    write_tempering_report(dir, *out.tempering, config);
    progress("wrote " + dir + "/tempering.csv, " +
             (out.tempering->classes ? "tempering_images.csv, " : "") + "tempering.json");
  }
  return out;
}

}  // namespace spikewafer::sampling
