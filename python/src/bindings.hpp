#pragma once
// One bind_<block>() per block, called in dependency order by module.cpp.

#include <functional>
#include <optional>
#include <vector>

#include <pybind11/pybind11.h>

#include "charter/cycle/completion.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/findings.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::python {

void bind_errors(pybind11::module_& m);
void bind_calendar(pybind11::module_& m);
void bind_deadline(pybind11::module_& m);
void bind_org(pybind11::module_& m);
void bind_workflow(pybind11::module_& m);
void bind_standard(pybind11::module_& m);
void bind_report(pybind11::module_& m);
/// The monthly report, into the charter.report module (called by bind_report).
void bind_monthly(pybind11::module_& report);
void bind_survey(pybind11::module_& m);
void bind_appraisal(pybind11::module_& m);
void bind_cycle(pybind11::module_& m);
/// charter.workflow.cycle_notices / standard_notices (bind_notices.cpp): after bind_cycle, whose
/// completion-record reading it shares.
void bind_notices(pybind11::module_& m);
void bind_charter(pybind11::module_& m);
void bind_io(pybind11::module_& m);

/// charter.workflow.Tracker is a C++ Tracker behind a lock (bind_workflow.cpp): a Tracker as a
/// Python object, and a copy of the Tracker a Python object holds (nullopt for anything else).
/// workflow::Case is bound as itself and needs neither.
pybind11::object tracker_to_python(workflow::Tracker tracker);
std::optional<workflow::Tracker> tracker_from_python(pybind11::handle obj);
/// Calls f with the Tracker a charter.workflow.Tracker or JournaledTracker holds, under its read
/// lock and without a copy (the GIL is held: f may release it around long work, and may read
/// another tracker the same way). False, without calling f, for any other object.
bool read_tracker(pybind11::handle obj, const std::function<void(const workflow::Tracker&)>& f);

/// charter.standard.Findings holds the C++ findings with the zone their instants are shown in
/// (bind_standard.cpp): loaded findings as a Python object, and the C++ findings of one.
pybind11::object findings_to_python(standard::Findings findings);
std::optional<standard::Findings> findings_from_python(pybind11::handle obj);
/// The C++ findings of a charter.standard.Findings, without a copy (alive while obj is);
/// nullptr for anything else.
const standard::Findings* findings_in_python(pybind11::handle obj);

/// The calendar a zone argument names: None for the charter's "office" calendar (else its only
/// one), a calendar id, or a BusinessCalendar (bind_cycle.cpp).
const calendar::BusinessCalendar& charter_zone(const Charter& charter, pybind11::handle zone);

/// Completion records from a list of dicts (bind_cycle.cpp; naive instants are wall time of
/// `zone`); errors name the record by position.
std::vector<cycle::CompletionRecord> records_from_python(pybind11::handle items, const calendar::BusinessCalendar& zone);

/// Completion-record dicts (or a list of them from a DataFrame) as C++ records, naive instants
/// read as wall time of `zone` (bind_cycle.cpp: what charter.cycle.status reads).
std::vector<cycle::CompletionRecord> completion_records_from_python(pybind11::handle records,
                                                                    const calendar::BusinessCalendar& zone);

}  // namespace charter::python
