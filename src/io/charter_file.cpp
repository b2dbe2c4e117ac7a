#include "charter/io/charter_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>


#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/cycle/cycle.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/standard/standard.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/notices.hpp"
#include "yaml_tree.hpp"

namespace charter::io {
namespace {

using calendar::CalendarSpec;
using calendar::DayHours;
using yaml::Node;

// Reads one YAML document into charter types, failing at the first malformed node with its
// position and path. Organisation and workflow problems are collected instead (see
// report_problems).
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const Node& node, const std::string& path, const std::string& why) const {
    throw CharterFileError(source_, node.line, node.column, path, why);
  }

  /// Fails unless `node` is a map whose keys are all in `allowed`.
  void keys(const Node& node, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!node.is_map()) fail(node, path, "expected a map");
    for (const auto& [k, v] : node.entries) {
      const std::string key = scalar(k, path);
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        std::string known;
        for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        fail(k, join(path, key), "unknown key '" + key + "' (known here: " + known + ")");
      }
    }
  }

  std::string scalar(const Node& node, const std::string& path) const {
    if (!node.is_scalar()) fail(node, path, node.is_null() ? "expected a value, found nothing" : "expected a single value");
    return node.value;
  }

  std::string id(const Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (!org::is_valid_id(v)) {
      fail(node, path, "'" + v + "' is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)");
    }
    return v;
  }

  int integer(const Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(node, path, "expected a whole number, found '" + v + "'");
    }
    return std::stoi(v);
  }

  bool boolean(const Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (v == "true") return true;
    if (v == "false") return false;
    fail(node, path, "expected true or false, found '" + v + "'");
  }

  boost::gregorian::date date(const Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    try {
      return calendar::parse_date(v);
    } catch (const ParseError& e) {
      fail(node, path, e.what());
    }
  }

  LocalizedText text(const Node& node, const std::string& path) const {
    if (node.is_scalar()) return LocalizedText{"", node.value};
    keys(node, path, {"zh", "en"});
    LocalizedText t;
    if (const Node* zh = node.get("zh")) t.zh = scalar(*zh, join(path, "zh"));
    if (const Node* en = node.get("en")) t.en = scalar(*en, join(path, "en"));
    return t;
  }

  /// ["09:00-12:00", "13:30-18:30"]
  DayHours hours(const Node& node, const std::string& path) const {
    if (!node.is_sequence()) fail(node, path, "expected a list of intervals such as [\"09:00-12:00\"]");
    std::vector<std::pair<std::string, std::string>> pairs;
    for (size_t i = 0; i < node.items.size(); ++i) {
      const std::string p = index(path, i);
      std::string v = scalar(node.items[i], p);
      // Accept an en dash as well as a hyphen between the times.
      for (const std::string_view dash : {std::string_view("\xE2\x80\x93"), std::string_view(" - ")}) {
        for (size_t at; (at = v.find(dash)) != std::string::npos;) v.replace(at, dash.size(), "-");
      }
      const auto minus = v.find('-');
      if (minus == std::string::npos) fail(node.items[i], p, "expected an interval \"HH:MM-HH:MM\", found '" + v + "'");
      pairs.emplace_back(v.substr(0, minus), v.substr(minus + 1));
      try {
        calendar::make_interval(pairs.back().first, pairs.back().second);  // report at the item
      } catch (const Error& e) {
        fail(node.items[i], p, e.what());
      }
    }
    try {
      return calendar::parse_day_hours(pairs);  // overlaps concern the whole list
    } catch (const Error& e) {
      fail(node, path, e.what());
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

// ---- calendars ------------------------------------------------------------------------------

// `intervals`: what the calendars read before this one hold (calendar::count_intervals), counted
// on before it is built against the charter's bound.
calendar::BusinessCalendar build_calendar(const Reader& r, const Node& node, const std::string& path,
                                          CalendarSpec spec, std::uint64_t& intervals) {
  intervals += calendar::count_intervals(spec);
  if (intervals > calendar::kMaxCharterCalendarIntervals) {
    r.fail(node, path,
           "the calendars up to this one hold " + std::to_string(intervals) + " open intervals together; a charter's "
           "calendars may hold at most " + std::to_string(calendar::kMaxCharterCalendarIntervals) +
           " (shorten first_day..last_day or the opening hours)");
  }
  try {
    return calendar::BusinessCalendar(std::move(spec));
  } catch (const Error& e) {
    r.fail(node, path, e.what());
  }
}

// Reads a map of date → something, refusing a date given twice.
template <class F>
void each_date(const Reader& r, const Node& map, const std::string& path, const char* what, F&& f) {
  if (!map.is_map()) r.fail(map, path, std::string("expected a map of date to ") + what);
  std::set<boost::gregorian::date> seen;
  for (const auto& [k, v] : map.entries) {
    const auto d = r.date(k, path);
    const std::string kpath = Reader::join(path, calendar::format_date(d));
    if (!seen.insert(d).second) r.fail(k, kpath, "date listed twice");
    f(d, v, kpath);
  }
}

calendar::BusinessCalendar read_calendar(const Reader& r, const Node& node, const std::string& path,
                                         const std::string& id, std::uint64_t& intervals) {
  auto at = [&](const char* key) { return Reader::join(path, key); };
  if (const Node* builtin = node.get("builtin")) {
    r.keys(node, path, {"builtin", "hours", "zone", "name"});
    const std::string which = r.scalar(*builtin, at("builtin"));
    if (which != "china") {
      r.fail(*builtin, at("builtin"), "unknown built-in calendar '" + which + "' (known: china)");
    }
    const Node* hours = node.get("hours");
    const Node* zone = node.get("zone");
    CalendarSpec spec = calendar::china_spec(hours ? r.hours(*hours, at("hours")) : calendar::default_china_hours(),
                                             zone ? r.scalar(*zone, at("zone")) : "Asia/Shanghai");
    if (const Node* name = node.get("name")) spec.name = r.text(*name, at("name")).both();
    return build_calendar(r, node, path, std::move(spec), intervals);
  }
  r.keys(node, path, {"name", "zone", "week", "holidays", "extra_workdays", "special_hours", "first_day", "last_day"});
  CalendarSpec spec;
  const Node* name = node.get("name");
  spec.name = name ? r.text(*name, at("name")).both() : id;
  if (const Node* zone = node.get("zone")) spec.zone = r.scalar(*zone, at("zone"));
  if (const Node* week = node.get("week")) {
    const std::string wpath = at("week");
    if (!week->is_map()) r.fail(*week, wpath, "expected a map of weekday to intervals");
    std::set<int> given;
    for (const auto& [k, v] : week->entries) {
      const std::string key = r.scalar(k, wpath);
      const std::string kpath = Reader::join(wpath, key);
      std::vector<int> days;
      if (key == "weekdays") {
        days = {1, 2, 3, 4, 5};
      } else if (key == "daily") {
        days = {0, 1, 2, 3, 4, 5, 6};
      } else {
        try {
          days = {calendar::parse_weekday(key)};
        } catch (const ParseError&) {
          r.fail(k, kpath, "'" + key + "' is not a weekday (mon … sun, weekdays, daily)");
        }
      }
      const DayHours hours = r.hours(v, kpath);
      for (int d : days) {
        if (!given.insert(d).second) {
          r.fail(k, kpath, std::string(calendar::kWeekdayNames[static_cast<size_t>(d)]) + " is given twice");
        }
        spec.week.days[static_cast<size_t>(d)] = hours;
      }
    }
  }
  if (const Node* holidays = node.get("holidays")) {
    each_date(r, *holidays, at("holidays"), "name", [&](auto d, const Node& v, const std::string& p) {
      spec.holidays[d] = r.text(v, p).both();
    });
  }
  if (const Node* extra = node.get("extra_workdays")) {
    const std::string epath = at("extra_workdays");
    if (extra->is_sequence()) {
      for (size_t i = 0; i < extra->items.size(); ++i) {
        const auto d = r.date(extra->items[i], Reader::index(epath, i));
        if (!spec.extra_workdays.emplace(d, calendar::ExtraWorkday{}).second) {
          r.fail(extra->items[i], Reader::index(epath, i), "date listed twice");
        }
      }
    } else {
      each_date(r, *extra, epath, "intervals (or a list of dates)", [&](auto d, const Node& v, const std::string& p) {
        calendar::ExtraWorkday w;
        if (!v.is_null()) w.hours = r.hours(v, p);
        spec.extra_workdays[d] = std::move(w);
      });
    }
  }
  if (const Node* special = node.get("special_hours")) {
    each_date(r, *special, at("special_hours"), "intervals", [&](auto d, const Node& v, const std::string& p) {
      spec.special_hours[d] = r.hours(v, p);
    });
  }
  if (const Node* first = node.get("first_day")) spec.first_day = r.date(*first, at("first_day"));
  if (const Node* last = node.get("last_day")) spec.last_day = r.date(*last, at("last_day"));
  return build_calendar(r, node, path, std::move(spec), intervals);
}

// ---- organisation ---------------------------------------------------------------------------

template <class F>
void each(const Reader& r, const Node* node, const std::string& path, F&& f) {
  if (!node || node->is_null()) return;
  if (!node->is_sequence()) r.fail(*node, path, "expected a list");
  for (size_t i = 0; i < node->items.size(); ++i) f(node->items[i], Reader::index(path, i));
}

const Node& required(const Reader& r, const Node& map, const std::string& path, const char* key) {
  const Node* v = map.get(key);
  if (!v) r.fail(map, path, std::string("missing '") + key + "'");
  return *v;
}

org::OrganizationSpec read_organization(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"units", "roles", "staff", "grants"});
  org::OrganizationSpec spec;
  const auto J = &Reader::join;
  each(r, node.get("units"), J(path, "units"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "parent", "since"});
    org::Unit u;
    u.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = n.get("name")) u.name = r.text(*v, J(p, "name"));
    if (const Node* v = n.get("parent"); v && !v->is_null()) u.parent = r.scalar(*v, J(p, "parent"));
    if (const Node* v = n.get("since"); v && !v->is_null()) u.since = r.date(*v, J(p, "since"));
    spec.units.push_back(std::move(u));
  });
  each(r, node.get("roles"), J(path, "roles"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "reports_to", "headcount", "duties"});
    org::Role role;
    role.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = n.get("name")) role.name = r.text(*v, J(p, "name"));
    if (const Node* v = n.get("reports_to"); v && !v->is_null()) role.reports_to = r.scalar(*v, J(p, "reports_to"));
    if (const Node* v = n.get("headcount")) role.headcount = r.integer(*v, J(p, "headcount"));
    each(r, n.get("duties"), J(p, "duties"), [&](const Node& dn, const std::string& dp) {
      r.keys(dn, dp, {"id", "text", "covers"});
      org::Duty duty;
      duty.id = r.id(required(r, dn, dp, "id"), J(dp, "id"));
      if (const Node* v = dn.get("text")) duty.text = r.text(*v, J(dp, "text"));
      each(r, dn.get("covers"), J(dp, "covers"), [&](const Node& cn, const std::string& cp) {
        r.keys(cn, cp, {"action", "standard", "cycle", "raci"});
        const Node* action = cn.get("action");
        const Node* standard = cn.get("standard");
        const Node* cycle = cn.get("cycle");
        if ((action ? 1 : 0) + (standard ? 1 : 0) + (cycle ? 1 : 0) != 1) {
          r.fail(cn, cp, "give exactly one of 'action', 'standard' or 'cycle'");
        }
        org::Responsibility resp;
        resp.subject.kind = action ? org::SubjectKind::action : standard ? org::SubjectKind::standard : org::SubjectKind::cycle;
        const char* key = action ? "action" : standard ? "standard" : "cycle";
        resp.subject.id = r.id(action ? *action : standard ? *standard : *cycle, J(cp, key));
        const Node& raci = required(r, cn, cp, "raci");
        try {
          resp.raci = org::parse_raci(r.scalar(raci, J(cp, "raci")));
        } catch (const ParseError& e) {
          r.fail(raci, J(cp, "raci"), e.what());
        }
        duty.covers.push_back(std::move(resp));
      });
      role.duties.push_back(std::move(duty));
    });
    spec.roles.push_back(std::move(role));
  });
  each(r, node.get("staff"), J(path, "staff"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "phone", "roles", "unit", "active"});
    org::Staff s;
    s.id = r.id(required(r, n, p, "id"), J(p, "id"));
    // Personal data: read, never echoed in an error.
    if (const Node* v = n.get("name")) s.name = r.scalar(*v, J(p, "name"));
    if (const Node* v = n.get("phone")) s.phone = r.scalar(*v, J(p, "phone"));
    each(r, n.get("roles"), J(p, "roles"), [&](const Node& rn, const std::string& rp) {
      s.roles.push_back(r.scalar(rn, rp));
    });
    if (const Node* v = n.get("unit"); v && !v->is_null()) s.unit = r.scalar(*v, J(p, "unit"));
    if (const Node* v = n.get("active")) {
      const std::string ap = J(p, "active");
      r.keys(*v, ap, {"from", "until"});
      if (const Node* from = v->get("from")) s.active.from = r.date(*from, J(ap, "from"));
      if (const Node* until = v->get("until")) s.active.until = r.date(*until, J(ap, "until"));
    }
    spec.staff.push_back(std::move(s));
  });
  each(r, node.get("grants"), J(path, "grants"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"role", "action", "allow", "reason"});
    org::Grant g;
    g.role = r.scalar(required(r, n, p, "role"), J(p, "role"));
    g.action = r.scalar(required(r, n, p, "action"), J(p, "action"));
    g.allow = r.boolean(required(r, n, p, "allow"), J(p, "allow"));
    if (const Node* v = n.get("reason")) g.reason = r.scalar(*v, J(p, "reason"));
    spec.grants.push_back(std::move(g));
  });
  return spec;
}

