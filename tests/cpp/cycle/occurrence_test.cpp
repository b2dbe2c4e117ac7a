// Occurrences of the built-in cycles (and of small charters written for one fact), against the
// China calendar of 2024-2026: month ends on holidays, leap days, the New Year make-up day,
// units set up mid-year and staff who join late.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charter/cycle/occurrence.hpp"
#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::cycle {
namespace {

using test::date;
using test::local;
using test::ptime;

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }

std::vector<Occurrence> of(const Charter& c, const std::string& cycle, const std::string& from,
                           const std::string& to) {
  return occurrences(c.cycle(cycle), c.organization(), local(office(), from), local(office(), to));
}

// A charter with the built-in organisation and calendars and the cycles given as YAML.
Charter with_cycles(const std::string& cycles_yaml, const std::string& extra_units = "") {
  const std::string text = R"(charter: 1
calendars:
  office: {builtin: china, hours: ["09:00-18:30"], zone: Asia/Shanghai}
organization:
  units:
    - {id: centre, name: Centre}
    - {id: front_desk, parent: centre}
    - {id: call_centre, parent: centre}
)" + extra_units + R"(  roles:
    - id: manager
      duties:
        - id: manager.plan
          text: Plans the checks
          covers:
            - {cycle: C1, raci: A}
            - {cycle: C2, raci: A}
    - {id: agent, reports_to: manager}
cycles:
)" + cycles_yaml;
  return Charter::parse(text, "cycles.yaml");
}

TEST(Occurrences, MonthlyReportIsDueAtTheEndOfAMonthWhoseLastDayIsAHoliday) {
  // 2025-05-31 (Sat) is the first day of the Dragon Boat Festival (05-31..06-02). R-23 says
  // "before month end": the Deadline "end of month" is 23:59:59 on the 31st, holiday or not.
  const auto list = of(builtin(), "R-23", "2025-05-01 00:00", "2025-06-01 00:00");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].period_start, date(2025, 5, 1));
  EXPECT_EQ(list[0].period_end, date(2025, 6, 1));
  EXPECT_EQ(list[0].due, local(office(), "2025-05-31 23:59:59"));
  EXPECT_EQ(list[0].subject, "");
  EXPECT_EQ(list[0].responsible, "cs_manager");
}

TEST(Occurrences, MonthlyCheckOnTheLastBusinessDayMovesBeforeTheHoliday) {
  // R-34 is scheduled on the month's last business day: Friday 2025-05-30, due at its close.
  const auto list = of(builtin(), "R-34", "2025-05-01 00:00", "2025-06-01 00:00");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].scheduled, date(2025, 5, 30));
  EXPECT_EQ(list[0].due, local(office(), "2025-05-30 18:30"));
}

TEST(Occurrences, DecemberSurveyIsDueOnNewYearsEveBeforeTheMakeUpSunday) {
  // 2026-01-01..03 are the New Year holiday and Sunday 2026-01-04 is worked instead; December
  // 2025 itself ends on a working Wednesday. R-25's period is December, due at its last second.
  const auto year = of(builtin(), "R-25", "2025-01-01 00:00", "2026-01-01 00:00");
  ASSERT_EQ(year.size(), 1u);
  EXPECT_EQ(year[0].period_start, date(2025, 12, 1));
  EXPECT_EQ(year[0].period_end, date(2026, 1, 1));
  EXPECT_EQ(year[0].due, local(office(), "2025-12-31 23:59:59"));
  EXPECT_EQ(year[0].responsible, "deputy_leader");
  // The last business day of December 2025 is the 31st; of January 2026 the 30th (Friday).
  const auto r34 = of(builtin(), "R-34", "2025-12-01 00:00", "2026-02-01 00:00");
  ASSERT_EQ(r34.size(), 2u);
  EXPECT_EQ(r34[0].scheduled, date(2025, 12, 31));
  EXPECT_EQ(r34[1].scheduled, date(2026, 1, 30));
  // The daily back-office check skips the holiday and is kept on the make-up Sunday.
  const auto daily = of(builtin(), "R-11", "2025-12-31 00:00", "2026-01-06 00:00");
  std::vector<date> days;
  for (const auto& o : daily) days.push_back(o.scheduled);
  EXPECT_EQ(days, (std::vector<date>{date(2025, 12, 31), date(2026, 1, 4), date(2026, 1, 5)}));
}

TEST(Occurrences, LeapDayIsAMonthEndAndABusinessDay) {
  const Charter c = with_cycles(R"(  C1:
    calendar: office
    recurrence: {every: month, day: 30}
    due: end of business day
  C2:
    calendar: office
    recurrence: {every: month}
)");
  // Day 30 does not exist in February: clamped to Thursday 2024-02-29.
  const auto on30 = of(c, "C1", "2024-02-01 00:00", "2024-03-01 00:00");
  ASSERT_EQ(on30.size(), 1u);
  EXPECT_EQ(on30[0].scheduled, date(2024, 2, 29));
  EXPECT_EQ(on30[0].due, local(office(), "2024-02-29 18:30"));
  // With no due rule, a monthly cycle is due at the period's last second: 2024-02-29 23:59:59;
  // in 2025 the 28th.
  const auto any = of(c, "C2", "2024-02-10 00:00", "2025-03-01 00:00");
  ASSERT_EQ(any.size(), 13u);  // February 2024 to February 2025
  EXPECT_EQ(any[0].due, local(office(), "2024-02-29 23:59:59"));
  EXPECT_EQ(any[12].due, local(office(), "2025-02-28 23:59:59"));
  // The daily check has 29 February 2024 (a Thursday) among its days.
  const auto daily = of(builtin(), "R-11", "2024-02-29 00:00", "2024-03-01 00:00");
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].scheduled, date(2024, 2, 29));
}

