#include "charter/io/charter_file.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"

namespace charter::io {
namespace {

using calendar::CalendarSpec;
using calendar::DayHours;

// Reads one YAML document into charter types, failing at the first malformed node with its
// position and path. Organisation problems are collected instead (see finish_organization).
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const std::string& why) const {
    const YAML::Mark m = node.Mark();
    throw CharterFileError(source_, m.line + 1, m.column + 1, path, why);
  }

  /// Fails unless `node` is a map whose keys are all in `allowed`.
  void keys(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!node.IsMap()) fail(node, path, "expected a map");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = scalar(it->first, path);
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* k) { return key == k; })) {
        std::string known;
        for (const char* k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
        fail(it->first, join(path, key), "unknown key '" + key + "' (known here: " + known + ")");
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& path) const {
    if (!node.IsScalar()) fail(node, path, "expected a single value");
    return node.Scalar();
  }

  std::string id(const YAML::Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (!org::is_valid_id(v)) {
      fail(node, path, "'" + v + "' is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)");
    }
    return v;
  }

  int integer(const YAML::Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(node, path, "expected a whole number, found '" + v + "'");
    }
    return std::stoi(v);
  }

  bool boolean(const YAML::Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    if (v == "true") return true;
    if (v == "false") return false;
    fail(node, path, "expected true or false, found '" + v + "'");
  }

  boost::gregorian::date date(const YAML::Node& node, const std::string& path) const {
    const std::string v = scalar(node, path);
    try {
      return calendar::parse_date(v);
    } catch (const ParseError& e) {
      fail(node, path, e.what());
    }
  }

  LocalizedText text(const YAML::Node& node, const std::string& path) const {
    if (node.IsScalar()) return LocalizedText{"", node.Scalar()};
    keys(node, path, {"zh", "en"});
    LocalizedText t;
    if (node["zh"]) t.zh = scalar(node["zh"], join(path, "zh"));
    if (node["en"]) t.en = scalar(node["en"], join(path, "en"));
    return t;
  }

  /// ["09:00-12:00", "13:30-18:30"]
  DayHours hours(const YAML::Node& node, const std::string& path) const {
    if (!node.IsSequence()) fail(node, path, "expected a list of intervals such as [\"09:00-12:00\"]");
    std::vector<std::pair<std::string, std::string>> pairs;
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string p = index(path, i);
      std::string v = scalar(node[i], p);
      // Accept an en dash as well as a hyphen between the times.
      for (const std::string dash : {std::string("\xE2\x80\x93"), std::string(" - ")}) {
        for (size_t at; (at = v.find(dash)) != std::string::npos;) v.replace(at, dash.size(), "-");
      }
      const auto minus = v.find('-');
      if (minus == std::string::npos) fail(node[i], p, "expected an interval \"HH:MM-HH:MM\", found '" + v + "'");
      pairs.emplace_back(v.substr(0, minus), v.substr(minus + 1));
    }
    try {
      return calendar::parse_day_hours(pairs);
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

calendar::BusinessCalendar read_calendar(const Reader& r, const YAML::Node& node, const std::string& path,
                                         const std::string& id) {
  if (node.IsMap() && node["builtin"]) {
    r.keys(node, path, {"builtin", "hours", "zone", "name"});
    const std::string which = r.scalar(node["builtin"], Reader::join(path, "builtin"));
    if (which != "china")
      r.fail(node["builtin"], Reader::join(path, "builtin"), "unknown built-in calendar '" + which + "' (known: china)");
    const DayHours hours = node["hours"] ? r.hours(node["hours"], Reader::join(path, "hours"))
                                         : calendar::default_china_hours();
    const std::string zone = node["zone"] ? r.scalar(node["zone"], Reader::join(path, "zone")) : "Asia/Shanghai";
    CalendarSpec spec = calendar::china_spec(hours, zone);
    if (node["name"]) spec.name = r.text(node["name"], Reader::join(path, "name")).both();
    try {
      return calendar::BusinessCalendar(std::move(spec));
    } catch (const Error& e) {
      r.fail(node, path, e.what());
    }
  }
  r.keys(node, path, {"name", "zone", "week", "holidays", "extra_workdays", "special_hours", "first_day", "last_day"});
  CalendarSpec spec;
  spec.name = node["name"] ? r.text(node["name"], Reader::join(path, "name")).both() : id;
  if (node["zone"]) spec.zone = r.scalar(node["zone"], Reader::join(path, "zone"));
  if (const YAML::Node week = node["week"]) {
    const std::string wpath = Reader::join(path, "week");
    if (!week.IsMap()) r.fail(week, wpath, "expected a map of weekday to intervals");
    std::set<int> given;
    for (auto it = week.begin(); it != week.end(); ++it) {
      const std::string key = r.scalar(it->first, wpath);
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
          r.fail(it->first, kpath, "'" + key + "' is not a weekday (mon … sun, weekdays, daily)");
        }
      }
      const DayHours hours = r.hours(it->second, kpath);
      for (int d : days) {
        if (!given.insert(d).second) {
          r.fail(it->first, kpath, std::string(calendar::kWeekdayNames[static_cast<size_t>(d)]) + " is given twice");
        }
        spec.week.days[static_cast<size_t>(d)] = hours;
      }
    }
  }
  if (const YAML::Node hol = node["holidays"]) {
    const std::string hpath = Reader::join(path, "holidays");
    if (!hol.IsMap()) r.fail(hol, hpath, "expected a map of date to name");
    for (auto it = hol.begin(); it != hol.end(); ++it) {
      const auto d = r.date(it->first, hpath);
      const std::string kpath = Reader::join(hpath, calendar::format_date(d));
      if (spec.holidays.count(d)) r.fail(it->first, kpath, "date listed twice");
      spec.holidays[d] = r.text(it->second, kpath).both();
    }
  }
  if (const YAML::Node extra = node["extra_workdays"]) {
    const std::string epath = Reader::join(path, "extra_workdays");
    if (extra.IsSequence()) {
      for (size_t i = 0; i < extra.size(); ++i) {
        const auto d = r.date(extra[i], Reader::index(epath, i));
        if (spec.extra_workdays.count(d)) r.fail(extra[i], Reader::index(epath, i), "date listed twice");
        spec.extra_workdays[d] = calendar::ExtraWorkday{};
      }
    } else if (extra.IsMap()) {
      for (auto it = extra.begin(); it != extra.end(); ++it) {
        const auto d = r.date(it->first, epath);
        const std::string kpath = Reader::join(epath, calendar::format_date(d));
        if (spec.extra_workdays.count(d)) r.fail(it->first, kpath, "date listed twice");
        calendar::ExtraWorkday w;
        if (!it->second.IsNull()) w.hours = r.hours(it->second, kpath);
        spec.extra_workdays[d] = std::move(w);
      }
    } else {
      r.fail(extra, epath, "expected a list of dates or a map of date to intervals");
    }
  }
  if (const YAML::Node special = node["special_hours"]) {
    const std::string spath = Reader::join(path, "special_hours");
    if (!special.IsMap()) r.fail(special, spath, "expected a map of date to intervals");
    for (auto it = special.begin(); it != special.end(); ++it) {
      const auto d = r.date(it->first, spath);
      const std::string kpath = Reader::join(spath, calendar::format_date(d));
      if (spec.special_hours.count(d)) r.fail(it->first, kpath, "date listed twice");
      spec.special_hours[d] = r.hours(it->second, kpath);
    }
  }
  if (node["first_day"]) spec.first_day = r.date(node["first_day"], Reader::join(path, "first_day"));
  if (node["last_day"]) spec.last_day = r.date(node["last_day"], Reader::join(path, "last_day"));
  try {
    return calendar::BusinessCalendar(std::move(spec));
  } catch (const Error& e) {
    r.fail(node, path, e.what());
  }
}

