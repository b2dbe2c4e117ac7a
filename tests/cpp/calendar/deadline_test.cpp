// Deadline rules: their text forms, when each is due, and how each explains itself.
//
// Calendar facts (China, shared/notes §4): 2025-09-26 is a Friday; 2025-09-27 (Sat) is a
// weekend day; 2025-09-28 (Sun) is a make-up working day; 2025-10-01..08 is the National Day +
// Mid-Autumn holiday; 2025-10-11 (Sat) is a make-up working day. Open 09:00–18:30 (9.5 h),
// Asia/Shanghai = UTC+8. Expected values are worked out by hand.

#include "charter/calendar/deadline.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;
using test::local;
using test::utc;

BusinessCalendar make_calendar(const std::string& zone, date first, date last) {
  CalendarSpec spec;
  spec.name = "office";
  spec.zone = zone;
  spec.week = WeeklySchedule::weekdays(parse_day_hours({{"09:00", "18:30"}}));
  spec.first_day = first;
  spec.last_day = last;
  return BusinessCalendar(spec);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// Text forms

TEST(DeadlineParse, EveryTextForm) {
  struct Case {
    const char* text;
    Deadline expected;
    const char* canonical;
  };
  const Case cases[] = {
      {"48 hours", Deadline::clock(hours(48)), "48 hours"},
      {"30 minutes", Deadline::clock(minutes(30)), "30 minutes"},
      {"90 seconds", Deadline::clock(seconds(90)), "90 seconds"},
      {"1 hour", Deadline::clock(hours(1)), "1 hour"},
      {"immediately", Deadline::clock(hours(0)), "immediately"},
      {"24 business hours", Deadline::business(hours(24)), "24 business hours"},
      {"30 business minutes", Deadline::business(minutes(30)), "30 business minutes"},
      {"45 business seconds", Deadline::business(seconds(45)), "45 business seconds"},
      {"1 business hour", Deadline::business(hours(1)), "1 business hour"},
      {"2 business days", Deadline::business_days(2), "2 business days"},
      {"end of business day", Deadline::business_days(0), "end of business day"},
      {"end of next business day", Deadline::business_days(1), "end of next business day"},
      {"1 business day", Deadline::business_days(1), "end of next business day"},
      {"0 business days", Deadline::business_days(0), "end of business day"},
      {"3 calendar days", Deadline::calendar_days(3), "3 calendar days"},
      {"1 calendar day", Deadline::calendar_days(1), "1 calendar day"},
      {"end of month", Deadline::end_of_month(), "end of month"},
      {"6 months", Deadline::months(6), "6 months"},
      {"1 month", Deadline::months(1), "1 month"},
      // Canonical text uses the largest whole unit.
      {"120 minutes", Deadline::clock(hours(2)), "2 hours"},
      {"90 minutes", Deadline::clock(minutes(90)), "90 minutes"},
      {"7200 business seconds", Deadline::business(hours(2)), "2 business hours"},
      // Case and spacing do not matter.
      {"  24   Business   HOURS ", Deadline::business(hours(24)), "24 business hours"},
      {"End Of Next Business Day", Deadline::business_days(1), "end of next business day"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Deadline d = Deadline::parse(c.text);
    EXPECT_EQ(d, c.expected);
    EXPECT_EQ(d.text(), c.canonical);
    EXPECT_EQ(Deadline::parse(d.text()), d);  // parse(text()) == *this
  }
}

TEST(DeadlineParse, KindsAndAmounts) {
  EXPECT_EQ(Deadline::parse("24 business hours").kind(), Deadline::Kind::business_time);
  EXPECT_EQ(Deadline::parse("24 business hours").duration(), hours(24));
  EXPECT_EQ(Deadline::parse("24 business hours").count(), 0);
  EXPECT_EQ(Deadline::parse("48 hours").kind(), Deadline::Kind::clock);
  EXPECT_EQ(Deadline::parse("2 business days").kind(), Deadline::Kind::business_days);
  EXPECT_EQ(Deadline::parse("2 business days").count(), 2);
  EXPECT_EQ(Deadline::parse("2 business days").duration(), hours(0));
  EXPECT_EQ(Deadline::parse("3 calendar days").kind(), Deadline::Kind::calendar_days);
  EXPECT_EQ(Deadline::parse("6 months").kind(), Deadline::Kind::months);
  EXPECT_EQ(Deadline::parse("6 months").count(), 6);
  EXPECT_EQ(Deadline::parse("end of month").kind(), Deadline::Kind::end_of_month);
  // Same amount, different kinds, are different rules.
  EXPECT_NE(Deadline::parse("24 hours"), Deadline::parse("24 business hours"));
  EXPECT_NE(Deadline::parse("2 business days"), Deadline::parse("2 calendar days"));
}

TEST(DeadlineParse, UnparsableTextSaysWhereAndWhy) {
  // Column numbers are 1-based positions in the text.
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("24 buisness hours"), ParseError,
                           "deadline '24 buisness hours': unknown unit 'buisness' at column 4");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("2 days"), ParseError,
                           "say 'business days' or 'calendar days' at column 3");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse(""), ParseError, "empty rule at column 1");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("   "), ParseError, "empty rule");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("end of week"), ParseError,
                           "unknown 'end of …' rule (known: end of business day, end of next "
                           "business day, end of month) at column 8");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("x hours"), ParseError,
                           "expected a whole number, found 'x' at column 1");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("2.5 hours"), ParseError, "found '2.5' at column 1");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("-5 hours"), ParseError, "found '-5' at column 1");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("24"), ParseError,
                           "expected a unit after the number at column 3");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("24 business"), ParseError,
                           "expected a unit after 'business' at column 12");
  CHARTER_EXPECT_THROW_MSG(
      Deadline::parse("2 weeks"), ParseError,
      "weeks are not a unit; say '7 calendar days' or '5 business days' at column 3");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("24 hours please"), ParseError,
                           "unexpected 'please' at column 10");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("2 business months"), ParseError,
                           "unknown unit 'months' after 'business' at column 12");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("3 calendar hours"), ParseError,
                           "unknown unit 'hours' after 'calendar' at column 12");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("5 fortnights"), ParseError,
                           "unknown unit 'fortnights' at column 3");
}

