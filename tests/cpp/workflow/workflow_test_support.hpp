#pragma once
// The built-in charter with a roster (it has no staff of its own: privacy), and helpers that
// make events read like the rulebook.

#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/event.hpp"
#include "charter/calendar/date_text.hpp"

namespace charter::test {

/// One staff member per role of the built-in charter, named "<role>.1"; "after_sales_staff.old"
/// left on 2025-06-30.
inline const Charter& staffed_builtin() {
  static const Charter c = [] {
    std::vector<org::Staff> roster;
    for (const auto& role : builtin().organization().roles()) {
      org::Staff s;
      s.id = role.id + ".1";
      s.roles = {role.id};
      roster.push_back(s);
    }
    org::Staff old;
    old.id = "after_sales_staff.old";
    old.roles = {"after_sales_staff"};
    old.active.until = boost::gregorian::date(2025, 6, 30);
    roster.push_back(old);
    return builtin().with_staff(roster);
  }();
  return c;
}

/// The built-in charter with a generated roster of up to 3 staff per role ("<role>.1" …), the
/// one the complaint stream, the demo and the benchmarks use.
inline const Charter& roster_builtin() {
  static const Charter c = builtin().with_staff(workflow::generated_roster(builtin().organization(), 3));
  return c;
}

/// Local wall time in Asia/Shanghai ("2025-09-30 17:00") as UTC.
inline boost::posix_time::ptime shanghai(const std::string& wall) {
  return staffed_builtin().calendar("hotline").from_local(calendar::parse_date_time(wall));
}

inline workflow::Event event(const std::string& case_id, const std::string& wall, const std::string& name,
                             const std::string& actor, std::vector<workflow::Field> fields = {}) {
  return workflow::Event{case_id, shanghai(wall), name, actor, std::move(fields)};
}

}  // namespace charter::test
