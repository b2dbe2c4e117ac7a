#pragma once
// Event: one thing that happened to a case — the only way a case changes.
//
// Meaning:
//   - `at` is the instant it happened, in UTC. `actor` is who did it: a staff id of the charter's
//     organisation, or any name ("customer", "system") for events the workflow opens to anyone.
//   - `fields` carry what the event says: attributes of the case (severity, channel, customer,
//     unit), texts a guard requires (a resolution before `resolve`), instants (the agreed
//     next-reply time of R-09, written "YYYY-MM-DD HH:MM[:SS]" as local wall time in the
//     workflow's zone). Names are unique within an event; a field with an empty value is a
//     field not given (an empty CSV cell), and a case's log does not keep it.
//   - Events are values: comparing two events compares every member.
//
// Example:
//   Event e{"C-1001", received_utc, "receive", "zhang.wei", {{"severity", "major"}}};

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace charter::workflow {

/// A named value an event carries.
struct Field {
  std::string name;
  std::string value;
  friend bool operator==(const Field& a, const Field& b) { return a.name == b.name && a.value == b.value; }
  friend bool operator!=(const Field& a, const Field& b) { return !(a == b); }
};

struct Event {
  std::string case_id;
  boost::posix_time::ptime at;  ///< UTC
  std::string name;             ///< the event, as the workflow's transition table names it
  std::string actor;            ///< staff id, or a free name for events open to anyone
  std::vector<Field> fields;

  /// The value of a field, or nullptr when the event does not carry it.
  const std::string* field(std::string_view field_name) const {
    for (const auto& f : fields) {
      if (f.name == field_name) return &f.value;
    }
    return nullptr;
  }

  friend bool operator==(const Event& a, const Event& b) {
    return a.case_id == b.case_id && a.at == b.at && a.name == b.name && a.actor == b.actor &&
           a.fields == b.fields;
  }
  friend bool operator!=(const Event& a, const Event& b) { return !(a == b); }
};

}  // namespace charter::workflow
