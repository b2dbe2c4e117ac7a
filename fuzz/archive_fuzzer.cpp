// libFuzzer harness for charter::io::from_bytes, the loader of saved calendars and deadlines.
//
// The first input byte selects the mode, the rest is the data:
//   byte % 7 == 0        raw: the data goes to from_bytes as a whole file (envelope parser).
//   byte % 7 == 1 .. 6   attacker path: the data is sealed as the payload of a valid envelope,
//                        k = byte % 7 - 1, type = k / 3 (0 calendar, 1 deadline),
//                        format = k % 3 (0 text, 1 xml, 2 binary), current schema version.
//                        The CRCs are right, so the Boost archive parser and the bounded
//                        loaders in serialize_calendar.hpp see arbitrary bytes.
//
// Only charter::Error may leave from_bytes. Anything else (std::bad_alloc, std::length_error,
// Boost exceptions, std::terminate, a signal, a sanitizer report, an allocation above
// -malloc_limit_mb, a timeout) is a finding: it is not caught here, so libFuzzer reports it.
//
// Oracles for accepted inputs: saving the loaded object again in the same format and loading
// that must give an equal object (a file we accept must describe something we can write), and
// a loaded calendar's strings are UTF-8, its zone a tz database name, and its index no larger
// than calendar::count_intervals says (the bound the loader enforces).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_calendar.hpp"

namespace {

namespace io = charter::io;
namespace cal = charter::calendar;

[[noreturn]] void fail(const char* why) {
  std::fprintf(stderr, "archive_fuzzer: %s\n", why);
  std::abort();
}

// What a loaded calendar may hold: text that Python can decode, a zone that is a tz name.
void check_strings(const cal::CalendarSpec& spec) {
  using io::serial::is_utf8;
  bool ok = is_utf8(spec.name) && is_utf8(spec.range_note) &&
            charter::calendar::is_tz_database_name(spec.zone);
  for (const auto& [d, name] : spec.holidays) ok = ok && is_utf8(name);
  for (const auto& [d, extra] : spec.extra_workdays) ok = ok && is_utf8(extra.name);
  if (!ok) fail("a loaded calendar holds text that is not UTF-8 or a zone that is not a tz name");
}

// The loader's bound on the index size must hold for the index actually built.
void check_index_size(const cal::BusinessCalendar& c) {
  const auto built = static_cast<std::uint64_t>(c.index().intervals());
  if (built > charter::calendar::count_intervals(c.spec()) || built > charter::calendar::kMaxCalendarIntervals) {
    fail("the calendar index is larger than the loader's bound");
  }
}

void check_round_trip(const io::Saved& loaded, io::ArchiveFormat format) {
  if (const auto* c = std::get_if<cal::BusinessCalendar>(&loaded)) {
    check_strings(c->spec());
    check_index_size(*c);
    const io::Saved again = io::from_bytes(io::to_bytes(*c, format), "<round trip>");
    const auto* c2 = std::get_if<cal::BusinessCalendar>(&again);
    if (c2 == nullptr || !(c2->spec() == c->spec())) fail("calendar changed in a round trip");
  } else {
    const auto& d = std::get<cal::Deadline>(loaded);
    const io::Saved again = io::from_bytes(io::to_bytes(d, format), "<round trip>");
    const auto* d2 = std::get_if<cal::Deadline>(&again);
    if (d2 == nullptr || !(*d2 == d)) fail("deadline changed in a round trip");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0] % 7;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string bytes;
  if (mode == 0) {
    bytes.assign(rest);
  } else {
    const unsigned k = mode - 1;
    const auto type = k / 3 == 0 ? io::PayloadType::calendar : io::PayloadType::deadline;
    const auto schema =
        type == io::PayloadType::calendar ? io::kCalendarSchema : io::kDeadlineSchema;
    bytes = io::seal(type, schema, static_cast<io::ArchiveFormat>(k % 3), rest);
  }

  std::optional<io::Saved> loaded;
  try {
    loaded = io::from_bytes(bytes, "<fuzz>");
  } catch (const charter::Error&) {
    return 0;  // the one documented way to refuse a file
  }
  // Accepted: the envelope was valid, so byte 6 is its format. Outside the try on purpose: a
  // loaded object that cannot be saved and loaded again (even with a charter::Error) is a bug.
  check_round_trip(*loaded, static_cast<io::ArchiveFormat>(static_cast<std::uint8_t>(bytes[6])));
  return 0;
}