TEST(DeadlineParse, AmountsAreBounded) {
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("1234567890 hours"), ParseError,
                           "number too large at column 1");
  // 900000 hours is more than 100 × 366 days.
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("900000 hours"), ParseError,
                           "amount too large (at most about a century)");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("36601 calendar days"), ParseError,
                           "at most 36600 days");
  CHARTER_EXPECT_THROW_MSG(Deadline::parse("1201 months"), ParseError, "at most 1200 months");
  EXPECT_EQ(Deadline::parse("1200 months"), Deadline::months(1200));
}

TEST(DeadlineFactories, RejectOutOfRangeAmounts) {
  EXPECT_THROW(Deadline::clock(hours(-1)), std::invalid_argument);
  EXPECT_THROW(Deadline::business(seconds(-1)), std::invalid_argument);
  EXPECT_THROW(Deadline::business(hours(24 * 366 * 101)), std::invalid_argument);
  EXPECT_THROW(Deadline::business_days(-1), std::invalid_argument);
  EXPECT_THROW(Deadline::calendar_days(36601), std::invalid_argument);
  EXPECT_THROW(Deadline::months(1201), std::invalid_argument);
  CHARTER_EXPECT_THROW_MSG(Deadline::business(time_duration(boost::date_time::not_a_date_time)),
                           InvalidTimeError, "deadline duration is a special duration");
  EXPECT_EQ(Deadline::business(seconds(86400 * 366)).text(), "8784 business hours");
}

