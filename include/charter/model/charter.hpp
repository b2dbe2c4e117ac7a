#pragma once
// Charter: a service centre's whole rulebook, validated — its named calendars and its
// organisation (workflows, standards and cycles join as later blocks are built).
//
// A Charter is built from a charter file (docs/charter-file.md) or from parts, and is immutable
// once built: copies share the same data and it is safe to share between threads.
// builtin() is the charter of the source documents (data/charter/builtin.yaml, compiled in).
//
// Example:
//   const charter::Charter c = charter::Charter::load("centre.yaml");
//   const auto& office = c.calendar("office");
//   auto decision = c.organization().may_role("qa_staff", "complaint.close");

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/localized_text.hpp"
#include "charter/org/organization.hpp"

namespace charter {

class Charter {
 public:
  /// An empty charter: no calendars, an empty organisation.
  Charter();
  /// From validated parts.
  Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
          org::Organization organization);

  /// Parses charter-file text; `source` names it in errors (CharterFileError with
  /// source:line:column and the node's path).
  static Charter parse(std::string_view text, std::string_view source = "<text>");
  /// Reads and parses a charter file.
  static Charter load(const std::string& path);

  const LocalizedText& name() const;
  /// The calendar with this id; UnknownIdError naming the ids that exist otherwise.
  const calendar::BusinessCalendar& calendar(const std::string& id) const;
  const std::map<std::string, calendar::BusinessCalendar>& calendars() const;
  const org::Organization& organization() const;

  friend bool operator==(const Charter& a, const Charter& b);
  friend bool operator!=(const Charter& a, const Charter& b) { return !(a == b); }

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

/// The built-in charter of the source documents (parsed once, then shared).
const Charter& builtin();

}  // namespace charter
