#pragma once
// The case and the tracker stored in the golden archives case-v1.*.chrt and tracker-v1.*.chrt
// (written once by make_golden_archives.cpp, loaded and compared by workflow_archive_test.cpp).
// They run on the golden charter's workflow (golden_values.hpp). Changing anything here means the
// golden files no longer match: that is the point.

#include <string>
#include <vector>

#include "charter/calendar/date_text.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/tracker.hpp"
#include "io/golden_values.hpp"

namespace charter::test {

/// The golden workflow, built in the golden charter.
inline const workflow::Definition& golden_definition() {
  static const Charter c = golden_charter_v3();
  static const workflow::Definition d = c.workflow("complaint");
  return d;
}

/// Local wall time of the golden calendar (Europe/Berlin) as UTC.
inline boost::posix_time::ptime golden_at(const std::string& wall) {
  return golden_definition().calendar().from_local(calendar::parse_date_time(wall));
}

/// A major complaint through every row of the golden workflow: received (both attributes,
/// Chinese and XML specials), escalated (ticking the report item), acknowledged, an agreed next
/// reply (an instant field), waiting for the customer, the customer back (at a fraction of a
/// second, from an actor who is no staff member), closed by the manager with a resolution.
inline std::vector<workflow::Event> golden_case_events() {
  const std::string id = "G-1";
  auto e = [&](const char* wall, const char* name, const char* actor, std::vector<workflow::Field> fields = {}) {
    return workflow::Event{id, golden_at(wall), name, actor, std::move(fields)};
  };
  std::vector<workflow::Event> v = {
      e("2024-03-11 09:15", "receive", "s-2", {{"severity", "major"}, {"customer", "王先生 <VIP> & \"co\""}}),
      e("2024-03-11 09:40", "escalate", "s-2"),
      e("2024-03-11 10:00", "acknowledge", "s-2"),
      e("2024-03-11 11:00", "explain_delay", "s-2", {{"next_reply_at", "2024-03-12 10:00"}}),
      e("2024-03-11 11:30", "wait", "s-2"),
      e("2024-03-12 08:00", "customer_responds", "customer"),
      e("2024-03-12 16:00", "close", "s-1", {{"resolution", "已更换商品 — replaced"}}),
  };
  v[5].at += boost::posix_time::microseconds(250000);
  return v;
}

inline workflow::Case golden_case() {
  return workflow::Case(golden_definition(), "G-1", golden_case_events());
}

/// The golden case and a second, normal complaint received and acknowledged in between.
inline std::vector<workflow::Event> golden_tracker_events() {
  std::vector<workflow::Event> v = golden_case_events();
  v.insert(v.begin() + 3, workflow::Event{"G-2", golden_at("2024-03-11 10:30"), "receive", "s-2",
                                          {{"severity", "normal"}}});
  v.insert(v.begin() + 4, workflow::Event{"G-2", golden_at("2024-03-11 12:00"), "acknowledge", "s-2", {}});
  return v;
}

inline workflow::Tracker golden_tracker() {
  workflow::Tracker t(golden_definition());
  for (const auto& e : golden_tracker_events()) t.apply(e);
  return t;
}

inline const std::vector<GoldenFile>& golden_case_files() {
  static const std::vector<GoldenFile> v = {{"case-v1.text.chrt", io::ArchiveFormat::text},
                                            {"case-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"case-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

inline const std::vector<GoldenFile>& golden_tracker_files() {
  static const std::vector<GoldenFile> v = {{"tracker-v1.text.chrt", io::ArchiveFormat::text},
                                            {"tracker-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"tracker-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

}  // namespace charter::test
