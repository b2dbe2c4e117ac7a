#include "charter/calendar/deadline.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/error.hpp"

namespace charter::calendar {

using boost::gregorian::date;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;
using detail::Micros;

namespace {

struct Token {
  std::string word;  // lower-cased
  size_t column;     // 1-based
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    Token t{{}, i + 1};
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) {
      t.word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      ++i;
    }
    out.push_back(std::move(t));
  }
  return out;
}

[[noreturn]] void fail(std::string_view text, size_t column, const std::string& why) {
  throw ParseError("deadline '" + std::string(text) + "': " + why + " at column " +
                   std::to_string(column) +
                   " (expected e.g. '48 hours', '24 business hours', '2 business days', "
                   "'end of business day', 'end of next business day', 'end of month', "
                   "'6 months', '3 calendar days', 'immediately')");
}

bool is_unit(const std::string& w, const char* singular) {
  const std::string s(singular);
  return w == s || w == s + "s";
}

long long seconds_per(const std::string& unit) {
  if (is_unit(unit, "second")) return 1;
  if (is_unit(unit, "minute")) return 60;
  if (is_unit(unit, "hour")) return 3600;
  return 0;
}

bool matches(const std::vector<Token>& toks, std::initializer_list<const char*> words) {
  if (toks.size() != words.size()) return false;
  size_t i = 0;
  for (const char* w : words) {
    if (toks[i++].word != w) return false;
  }
  return true;
}

std::string plural(long long n, const std::string& unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

std::string weekday_abbrev(const date& d) {
  static const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[d.day_of_week().as_number()];
}

// "2025-09-30 17:00 (Tue)" in the calendar's local time.
std::string local_text(const BusinessCalendar& cal, const ptime& utc) {
  const ptime local = cal.to_local(utc);
  std::string s = detail::format_instant(local);
  if (s.size() >= 19 && s.compare(16, 3, ":00") == 0 && s.size() == 19) s.resize(16);
  return s + " (" + weekday_abbrev(local.date()) + ")";
}

// Local wall time → UTC for deadline results: gaps go to the transition, overlaps to the
// first occurrence; never throws for a real wall time.
ptime from_wall(const BusinessCalendar& cal, const ptime& wall) {
  return detail::from_micros(cal.index().local_lookup_earliest(detail::to_micros(wall)));
}

}  // namespace

namespace {
// Rules are whole seconds, so that every rule has a text form and parse(text()) == rule.
void require_whole_seconds(Micros us) {
  if (us % detail::kMicrosPerSecond != 0) {
    throw std::invalid_argument("deadline durations are whole seconds (got " +
                                detail::format_duration(us) + ")");
  }
}
}  // namespace

Deadline Deadline::clock(const time_duration& d) {
  const Micros us = detail::to_micros(d, "deadline duration");
  require_whole_seconds(us);
  if (us < 0 || us > kMaxSeconds * detail::kMicrosPerSecond) {
    throw std::invalid_argument("a clock deadline must be between 0 and about a century");
  }
  return Deadline(Kind::clock, us, 0);
}

Deadline Deadline::business(const time_duration& d) {
  const Micros us = detail::to_micros(d, "deadline duration");
  require_whole_seconds(us);
  if (us < 0 || us > kMaxSeconds * detail::kMicrosPerSecond) {
    throw std::invalid_argument("a business-time deadline must be between 0 and about a century");
  }
  return Deadline(Kind::business_time, us, 0);
}

Deadline Deadline::business_days(int n) {
  if (n < 0 || n > kMaxCount) throw std::invalid_argument("business days must be 0..36600");
  return Deadline(Kind::business_days, 0, n);
}

Deadline Deadline::calendar_days(int n) {
  if (n < 0 || n > kMaxCount) throw std::invalid_argument("calendar days must be 0..36600");
  return Deadline(Kind::calendar_days, 0, n);
}

Deadline Deadline::months(int n) {
  if (n < 0 || n > kMaxMonths) throw std::invalid_argument("months must be 0..1200");
  return Deadline(Kind::months, 0, n);
}

Deadline Deadline::end_of_month() { return Deadline(Kind::end_of_month, 0, 0); }