// The node a problem's path ("roles[3].reports_to", relative to `root`) names, or the deepest
// node on the way there: org::validate and workflow::validate know paths, the tree knows
// positions.
const Node& locate(const Node& root, const std::string& path) {
  const Node* cur = &root;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') ++i;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      const size_t k = std::stoul(path.substr(i + 1, close - i - 1));
      if (!cur->is_sequence() || k >= cur->items.size()) break;
      cur = &cur->items[k];
      i = close + 1;
      continue;
    }
    const size_t end = path.find_first_of(".[", i);
    const Node* next = cur->get(path.substr(i, end == std::string::npos ? std::string::npos : end - i));
    if (!next) break;
    cur = next;
    i = end == std::string::npos ? path.size() : end;
  }
  return *cur;
}

// One error listing every problem of a section, compiler style and in file order: the first
// gives the error's position and path, the others follow on their own lines with theirs.
// `problems` have paths relative to `section` (org::Problem, workflow::DefinitionProblem), whose
// own path is `path`; the tree gives each its position.
template <class Problems>
[[noreturn]] void report_problems(const Reader& r, const Node& section, const std::string& path,
                                  Problems problems) {
  struct Placed {
    const Node* at;
    std::string path;
    std::string message;
  };
  std::vector<Placed> placed;
  for (auto& p : problems) {
    const Node* at = &locate(section, p.path);
    placed.push_back({at, p.path.empty() ? path : Reader::join(path, p.path), std::move(p.message)});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    return std::tie(a.at->line, a.at->column) < std::tie(b.at->line, b.at->column);
  });
  std::string rest;
  for (size_t i = 1; i < placed.size(); ++i) {
    rest += "\n" + r.source() + ":" + std::to_string(placed[i].at->line) + ":" +
            std::to_string(placed[i].at->column) + ": " + placed[i].path + ": " + placed[i].message;
  }
  throw CharterFileError(r.source(), placed[0].at->line, placed[0].at->column, placed[0].path,
                         placed[0].message + rest);
}

