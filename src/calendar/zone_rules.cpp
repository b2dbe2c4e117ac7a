#include "zone_rules.hpp"

#include <chrono>

#include "charter/calendar/calendar_spec.hpp"
#include "charter/error.hpp"

namespace charter::detail {
namespace {

using seconds_point = cctz::time_point<cctz::seconds>;

seconds_point to_point(Micros utc) {
  // Floor division: instants before 1970 have negative microseconds.
  Micros s = utc / kMicrosPerSecond;
  if (utc % kMicrosPerSecond < 0) --s;
  return seconds_point(cctz::seconds(s));
}

Micros sub_second(Micros us) {
  Micros r = us % kMicrosPerSecond;
  return r < 0 ? r + kMicrosPerSecond : r;
}

Micros floor_seconds(Micros us) { return (us - sub_second(us)) / kMicrosPerSecond; }

Micros from_point(const seconds_point& p) {
  return static_cast<Micros>(p.time_since_epoch().count()) * kMicrosPerSecond;
}

// Local wall time in microseconds since 1970-01-01 00:00 (as if it were UTC) ↔ civil_second.
cctz::civil_second to_civil(Micros local) {
  return cctz::civil_second(1970, 1, 1, 0, 0, 0) + floor_seconds(local);
}

Micros from_civil(const cctz::civil_second& cs) {
  return (cs - cctz::civil_second(1970, 1, 1, 0, 0, 0)) * kMicrosPerSecond;
}

}  // namespace

std::shared_ptr<const ZoneRules> ZoneRules::load(const std::string& name) {
  auto rules = std::make_shared<ZoneRules>();
  // cctz opens "file:<path>" names and reads the host's zone for "libc:…": only a plain tz
  // database name may reach it.
  if (!calendar::is_tz_database_name(name) || !cctz::load_time_zone(name, &rules->tz_)) {
    throw CalendarError("unknown time zone '" + name +
                        "' (expected an IANA name such as Asia/Shanghai, UTC or Europe/Berlin)");
  }
  rules->name_ = name;
  return rules;
}

Micros ZoneRules::utc_to_local(Micros utc) const {
  const auto al = tz_.lookup(to_point(utc));
  return from_civil(al.cs) + sub_second(utc);
}

ZoneRules::LocalLookup ZoneRules::lookup_local(Micros local) const {
  const auto cl = tz_.lookup(to_civil(local));
  const Micros frac = sub_second(local);
  switch (cl.kind) {
    case cctz::time_zone::civil_lookup::SKIPPED:
      return {LocalLookup::skipped, from_point(cl.trans), from_point(cl.trans)};
    case cctz::time_zone::civil_lookup::REPEATED:
      return {LocalLookup::repeated, from_point(cl.pre) + frac, from_point(cl.post) + frac};
    case cctz::time_zone::civil_lookup::UNIQUE:
    default:
      return {LocalLookup::unique, from_point(cl.pre) + frac, from_point(cl.pre) + frac};
  }
}

long ZoneRules::offset_at(Micros utc) const {
  return static_cast<long>(tz_.lookup(to_point(utc)).offset);
}

std::vector<ZoneRules::Transition> ZoneRules::transitions_between(Micros from, Micros to) const {
  std::vector<Transition> out;
  cctz::time_zone::civil_transition trans;
  seconds_point tp = to_point(from);
  while (tz_.next_transition(tp, &trans)) {
    const seconds_point at = tz_.lookup(trans.to).trans;
    if (from_point(at) > to || at <= tp) break;
    const long before = static_cast<long>(tz_.lookup(at - cctz::seconds(1)).offset);
    const long after = static_cast<long>(tz_.lookup(at).offset);
    if (before != after) out.push_back({from_point(at), before, after});
    tp = at;
  }
  return out;
}

}  // namespace charter::detail
