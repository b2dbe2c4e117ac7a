#include "charter/detail/calendar_index.hpp"

#include <algorithm>

#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "zone_rules.hpp"

namespace charter::detail {
namespace {

using boost::gregorian::date;
using calendar::CalendarSpec;
using calendar::DayHours;
using calendar::format_time_of_day;

std::string iso(const date& d) { return calendar::format_date(d); }

Micros local_midnight(const date& d) {
  return static_cast<Micros>((d - date(1970, 1, 1)).days()) * kMicrosPerDay;
}

void validate_spec(const CalendarSpec& spec) {
  if (spec.first_day.is_special() || spec.last_day.is_special()) {
    throw CalendarError("calendar '" + spec.name + "': first_day and last_day must be real dates");
  }
  if (spec.last_day < spec.first_day) {
    throw CalendarError("calendar '" + spec.name + "': last_day " + iso(spec.last_day) +
                        " is before first_day " + iso(spec.first_day));
  }
  if ((spec.last_day - spec.first_day).days() + 1 > calendar::kMaxCalendarDays) {
    throw CalendarError("calendar '" + spec.name + "': range " + iso(spec.first_day) + ".." +
                        iso(spec.last_day) + " is longer than " +
                        std::to_string(calendar::kMaxCalendarDays) + " days");
  }
  for (int w = 0; w < 7; ++w) {
    const std::string day(calendar::kWeekdayNames[static_cast<size_t>(w)]);
    calendar::validate_day_hours(spec.week[w], day);
    // An interval that runs past midnight must end before the next weekday opens.
    const DayHours& next = spec.week[(w + 1) % 7];
    if (!spec.week[w].empty() && !next.empty() &&
        spec.week[w].back().end - calendar::kSecondsPerDay > next.front().start) {
      throw CalendarError(day + " interval " + format_time_of_day(spec.week[w].back().start) +
                          "–" + format_time_of_day(spec.week[w].back().end) + " overlaps " +
                          std::string(calendar::kWeekdayNames[static_cast<size_t>((w + 1) % 7)]) +
                          " " + format_time_of_day(next.front().start) + "–" +
                          format_time_of_day(next.front().end));
    }
  }
  for (const auto& [d, name] : spec.holidays) {
    if (d.is_special()) throw CalendarError("holiday '" + name + "' has no real date");
  }
  // Before anything is allocated: the index holds one entry per open interval per day.
  if (const std::uint64_t n = calendar::count_intervals(spec); n > calendar::kMaxCalendarIntervals) {
    throw CalendarError("calendar '" + spec.name + "' would hold " + std::to_string(n) +
                        " open intervals over " + iso(spec.first_day) + ".." + iso(spec.last_day) +
                        "; at most " + std::to_string(calendar::kMaxCalendarIntervals) +
                        " are supported (shorten the range or merge intervals)");
  }
  for (const auto& [d, extra] : spec.extra_workdays) {
    if (d.is_special()) throw CalendarError("an extra working day has no real date");
    if (auto h = spec.holidays.find(d); h != spec.holidays.end()) {
      throw CalendarError(iso(d) + " is both a holiday ('" + h->second +
                          "') and an extra working day" +
                          (extra.name.empty() ? "" : " ('" + extra.name + "')"));
    }
    if (extra.hours) {
      if (extra.hours->empty()) {
        throw CalendarError("extra working day " + iso(d) + " has an empty list of hours");
      }
      calendar::validate_day_hours(*extra.hours, "extra working day " + iso(d));
    }
  }
  for (const auto& [d, hours] : spec.special_hours) {
    if (d.is_special()) throw CalendarError("special hours given for a date that is not real");
    if (spec.holidays.count(d)) {
      throw CalendarError(iso(d) + " has special hours but is also a holiday");
    }
    if (spec.extra_workdays.count(d)) {
      throw CalendarError(iso(d) + " has special hours but is also an extra working day (give "
                          "the hours on the extra working day)");
    }
    if (hours.empty()) {
      throw CalendarError("special hours for " + iso(d) + " are empty (list it as a holiday to "
                          "close the day)");
    }
    calendar::validate_day_hours(hours, "special hours on " + iso(d));
  }
}

}  // namespace

std::shared_ptr<const CalendarIndex> CalendarIndex::build(CalendarSpec spec_in) {
  validate_spec(spec_in);
  auto idx = std::make_shared<CalendarIndex>();
  CalendarIndex& x = *idx;
  x.spec = std::move(spec_in);
  const CalendarSpec& spec = x.spec;
  x.zone = ZoneRules::load(spec.zone);

  // The zone's offsets over the range, with margin for overnight intervals and zone offsets.
  x.tz.from = local_midnight(spec.first_day) - 3 * kMicrosPerDay;
  x.tz.to = local_midnight(spec.last_day) + 4 * kMicrosPerDay;
  x.tz.offset0 = static_cast<Micros>(x.zone->offset_at(x.tz.from)) * kMicrosPerSecond;
  for (const auto& t : x.zone->transitions_between(x.tz.from, x.tz.to)) {
    const Micros before = static_cast<Micros>(t.before) * kMicrosPerSecond;
    const Micros after = static_cast<Micros>(t.after) * kMicrosPerSecond;
    x.tz.at.push_back(t.at);
    x.tz.after.push_back(after);
    x.tz.lo.push_back(t.at + std::min(before, after));
    x.tz.hi.push_back(t.at + std::max(before, after));
  }
  // Interval boundaries in a spring-forward gap map to the transition; in an overlap, to the
  // first occurrence.
  auto boundary = [&x](Micros local) { return x.local_lookup_earliest(local); };

  const std::int32_t ndays =
      static_cast<std::int32_t>((spec.last_day - spec.first_day).days() + 1);
  x.day_first.assign(static_cast<size_t>(ndays) + 1, 0);
  x.day_kind.assign(static_cast<size_t>(ndays), DayKind::regular);
  const DayHours& monday = spec.week[1];
  for (std::int32_t k = 0; k < ndays; ++k) {
    const date d = x.day_date(k);
    const DayHours* hours = &spec.week[d.day_of_week().as_number()];
    if (spec.holidays.count(d)) {
      static const DayHours closed;
      hours = &closed;
      x.day_kind[static_cast<size_t>(k)] = DayKind::holiday;
    } else if (auto e = spec.extra_workdays.find(d); e != spec.extra_workdays.end()) {
      hours = e->second.hours ? &*e->second.hours : &monday;
      x.day_kind[static_cast<size_t>(k)] = DayKind::extra_workday;
    } else if (auto s = spec.special_hours.find(d); s != spec.special_hours.end()) {
      hours = &s->second;
      x.day_kind[static_cast<size_t>(k)] = DayKind::special_hours;
    }
    x.day_first[static_cast<size_t>(k)] = x.intervals();
    const Micros midnight = local_midnight(d);
    for (const auto& iv : *hours) {
      const Micros s = boundary(midnight + iv.start * kMicrosPerSecond);
      const Micros e = boundary(midnight + iv.end * kMicrosPerSecond);
      if (e <= s) continue;  // wholly inside a spring-forward gap: that day it does not exist
      if (!x.end.empty() && x.end.back() > s) {
        throw CalendarError(
            "calendar '" + spec.name + "': on " + iso(d) + " the interval " +
            format_time_of_day(iv.start) + "–" + format_time_of_day(iv.end) +
            " overlaps the previous day's hours (an interval past midnight ends after it opens)");
      }
      x.start.push_back(s);
      x.end.push_back(e);
      x.day.push_back(k);
    }
  }
  x.day_first[static_cast<size_t>(ndays)] = x.intervals();

  const std::int32_t n = x.intervals();
  if (n == 0) {
    throw CalendarError("calendar '" + spec.name + "' has no open time between " +
                        iso(spec.first_day) + " and " + iso(spec.last_day) +
                        ": business time could never be added");
  }
  x.cum.assign(static_cast<size_t>(n) + 1, 0);
  for (std::int32_t j = 0; j < n; ++j) {
    const size_t u = static_cast<size_t>(j);
    x.cum[u + 1] = x.cum[u] + (x.end[u] - x.start[u]);
  }
  x.run_end.assign(static_cast<size_t>(n), 0);
  for (std::int32_t j = n - 1; j >= 0; --j) {
    const size_t u = static_cast<size_t>(j);
    x.run_end[u] = (j + 1 < n && x.end[u] == x.start[u + 1]) ? x.run_end[u + 1] : x.end[u];
  }

  x.bdays_before.assign(static_cast<size_t>(ndays) + 1, 0);
  for (std::int32_t k = 0; k < ndays; ++k) {
    const size_t u = static_cast<size_t>(k);
    const bool open = x.day_first[u + 1] > x.day_first[u];
    x.bdays_before[u + 1] = x.bdays_before[u] + (open ? 1 : 0);
    if (open) x.bday_list.push_back(k);
  }

  x.range_begin = boundary(local_midnight(spec.first_day));
  x.range_end = std::max(boundary(local_midnight(spec.last_day) + kMicrosPerDay), x.end.back());

  // Bucket tables sized so a bucket holds about one interval.
  x.time_origin = x.range_begin;
  x.time_bucket = std::max<Micros>(kMicrosPerSecond, (x.range_end - x.range_begin) / n);
  const Micros nb = (x.range_end - x.range_begin) / x.time_bucket + 1;
  x.by_time.resize(static_cast<size_t>(nb));
  for (std::int32_t j = 0, b = 0; b < nb; ++b) {
    const Micros bucket_start = x.time_origin + b * x.time_bucket;
    while (j < n && x.end[static_cast<size_t>(j)] <= bucket_start) ++j;
    x.by_time[static_cast<size_t>(b)] = j;
  }
  x.pos_bucket = std::max<Micros>(kMicrosPerSecond, x.total() / n);
  const Micros nm = x.total() / x.pos_bucket + 1;
  x.by_pos.resize(static_cast<size_t>(nm));
  for (std::int32_t j = 0, m = 0; m < nm; ++m) {
    while (j < n && x.cum[static_cast<size_t>(j) + 1] <= m * x.pos_bucket) ++j;
    x.by_pos[static_cast<size_t>(m)] = j;
  }
  return idx;
}

namespace {

// What a local wall time means, from the zone table when it covers the time, else the zone.
struct LocalMeaning {
  bool skipped;
  Micros earlier, later;  // for `skipped`: both the instant the clocks jump
};

LocalMeaning lookup(const CalendarIndex& x, Micros local) {
  const auto& tz = x.tz;
  // Offsets are below a day, so a local time inside [from + 1d, to − 1d] has its UTC instant
  // inside the window.
  if (local >= tz.from + kMicrosPerDay && local <= tz.to - kMicrosPerDay) {
    if (tz.at.empty()) return {false, local - tz.offset0, local - tz.offset0};
    const auto i = std::upper_bound(tz.lo.begin(), tz.lo.end(), local) - tz.lo.begin() - 1;
    if (i < 0) return {false, local - tz.offset0, local - tz.offset0};
    const size_t u = static_cast<size_t>(i);
    const Micros after = tz.after[u];
    if (local < tz.hi[u]) {
      const Micros before = u == 0 ? tz.offset0 : tz.after[u - 1];
      if (after > before) return {true, tz.at[u], tz.at[u]};  // spring forward: a gap
      return {false, local - before, local - after};         // fall back: twice
    }
    return {false, local - after, local - after};
  }
  const auto l = x.zone->lookup_local(local);
  return {l.kind == ZoneRules::LocalLookup::skipped, l.earlier, l.later};
}

}  // namespace

Micros CalendarIndex::local_lookup_earliest(Micros local) const {
  return lookup(*this, local).earlier;
}

Micros CalendarIndex::utc_to_local(Micros utc) const {
  if (utc >= tz.from && utc <= tz.to) {
    if (tz.at.empty()) return utc + tz.offset0;
    const auto i = std::upper_bound(tz.at.begin(), tz.at.end(), utc) - tz.at.begin() - 1;
    return utc + (i < 0 ? tz.offset0 : tz.after[static_cast<size_t>(i)]);
  }
  return zone->utc_to_local(utc);
}

Micros CalendarIndex::local_to_utc(Micros local, bool later) const {
  const LocalMeaning l = lookup(*this, local);
  if (l.skipped) {
    throw NonexistentTimeError(
        "local time " + format_instant(from_micros(local)) + " does not exist in " + spec.zone +
        " (clocks jump forward at " + format_instant(from_micros(utc_to_local(l.earlier))) +
        "; it was skipped)");
  }
  return later ? l.later : l.earlier;
}

std::int32_t CalendarIndex::day_index(const date& d) const {
  if (d.is_special()) throw InvalidTimeError("date is not a real date");
  if (d < spec.first_day || d > spec.last_day) {
    throw CalendarRangeError("date " + iso(d) + " is outside calendar '" + spec.name +
                             "' which covers " + iso(spec.first_day) + ".." +
                             iso(spec.last_day) + (spec.range_note.empty() ? "" : "; ") +
                             spec.range_note);
  }
  return static_cast<std::int32_t>((d - spec.first_day).days());
}

std::int32_t CalendarIndex::handling_day(Micros t) const {
  const std::int32_t j = next_interval(t);
  if (j == intervals()) throw_nothing_after(t, "open time");
  return day[static_cast<size_t>(j)];
}

std::int32_t CalendarIndex::bday_number(Micros t) const {
  const std::int32_t j = next_interval(t);
  if (j == intervals()) return static_cast<std::int32_t>(bday_list.size());
  return bdays_before[static_cast<size_t>(day[static_cast<size_t>(j)])];
}

namespace {
// An instant for a message, even one Boost cannot hold (years outside 1400..9999).
std::string describe(Micros us) {
  try {
    return format_instant(from_micros(us));
  } catch (const std::exception&) {
    return "an instant outside the years 1400..9999";
  }
}
}  // namespace

void CalendarIndex::throw_out_of_range(Micros t, const char* what) const {
  throw CalendarRangeError(
      std::string(what) + " " + describe(utc_to_local(t)) + " " + spec.zone +
      " (" + describe(t) + " UTC) is outside calendar '" +
      spec.name + "' which covers " + iso(spec.first_day) + ".." + iso(spec.last_day) + " (" +
      spec.zone + ")" + (spec.range_note.empty() ? "" : "; " + spec.range_note));
}

void CalendarIndex::throw_nothing_after(Micros t, const char* what) const {
  throw CalendarRangeError(
      "no " + std::string(what) + " after " + describe(utc_to_local(t)) + " " + spec.zone +
      " (" + describe(t) + " UTC) within calendar '" + spec.name + "', which covers " +
      iso(spec.first_day) + ".." + iso(spec.last_day) +
      (spec.range_note.empty() ? "" : "; " + spec.range_note));
}

void CalendarIndex::throw_past_range(Micros t, Micros d) const {
  throw CalendarRangeError("adding " + format_duration(d) + " of business time to " +
 describe(utc_to_local(t)) + " " + spec.zone +
                           " leaves calendar '" + spec.name +
                           "' which covers " + iso(spec.first_day) + ".." + iso(spec.last_day) +
                           (spec.range_note.empty() ? "" : "; " + spec.range_note));
}

}  // namespace charter::detail
