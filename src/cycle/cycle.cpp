#include "charter/cycle/cycle.hpp"

#include <set>

#include "charter/cycle/recurrence.hpp"
#include "charter/detail/problem_lines.hpp"

namespace charter::cycle {

namespace {

constexpr const char* kPeriodNames[] = {"day", "week", "month", "year"};
constexpr const char* kRecurrenceNames[] = {"business_day", "weekly", "monthly", "yearly",
                                            "at_least", "ad_hoc", "follow_up"};
constexpr const char* kEvidenceNames[] = {"count", "distinct", "document"};
constexpr const char* kScopeNames[] = {"centre", "unit", "role", "staff"};
constexpr const char* kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

std::string quoted(const std::string& s) { return "'" + s + "'"; }
std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

class Checker {
 public:
  Checker(const CycleSpec& spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
          const org::Organization& organization)
      : spec_(spec), calendars_(calendars), organization_(organization) {}

  std::vector<CycleProblem> run() {
    if (!org::is_valid_id(spec_.id)) {
      add("", quoted(spec_.id) + " is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)");
    }
    if (!spec_.owner.empty()) {
      if (!organization_.has_role(spec_.owner)) add("owner", "unknown role " + quoted(spec_.owner));
    } else if (!organization_.accountable_for({org::SubjectKind::cycle, spec_.id})) {
      add("", "no owner: name a role with 'owner', or make a role accountable (A) for cycle " + spec_.id);
    }
    if (spec_.calendar.empty()) {
      add("calendar", "name the cycle's calendar (its zone and business days give the periods and due instants)");
    } else if (!calendars_.count(spec_.calendar)) {
      std::string known;
      for (const auto& [id, c] : calendars_) known += (known.empty() ? "" : ", ") + id;
      add("calendar", "unknown calendar " + quoted(spec_.calendar) +
                          (known.empty() ? " (the charter has none)" : " (known: " + known + ")"));
    }
    recurrence();
    if (spec_.due && !spec_.recurrence.scheduled()) {
      add("due", std::string(spec_.recurrence.kind == RecurrenceKind::ad_hoc ? "an ad_hoc" : "a follow_up") +
                     " cycle has no schedule, so no due rule (a follow-up's deadline is given by the cycle naming it)");
    }
    scope();
    evidence();
    for (std::size_t i = 0; i < spec_.follow_ups.size(); ++i) {
      if (spec_.follow_ups[i].cycle.empty()) add(at("follow_ups", i) + ".cycle", "name the follow-up cycle");
    }
    if (!spec_.follow_ups.empty() && !spec_.recurrence.scheduled()) {
      add("follow_ups", "only a scheduled cycle can have follow-ups");
    }
    rectification();
    return std::move(problems_);
  }

 private:
  void add(const std::string& path, std::string message) { problems_.push_back({path, std::move(message)}); }

  void recurrence() {
    const Recurrence& r = spec_.recurrence;
    switch (r.kind) {
      case RecurrenceKind::weekly:
        if (r.weekday < 0 || r.weekday > 6) add("recurrence.weekday", "weekday " + std::to_string(r.weekday) + " is not 0 (Sunday) to 6 (Saturday)");
        break;
      case RecurrenceKind::monthly:
        if (r.day < 0 || r.day > 31) add("recurrence.day", "day " + std::to_string(r.day) + " is not 1 to 31");
        if (r.day != 0 && r.last_business_day) add("recurrence.day", "give a day or the last business day, not both");
        break;
      case RecurrenceKind::yearly:
        if (r.month < 1 || r.month > 12) add("recurrence.month", "month " + std::to_string(r.month) + " is not 1 to 12");
        break;
      case RecurrenceKind::at_least:
        if (r.count < 1 || r.count > 100000) add("recurrence.count", "count " + std::to_string(r.count) + " is not 1 to 100000");
        if (r.per == Period::day) add("recurrence.per", "at least N a day: use a week, month or year");
        break;
      default:
        break;
    }
  }

