#pragma once
// The monthly quality report (客服质量月度报表, R-23): one month of a centre, or of one unit,
// brought together from every block — complaints received, replied and resolved on time, the
// resolution rate against its target, the month's breaches explained, open rectification
// notices and their deadlines, standards compliance by standard and unit, the inspection plan,
// the surveys, the staff appraisal, and the report's own due date with whether it was met.
//
// Meaning:
//   - The month is a calendar month of local dates on `options.calendar` (default: the calendar
//     of the report cycle R-23). `as_of` (UTC; default the first instant of the next month, the
//     month as it ended) is the instant the report is drawn up at: nothing recorded after it
//     counts, so a report can be replayed as it stood.
//   - Complaint figures are workflow_kpis() of the complaint tracker (see workflow_kpis.hpp for
//     when a case is received and a cycle met or breached in the month).
//   - Breaches: every timer cycle breached in the month (its due instant in the month, by as_of);
//     `breaches` holds the `max_breaches` most overdue, each with a one-line explanation; the
//     counts by timer are in `complaints.timers`.
//   - Open rectification notices: the cases of `options.rectifications` open at as_of,
//     each with its unit, state and the deadline of its running timer (earliest first); and the
//     notices the charter itself raises for the month (its cycles' and standards' `rectification`
//     entries, workflow/notices.hpp), each marked issued when that tracker already holds it.
//   - Compliance counts the findings whose observation lies in the month (compliance.hpp).
//   - The inspection plan is cycle::status over the month as of as_of: every occurrence whose
//     period overlaps the month (a cycle with the year for its period, "3 units a year", shows
//     every month as it stands). Survey cycles (default
//     where the charter has them) are reported under surveys, with the survey's
//     results when given; the report cycle (default R-23) gives the report's due date and state.
//   - A unit report keeps the complaints and notices whose `unit` attribute names the unit or a
//     unit below it, the findings of those units, and the occurrences whose subject is one of
//     them; the centre's own cycles (report, surveys) stay, since they are due for everyone.
//   - Targets: the resolution rate 98 % and satisfaction 90 % are the source documents' (S3);
//     on-time and compliance targets are the centre's own (none by default).
//   - document(lang) lays all of it out as a report Document (document.hpp), in Chinese or
//     English; to_markdown / to_html (render.hpp) render it.
//
// Example:
//   MonthlyOptions o;
//   o.rectifications = &notices;
//   const MonthlyReport r = monthly(charter, complaints, findings, records, 2025, 11, o);
//   std::ofstream("report-2025-11.html") << to_html(r.document(Lang::zh));

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/completion.hpp"
#include "charter/cycle/status.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/report/document.hpp"
#include "charter/report/workflow_kpis.hpp"
#include "charter/standard/compliance.hpp"
#include "charter/standard/findings.hpp"
#include "charter/workflow/notices.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::report {

/// Goals of the report's key figures, as fractions (0.98 = 98 %); nullopt: no target.
struct MonthlyTargets {
  std::optional<double> resolution_rate = 0.98;  ///< S3: resolution rate 98 %
  std::optional<double> satisfaction = 0.90;     ///< S3: 90 % of customers satisfied
  std::optional<double> on_time;                 ///< every complaint timer's on-time rate
  std::optional<double> compliance;              ///< standards compliance, overall and by unit
};

struct MonthlyOptions {
  std::string unit;                          ///< "" the whole centre; else a unit of the organisation
  std::optional<boost::posix_time::ptime> as_of;  ///< UTC; default the first instant of the next month
  std::string calendar;                      ///< "" the report cycle's calendar
  std::string resolution_timer = "resolution";
  const workflow::Tracker* rectifications = nullptr;  ///< rectification notices (may be null)
  std::optional<cycle::SurveyDesign> survey_design;   ///< with survey: labels its dimensions
  std::optional<cycle::SatisfactionResult> survey;    ///< the month's survey results, if any
  std::optional<org::AppraisalScheme> appraisal_scheme;  ///< with appraisals
  std::vector<org::AppraisalResult> appraisals;        ///< the month's appraisal results, if any
  MonthlyTargets targets;
  std::size_t max_breaches = 20;             ///< breaches listed and explained
  /// The cycles reported as surveys; nullopt: where the charter has them.
  std::optional<std::vector<std::string>> survey_cycles;
  /// The cycle of the report itself; nullopt: R-23 where the charter has it; "" none.
  std::optional<std::string> report_cycle;
};

/// One breached timer cycle of the month.
struct BreachLine {
  std::string case_id;
  std::string timer;
  std::string rule;
  int cycle = 1;
  boost::posix_time::ptime due;      ///< UTC
  boost::posix_time::ptime stopped;  ///< UTC; not_a_date_time while still going at as_of
  boost::posix_time::time_duration overdue;  ///< counted time past due (at stop, or at as_of)
  std::string unit;                  ///< the case's unit attribute ("" when not given)
  std::string goal;                  ///< the goal and how it was chosen ("critical → 24 hours")
  std::string explanation;           ///< one line in English, local times
};

