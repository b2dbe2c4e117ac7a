#pragma once
// The workflow engine's private parts, shared by Case and Tracker: a string table, the compact
// form of a case (one block of 64-bit words), and the engine that checks, applies and reads
// cases against a compiled Definition.
//
// A case's words: [attributes: one 32-bit string id per attribute slot, two per word, 0 = unset]
// [cycles: kCycleWords each] [events: a header word each, followed by one word per field and
// one for a sub-second fraction] (engine.cpp spells out the bits). Instants in events and
// cycles are seconds relative to the case's base, the second of its first event; 31 bits of
// seconds reach 68 years from there.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "charter/detail/instant.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/detail/definition_index.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/status.hpp"

namespace charter::workflow::detail {

using charter::detail::Micros;

/// Interned strings with dense ids 1, 2, 3, … (0 means "none"); open addressing over an arena.
class StringTable {
 public:
  std::uint32_t intern(std::string_view s);
  /// The id of s, or 0 when it was never interned.
  std::uint32_t find(std::string_view s) const;
  std::string_view get(std::uint32_t id) const {
    return {chars_.data() + offsets_[id - 1], static_cast<std::size_t>(offsets_[id] - offsets_[id - 1])};
  }
  std::size_t size() const { return offsets_.size() - 1; }

  // For pipelined lookups (Tracker::ingest): hash first, touch the slot early, pick the
  // candidate by its hash tag, touch its text, verify last.
  static std::size_t hash(std::string_view s);
  void prefetch_slot(std::size_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(h >> 32) & (slots_.size() - 1)]);
  }
  /// The first id whose slot carries h's tag (to be verified with get()), or 0.
  std::uint32_t candidate(std::size_t h) const;
  void prefetch_text(std::uint32_t id) const { __builtin_prefetch(&offsets_[id - 1]); }
  void prefetch_chars(std::uint32_t id) const { __builtin_prefetch(chars_.data() + offsets_[id - 1]); }
  std::size_t memory_bytes() const {
    return chars_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) + slots_.capacity() * sizeof(std::uint64_t);
  }

 private:
  void grow();
  std::vector<char> chars_;
  std::vector<std::uint32_t> offsets_{0};  // up to 4 GiB of distinct text
  std::vector<std::uint64_t> slots_;  // hash tag | id, 0 = empty; size a power of two
};

inline constexpr int kCycleWords = 3;

/// One timer cycle, unpacked.
struct Cycle {
  enum Flags : std::uint8_t {
    business = 1,    ///< counted on business time
    has_goal = 2,    ///< a due instant exists
    has_warning = 4,
    warning_fixed = 8,  ///< warn holds a reached instant even while paused
  };
  std::int32_t start = 0, end = 0;  ///< end: stop instant, or pause start while paused
  std::int32_t due = 0;             ///< while paused: remaining counted seconds
  std::int32_t warn = 0;            ///< while paused and not fixed: counted seconds to the warning
  std::int32_t goal = 0;            ///< counted seconds the goal allows
  std::uint8_t timer = 0;
  std::uint8_t phase = 0;           ///< TimerPhase
  std::uint8_t flags = 0;
};

struct CaseCore {
  std::vector<std::uint64_t> words;
  Micros base = 0;                 ///< the second of the first event
  std::uint64_t ticks = 0;
  std::uint32_t events = 0;        ///< number of events
  std::uint16_t state = 0;
  std::uint16_t cycles = 0;
};

/// A decoded event of a core (ids, not strings).
struct StoredEvent {
  Micros at = 0;
  std::uint32_t actor = 0;
  std::uint16_t event = 0;
  std::uint16_t nfields = 0;
  std::size_t fields_at = 0;  ///< word offset of the first field
  std::size_t next = 0;       ///< word offset of the next event
};

class Engine {
 public:
  explicit Engine(Definition definition);

  const Definition& definition() const { return definition_; }
  const DefinitionIndex& ix() const { return *ix_; }
  StringTable& strings() { return strings_; }
  const StringTable& strings() const { return strings_; }
  const StringTable& actors() const { return actors_; }

