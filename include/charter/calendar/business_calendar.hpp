#pragma once
// BusinessCalendar: when a service centre is open, and business-time arithmetic over it.
//
// Meaning:
//   - Instants (ptime) are UTC. The calendar owns an IANA time zone; its opening hours,
//     holidays and dates are local to that zone. to_local / from_local convert wall times.
//   - Open time is the union of half-open intervals [open, close): at 18:30 sharp a centre that
//     closes at 18:30 is closed.
//   - Business time between two instants is the open time that lies between them, exact to the
//     microsecond. add(t, d) is the *earliest* instant at which d of business time has elapsed
//     since t: a deadline that fills a day exactly lands at closing time, not at the next
//     opening; add(t, 0) is t. A negative d goes back and gives the *latest* instant u with
//     elapsed(u, t) == −d. Always elapsed(t, add(t, d)) == d.
//   - The business day of an instant is the local date owning the open interval in which work
//     at t happens: the interval containing t, or else the next one (an interval belongs to the
//     day it starts on, so a 22:00–06:00 shift belongs to the evening's date).
//   - The calendar covers local dates [first_day, last_day]. Any question whose answer needs
//     time outside that range raises CalendarRangeError; the range never grows on demand, so a
//     calendar is immutable and safe to share between threads. Copies share one index.
//   - Cost does not depend on the duration: 24 business hours and 6 months cost the same
//     (see detail/calendar_index.hpp).
//
// Example:
//   CalendarSpec spec;
//   spec.zone = "Asia/Shanghai";
//   spec.week = WeeklySchedule::weekdays(parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}));
//   spec.holidays[date(2025, 10, 1)] = "National Day";
//   BusinessCalendar cal(spec);
//   ptime due = cal.add(received, hours(24));   // 24 business hours later, UTC

#include <memory>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/calendar_spec.hpp"

namespace charter::detail {
struct CalendarIndex;
}

namespace charter::calendar {

/// Which instant an ambiguous local wall time (the autumn overlap) means.
enum class Fold {
  earlier,  ///< the first occurrence, like Python's fold=0 (the default)
  later,    ///< the second occurrence, like Python's fold=1
};

/// A stretch of closed time between two open intervals, with the reasons it is closed.
struct ClosedSpan {
  boost::posix_time::ptime begin;  ///< UTC, the close
  boost::posix_time::ptime end;    ///< UTC, the next opening
  /// "overnight", "break between opening hours", or the closed days in between with their
  /// dates: "weekend 2025-06-14..2025-06-15", "holiday: National Day 2025-10-01..2025-10-08".
  std::string reason;
};

/// A local date whose open time was used though it is not a regular working day.
struct NotableDay {
  boost::gregorian::date day;
  std::string reason;  ///< describe_day(): "make-up working day: …" or "special hours"
};

class BusinessCalendar {
 public:
  /// Validates the spec and builds the index; throws CalendarError (or ParseError) when the
  /// spec cannot be a calendar: unknown zone, overlapping or empty intervals, a date listed
  /// twice, a range that is empty, too long, or has no open time at all.
  explicit BusinessCalendar(CalendarSpec spec);

  const CalendarSpec& spec() const;
  const std::string& name() const { return spec().name; }
  const std::string& zone() const { return spec().zone; }
  boost::gregorian::date first_day() const { return spec().first_day; }
  boost::gregorian::date last_day() const { return spec().last_day; }

  /// Is the centre open at t?
  bool is_open(const boost::posix_time::ptime& t) const;
  /// The earliest instant ≥ t at which the centre is open (t itself when open).
  boost::posix_time::ptime next_open(const boost::posix_time::ptime& t) const;
  /// The end of the open period containing t, or of the next one when t is closed. At a
  /// closing instant the centre is already closed, so next_close(18:30) is the next day's close.
  boost::posix_time::ptime next_close(const boost::posix_time::ptime& t) const;
  /// t plus d of business time (see the meaning above); d < 0 goes back.
  boost::posix_time::ptime add(const boost::posix_time::ptime& t,
                               const boost::posix_time::time_duration& d) const;
  /// Business time from a to b; negative when b < a.
  boost::posix_time::time_duration elapsed(const boost::posix_time::ptime& a,
                                           const boost::posix_time::ptime& b) const;

  /// The local date on which work at t happens (see the meaning above).
  boost::gregorian::date business_day_of(const boost::posix_time::ptime& t) const;
  /// Close of business of the business day n business days after business_day_of(t):
  /// n = 0 is the close of that day ("end of business day"), n = 1 the close of the next
  /// business day; n < 0 counts back.
  boost::posix_time::ptime add_business_days(const boost::posix_time::ptime& t, int n) const;
  /// How many business days close in (a, b]; negative when b < a.
  /// business_days_between(t, add_business_days(t, n)) == n + 1 for n ≥ 0: the day handling
  /// starts on counts once it has closed.
  long business_days_between(const boost::posix_time::ptime& a,
                             const boost::posix_time::ptime& b) const;

  /// Does the local date have open time?
  bool is_business_day(const boost::gregorian::date& d) const;
  /// The local opening hours of a date, after holidays, make-up days and special hours.
  DayHours hours_on(const boost::gregorian::date& d) const;
  /// Why a date has its hours: "holiday: National Day", "make-up working day" (with ": name"
  /// when it has one), "weekend", "closed on mondays", "special hours", or "" for a regular
  /// working day.
  std::string describe_day(const boost::gregorian::date& d) const;

  /// Closed stretches between a and b (UTC), with reasons, merged across adjacent days.
  std::vector<ClosedSpan> closed_spans(const boost::posix_time::ptime& a,
                                       const boost::posix_time::ptime& b) const;
  /// Make-up working days and special-hours days whose open time lies in [a, b).
  std::vector<NotableDay> notable_days(const boost::posix_time::ptime& a,
                                       const boost::posix_time::ptime& b) const;

  /// UTC → local wall time in the calendar's zone (works outside the range too).
  boost::posix_time::ptime to_local(const boost::posix_time::ptime& utc) const;
  /// Local wall time → UTC. A wall time in the spring-forward gap throws NonexistentTimeError;
  /// one in the autumn overlap means its first occurrence unless fold says later.
  boost::posix_time::ptime from_local(const boost::posix_time::ptime& wall,
                                      Fold fold = Fold::earlier) const;

  /// The index, for batch code in the bindings and benchmarks.
  const detail::CalendarIndex& index() const { return *index_; }

  friend bool operator==(const BusinessCalendar& a, const BusinessCalendar& b) {
    return a.index_ == b.index_ || a.spec() == b.spec();
  }
  friend bool operator!=(const BusinessCalendar& a, const BusinessCalendar& b) { return !(a == b); }

 private:
  std::shared_ptr<const detail::CalendarIndex> index_;
};

}  // namespace charter::calendar
