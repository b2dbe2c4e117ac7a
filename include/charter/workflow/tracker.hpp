#pragma once
// Tracker: every case of one workflow, fed with events one at a time, in batches or from event
// files (CSV, JSON Lines: docs/event-files.md), answering for all cases at once.
//
// Meaning:
//   - The first event for an unknown case id opens the case; every event goes through the same
//     all-or-nothing checks as Case::apply. apply() throws RejectedEventError; ingest() never
//     throws for a refused event: it records the refusal (line, case, event, rule, message) in
//     its report and goes on, so one bad line loses nothing else.
//   - status(as_of) gives one row per case opened at or before as_of, as columns (for numpy):
//     state, timers, breaches. Events after as_of are ignored (as-of replay). From 100,000 cases
//     on it splits the work over up to four threads (the cases are only read). cycles(as_of)
//     gives one row per timer cycle, older cycles of restarted timers included.
//   - breaches(as_of) lists every cycle breached by as_of; at_risk(as_of) every running cycle
//     past its warning instant and not yet breached; explain(case, timer) says why.
//   - Memory is compact (the log and the timer cycles of a case share one block); a Tracker is
//     not safe to modify from two threads at once, and reading while modifying is not safe.
//
// Example:
//   Tracker t(charter.workflow("complaint"));
//   const IngestReport r = t.ingest_file("events.csv");
//   for (const auto& b : t.breaches(as_of)) std::cout << b.case_id << " " << b.timer << "\n";

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "charter/detail/default_init_allocator.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/status.hpp"

namespace charter::workflow {

/// One event a tracker refused (or a line it could not read).
struct Rejection {
  std::size_t line = 0;   ///< 1-based line of the event file; position in the batch otherwise
  std::string case_id;
  std::string event;
  std::string rule;       ///< RejectedEventError::rule(), or "format" for an unreadable line
  std::string message;
};

struct IngestReport {
  std::size_t accepted = 0;
  std::vector<Rejection> rejected;
};

/// status(as_of) as columns, one row per case. Instants are microseconds since 1970-01-01 UTC,
/// durations microseconds; kNone marks a missing instant (NaT in numpy).
struct StatusTable {
  static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();

  /// A column of numbers: a std::vector whose resize(n) leaves new elements unwritten (status()
  /// writes every row once; zeroing a million-row table first would cost as much again).
  template <class T>
  using Column = std::vector<T, charter::detail::DefaultInitAllocator<T>>;

  struct TimerColumns {
    std::string timer;
    Column<std::int8_t> phase;   ///< -1 never started, 0 running, 1 paused, 2 stopped
    Column<std::int32_t> cycle;  ///< 0 when never started
    Column<std::int64_t> started, due, warning_at, stopped;
    Column<std::int64_t> elapsed, remaining;  ///< 0 when never started
    Column<std::uint8_t> met, breached, at_risk;
  };

  boost::posix_time::ptime as_of;
  std::vector<std::string> case_ids;
  std::vector<std::string> state_names;  ///< labels of `state` codes (the definition's states)
  Column<std::int16_t> state;
  Column<std::uint8_t> open;
  Column<std::int64_t> opened, last_event;
  Column<std::uint32_t> events;
  Column<std::uint8_t> breached;   ///< any cycle breached
  Column<std::uint8_t> at_risk;    ///< any running cycle at risk
  Column<std::int64_t> next_due;   ///< earliest due of a running cycle
  std::vector<TimerColumns> timers;  ///< newest cycle of each timer, in definition order
};

/// cycles(as_of) as columns: one row per timer cycle — every cycle, not only the newest — of
/// every case opened at or before as_of. Cases come in status(as_of)'s row order and `case_row`
/// indexes both tables' case_ids; a case's cycles come in the order they started. Instants and
/// durations as in StatusTable. This is what period reports count from: a reopened complaint's
/// first resolution cycle, breached last month, is a row of its own.
struct CycleTable {
  static constexpr std::int64_t kNone = StatusTable::kNone;
  template <class T>
  using Column = StatusTable::Column<T>;