org::Organization finish_organization(const Reader& r, org::OrganizationSpec spec, const Node& section,
                                      const std::string& path) {
  std::vector<org::Problem> problems = org::validate(spec);
  if (problems.empty()) return org::Organization(std::move(spec));
  report_problems(r, section, path, std::move(problems));
}

// ---- workflows ------------------------------------------------------------------------------

// The value under `key`, or nullptr when it is absent or null ("not given").
const Node* given(const Node& map, const char* key) {
  const Node* v = map.get(key);
  return v && !v->is_null() ? v : nullptr;
}

std::vector<std::string> scalars(const Reader& r, const Node* node, const std::string& path) {
  std::vector<std::string> out;
  each(r, node, path, [&](const Node& n, const std::string& p) { out.push_back(r.scalar(n, p)); });
  return out;
}

// when: {severity: [major, critical], channel: [hotline]}
std::vector<workflow::Condition> read_when(const Reader& r, const Node& node, const std::string& path) {
  if (!node.is_map()) {
    r.fail(node, path, "expected a map of attribute to a list of values, such as {severity: [major, critical]}");
  }
  std::vector<workflow::Condition> out;
  for (const auto& [k, v] : node.entries) {
    workflow::Condition c;
    c.attribute = r.scalar(k, path);
    const std::string vpath = Reader::join(path, c.attribute);
    if (!v.is_sequence()) r.fail(v, vpath, "expected a list of values, such as [major, critical]");
    c.values = scalars(r, &v, vpath);
    out.push_back(std::move(c));
  }
  return out;
}

calendar::Deadline read_deadline(const Reader& r, const Node& node, const std::string& path) {
  const std::string text = r.scalar(node, path);
  try {
    return calendar::Deadline::parse(text);
  } catch (const ParseError& e) {
    r.fail(node, path, e.what());
  }
}

// goal: 24 hours | {by: severity, critical: 24 hours, default: 48 hours} | {field: next_reply_at}
workflow::Goal read_goal(const Reader& r, const Node& node, const std::string& path) {
  workflow::Goal goal;
  if (node.is_scalar()) {
    goal.rules.emplace("", read_deadline(r, node, path));
    return goal;
  }
  if (!node.is_map()) {
    r.fail(node, path, "expected a deadline rule (\"48 hours\"), {by: <attribute>, <value>: <rule>, default: <rule>} or {field: <field>}");
  }
  if (node.get("field")) {
    r.keys(node, path, {"field"});
    goal.field = r.scalar(*node.get("field"), Reader::join(path, "field"));
    return goal;
  }
  const Node* by = node.get("by");
  if (!by) r.fail(node, path, "missing 'by' (the attribute that chooses the rule) or 'field' (an instant field)");
  goal.attribute = r.scalar(*by, Reader::join(path, "by"));
  for (const auto& [k, v] : node.entries) {
    const std::string key = r.scalar(k, path);
    if (key == "by") continue;
    goal.rules.emplace(key == "default" ? "" : key, read_deadline(r, v, Reader::join(path, key)));
  }
  if (goal.rules.empty()) r.fail(node, path, "no rules: give '<value>: <rule>' entries or 'default: <rule>'");
  return goal;
}

// start / stop / restart: {events: [..], states: [..]}
workflow::Trigger read_trigger(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"events", "states"});
  workflow::Trigger t;
  t.events = scalars(r, given(node, "events"), Reader::join(path, "events"));
  t.states = scalars(r, given(node, "states"), Reader::join(path, "states"));
  return t;
}

workflow::DefinitionSpec read_workflow(const Reader& r, const Node& node, const std::string& path,
                                       const std::string& id) {
  using namespace workflow;
  const auto J = &Reader::join;
  r.keys(node, path, {"name", "calendar", "attributes", "fields", "states", "checklists", "transitions",
                      "timers", "escalations"});
  DefinitionSpec spec;
  spec.id = id;
  if (const Node* v = given(node, "name")) spec.name = r.text(*v, J(path, "name"));
  spec.calendar = r.id(required(r, node, path, "calendar"), J(path, "calendar"));
  each(r, given(node, "attributes"), J(path, "attributes"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "values", "required"});
    Attribute a;
    a.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) a.name = r.text(*v, J(p, "name"));
    a.values = scalars(r, given(n, "values"), J(p, "values"));
    if (const Node* v = given(n, "required")) a.required = r.boolean(*v, J(p, "required"));
    spec.attributes.push_back(std::move(a));
  });
  each(r, given(node, "fields"), J(path, "fields"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "type"});
    FieldSpec f;
    f.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) f.name = r.text(*v, J(p, "name"));
    if (const Node* v = given(n, "type")) {
      const std::string type = r.scalar(*v, J(p, "type"));
      if (type == "text") {
        f.type = FieldSpec::Type::text;
      } else if (type == "instant") {
        f.type = FieldSpec::Type::instant;
      } else {
        r.fail(*v, J(p, "type"), "'" + type + "' is not a field type (text or instant)");
      }
    }
    spec.fields.push_back(std::move(f));
  });
  each(r, given(node, "states"), J(path, "states"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "initial", "terminal"});
    State s;
    s.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) s.name = r.text(*v, J(p, "name"));
    if (const Node* v = given(n, "initial")) s.initial = r.boolean(*v, J(p, "initial"));
    if (const Node* v = given(n, "terminal")) s.terminal = r.boolean(*v, J(p, "terminal"));
    spec.states.push_back(std::move(s));
  });
  each(r, given(node, "checklists"), J(path, "checklists"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "rule", "items"});
    Checklist c;
    c.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) c.name = r.text(*v, J(p, "name"));
    if (const Node* v = given(n, "rule")) c.rule = r.scalar(*v, J(p, "rule"));
    each(r, given(n, "items"), J(p, "items"), [&](const Node& in, const std::string& ip) {
      r.keys(in, ip, {"id", "name", "when"});
      ChecklistItem item;
      item.id = r.id(required(r, in, ip, "id"), J(ip, "id"));
      if (const Node* v = given(in, "name")) item.name = r.text(*v, J(ip, "name"));
      if (const Node* v = given(in, "when")) item.when = read_when(r, *v, J(ip, "when"));
      c.items.push_back(std::move(item));
    });
    spec.checklists.push_back(std::move(c));
  });
  each(r, given(node, "transitions"), J(path, "transitions"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"event", "from", "to", "action", "requires", "ticks", "checklists", "when", "rule", "name"});
    Transition t;
    t.event = r.id(required(r, n, p, "event"), J(p, "event"));
    t.from = scalars(r, given(n, "from"), J(p, "from"));
    if (const Node* v = given(n, "to")) t.to = r.scalar(*v, J(p, "to"));
    if (const Node* v = given(n, "action")) t.action = r.scalar(*v, J(p, "action"));
    t.requires = scalars(r, given(n, "requires"), J(p, "requires"));
    t.ticks = scalars(r, given(n, "ticks"), J(p, "ticks"));
    t.checklists = scalars(r, given(n, "checklists"), J(p, "checklists"));
    if (const Node* v = given(n, "when")) t.when = read_when(r, *v, J(p, "when"));
    if (const Node* v = given(n, "rule")) t.rule = r.scalar(*v, J(p, "rule"));
    if (const Node* v = given(n, "name")) t.name = r.text(*v, J(p, "name"));
    spec.transitions.push_back(std::move(t));
  });
  each(r, given(node, "timers"), J(path, "timers"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "rule", "calendar", "start", "stop", "restart", "pause", "when", "goal", "warning"});
    TimerSpec t;
    t.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) t.name = r.text(*v, J(p, "name"));
    if (const Node* v = given(n, "rule")) t.rule = r.scalar(*v, J(p, "rule"));
    // Not given: empty, which means the workflow's calendar (Definition::calendar_of).
    if (const Node* v = given(n, "calendar")) t.calendar = r.scalar(*v, J(p, "calendar"));
    if (const Node* v = given(n, "start")) t.start = read_trigger(r, *v, J(p, "start"));
    if (const Node* v = given(n, "stop")) t.stop = read_trigger(r, *v, J(p, "stop"));
    if (const Node* v = given(n, "restart")) t.restart = read_trigger(r, *v, J(p, "restart"));
    t.pause = scalars(r, given(n, "pause"), J(p, "pause"));
    if (const Node* v = given(n, "when")) t.when = read_when(r, *v, J(p, "when"));
    if (const Node* v = given(n, "goal")) t.goal = read_goal(r, *v, J(p, "goal"));
    if (const Node* v = given(n, "warning")) {
      const std::string text = r.scalar(*v, J(p, "warning"));
      try {
        t.warning = Warning::parse(text);
      } catch (const ParseError& e) {
        r.fail(*v, J(p, "warning"), e.what());
      }
    }
    spec.timers.push_back(std::move(t));
  });
  each(r, given(node, "escalations"), J(path, "escalations"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "rule", "timer", "on", "to", "levels_up", "when"});
    EscalationSpec e;
    e.id = r.id(required(r, n, p, "id"), J(p, "id"));
    if (const Node* v = given(n, "name")) e.name = r.text(*v, J(p, "name"));
    if (const Node* v = given(n, "rule")) e.rule = r.scalar(*v, J(p, "rule"));
    e.timer = r.scalar(required(r, n, p, "timer"), J(p, "timer"));
    const Node& on = required(r, n, p, "on");
    const std::string when = r.scalar(on, J(p, "on"));
    if (when == "start") {
      e.on = EscalationSpec::On::start;
    } else if (when == "warning") {
      e.on = EscalationSpec::On::warning;
    } else if (when == "breach") {
      e.on = EscalationSpec::On::breach;
    } else {
      r.fail(on, J(p, "on"), "'" + when + "' is not when an escalation is raised (start, warning or breach)");
    }
    if (const Node* v = given(n, "to")) e.to = r.scalar(*v, J(p, "to"));
    if (const Node* v = given(n, "levels_up")) e.levels_up = r.integer(*v, J(p, "levels_up"));
    if (const Node* v = given(n, "when")) e.when = read_when(r, *v, J(p, "when"));
    spec.escalations.push_back(std::move(e));
  });
  return spec;
}