  void scope() {
    const Scope& s = spec_.scope;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s.ids.size(); ++i) {
      const std::string p = at("scope.ids", i);
      if (!seen.insert(s.ids[i]).second) add(p, quoted(s.ids[i]) + " is listed twice");
      if (s.kind == ScopeKind::unit) {
        if (!has_unit(s.ids[i])) add(p, "unknown unit " + quoted(s.ids[i]));
      } else if (s.kind == ScopeKind::role || s.kind == ScopeKind::staff) {
        if (!organization_.has_role(s.ids[i])) add(p, "unknown role " + quoted(s.ids[i]));
      }
    }
    if (s.kind == ScopeKind::centre && !s.ids.empty()) add("scope.ids", "a centre cycle lists no ids");
    if (s.kind == ScopeKind::staff && s.ids.empty()) add("scope.ids", "name the roles whose holders the cycle binds");
    if (!s.under.empty()) {
      if (s.kind != ScopeKind::unit) {
        add("scope.under", "only a unit scope can be narrowed to the units under one");
      } else if (!has_unit(s.under)) {
        add("scope.under", "unknown unit " + quoted(s.under));
      }
    }
  }

  void evidence() {
    for (std::size_t i = 0; i < spec_.evidence.size(); ++i) {
      const Evidence& e = spec_.evidence[i];
      const std::string p = at("evidence", i);
      if (e.field.empty()) add(p + ".field", "name the field holding the evidence");
      if (e.field == kPeriodFieldName) add(p + ".field", "'period' names the period a record completes, not evidence");
      if (e.kind != EvidenceKind::document && (e.at_least < 1 || e.at_least > 1000000000)) {
        add(p + ".at_least", "at_least " + std::to_string(e.at_least) + " is not 1 to 1000000000");
      }
    }
  }

  // A notice needs a state that is a failure, and a unit to go to.
  void rectification() {
    if (!spec_.rectification) return;
    const Rectification& r = *spec_.rectification;
    if (spec_.recurrence.kind == RecurrenceKind::ad_hoc) {
      add("rectification", "an ad_hoc cycle is never due, so it is never late: it raises no notice");
    }
    if (r.on.empty()) add("rectification.on", "name the states that raise a notice: overdue, missed, insufficient, done_late");
    std::set<State> seen;
    for (std::size_t i = 0; i < r.on.size(); ++i) {
      const std::string p = at("rectification.on", i);
      if (r.on[i] == State::done || r.on[i] == State::due) {
        add(p, std::string("'") + state_name(r.on[i]) + "' is not a failure; a notice is raised for overdue, missed, "
               "insufficient or done_late");
      } else if (!seen.insert(r.on[i]).second) {
        add(p, std::string("'") + state_name(r.on[i]) + "' is listed twice");
      }
    }
    if (!r.unit.empty()) {
      if (!has_unit(r.unit)) add("rectification.unit", "unknown unit " + quoted(r.unit));
      if (spec_.scope.kind == ScopeKind::unit) {
        add("rectification.unit", "a per-unit cycle notifies the unit concerned; name no unit");
      }
    } else if (spec_.scope.kind == ScopeKind::staff) {
      add("rectification.unit", "name the unit a notice goes to when the staff member belongs to none");
    } else if (spec_.scope.kind != ScopeKind::unit) {
      add("rectification.unit", std::string("name the unit a notice goes to (the subject of a ") +
                                    scope_kind_name(spec_.scope.kind) + " cycle is not a unit)");
    }
  }

  bool has_unit(const std::string& id) const {
    for (const auto& u : organization_.units()) {
      if (u.id == id) return true;
    }
    return false;
  }

  static constexpr const char* kPeriodFieldName = "period";
  const CycleSpec& spec_;
  const std::map<std::string, calendar::BusinessCalendar>& calendars_;
  const org::Organization& organization_;
  std::vector<CycleProblem> problems_;
};

std::string problem_list(const std::string& cycle, const std::vector<CycleProblem>& problems) {
  return "cycle '" + cycle + "':" + charter::detail::problem_lines(problems);
}

}  // namespace

const char* period_name(Period p) { return kPeriodNames[static_cast<int>(p)]; }
const char* recurrence_kind_name(RecurrenceKind k) { return kRecurrenceNames[static_cast<int>(k)]; }
const char* evidence_kind_name(EvidenceKind k) { return kEvidenceNames[static_cast<int>(k)]; }
const char* scope_kind_name(ScopeKind k) { return kScopeNames[static_cast<int>(k)]; }

