#include "charter/calendar/business_calendar.hpp"

#include "charter/detail/calendar_index.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"

namespace charter::calendar {

using boost::gregorian::date;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;
using detail::CalendarIndex;
using detail::DayKind;
using detail::Micros;

namespace {

Micros in_range(const CalendarIndex& x, const ptime& t, const char* what) {
  const Micros us = detail::to_micros(t, what);
  x.require_in_range(us, what);
  return us;
}

std::string iso(const date& d) { return format_date(d); }

}  // namespace

BusinessCalendar::BusinessCalendar(CalendarSpec spec)
    : index_(CalendarIndex::build(std::move(spec))) {}

const CalendarSpec& BusinessCalendar::spec() const { return index_->spec; }

bool BusinessCalendar::is_open(const ptime& t) const {
  const Micros us = in_range(*index_, t, "instant");
  const std::int32_t j = index_->next_interval(us);
  return j < index_->intervals() && index_->start[static_cast<size_t>(j)] <= us;
}

ptime BusinessCalendar::next_open(const ptime& t) const {
  const Micros us = in_range(*index_, t, "instant");
  const std::int32_t j = index_->next_interval(us);
  if (j == index_->intervals()) index_->throw_nothing_after(us, "opening");
  return detail::from_micros(std::max(us, index_->start[static_cast<size_t>(j)]));
}

ptime BusinessCalendar::next_close(const ptime& t) const {
  const Micros us = in_range(*index_, t, "instant");
  const std::int32_t j = index_->next_interval(us);
  if (j == index_->intervals()) index_->throw_nothing_after(us, "closing");
  const Micros close = index_->run_end[static_cast<size_t>(j)];
  // A run that reaches the end of the range may go on past it: the close is unknown.
  if (close >= index_->range_end) {
    index_->throw_nothing_after(us, "closing (the centre stays open past the end of the range)");
  }
  return detail::from_micros(close);
}

ptime BusinessCalendar::add(const ptime& t, const time_duration& d) const {
  const Micros us = in_range(*index_, t, "instant");
  return detail::from_micros(index_->add(us, detail::to_micros(d)));
}

time_duration BusinessCalendar::elapsed(const ptime& a, const ptime& b) const {
  const Micros ua = in_range(*index_, a, "start instant");
  const Micros ub = in_range(*index_, b, "end instant");
  return detail::duration_from_micros(index_->elapsed(ua, ub));
}

date BusinessCalendar::business_day_of(const ptime& t) const {
  return index_->day_date(index_->handling_day(in_range(*index_, t, "instant")));
}

ptime BusinessCalendar::add_business_days(const ptime& t, int n) const {
  const CalendarIndex& x = *index_;
  const Micros us = in_range(x, t, "instant");
  const std::int64_t b = static_cast<std::int64_t>(x.bdays_before[static_cast<size_t>(x.handling_day(us))]) + n;
  if (b < 0 || b >= static_cast<std::int64_t>(x.bday_list.size())) {
    throw CalendarRangeError(
        "adding " + std::to_string(n) + " business days to " +
        detail::format_instant(detail::from_micros(x.utc_to_local(us))) + " " + x.spec.zone +
        " leaves calendar '" + x.spec.name + "' which covers " + iso(x.spec.first_day) + ".." +
        iso(x.spec.last_day) + (x.spec.range_note.empty() ? "" : "; " + x.spec.range_note));
  }
  return detail::from_micros(x.close_of_day(x.bday_list[static_cast<size_t>(b)]));
}

long BusinessCalendar::business_days_between(const ptime& a, const ptime& b) const {
  const Micros ua = in_range(*index_, a, "start instant");
  const Micros ub = in_range(*index_, b, "end instant");
  return static_cast<long>(index_->bday_number(ub)) - index_->bday_number(ua);
}

bool BusinessCalendar::is_business_day(const date& d) const {
  const size_t k = static_cast<size_t>(index_->day_index(d));
  return index_->day_first[k + 1] > index_->day_first[k];
}

DayHours BusinessCalendar::hours_on(const date& d) const {
  const CalendarIndex& x = *index_;
  const std::int32_t k = x.day_index(d);
  switch (x.day_kind[static_cast<size_t>(k)]) {
    case DayKind::holiday:
      return {};
    case DayKind::extra_workday: {
      const auto& extra = x.spec.extra_workdays.at(d);
      return extra.hours ? *extra.hours : x.spec.week[1];
    }
    case DayKind::special_hours:
      return x.spec.special_hours.at(d);
    case DayKind::regular:
    default:
      return x.spec.week[d.day_of_week().as_number()];
  }
}

std::string BusinessCalendar::describe_day(const date& d) const {
  const CalendarIndex& x = *index_;
  const std::int32_t k = x.day_index(d);
  switch (x.day_kind[static_cast<size_t>(k)]) {
    case DayKind::holiday:
      return "holiday: " + x.spec.holidays.at(d);
    case DayKind::extra_workday: {
      const std::string& name = x.spec.extra_workdays.at(d).name;
      return "make-up working day" + (name.empty() ? std::string() : ": " + name);
    }
    case DayKind::special_hours:
      return "special hours";
    case DayKind::regular:
    default: {
      const int w = d.day_of_week().as_number();
      if (!x.spec.week[w].empty()) return "";
      if (w == 0 || w == 6) return "weekend";
      return "closed on " + std::string(kWeekdayNames[static_cast<size_t>(w)]) + "s";
    }
  }
}

std::vector<ClosedSpan> BusinessCalendar::closed_spans(const ptime& a, const ptime& b) const {
  const CalendarIndex& x = *index_;
  const Micros ua = in_range(x, a, "start instant");
  const Micros ub = in_range(x, b, "end instant");
  std::vector<ClosedSpan> spans;
  if (ub <= ua) return spans;

  // Describes the closed time between the end of day `from` (or the range start when -1) and
  // the start of the interval owned by day `to`.
  auto reason = [&](std::int32_t from, std::int32_t to, bool same_day) -> std::string {
    if (same_day) return "break between opening hours";
    std::string out;
    std::int32_t k = from + 1;
    while (k < to) {
      const std::string label = describe_day(x.day_date(k));
      std::int32_t last = k;
      while (last + 1 < to && describe_day(x.day_date(last + 1)) == label) ++last;
      if (!out.empty()) out += "; ";
      out += (label.empty() ? std::string("closed") : label) + " " + iso(x.day_date(k));
      if (last > k) out += ".." + iso(x.day_date(last));
      k = last + 1;
    }
    return out.empty() ? "overnight" : out;
  };

  std::int32_t j = x.next_interval(ua);
  Micros cursor = ua;
  std::int32_t prev_day = j > 0 ? x.day[static_cast<size_t>(j) - 1] : -1;
  bool prev_same = j > 0 && j < x.intervals() && prev_day == x.day[static_cast<size_t>(j)];
  while (cursor < ub) {
    if (j == x.intervals()) {
      spans.push_back({detail::from_micros(cursor), b, "outside the calendar's range"});
      break;
    }
    const size_t u = static_cast<size_t>(j);
    if (x.start[u] > cursor) {
      spans.push_back({detail::from_micros(cursor), detail::from_micros(std::min(x.start[u], ub)),
                       reason(prev_day, x.day[u], prev_same)});
    }
    cursor = x.end[u];
    prev_day = x.day[u];
    ++j;
    prev_same = j < x.intervals() && x.day[static_cast<size_t>(j)] == prev_day;
  }
  return spans;
}

std::vector<NotableDay> BusinessCalendar::notable_days(const ptime& a, const ptime& b) const {
  const CalendarIndex& x = *index_;
  const Micros ua = in_range(x, a, "start instant");
  const Micros ub = in_range(x, b, "end instant");
  std::vector<NotableDay> days;
  for (std::int32_t j = x.next_interval(ua); j < x.intervals(); ++j) {
    const size_t u = static_cast<size_t>(j);
    if (x.start[u] >= ub) break;
    const std::int32_t k = x.day[u];
    const DayKind kind = x.day_kind[static_cast<size_t>(k)];
    if (kind == DayKind::regular || kind == DayKind::holiday) continue;
    const date d = x.day_date(k);
    if (!days.empty() && days.back().day == d) continue;
    days.push_back({d, describe_day(d)});
  }
  return days;
}

ptime BusinessCalendar::to_local(const ptime& utc) const {
  return detail::from_micros(index_->utc_to_local(detail::to_micros(utc, "instant")));
}

ptime BusinessCalendar::from_local(const ptime& wall, Fold fold) const {
  return detail::from_micros(
      index_->local_to_utc(detail::to_micros(wall, "local time"), fold == Fold::later));
}

}  // namespace charter::calendar