// Validates a workflow against the charter's calendars and organisation, reporting every
// problem at its place (validate's paths are relative to the definition).
workflow::Definition finish_workflow(const Reader& r, workflow::DefinitionSpec spec, const Node& section,
                                     const std::string& path,
                                     const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                     const org::Organization& organization) {
  std::vector<workflow::DefinitionProblem> problems = workflow::validate(spec, calendars, organization);
  if (!problems.empty()) report_problems(r, section, path, std::move(problems));
  try {
    return workflow::Definition(std::move(spec), calendars, organization);
  } catch (const Error& e) {
    r.fail(section, path, e.what());
  }
}


// ---- standards ------------------------------------------------------------------------------

double read_number(const Reader& r, const Node& node, const std::string& path) {
  const std::string v = r.scalar(node, path);
  double out = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(out)) {
    r.fail(node, path, "expected a number, found '" + v + "'");
  }
  return out;
}

// "16:00" or "16:00:30" → seconds after midnight; "24:00" is the end of the day.
double read_time_of_day(const Reader& r, const Node& node, const std::string& path) {
  const std::string v = r.scalar(node, path);
  int h = -1, m = -1, sec = 0;
  char tail = 0;
  const int got = std::sscanf(v.c_str(), "%2d:%2d:%2d%c", &h, &m, &sec, &tail);
  const bool shape = (v.size() == 5 && got == 2) || (v.size() == 8 && got == 3);
  if (!shape || h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59 || h * 3600 + m * 60 + sec > 86400) {
    r.fail(node, path, "expected a time of day \"HH:MM\" (00:00..24:00), found '" + v + "'");
  }
  return h * 3600 + m * 60 + sec;
}

// {field: rings, at_least: 5} | {field: size, in: [large]} | {field: apology, is: yes} |
// {field: record_created_at, present: true} | {field: local_time, at_least: "16:00"}
standard::Condition read_condition(const Reader& r, const Node& node, const std::string& path) {
  using standard::Condition;
  r.keys(node, path, {"field", "at_least", "at_most", "in", "not_in", "is", "present"});
  Condition c;
  c.subject = r.scalar(required(r, node, path, "field"), Reader::join(path, "field"));
  const char* tests[] = {"at_least", "at_most", "in", "not_in", "is", "present"};
  const Node* test = nullptr;
  std::string key;
  for (const char* t : tests) {
    if (const Node* v = node.get(t)) {
      if (test) r.fail(*v, Reader::join(path, t), "give one test per condition ('" + key + "' is given already)");
      test = v;
      key = t;
    }
  }
  if (!test) r.fail(node, path, "missing the test: at_least, at_most, in, not_in, is or present");
  const std::string p = Reader::join(path, key);
  const bool clock = c.subject == standard::kLocalTimeSubject;
  if (key == "at_least" || key == "at_most") {
    c.test = key == "at_least" ? Condition::Test::at_least : Condition::Test::at_most;
    c.number = clock ? read_time_of_day(r, *test, p) : read_number(r, *test, p);
  } else if (key == "in" || key == "not_in") {
    c.test = key == "in" ? Condition::Test::in : Condition::Test::not_in;
    if (!test->is_sequence()) r.fail(*test, p, "expected a list of values, such as [large, bulk]");
    c.values = scalars(r, test, p);
  } else if (key == "is") {
    const int yes = standard::parse_yes_no(r.scalar(*test, p));
    if (yes < 0) r.fail(*test, p, "expected yes or no, found '" + test->value + "'");
    c.test = yes ? Condition::Test::is_yes : Condition::Test::is_no;
  } else {
    c.test = r.boolean(*test, p) ? Condition::Test::present : Condition::Test::absent;
  }
  return c;
}

// A condition or a list of them.
std::vector<standard::Condition> read_conditions(const Reader& r, const Node& node, const std::string& path) {
  if (node.is_map()) return {read_condition(r, node, Reader::index(path, 0))};
  std::vector<standard::Condition> out;
  each(r, &node, path, [&](const Node& n, const std::string& p) { out.push_back(read_condition(r, n, p)); });
  return out;
}

LocalizedText optional_text(const Reader& r, const Node& map, const std::string& path, const char* key) {
  const Node* v = given(map, key);
  return v ? r.text(*v, Reader::join(path, key)) : LocalizedText{};
}

std::string optional_scalar(const Reader& r, const Node& map, const std::string& path, const char* key,
                            std::string fallback = "") {
  const Node* v = given(map, key);
  return v ? r.scalar(*v, Reader::join(path, key)) : fallback;
}

standard::Threshold read_threshold(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"measure", "between", "unit", "label", "at_least", "at_most"});
  standard::Threshold t;
  t.quantity.field = optional_scalar(r, node, path, "measure");
  if (const Node* between = given(node, "between")) {
    const std::string p = Reader::join(path, "between");
    if (!between->is_sequence() || between->items.size() != 2) {
      r.fail(*between, p, "expected two instants [from, to], such as [at, greeted_at]");
    }
    t.quantity.from = r.scalar(between->items[0], Reader::index(p, 0));
    t.quantity.to = r.scalar(between->items[1], Reader::index(p, 1));
  }
  t.quantity.unit = optional_scalar(r, node, path, "unit");
  t.quantity.label = optional_text(r, node, path, "label");
  if (const Node* v = given(node, "at_least")) t.at_least = read_number(r, *v, Reader::join(path, "at_least"));
  if (const Node* v = given(node, "at_most")) t.at_most = read_number(r, *v, Reader::join(path, "at_most"));
  return t;
}

