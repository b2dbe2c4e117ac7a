#pragma once
// A deterministic generator of completion records for a charter's cycles: the inspections,
// reports, surveys and spot checks a centre records over a period — what the demo reports on and
// the benchmarks measure. Not a model of any real centre: a plausible mix that reaches every
// state of cycle::status (done, done late, insufficient evidence, overdue, missed).
//
// Meaning:
//   - For every occurrence whose period overlaps [from, to), one fate: done on time (most), done
//     late (after its due instant, inside its window), short of evidence, or skipped. A done
//     occurrence's record carries the evidence its cycle asks for ("respondents": 50 or more,
//     "units": enough distinct units, "report": a document reference) and the "period" it
//     completes; an at_least cycle gets its count of records, each naming another value of its
//     distinct field. Each follow-up of a completion (R-21 report, R-22 meeting) is recorded
//     within its deadline, late, or not at all, with the same odds.
//   - Ad hoc cycles (spot checks) get `spot_checks_per_month` records a month, each for a subject
//     of the cycle's scope.
//   - Only records made before `to` are returned: the stream is what was known at `to`, sorted
//     by instant (ties in generation order). The same options give the same records everywhere.
//   - Actors are staff holding the cycle's responsible role when the charter has any, else "".
//
// Example:
//   CompletionStreamOptions o;
//   o.from = office.from_local(ptime(date(2025, 11, 1)));
//   o.to = office.from_local(ptime(date(2025, 12, 1)));
//   const auto records = completion_stream(charter, o);
//   const StatusReport s = status(charter, records, o.from, o.to, o.to);

#include <cstdint>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/completion.hpp"
#include "charter/model/charter.hpp"

namespace charter::cycle {

struct CompletionStreamOptions {
  boost::posix_time::ptime from;  ///< UTC (required)
  boost::posix_time::ptime to;    ///< UTC (required, after from)
  std::uint64_t seed = 1;
  int late_per_mille = 80;         ///< occurrences (and follow-ups) done after their due instant
  int short_per_mille = 30;        ///< occurrences recorded with too little evidence
  int skipped_per_mille = 40;      ///< occurrences (and follow-ups) never recorded
  int spot_checks_per_month = 4;   ///< records per ad hoc cycle and month
  std::string id_prefix = "REC-";  ///< record ids are prefix + a zero-padded number
};

/// The records (see above). std::invalid_argument for a missing or empty range or odds outside
/// 0–1000 (together at most 1000).
std::vector<CompletionRecord> completion_stream(const Charter& charter, const CompletionStreamOptions& options);

}  // namespace charter::cycle
