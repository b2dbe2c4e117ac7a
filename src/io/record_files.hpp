#pragma once
// Record files: the one reader and writer behind event files and observation files
// (docs/event-files.md). Both are CSV with a header or JSON Lines, with the same instants, the
// same line-by-line errors and the same limits; they differ only in their named columns. A
// Schema lists those columns (`at` among them; each required or optional), and everything else
// follows from it: every other CSV column, and every entry under the JSON key "fields", is a
// field. Files binds a schema to the std::string members of a record type, which must also have
// `at` (UTC) and `fields`, and does what the type's public functions do.
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
// are plain pointers so that the scanner and parser live once, in record_files.cpp, untemplated,
// and keep their speed: nothing is copied that reading an event did not copy before. A callback
// that moves the record away leaves the next one to allocate afresh, as every record did
// before; one that only looks at it leaves its buffers to be refilled.
//
// Example (event_files.cpp):
//   const records::Files<Event, EventLine, EventFileContents> files(
//       "event", "an event", "case",
//       {{"case", true, &Event::case_id}, {"at", true}, {"event", true, &Event::name}, …},
//       &EventLine::event, &EventFileContents::events);
//   files.read(text, format, source, zone, on_event, on_error);

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
#include "charter/io/atomic_file.hpp"
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
  /// whose value names a record in the writer's messages. `columns` must hold a required "at",
  /// and the first column must be required.
  Schema(std::string_view noun, std::string_view a_noun, std::vector<Column> columns,
         std::string_view named_by);

  std::string_view noun;
  std::string_view a_noun;
  std::vector<Column> columns;
  std::size_t at = 0;        ///< index of `at` in columns
  std::size_t named_by = 0;  ///< index of the naming column in columns
  std::string required;      ///< "case, at, event, actor": the required names, for messages
  std::string known;         ///< "case, at, event, actor, fields": every key, for messages
  /// What JSON Lines writes before column k's value: `{"case": `, `, "at": "`, … (the first
  /// column is required, so always written; `at`'s value is written between quotes).
  std::vector<std::string> json_key;
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
  const boost::posix_time::ptime* at = nullptr;
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

/// A named column of a record type: the Column, and the std::string member it fills (none for
/// `at`, which is always the member `at`).
template <class Record>
struct Member {
  std::string_view name;
  bool required;
  std::string Record::*text = nullptr;
};

/// A record type's files, everything its public functions do: Record has `at`, `fields` and the
/// members its columns name; Line is {line, record}; Contents holds lines and `errors`.
template <class Record, class Line, class Contents>
class Files {
 public:
  /// `record` is the record's member of Line, `lines` the lines' member of Contents; the rest
  /// is the Schema's.
  Files(std::string_view noun, std::string_view a_noun, std::string_view named_by,
        std::initializer_list<Member<Record>> columns, Record Line::*record,
        std::vector<Line> Contents::*lines)
      : schema_(noun, a_noun, names(columns), named_by), record_(record), lines_(lines) {
    std::size_t k = 0;
    for (const Member<Record>& m : columns) members_[k++] = m.text;
  }

  EventFormat format_of(const std::string& path) const { return records::format_of(path, schema_); }

  void read(std::string_view text, EventFormat format, std::string_view source,
            const calendar::BusinessCalendar& zone, const std::function<void(Line&&)>& on_line,
            const std::function<void(EventLineError&&)>& on_error) const {
    Line scratch;
    records::read(text, format, source, zone, schema_, bind<Slots>(scratch.*record_),
                  [&](std::size_t line) {
                    scratch.line = line;
                    on_line(std::move(scratch));
                  },
                  on_error);
  }

  Contents read_text(std::string_view text, EventFormat format, std::string_view source,
                     const calendar::BusinessCalendar& zone) const {
    Contents out;
    std::vector<Line>& lines = out.*lines_;
    read(text, format, source, zone, [&](Line&& l) { lines.push_back(std::move(l)); },
         [&](EventLineError&& e) { out.errors.push_back(std::move(e)); });
    return out;
  }

  Contents read_file(const std::string& path, const calendar::BusinessCalendar& zone) const {
    const EventFormat format = format_of(path);
    return read_text(io::read_file(path, kMaxEventFileBytes), format, path, zone);
  }

  std::string write(const std::vector<Record>& records, EventFormat format,
                    const calendar::BusinessCalendar& zone) const {
    return records::write(
        records.size(), [&](std::size_t k) { return bind<View>(records[k]); }, format, zone,
        schema_);
  }

  void save(const std::string& path, const std::vector<Record>& records,
            const calendar::BusinessCalendar& zone) const {
    write_file_atomically(path, write(records, format_of(path), zone));
  }

 private:
  static std::vector<Column> names(std::initializer_list<Member<Record>> columns) {
    std::vector<Column> out;
    for (const Member<Record>& m : columns) out.push_back(Column{m.name, m.required});
    return out;
  }

  // The members of `r` by column: Slots to fill a Record, a View to read a const one.
  template <class Out, class R>
  Out bind(R& r) const {
    Out out;
    for (std::size_t k = 0; k < kMaxColumns; ++k) {
      if (members_[k] != nullptr) out.text[k] = &(r.*members_[k]);
    }
    out.at = &r.at;
    out.fields = &r.fields;
    return out;
  }

  Schema schema_;
  std::array<std::string Record::*, kMaxColumns> members_{};
  Record Line::*record_;
  std::vector<Line> Contents::*lines_;
};

}  // namespace charter::io::records