// {done: made_up_at, rule: end of business day} or {done: …, rules: [{when: …, rule: …}, …, {rule: …}]}
standard::DeadlineRule read_deadline_rule(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"start", "done", "done_label", "rule", "rules"});
  standard::DeadlineRule d;
  d.start = optional_scalar(r, node, path, "start", "at");
  d.done = optional_scalar(r, node, path, "done");
  d.done_label = optional_text(r, node, path, "done_label");
  const Node* rule = given(node, "rule");
  const Node* rules = given(node, "rules");
  if (rule && rules) r.fail(*rules, Reader::join(path, "rules"), "give 'rule' or 'rules', not both");
  if (rule) d.rules.push_back({{}, read_deadline(r, *rule, Reader::join(path, "rule"))});
  each(r, rules, Reader::join(path, "rules"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"when", "rule"});
    standard::DeadlineChoice choice;
    if (const Node* w = given(n, "when")) choice.when = read_conditions(r, *w, Reader::join(p, "when"));
    choice.rule = read_deadline(r, required(r, n, p, "rule"), Reader::join(p, "rule"));
    d.rules.push_back(std::move(choice));
  });
  return d;
}

standard::Phrases read_phrases(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"field", "forbidden", "required"});
  standard::Phrases p;
  p.field = optional_scalar(r, node, path, "field");
  p.forbidden = scalars(r, given(node, "forbidden"), Reader::join(path, "forbidden"));
  p.required = scalars(r, given(node, "required"), Reader::join(path, "required"));
  return p;
}

standard::Eligibility read_eligibility(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"accepted", "exclusions"});
  standard::Eligibility e;
  e.accepted = optional_scalar(r, node, path, "accepted", e.accepted);
  each(r, given(node, "exclusions"), Reader::join(path, "exclusions"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"when", "reason"});
    standard::Exclusion x;
    if (const Node* w = given(n, "when")) x.when = read_conditions(r, *w, Reader::join(p, "when"));
    x.reason = optional_text(r, n, p, "reason");
    e.exclusions.push_back(std::move(x));
  });
  return e;
}

// "0.9" or "90%": a share of checks passed.
double read_rate(const Reader& r, const Node& node, const std::string& path) {
  const std::string v = r.scalar(node, path);
  if (!v.empty() && v.back() == '%') {
    Node number = node;
    number.value = v.substr(0, v.size() - 1);
    return read_number(r, number, path) / 100.0;
  }
  return read_number(r, node, path);
}

// rectification: {below: 90%, min_checked: 20, period: month, deadline: 5 business days, severity: normal}
standard::Rectification read_standard_rectification(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"below", "min_checked", "period", "deadline", "severity"});
  const auto J = &Reader::join;
  standard::Rectification x;
  x.below = read_rate(r, required(r, node, path, "below"), J(path, "below"));
  if (const Node* v = given(node, "min_checked")) x.min_checked = r.integer(*v, J(path, "min_checked"));
  const Node& period = required(r, node, path, "period");
  const std::string pv = r.scalar(period, J(path, "period"));
  bool known = false;
  for (standard::Period p : {standard::Period::day, standard::Period::week, standard::Period::month}) {
    if (pv == standard::period_name(p)) {
      x.period = p;
      known = true;
    }
  }
  if (!known) r.fail(period, J(path, "period"), "unknown period '" + pv + "' (known: day, week, month)");
  x.deadline = read_deadline(r, required(r, node, path, "deadline"), J(path, "deadline"));
  x.severity = optional_scalar(r, node, path, "severity");
  return x;
}

standard::StandardSpec read_standard(const Reader& r, const Node& node, const std::string& path,
                                     const std::string& id) {
  static const char* const kRuleKeys[] = {"threshold", "deadline", "obligation", "required_fields",
                                          "phrases", "distinct_signers", "precondition", "eligibility"};
  r.keys(node, path, {"title", "source", "owner", "kinds", "channels", "when", "calendar", "threshold",
                      "deadline", "obligation", "required_fields", "phrases", "distinct_signers",
                      "precondition", "eligibility", "rectification"});
  const auto J = &Reader::join;
  standard::StandardSpec spec;
  spec.id = id;
  spec.title = optional_text(r, node, path, "title");
  spec.source = optional_scalar(r, node, path, "source");
  spec.owner = optional_scalar(r, node, path, "owner");
  spec.kinds = scalars(r, given(node, "kinds"), J(path, "kinds"));
  spec.channels = scalars(r, given(node, "channels"), J(path, "channels"));
  if (const Node* w = given(node, "when")) spec.when = read_conditions(r, *w, J(path, "when"));
  spec.calendar = optional_scalar(r, node, path, "calendar");
  const Node* rule = nullptr;
  std::string key;
  for (const char* k : kRuleKeys) {
    if (const Node* v = given(node, k)) {
      if (rule) r.fail(*v, J(path, k), "a standard has one rule ('" + key + "' is given already)");
      rule = v;
      key = k;
    }
  }
  if (!rule) {
    r.fail(node, path, "missing the rule: one of threshold, deadline, obligation, required_fields, phrases, "
                       "distinct_signers, precondition, eligibility");
  }
  const std::string p = J(path, key);
  if (key == "threshold") {
    spec.rule = read_threshold(r, *rule, p);
  } else if (key == "deadline") {
    spec.rule = read_deadline_rule(r, *rule, p);
  } else if (key == "obligation") {
    spec.rule = standard::Obligation{read_conditions(r, *rule, p)};
  } else if (key == "required_fields") {
    spec.rule = standard::RequiredFields{scalars(r, rule, p)};
  } else if (key == "phrases") {
    spec.rule = read_phrases(r, *rule, p);
  } else if (key == "distinct_signers") {
    r.keys(*rule, p, {"field", "at_least"});
    standard::DistinctSigners d;
    d.field = optional_scalar(r, *rule, p, "field", d.field);
    if (const Node* v = given(*rule, "at_least")) d.at_least = r.integer(*v, J(p, "at_least"));
    spec.rule = d;
  } else if (key == "precondition") {
    r.keys(*rule, p, {"field", "label"});
    spec.rule = standard::Precondition{optional_scalar(r, *rule, p, "field"), optional_text(r, *rule, p, "label")};
  } else {
    spec.rule = read_eligibility(r, *rule, p);
  }
  if (const Node* v = given(node, "rectification")) spec.rectification = read_standard_rectification(r, *v, J(path, "rectification"));
  return spec;
}

// Validates a standard against the charter's calendars and organisation, reporting every problem
// at its place (validate's paths are relative to the standard).
standard::Standard finish_standard(const Reader& r, standard::StandardSpec spec, const Node& section,
                                   const std::string& path,
                                   const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                   const org::Organization& organization) {
  std::vector<standard::StandardProblem> problems = standard::validate(spec, calendars, organization);
  if (!problems.empty()) report_problems(r, section, path, std::move(problems));
  return standard::Standard(std::move(spec), calendars, organization);
}


// ---- cycles ---------------------------------------------------------------------------------

constexpr const char* kWeekdayNames[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr const char* kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};

std::string lower(std::string v) {
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v;
}

