// Computes one deadline on the built-in China calendar through the installed package and
// checks it; exits non-zero when it is wrong.
//
// A complaint received Fri 2025-09-26 17:30 (Asia/Shanghai) must be answered within 24
// business hours. Open 09:00–18:30: Fri 1h; Sat 09-27 closed; Sun 09-28 is a make-up
// working day, 9.5h; Mon 09-29 9.5h (20h); Tue 09-30 09:00 + 4h = 13:00 local = 05:00 UTC.

#include <boost/date_time/posix_time/posix_time.hpp>  // to_simple_string
#include <charter/charter.hpp>
#include <iostream>

int main() {
  namespace cal = charter::calendar;
  using boost::posix_time::ptime;

  const cal::BusinessCalendar cn = cal::china_calendar();
  const ptime received = cn.from_local(cal::parse_date_time("2025-09-26 17:30"));
  const ptime due = cal::Deadline::parse("24 business hours").due(received, cn);
  const ptime expected = cal::parse_date_time("2025-09-30 05:00");  // UTC

  // The error hierarchy is usable too: 2027 is beyond the bundled table.
  bool range_error = false;
  try {
    cn.is_business_day(boost::gregorian::date(2027, 1, 4));
  } catch (const charter::CalendarRangeError&) {
    range_error = true;
  }

  // And the io block: a round trip through bytes.
  const auto back =
      charter::io::from_bytes(charter::io::to_bytes(cn, charter::io::ArchiveFormat::xml));
  const bool round_trip = std::get<cal::BusinessCalendar>(back) == cn;

  // And the charter file reader (libyaml behind the installed package): the built-in charter.
  const bool builtin_ok = charter::builtin().organization().has_role("cs_manager") &&
                          charter::builtin().calendar("office") == cn;

  if (due != expected || !range_error || !round_trip || !builtin_ok) {
    std::cerr << "consumer: due " << boost::posix_time::to_simple_string(due) << " UTC, expected "
              << boost::posix_time::to_simple_string(expected) << " UTC; range error "
              << range_error << "; round trip " << round_trip << "; built-in charter " << builtin_ok
              << "\n";
    return 1;
  }
  std::cout << "consumer: reply due " << boost::posix_time::to_simple_string(due)
            << " UTC, as expected\n";
  return 0;
}
