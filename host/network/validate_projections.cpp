// validate()'s projection checks: the populations it names, its connector against their sizes,
// and its weights and delays.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "network/connectivity.hpp"
#include "network/layout.hpp"
#include "network/validate_detail.hpp"

namespace spikewafer::validate_detail {

namespace {

constexpr const char* kMatrixHint =
    "; zero means no synapse; give magnitudes: the receptor gives the sign";

std::string sizes(const Population& source, const Population& target) {
  return "source '" + source.name + "' has " + str(source.size) + " neurons, target '" +
         target.name + "' has " + str(target.size);
}

}  // namespace

void Checker::check_projection(size_t index) const {
  const Projection& projection = network_.projections[index];
  const std::string path = "projections[" + str(index) + "]";
  const auto& populations = network_.populations;
  const Population& source =
      populations[population_index(network_, projection.source, path + ".source")];
  const Population& target =
      populations[population_index(network_, projection.target, path + ".target")];
  if (is_spike_source(target.model))
    fail(path + ".target",
         "'" + target.name + "' is a " + model_name(target.model) +
             ", which has no synapses; targets are IF_cond_exp or IF_curr_exp populations");
  check_connector(projection, source, target, path + ".connector");
  // from_list and dense_matrix carry their own weights (and from_list its delays).
  const Connector::Kind kind = projection.connector.kind;
  if (kind != Connector::Kind::kFromList && kind != Connector::Kind::kDenseMatrix)
    non_negative(path + ".weight", projection.weight, kSignHint);
  if (kind != Connector::Kind::kFromList) delay(path + ".delay", projection.delay);
  // Renewal is a property of the presynaptic spike train (the time since its last spike), so
  // all synapses out of one population must agree on it.
  if (projection.dynamics == SynapseDynamics::kTsodyksMarkram) {
    const ShortTermPlasticity& stp = projection.stp;
    if (!(stp.U > 0 && stp.U <= 1))
      fail(path + ".stp.U", "must be in (0, 1] (got " + num(stp.U) + ")");
    greater(path + ".stp.tau_rec", stp.tau_rec, 0);
    at_least(path + ".stp.tau_fac", stp.tau_fac, 0);
  }
  probability(path + ".release_probability", projection.release_probability);
  if (projection.stdp.enabled) check_stdp(projection, path);
  for (size_t other = 0; other < index; ++other) {
    const Projection& earlier = network_.projections[other];
    const bool same_stp = earlier.stp.U == projection.stp.U &&
                          earlier.stp.tau_rec == projection.stp.tau_rec &&
                          earlier.stp.tau_fac == projection.stp.tau_fac;
    if (earlier.source == projection.source &&
        (earlier.dynamics != projection.dynamics ||
         (projection.dynamics == SynapseDynamics::kTsodyksMarkram && !same_stp)))
      fail(path + ".synapse",
           "projections[" + str(other) + "] out of '" + projection.source +
               "' has different synapse dynamics; all projections out of one population must "
               "share one kind (additive, renewing or tsodyks_markram) and one stp");
  }
}

void Checker::check_stdp(const Projection& projection, const std::string& path) const {
  const Stdp& s = projection.stdp;
  if (projection.dynamics != SynapseDynamics::kAdditive)
    fail(path + ".stdp", "stdp needs additive synapses (no renewing or tsodyks_markram dynamics)");
  if (stochastic(projection))
    fail(path + ".release_probability",
         "stdp synapses release every spike; leave release_probability at 1 (and the "
         "connections' own) or remove stdp");
  greater(path + ".stdp.tau_plus", s.tau_plus, 0);
  greater(path + ".stdp.tau_minus", s.tau_minus, 0);
  at_least(path + ".stdp.A_plus", s.A_plus, 0);
  at_least(path + ".stdp.A_minus", s.A_minus, 0);
  at_least(path + ".stdp.w_min", s.w_min, 0);
  finite(path + ".stdp.w_max", s.w_max);
  if (!(s.w_max >= s.w_min))
    fail(path + ".stdp.w_max", "must be at least w_min (" + num(s.w_min) + "), got " + num(s.w_max) +
                                   "; weights are magnitudes: the receptor gives the sign");
  // Weights start within the bounds the rule keeps them in.
  const auto within = [&](double w) { return w >= s.w_min && w <= s.w_max; };
  const Connector& c = projection.connector;
  const std::string bounds = " outside [w_min, w_max] = [" + num(s.w_min) + ", " + num(s.w_max) + "]";
  if (c.kind == Connector::Kind::kFromList) {
    for (size_t i = 0; i < c.list.size(); ++i)
      if (!within(std::abs(c.list[i].weight)))
        fail(path + ".connector.list[" + str(i) + "].weight",
             "is " + num(c.list[i].weight) + bounds);
  } else if (c.kind == Connector::Kind::kDenseMatrix) {
    for (size_t i = 0; i < c.matrix.size(); ++i)
      if (c.matrix[i] != 0.0 && !within(std::abs(c.matrix[i])))
        fail(path + ".connector.matrix", "entry " + str(i) + " is " + num(c.matrix[i]) + bounds);
  } else {
    const Distribution& w = projection.weight;
    const bool bounded = !w.is_normal() || w.b == 0.0;
    const double high = w.kind == Distribution::Kind::kUniform ? w.b : w.a;
    if (!bounded || !within(w.a) || !within(high))
      fail(path + ".weight", "can draw weights" + bounds + "; bound the distribution (a uniform "
                             "one within them) or widen the bounds");
  }
}

void Checker::check_connector(const Projection& projection, const Population& source,
                              const Population& target, const std::string& path) const {
  const Connector& c = projection.connector;
  switch (c.kind) {
    case Connector::Kind::kOneToOne:
      if (source.size != target.size)
        fail(path, "one_to_one needs equal sizes; " + sizes(source, target));
      break;
    case Connector::Kind::kFixedProbability:
      probability(path + ".p", c.p);
      break;
    case Connector::Kind::kFixedInDegree: {
      const bool no_self = projection.source == projection.target && !c.allow_self;
      const uint32_t available = source.size - (no_self ? 1 : 0);
      if (c.n > available)
        fail(path + ".n", "must be <= " + str(available) + " (got " + str(c.n) + "); source '" +
                              source.name + "' has " + str(source.size) + " neurons" +
                              (no_self ? ", less the target itself since allow_self = false" : ""));
      break;
    }
    case Connector::Kind::kFixedTotalNumber:
      if (c.n > 0 && (source.size == 0 || target.size == 0 ||
                      (projection.source == projection.target && !c.allow_self && source.size == 1)))
        fail(path + ".n", "must be 0: " + sizes(source, target) +
                              ", so there is no pair of neurons to connect");
      break;
    case Connector::Kind::kFromList:
      for (size_t k = 0; k < c.list.size(); ++k)
        check_connection(c.list[k], path, k, source, target);
      break;
    case Connector::Kind::kDenseMatrix:
      check_matrix(c.matrix, path + ".matrix", source, target);
      break;
    case Connector::Kind::kAllToAll:
      break;
  }
}

void Checker::check_connection(const Connection& c, const std::string& connector_path, size_t k,
                               const Population& source, const Population& target) const {
  const auto at = [&](const char* key) {
    return [&connector_path, k, key] {
      return connector_path + ".connections[" + str(k) + "]." + key;
    };
  };
  if (c.pre >= source.size)
    fail(at("pre"), "index " + str(c.pre) + " out of range; " + sizes(source, target));
  if (c.post >= target.size)
    fail(at("post"), "index " + str(c.post) + " out of range; " + sizes(source, target));
  at_least(at("weight"), c.weight, 0, kSignHint);
  delay(at("delay"), Distribution::constant(c.delay));
  probability(at("release_probability"), c.release_probability);
}

void Checker::check_matrix(const std::vector<double>& matrix, const std::string& path,
                           const Population& source, const Population& target) const {
  const size_t expected = size_t{source.size} * target.size;
  if (matrix.size() != expected)
    fail(path, "expected " + str(source.size) + " x " + str(target.size) + " entries (source '" +
                   source.name + "' x target '" + target.name + "'), got " + str(matrix.size()));
  for (size_t i = 0; i < matrix.size(); ++i) {
    const auto at = [&] {
      return path + "[" + str(i / target.size) + "][" + str(i % target.size) + "]";
    };
    at_least(at, matrix[i], 0, kMatrixHint);
  }
}

}  // namespace spikewafer::validate_detail