// A weekday by name ("Wednesday") or number (0 = Sunday … 6); a month by name or 1-12.
int read_named_number(const Reader& r, const Node& node, const std::string& path, const char* const* names,
                      int count, int first, const char* what) {
  const std::string v = lower(r.scalar(node, path));
  for (int i = 0; i < count; ++i) {
    if (v == names[i] || (v.size() >= 3 && std::string(names[i]).compare(0, v.size(), v) == 0 && v.size() == 3)) {
      return i + first;
    }
  }
  if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return r.integer(node, path);
  }
  r.fail(node, path, "'" + v + "' is not a " + what);
}

cycle::Period read_period(const Reader& r, const Node& node, const std::string& path) {
  const std::string v = r.scalar(node, path);
  for (cycle::Period p : {cycle::Period::day, cycle::Period::week, cycle::Period::month, cycle::Period::year}) {
    if (v == cycle::period_name(p)) return p;
  }
  r.fail(node, path, "unknown period '" + v + "' (known: week, month, year)");
}

cycle::Recurrence read_recurrence(const Reader& r, const Node& node, const std::string& path) {
  using cycle::Recurrence;
  using cycle::RecurrenceKind;
  const auto J = &Reader::join;
  if (node.is_scalar()) {
    const std::string v = node.value;
    if (v == "business_day") return Recurrence::business_day();
    if (v == "ad_hoc") return Recurrence::ad_hoc();
    if (v == "follow_up") return Recurrence::follow_up();
    if (v == "month") return Recurrence::monthly_any_time();
    r.fail(node, path, "unknown recurrence '" + v + "' (as a single word: business_day, month, ad_hoc, follow_up; "
                       "else a map such as {every: week, on: Monday})");
  }
  r.keys(node, path, {"every", "on", "day", "in", "at_least", "per", "distinct"});
  if (const Node* n = given(node, "at_least")) {
    if (given(node, "every")) r.fail(*n, J(path, "at_least"), "give 'every' or 'at_least', not both");
    Recurrence rec = Recurrence::at_least(r.integer(*n, J(path, "at_least")), cycle::Period::year);
    const Node* per = given(node, "per");
    if (!per) r.fail(node, path, "missing 'per' (week, month or year)");
    rec.per = read_period(r, *per, J(path, "per"));
    rec.distinct = optional_scalar(r, node, path, "distinct");
    for (const char* k : {"on", "day", "in"}) {
      if (const Node* x = given(node, k)) r.fail(*x, J(path, k), std::string("'") + k + "' does not apply to at_least");
    }
    return rec;
  }
  const Node* every = given(node, "every");
  if (!every) r.fail(node, path, "missing 'every' (business_day, week, month, year) or 'at_least'");
  const std::string e = r.scalar(*every, J(path, "every"));
  auto only = [&](std::initializer_list<const char*> allowed) {
    for (const char* k : {"on", "day", "in", "per", "distinct"}) {
      const Node* x = given(node, k);
      if (x && std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return std::string(a) == k; })) {
        r.fail(*x, J(path, k), std::string("'") + k + "' does not apply to every " + e);
      }
    }
  };
  if (e == "business_day") {
    only({});
    return Recurrence::business_day();
  }
  if (e == "week") {
    only({"on"});
    const Node* on = given(node, "on");
    if (!on) r.fail(node, path, "missing 'on' (a weekday: Monday … Sunday)");
    return Recurrence::weekly(read_named_number(r, *on, J(path, "on"), kWeekdayNames, 7, 0, "weekday"));
  }
  if (e == "month") {
    only({"on", "day"});
    const Node* on = given(node, "on");
    const Node* day = given(node, "day");
    if (on && day) r.fail(*on, J(path, "on"), "give 'on: last_business_day' or 'day', not both");
    if (on) {
      if (r.scalar(*on, J(path, "on")) != "last_business_day") {
        r.fail(*on, J(path, "on"), "expected 'last_business_day' (or give 'day: 1-31')");
      }
      return Recurrence::monthly_last_business_day();
    }
    if (day) return Recurrence::monthly_on(r.integer(*day, J(path, "day")));
    return Recurrence::monthly_any_time();
  }
  if (e == "year") {
    only({"in"});
    const Node* in = given(node, "in");
    if (!in) r.fail(node, path, "missing 'in' (a month: January … December)");
    return Recurrence::yearly(read_named_number(r, *in, J(path, "in"), kMonthNames, 12, 1, "month"));
  }
  r.fail(*every, J(path, "every"), "unknown period '" + e + "' (known: business_day, week, month, year)");
}

cycle::Scope read_scope(const Reader& r, const Node& node, const std::string& path) {
  cycle::Scope s;
  auto kind_of = [&](const Node& n, const std::string& p) {
    const std::string v = r.scalar(n, p);
    for (cycle::ScopeKind k : {cycle::ScopeKind::centre, cycle::ScopeKind::unit, cycle::ScopeKind::role,
                               cycle::ScopeKind::staff}) {
      if (v == cycle::scope_kind_name(k)) return k;
    }
    r.fail(n, p, "unknown scope '" + v + "' (known: centre, unit, role, staff)");
  };
  if (node.is_scalar()) {
    s.kind = kind_of(node, path);
    return s;
  }
  r.keys(node, path, {"per", "ids", "under"});
  const Node* per = given(node, "per");
  if (!per) r.fail(node, path, "missing 'per' (centre, unit, role or staff)");
  s.kind = kind_of(*per, Reader::join(path, "per"));
  s.ids = scalars(r, given(node, "ids"), Reader::join(path, "ids"));
  s.under = optional_scalar(r, node, path, "under");
  return s;
}

// rectification: {on: [overdue, missed], deadline: 5 business days, severity: normal, unit: cs_centre}
cycle::Rectification read_cycle_rectification(const Reader& r, const Node& node, const std::string& path) {
  r.keys(node, path, {"on", "deadline", "severity", "unit"});
  const auto J = &Reader::join;
  cycle::Rectification x;
  const Node& on = required(r, node, path, "on");
  auto state = [&](const Node& n, const std::string& p) {
    const std::string v = r.scalar(n, p);
    for (cycle::State s : {cycle::State::done, cycle::State::done_late, cycle::State::insufficient,
                           cycle::State::due, cycle::State::overdue, cycle::State::missed}) {
      if (v == cycle::state_name(s)) return s;
    }
    r.fail(n, p, "unknown state '" + v + "' (a notice is raised for overdue, missed, insufficient or done_late)");
  };
  if (on.is_scalar()) {
    x.on.push_back(state(on, Reader::index(J(path, "on"), 0)));
  } else {
    each(r, &on, J(path, "on"), [&](const Node& n, const std::string& p) { x.on.push_back(state(n, p)); });
  }
  x.deadline = read_deadline(r, required(r, node, path, "deadline"), J(path, "deadline"));
  x.severity = optional_scalar(r, node, path, "severity");
  x.unit = optional_scalar(r, node, path, "unit");
  return x;
}