Period Recurrence::period() const {
  switch (kind) {
    case RecurrenceKind::business_day: return Period::day;
    case RecurrenceKind::weekly: return Period::week;
    case RecurrenceKind::monthly:
    case RecurrenceKind::yearly: return Period::month;
    case RecurrenceKind::at_least: return per;
    default: return Period::day;
  }
}

std::string Recurrence::text() const {
  switch (kind) {
    case RecurrenceKind::business_day: return "every business day";
    case RecurrenceKind::weekly:
      return std::string("every week on ") + (weekday >= 0 && weekday <= 6 ? kWeekdays[weekday] : "?");
    case RecurrenceKind::monthly:
      if (last_business_day) return "every month on the last business day";
      if (day > 0) return "every month on day " + std::to_string(day);
      return "every month, any time";
    case RecurrenceKind::yearly:
      return std::string("every year in ") + (month >= 1 && month <= 12 ? kMonths[month - 1] : "?");
    case RecurrenceKind::at_least:
      return "at least " + std::to_string(count) + (distinct.empty() ? " times" : " distinct '" + distinct + "'") +
             " a " + period_name(per);
    case RecurrenceKind::ad_hoc: return "ad hoc";
    case RecurrenceKind::follow_up: return "after each completion of the cycles naming it";
  }
  return "";
}

CycleError::CycleError(const std::string& cycle, std::vector<CycleProblem> problems)
    : Error(problem_list(cycle, problems)), problems_(std::move(problems)) {}

std::vector<CycleProblem> validate(const CycleSpec& spec,
                                   const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                   const org::Organization& organization) {
  return Checker(spec, calendars, organization).run();
}

struct Cycle::Data {
  CycleSpec spec;
  std::string owner;
  calendar::BusinessCalendar calendar;
  org::Organization organization;
};

Cycle::Cycle(CycleSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
             const org::Organization& organization) {
  std::vector<CycleProblem> problems = validate(spec, calendars, organization);
  if (!problems.empty()) throw CycleError(spec.id, std::move(problems));
  std::string owner = !spec.owner.empty() ? spec.owner
                                          : organization.accountable_for({org::SubjectKind::cycle, spec.id})->id;
  const calendar::BusinessCalendar& cal = calendars.at(spec.calendar);
  data_ = std::make_shared<const Data>(Data{std::move(spec), std::move(owner), cal, organization});
}

const CycleSpec& Cycle::spec() const { return data_->spec; }
const std::string& Cycle::owner() const { return data_->owner; }
const calendar::BusinessCalendar& Cycle::calendar() const { return data_->calendar; }
const org::Organization& Cycle::organization() const { return data_->organization; }

bool operator==(const Cycle& a, const Cycle& b) {
  return a.data_ == b.data_ || (a.spec() == b.spec() && a.owner() == b.owner());
}

std::vector<ReferenceProblem> validate_references(const std::vector<Cycle>& cycles) {
  std::vector<ReferenceProblem> out;
  std::map<std::string, const Cycle*> by_id;
  for (const Cycle& c : cycles) {
    if (!by_id.emplace(c.id(), &c).second) out.push_back({c.id(), "", "cycle " + quoted(c.id()) + " is given twice"});
  }
  std::set<std::string> named;
  for (const Cycle& c : cycles) {
    const auto& f = c.spec().follow_ups;
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::string p = at("follow_ups", i) + ".cycle";
      named.insert(f[i].cycle);
      auto it = by_id.find(f[i].cycle);
      if (f[i].cycle == c.id()) {
        out.push_back({c.id(), p, "a cycle cannot follow itself"});
      } else if (it == by_id.end()) {
        out.push_back({c.id(), p, "unknown cycle " + quoted(f[i].cycle)});
      } else if (it->second->recurrence().kind != RecurrenceKind::follow_up) {
        out.push_back({c.id(), p, "cycle " + quoted(f[i].cycle) + " is " +
                                      recurrence_kind_name(it->second->recurrence().kind) +
                                      ", not follow_up: it has a schedule of its own"});
      }
    }
  }
  for (const Cycle& c : cycles) {
    if (c.recurrence().kind == RecurrenceKind::follow_up && !named.count(c.id())) {
      out.push_back({c.id(), "recurrence", "no cycle names " + quoted(c.id()) + " among its follow_ups"});
    }
  }
  return out;
}

}  // namespace charter::cycle
