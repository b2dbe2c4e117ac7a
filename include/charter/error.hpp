#pragma once
// The error hierarchy of charter.
//
// Every error the library raises on purpose derives from charter::Error, so an application can
// catch one type. The subclasses name what went wrong, and each message says what, where and why
// ("deadline '24 buisness hours': unknown unit 'buisness' at column 4 (expected e.g. …)").
// Python maps each class to an exception of the same name under `charter` (charter.Error is a
// subclass of ValueError); the mapping lives in python/src/bind_errors.cpp and nowhere else.

#include <stdexcept>
#include <string>

namespace charter {

/// Root of every error charter raises on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A calendar that cannot exist: unknown zone, overlapping or empty intervals, a date that is
/// both a holiday and a working day, no open time at all.
class CalendarError : public Error {
 public:
  using Error::Error;
};

/// An instant or date outside the range a calendar covers (for the built-in China calendar:
/// outside the years its holiday table covers).
class CalendarRangeError : public CalendarError {
 public:
  using CalendarError::CalendarError;
};

/// A local wall time that does not exist in the calendar's zone (the spring-forward gap).
class NonexistentTimeError : public CalendarError {
 public:
  using CalendarError::CalendarError;
};

/// An instant or duration that is not a real value: not_a_date_time, ±infinity, or arithmetic
/// that would leave the representable range.
class InvalidTimeError : public Error {
 public:
  using Error::Error;
};

/// Text that does not parse (a deadline rule, a time of day), with the position that failed.
class ParseError : public Error {
 public:
  using Error::Error;
};

/// A lookup by id that names nothing (an unknown role, staff member, unit, duty or calendar).
class UnknownIdError : public Error {
 public:
  using Error::Error;
};

/// A charter file that cannot be read: what() starts with "file:line:column: path: ".
class CharterFileError : public ParseError {
 public:
  CharterFileError(const std::string& file, int line, int column, const std::string& path,
                   const std::string& message)
      : ParseError(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                   (path.empty() ? "" : path + ": ") + message),
        file_(file), line_(line), column_(column), path_(path) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }      ///< 1-based
  int column() const { return column_; }  ///< 1-based
  const std::string& path() const { return path_; }  ///< e.g. "organization.roles[3].reports_to"

 private:
  std::string file_;
  int line_;
  int column_;
  std::string path_;
};

/// An event a case refused: out of order, a duplicate, not allowed in the case's state, missing
/// a required field, from an actor without the right, for an unknown case. The case is unchanged.
/// rule() names what refused, as a short code: "case", "event", "field", "duplicate", "order",
/// "transition", "requires", "when", "checklist", "actor", "timer" (docs/workflows.md); a
/// journal also refuses with "format" an event it cannot record.
class RejectedEventError : public Error {
 public:
  RejectedEventError(const std::string& case_id, const std::string& event, const std::string& rule,
                     const std::string& message)
      : Error("case '" + case_id + "', event '" + event + "': " + message),
        case_id_(case_id), event_(event), rule_(rule) {}
  const std::string& case_id() const { return case_id_; }
  const std::string& event() const { return event_; }
  const std::string& rule() const { return rule_; }

 private:
  std::string case_id_;
  std::string event_;
  std::string rule_;
};

/// Reading or writing a saved file failed.
class SerializationError : public Error {
 public:
  using Error::Error;
};

/// A saved file or byte string that is truncated, corrupted or not a charter archive at all.
class CorruptFileError : public SerializationError {
 public:
  using SerializationError::SerializationError;
};

/// A saved file written by a newer charter (or a format this build cannot read).
class UnsupportedVersionError : public SerializationError {
 public:
  using SerializationError::SerializationError;
};

/// The file system refused: a path that cannot be opened, written, synced or renamed.
class FileError : public SerializationError {
 public:
  using SerializationError::SerializationError;
};

}  // namespace charter