cycle::CycleSpec read_cycle(const Reader& r, const Node& node, const std::string& path, const std::string& id) {
  const auto J = &Reader::join;
  r.keys(node, path, {"title", "source", "owner", "calendar", "recurrence", "due", "scope", "evidence",
                      "follow_ups", "since", "rectification"});
  cycle::CycleSpec spec;
  spec.id = id;
  spec.title = optional_text(r, node, path, "title");
  spec.source = optional_scalar(r, node, path, "source");
  spec.owner = optional_scalar(r, node, path, "owner");
  spec.calendar = r.id(required(r, node, path, "calendar"), J(path, "calendar"));
  spec.recurrence = read_recurrence(r, required(r, node, path, "recurrence"), J(path, "recurrence"));
  if (const Node* v = given(node, "due")) spec.due = read_deadline(r, *v, J(path, "due"));
  if (const Node* v = given(node, "scope")) spec.scope = read_scope(r, *v, J(path, "scope"));
  each(r, given(node, "evidence"), J(path, "evidence"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"count", "distinct", "document", "at_least", "label"});
    cycle::Evidence e;
    int kinds = 0;
    for (auto [key, kind] : {std::pair{"count", cycle::EvidenceKind::count},
                             std::pair{"distinct", cycle::EvidenceKind::distinct},
                             std::pair{"document", cycle::EvidenceKind::document}}) {
      if (const Node* v = given(n, key)) {
        ++kinds;
        e.kind = kind;
        e.field = r.scalar(*v, J(p, key));
      }
    }
    if (kinds != 1) r.fail(n, p, "give exactly one of count, distinct, document (naming the record's field)");
    if (const Node* v = given(n, "at_least")) {
      if (e.kind == cycle::EvidenceKind::document) r.fail(*v, J(p, "at_least"), "a document has no count");
      e.at_least = r.integer(*v, J(p, "at_least"));
    } else if (e.kind != cycle::EvidenceKind::document) {
      r.fail(n, p, "missing 'at_least'");
    }
    e.label = optional_text(r, n, p, "label");
    spec.evidence.push_back(std::move(e));
  });
  each(r, given(node, "follow_ups"), J(path, "follow_ups"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"cycle", "within"});
    cycle::FollowUp f;
    f.cycle = r.id(required(r, n, p, "cycle"), J(p, "cycle"));
    f.within = read_deadline(r, required(r, n, p, "within"), J(p, "within"));
    spec.follow_ups.push_back(std::move(f));
  });
  if (const Node* v = given(node, "since")) spec.since = r.date(*v, J(path, "since"));
  if (const Node* v = given(node, "rectification")) spec.rectification = read_cycle_rectification(r, *v, J(path, "rectification"));
  return spec;
}

cycle::Cycle finish_cycle(const Reader& r, cycle::CycleSpec spec, const Node& section, const std::string& path,
                          const std::map<std::string, calendar::BusinessCalendar>& calendars,
                          const org::Organization& organization) {
  std::vector<cycle::CycleProblem> problems = cycle::validate(spec, calendars, organization);
  if (!problems.empty()) report_problems(r, section, path, std::move(problems));
  return cycle::Cycle(std::move(spec), calendars, organization);
}

// ---- surveys and the appraisal scheme -------------------------------------------------------

// A whole number of respondents or customers (a tier's population may exceed an int).
long long read_whole(const Reader& r, const Node& node, const std::string& path) {
  const std::string v = r.scalar(node, path);
  if (v.empty() || v.size() > 15 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    r.fail(node, path, "expected a whole number, found '" + v + "'");
  }
  return std::stoll(v);
}

// timeliness | {id: repair_quality, label: {zh: 维修质量, en: Repair quality}}. A common item of
// R-26 may be named alone and brings its label; given as a map without a label, it brings it too.
cycle::Dimension read_dimension(const Reader& r, const Node& node, const std::string& path) {
  const std::vector<cycle::Dimension> common = cycle::common_dimensions();
  auto common_of = [&](const std::string& id) -> const cycle::Dimension* {
    for (const auto& d : common) {
      if (d.id == id) return &d;
    }
    return nullptr;
  };
  if (node.is_scalar()) {
    if (const cycle::Dimension* d = common_of(node.value)) return *d;
    std::string known;
    for (const auto& d : common) known += (known.empty() ? "" : ", ") + d.id;
    r.fail(node, path, "'" + node.value + "' is not a common item (" + known +
                           "); give {id: …, label: …} for an item of your own");
  }
  r.keys(node, path, {"id", "label"});
  cycle::Dimension d;
  // Ids are checked by cycle::validate with every other problem of the survey.
  d.id = r.scalar(required(r, node, path, "id"), Reader::join(path, "id"));
  d.label = optional_text(r, node, path, "label");
  if (d.label == LocalizedText{}) {
    if (const cycle::Dimension* c = common_of(d.id)) d.label = c->label;
  }
  return d;
}

cycle::SurveySpec read_survey(const Reader& r, const Node& node, const std::string& path) {
  const auto J = &Reader::join;
  r.keys(node, path, {"id", "title", "dimensions", "scale", "tiers"});
  cycle::SurveySpec spec;
  spec.id = r.scalar(required(r, node, path, "id"), J(path, "id"));
  spec.title = optional_text(r, node, path, "title");
  each(r, given(node, "dimensions"), J(path, "dimensions"), [&](const Node& n, const std::string& p) {
    spec.dimensions.push_back(read_dimension(r, n, p));
  });
  if (const Node* v = given(node, "scale")) {
    const std::string p = J(path, "scale");
    r.keys(*v, p, {"lowest", "highest", "satisfied_at"});
    if (const Node* x = given(*v, "lowest")) spec.scale.lowest = read_number(r, *x, J(p, "lowest"));
    if (const Node* x = given(*v, "highest")) spec.scale.highest = read_number(r, *x, J(p, "highest"));
    if (const Node* x = given(*v, "satisfied_at")) spec.scale.satisfied_at = read_number(r, *x, J(p, "satisfied_at"));
  }
  each(r, given(node, "tiers"), J(path, "tiers"), [&](const Node& n, const std::string& p) {
    r.keys(n, p, {"id", "label", "weight", "share", "minimum", "population"});
    cycle::Tier t;
    t.id = r.scalar(required(r, n, p, "id"), J(p, "id"));
    t.label = optional_text(r, n, p, "label");
    if (const Node* v = given(n, "weight")) t.weight = read_number(r, *v, J(p, "weight"));
    if (const Node* v = given(n, "share")) t.share = read_number(r, *v, J(p, "share"));
    if (const Node* v = given(n, "minimum")) t.minimum = read_whole(r, *v, J(p, "minimum"));
    if (const Node* v = given(n, "population")) t.population = read_whole(r, *v, J(p, "population"));
    spec.tiers.push_back(std::move(t));
  });
  return spec;
}

// Every survey of the list, validated together: every problem of every survey (and a survey id
// given twice) in one error, each at its place.
std::vector<cycle::SurveyDesign> read_surveys(const Reader& r, const Node& root, const Node& list) {
  if (!list.is_sequence()) r.fail(list, "surveys", "expected a list of surveys, each with an 'id'");
  std::vector<cycle::SurveySpec> specs;
  std::vector<cycle::SurveyProblem> problems;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const std::string path = Reader::index("surveys", i);
    specs.push_back(read_survey(r, list.items[i], path));
    for (auto& p : cycle::validate(specs.back())) {
      problems.push_back({Reader::join(path, p.path), std::move(p.message)});
    }
    for (size_t j = 0; j < i; ++j) {
      if (specs[j].id == specs[i].id) {
        problems.push_back({Reader::join(path, "id"), "survey '" + specs[i].id + "' is listed twice (first as " +
                                                          Reader::index("surveys", j) + ")"});
        break;
      }
    }
  }
  // Paths are from the top of the file ("surveys[1].tiers[0].share").
  if (!problems.empty()) report_problems(r, root, "", std::move(problems));
  std::vector<cycle::SurveyDesign> out;
  for (auto& spec : specs) out.emplace_back(std::move(spec));
  return out;
}