TEST(DeadlineFactories, DurationsAreWholeSecondsSoEveryRuleHasItsText) {
  // deadline.hpp: factories reject fractions of a second, so parse(text()) == rule always.
  CHARTER_EXPECT_THROW_MSG(Deadline::business(boost::posix_time::milliseconds(1500)),
                           std::invalid_argument, "whole seconds");
  CHARTER_EXPECT_THROW_MSG(Deadline::clock(boost::posix_time::microseconds(1)),
                           std::invalid_argument, "whole seconds");
  const Deadline d = Deadline::business(seconds(90));
  EXPECT_EQ(d.text(), "90 business seconds");
  EXPECT_EQ(Deadline::parse(d.text()), d);
}

// ---------------------------------------------------------------------------------------------
// The rulebook's deadlines on the China calendar

TEST(DeadlineDue, R05ReplyAndResolveOnTheFridayBeforeNationalDay) {
  const BusinessCalendar cn = china_calendar();
  const ptime received = local(cn, "2025-09-26 17:30");
  // Reply, 24 business hours: Fri 1h, Sun 09-28 (make-up) 9.5h, Mon 9.5h, Tue 09:00 + 4h.
  EXPECT_EQ(Deadline::parse("24 business hours").due(received, cn), local(cn, "2025-09-30 13:00"));
  // Resolve, 48 business hours: + Tue 9.5h (29.5), holiday 10-01..08, Thu 10-09 9.5h (39),
  // Fri 10-10 09:00 + 9h.
  EXPECT_EQ(Deadline::parse("48 business hours").due(received, cn), local(cn, "2025-10-10 18:00"));
  // 48 clock hours ignore the calendar: Sun 09-28 17:30.
  EXPECT_EQ(Deadline::parse("48 hours").due(received, cn), local(cn, "2025-09-28 17:30"));
  // Immediately is the start itself, open or not.
  EXPECT_EQ(Deadline::parse("immediately").due(local(cn, "2025-10-01 03:00"), cn),
            local(cn, "2025-10-01 03:00"));
}

TEST(DeadlineDue, R10EndOfBusinessDayAndNextBusinessDay) {
  const BusinessCalendar cn = china_calendar();
  const Deadline same_day = Deadline::parse("end of business day");
  const Deadline next_day = Deadline::parse("end of next business day");
  // Friday 17:30: the same day closes at 18:30; the next business day is the make-up Sunday.
  EXPECT_EQ(same_day.due(local(cn, "2025-09-26 17:30"), cn), local(cn, "2025-09-26 18:30"));
  EXPECT_EQ(next_day.due(local(cn, "2025-09-26 17:30"), cn), local(cn, "2025-09-28 18:30"));
  // Received on the eve of National Day after closing: handling starts Thu 10-09.
  EXPECT_EQ(same_day.due(local(cn, "2025-09-30 19:00"), cn), local(cn, "2025-10-09 18:30"));
  EXPECT_EQ(next_day.due(local(cn, "2025-09-30 19:00"), cn), local(cn, "2025-10-10 18:30"));
  // Received on a holiday: the first day after it, then the make-up Saturday 10-11.
  EXPECT_EQ(same_day.due(local(cn, "2025-10-03 10:00"), cn), local(cn, "2025-10-09 18:30"));
  EXPECT_EQ(Deadline::parse("2 business days").due(local(cn, "2025-10-03 10:00"), cn),
            local(cn, "2025-10-11 18:30"));
  // Friday 17:30 + 2 business days: Fri (day 0), Sun 09-28 (1), Mon 09-29 (2).
  EXPECT_EQ(Deadline::parse("2 business days").due(local(cn, "2025-09-26 17:30"), cn),
            local(cn, "2025-09-29 18:30"));
}

