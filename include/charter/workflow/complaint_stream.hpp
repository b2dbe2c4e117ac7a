#pragma once
// A deterministic generator of realistic complaint streams for the built-in complaint workflow
// (or any charter whose `complaint` workflow has the same events): what the demo replays and
// the benchmarks measure. Not a statistical model of any real centre — a plausible mix that
// exercises every path: severities, late replies, waiting for the customer, agreed next-reply
// times, immediate reports of major complaints, reopened complaints.
//
// Meaning:
//   - The same options give the same events on every platform (own PRNG and arithmetic; no
//     std distributions, whose results are implementation-defined).
//   - Intakes are spread over [start, start + span); each complaint's events follow its intake
//     with realistic delays. Events come back sorted by instant (ties keep generation order), as
//     a live system would log them; every event is accepted by a Tracker of the workflow.
//   - Actors are staff of the charter allowed to take each step (generated_roster gives the
//     built-in charter, which has no staff, a roster).
//
// Example:
//   const Charter c = builtin().with_staff(generated_roster(builtin().organization(), 3));
//   ComplaintStreamOptions o;
//   o.complaints = 10000;
//   o.start = c.calendar("hotline").from_local(ptime(date(2025, 11, 1)));
//   Tracker t(c.workflow("complaint"));
//   t.ingest(complaint_stream(c, o));

#include <cstdint>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"
#include "charter/workflow/event.hpp"

namespace charter::workflow {

struct ComplaintStreamOptions {
  std::size_t complaints = 1000;
  boost::posix_time::ptime start;  ///< UTC; first possible intake (required)
  boost::posix_time::time_duration span = boost::posix_time::hours(24 * 30);
  std::uint64_t seed = 1;
  /// Cut each complaint's life after this many events (0: the whole life, to closing and any
  /// reopening). The benchmarks use 6 to keep every case open.
  int max_events_per_complaint = 0;
  std::string workflow = "complaint";
  std::string id_prefix = "C-";    ///< case ids are prefix + a zero-padded number
};

/// The stream (see above). Throws std::invalid_argument for a missing start, and
/// UnknownIdError when the charter has no such workflow or no staff able to take a step.
std::vector<Event> complaint_stream(const Charter& charter, const ComplaintStreamOptions& options);

/// `per_role` active staff for every role (fewer where a role's headcount is smaller): ids
/// "<role>.1", "<role>.2", …, in role order.
std::vector<org::Staff> generated_roster(const org::Organization& organization, int per_role);

}  // namespace charter::workflow