// weights: {customer: 0.4, peer: 0.3, supervisor: 0.3}; grades: [{id, label, at_least}, …];
// missing: not_graded | reweight. Left out: the defaults of org::AppraisalSpec.
org::AppraisalScheme read_appraisal(const Reader& r, const Node& node, const std::string& path) {
  const auto J = &Reader::join;
  r.keys(node, path, {"weights", "grades", "missing"});
  org::AppraisalSpec spec;
  if (const Node* w = given(node, "weights")) {
    // All three or none: a weight left out would silently keep its default and break the sum.
    const std::string p = J(path, "weights");
    r.keys(*w, p, {"customer", "peer", "supervisor"});
    spec.weights.customer = read_number(r, required(r, *w, p, "customer"), J(p, "customer"));
    spec.weights.peer = read_number(r, required(r, *w, p, "peer"), J(p, "peer"));
    spec.weights.supervisor = read_number(r, required(r, *w, p, "supervisor"), J(p, "supervisor"));
  }
  if (const Node* g = given(node, "grades")) {
    spec.grades.clear();
    each(r, g, J(path, "grades"), [&](const Node& n, const std::string& p) {
      r.keys(n, p, {"id", "label", "at_least"});
      org::Grade grade;
      grade.id = r.scalar(required(r, n, p, "id"), J(p, "id"));
      grade.label = optional_text(r, n, p, "label");
      grade.at_least = read_number(r, required(r, n, p, "at_least"), J(p, "at_least"));
      spec.grades.push_back(std::move(grade));
    });
  }
  if (const Node* m = given(node, "missing")) {
    const std::string v = r.scalar(*m, J(path, "missing"));
    if (v == org::missing_policy_name(org::MissingPolicy::not_graded)) {
      spec.missing = org::MissingPolicy::not_graded;
    } else if (v == org::missing_policy_name(org::MissingPolicy::reweight)) {
      spec.missing = org::MissingPolicy::reweight;
    } else {
      r.fail(*m, J(path, "missing"), "'" + v + "' is not a missing-data policy (not_graded or reweight)");
    }
  }
  std::vector<org::AppraisalProblem> problems = org::validate(spec);
  if (!problems.empty()) report_problems(r, node, path, std::move(problems));
  return org::AppraisalScheme(std::move(spec));
}

// A charter whose standards or cycles raise rectification notices (`raiser`, the first entry)
// must have a `rectification` workflow that can open them: said at load, not at the first notice.
void check_notice_workflow(const Reader& r, const Node& root, const std::map<std::string, workflow::Definition>& workflows,
                           const Node& raiser, const std::string& raiser_path) {
  const auto found = workflows.find("rectification");
  if (found == workflows.end()) {
    r.fail(raiser, raiser_path,
           "raises rectification notices, which open cases of a 'rectification' workflow, and the charter has "
           "none (docs/charter-file.md)");
  }
  const std::vector<std::string> problems = workflow::notice_workflow_problems(found->second);
  if (problems.empty()) return;
  std::string why = "cannot open the rectification notices " + raiser_path + " raises: it";
  for (std::size_t i = 0; i < problems.size(); ++i) why += (i ? "; it " : " ") + problems[i];
  r.fail(*root.get("workflows")->get("rectification"), "workflows.rectification", why);
}

}  // namespace

Charter parse_charter(std::string_view text, std::string_view source_view) {
  const std::string source(source_view);
  if (text.size() > kMaxCharterFileBytes) {
    throw CharterFileError(source, 1, 1, "", "file is larger than " + std::to_string(kMaxCharterFileBytes) + " bytes");
  }
  Node root;
  try {
    root = yaml::parse(text);
  } catch (const yaml::SyntaxError& e) {
    throw CharterFileError(source, e.line, e.column, "", e.message);
  }
  const Reader r(source);
  if (!root.is_map()) r.fail(root, "", "a charter file is a map with 'charter: 1' at the top");
  r.keys(root, "", {"charter", "name", "calendars", "organization", "workflows", "standards", "cycles", "surveys",
                    "appraisal"});
  const Node* version_node = root.get("charter");
  if (!version_node) r.fail(root, "", "missing 'charter: 1' (the format version)");
  const int version = r.integer(*version_node, "charter");
  if (version != 1) {
    r.fail(*version_node, "charter", "format version " + std::to_string(version) + " is not supported (this build reads 1)");
  }
  const Node* name = root.get("name");
  const LocalizedText charter_name = name ? r.text(*name, "name") : LocalizedText{};
  std::map<std::string, calendar::BusinessCalendar> calendars;
  std::uint64_t intervals = 0;  // of the calendars read so far
  if (const Node* cals = root.get("calendars")) {
    if (!cals->is_map()) r.fail(*cals, "calendars", "expected a map of calendar id to calendar");
    for (const auto& [k, v] : cals->entries) {
      const std::string id = r.id(k, "calendars");
      calendars.emplace(id, read_calendar(r, v, Reader::join("calendars", id), id, intervals));
    }
  }
  org::Organization organization;
  if (const Node* o = root.get("organization")) {
    organization = finish_organization(r, read_organization(r, *o, "organization"), *o, "organization");
  }
  // Workflows refer to calendars and roles, so they are read last, wherever they are in the file.
  std::map<std::string, workflow::Definition> workflows;
  if (const Node* wfs = root.get("workflows"); wfs && !wfs->is_null()) {
    if (!wfs->is_map()) r.fail(*wfs, "workflows", "expected a map of workflow id to workflow");
    for (const auto& [k, v] : wfs->entries) {
      const std::string id = r.id(k, "workflows");
      const std::string path = Reader::join("workflows", id);
      workflows.emplace(id, finish_workflow(r, read_workflow(r, v, path, id), v, path, calendars, organization));
    }
  }
  // The first `rectification` entry of a standard or cycle: the notices it raises open cases of
  // the `rectification` workflow, checked once everything is read.
  const Node* raiser = nullptr;
  std::string raiser_path;
  const auto note_raiser = [&](const Node& entry, const std::string& path) {
    const Node* rectification = entry.is_map() ? entry.get("rectification") : nullptr;
    if (!raiser && rectification && !rectification->is_null()) {
      raiser = rectification;
      raiser_path = Reader::join(path, "rectification");
    }
  };
  std::vector<standard::Standard> standards;
  if (const Node* sts = root.get("standards"); sts && !sts->is_null()) {
    if (!sts->is_map()) r.fail(*sts, "standards", "expected a map of standard id to standard");
    for (const auto& [k, v] : sts->entries) {
      const std::string id = r.id(k, "standards");
      const std::string path = Reader::join("standards", id);
      standards.push_back(finish_standard(r, read_standard(r, v, path, id), v, path, calendars, organization));
      note_raiser(v, path);
    }
  }
  std::vector<cycle::Cycle> cycles;
  if (const Node* cys = root.get("cycles"); cys && !cys->is_null()) {
    if (!cys->is_map()) r.fail(*cys, "cycles", "expected a map of cycle id to cycle");
    for (const auto& [k, v] : cys->entries) {
      const std::string id = r.id(k, "cycles");
      const std::string path = Reader::join("cycles", id);
      cycles.push_back(finish_cycle(r, read_cycle(r, v, path, id), v, path, calendars, organization));
      note_raiser(v, path);
    }
    // Follow-ups name other cycles, so they are checked once every cycle is read.
    std::vector<cycle::ReferenceProblem> refs = cycle::validate_references(cycles);
    if (!refs.empty()) {
      std::vector<cycle::CycleProblem> placed;
      for (auto& p : refs) placed.push_back({Reader::join(p.cycle, p.path), std::move(p.message)});
      report_problems(r, *cys, "cycles", std::move(placed));
    }
  }
  if (raiser) check_notice_workflow(r, root, workflows, *raiser, raiser_path);
  std::vector<cycle::SurveyDesign> surveys;
  if (const Node* svs = given(root, "surveys")) surveys = read_surveys(r, root, *svs);
  std::optional<org::AppraisalScheme> appraisal;
  if (const Node* a = given(root, "appraisal")) appraisal = read_appraisal(r, *a, "appraisal");
  return Charter(charter_name, std::move(calendars), std::move(organization), std::move(workflows),
                 std::move(standards), std::move(cycles), std::move(surveys), std::move(appraisal));
}

Charter load_charter(const std::string& path) {
  std::string text;
  try {
    text = read_file(path, kMaxCharterFileBytes);
  } catch (const CorruptFileError& e) {
    throw CharterFileError(path, 1, 1, "", e.what());
  }
  return parse_charter(text, path);
}

}  // namespace charter::io
