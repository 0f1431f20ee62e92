#include "learning/train_directory.hpp"

#include <optional>

#include "io/atomic_file.hpp"
#include "learning/trainer.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/sampling_neuron.hpp"

namespace spikewafer::learning {

Rbm train_to_directory(const TrainingConfig& config, const std::string& dir, bool resume,
                       int threads, const std::function<void(const std::string&)>& say) {
  // LIF networks in the loop: the default sampling neuron with the file's [noise], calibrated
  // into the output folder (calibration.json, activation.csv) before the first epoch.
  std::optional<sampling::Calibration> calibration;
  if (config.settings.sampler == ModelSampler::kSpiking) {
    check_output_directory_writable(dir);
    calibration = sampling::calibrate_into(dir, config.neuron, sampling::CalibrationSettings{},
                                           threads, say);
  }
  const TrainingRun run{config.settings, config.train, config.test,
                        calibration ? &*calibration : nullptr,
                        dir, resume, threads, config.settings_text, say};
  Rbm rbm = train(run);
  if (say) say("wrote " + dir + "/training.csv, W.csv, b.csv, c.csv");
  return rbm;
}

}  // namespace spikewafer::learning