TEST(Occurrences, UnitSetUpMidYearIsCheckedFromItsFirstFullMonth) {
  // The web-shop unit exists from 2025-06-15: the monthly check, scheduled any time in the month
  // (on its first day), binds it from July on.
  const Charter c = with_cycles(R"(  C1:
    calendar: office
    recurrence: {every: month}
    due: end of month
    scope: {per: unit, under: centre}
)", "    - {id: web_shop, parent: centre, since: 2025-06-15}\n");
  const auto list = of(c, "C1", "2025-01-01 00:00", "2026-01-01 00:00");
  int web = 0, front = 0;
  for (const auto& o : list) {
    if (o.subject == "web_shop") {
      ++web;
      EXPECT_GE(o.period_start, date(2025, 7, 1));
    }
    if (o.subject == "front_desk") ++front;
  }
  EXPECT_EQ(front, 12);
  EXPECT_EQ(web, 6);
  EXPECT_EQ(list.size(), 12u * 3 + 6);  // centre, front_desk, call_centre every month
  EXPECT_EQ(subjects(c.cycle("C1"), c.organization()),
            (std::vector<std::string>{"centre", "front_desk", "call_centre", "web_shop"}));
}

TEST(Occurrences, EveryAssessmentCheckIsPerUnitAndEveryMonth) {
  const auto list = of(builtin(), "R-20", "2025-01-01 00:00", "2026-01-01 00:00");
  EXPECT_EQ(list.size(), 12u * builtin().organization().units().size());
  // Ordered by period, then by unit in the organisation's order.
  EXPECT_EQ(list[0].subject, "company");
  EXPECT_EQ(list[0].period_start, date(2025, 1, 1));
  EXPECT_EQ(list[5].period_start, date(2025, 2, 1));
}

TEST(Occurrences, WeeklyContactBindsStaffWhileTheyAreActive) {
  org::Staff li;
  li.id = "li.na";
  li.roles = {"relationship_staff"};
  li.unit = "after_sales";
  li.active.from = date(2025, 10, 8);
  const Charter c = builtin().with_staff({li});
  // Weeks of 2025-09-29 (Friday 10-03 is in the National Day holiday) to 2025-10-19. Li Na is
  // active from 10-08, so the week of 10-06 (Friday 10-10) is her first.
  const auto list = of(c, "R-30", "2025-09-29 00:00", "2025-10-20 00:00");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].subject, "li.na");
  EXPECT_EQ(list[0].period_start, date(2025, 10, 6));
  EXPECT_EQ(list[0].scheduled, date(2025, 10, 10));
  EXPECT_EQ(list[0].due, local(office(), "2025-10-10 18:30"));
  EXPECT_EQ(list[1].scheduled, date(2025, 10, 17));
  // Without staff the cycle binds no one.
  EXPECT_TRUE(of(builtin(), "R-30", "2025-09-29 00:00", "2025-10-20 00:00").empty());
}

TEST(Occurrences, WeeklyDueOnAHolidayMovesToTheNextBusinessDaysClose) {
  // Friday 2025-10-03 is a National Day holiday: "end of business day" counted from its 00:00 is
  // the close of the next business day, Thursday 10-09 (10-01..08 off).
  org::Staff li;
  li.id = "li.na";
  li.roles = {"relationship_staff"};
  const Charter c = builtin().with_staff({li});
  const auto list = of(c, "R-30", "2025-09-29 00:00", "2025-10-06 00:00");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].scheduled, date(2025, 10, 3));
  EXPECT_EQ(list[0].due, local(office(), "2025-10-09 18:30"));
}

TEST(Occurrences, PeriodsOverlappingTheRangeCountAndTheRangeIsHalfOpen) {
  // From the middle of May to the first instant of June: May only.
  auto list = of(builtin(), "R-23", "2025-05-15 12:00", "2025-06-01 00:00");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].period_start, date(2025, 5, 1));
  // One second into June adds June.
  list = of(builtin(), "R-23", "2025-05-15 12:00", "2025-06-01 00:00:01");
  EXPECT_EQ(list.size(), 2u);
  // An empty range has nothing.
  EXPECT_TRUE(of(builtin(), "R-23", "2025-05-15 12:00", "2025-05-15 12:00").empty());
}