TEST(DeadlineDue, CalendarDaysCountDatesNotHours) {
  const BusinessCalendar cn = china_calendar();
  EXPECT_EQ(Deadline::parse("3 calendar days").due(local(cn, "2025-09-26 17:30"), cn),
            local(cn, "2025-09-29 17:30"));
  // Berlin, across the spring-forward night: same wall time, 23 clock hours later.
  const BusinessCalendar berlin =
      make_calendar("Europe/Berlin", date(2024, 1, 1), date(2025, 12, 31));
  EXPECT_EQ(Deadline::calendar_days(1).due(utc("2024-03-30 11:00"), berlin),
            utc("2024-03-31 10:00"));
  // 2024-03-31 02:30 does not exist: the deadline is the instant the clocks jump (03:00 CEST).
  EXPECT_EQ(Deadline::calendar_days(1).due(local(berlin, "2024-03-30 02:30"), berlin),
            utc("2024-03-31 01:00"));
  // 2024-10-27 02:30 happens twice: the first occurrence (CEST, UTC+2).
  EXPECT_EQ(Deadline::calendar_days(1).due(local(berlin, "2024-10-26 02:30"), berlin),
            utc("2024-10-27 00:30"));
}

TEST(DeadlineDue, R23EndOfMonthIsTheLastSecondOfTheLocalMonth) {
  const BusinessCalendar cn = china_calendar();
  const Deadline eom = Deadline::parse("end of month");
  // 2025-09-30 23:59:59 in Shanghai is 15:59:59 UTC.
  EXPECT_EQ(eom.due(local(cn, "2025-09-15 10:00"), cn), utc("2025-09-30 15:59:59"));
  EXPECT_EQ(eom.due(local(cn, "2025-09-30 23:59:59"), cn), local(cn, "2025-09-30 23:59:59"));
  // February of a leap year ends on the 29th.
  EXPECT_EQ(eom.due(local(cn, "2024-02-10 10:00"), cn), local(cn, "2024-02-29 23:59:59"));
  EXPECT_EQ(eom.due(local(cn, "2025-02-10 10:00"), cn), local(cn, "2025-02-28 23:59:59"));
  // The month is the local one: 2025-09-30 20:00 UTC is already 10-01 04:00 in Shanghai.
  EXPECT_EQ(eom.due(utc("2025-09-30 20:00"), cn), local(cn, "2025-10-31 23:59:59"));
  // Year end, and a holiday does not matter to a clock-time rule.
  EXPECT_EQ(eom.due(local(cn, "2024-12-31 16:00"), cn), local(cn, "2024-12-31 23:59:59"));
  EXPECT_EQ(eom.due(local(cn, "2025-10-01 10:00"), cn), local(cn, "2025-10-31 23:59:59"));

  const BusinessCalendar berlin =
      make_calendar("Europe/Berlin", date(2024, 1, 1), date(2025, 12, 31));
  // October ends in winter time (CET, UTC+1); March in summer time (CEST, UTC+2).
  EXPECT_EQ(eom.due(utc("2024-10-15 10:00"), berlin), utc("2024-10-31 22:59:59"));
  EXPECT_EQ(eom.due(utc("2024-03-15 10:00"), berlin), utc("2024-03-31 21:59:59"));
  // 2024-10-31 23:30 UTC is 2024-11-01 00:30 in Berlin: November's end.
  EXPECT_EQ(eom.due(utc("2024-10-31 23:30"), berlin), utc("2024-11-30 22:59:59"));
}

