#pragma once
// CompletionRecord: someone reports that a cycle's obligation was carried out — a check done, a
// report filed, a survey with its respondents — for a subject, at an instant.
//
// Meaning:
//   - `cycle` names a cycle of the charter; `subject` one of its scope's subjects ("" for a
//     centre cycle); `at` (UTC) is when it was done; `actor` a staff id (may be empty); `id` the
//     record's own reference (may be empty).
//   - `fields` carry the evidence the cycle asks for ("respondents": "62", "units":
//     "front_desk;call_centre", "report": "RPT-2025-05") and, optionally, "period": a local date
//     (YYYY-MM-DD) inside the period the record completes. Without it, a record completes the
//     period that contains its own local date; a late completion made after its period has ended
//     names the period so.
//   - Records are read and written as CSV or JSON Lines by io/completion_files.hpp.
//
// Example:
//   CompletionRecord r{"R-25", "", cn.from_local(ptime(date(2025, 12, 18), hours(15))),
//                      "wang.fang", "SURVEY-2025", {{"respondents", "62"}}};

#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/workflow/event.hpp"

namespace charter::cycle {

using workflow::Field;

struct CompletionRecord {
  std::string cycle;
  std::string subject;
  boost::posix_time::ptime at;  ///< UTC
  std::string actor;
  std::string id;
  std::vector<Field> fields;

  /// The value of a field, or nullptr when the record does not carry it.
  const std::string* field(std::string_view name) const {
    for (const auto& f : fields) {
      if (f.name == name) return &f.value;
    }
    return nullptr;
  }

  friend bool operator==(const CompletionRecord& a, const CompletionRecord& b) {
    return a.cycle == b.cycle && a.subject == b.subject && a.at == b.at && a.actor == b.actor &&
           a.id == b.id && a.fields == b.fields;
  }
  friend bool operator!=(const CompletionRecord& a, const CompletionRecord& b) { return !(a == b); }
};

/// The field naming the period a record completes.
inline constexpr std::string_view kPeriodField = "period";

}  // namespace charter::cycle
