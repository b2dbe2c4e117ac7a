#pragma once
// Staff: a person, the roles they hold, their unit and when they are active.
//
// Names and phone numbers are personal data (customer and staff privacy is a rule of the source
// documents, S0 3.2.3). They are kept for the application's use but never appear unmasked in
// repr, logs or error messages: charter itself refers to staff by id and shows masked() values.

#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace charter::org {

/// The dates a person holds their roles: [from, until], both inclusive; open-ended when absent.
struct ActivePeriod {
  std::optional<boost::gregorian::date> from;
  std::optional<boost::gregorian::date> until;

  bool contains(const boost::gregorian::date& d) const {
    return (!from || *from <= d) && (!until || d <= *until);
  }
  friend bool operator==(const ActivePeriod& a, const ActivePeriod& b) {
    return a.from == b.from && a.until == b.until;
  }
  friend bool operator!=(const ActivePeriod& a, const ActivePeriod& b) { return !(a == b); }
};

struct Staff {
  std::string id;
  std::string name;   ///< personal data: shown only through masked_name()
  std::string phone;  ///< personal data: shown only through masked_phone()
  std::vector<std::string> roles;
  std::string unit;
  ActivePeriod active;

  friend bool operator==(const Staff& a, const Staff& b) {
    return a.id == b.id && a.name == b.name && a.phone == b.phone && a.roles == b.roles &&
           a.unit == b.unit && a.active == b.active;
  }
  friend bool operator!=(const Staff& a, const Staff& b) { return !(a == b); }
};

/// First character kept, the rest starred, by UTF-8 character: "王芳" → "王*", "Alice" → "A****".
std::string mask_name(const std::string& name);
/// Last four digits kept: "13812345678" → "*******5678"; short numbers fully starred.
std::string mask_phone(const std::string& phone);

}  // namespace charter::org
