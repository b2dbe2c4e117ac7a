#include "charter/org/organization.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/problem_lines.hpp"

namespace charter::org {

namespace {

std::string at(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

std::string join_problems(const std::vector<Problem>& problems) {
  return std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") +
         " in the organisation:" + charter::detail::problem_lines(problems);
}

}  // namespace

OrganizationError::OrganizationError(std::vector<Problem> problems)
    : Error(join_problems(problems)), problems_(std::move(problems)) {}

// ---- validation ----------------------------------------------------------------------------

std::vector<Problem> validate(const OrganizationSpec& spec) {
  std::vector<Problem> out;
  auto problem = [&out](std::string path, std::string message) {
    out.push_back({std::move(path), std::move(message)});
  };

  std::unordered_map<std::string, size_t> units, roles, staff, duties;
  for (size_t i = 0; i < spec.units.size(); ++i) {
    const Unit& u = spec.units[i];
    if (!is_valid_id(u.id)) problem(at("units", i) + ".id", "'" + u.id + "' is not a valid id");
    if (!units.emplace(u.id, i).second) problem(at("units", i) + ".id", "duplicate unit id '" + u.id + "'");
  }
  for (size_t i = 0; i < spec.roles.size(); ++i) {
    const Role& r = spec.roles[i];
    if (!is_valid_id(r.id)) problem(at("roles", i) + ".id", "'" + r.id + "' is not a valid id");
    if (!roles.emplace(r.id, i).second) problem(at("roles", i) + ".id", "duplicate role id '" + r.id + "'");
  }
  for (size_t i = 0; i < spec.units.size(); ++i) {
    const Unit& u = spec.units[i];
    if (!u.parent.empty() && !units.count(u.parent)) {
      problem(at("units", i) + ".parent", "unknown unit '" + u.parent + "'");
    }
  }

  // Reporting lines: unknown roles, then cycles (each cycle reported once, at its first role).
  for (size_t i = 0; i < spec.roles.size(); ++i) {
    const Role& r = spec.roles[i];
    const std::string path = at("roles", i);
    if (!r.reports_to.empty() && !roles.count(r.reports_to)) {
      problem(path + ".reports_to", "role '" + r.id + "' reports to unknown role '" + r.reports_to + "'");
    }
    if (r.headcount && *r.headcount < 1) {
      problem(path + ".headcount", "headcount must be at least 1 (omit it for no limit)");
    }
    for (size_t d = 0; d < r.duties.size(); ++d) {
      const Duty& duty = r.duties[d];
      const std::string dpath = path + ".duties[" + std::to_string(d) + "]";
      if (!is_valid_id(duty.id)) problem(dpath + ".id", "'" + duty.id + "' is not a valid id");
      if (!duties.emplace(duty.id, i).second) problem(dpath + ".id", "duplicate duty id '" + duty.id + "'");
      for (size_t c = 0; c < duty.covers.size(); ++c) {
        if (!is_valid_id(duty.covers[c].subject.id)) {
          problem(dpath + ".covers[" + std::to_string(c) + "]",
                  "'" + duty.covers[c].subject.id + "' is not a valid id");
        }
      }
    }
  }
  // Cycles in a forest given as "id → parent id" (reporting lines, the unit tree); each cycle is
  // reported once, at the first entry met on it, with the ring spelled out.
  auto find_cycles = [&](const auto& items, auto parent_field, const auto& index, const char* list,
                         const char* field, const char* what) {
    const size_t n = items.size();
    std::vector<int> state(n, 0);  // 0 unvisited, 1 on the current path, 2 done
    for (size_t start = 0; start < n; ++start) {
      std::vector<size_t> path;
      for (size_t cur = start; state[cur] != 2;) {
        if (state[cur] == 1) {
          std::string ring;
          for (auto it = std::find(path.begin(), path.end(), cur); it != path.end(); ++it) {
            ring += items[*it].id + " → ";
          }
          problem(at(list, cur) + "." + field, std::string(what) + " form a cycle: " + ring + items[cur].id);
          break;
        }
        state[cur] = 1;
        path.push_back(cur);
        const auto next = index.find(items[cur].*parent_field);
        if (next == index.end()) break;
        cur = next->second;
      }
      for (size_t p : path) state[p] = 2;
    }
  };
  find_cycles(spec.roles, &Role::reports_to, roles, "roles", "reports_to", "reporting lines");
  find_cycles(spec.units, &Unit::parent, units, "units", "parent", "units");

  // Staff.
  for (size_t i = 0; i < spec.staff.size(); ++i) {
    const Staff& s = spec.staff[i];
    const std::string path = at("staff", i);
    if (!is_valid_id(s.id)) problem(path + ".id", "'" + s.id + "' is not a valid id");
    if (!staff.emplace(s.id, i).second) problem(path + ".id", "duplicate staff id '" + s.id + "'");
    if (roles.count(s.id)) {
      problem(path + ".id", "staff id '" + s.id + "' is also a role id (ids of staff and roles must differ)");
    }
    if (s.roles.empty()) problem(path + ".roles", "staff '" + s.id + "' holds no role");
    for (size_t r = 0; r < s.roles.size(); ++r) {
      if (!roles.count(s.roles[r])) {
        problem(path + ".roles[" + std::to_string(r) + "]", "unknown role '" + s.roles[r] + "'");
      }
    }
    if (!s.unit.empty() && !units.count(s.unit)) problem(path + ".unit", "unknown unit '" + s.unit + "'");
    if (s.active.from && s.active.until && *s.active.until < *s.active.from) {
      problem(path + ".active", "staff '" + s.id + "' is active until " +
                                    calendar::format_date(*s.active.until) + ", before " +
                                    calendar::format_date(*s.active.from));
    }
  }

  // Grants.
  for (size_t i = 0; i < spec.grants.size(); ++i) {
    const Grant& g = spec.grants[i];
    if (!roles.count(g.role)) problem(at("grants", i) + ".role", "unknown role '" + g.role + "'");
    if (!is_valid_id(g.action)) problem(at("grants", i) + ".action", "'" + g.action + "' is not a valid id");
  }

  // Responsibilities: one accountable role per subject; a responsible role for every action.
  struct Seen {
    std::vector<std::string> accountable;  // role ids
    bool responsible = false;
    std::string first_path;
  };
  std::map<Subject, Seen> subjects;
  for (size_t i = 0; i < spec.roles.size(); ++i) {
    const Role& r = spec.roles[i];
    for (size_t d = 0; d < r.duties.size(); ++d) {
      for (size_t c = 0; c < r.duties[d].covers.size(); ++c) {
        const Responsibility& resp = r.duties[d].covers[c];
        Seen& seen = subjects[resp.subject];
        if (seen.first_path.empty()) {
          seen.first_path = at("roles", i) + ".duties[" + std::to_string(d) + "].covers[" +
                            std::to_string(c) + "]";
        }
        if (resp.raci == Raci::responsible) seen.responsible = true;
        if (resp.raci == Raci::accountable &&
            std::find(seen.accountable.begin(), seen.accountable.end(), r.id) == seen.accountable.end()) {
          seen.accountable.push_back(r.id);
        }
      }
    }
  }
  for (size_t i = 0; i < spec.grants.size(); ++i) {
    Seen& seen = subjects[Subject{SubjectKind::action, spec.grants[i].action}];
    if (seen.first_path.empty()) seen.first_path = at("grants", i);
  }
  for (const auto& [subject, seen] : subjects) {
    if (seen.accountable.size() > 1) {
      std::string who;
      for (const auto& r : seen.accountable) who += (who.empty() ? "" : ", ") + r;
      problem(seen.first_path, subject.text() + " has " + std::to_string(seen.accountable.size()) +
                                   " accountable roles (" + who + "); exactly one may be");
    }
    if (subject.kind == SubjectKind::action && !seen.responsible) {
      problem(seen.first_path, subject.text() + " has no responsible (R) role");
    }
  }

  // Headcount: the most staff holding a role on any one day must not exceed it.
  std::unordered_map<std::string, std::vector<const Staff*>> holders;
  for (const Staff& s : spec.staff) {
    for (const auto& r : s.roles) holders[r].push_back(&s);
  }
  for (size_t i = 0; i < spec.roles.size(); ++i) {
    const Role& r = spec.roles[i];
    if (!r.headcount || *r.headcount < 1) continue;
    auto it = holders.find(r.id);
    if (it == holders.end() || static_cast<int>(it->second.size()) <= *r.headcount) continue;
    // Sweep the periods: +1 at from, −1 the day after until.
    std::vector<std::pair<boost::gregorian::date, int>> events;
    const boost::gregorian::date lo(1400, 1, 1), hi(9999, 12, 31);
    for (const Staff* s : it->second) {
      events.emplace_back(s->active.from.value_or(lo), +1);
      if (s->active.until && *s->active.until < hi) {
        events.emplace_back(*s->active.until + boost::gregorian::days(1), -1);
      }
    }
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
      return a.first < b.first || (a.first == b.first && a.second < b.second);
    });
    int now = 0, most = 0;
    for (const auto& e : events) most = std::max(most, now += e.second);
    if (most > *r.headcount) {
      problem(at("roles", i) + ".headcount",
              "role '" + r.id + "' has a headcount of " + std::to_string(*r.headcount) + " but " +
                  std::to_string(most) + " staff hold it at the same time");
    }
  }
  return out;
}