// ---- organisation ---------------------------------------------------------------------------

// Remembers where each path came from, so that problems found by org::validate (which knows
// paths, not positions) can be reported at their node.
struct Marks {
  std::map<std::string, YAML::Mark> at;
  void put(const std::string& path, const YAML::Node& node) { at.emplace(path, node.Mark()); }
  // The mark of the longest recorded prefix of `path` (problems may name a deeper field).
  YAML::Mark find(std::string path) const {
    while (true) {
      if (auto it = at.find(path); it != at.end()) return it->second;
      const auto cut = path.find_last_of(".[");
      if (cut == std::string::npos) return YAML::Mark();
      path.resize(cut);
    }
  }
};

template <class F>
void each(const Reader& r, const YAML::Node& node, const std::string& path, Marks& marks, F&& f) {
  if (!node) return;
  if (!node.IsSequence()) r.fail(node, path, "expected a list");
  for (size_t i = 0; i < node.size(); ++i) {
    marks.put(Reader::index(path, i), node[i]);
    f(node[i], Reader::index(path, i));
  }
}

org::OrganizationSpec read_organization(const Reader& r, const YAML::Node& node, const std::string& path, Marks& marks) {
  r.keys(node, path, {"units", "roles", "staff", "grants"});
  org::OrganizationSpec spec;
  auto field = [&](const YAML::Node& n, const std::string& p, const char* key) {
    const std::string fp = Reader::join(p, key);
    if (n[key]) marks.put(fp, n[key]);
    return std::make_pair(n[key], fp);
  };
  each(r, node["units"], Reader::join(path, "units"), marks, [&](const YAML::Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "parent"});
    org::Unit u;
    auto [id, idp] = field(n, p, "id");
    if (!id) r.fail(n, p, "missing 'id'");
    u.id = r.id(id, idp);
    if (auto [v, vp] = field(n, p, "name"); v) u.name = r.text(v, vp);
    if (auto [v, vp] = field(n, p, "parent"); v) u.parent = r.scalar(v, vp);
    spec.units.push_back(std::move(u));
  });
  each(r, node["roles"], Reader::join(path, "roles"), marks, [&](const YAML::Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "reports_to", "headcount", "duties"});
    org::Role role;
    auto [id, idp] = field(n, p, "id");
    if (!id) r.fail(n, p, "missing 'id'");
    role.id = r.id(id, idp);
    if (auto [v, vp] = field(n, p, "name"); v) role.name = r.text(v, vp);
    if (auto [v, vp] = field(n, p, "reports_to"); v && !v.IsNull()) role.reports_to = r.scalar(v, vp);
    if (auto [v, vp] = field(n, p, "headcount"); v) role.headcount = r.integer(v, vp);
    each(r, n["duties"], Reader::join(p, "duties"), marks, [&](const YAML::Node& dn, const std::string& dp) {
      r.keys(dn, dp, {"id", "text", "covers"});
      org::Duty duty;
      auto [did, didp] = field(dn, dp, "id");
      if (!did) r.fail(dn, dp, "missing 'id'");
      duty.id = r.id(did, didp);
      if (auto [v, vp] = field(dn, dp, "text"); v) duty.text = r.text(v, vp);
      each(r, dn["covers"], Reader::join(dp, "covers"), marks, [&](const YAML::Node& cn, const std::string& cp) {
        r.keys(cn, cp, {"action", "standard", "cycle", "raci"});
        const int kinds = (cn["action"] ? 1 : 0) + (cn["standard"] ? 1 : 0) + (cn["cycle"] ? 1 : 0);
        if (kinds != 1) r.fail(cn, cp, "give exactly one of 'action', 'standard' or 'cycle'");
        org::Responsibility resp;
        const char* key = cn["action"] ? "action" : cn["standard"] ? "standard" : "cycle";
        resp.subject.kind = cn["action"] ? org::SubjectKind::action
                            : cn["standard"] ? org::SubjectKind::standard
                                             : org::SubjectKind::cycle;
        resp.subject.id = r.id(cn[key], Reader::join(cp, key));
        if (!cn["raci"]) r.fail(cn, cp, "missing 'raci' (R, A, C or I)");
        try {
          resp.raci = org::parse_raci(r.scalar(cn["raci"], Reader::join(cp, "raci")));
        } catch (const ParseError& e) {
          r.fail(cn["raci"], Reader::join(cp, "raci"), e.what());
        }
        duty.covers.push_back(std::move(resp));
      });
      role.duties.push_back(std::move(duty));
    });
    spec.roles.push_back(std::move(role));
  });
  each(r, node["staff"], Reader::join(path, "staff"), marks, [&](const YAML::Node& n, const std::string& p) {
    r.keys(n, p, {"id", "name", "phone", "roles", "unit", "active"});
    org::Staff s;
    auto [id, idp] = field(n, p, "id");
    if (!id) r.fail(n, p, "missing 'id'");
    s.id = r.id(id, idp);
    // Personal data: read, never echoed in an error.
    if (n["name"]) s.name = r.scalar(n["name"], Reader::join(p, "name"));
    if (n["phone"]) s.phone = r.scalar(n["phone"], Reader::join(p, "phone"));
    each(r, n["roles"], Reader::join(p, "roles"), marks, [&](const YAML::Node& rn, const std::string& rp) {
      s.roles.push_back(r.scalar(rn, rp));
    });
    if (auto [v, vp] = field(n, p, "unit"); v) s.unit = r.scalar(v, vp);
    if (auto [v, vp] = field(n, p, "active"); v) {
      r.keys(v, vp, {"from", "until"});
      if (v["from"]) s.active.from = r.date(v["from"], Reader::join(vp, "from"));
      if (v["until"]) s.active.until = r.date(v["until"], Reader::join(vp, "until"));
    }
    spec.staff.push_back(std::move(s));
  });
  each(r, node["grants"], Reader::join(path, "grants"), marks, [&](const YAML::Node& n, const std::string& p) {
    r.keys(n, p, {"role", "action", "allow", "reason"});
    org::Grant g;
    for (const char* key : {"role", "action", "allow"}) {
      if (!n[key]) r.fail(n, p, std::string("missing '") + key + "'");
    }
    g.role = r.scalar(field(n, p, "role").first, Reader::join(p, "role"));
    g.action = r.scalar(field(n, p, "action").first, Reader::join(p, "action"));
    g.allow = r.boolean(n["allow"], Reader::join(p, "allow"));
    if (n["reason"]) g.reason = r.scalar(n["reason"], Reader::join(p, "reason"));
    spec.grants.push_back(std::move(g));
  });
  return spec;
}

