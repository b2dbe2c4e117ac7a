#pragma once
// Responsibility: what a duty makes a role answer for, with a RACI letter.
//
// A subject is a workflow action ("complaint.escalate"), a measurable standard (by rule id,
// "R-05") or a recurring cycle (by id, "R-23"). For each subject exactly one role may be
// accountable; every action that anyone is accountable, consulted, informed or granted for must
// also have a responsible role.

#include <string>
#include <string_view>
#include <tuple>

namespace charter::org {

/// The RACI letter of a responsibility.
enum class Raci {
  responsible,  ///< R: does the work; may perform the action
  accountable,  ///< A: answers for the outcome; may perform the action; one per subject
  consulted,    ///< C: is asked before; no right to act
  informed,     ///< I: is told after; no right to act
};

/// What kind of thing a responsibility is about.
enum class SubjectKind {
  action,    ///< a workflow action, e.g. "complaint.escalate"
  standard,  ///< a service standard by rule id, e.g. "R-05"
  cycle,     ///< a recurring obligation by id, e.g. "R-23"
};

struct Subject {
  SubjectKind kind = SubjectKind::action;
  std::string id;

  /// "action complaint.escalate", "standard R-05", "cycle R-23".
  std::string text() const;
  friend bool operator==(const Subject& a, const Subject& b) {
    return a.kind == b.kind && a.id == b.id;
  }
  friend bool operator!=(const Subject& a, const Subject& b) { return !(a == b); }
  friend bool operator<(const Subject& a, const Subject& b) {
    return std::tie(a.kind, a.id) < std::tie(b.kind, b.id);
  }
};

struct Responsibility {
  Subject subject;
  Raci raci = Raci::responsible;

  friend bool operator==(const Responsibility& a, const Responsibility& b) {
    return a.subject == b.subject && a.raci == b.raci;
  }
  friend bool operator!=(const Responsibility& a, const Responsibility& b) { return !(a == b); }
};

/// 'R', 'A', 'C' or 'I'.
char raci_letter(Raci r);
/// Parses "R", "A", "C", "I" (or the full words); throws ParseError otherwise.
Raci parse_raci(std::string_view text);
/// "action", "standard", "cycle".
const char* subject_kind_name(SubjectKind k);

/// Ids are 1..64 characters of [A-Za-z0-9_.-], starting with a letter or digit.
bool is_valid_id(std::string_view id);

}  // namespace charter::org
