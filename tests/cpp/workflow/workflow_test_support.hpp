#pragma once
// The built-in charter with a roster (it has no staff of its own: privacy), and helpers that
// make events read like the rulebook.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/tracker.hpp"
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

/// A generated stream of n complaints over November 2025 (Shanghai time).
inline workflow::ComplaintStreamOptions november(std::size_t n, std::uint64_t seed = 7) {
  workflow::ComplaintStreamOptions o;
  o.complaints = n;
  o.seed = seed;
  o.start = shanghai("2025-11-01 00:00");
  return o;
}

/// Both trackers hold the same events and answer the same as of an instant, column by column.
inline void expect_same_tracker(const workflow::Tracker& a, const workflow::Tracker& b,
                                const boost::posix_time::ptime& as_of) {
  EXPECT_EQ(a.events(), b.events());
  EXPECT_EQ(a.case_ids(), b.case_ids());
  EXPECT_EQ(a.event_count(), b.event_count());
  const workflow::StatusTable x = a.status(as_of), y = b.status(as_of);
  EXPECT_EQ(x.case_ids, y.case_ids);
  EXPECT_EQ(x.state, y.state);
  EXPECT_EQ(x.open, y.open);
  EXPECT_EQ(x.opened, y.opened);
  EXPECT_EQ(x.last_event, y.last_event);
  EXPECT_EQ(x.events, y.events);
  EXPECT_EQ(x.breached, y.breached);
  EXPECT_EQ(x.at_risk, y.at_risk);
  EXPECT_EQ(x.next_due, y.next_due);
  ASSERT_EQ(x.timers.size(), y.timers.size());
  for (std::size_t k = 0; k < x.timers.size(); ++k) {
    const auto &p = x.timers[k], &q = y.timers[k];
    EXPECT_EQ(p.phase, q.phase) << p.timer;
    EXPECT_EQ(p.cycle, q.cycle) << p.timer;
    EXPECT_EQ(p.due, q.due) << p.timer;
    EXPECT_EQ(p.warning_at, q.warning_at) << p.timer;
    EXPECT_EQ(p.elapsed, q.elapsed) << p.timer;
    EXPECT_EQ(p.remaining, q.remaining) << p.timer;
    EXPECT_EQ(p.breached, q.breached) << p.timer;
  }
  EXPECT_EQ(a.breaches(as_of).size(), b.breaches(as_of).size());
}

}  // namespace charter::test