  boost::posix_time::ptime as_of;
  std::vector<std::string> case_ids;     ///< as StatusTable::case_ids
  Column<std::int64_t> opened;           ///< by case (as case_ids): the intake event's instant
  std::vector<std::string> timer_names;  ///< the definition's timers, in definition order
  std::vector<std::string> timer_rules;  ///< their rules ("R-05"), by timer
  Column<std::uint32_t> case_row;        ///< into case_ids
  Column<std::uint16_t> timer;           ///< into timer_names
  Column<std::int32_t> cycle;            ///< 1 for a timer's first cycle, 2 after a restart, …
  Column<std::int8_t> phase;             ///< 0 running, 1 paused, 2 stopped
  Column<std::int64_t> started, due, warning_at, stopped;  ///< due, warning_at: kNone while paused or without a goal
  Column<std::int64_t> elapsed, remaining;
  Column<std::uint8_t> met, breached, at_risk;

  std::size_t size() const { return case_row.size(); }
};

/// One attribute of every case opened at or before as_of, as it stood then, in status(as_of)'s
/// row order: a code per case into `values` (the distinct values in first-seen order), -1 where
/// the case has not been given it. What a report groups or filters cases by (their unit).
struct AttributeColumn {
  std::string attribute;
  std::vector<std::string> values;
  std::vector<std::int32_t> code;
  std::size_t size() const { return code.size(); }
};

/// A breached cycle.
struct Breach {
  std::string case_id;
  std::string timer;
  std::string rule;
  int cycle = 1;
  boost::posix_time::ptime due;
  boost::posix_time::ptime stopped;           ///< not_a_date_time while still going
  boost::posix_time::time_duration overdue;   ///< counted time past due (as of, or at stop)
  std::string escalated_to;                   ///< role of a breach escalation, if any
};

/// A running cycle past its warning instant.
struct AtRisk {
  std::string case_id;
  std::string timer;
  std::string rule;
  int cycle = 1;
  boost::posix_time::ptime warning_at;
  boost::posix_time::ptime due;
  boost::posix_time::time_duration remaining;
};

class Tracker {
 public:
  explicit Tracker(Definition definition);
  Tracker(const Tracker& other);
  Tracker& operator=(const Tracker& other);
  Tracker(Tracker&&) noexcept;
  Tracker& operator=(Tracker&&) noexcept;
  ~Tracker();

  const Definition& definition() const;

  /// Applies one event (opening its case when new); throws RejectedEventError.
  void apply(const Event& event);
  /// The same, calling `before_change` once every check has passed and before the tracker
  /// changes: when it throws, the tracker is unchanged and the exception propagates. A journal
  /// writes the event there, so an event is durable before it counts (JournaledTracker).
  void apply(const Event& event, const std::function<void()>& before_change);
  /// Applies each event in order; refusals are reported, never thrown. Rejection::line is the
  /// 1-based position in `events`.
  IngestReport ingest(const std::vector<Event>& events);
  /// Reads an event file (format by extension: .csv, .jsonl, .ndjson; naive instants are local
  /// wall time of the definition's calendar) and applies every good line; unreadable lines and
  /// refused events are reported with their line numbers.
  IngestReport ingest_file(const std::string& path);
  /// The same for text already in memory; format is "csv" or "jsonl".
  IngestReport ingest_text(std::string_view text, std::string_view format, std::string_view source = "<text>");

  std::size_t size() const;
  bool contains(const std::string& case_id) const;
  /// Case ids in the order the cases were opened.
  std::vector<std::string> case_ids() const;
  /// A copy of one case (UnknownIdError when there is none).
  Case get(const std::string& case_id) const;
  /// Every event, case by case, in the order applied within each case.
  std::vector<Event> events() const;
  std::size_t event_count() const;

  CaseStatus status(const std::string& case_id, const boost::posix_time::ptime& as_of) const;
  StatusTable status(const boost::posix_time::ptime& as_of) const;
  /// Every timer cycle of every case opened at or before as_of (see CycleTable).
  CycleTable cycles(const boost::posix_time::ptime& as_of) const;
  /// One attribute of every case (see AttributeColumn); an attribute the definition does not
  /// have is UnknownIdError naming the attributes.
  AttributeColumn attribute(const std::string& name, const boost::posix_time::ptime& as_of) const;
  std::vector<Breach> breaches(const boost::posix_time::ptime& as_of) const;
  std::vector<AtRisk> at_risk(const boost::posix_time::ptime& as_of) const;
  TimerExplanation explain(const std::string& case_id, const std::string& timer,
                           const boost::posix_time::ptime& as_of, int cycle = 0) const;

  /// Heap bytes held for the cases (logs, timer cycles, ids, interned texts), for sizing.
  std::size_t memory_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace charter::workflow