  /// A fresh core in the initial state.
  CaseCore make_core() const;
  /// Checks and applies; throws RejectedEventError (the core unchanged).
  void apply(CaseCore& c, std::string_view case_id, const Event& e);
  /// Status as of an instant.
  CaseStatus status(const CaseCore& c, std::string_view case_id, Micros as_of) const;
  TimerExplanation explain(const CaseCore& c, std::string_view case_id, const std::string& timer, Micros as_of,
                           int cycle) const;
  std::vector<Event> events(const CaseCore& c, std::string_view case_id) const;
  /// The attributes given so far, in definition order (no timer arithmetic).
  std::vector<std::pair<std::string, std::string>> attributes(const CaseCore& c) const;

  // ---- used by Tracker's column builder -----------------------------------------------------
  /// The core as it stood at as_of: `c` itself when no event is later, else a replayed prefix
  /// in `scratch`. nullptr when the case had no event by then.
  const CaseCore* prefix(const CaseCore& c, Micros as_of, CaseCore& scratch) const;
  Cycle cycle(const CaseCore& c, int k) const;
  /// The string id of an attribute slot's value (0: not given).
  std::uint32_t attribute(const CaseCore& c, int slot) const;
  Micros base(const CaseCore& c) const;
  StoredEvent event_at(const CaseCore& c, std::size_t word) const;
  std::size_t first_event_word(const CaseCore& c) const;
  /// Word offset of the last event (the case must have one).
  std::size_t last_event_word(const CaseCore& c) const;
  /// Word offset of the event before the one at `w` (which must not be the first).
  std::size_t previous_event_word(const CaseCore& c, std::size_t w) const;
  /// Derived numbers of a cycle as of an instant.
  struct CycleView {
    TimerPhase phase;
    Micros started, stopped, due, warning_at;  // kNone when absent
    Micros goal, elapsed, remaining;
    bool met, breached, at_risk;
  };
  static constexpr Micros kNone = INT64_MIN;
  CycleView view(const CaseCore& c, const Cycle& y, Micros as_of) const;
  bool condition_holds(const CaseCore& c, const std::vector<CompiledCondition>& when) const;

 private:
  struct Pending;
  void set_attribute(CaseCore& c, int slot, std::uint32_t value) const;
  void store_cycle(CaseCore& c, int k, const Cycle& y) const;
  void insert_cycle(CaseCore& c, const Cycle& y) const;
  Micros measure(const Cycle& y, const CompiledTimer& t, Micros a, Micros b) const;
  Micros advance(const Cycle& y, const CompiledTimer& t, Micros from, Micros counted) const;
  void commit(CaseCore& c, int row, Micros at, std::uint32_t actor, const std::vector<std::pair<int, std::uint32_t>>& fields) const;
  void start_cycle(CaseCore& c, int timer, Micros at, const std::vector<std::pair<int, std::uint32_t>>& fields) const;
  void stop_cycle(CaseCore& c, int k, Micros at) const;
  void pause_cycle(CaseCore& c, int k, Micros at) const;
  void resume_cycle(CaseCore& c, int k, Micros at) const;
  int open_cycle(const CaseCore& c, int timer) const;  ///< running or paused cycle, or -1
  bool may(std::uint32_t actor, std::string_view actor_name, int action, Micros at, std::string* why);
  std::optional<Micros> parse_instant_field(std::string_view text) const;
  Micros to_abs(const CaseCore& c, std::int32_t rel) const { return base(c) + rel * charter::detail::kMicrosPerSecond; }

  Definition definition_;
  const DefinitionIndex* ix_;
  StringTable strings_;  ///< field values
  StringTable actors_;   ///< actor names (22-bit ids in event words)
  StringTable event_table_, slot_table_;  ///< event and slot names: id = index + 1
  std::size_t first_block_words_ = 0;     ///< capacity of a new case's block
  std::vector<std::vector<std::uint32_t>> allowed_ids_;  ///< by slot: string ids of the allowed values
  // Scratch reused by apply() so that applying an event allocates nothing in the common case.
  std::vector<std::pair<int, std::uint32_t>> fields_;
  std::vector<std::size_t> same_instant_;
  CaseCore saved_;
  std::unordered_map<std::uint64_t, std::int8_t> permission_;  // (actor << 16 | action) → 1 yes, 0 no, 2 by date
};

}  // namespace charter::workflow::detail
