#pragma once
// Unit: a department, branch or team. Units form a tree through `parent`. A unit set up during
// the charter's life names the date it exists from (`since`), so that recurring obligations
// (charter::cycle) bind it only from then.

#include <optional>
#include <string>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/localized_text.hpp"

namespace charter::org {

struct Unit {
  std::string id;
  LocalizedText name;
  std::string parent;  ///< id of the enclosing unit; empty at the top
  std::optional<boost::gregorian::date> since;  ///< the first day it exists; none: always

  /// Whether the unit exists on `d`.
  bool exists_on(const boost::gregorian::date& d) const { return !since || *since <= d; }

  friend bool operator==(const Unit& a, const Unit& b) {
    return a.id == b.id && a.name == b.name && a.parent == b.parent && a.since == b.since;
  }
  friend bool operator!=(const Unit& a, const Unit& b) { return !(a == b); }
};

}  // namespace charter::org
