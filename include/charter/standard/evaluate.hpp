#pragma once
// evaluate: observations of real service checked against a charter's standards.
//
// Meaning:
//   - Every observation meets every standard whose kinds (and channels, when named) cover it;
//     each such pair gives one row of Findings (findings.hpp), in observation order and then the
//     charter's order of standards. Observations no standard covers give no rows.
//   - Evaluation is pure: the same observations give the same findings, byte for byte, and
//     nothing reads the wall clock. A bad value in one observation is that row's "invalid"
//     finding, never an exception: a batch of ten million is never lost to one bad line.
//   - Standards are looked up by the observation's kind once, so the cost is the rules that
//     apply, not the size of the charter.
//
// Example:
//   const auto obs = io::read_observation_file("day.csv", charter.calendar("office")).observations;
//   const Findings f = evaluate(charter, observations);

#include <vector>

#include "charter/model/charter.hpp"
#include "charter/standard/findings.hpp"
#include "charter/standard/observation.hpp"

namespace charter::standard {

/// Evaluates the observations against the charter's standards.
Findings evaluate(const Charter& charter, const std::vector<Observation>& observations);

/// Evaluates the observations against these standards (in this order).
Findings evaluate(const std::vector<Standard>& standards, const std::vector<Observation>& observations);

}  // namespace charter::standard