/// A rectification notice open at as_of.
struct NoticeLine {
  std::string case_id;
  std::string unit;
  std::string state;
  boost::posix_time::ptime deadline;  ///< UTC: its running timer's due; not_a_date_time without one
  bool overdue = false;               ///< a cycle of it is breached
};

/// A rectification notice the charter raises for the month (workflow/notices.hpp), and whether
/// the rectification tracker already holds it.
struct NoticeToRaise {
  workflow::Notice notice;  ///< listed without events (the report issues nothing)
  bool issued = false;      ///< the rectification tracker has a case of this id
};

/// One cycle's occurrences in the month, counted by state (a follow-up cycle's: the follow-ups
/// of the month's occurrences); an ad hoc cycle's records.
struct CycleLine {
  std::string cycle;
  LocalizedText title;
  std::string responsible;  ///< role id
  bool ad_hoc = false;      ///< only counted (spot checks): see `records`
  std::size_t records = 0;  ///< ad hoc: records in the month
  std::size_t done = 0, done_late = 0, insufficient = 0, due = 0, overdue = 0, missed = 0;
  std::size_t total() const { return done + done_late + insufficient + due + overdue + missed; }
};

/// A key figure of the report as data (the rows of to_frame()).
struct MonthlyFigure {
  std::string id;              ///< "complaints.received", "timer.reply.on_time", …
  LocalizedText label;
  std::optional<double> value; ///< in `unit` (rates in percent); nullopt: no data
  std::string unit;            ///< "%", "" for counts
  std::optional<double> target;
  Goal goal = Goal::at_least;
  /// Whether the value meets the target; nullopt without a target; false without a value.
  std::optional<bool> met() const;
};

struct MonthlyReport {
  int year = 0, month = 0;
  std::string unit;           ///< "" for the centre
  LocalizedText scope;        ///< the centre's or the unit's name
  std::string calendar;       ///< the calendar id placing days
  /// That calendar: the document prints instants in its local time (UTC when not set).
  std::optional<calendar::BusinessCalendar> clock;
  boost::gregorian::date first_day, last_day;
  boost::posix_time::ptime as_of;
  MonthlyTargets targets;

  WorkflowKpis complaints;
  std::size_t breach_count = 0;          ///< every timer cycle breached in the month
  std::vector<BreachLine> breaches;      ///< the most overdue, at most max_breaches
  std::vector<NoticeLine> notices;       ///< open at as_of; empty without a rectification tracker
  bool has_notices = false;              ///< a rectification tracker was given
  /// The notices the charter's `rectification` entries raise for the month: occurrences late or
  /// short of evidence (cycle_notices over the month's status), units below a standard's line
  /// over periods of the month ended by as_of (standard_notices); in scope, in their order.
  std::vector<NoticeToRaise> to_raise;
  standard::ComplianceTable by_standard; ///< dimensions {standard}
  standard::ComplianceTable by_unit;     ///< dimensions {unit}
  standard::ComplianceRow compliance;    ///< everything in scope together
  std::vector<CycleLine> inspections;    ///< cycles other than surveys and the report, in charter order
  std::vector<cycle::OccurrenceStatus> attention;  ///< occurrences not done on time: overdue, missed, insufficient, done late
  std::vector<CycleLine> survey_cycles;
  std::vector<cycle::OccurrenceStatus> survey_occurrences;
  std::optional<cycle::SurveyDesign> survey_design;
  std::optional<cycle::SatisfactionResult> survey;
  std::optional<org::AppraisalScheme> appraisal_scheme;
  std::optional<org::AppraisalSummary> appraisal;
  std::optional<cycle::OccurrenceStatus> report_due;  ///< the report cycle's occurrence of the month
  std::size_t record_problems = 0;       ///< completion records that could not count (cycle::status)
  /// Names of the ids the report mentions, so that it reads on its own: keys "unit:<id>",
  /// "role:<id>", "standard:<id>", "timer:<id>", "state:<id>" (a notice's state).
  std::map<std::string, LocalizedText> names;
  /// The name of `kind:id`, or the id itself when the report has none.
  LocalizedText name(const std::string& kind, const std::string& id) const;

  /// The key figures, in the order the document shows them.
  std::vector<MonthlyFigure> figures() const;
  /// The whole report as a Document in `lang`.
  Document document(Lang lang = Lang::zh) const;
};

/// The report of `year`-`month` (see above). Throws std::invalid_argument for a month outside
/// 1–12, a year outside 1400–9999, an unknown resolution timer, appraisals without a scheme, a
/// survey without its design (or with another number of items), and a charter without a report
/// cycle when no calendar is named; UnknownIdError for an unknown unit, calendar or cycle, and
/// for a workflow without a `unit` attribute where one is needed (the rectification tracker's;
/// the complaints' in a unit report); InvalidTimeError for a special as_of.
MonthlyReport monthly(const Charter& charter, const workflow::Tracker& complaints,
                      const standard::Findings& findings,
                      const std::vector<cycle::CompletionRecord>& records, int year, int month,
                      const MonthlyOptions& options = {});

/// Shorthands: render(document(lang)).
std::string to_markdown(const MonthlyReport& report, Lang lang = Lang::zh);
std::string to_html(const MonthlyReport& report, Lang lang = Lang::zh);

}  // namespace charter::report
