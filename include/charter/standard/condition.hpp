#pragma once
// Condition: one fact about an observation that a standard tests — "rings ≥ 5", "size in
// [large]", "apology is yes", "record_created_at present", "local_time ≥ 16:00".
//
// Meaning:
//   - The subject is a field of the observation, one of its members ("kind", "channel", "staff",
//     "unit", "id"), or "local_time": the time of day of the observation's instant on the
//     standard's calendar (HH:MM, compared as seconds since local midnight).
//   - A missing subject (a field not given, an empty member) makes every test false except
//     `absent`: conditions state facts, and a fact not recorded does not hold. So "apology is
//     yes" is false for a call that records no apology.
//   - at_least / at_most compare numbers (a field holding "4" or "4.5"; local_time: "16:00").
//     A field that is not a number is a problem with the observation, not a false fact: the
//     evaluation reports the observation as invalid, naming the field.
//   - is compares a yes/no field: yes, y, true, 1, 是 are yes; no, n, false, 0, 否 are no
//     (letters in any case); anything else makes the observation invalid.
//   - in / not_in compare the exact text with a list of values.
//
// Example (charter file):   when: [{field: rings, at_least: 5}]
//   Condition c{"rings", Condition::Test::at_least, 5};
//   c.text()  // "rings ≥ 5"

#include <string>
#include <vector>

namespace charter::standard {

struct Condition {
  /// What a condition tests.
  enum class Test {
    at_least,  ///< the subject, a number (or local time), is ≥ number
    at_most,   ///< the subject is ≤ number
    in,        ///< the subject's text is one of values
    not_in,    ///< the subject is given and its text is none of values
    is_yes,    ///< the subject is a yes/no field holding yes
    is_no,     ///< the subject is a yes/no field holding no
    present,   ///< the subject is given (not empty)
    absent,    ///< the subject is not given
  };

  std::string subject;               ///< a field, kind/channel/staff/unit/id, or local_time
  Test test = Test::present;
  double number = 0;                 ///< at_least, at_most (local_time: seconds after midnight)
  std::vector<std::string> values;   ///< in, not_in

  /// "rings ≥ 5", "local_time ≥ 16:00", "size in [large, bulk]", "apology is yes",
  /// "record_created_at present".
  std::string text() const;

  friend bool operator==(const Condition& a, const Condition& b) {
    return a.subject == b.subject && a.test == b.test && a.number == b.number && a.values == b.values;
  }
  friend bool operator!=(const Condition& a, const Condition& b) { return !(a == b); }
};

/// The subject naming the observation's local time of day.
inline constexpr const char* kLocalTimeSubject = "local_time";

/// "at_least", "at_most", "in", "not_in", "is_yes", "is_no", "present", "absent".
const char* test_name(Condition::Test t);

/// Reads a yes/no text: 1 for yes, 0 for no, -1 for anything else (see above).
int parse_yes_no(const std::string& text);

}  // namespace charter::standard
