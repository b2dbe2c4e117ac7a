#pragma once
// ZoneRules: an IANA time zone from the system's zoneinfo (through cctz), converting between
// UTC and local wall time in int64 microseconds. Private to the library: cctz stays out of the
// public headers so consumers need not find it.

#include <memory>
#include <string>
#include <vector>

#include <cctz/time_zone.h>

#include "charter/detail/instant.hpp"

namespace charter::detail {

class ZoneRules {
 public:
  /// Loads a zone by IANA name; throws CalendarError for an unknown name.
  static std::shared_ptr<const ZoneRules> load(const std::string& name);

  /// What a local wall time means in this zone.
  struct LocalLookup {
    enum Kind { unique, skipped, repeated } kind;
    Micros earlier;     ///< the first (or only) UTC instant; for `skipped`, the transition
    Micros later;       ///< the second occurrence for `repeated`; else equal to `earlier`
  };

  Micros utc_to_local(Micros utc) const;
  LocalLookup lookup_local(Micros local) const;
  /// UTC offset at an instant, in seconds.
  long offset_at(Micros utc) const;
  /// A change of UTC offset (abbreviation-only changes are left out).
  struct Transition {
    Micros at;     ///< UTC instant of the change
    long before;   ///< offset in seconds just before
    long after;    ///< offset in seconds from `at` on
  };
  /// The offset changes in (from, to], in order.
  std::vector<Transition> transitions_between(Micros from, Micros to) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  cctz::time_zone tz_;
};

}  // namespace charter::detail