Deadline Deadline::parse(std::string_view text) {
  const std::vector<Token> toks = tokenize(text);
  if (toks.empty()) fail(text, 1, "empty rule");
  if (matches(toks, {"immediately"})) return clock(time_duration(0, 0, 0));
  if (toks[0].word == "immediately") fail(text, toks[1].column, "unexpected '" + toks[1].word + "'");
  if (matches(toks, {"end", "of", "business", "day"})) return business_days(0);
  if (matches(toks, {"end", "of", "next", "business", "day"})) return business_days(1);
  if (matches(toks, {"end", "of", "month"})) return end_of_month();
  if (toks[0].word == "end") {
    // Point at the first word that no 'end of …' form allows.
    static const std::vector<std::vector<std::string>> forms = {
        {"end", "of", "business", "day"}, {"end", "of", "next", "business", "day"},
        {"end", "of", "month"}};
    size_t agree = 0;
    for (const auto& form : forms) {
      size_t k = 0;
      while (k < form.size() && k < toks.size() && toks[k].word == form[k]) ++k;
      agree = std::max(agree, k);
    }
    const size_t column = agree < toks.size()
                              ? toks[agree].column
                              : toks.back().column + toks.back().word.size();
    fail(text, column, "unknown 'end of …' rule (known: end of business day, end of next "
                       "business day, end of month)");
  }

  // "<N> [business|calendar] <unit>"
  const Token& num = toks[0];
  if (num.word.empty() || !std::all_of(num.word.begin(), num.word.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    fail(text, num.column, "expected a whole number, found '" + num.word + "'");
  }
  if (num.word.size() > 9) fail(text, num.column, "number too large");
  const long long n = std::stoll(num.word);
  if (toks.size() < 2) fail(text, num.column + num.word.size(), "expected a unit after the number");
  size_t u = 1;
  std::string qualifier;
  if (toks[1].word == "business" || toks[1].word == "calendar") {
    qualifier = toks[1].word;
    u = 2;
    if (toks.size() < 3) {
      fail(text, toks[1].column + toks[1].word.size(), "expected a unit after '" + qualifier + "'");
    }
  }
  const Token& unit = toks[u];
  const bool known = seconds_per(unit.word) != 0 || is_unit(unit.word, "day") ||
                     is_unit(unit.word, "month") || is_unit(unit.word, "week");
  if (!known) {
    fail(text, unit.column, "unknown unit '" + unit.word + "'" +
                                (qualifier.empty() ? "" : " after '" + qualifier + "'"));
  }
  if (toks.size() > u + 1) fail(text, toks[u + 1].column, "unexpected '" + toks[u + 1].word + "'");

  const long long secs = seconds_per(unit.word);
  if (secs != 0 && qualifier != "calendar") {
    if (n * secs > kMaxSeconds) fail(text, num.column, "amount too large (at most about a century)");
    const time_duration d = boost::posix_time::seconds(static_cast<long>(n * secs));
    return qualifier == "business" ? business(d) : clock(d);
  }
  if (is_unit(unit.word, "day")) {
    if (n > kMaxCount) fail(text, num.column, "amount too large (at most 36600 days)");
    if (qualifier == "business") return business_days(static_cast<int>(n));
    if (qualifier == "calendar") return calendar_days(static_cast<int>(n));
    fail(text, unit.column, "say 'business days' or 'calendar days'");
  }
  if (is_unit(unit.word, "month") && qualifier.empty()) {
    if (n > kMaxMonths) fail(text, num.column, "amount too large (at most 1200 months)");
    return months(static_cast<int>(n));
  }
  if (is_unit(unit.word, "week")) {
    fail(text, unit.column, "weeks are not a unit; say '7 calendar days' or '5 business days'");
  }
  fail(text, unit.column, "unknown unit '" + unit.word + "'" +
                              (qualifier.empty() ? "" : " after '" + qualifier + "'"));
}

time_duration Deadline::duration() const { return detail::duration_from_micros(micros_); }

std::string Deadline::text() const {
  switch (kind_) {
    case Kind::clock:
    case Kind::business_time: {
      if (kind_ == Kind::clock && micros_ == 0) return "immediately";
      const std::string prefix = kind_ == Kind::business_time ? "business " : "";
      const long long s = micros_ / detail::kMicrosPerSecond;
      if (s % 3600 == 0) return plural(s / 3600, prefix + "hour");
      if (s % 60 == 0) return plural(s / 60, prefix + "minute");
      return plural(s, prefix + "second");
    }
    case Kind::business_days:
      if (count_ == 0) return "end of business day";
      if (count_ == 1) return "end of next business day";
      return plural(count_, "business day");
    case Kind::calendar_days:
      return plural(count_, "calendar day");
    case Kind::months:
      return plural(count_, "month");
    case Kind::end_of_month:
    default:
      return "end of month";
  }
}

ptime Deadline::due(const ptime& start, const BusinessCalendar& cal) const {
  detail::require_finite(start, "deadline start");
  try {
    switch (kind_) {
      case Kind::clock:
        return detail::from_micros(detail::checked_add(detail::to_micros(start), micros_));
      case Kind::business_time:
        return cal.add(start, duration());
      case Kind::business_days:
        return cal.add_business_days(start, count_);
      case Kind::calendar_days: {
        const ptime wall = cal.to_local(start);
        return from_wall(cal, ptime(wall.date() + boost::gregorian::days(count_),
                                    wall.time_of_day()));
      }
      case Kind::months: {
        const ptime wall = cal.to_local(start);
        const date d = wall.date();
        const int total =
            static_cast<int>(d.year()) * 12 + (static_cast<int>(d.month()) - 1) + count_;
        const int y = total / 12, m = total % 12 + 1;
        if (y > 9999) throw InvalidTimeError("deadline '" + text() + "' passes the year 9999");
        const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
            static_cast<unsigned short>(y), static_cast<unsigned short>(m));
        const date target(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                          static_cast<unsigned short>(std::min<int>(d.day(), last)));
        return from_wall(cal, ptime(target, wall.time_of_day()));
      }
      case Kind::end_of_month:
      default: {
        const date d = cal.to_local(start).date();
        return from_wall(cal, ptime(d.end_of_month(), time_duration(23, 59, 59)));
      }
    }
  } catch (const std::out_of_range& e) {
    // Boost's date arithmetic past the year 9999 (gregorian::bad_year, …): not a charter error.
    throw InvalidTimeError("deadline '" + text() + "' from " + detail::format_instant(start) +
                           " UTC leaves the years 1400..9999 (" + e.what() + ")");
  }
}

