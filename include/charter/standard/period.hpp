#pragma once
// Period: how findings are grouped in time — by local day, week from Monday or calendar month on
// a calendar's zone. compliance() groups by it; a standard's rectification entry (standard.hpp)
// judges a unit's rate over one, so the enumeration stands on its own.

namespace charter::standard {

/// How findings are grouped in time.
enum class Period {
  none,   ///< all together
  day,    ///< one local date
  week,   ///< Monday to Sunday, local dates
  month,  ///< a calendar month, local dates
};

/// "none", "day", "week", "month".
const char* period_name(Period p);

}  // namespace charter::standard