TEST(DeadlineDue, R13SixMonthsClampsToTheMonthEnd) {
  const BusinessCalendar cn = china_calendar();
  const Deadline six = Deadline::parse("6 months");
  // Aug 31 + 6 months = Feb 28 (2026 is not a leap year).
  EXPECT_EQ(six.due(local(cn, "2025-08-31 10:00"), cn), local(cn, "2026-02-28 10:00"));
  // Mar 31 + 6 months = Sep 30; the day of month is kept when it exists.
  EXPECT_EQ(six.due(local(cn, "2024-03-31 09:15:30"), cn), local(cn, "2024-09-30 09:15:30"));
  EXPECT_EQ(six.due(local(cn, "2024-02-29 10:00"), cn), local(cn, "2024-08-29 10:00"));
  EXPECT_EQ(six.due(local(cn, "2025-12-15 10:00"), cn), local(cn, "2026-06-15 10:00"));
  EXPECT_EQ(Deadline::months(12).due(local(cn, "2024-02-29 10:00"), cn),
            local(cn, "2025-02-28 10:00"));
  EXPECT_EQ(Deadline::months(4).due(local(cn, "2025-10-31 18:00"), cn),
            local(cn, "2026-02-28 18:00"));

  // Aug 31 + 6 months in a leap year = Feb 29.
  const BusinessCalendar sh = make_calendar("Asia/Shanghai", date(2023, 1, 1), date(2024, 12, 31));
  EXPECT_EQ(six.due(local(sh, "2023-08-31 10:00"), sh), local(sh, "2024-02-29 10:00"));

  // Berlin: 2024-09-30 02:30 + 6 months = 2025-03-30 02:30, which does not exist (the clocks
  // jump at 02:00 CET = 01:00 UTC that night): the deadline is the jump.
  const BusinessCalendar berlin =
      make_calendar("Europe/Berlin", date(2024, 1, 1), date(2025, 12, 31));
  EXPECT_EQ(six.due(local(berlin, "2024-09-30 02:30"), berlin), utc("2025-03-30 01:00"));
  // Summer 14:00 (UTC+2) → winter 14:00 (UTC+1).
  EXPECT_EQ(six.due(utc("2024-06-03 12:00"), berlin), utc("2024-12-03 13:00"));
}

TEST(DeadlineDue, SpecialStartsAndRangeEnds) {
  const BusinessCalendar cn = china_calendar();
  for (const char* rule : {"48 hours", "24 business hours", "2 business days", "3 calendar days",
                           "end of month", "6 months", "immediately"}) {
    SCOPED_TRACE(rule);
    const Deadline d = Deadline::parse(rule);
    CHARTER_EXPECT_THROW_MSG(d.due(ptime(boost::date_time::not_a_date_time), cn), InvalidTimeError,
                             "deadline start is not-a-date-time");
    CHARTER_EXPECT_THROW_MSG(d.due(ptime(boost::date_time::pos_infin), cn), InvalidTimeError,
                             "+infinity");
    CHARTER_EXPECT_THROW_MSG(d.due(ptime(boost::date_time::neg_infin), cn), InvalidTimeError,
                             "-infinity");
    CHARTER_EXPECT_THROW_MSG(d.explain(ptime(boost::date_time::not_a_date_time), cn),
                             InvalidTimeError, "not-a-date-time");
  }
  // Past the year 9999 Boost's dates give up; the error is still charter's own.
  // 9999-12-31 20:00 UTC is already 10000-01-01 04:00 in Shanghai.
  const BusinessCalendar sh = make_calendar("Asia/Shanghai", date(2024, 1, 1), date(2024, 12, 31));
  CHARTER_EXPECT_THROW_MSG(Deadline::end_of_month().due(utc("9999-12-31 20:00"), sh),
                           InvalidTimeError, "outside the years 1400..9999");
  CHARTER_EXPECT_THROW_MSG(Deadline::months(1200).due(utc("9950-06-01 00:00"), sh),
                           InvalidTimeError, "passes the year 9999");
  // The China table ends on 2026-12-31: a business deadline that needs 2027 says so.
  CHARTER_EXPECT_THROW_MSG(
      Deadline::parse("24 business hours").due(local(cn, "2026-12-31 17:00"), cn),
      CalendarRangeError, "the China holiday table ends on 2026-12-31");
  CHARTER_EXPECT_THROW_MSG(
      Deadline::parse("end of next business day").due(local(cn, "2026-12-31 17:00"), cn),
      CalendarRangeError, "2026-12-31");
}