// ---- the index -----------------------------------------------------------------------------

struct Organization::Impl {
  OrganizationSpec spec;
  std::unordered_map<std::string, size_t> roles, units, staff;
  std::unordered_map<std::string, std::pair<size_t, size_t>> duties;  // role index, duty index
  std::map<Subject, std::vector<Holder>> holders;
  std::map<std::pair<std::string, std::string>, const Grant*> grants;  // (role, action)
};

Organization::Organization() : Organization(OrganizationSpec{}) {}

Organization::Organization(OrganizationSpec spec) {
  std::vector<Problem> problems = validate(spec);
  if (!problems.empty()) throw OrganizationError(std::move(problems));
  auto impl = std::make_shared<Impl>();
  impl->spec = std::move(spec);
  const OrganizationSpec& s = impl->spec;
  for (size_t i = 0; i < s.roles.size(); ++i) {
    impl->roles.emplace(s.roles[i].id, i);
    for (size_t d = 0; d < s.roles[i].duties.size(); ++d) {
      const Duty& duty = s.roles[i].duties[d];
      impl->duties.emplace(duty.id, std::make_pair(i, d));
      for (const Responsibility& r : duty.covers) {
        impl->holders[r.subject].push_back({s.roles[i].id, duty.id, r.raci});
      }
    }
  }
  for (size_t i = 0; i < s.units.size(); ++i) impl->units.emplace(s.units[i].id, i);
  for (size_t i = 0; i < s.staff.size(); ++i) impl->staff.emplace(s.staff[i].id, i);
  // One grant per (role, action) decides; a denial wins over any allowing grant beside it.
  for (const Grant& g : s.grants) {
    const Grant*& slot = impl->grants[{g.role, g.action}];
    if (!slot || (slot->allow && !g.allow)) slot = &g;
  }
  impl_ = std::move(impl);
}

