#pragma once
// A deterministic generator of realistic observations for the built-in standards (or any charter
// whose standards read the same kinds and fields, docs/standards.md#built-in-standards): what
// the demo evaluates and the benchmarks measure. Not a statistical model of any real centre — a
// plausible day's mix in which most service meets the standards and every rule is broken now and
// then: calls after four rings without an apology, visitors greeted late, orders made up the next
// day, forbidden phrases in transcripts, packings signed once, Thai silver taken for repair, and
// a few records whose values cannot be read.
//
// Meaning:
//   - The same options give the same observations on every platform (own PRNG and arithmetic).
//   - Instants are spread over [start, start + span) and come back sorted; instant fields are
//     written as local wall time of `zone` ("2025-10-09 17:40:00"), the way a centre's records
//     hold them.
//   - Staff and units come from the charter's organisation: its staff when it has some (each
//     observation by a staff member of the unit), otherwise ids "<unit>.<n>" for each unit.
//
// Example:
//   ObservationStreamOptions o;
//   o.observations = 5000;
//   o.start = office.from_local(ptime(date(2025, 10, 9)));
//   o.span = hours(24);
//   const auto day = observation_stream(builtin(), office, o);
//   const Findings f = evaluate(builtin(), day);

#include <cstdint>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/observation.hpp"

namespace charter::standard {

struct ObservationStreamOptions {
  std::size_t observations = 1000;
  boost::posix_time::ptime start;  ///< UTC; the first possible instant (required)
  boost::posix_time::time_duration span = boost::posix_time::hours(24);
  std::uint64_t seed = 1;
  std::string id_prefix = "OBS-";  ///< ids are prefix + a zero-padded number
};

/// The stream (see above). std::invalid_argument for a missing start or a negative span.
std::vector<Observation> observation_stream(const Charter& charter, const calendar::BusinessCalendar& zone,
                                            const ObservationStreamOptions& options);

}  // namespace charter::standard