DeadlineExplanation Deadline::explain(const ptime& start, const BusinessCalendar& cal) const {
  DeadlineExplanation e;
  e.rule = text();
  e.calendar = cal.name() + " (" + cal.zone() + ")";
  e.start = start;
  e.due = due(start, cal);
  const bool business = kind_ == Kind::business_time || kind_ == Kind::business_days;
  switch (kind_) {
    case Kind::clock:
      e.note = "clock time: nights, weekends and holidays count";
      break;
    case Kind::business_time:
      e.note = "business time: only the calendar's open hours count";
      break;
    case Kind::business_days:
      e.note = (count_ == 0 ? std::string("close of the business day handling starts on")
                : count_ == 1
                    ? std::string("close of the business day after the one handling starts on")
                    : "close of the business day " + std::to_string(count_) +
                          " business days after the one handling starts on") +
               " " + format_date(cal.business_day_of(start));
      break;
    case Kind::calendar_days:
      e.note = "same local wall time " + std::to_string(count_) + " date(s) later";
      break;
    case Kind::months:
      e.note = "same local wall time " + std::to_string(count_) +
               " month(s) later, clamped to the month's last day";
      break;
    case Kind::end_of_month:
      e.note = "23:59:59 local on the last day of the month handling starts in";
      break;
  }
  if (business) {
    e.skipped = cal.closed_spans(start, e.due);
    e.notable_days = cal.notable_days(start, e.due);
  }

  std::string t;
  t += "rule:     " + e.rule + " (" + e.note + ")\n";
  t += "calendar: " + e.calendar + "\n";
  t += "start:    " + local_text(cal, start) + "\n";
  if (business) {
    if (e.skipped.empty()) {
      t += "skipped:  nothing (open throughout)\n";
    } else {
      t += "skipped:\n";
      for (const ClosedSpan& s : e.skipped) {
        t += "  " + local_text(cal, s.begin) + " → " + local_text(cal, s.end) + "  " + s.reason +
             "\n";
      }
    }
    for (const NotableDay& d : e.notable_days) {
      t += "worked:   " + format_date(d.day) + " (" + weekday_abbrev(d.day) + ") " + d.reason + "\n";
    }
    t += "business: " + detail::format_duration(detail::to_micros(cal.elapsed(start, e.due))) +
         " between start and due\n";
  }
  t += "due:      " + local_text(cal, e.due) + "\n";
  e.text = std::move(t);
  return e;
}

}  // namespace charter::calendar
