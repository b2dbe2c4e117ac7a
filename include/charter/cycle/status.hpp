#pragma once
// status: where each occurrence of a charter's cycles stands as of an instant, from the
// completion records made by then.
//
// Meaning (docs/cycles.md has an example of each):
//   - Records after `as_of` are ignored, so status(…, as_of) replays what was known then; the
//     same inputs give the same result, byte for byte.
//   - A record completes the occurrence of its cycle and subject in the period its "period"
//     field names, else the period containing its own local date (completion.hpp).
//   - An occurrence's window for a late completion closes at the end of the period after its
//     own (a May report may still be filed, late, until the end of June), or at its due instant
//     when that is later. Its state, first that applies:
//       done          a record meeting every evidence rule, at or before the due instant
//       done_late     such a record after the due instant, before the window closed
//       insufficient  records were given, but none (for at_least: not enough together) meets
//                     the evidence; `explanation` says why ("42 respondents; R-25 requires 50")
//       due           no record, and as_of is at or before the due instant
//       overdue       no record, past due, the window still open
//       missed        no record, and the window has closed
//   - at_least cycles count the records meeting the evidence (distinct values of the recurrence's
//     `distinct` field when it names one, a ';'-separated list counting each value); the record
//     that reaches the count completes the occurrence.
//   - A done (or done late) occurrence lists its follow-ups: for each, the first record of the
//     follow-up cycle for the same subject (any subject when the follow-up is a centre cycle) at
//     or after the completing record, due by the follow-up's Deadline from it, with the same
//     states; its window closes with the occurrence's own, or at its due instant when later.
//   - ad_hoc and follow_up cycles are counted: records per cycle and subject in [from, to).
//   - A record that cannot count is listed in `problems` with why, and otherwise ignored: an
//     unknown cycle, a subject the cycle's scope does not have, a record before the cycle or its
//     subject exists, an instant that is not a real time, a "period" that is not a date or lies
//     after the record, a completion after its occurrence's window closed.
//
// Example:
//   const StatusReport s = status(charter, records, may_1, june_1, as_of);
//   for (const auto& o : s.occurrences)
//     if (o.state == State::overdue) notify(o.occurrence.responsible, o.explanation);

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/completion.hpp"
#include "charter/cycle/occurrence.hpp"
#include "charter/cycle/state.hpp"
#include "charter/model/charter.hpp"

namespace charter::cycle {

struct FollowUpStatus {
  std::string cycle;
  State state = State::due;
  boost::posix_time::ptime due;         ///< UTC
  boost::posix_time::ptime window_end;  ///< UTC
  std::optional<std::size_t> record;    ///< index into the records given
  std::string explanation;
};

struct OccurrenceStatus {
  Occurrence occurrence;
  State state = State::due;
  boost::posix_time::ptime window_end;  ///< UTC: a late completion is accepted before this
  std::optional<std::size_t> record;    ///< the completing record, an index into the records given
  int counted = 0;                      ///< records (or distinct values) meeting the evidence
  std::string explanation;              ///< one sentence, times local in the cycle's zone
  std::vector<FollowUpStatus> follow_ups;
};

/// Records of an ad_hoc or follow_up cycle in [from, to) by as_of.
struct CycleCount {
  std::string cycle;
  std::string subject;
  std::size_t count = 0;
};

/// A record that cannot count, and why.
struct RecordProblem {
  std::size_t record = 0;  ///< index into the records given
  std::string message;
};

struct StatusReport {
  std::vector<OccurrenceStatus> occurrences;  ///< in occurrences()' order
  std::vector<CycleCount> counts;             ///< by cycle order, then subject order
  std::vector<RecordProblem> problems;        ///< in record order
};

/// The status of every occurrence whose period overlaps [from, to), as of `as_of` (all UTC).
/// InvalidTimeError for special values or from > to.
StatusReport status(const Charter& charter, const std::vector<CompletionRecord>& records,
                    const boost::posix_time::ptime& from, const boost::posix_time::ptime& to,
                    const boost::posix_time::ptime& as_of);

}  // namespace charter::cycle
