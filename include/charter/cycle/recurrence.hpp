#pragma once
// Recurrence: how often a cycle's obligation comes round, and on which day of its period.
//
// Meaning:
//   - Periods are local calendar dates in the zone of the cycle's calendar, half-open
//     [start, end): a day, an ISO week (Monday to Sunday), a calendar month, a calendar year.
//   - Each period with an occurrence has a scheduled day (the "anchor"): the due instant is the
//     cycle's calendar::Deadline counted from local 00:00 of that day (cycle.hpp). Kinds:
//       business_day   every business day of the calendar; closed days have none
//       weekly         every ISO week, scheduled on `weekday`
//       monthly        every month, scheduled on `day` (1-31, clamped to the month's length), on
//                      the month's last business day (`last_business_day`), or, with neither,
//                      any time in the month: scheduled on the 1st
//       yearly         every year in `month` (1-12): the period is that month (R-25 December)
//       at_least       `count` completions per `per` period (a week, month or year), counting
//                      distinct values of the completion field `distinct` when named (R-28: 3
//                      different units a year); scheduled on the period's first day
//       ad_hoc         allowed any time and only counted, never due (R-20 spot checks, R-24)
//       follow_up      no schedule of its own: due after each completion of the cycles that
//                      name it as a follow-up (R-21 report, R-22 meeting after each check)
//
// Example:
//   Recurrence r23 = Recurrence::monthly_any_time();          // due by the Deadline "end of month"
//   Recurrence r28 = Recurrence::at_least(3, Period::year, "unit");

#include <string>

namespace charter::cycle {

/// The length of a period.
enum class Period {
  day,    ///< one local date
  week,   ///< Monday to Sunday
  month,  ///< a calendar month
  year,   ///< a calendar year
};

/// What a recurrence counts.
enum class RecurrenceKind {
  business_day,  ///< every business day of the cycle's calendar
  weekly,        ///< every week, on a weekday
  monthly,       ///< every month, on a day, on the last business day, or any time
  yearly,        ///< every year, in a month
  at_least,      ///< at least N completions (distinct values of a field) per period
  ad_hoc,        ///< any time, only counted
  follow_up,     ///< after each completion of a cycle naming this one as a follow-up
};

struct Recurrence {
  RecurrenceKind kind = RecurrenceKind::ad_hoc;
  int weekday = 1;                 ///< weekly: 0 = Sunday … 6 = Saturday (boost's numbering)
  int day = 0;                     ///< monthly: 1-31 (clamped to the month), 0 = not given
  bool last_business_day = false;  ///< monthly: on the month's last business day
  int month = 0;                   ///< yearly: 1-12
  int count = 1;                   ///< at_least: completions needed per period
  Period per = Period::year;       ///< at_least: the period
  std::string distinct;            ///< at_least: count distinct values of this field (empty: records)

  static Recurrence of(RecurrenceKind k) {
    Recurrence r;
    r.kind = k;
    return r;
  }
  static Recurrence business_day() { return of(RecurrenceKind::business_day); }
  static Recurrence weekly(int weekday) {
    Recurrence r = of(RecurrenceKind::weekly);
    r.weekday = weekday;
    return r;
  }
  static Recurrence monthly_on(int day) {
    Recurrence r = of(RecurrenceKind::monthly);
    r.day = day;
    return r;
  }
  static Recurrence monthly_last_business_day() {
    Recurrence r = of(RecurrenceKind::monthly);
    r.last_business_day = true;
    return r;
  }
  static Recurrence monthly_any_time() { return of(RecurrenceKind::monthly); }
  static Recurrence yearly(int month) {
    Recurrence r = of(RecurrenceKind::yearly);
    r.month = month;
    return r;
  }
  static Recurrence at_least(int count, Period per, std::string distinct = {}) {
    Recurrence r = of(RecurrenceKind::at_least);
    r.count = count;
    r.per = per;
    r.distinct = std::move(distinct);
    return r;
  }
  static Recurrence ad_hoc() { return of(RecurrenceKind::ad_hoc); }
  static Recurrence follow_up() { return of(RecurrenceKind::follow_up); }

  /// The period one occurrence covers (day for business_day; month for yearly).
  Period period() const;
  /// Whether the recurrence schedules occurrences (false for ad_hoc and follow_up).
  bool scheduled() const { return kind != RecurrenceKind::ad_hoc && kind != RecurrenceKind::follow_up; }
  /// "every business day", "every week on Wednesday", "every month on the last business day",
  /// "every year in December", "at least 3 distinct 'unit' a year", "ad hoc", "after each …".
  std::string text() const;

  friend bool operator==(const Recurrence& a, const Recurrence& b) {
    return a.kind == b.kind && a.weekday == b.weekday && a.day == b.day &&
           a.last_business_day == b.last_business_day && a.month == b.month && a.count == b.count &&
           a.per == b.per && a.distinct == b.distinct;
  }
  friend bool operator!=(const Recurrence& a, const Recurrence& b) { return !(a == b); }
};

/// "day", "week", "month", "year".
const char* period_name(Period p);
/// "business_day", "weekly", …, the charter file's names.
const char* recurrence_kind_name(RecurrenceKind k);

}  // namespace charter::cycle
