#pragma once
// Role and Duty: who answers for what.
//
// A role sits in the reporting lines (reports_to another role, or at the top), may have a fixed
// headcount (the manager ×1), and carries duties. A duty is a sentence of the rulebook (in
// Chinese and English) plus the responsibilities it creates; its id is unique across the whole
// organisation so findings and decisions can cite it.
//
// Example:
//   Role manager{"cs_manager", {"客户服务经理", "Customer-service manager"}, "deputy_leader", 1,
//                {Duty{"cs_manager.complaints", {"监督客户投诉处理", "Supervises complaint handling"},
//                      {{{SubjectKind::action, "complaint.escalate"}, Raci::accountable}}}}};

#include <optional>
#include <string>
#include <vector>

#include "charter/localized_text.hpp"
#include "charter/org/raci.hpp"

namespace charter::org {

struct Duty {
  std::string id;                      ///< unique across all roles, e.g. "cs_manager.complaints"
  LocalizedText text;                  ///< the rule as written, zh beside en
  std::vector<Responsibility> covers;  ///< what the duty makes the role answer for

  friend bool operator==(const Duty& a, const Duty& b) {
    return a.id == b.id && a.text == b.text && a.covers == b.covers;
  }
  friend bool operator!=(const Duty& a, const Duty& b) { return !(a == b); }
};

struct Role {
  std::string id;
  LocalizedText name;
  std::string reports_to;          ///< id of the role above; empty at the top
  std::optional<int> headcount;    ///< at most this many staff at once, when fixed
  std::vector<Duty> duties;

  friend bool operator==(const Role& a, const Role& b) {
    return a.id == b.id && a.name == b.name && a.reports_to == b.reports_to &&
           a.headcount == b.headcount && a.duties == b.duties;
  }
  friend bool operator!=(const Role& a, const Role& b) { return !(a == b); }
};

}  // namespace charter::org
