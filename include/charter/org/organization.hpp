#pragma once
// Organization: units, roles, staff and grants, validated as a whole, with the questions
// applications ask of them.
//
// Meaning:
//   - Permissions follow from responsibilities: a role may perform an action when one of its
//     duties makes it responsible (R) or accountable (A) for it, or a grant allows it; a denying
//     grant wins over both. A staff member may when they are active on the date asked about and
//     one of their roles may, unless any of their roles is denied.
//   - escalation_chain(role) is the reporting line above a role, nearest first, to the top.
//   - Building an Organization validates everything and reports every problem at once
//     (OrganizationError::problems), each with the path of the offending entry, e.g.
//     "roles[3].reports_to: unknown role 'qa_lead'".
//   - Immutable after construction; copies share the same data; safe across threads.
//
// Example:
//   Organization org(spec);
//   Decision d = org.may_role("qa_staff", "complaint.close");
//   if (!d.allowed) std::cout << d.reason;   // which duty or grant decided, or that none does

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/error.hpp"
#include "charter/org/grant.hpp"
#include "charter/org/raci.hpp"
#include "charter/org/role.hpp"
#include "charter/org/staff.hpp"
#include "charter/org/unit.hpp"

namespace charter::org {

/// Everything that defines an organisation, as plain data (what a charter file describes).
struct OrganizationSpec {
  std::vector<Unit> units;
  std::vector<Role> roles;
  std::vector<Staff> staff;
  std::vector<Grant> grants;

  friend bool operator==(const OrganizationSpec& a, const OrganizationSpec& b) {
    return a.units == b.units && a.roles == b.roles && a.staff == b.staff && a.grants == b.grants;
  }
  friend bool operator!=(const OrganizationSpec& a, const OrganizationSpec& b) { return !(a == b); }
};

/// One thing wrong with an organisation: where (a path such as "roles[3].reports_to") and why.
struct Problem {
  std::string path;
  std::string message;
};

/// An organisation that cannot be built; what() lists every problem, one per line.
class OrganizationError : public Error {
 public:
  explicit OrganizationError(std::vector<Problem> problems);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// The answer to "may X do Y", with the reason.
struct Decision {
  bool allowed = false;
  std::string reason;  ///< a sentence: which duty or grant decided, or that none does
  std::string source;  ///< "duty:<id>", "grant:<role>/<action>", "" when nothing applies
};

/// A responsibility as held: which role, through which duty, with which letter.
struct Holder {
  std::string role;
  std::string duty;
  Raci raci = Raci::responsible;
};

/// Returns every problem of a spec (empty when it is valid); Organization's constructor throws
/// OrganizationError with the same list.
std::vector<Problem> validate(const OrganizationSpec& spec);

class Organization {
 public:
  /// An empty organisation.
  Organization();
  /// Validates and indexes; throws OrganizationError listing every problem.
  explicit Organization(OrganizationSpec spec);

  const OrganizationSpec& spec() const;
  const std::vector<Role>& roles() const { return spec().roles; }
  const std::vector<Unit>& units() const { return spec().units; }
  const std::vector<Staff>& staff() const { return spec().staff; }
  const std::vector<Grant>& grants() const { return spec().grants; }

  /// Lookups by id; an unknown id throws charter::Error naming it.
  const Role& role(const std::string& id) const;
  const Unit& unit(const std::string& id) const;
  const Staff& staff_member(const std::string& id) const;
  const Duty& duty(const std::string& id) const;
  bool has_role(const std::string& id) const;
  bool has_staff(const std::string& id) const;

  /// The roles above `role`, nearest first, to the top of the reporting line.
  std::vector<Role> escalation_chain(const std::string& role) const;
  /// Every holder of a subject (all letters), in role order.
  std::vector<Holder> holders(const Subject& subject) const;
  /// Roles responsible (R) for an action.
  std::vector<Role> responsible_for(const std::string& action) const;
  /// The role accountable (A) for a subject, if any.
  std::optional<Role> accountable_for(const Subject& subject) const;
  /// The roles a staff member holds.
  std::vector<Role> roles_of(const std::string& staff) const;
  /// Staff holding `role`, in `unit` or any unit below it when given, active on `on` when given.
  std::vector<Staff> staff_in(const std::string& role, const std::string& unit = "",
                              std::optional<boost::gregorian::date> on = std::nullopt) const;

  /// May the role perform the action?
  Decision may_role(const std::string& role, const std::string& action) const;
  /// May the staff member perform the action (on a date, when given)?
  Decision may_staff(const std::string& staff, const std::string& action,
                     std::optional<boost::gregorian::date> on = std::nullopt) const;

  friend bool operator==(const Organization& a, const Organization& b) {
    return a.impl_ == b.impl_ || a.spec() == b.spec();
  }
  friend bool operator!=(const Organization& a, const Organization& b) { return !(a == b); }

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace charter::org
