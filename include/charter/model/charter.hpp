#pragma once
// Charter: a service centre's whole rulebook, validated — its named calendars, its organisation,
// its workflows, its measurable service standards, its recurring cycles (inspections, reports,
// surveys), its survey designs (what a satisfaction questionnaire asks and of whom) and its staff
// appraisal scheme.
//
// A Charter is built from a charter file (docs/charter-file.md) or from parts, and is immutable
// once built: copies share the same data and it is safe to share between threads. "Changing" a
// charter (with_staff) gives a new one. Every workflow is a Definition and every standard a
// Standard, each validated against the charter's calendars and organisation. builtin() is the charter of the source documents
// (data/charter/builtin.yaml, compiled in); it names no staff (privacy).
//
// Survey designs and the appraisal scheme depend on nothing else in the charter (no calendar, no
// role), so they are validated on their own. A charter need not state an appraisal scheme:
// appraisal() is then empty (std::nullopt) rather than a default the centre never chose — the
// built-in charter has one.
//
// Example:
//   const charter::Charter c = charter::Charter::load("centre.yaml");
//   const auto& office = c.calendar("office");
//   auto decision = c.organization().may_role("qa_staff", "complaint.close");
//   const auto& complaint = c.workflow("complaint");   // workflow::Definition
//   const auto& r01 = c.standard("R-01");               // standard::Standard
//   const auto& annual = c.survey("R-25");              // cycle::SurveyDesign
//   if (c.appraisal()) grade = c.appraisal()->grade_of(91.7).id;   // "excellent"
//   const charter::Charter staffed = charter::builtin().with_staff(roster);

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/cycle/cycle.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/localized_text.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/org/organization.hpp"
#include "charter/standard/standard.hpp"
#include "charter/workflow/definition.hpp"

namespace charter {

class Charter {
 public:
  /// An empty charter: no calendars, an empty organisation.
  Charter();
  /// From validated parts, without workflows.
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization);
  /// From validated parts. Each workflow is keyed by its id (std::invalid_argument otherwise)
  /// and should have been built against these calendars and this organisation.
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization, std::map<std::string, workflow::Definition> workflows);
  /// From validated parts, with standards in the order given (their ids unique, else
  /// std::invalid_argument).
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization, std::map<std::string, workflow::Definition> workflows,
          std::vector<standard::Standard> standards);
  /// From validated parts, with standards and cycles in the order given (ids unique, else
  /// std::invalid_argument); the cycles' references to each other are checked
  /// (cycle::validate_references; cycle::CycleError otherwise).
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization, std::map<std::string, workflow::Definition> workflows,
          std::vector<standard::Standard> standards, std::vector<cycle::Cycle> cycles);
  /// From validated parts, with survey designs in the order given (ids unique, else
  /// std::invalid_argument) and the appraisal scheme, if the charter has one.
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization, std::map<std::string, workflow::Definition> workflows,
          std::vector<standard::Standard> standards, std::vector<cycle::Cycle> cycles,
          std::vector<cycle::SurveyDesign> surveys, std::optional<org::AppraisalScheme> appraisal);

  /// Parses charter-file text; `source` names it in errors (CharterFileError with
  /// source:line:column and the node's path).
  static Charter parse(std::string_view text, std::string_view source = "<text>");
  /// Reads and parses a charter file.
  static Charter load(const std::string& path);

  const LocalizedText& name() const;
  /// The calendar with this id; UnknownIdError naming the ids that exist otherwise.
  const calendar::BusinessCalendar& calendar(const std::string& id) const;
  const std::map<std::string, calendar::BusinessCalendar>& calendars() const;
  const org::Organization& organization() const;
  /// The workflow with this id; UnknownIdError naming the ids that exist otherwise.
  const workflow::Definition& workflow(const std::string& id) const;
  const std::map<std::string, workflow::Definition>& workflows() const;
  /// The standard with this id; UnknownIdError naming the ids that exist otherwise.
  const standard::Standard& standard(const std::string& id) const;
  /// The standards in the charter's order (the charter file's).
  const std::vector<standard::Standard>& standards() const;
  /// The cycle with this id; UnknownIdError naming the ids that exist otherwise.
  const cycle::Cycle& cycle(const std::string& id) const;
  /// The cycles in the charter's order (the charter file's).
  const std::vector<cycle::Cycle>& cycles() const;
  /// The survey design with this id; UnknownIdError naming the ids that exist otherwise.
  const cycle::SurveyDesign& survey(const std::string& id) const;
  /// The survey designs in the charter's order (the charter file's).
  const std::vector<cycle::SurveyDesign>& surveys() const;
  /// The centre's 360-degree appraisal scheme; std::nullopt when the charter states none.
  const std::optional<org::AppraisalScheme>& appraisal() const;

  /// A new charter whose organisation has `staff` added to its own (after them, in this order)
  /// and whose workflows, standards and cycles are rebuilt against it; name, calendars, survey
  /// designs and the appraisal scheme are kept. Validated as
  /// construction is: OrganizationError (an unknown role, a duplicate id, a headcount exceeded)
  /// workflow::DefinitionError, standard::StandardError or cycle::CycleError. This charter is unchanged.
  Charter with_staff(std::vector<org::Staff> staff) const;

  /// Compares name, calendars, organisation, workflows, standards, cycles, survey designs and
  /// the appraisal scheme.
  friend bool operator==(const Charter& a, const Charter& b);
  friend bool operator!=(const Charter& a, const Charter& b) { return !(a == b); }

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

/// The built-in charter of the source documents (parsed once, then shared).
const Charter& builtin();

}  // namespace charter
