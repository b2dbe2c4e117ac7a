#pragma once
// Observation: one piece of real service, as it happened — a call answered, a visitor greeted,
// an enquiry answered, an order made up, a transcript, a packing, a shipment. Standards are
// checked against observations (charter::standard::evaluate).
//
// Meaning:
//   - `kind` says what was observed ("call", "visit", "enquiry", "order", "transcript",
//     "packing", "shipment", …); a standard applies to the kinds it names. `at` is when it
//     happened (the call rang, the visitor arrived, the order was received), in UTC.
//   - `staff`, `unit` and `channel` say who served, where and through what ("phone",
//     "front_desk", "web", "video"); each may be empty when not known. `id` is the record's own
//     reference (a call id, an order number) and may be empty: findings name it when given.
//   - `fields` carry what was measured and recorded, as text: numbers ("rings": "4"), yes/no
//     ("apology": "yes"), instants written "YYYY-MM-DD HH:MM[:SS]" as local wall time in the
//     charter's zone or with an offset ("made_up_at": "2025-10-09 17:40"), free text
//     ("transcript": "您好，请稍等"), lists separated by ';' ("signers": "zhang.wei;li.na").
//     Names are unique within an observation; a field with an empty value is a field not given
//     (an empty CSV cell). Which fields a kind carries is up to the standards that read it.
//   - Observations are values: comparing two compares every member.
//
// Example:
//   Observation call{"CALL-7", "call", rang_utc, "li.na", "call_centre", "phone",
//                    {{"rings", "4"}, {"apology", "no"}}};

#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/workflow/event.hpp"

namespace charter::standard {

/// A named value an observation carries (the same type events carry).
using Field = workflow::Field;

struct Observation {
  std::string id;                ///< the record's reference; may be empty
  std::string kind;              ///< what was observed: "call", "visit", "order", …
  boost::posix_time::ptime at;   ///< UTC
  std::string staff;             ///< staff id of who served; may be empty
  std::string unit;              ///< unit id; may be empty
  std::string channel;           ///< "phone", "front_desk", "web", …; may be empty
  std::vector<Field> fields;

  /// The value of a field, or nullptr when the observation does not carry it.
  const std::string* field(std::string_view field_name) const {
    for (const auto& f : fields) {
      if (f.name == field_name) return &f.value;
    }
    return nullptr;
  }

  friend bool operator==(const Observation& a, const Observation& b) {
    return a.id == b.id && a.kind == b.kind && a.at == b.at && a.staff == b.staff &&
           a.unit == b.unit && a.channel == b.channel && a.fields == b.fields;
  }
  friend bool operator!=(const Observation& a, const Observation& b) { return !(a == b); }
};

}  // namespace charter::standard