org::Organization finish_organization(const Reader& r, org::OrganizationSpec spec, const std::string& path,
                                      const Marks& marks) {
  std::vector<org::Problem> problems = org::validate(spec);
  if (problems.empty()) return org::Organization(std::move(spec));
  // One error listing every problem, compiler style: the first gives the error's position and
  // path, the others follow on their own lines with theirs.
  std::string rest;
  int line = 0, column = 0;
  std::string first_path, first_message;
  for (const auto& p : problems) {
    const std::string full = Reader::join(path, p.path);
    const YAML::Mark m = marks.find(full);
    if (first_path.empty()) {
      line = m.line + 1;
      column = m.column + 1;
      first_path = full;
      first_message = p.message;
      continue;
    }
    rest += "\n" + r.source() + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) +
            ": " + full + ": " + p.message;
  }
  throw CharterFileError(r.source(), line, column, first_path, first_message + rest);
}

}  // namespace

Charter parse_charter(std::string_view text, std::string_view source_view) {
  const std::string source(source_view);
  if (text.size() > kMaxCharterFileBytes) {
    throw CharterFileError(source, 1, 1, "", "file is larger than " + std::to_string(kMaxCharterFileBytes) + " bytes");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw CharterFileError(source, e.mark.line + 1, e.mark.column + 1, "", e.msg);
  } catch (const YAML::Exception& e) {
    throw CharterFileError(source, 1, 1, "", std::string("not valid YAML: ") + e.what());
  }
  const Reader r(source);
  if (!root.IsMap()) r.fail(root, "", "a charter file is a map with 'charter: 1' at the top");
  r.keys(root, "", {"charter", "name", "calendars", "organization"});
  if (!root["charter"]) r.fail(root, "", "missing 'charter: 1' (the format version)");
  const int version = r.integer(root["charter"], "charter");
  if (version != 1) r.fail(root["charter"], "charter", "format version " + std::to_string(version) + " is not supported (this build reads 1)");

  const LocalizedText name = root["name"] ? r.text(root["name"], "name") : LocalizedText{};
  std::map<std::string, calendar::BusinessCalendar> calendars;
  if (const YAML::Node cals = root["calendars"]) {
    if (!cals.IsMap()) r.fail(cals, "calendars", "expected a map of calendar id to calendar");
    for (auto it = cals.begin(); it != cals.end(); ++it) {
      const std::string id = r.id(it->first, "calendars");
      const std::string path = Reader::join("calendars", id);
      if (calendars.count(id)) r.fail(it->first, path, "calendar '" + id + "' is defined twice");
      calendars.emplace(id, read_calendar(r, it->second, path, id));
    }
  }
  org::Organization organization;
  if (const YAML::Node o = root["organization"]) {
    Marks marks;
    org::OrganizationSpec spec = read_organization(r, o, "organization", marks);
    organization = finish_organization(r, std::move(spec), "organization", marks);
  }
  return Charter(name, std::move(calendars), std::move(organization));
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
