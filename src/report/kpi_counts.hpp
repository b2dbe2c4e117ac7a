#pragma once
// The counting behind workflow_kpis, over a cycle table already made, so that the monthly report
// takes the tracker's cycles once for its figures and its breaches (private to src/report).

#include <cstdint>
#include <string>
#include <vector>

#include "charter/report/workflow_kpis.hpp"

namespace charter::report::detail {

/// std::invalid_argument unless first_day ≤ last_day are dates at most 366 days apart.
void check_period(boost::gregorian::date first_day, boost::gregorian::date last_day);

/// The position of `timer` in the table's timers; std::invalid_argument naming them otherwise.
std::size_t timer_index(const workflow::CycleTable& cycles, const std::string& workflow_id, const std::string& timer);

/// workflow_kpis over `cycles` (taken as of cycles.as_of); `in_scope`, when given, has one flag
/// per case row and keeps only the cases flagged.
WorkflowKpis kpis_of(const workflow::CycleTable& cycles, const std::string& workflow_id,
                     const calendar::BusinessCalendar& calendar, boost::gregorian::date first_day,
                     boost::gregorian::date last_day, const std::string& resolution_timer,
                     const std::vector<std::uint8_t>* in_scope);

}  // namespace charter::report::detail