const OrganizationSpec& Organization::spec() const { return impl_->spec; }

namespace {
template <class Map>
const typename Map::mapped_type& find_or_throw(const Map& m, const std::string& id, const char* what) {
  auto it = m.find(id);
  if (it == m.end()) throw UnknownIdError(std::string("unknown ") + what + " '" + id + "'");
  return it->second;
}
}  // namespace

const Role& Organization::role(const std::string& id) const {
  return impl_->spec.roles[find_or_throw(impl_->roles, id, "role")];
}
const Unit& Organization::unit(const std::string& id) const {
  return impl_->spec.units[find_or_throw(impl_->units, id, "unit")];
}
const Staff& Organization::staff_member(const std::string& id) const {
  return impl_->spec.staff[find_or_throw(impl_->staff, id, "staff member")];
}
const Duty& Organization::duty(const std::string& id) const {
  const auto [r, d] = find_or_throw(impl_->duties, id, "duty");
  return impl_->spec.roles[r].duties[d];
}
bool Organization::has_role(const std::string& id) const { return impl_->roles.count(id) > 0; }
bool Organization::has_staff(const std::string& id) const { return impl_->staff.count(id) > 0; }

std::vector<Role> Organization::escalation_chain(const std::string& id) const {
  std::vector<Role> chain;
  const Role* r = &role(id);
  // Validation guarantees the line ends at the top.
  while (!r->reports_to.empty()) {
    r = &role(r->reports_to);
    chain.push_back(*r);
  }
  return chain;
}

