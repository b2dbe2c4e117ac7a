// libFuzzer harness for charter::io::from_bytes, the loader of every kind of saved file.
//
// The first input byte selects the mode, the rest is the data:
//   byte % 34 == 0         raw: the data goes to from_bytes as a whole file (envelope parser).
//   byte % 34 == 1 .. 33   attacker path: the data is sealed as the payload of a valid envelope,
//                          k = byte % 34 - 1, type = PayloadType(k / 3 + 1) (1 calendar …
//                          11 monthly report, envelope.hpp's order), format = k % 3 (0 text,
//                          1 xml, 2 binary). The schema version is the type's current one
//                          minus byte / 34, but never below the oldest one this build reads, so
//                          the loaders of old charter, organisation and findings payloads are
//                          fuzzed too (byte < 34: the current version).
//                          The CRCs are right, so the Boost archive parser and the bounded
//                          loaders in include/charter/io/serialize_*.hpp see arbitrary bytes.
//
// Only charter::Error may leave from_bytes. Anything else (std::bad_alloc, std::length_error,
// Boost exceptions, std::terminate, a signal, a sanitizer report, an allocation above
// -malloc_limit_mb, a timeout) is a finding: it is not caught here, so libFuzzer reports it.
//
// Oracles for accepted inputs: saving the loaded object again in the same format and loading
// that must give an equal object (a file we accept must describe something we can write):
// operator== where the type has one; for trackers (no operator==) their definition and events,
// and for monthly reports (no operator==; NaN figures) the bytes of a second save. For every
// kind, the second save must also give the same bytes as the first (saving is a function of the
// object). Strings must be UTF-8 wherever the loaders promise it: every saver refuses a string
// that is not (SerializationError), and that save happens outside any try, so a loaded string
// that is not UTF-8 aborts here; a calendar's strings and zone are also checked directly, and
// its index is no larger than calendar::count_intervals says (the bound the loader enforces).
//
// Report documents and monthly reports are saved to be laid out again, so every one that loads
// is also rendered (Markdown and HTML; a monthly report in both languages): that may refuse with
// a charter::Error (report::ReportError), anything else is a finding, and what it writes must be
// UTF-8.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_document.hpp"
#include "charter/io/serialize_findings.hpp"
#include "charter/io/serialize_monthly.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_survey.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/report/document.hpp"
#include "charter/report/monthly.hpp"
#include "charter/report/render.hpp"

namespace {

namespace io = charter::io;
namespace cal = charter::calendar;

/// Modes: 0 raw, then 3 formats for each of the 11 payload types.
constexpr unsigned kModes = 1 + 3 * 11;

struct Versions {
  std::uint32_t current;
  std::uint32_t oldest;
};

// The schema versions this build reads, by payload type (PayloadType's order).
Versions versions(io::PayloadType type) {
  using T = io::PayloadType;
  switch (type) {
    case T::calendar: return {io::kCalendarSchema, io::kCalendarSchema};
    case T::deadline: return {io::kDeadlineSchema, io::kDeadlineSchema};
    case T::charter: return {io::kCharterSchema, io::kOldestCharterSchema};
    case T::organization: return {io::kOrganizationSchema, io::kOldestOrganizationSchema};
    case T::workflow_case: return {io::kCaseSchema, io::kCaseSchema};
    case T::tracker: return {io::kTrackerSchema, io::kTrackerSchema};
    case T::findings: return {io::kFindingsSchema, io::kOldestFindingsSchema};
    case T::survey: return {io::kSurveySchema, io::kSurveySchema};
    case T::appraisal: return {io::kAppraisalSchema, io::kAppraisalSchema};
    case T::document: return {io::kDocumentSchema, io::kDocumentSchema};
    case T::monthly_report: return {io::kMonthlyReportSchema, io::kMonthlyReportSchema};
  }
  std::abort();
}

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

// Equal as far as the type can tell: operator== where it has one.
template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, cal::BusinessCalendar>) {
    return a.spec() == b.spec();
  } else if constexpr (std::is_same_v<T, charter::workflow::Tracker>) {
    return a.definition() == b.definition() && a.events() == b.events() && a.case_ids() == b.case_ids();
  } else if constexpr (std::is_same_v<T, charter::report::MonthlyReport>) {
    return true;  // no operator== (and NaN figures): the bytes of a second save decide
  } else {
    return a == b;
  }
}

void check_rendered(const std::string& text) {
  if (!io::serial::is_utf8(text)) fail("a loaded report was rendered as text that is not UTF-8");
}

// A loaded report laid out again, as a caller would: only charter::Error may stop it.
template <class T>
void check_render(const T& loaded) {
  namespace report = charter::report;
  if constexpr (std::is_same_v<T, report::Document>) {
    try {
      check_rendered(report::to_markdown(loaded));
      check_rendered(report::to_html(loaded));
    } catch (const charter::Error&) {
    }
  } else if constexpr (std::is_same_v<T, report::MonthlyReport>) {
    for (const report::Lang lang : {report::Lang::zh, report::Lang::en}) {
      try {
        check_rendered(report::to_markdown(loaded, lang));
        check_rendered(report::to_html(loaded, lang));
      } catch (const charter::Error&) {
      }
    }
  }
}

// Saves what was loaded in `format`, loads that, saves it again. Outside any try on purpose: a
// loaded object that cannot be saved and loaded again (even with a charter::Error) is a bug.
template <class T>
void check_round_trip(const T& loaded, io::ArchiveFormat format) {
  if constexpr (std::is_same_v<T, cal::BusinessCalendar>) {
    check_strings(loaded.spec());
    check_index_size(loaded);
  }
  const std::string first = io::to_bytes(loaded, format);
  const io::Saved again = io::from_bytes(first, "<round trip>");
  const T* back = std::get_if<T>(&again);
  if (back == nullptr) fail("a round trip gave another kind of object");
  if (!same(*back, loaded)) fail("an object changed in a round trip");
  if (io::to_bytes(*back, format) != first) fail("an object saved after a round trip gives other bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0] % kModes;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string bytes;
  if (mode == 0) {
    bytes.assign(rest);
  } else {
    const unsigned k = mode - 1;
    const auto type = static_cast<io::PayloadType>(k / 3 + 1);
    const Versions v = versions(type);
    const std::uint32_t back = data[0] / kModes;
    const std::uint32_t schema = back >= v.current - v.oldest ? v.oldest : v.current - back;
    bytes = io::seal(type, schema, static_cast<io::ArchiveFormat>(k % 3), rest);
  }

  std::optional<io::Saved> loaded;
  try {
    loaded = io::from_bytes(bytes, "<fuzz>");
  } catch (const charter::Error&) {
    return 0;  // the one documented way to refuse a file
  }
  // Accepted: the envelope was valid, so byte 6 is its format.
  const auto format = static_cast<io::ArchiveFormat>(static_cast<std::uint8_t>(bytes[6]));
  std::visit(
      [&](const auto& x) {
        check_round_trip(x, format);
        check_render(x);
      },
      *loaded);
  return 0;
}