TEST(Occurrences, BadRangesAreRefused) {
  const ptime t = local(office(), "2025-05-01 00:00");
  CHARTER_EXPECT_THROW_MSG(occurrences(builtin(), t, t - boost::posix_time::hours(1)), InvalidTimeError,
                           "is after to");
  CHARTER_EXPECT_THROW_MSG(occurrences(builtin(), ptime(), t), InvalidTimeError, "from is not a real instant");
  CHARTER_EXPECT_THROW_MSG(occurrences(builtin(), t, ptime(boost::posix_time::pos_infin)), InvalidTimeError,
                           "to is not a real instant");
  // Business days beyond the holiday table are not known.
  EXPECT_THROW(of(builtin(), "R-11", "2027-01-01 00:00", "2027-02-01 00:00"), CalendarRangeError);
}

TEST(Occurrences, AdHocAndFollowUpCyclesHaveNoSchedule) {
  EXPECT_TRUE(of(builtin(), "R-24", "2025-01-01 00:00", "2026-01-01 00:00").empty());
  EXPECT_TRUE(of(builtin(), "R-21", "2025-01-01 00:00", "2026-01-01 00:00").empty());
  EXPECT_TRUE(of(builtin(), "R-20-spot", "2025-01-01 00:00", "2026-01-01 00:00").empty());
}

TEST(Occurrences, TheCharterListsEveryCycleInItsOrder) {
  const auto list = occurrences(builtin(), local(office(), "2025-05-01 00:00"), local(office(), "2025-06-01 00:00"));
  // R-11 (19 business days in May 2025: 22 weekdays less 05-01, 02 and 05 off), R-20
  // per unit (5), R-23, R-28 (the year), R-29 (19), R-34.
  std::map<std::string, int> by_cycle;
  for (const auto& o : list) ++by_cycle[o.cycle];
  EXPECT_EQ(by_cycle["R-11"], 19);
  EXPECT_EQ(by_cycle["R-29"], 19);
  EXPECT_EQ(by_cycle["R-20"], 5);
  EXPECT_EQ(by_cycle["R-23"], 1);
  EXPECT_EQ(by_cycle["R-28"], 1);
  EXPECT_EQ(by_cycle["R-34"], 1);
  EXPECT_EQ(by_cycle.count("R-25"), 0u);
  EXPECT_EQ(list.front().cycle, "R-11");
  EXPECT_EQ(list.back().cycle, "R-34");
}

TEST(Occurrences, ADayWhoseMidnightDoesNotExistStartsWhenTheClocksLand) {
  // America/Santiago moved its clocks from 00:00 (UTC-4) to 01:00 (UTC-3) on Sunday 2024-09-08:
  // that day starts at 01:00 local, 04:00 UTC. A daily check on a calendar open every day still
  // has it, due at its close, and the week around it has seven days.
  const Charter c = Charter::parse(R"(charter: 1
calendars:
  santiago: {zone: America/Santiago, week: {daily: ["09:00-17:00"]}, first_day: 2024-01-01, last_day: 2026-12-31}
organization:
  roles:
    - id: manager
      duties: [{id: manager.check, text: Checks, covers: [{cycle: daily, raci: A}]}]
cycles:
  daily:
    calendar: santiago
    recurrence: business_day
    due: end of business day
)");
  const auto& cal = c.calendar("santiago");
  const auto list = occurrences(c, local(cal, "2024-09-05 00:00"), local(cal, "2024-09-12 00:00"));
  ASSERT_EQ(list.size(), 7u);
  EXPECT_EQ(list[3].scheduled, date(2024, 9, 8));
  EXPECT_EQ(list[3].due, local(cal, "2024-09-08 17:00"));
  EXPECT_EQ(list[3].due, test::utc("2024-09-08 20:00"));
  // Its period, as instants, starts when the clocks land: a range ending at 04:00 UTC does not
  // reach it (only the 7th), one ending a second later does.
  EXPECT_EQ(occurrences(c, test::utc("2024-09-08 03:00"), test::utc("2024-09-08 04:00")).size(), 1u);
  EXPECT_EQ(occurrences(c, test::utc("2024-09-08 03:00"), test::utc("2024-09-08 04:00:01")).size(), 2u);
}

TEST(Occurrences, PeriodsAreIsoWeeksCalendarMonthsAndYears) {
  EXPECT_EQ(period_of(Period::week, date(2025, 1, 1)),
            std::make_pair(date(2024, 12, 30), date(2025, 1, 6)));  // Wednesday → Monday..Sunday
  EXPECT_EQ(period_of(Period::week, date(2025, 1, 5)), std::make_pair(date(2024, 12, 30), date(2025, 1, 6)));
  EXPECT_EQ(period_of(Period::month, date(2024, 2, 29)), std::make_pair(date(2024, 2, 1), date(2024, 3, 1)));
  EXPECT_EQ(period_of(Period::year, date(2024, 12, 31)), std::make_pair(date(2024, 1, 1), date(2025, 1, 1)));
  EXPECT_EQ(period_of(Period::day, date(2024, 12, 31)), std::make_pair(date(2024, 12, 31), date(2025, 1, 1)));
}

}  // namespace
}  // namespace charter::cycle
