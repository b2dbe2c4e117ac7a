#pragma once
// Case: one complaint, one rectification notice — an id, a workflow definition and an
// append-only event log; its state, attributes, timers, checklists and escalations are all
// derived from that log.
//
// Meaning:
//   - apply(event) is all-or-nothing. An event that is earlier than the last one recorded,
//     repeats one already recorded (same instant, name, actor and fields), is not in the
//     transition table for the case's state, carries an unknown field or a value an attribute
//     does not allow, lacks a field its row requires, fails the row's `when`, needs a checklist
//     that is not complete, or comes from an actor whose roles may not take the row's action on
//     that day, is refused with RejectedEventError naming the rule that refused; the case is
//     unchanged. Events at the same instant are kept in the order they were applied.
//   - Timers count whole seconds: a cycle starts and stops at the second of its event (an event
//     at 09:00:00.7 counts from 09:00:00); the log keeps each instant exactly as given.
//   - status(as_of) is the case as it stood at as_of: events after it are ignored, so the same
//     log always gives the same answer for the same instant.
//   - Dates for permission checks are the event's local date in the workflow's calendar zone.
//
// Example:
//   Case c(charter.workflow("complaint"), "C-1001");
//   c.apply({"C-1001", t0, "receive", "s-0002", {{"severity", "major"}, {"channel", "phone"}}});
//   const CaseStatus s = c.status(t0 + hours(2));
//   if (s.timer("report")->breached) …   // R-08: not reported within 30 minutes

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "charter/workflow/definition.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/status.hpp"

namespace charter::workflow {

namespace detail {
class Engine;
struct CaseCore;
}  // namespace detail

class Case {
 public:
  /// An empty case (no events yet: it is in the definition's initial state).
  Case(Definition definition, std::string id);
  /// A case rebuilt from its log (every event applied in order; the first refusal throws).
  Case(Definition definition, std::string id, const std::vector<Event>& events);
  Case(const Case& other);
  Case& operator=(const Case& other);
  Case(Case&&) noexcept;
  Case& operator=(Case&&) noexcept;
  ~Case();

  const std::string& id() const { return id_; }
  const Definition& definition() const;

  /// Applies one event (its case_id must be this case's id); throws RejectedEventError.
  void apply(const Event& event);

  /// The log, in the order applied.
  std::vector<Event> events() const;
  /// The current state's id.
  const std::string& state() const;
  /// Attributes given so far, in definition order.
  std::vector<std::pair<std::string, std::string>> attributes() const;

  /// The case as of an instant (UTC).
  CaseStatus status(const boost::posix_time::ptime& as_of) const;
  /// Why a timer's cycle (the newest when cycle is 0) is where it is as of an instant.
  TimerExplanation explain(const std::string& timer, const boost::posix_time::ptime& as_of, int cycle = 0) const;

  friend bool operator==(const Case& a, const Case& b);
  friend bool operator!=(const Case& a, const Case& b) { return !(a == b); }

 private:
  std::string id_;
  std::unique_ptr<detail::Engine> engine_;
  std::unique_ptr<detail::CaseCore> core_;
};

}  // namespace charter::workflow
