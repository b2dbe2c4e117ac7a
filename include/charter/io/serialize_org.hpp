#pragma once
// Boost.Serialization of organisations and charters, with the same discipline as
// serialize_calendar.hpp: primitives only, every count and length bounded before allocation,
// versioned by the envelope's schema_version.
//
// Charter payload versions (the envelope's schema_version for PayloadType::charter):
//   1  name, calendars, organisation
//   2  the same, then the workflows (count, then serialize_workflow.hpp's layout for each)
//   3  the same, then the standards in the charter's order (count, then
//      serialize_standard.hpp's layout for each)
//   4  the same, with each unit's `since` date in the organisation (organisation layout 2),
//      then the cycles in the charter's order (count, then serialize_cycle.hpp's layout)
//   5  the same, then the survey designs in the charter's order (count, then
//      serialize_survey.hpp's survey layout for each), then whether there is an appraisal scheme
//      (a flag) and, if so, serialize_survey.hpp's appraisal layout
//   6  the same, with each standard and each cycle in layout 2: their rectification entries
// This build writes 6 (2 for the charter a saved case or tracker embeds, 6 for the one saved
// findings embed; findings payload version 1 embedded 3) and reads 1 to 6; a version-1 charter
// has no workflows, versions 1 and 2 no standards, versions 1 to 3 no cycles, versions 1 to 4 no
// survey designs and no appraisal scheme, versions 1 to 5 no rectification entries (a charter
// with one cannot be written in them). Units' `since` dates exist from version 4 (organisation
// layout 2) on: the older layouts that cases, trackers and findings embed leave them out, since
// nothing those hold depends on them; a charter with cycles, survey designs or an appraisal
// scheme cannot be written in them.
//
// Organisation payload versions (PayloadType::organization): 1 units, roles, staff, grants;
// 2 the same with each unit's `since` date. This build writes 2 and reads 1 and 2.

#include <cstdint>
#include <string>

#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_cycle.hpp"
#include "charter/io/serialize_standard.hpp"
#include "charter/io/serialize_survey.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"

