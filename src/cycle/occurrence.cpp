#include "charter/cycle/occurrence.hpp"

#include <algorithm>
#include <unordered_map>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "cycle_support.hpp"

namespace charter::cycle {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

std::pair<bg::date, bg::date> period_of(Period p, const bg::date& d) {
  switch (p) {
    case Period::day: return {d, d + bg::days(1)};
    case Period::week: {
      const bg::date start = d - bg::days((d.day_of_week().as_number() + 6) % 7);
      return {start, start + bg::days(7)};
    }
    case Period::month: {
      const bg::date start(d.year(), d.month(), 1);
      return {start, start + bg::months(1)};
    }
    case Period::year: return {bg::date(d.year(), 1, 1), bg::date(d.year() + 1, 1, 1)};
  }
  return {d, d + bg::days(1)};
}

namespace detail {

bpt::ptime local_start(const calendar::BusinessCalendar& cal, const bg::date& d) {
  // Where a zone's clocks jump at midnight (some do), the day starts when they land.
  for (int h = 0; h < 24; ++h) {
    try {
      return cal.from_local(bpt::ptime(d, bpt::hours(h)));
    } catch (const NonexistentTimeError&) {
    }
  }
  return cal.from_local(bpt::ptime(d, bpt::hours(12)));
}

void check_instant(const bpt::ptime& t, const char* what) {
  if (t.is_special()) {
    throw InvalidTimeError(std::string(what) + " is not a real instant (" + bpt::to_simple_string(t) + ")");
  }
}

std::vector<Subject> scope_subjects(const Cycle& cycle, const org::Organization& organization) {
  const Scope& s = cycle.spec().scope;
  std::vector<Subject> out;
  auto listed = [&](const std::string& id) {
    return s.ids.empty() || std::find(s.ids.begin(), s.ids.end(), id) != s.ids.end();
  };
  switch (s.kind) {
    case ScopeKind::centre:
      out.push_back({"", nullptr, nullptr});
      break;
    case ScopeKind::unit: {
      std::unordered_map<std::string, const org::Unit*> by_id;
      for (const auto& u : organization.units()) by_id.emplace(u.id, &u);
      for (const auto& u : organization.units()) {
        if (!listed(u.id)) continue;
        if (!s.under.empty()) {
          // Walk up the tree; the depth is bounded by the number of units (validated acyclic).
          const org::Unit* cur = &u;
          std::size_t steps = 0;
          while (cur && cur->id != s.under && steps++ < by_id.size()) {
            auto it = by_id.find(cur->parent);
            cur = it == by_id.end() ? nullptr : it->second;
          }
          if (!cur || cur->id != s.under) continue;
        }
        out.push_back({u.id, &u, nullptr});
      }
      break;
    }
    case ScopeKind::role:
      for (const auto& r : organization.roles()) {
        if (listed(r.id)) out.push_back({r.id, nullptr, nullptr});
      }
      break;
    case ScopeKind::staff:
      for (const auto& st : organization.staff()) {
        const bool holds = std::any_of(st.roles.begin(), st.roles.end(), [&](const std::string& r) {
          return std::find(s.ids.begin(), s.ids.end(), r) != s.ids.end();
        });
        if (holds) out.push_back({st.id, nullptr, &st});
      }
      break;
  }
  return out;
}

bg::date last_business_day(const calendar::BusinessCalendar& cal, const bg::date& start, const bg::date& end) {
  for (bg::date d = end - bg::days(1); d >= start; d -= bg::days(1)) {
    if (cal.is_business_day(d)) return d;
  }
  // A month without a single business day has nowhere better to be scheduled than its end.
  return end - bg::days(1);
}

std::optional<bg::date> scheduled_day(const Recurrence& r, const calendar::BusinessCalendar& cal,
                                      const bg::date& start, const bg::date& end) {
  switch (r.kind) {
    case RecurrenceKind::business_day:
      if (!cal.is_business_day(start)) return std::nullopt;
      return start;
    case RecurrenceKind::weekly: return start + bg::days((r.weekday + 6) % 7);
    case RecurrenceKind::monthly:
      if (r.last_business_day) return last_business_day(cal, start, end);
      if (r.day > 0) {
        const int last = (end - bg::days(1)).day();
        return bg::date(start.year(), start.month(), std::min(r.day, last));
      }
      return start;
    case RecurrenceKind::yearly:
      if (start.month() != r.month) return std::nullopt;
      return start;
    case RecurrenceKind::at_least: return start;
    default: return std::nullopt;
  }
}

bpt::ptime due_of(const Cycle& cycle, const bg::date& scheduled, const bg::date& period_end) {
  const calendar::BusinessCalendar& cal = cycle.calendar();
  if (cycle.spec().due) return cycle.spec().due->due(local_start(cal, scheduled), cal);
  return local_start(cal, period_end) - bpt::seconds(1);
}

bool Subject::exists_on(const bg::date& d) const {
  if (unit) return unit->exists_on(d);
  if (staff) return staff->active.contains(d);
  return true;
}

}  // namespace detail

std::vector<std::string> subjects(const Cycle& cycle, const org::Organization& organization) {
  std::vector<std::string> out;
  for (const auto& s : detail::scope_subjects(cycle, organization)) out.push_back(s.id);
  return out;
}

std::vector<Occurrence> occurrences(const Cycle& cycle, const org::Organization& organization,
                                    const bpt::ptime& from, const bpt::ptime& to) {
  detail::check_instant(from, "from");
  detail::check_instant(to, "to");
  if (to < from) throw InvalidTimeError("from " + bpt::to_simple_string(from) + " is after to " + bpt::to_simple_string(to));
  std::vector<Occurrence> out;
  const Recurrence& r = cycle.recurrence();
  if (!r.scheduled() || from == to) return out;
  const calendar::BusinessCalendar& cal = cycle.calendar();
  const std::vector<detail::Subject> subjects = detail::scope_subjects(cycle, organization);
  const Period period = r.period();
  auto [start, end] = period_of(period, cal.to_local(from).date());
  for (;;) {
    if (detail::local_start(cal, start) >= to) break;
    const std::optional<bg::date> day = detail::scheduled_day(r, cal, start, end);
    if (day && (!cycle.spec().since || *cycle.spec().since <= *day)) {
      const bpt::ptime due = detail::due_of(cycle, *day, end);
      for (const auto& s : subjects) {
        if (!s.exists_on(*day)) continue;
        out.push_back(Occurrence{cycle.id(), s.id, start, end, *day, due, cycle.owner()});
      }
    }
    std::tie(start, end) = period_of(period, end);
  }
  return out;
}

std::vector<Occurrence> occurrences(const Charter& charter, const bpt::ptime& from, const bpt::ptime& to) {
  std::vector<Occurrence> out;
  for (const Cycle& c : charter.cycles()) {
    std::vector<Occurrence> one = occurrences(c, charter.organization(), from, to);
    if (out.empty()) {
      out = std::move(one);
    } else {
      out.insert(out.end(), std::make_move_iterator(one.begin()), std::make_move_iterator(one.end()));
    }
  }
  return out;
}

}  // namespace charter::cycle