std::vector<Holder> Organization::holders(const Subject& subject) const {
  auto it = impl_->holders.find(subject);
  return it == impl_->holders.end() ? std::vector<Holder>{} : it->second;
}

std::vector<Role> Organization::responsible_for(const std::string& action) const {
  std::vector<Role> out;
  for (const Holder& h : holders({SubjectKind::action, action})) {
    if (h.raci == Raci::responsible &&
        std::none_of(out.begin(), out.end(), [&](const Role& r) { return r.id == h.role; })) {
      out.push_back(role(h.role));
    }
  }
  return out;
}

std::optional<Role> Organization::accountable_for(const Subject& subject) const {
  for (const Holder& h : holders(subject)) {
    if (h.raci == Raci::accountable) return role(h.role);
  }
  return std::nullopt;
}

std::vector<Role> Organization::roles_of(const std::string& id) const {
  std::vector<Role> out;
  for (const auto& r : staff_member(id).roles) out.push_back(role(r));
  return out;
}

std::vector<Staff> Organization::staff_in(const std::string& role_id, const std::string& unit_id,
                                          std::optional<boost::gregorian::date> on) const {
  role(role_id);  // unknown ids are errors, not empty answers
  if (!unit_id.empty()) unit(unit_id);
  auto within = [&](const std::string& u) {
    // Is unit u the asked unit or below it? Parent chains are acyclic (validated).
    for (std::string cur = u; !cur.empty(); cur = unit(cur).parent) {
      if (cur == unit_id) return true;
    }
    return false;
  };
  std::vector<Staff> out;
  for (const Staff& s : impl_->spec.staff) {
    if (std::find(s.roles.begin(), s.roles.end(), role_id) == s.roles.end()) continue;
    if (!unit_id.empty() && (s.unit.empty() || !within(s.unit))) continue;
    if (on && !s.active.contains(*on)) continue;
    out.push_back(s);
  }
  return out;
}

Decision Organization::may_role(const std::string& role_id, const std::string& action) const {
  const Role& r = role(role_id);
  if (auto g = impl_->grants.find({role_id, action}); g != impl_->grants.end() && !g->second->allow) {
    return {false,
            "role '" + role_id + "' is denied " + action + " by an explicit grant" +
                (g->second->reason.empty() ? "" : " (" + g->second->reason + ")"),
            "grant:" + role_id + "/" + action};
  }
  for (const Duty& d : r.duties) {
    for (const Responsibility& resp : d.covers) {
      if (resp.subject.kind == SubjectKind::action && resp.subject.id == action &&
          (resp.raci == Raci::responsible || resp.raci == Raci::accountable)) {
        return {true,
                "duty '" + d.id + "' makes role '" + role_id + "' " +
                    (resp.raci == Raci::responsible ? "responsible" : "accountable") + " for " +
                    action,
                "duty:" + d.id};
      }
    }
  }
  if (auto g = impl_->grants.find({role_id, action}); g != impl_->grants.end()) {
    return {true,
            "role '" + role_id + "' is granted " + action +
                (g->second->reason.empty() ? "" : " (" + g->second->reason + ")"),
            "grant:" + role_id + "/" + action};
  }
  return {false, "no duty or grant of role '" + role_id + "' covers " + action, ""};
}

Decision Organization::may_staff(const std::string& staff_id, const std::string& action,
                                 std::optional<boost::gregorian::date> on) const {
  const Staff& s = staff_member(staff_id);
  if (on && !s.active.contains(*on)) {
    return {false, "staff '" + staff_id + "' is not active on " + calendar::format_date(*on), ""};
  }
  std::optional<Decision> allowed;
  std::vector<std::string> tried;
  for (const auto& r : s.roles) {
    Decision d = may_role(r, action);
    if (!d.allowed && !d.source.empty()) {  // an explicit denial wins
      d.reason = "staff '" + staff_id + "': " + d.reason;
      return d;
    }
    if (d.allowed && !allowed) allowed = d;
    tried.push_back(r);
  }
  if (allowed) {
    allowed->reason = "staff '" + staff_id + "': " + allowed->reason;
    return *allowed;
  }
  std::string roles;
  for (const auto& r : tried) roles += (roles.empty() ? "" : ", ") + r;
  return {false, "staff '" + staff_id + "': no duty or grant of their roles (" + roles + ") covers " + action, ""};
}

}  // namespace charter::org