// ---------------------------------------------------------------------------------------------
// Explanations

TEST(DeadlineExplain, ResolveOverNationalDayNamesEverythingSkipped) {
  const BusinessCalendar cn = china_calendar();
  const ptime received = local(cn, "2025-09-26 17:30");
  const DeadlineExplanation e = Deadline::parse("48 business hours").explain(received, cn);
  EXPECT_EQ(e.rule, "48 business hours");
  EXPECT_EQ(e.calendar, "China (mainland) (Asia/Shanghai)");
  EXPECT_EQ(e.start, received);
  EXPECT_EQ(e.due, local(cn, "2025-10-10 18:00"));
  // Closed: Fri→Sun (weekend 09-27), Sun→Mon, Mon→Tue, Tue→Thu (holiday), Thu→Fri.
  ASSERT_EQ(e.skipped.size(), 5u);
  EXPECT_EQ(e.skipped[0].reason, "weekend 2025-09-27");
  EXPECT_EQ(e.skipped[3].begin, local(cn, "2025-09-30 18:30"));
  EXPECT_EQ(e.skipped[3].end, local(cn, "2025-10-09 09:00"));
  EXPECT_TRUE(contains(e.skipped[3].reason, "holiday: National Day and Mid-Autumn"));
  EXPECT_TRUE(contains(e.skipped[3].reason, "2025-10-01..2025-10-08"));
  ASSERT_EQ(e.notable_days.size(), 1u);
  EXPECT_EQ(e.notable_days[0].day, date(2025, 9, 28));
  EXPECT_TRUE(contains(e.notable_days[0].reason, "make-up working day"));
  EXPECT_TRUE(contains(e.text, "start:    2025-09-26 17:30 (Fri)"));
  EXPECT_TRUE(contains(e.text, "due:      2025-10-10 18:00 (Fri)"));
  EXPECT_TRUE(contains(e.text, "worked:   2025-09-28 (Sun) make-up working day"));
  EXPECT_TRUE(contains(e.text, "business: 48:00:00 between start and due"));
  EXPECT_TRUE(contains(e.text, "2025-09-30 18:30 (Tue) → 2025-10-09 09:00 (Thu)"));
}

TEST(DeadlineExplain, OtherKinds) {
  const BusinessCalendar cn = china_calendar();
  const DeadlineExplanation clock =
      Deadline::parse("48 hours").explain(local(cn, "2025-09-26 17:30"), cn);
  EXPECT_TRUE(clock.skipped.empty());  // clock time skips nothing
  EXPECT_FALSE(contains(clock.text, "skipped"));
  EXPECT_TRUE(contains(clock.text, "due:      2025-09-28 17:30 (Sun)"));
  EXPECT_TRUE(contains(clock.note, "clock time"));

  const DeadlineExplanation eobd =
      Deadline::parse("end of business day").explain(local(cn, "2025-09-26 19:00"), cn);
  EXPECT_EQ(eobd.due, local(cn, "2025-09-28 18:30"));
  EXPECT_TRUE(contains(eobd.note, "starts on 2025-09-28"));  // the day handling starts on

  const DeadlineExplanation open =
      Deadline::parse("30 business minutes").explain(local(cn, "2025-09-29 10:00"), cn);
  EXPECT_TRUE(open.skipped.empty());
  EXPECT_TRUE(contains(open.text, "skipped:  nothing (open throughout)"));
  EXPECT_TRUE(contains(open.text, "due:      2025-09-29 10:30 (Mon)"));

  const DeadlineExplanation eom =
      Deadline::end_of_month().explain(local(cn, "2025-09-15 10:00"), cn);
  EXPECT_TRUE(contains(eom.text, "due:      2025-09-30 23:59:59 (Tue)"));
}

}  // namespace
}  // namespace charter::calendar
