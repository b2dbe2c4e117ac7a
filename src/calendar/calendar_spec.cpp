#include "charter/calendar/calendar_spec.hpp"

namespace charter::calendar {

std::uint64_t count_intervals(const CalendarSpec& spec) {
  using boost::gregorian::date;
  if (spec.first_day.is_special() || spec.last_day.is_special() ||
      spec.last_day < spec.first_day) {
    return 0;  // not a calendar; validation says why
  }
  const auto in_range = [&](const date& d) { return spec.first_day <= d && d <= spec.last_day; };
  const auto weekly = [&](const date& d) {
    return static_cast<std::int64_t>(spec.week[d.day_of_week().as_number()].size());
  };
  const std::int64_t ndays = (spec.last_day - spec.first_day).days() + 1;
  const int first_weekday = spec.first_day.day_of_week().as_number();
  std::int64_t n = 0;
  for (int w = 0; w < 7; ++w) {
    const std::int64_t days_on_w = ndays / 7 + (((w - first_weekday + 7) % 7) < ndays % 7 ? 1 : 0);
    n += days_on_w * static_cast<std::int64_t>(spec.week[w].size());
  }
  for (const auto& [d, name] : spec.holidays) {
    if (in_range(d)) n -= weekly(d);
  }
  for (const auto& [d, extra] : spec.extra_workdays) {
    if (!in_range(d) || spec.holidays.count(d)) continue;
    n += static_cast<std::int64_t>(extra.hours ? extra.hours->size() : spec.week[1].size()) -
         weekly(d);
  }
  for (const auto& [d, hours] : spec.special_hours) {
    if (!in_range(d) || spec.holidays.count(d) || spec.extra_workdays.count(d)) continue;
    n += static_cast<std::int64_t>(hours.size()) - weekly(d);
  }
  return static_cast<std::uint64_t>(n);
}

bool is_tz_database_name(std::string_view z) {
  if (z.empty() || z.size() > 127) return false;
  bool component_start = true;
  for (const char ch : z) {
    if (ch == '/') {
      if (component_start) return false;  // leading '/' or "//"
      component_start = true;
      continue;
    }
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '+' ||
                    (ch == '.' && !component_start);
    if (!ok) return false;
    component_start = false;
  }
  return !component_start;  // no trailing '/'
}

}  // namespace charter::calendar
