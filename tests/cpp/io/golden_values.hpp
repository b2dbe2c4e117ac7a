#pragma once
// The values stored in the golden archives of tests/data/ (written once by
// make_golden_archives.cpp, loaded and compared by archive_test.cpp). Changing anything here
// means the golden files no longer match: that is the point.

#include <string>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"

namespace charter::test {

/// A small calendar with every feature a spec has: a zone with daylight saving, a lunch break,
/// a night shift past midnight, a closed day, holidays, extra working days with and without
/// their own hours, special hours, non-ASCII text and a range note.
inline calendar::CalendarSpec golden_calendar_spec() {
  using boost::gregorian::date;
  using calendar::parse_day_hours;
  calendar::CalendarSpec spec;
  spec.name = "客服中心 Berlin";
  spec.zone = "Europe/Berlin";
  spec.week =
      calendar::WeeklySchedule::weekdays(parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}));
  spec.week.days[5] = parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}, {"22:00", "06:00"}});
  spec.week.days[6] = parse_day_hours({{"10:00", "14:00"}});
  spec.first_day = date(2024, 3, 1);
  spec.last_day = date(2024, 4, 30);
  spec.range_note = "test range";
  spec.holidays[date(2024, 3, 29)] = "Good Friday";
  spec.holidays[date(2024, 4, 1)] = "Easter Monday";
  spec.extra_workdays[date(2024, 3, 31)] =
      calendar::ExtraWorkday{"Easter Sunday duty", std::nullopt};
  spec.extra_workdays[date(2024, 4, 7)] =
      calendar::ExtraWorkday{"open Sunday", parse_day_hours({{"12:00", "16:00"}})};
  spec.special_hours[date(2024, 3, 28)] = parse_day_hours({{"09:00", "12:00"}});
  return spec;
}

/// The golden deadline: R-05's resolution target.
inline calendar::Deadline golden_deadline() {
  return calendar::Deadline::business(boost::posix_time::hours(48));
}

struct GoldenFile {
  const char* name;
  io::ArchiveFormat format;
};

inline const std::vector<GoldenFile>& golden_calendar_files() {
  static const std::vector<GoldenFile> v = {{"calendar-v1.text.chrt", io::ArchiveFormat::text},
                                            {"calendar-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"calendar-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

inline const std::vector<GoldenFile>& golden_deadline_files() {
  static const std::vector<GoldenFile> v = {{"deadline-v1.text.chrt", io::ArchiveFormat::text},
                                            {"deadline-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"deadline-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// The golden charter: the golden calendar as "office" and a small organisation with every kind
/// of entry (units in a tree, roles with duties covering an action, a standard and a cycle,
/// staff with personal data and an active period, a denying grant).
inline Charter golden_charter() {
  using namespace org;
  using boost::gregorian::date;
  OrganizationSpec o;
  o.units = {Unit{"centre", {"客户服务中心", "Customer service centre"}, ""},
             Unit{"calls", {"呼叫中心", "Call centre"}, "centre"}};
  o.roles = {
      Role{"cs_manager", {"客户服务经理", "Customer-service manager"}, "", 1,
           {Duty{"cs_manager.complaints",
                 {"监督客户投诉处理", "Supervises complaint handling"},
                 {{{SubjectKind::action, "complaint.escalate"}, Raci::accountable},
                  {{SubjectKind::action, "complaint.close"}, Raci::responsible},
                  {{SubjectKind::standard, "R-05"}, Raci::accountable},
                  {{SubjectKind::cycle, "R-23"}, Raci::responsible}}}}},
      Role{"agent", {"客服专员", "Service agent"}, "cs_manager", std::nullopt,
           {Duty{"agent.handle", {"受理投诉", "Accepts complaints"},
                 {{{SubjectKind::action, "complaint.escalate"}, Raci::responsible},
                  {{SubjectKind::action, "complaint.accept"}, Raci::responsible}}}}}};
  o.staff = {Staff{"s-1", "王芳", "13812345678", {"cs_manager"}, "centre", {date(2024, 1, 1), std::nullopt}},
             Staff{"s-2", "李雷", "", {"agent"}, "calls", {date(2024, 3, 1), date(2024, 12, 31)}}};
  o.grants = {Grant{"agent", "complaint.close", false, "only the manager closes"},
              Grant{"agent", "complaint.accept", true, ""}};
  return Charter({"金色章程", "Golden charter"},
                 {{"office", calendar::BusinessCalendar(golden_calendar_spec())}},
                 Organization(std::move(o)));
}

inline const std::vector<GoldenFile>& golden_charter_files() {
  static const std::vector<GoldenFile> v = {{"charter-v1.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

}  // namespace charter::test