namespace charter::io {

inline constexpr std::uint32_t kOrganizationSchema = 2;
/// The oldest organisation payload this build still reads.
inline constexpr std::uint32_t kOldestOrganizationSchema = 1;
inline constexpr std::uint32_t kCharterSchema = 6;
/// The oldest charter payload this build still reads.
inline constexpr std::uint32_t kOldestCharterSchema = 1;

/// Bounds on what an archive may claim (far above any real service centre).
inline constexpr std::uint32_t kMaxUnits = 100000;
inline constexpr std::uint32_t kMaxRoles = 100000;
inline constexpr std::uint32_t kMaxDutiesPerRole = 10000;
inline constexpr std::uint32_t kMaxCoversPerDuty = 10000;
inline constexpr std::uint32_t kMaxStaff = 2000000;
inline constexpr std::uint32_t kMaxRolesPerStaff = 1000;
inline constexpr std::uint32_t kMaxGrants = 2000000;
inline constexpr std::uint32_t kMaxCalendars = 1000;
/// Open intervals the calendars of one charter payload may hold together (calendar::
/// count_intervals summed over them): the bound of a single calendar, about 44 MB of index. Each
/// calendar is bounded alone (calendar::kMaxCalendarIntervals), but a payload may hold
/// kMaxCalendars of them, and a calendar near that bound takes a few hundred bytes to describe and
/// about 40 MB to build: 60 of them, a 45 KB file, took 2.4 GB and 3.6 s to load, and 1000 would
/// have needed 39 GB. A charter, and the one a case, tracker or findings embed, is checked on
/// save too (SerializationError), so whatever saves also loads. The built-in charter's two
/// calendars hold 1,843.
inline constexpr std::uint64_t kMaxCharterCalendarIntervals = calendar::kMaxCharterCalendarIntervals;
inline constexpr std::uint32_t kMaxSurveys = 1000;

namespace serial {

template <class Ar>
void put_optional_date(Ar& ar, const char* name, const std::optional<boost::gregorian::date>& d) {
  put_u32(ar, "has_date", d ? 1 : 0);
  if (d) put_date(ar, name, *d);
}
template <class Ar>
std::optional<boost::gregorian::date> get_optional_date(Ar& ar, const char* name) {
  const std::uint32_t has = get_u32(ar, "has_date");
  if (has > 1) throw CorruptFileError("field 'has_date' is neither 0 nor 1");
  if (!has) return std::nullopt;
  return get_date(ar, name);
}

}  // namespace serial

template <class Ar>
void save_org(Ar& ar, const org::OrganizationSpec& spec, std::uint32_t schema = kOrganizationSchema) {
  using namespace serial;
  put_count(ar, "units", spec.units.size());
  for (const auto& u : spec.units) {
    put_string(ar, "id", u.id);
    put_text(ar, u.name);
    put_string(ar, "parent", u.parent);
    if (schema >= 2) put_optional_date(ar, "since", u.since);
  }
  put_count(ar, "roles", spec.roles.size());
  for (const auto& r : spec.roles) {
    put_string(ar, "id", r.id);
    put_text(ar, r.name);
    put_string(ar, "reports_to", r.reports_to);
    put_i64(ar, "headcount", r.headcount ? *r.headcount : -1);
    put_count(ar, "duties", r.duties.size());
    for (const auto& d : r.duties) {
      put_string(ar, "id", d.id);
      put_text(ar, d.text);
      put_count(ar, "covers", d.covers.size());
      for (const auto& c : d.covers) {
        put_u32(ar, "kind", static_cast<std::uint32_t>(c.subject.kind));
        put_string(ar, "subject", c.subject.id);
        put_u32(ar, "raci", static_cast<std::uint32_t>(c.raci));
      }
    }
  }
  put_count(ar, "staff", spec.staff.size());
  for (const auto& s : spec.staff) {
    put_string(ar, "id", s.id);
    put_string(ar, "name", s.name);
    put_string(ar, "phone", s.phone);
    put_count(ar, "roles", s.roles.size());
    for (const auto& r : s.roles) put_string(ar, "role", r);
    put_string(ar, "unit", s.unit);
    put_optional_date(ar, "from", s.active.from);
    put_optional_date(ar, "until", s.active.until);
  }
  put_count(ar, "grants", spec.grants.size());
  for (const auto& g : spec.grants) {
    put_string(ar, "role", g.role);
    put_string(ar, "action", g.action);
    put_u32(ar, "allow", g.allow ? 1 : 0);
    put_string(ar, "reason", g.reason);
  }
}

template <class Ar>
org::OrganizationSpec load_org(Ar& ar, std::uint32_t schema = kOrganizationSchema) {
  using namespace serial;
  org::OrganizationSpec spec;
  // Entries are appended as they are read, never allocated up front from a claimed count: a
  // forged count then fails at the end of the payload instead of reserving gigabytes first.
  for (std::uint32_t i = 0, n = get_count(ar, "units", kMaxUnits); i < n; ++i) {
    org::Unit u;
    u.id = get_string(ar, "id");
    u.name = get_text(ar);
    u.parent = get_string(ar, "parent");
    if (schema >= 2) u.since = get_optional_date(ar, "since");
    spec.units.push_back(std::move(u));
  }
  for (std::uint32_t i = 0, n = get_count(ar, "roles", kMaxRoles); i < n; ++i) {
    org::Role& r = spec.roles.emplace_back();
    r.id = get_string(ar, "id");
    r.name = get_text(ar);
    r.reports_to = get_string(ar, "reports_to");
    const std::int64_t headcount = get_i64(ar, "headcount");
    if (headcount < -1 || headcount > 1000000000) throw CorruptFileError("headcount out of range");
    if (headcount >= 0) r.headcount = static_cast<int>(headcount);
    for (std::uint32_t j = 0, nd = get_count(ar, "duties", kMaxDutiesPerRole); j < nd; ++j) {
      org::Duty& d = r.duties.emplace_back();
      d.id = get_string(ar, "id");
      d.text = get_text(ar);
      for (std::uint32_t k = 0, nc = get_count(ar, "covers", kMaxCoversPerDuty); k < nc; ++k) {
        org::Responsibility& c = d.covers.emplace_back();
        const std::uint32_t kind = get_u32(ar, "kind");
        if (kind > 2) throw CorruptFileError("unknown subject kind " + std::to_string(kind));
        c.subject.kind = static_cast<org::SubjectKind>(kind);
        c.subject.id = get_string(ar, "subject");
        const std::uint32_t raci = get_u32(ar, "raci");
        if (raci > 3) throw CorruptFileError("unknown RACI value " + std::to_string(raci));
        c.raci = static_cast<org::Raci>(raci);
      }
    }
  }
  for (std::uint32_t i = 0, n = get_count(ar, "staff", kMaxStaff); i < n; ++i) {
    org::Staff& s = spec.staff.emplace_back();
    s.id = get_string(ar, "id");
    s.name = get_string(ar, "name");
    s.phone = get_string(ar, "phone");
    for (std::uint32_t j = 0, nr = get_count(ar, "roles", kMaxRolesPerStaff); j < nr; ++j) {
      s.roles.push_back(get_string(ar, "role"));
    }
    s.unit = get_string(ar, "unit");
    s.active.from = get_optional_date(ar, "from");
    s.active.until = get_optional_date(ar, "until");
  }
  for (std::uint32_t i = 0, n = get_count(ar, "grants", kMaxGrants); i < n; ++i) {
    org::Grant& g = spec.grants.emplace_back();
    g.role = get_string(ar, "role");
    g.action = get_string(ar, "action");
    const std::uint32_t allow = get_u32(ar, "allow");
    if (allow > 1) throw CorruptFileError("field 'allow' is neither 0 nor 1");
    g.allow = allow == 1;
    g.reason = get_string(ar, "reason");
  }
  return spec;
}

/// Writes a charter in the layout of payload version `schema` (2 to 6). Version 2 cannot hold
/// standards, versions 2 and 3 no cycles, versions 2 to 4 no survey designs and no appraisal
/// scheme, versions 2 to 5 no rectification entries: SerializationError for a charter that has
/// some.
template <class Ar>
void save_charter(Ar& ar, const Charter& c, std::uint32_t schema = kCharterSchema) {
  using namespace serial;
  if (schema < 3 && !c.standards().empty()) {
    throw SerializationError("charter payload version " + std::to_string(schema) + " cannot hold standards");
  }
  if (schema < 4 && !c.cycles().empty()) {
    throw SerializationError("charter payload version " + std::to_string(schema) + " cannot hold cycles");
  }
  if (schema < 5 && !c.surveys().empty()) {
    throw SerializationError("charter payload version " + std::to_string(schema) + " cannot hold survey designs");
  }
  if (schema < 5 && c.appraisal()) {
    throw SerializationError("charter payload version " + std::to_string(schema) + " cannot hold an appraisal scheme");
  }
  std::uint64_t intervals = 0;
  for (const auto& [id, cal] : c.calendars()) intervals += calendar::count_intervals(cal.spec());
  if (intervals > kMaxCharterCalendarIntervals) {
    throw SerializationError("the charter's calendars hold " + std::to_string(intervals) +
                             " open intervals together; at most " + std::to_string(kMaxCharterCalendarIntervals) +
                             " can be loaded, so it cannot be saved");
  }
  put_text(ar, c.name());
  put_count(ar, "calendars", c.calendars().size());
  for (const auto& [id, cal] : c.calendars()) {
    put_string(ar, "id", id);
    save_spec(ar, cal.spec());
  }
  save_org(ar, c.organization().spec(), schema >= 4 ? 2 : 1);
  put_count(ar, "workflows", c.workflows().size());
  for (const auto& [id, definition] : c.workflows()) save_workflow(ar, definition.spec());
  if (schema >= 3) {
    put_bounded_count(ar, "standards", c.standards().size(), kMaxStandards);
    for (const auto& s : c.standards()) save_standard(ar, s.spec(), schema >= 6 ? 2 : 1);
  }
  if (schema >= 4) {
    put_bounded_count(ar, "cycles", c.cycles().size(), kMaxCycles);
    for (const auto& cy : c.cycles()) save_cycle(ar, cy.spec(), schema >= 6 ? 2 : 1);
  }
  if (schema >= 5) {
    put_bounded_count(ar, "surveys", c.surveys().size(), kMaxSurveys);
    for (const auto& sv : c.surveys()) save_survey(ar, sv.spec());
    put_flag(ar, "has_appraisal", c.appraisal().has_value());
    if (c.appraisal()) save_appraisal(ar, c.appraisal()->spec());
  }
}

/// The parts of a charter as read; the caller validates them by building the Charter.
struct CharterParts {
  LocalizedText name;
  std::vector<std::pair<std::string, calendar::CalendarSpec>> calendars;
  org::OrganizationSpec organization;
  std::vector<workflow::DefinitionSpec> workflows;  ///< none in a version-1 payload
  std::vector<standard::StandardSpec> standards;    ///< none before version 3
  std::vector<cycle::CycleSpec> cycles;             ///< none before version 4
  std::vector<cycle::SurveySpec> surveys;           ///< none before version 5
  std::optional<org::AppraisalSpec> appraisal;      ///< none before version 5
};

/// Reads a charter payload of version `schema` (kOldestCharterSchema … kCharterSchema; the
/// caller checks the range).
template <class Ar>
CharterParts load_charter_parts(Ar& ar, std::uint32_t schema) {
  using namespace serial;
  CharterParts p;
  p.name = get_text(ar);
  const std::uint32_t n = get_count(ar, "calendars", kMaxCalendars);
  // Counted from the specs as they are read, before any calendar is built (the caller builds
  // them): what the indexes would hold together, whatever the number of calendars.
  std::uint64_t intervals = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string id = get_string(ar, "id");
    calendar::CalendarSpec spec = load_spec(ar, kCalendarSchema);
    intervals += calendar::count_intervals(spec);
    if (intervals > kMaxCharterCalendarIntervals) {
      throw CorruptFileError("the calendars up to '" + id + "' hold " + std::to_string(intervals) +
                             " open intervals together; at most " + std::to_string(kMaxCharterCalendarIntervals) +
                             " are possible in one charter");
    }
    p.calendars.emplace_back(std::move(id), std::move(spec));
  }
  p.organization = load_org(ar, schema >= 4 ? 2 : 1);
  if (schema >= 2) {
    for (std::uint32_t i = 0, nw = get_count(ar, "workflows", kMaxWorkflows); i < nw; ++i) {
      p.workflows.push_back(load_workflow(ar));
    }
  }
  if (schema >= 3) {
    for (std::uint32_t i = 0, ns = get_count(ar, "standards", kMaxStandards); i < ns; ++i) {
      p.standards.push_back(load_standard(ar, schema >= 6 ? 2 : 1));
    }
  }
  if (schema >= 4) {
    for (std::uint32_t i = 0, nc = get_count(ar, "cycles", kMaxCycles); i < nc; ++i) {
      p.cycles.push_back(load_cycle(ar, schema >= 6 ? 2 : 1));
    }
  }
  if (schema >= 5) {
    for (std::uint32_t i = 0, ns = get_count(ar, "surveys", kMaxSurveys); i < ns; ++i) {
      p.surveys.push_back(load_survey(ar));
    }
    if (get_flag(ar, "has_appraisal")) p.appraisal = load_appraisal(ar);
  }
  return p;
}

}  // namespace charter::io
