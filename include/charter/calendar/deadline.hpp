#pragma once
// Deadline: a rule that turns the instant handling starts into the instant it is due.
//
// Text forms (what charter files use; case-insensitive, singular or plural):
//   "48 hours", "30 minutes", "90 seconds"   clock time: nights, weekends and holidays count
//   "immediately"                            clock time zero (R-07, R-08: at once)
//   "24 business hours", "30 business minutes", "45 business seconds"
//                                            business time on the calendar (BusinessCalendar::add)
//   "2 business days"                        close of the 2nd business day after the day handling
//                                            starts (the day of next_open(start))
//   "end of business day"                    close of the business day handling starts on
//   "end of next business day"               close of the business day after that
//   "3 calendar days"                        the same local wall time 3 dates later
//   "end of month"                           23:59:59 local on the last day of start's month
//   "6 months"                               the same local wall time 6 months later, clamped to
//                                            the month's end (Aug 31 + 6 months = Feb 28/29)
// A local wall time that falls in a spring-forward gap becomes the instant the clocks jump;
// one in an autumn overlap means its first occurrence.
// Business rules need the calendar's range and raise CalendarRangeError outside it; clock,
// calendar-day, month and end-of-month rules use only the calendar's zone and work anywhere.
// Durations are whole seconds (factories reject fractions), so parse(text()) == rule.
//
// Example:
//   Deadline reply = Deadline::parse("24 business hours");
//   ptime due = reply.due(received, china_calendar());
//   std::cout << reply.explain(received, china_calendar()).text;

#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"

namespace charter::calendar {

/// Why a deadline is where it is: the rule, the start, every closed span skipped, the
/// make-up days used, and the result.
struct DeadlineExplanation {
  std::string rule;                          ///< canonical text of the rule
  std::string calendar;                      ///< calendar name and zone
  boost::posix_time::ptime start;            ///< UTC
  boost::posix_time::ptime due;              ///< UTC
  std::vector<ClosedSpan> skipped;           ///< closed time between start and due
  std::vector<NotableDay> notable_days;      ///< make-up and special-hours days used
  std::string note;                          ///< how the rule counts, in one sentence
  std::string text;  ///< all of the above in the calendar's local time, one fact per line
};

class Deadline {
 public:
  /// What a rule counts.
  enum class Kind {
    clock,          ///< elapsed real time
    business_time,  ///< business time on the calendar
    business_days,  ///< close of the n-th business day after the day handling starts
    calendar_days,  ///< same local wall time n dates later
    months,         ///< same local wall time n months later, clamped to month end
    end_of_month,   ///< 23:59:59 local on the last day of the start's month
  };

  /// Parses a text form (see above); throws ParseError with the column that failed.
  static Deadline parse(std::string_view text);

  static Deadline clock(const boost::posix_time::time_duration& d);
  static Deadline business(const boost::posix_time::time_duration& d);
  static Deadline business_days(int n);
  static Deadline calendar_days(int n);
  static Deadline months(int n);
  static Deadline end_of_month();

  Kind kind() const { return kind_; }
  /// The duration of a clock or business_time rule (zero for the others).
  boost::posix_time::time_duration duration() const;
  /// The count of a business_days, calendar_days or months rule (zero for the others).
  int count() const { return count_; }
  /// The canonical text form; parse(text()) == *this.
  std::string text() const;

  /// When handling that starts at `start` (UTC) is due, on `cal`.
  boost::posix_time::ptime due(const boost::posix_time::ptime& start,
                               const BusinessCalendar& cal) const;
  /// due() with its reasons.
  DeadlineExplanation explain(const boost::posix_time::ptime& start,
                              const BusinessCalendar& cal) const;

  friend bool operator==(const Deadline& a, const Deadline& b) {
    return a.kind_ == b.kind_ && a.micros_ == b.micros_ && a.count_ == b.count_;
  }
  friend bool operator!=(const Deadline& a, const Deadline& b) { return !(a == b); }

  /// Bounds that keep every rule's arithmetic exact: amounts up to these are accepted.
  static constexpr long long kMaxSeconds = 100LL * 366 * 86400;  ///< about a century
  static constexpr int kMaxCount = 36600;                         ///< days or business days
  static constexpr int kMaxMonths = 1200;

 private:
  Deadline(Kind kind, long long micros, int count) : kind_(kind), micros_(micros), count_(count) {}
  Kind kind_ = Kind::clock;
  long long micros_ = 0;
  int count_ = 0;
};

}  // namespace charter::calendar
