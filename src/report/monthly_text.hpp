#pragma once
// Sentences of the monthly report shared by its computation (the English explanation kept in
// each BreachLine) and its document (private to src/report).

#include <optional>
#include <string>

#include "charter/report/monthly.hpp"

namespace charter::report::detail {

/// "2025-11-03 14:00" in the calendar's local time, or "2025-11-03 06:00 UTC" without one;
/// "-" for a special instant.
std::string local_minute(const std::optional<calendar::BusinessCalendar>& clock, const boost::posix_time::ptime& utc);

/// A duration as "19 h 12 min" / "19小时12分", "3 d 4 h" / "3天4小时" from a day on.
std::string span_text(const boost::posix_time::time_duration& d, Lang lang);

/// One line saying what was late, by how much, and against which goal.
std::string breach_sentence(const BreachLine& b, const MonthlyReport& r, Lang lang);

}  // namespace charter::report::detail
