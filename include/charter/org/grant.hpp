#pragma once
// Grant: an explicit permission or denial beside the duties.
//
// Duties already give a role the right to perform the actions it is responsible (R) or
// accountable (A) for. A grant with allow = true adds an action; allow = false takes one away
// and wins over every duty and allowing grant.

#include <string>

namespace charter::org {

struct Grant {
  std::string role;
  std::string action;
  bool allow = true;
  std::string reason;

  friend bool operator==(const Grant& a, const Grant& b) {
    return a.role == b.role && a.action == b.action && a.allow == b.allow && a.reason == b.reason;
  }
  friend bool operator!=(const Grant& a, const Grant& b) { return !(a == b); }
};

}  // namespace charter::org
