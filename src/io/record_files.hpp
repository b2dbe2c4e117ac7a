#pragma once
// Record files: the one reader and writer behind event files and observation files
// (docs/event-files.md). Both are CSV with a header or JSON Lines, with the same instants, the
// same line-by-line errors and the same limits; they differ only in their named columns. A
// Schema lists those columns (`at` among them; each required or optional), and everything else
// follows from it: every other CSV column, and every entry under the JSON key "fields", is a
// field. A Form binds a schema to the std::string members of a record type, which must also have
// `at` (UTC) and `fields`.
//
// Meaning of the column kinds:
//   - required: the CSV header and every JSON object must have it, and its value must not be
//     empty (for `at`, it must be an instant);
//   - optional: it may be missing from the header or the object, and an empty cell, "" or null
//     means the member is empty. The writer leaves out an optional column no record has a value
//     for (CSV), and an optional key whose value is empty (JSON Lines).
//
// The reader fills one record at a time through Slots (pointers into a record the caller owns,
// cleared first) and hands it on with its line; the writer reads records through Views. Both
// are plain pointers so that the scanner and parser live once, in record_files.cpp, and keep
// their speed: nothing is copied that reading an event did not copy before.
//
// Example (event_files.cpp):
//   const records::Form<Event> form(records::Schema("event", "an event", {{"case", true}, …},
//                                                   "case"),
//                                   {&Event::case_id, nullptr, &Event::name, &Event::actor});
//   records::read_lines(text, format, source, zone, form, &EventLine::event, on_event, on_error);

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/io/event_files.hpp"
#include "charter/workflow/event.hpp"

namespace charter::io::records {

using workflow::Field;

/// More named columns than a record type has: events have 4, observations 6.
inline constexpr std::size_t kMaxColumns = 8;

struct Column {
  std::string_view name;  ///< as the CSV header and the JSON key say it
  bool required;          ///< see above
};

/// A record type's named columns, in the order they are written, and how messages name it.
class Schema {
 public:
  /// `noun` names a record in messages ("event 3 (case 'C-1'): …", "event text of …"), `a_noun`
  /// with its article ("for an event file", "an event's own values"). `named_by` is the column
  /// whose value names a record in the writer's messages. `columns` must hold a required "at".
  Schema(std::string_view noun, std::string_view a_noun, std::vector<Column> columns,
         std::string_view named_by);

  std::string_view noun;
  std::string_view a_noun;
  std::vector<Column> columns;
  std::size_t at = 0;        ///< index of `at` in columns
  std::size_t named_by = 0;  ///< index of the naming column in columns
  std::string required;      ///< "case, at, event, actor": the required names, for messages
  std::string known;         ///< "case, at, event, actor, fields": every key, for messages
};

/// Where the reader puts one record: the members of a record the caller owns, by column.
struct Slots {
  std::array<std::string*, kMaxColumns> text{};  ///< nullptr for `at` and past the columns
  boost::posix_time::ptime* at = nullptr;
  std::vector<Field>* fields = nullptr;
};

/// What the writer reads of one record.
struct View {
  std::array<const std::string*, kMaxColumns> text{};  ///< nullptr for `at` and past the columns
  boost::posix_time::ptime at;
  const std::vector<Field>* fields = nullptr;
};

/// Reads every line of `text` as records of the schema, in file order: for a record, fills
/// `slots` (cleared first) and calls on_record with its 1-based line, which may move the record
/// away; for a bad line, calls on_error. Throws ParseError only for what read_events documents.
void read(std::string_view text, EventFormat format, std::string_view source,
          const calendar::BusinessCalendar& zone, const Schema& schema, const Slots& slots,
          const std::function<void(std::size_t)>& on_record,
          const std::function<void(EventLineError&&)>& on_error);

/// `count` records, record k read through view(k), as text of the format. SerializationError
/// names the first record the format could not read back (write_events documents what).
std::string write(std::size_t count, const std::function<View(std::size_t)>& view,
                  EventFormat format, const calendar::BusinessCalendar& zone, const Schema& schema);

/// The format a path's extension names; ParseError "… for an event file (known: …)" otherwise.
EventFormat format_of(const std::string& path, const Schema& schema);

/// A schema bound to a record type: members[k] is the std::string member of column k (nullptr
/// for `at`, which is always the member `at`; the fields are always the member `fields`).
template <class Record>
struct Form {
  Schema schema;
  std::array<std::string Record::*, kMaxColumns> members{};

  Slots slots(Record& r) const {
    Slots s;
    for (std::size_t k = 0; k < kMaxColumns; ++k) {
      if (members[k] != nullptr) s.text[k] = &(r.*members[k]);
    }
    s.at = &r.at;
    s.fields = &r.fields;
    return s;
  }

  View view(const Record& r) const {
    View v;
    for (std::size_t k = 0; k < kMaxColumns; ++k) {
      if (members[k] != nullptr) v.text[k] = &(r.*members[k]);
    }
    v.at = r.at;
    v.fields = &r.fields;
    return v;
  }
};

/// read() into Line{line, record} for on_line: Line has `line` and the record as `member`.
template <class Line, class Record>
void read_lines(std::string_view text, EventFormat format, std::string_view source,
                const calendar::BusinessCalendar& zone, const Form<Record>& form,
                Record Line::*member, const std::function<void(Line&&)>& on_line,
                const std::function<void(EventLineError&&)>& on_error) {
  Line scratch;
  read(text, format, source, zone, form.schema, form.slots(scratch.*member),
       [&](std::size_t line) {
         scratch.line = line;
         on_line(std::move(scratch));
       },
       on_error);
}

/// write() of a vector of records.
template <class Record>
std::string write_all(const std::vector<Record>& records, EventFormat format,
                      const calendar::BusinessCalendar& zone, const Form<Record>& form) {
  return write(
      records.size(), [&](std::size_t k) { return form.view(records[k]); }, format, zone,
      form.schema);
}

/// A callback that appends what it is given to `out`, for the read_*_text functions.
template <class T>
std::function<void(T&&)> append_to(std::vector<T>& out) {
  return [&out](T&& x) { out.push_back(std::move(x)); };
}

}  // namespace charter::io::records
