#include "engine.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant_text.hpp"
#include "charter/error.hpp"

namespace charter::workflow::detail {

using charter::detail::from_micros;
using charter::detail::kMicrosPerSecond;
using charter::detail::to_micros;

// ---- StringTable ----------------------------------------------------------------------------

namespace {
// A multiply-xorshift hash over 8-byte words: ids, names and short texts hash in a few
// nanoseconds (std::hash's murmur costs several times more at millions of events).
std::size_t hash_of(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (s.size() * 0xC2B2AE3D27D4EB4FULL);
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t k;
    std::memcpy(&k, p, 8);
    h = (h ^ k) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  std::uint64_t k = 0;
  std::memcpy(&k, p, n);
  h = (h ^ k) * 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBULL;
  return static_cast<std::size_t>(h ^ (h >> 31));
}
Micros floor_second(Micros t) {
  Micros r = t % kMicrosPerSecond;
  return r < 0 ? t - r - kMicrosPerSecond : t - r;
}
}  // namespace

std::size_t StringTable::hash(std::string_view s) { return hash_of(s); }

std::uint32_t StringTable::candidate(std::size_t h) const {
  if (slots_.empty()) return 0;
  const std::uint64_t tag = static_cast<std::uint64_t>(h >> 32) << 32;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = (h >> 32) & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return 0;
    if ((slot & 0xFFFFFFFF00000000ULL) == tag) return static_cast<std::uint32_t>(slot);
  }
}

// A slot holds an id (low 32 bits) and the high 32 bits of its string's hash, so a probe
// compares text only when the hashes agree.
std::uint32_t StringTable::find(std::string_view s) const {
  if (slots_.empty()) return 0;
  const std::size_t h = hash_of(s);
  const std::uint64_t tag = static_cast<std::uint64_t>(h >> 32) << 32;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = (h >> 32) & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return 0;
    const auto id = static_cast<std::uint32_t>(slot);
    if ((slot & 0xFFFFFFFF00000000ULL) == tag && get(id) == s) return id;
  }
}

std::uint32_t StringTable::intern(std::string_view s) {
  if ((size() + 1) * 4 > slots_.size() * 3) grow();
  const std::size_t h = hash_of(s);
  const std::uint64_t tag = static_cast<std::uint64_t>(h >> 32) << 32;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = (h >> 32) & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) break;
    const auto id = static_cast<std::uint32_t>(slot);
    if ((slot & 0xFFFFFFFF00000000ULL) == tag && get(id) == s) return id;
  }
  if (size() >= 0xFFFFFFF0u || chars_.size() + s.size() > 0xFFFFFFFFu) {
    throw Error("more than 4 GiB of distinct texts in one tracker");
  }
  chars_.insert(chars_.end(), s.begin(), s.end());
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  const auto id = static_cast<std::uint32_t>(size());
  slots_[i] = tag | id;
  return id;
}

// A slot's position comes from the same high 32 bits of the hash that its tag keeps, so growing
// re-places the slots from their tags alone, without reading a text or hashing again (up to
// 2^32 slots).
void StringTable::grow() {
  std::vector<std::uint64_t> bigger(std::max<std::size_t>(16, slots_.size() * 2), 0);
  const std::size_t mask = bigger.size() - 1;
  for (const std::uint64_t slot : slots_) {
    if (slot == 0) continue;
    std::size_t i = static_cast<std::size_t>(slot >> 32) & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = slot;
  }
  slots_ = std::move(bigger);
}

// ---- core layout ----------------------------------------------------------------------------

namespace {

std::size_t attribute_words(const DefinitionIndex& ix) { return (static_cast<std::size_t>(ix.n_attributes) + 1) / 2; }

std::uint64_t pack2(std::uint32_t lo, std::uint32_t hi) { return lo | (std::uint64_t{hi} << 32); }
std::uint32_t lo32(std::uint64_t w) { return static_cast<std::uint32_t>(w); }
std::uint32_t hi32(std::uint64_t w) { return static_cast<std::uint32_t>(w >> 32); }

// Event words. A header (top bit clear): seconds after the case's base (31 bits), the event
// (10 bits), the actor (22 bits). Then its fields (top bit set): slot (8 bits) and value (32
// bits); a last field word with slot kFractionSlot carries the microseconds of an instant that
// is not a whole second.
constexpr std::uint64_t kFieldTag = std::uint64_t{1} << 63;
constexpr int kFractionSlot = 255;
constexpr std::uint32_t kMaxActors = (1u << 22) - 1;
constexpr Micros kMaxRelativeSeconds = (Micros{1} << 31) - 1;
std::uint64_t field_word(int slot, std::uint32_t value) {
  return kFieldTag | (static_cast<std::uint64_t>(slot) << 32) | value;
}
int field_slot(std::uint64_t w) { return static_cast<int>((w >> 32) & 0xFF); }
std::uint32_t field_value(std::uint64_t w) { return static_cast<std::uint32_t>(w); }

}  // namespace

Engine::Engine(Definition definition) : definition_(std::move(definition)), ix_(&definition_.index()) {
  // Dense name tables for the hot path: id = index + 1.
  for (const auto& n : ix_->event_names) event_table_.intern(n);
  for (const auto& n : ix_->slot_names) slot_table_.intern(n);
  // A new case's block has room for a cycle of every timer and a few events: an opening event
  // typically starts several timers, and growing the block once per cycle inserted cost three
  // allocations and copies per case at a million cases. (A closed case is trimmed to its size.)
  first_block_words_ = attribute_words(*ix_) + kCycleWords * ix_->timers.size() + 16;
  // A value from an attribute's list is found by the check that it is allowed; its string id is
  // kept here so that it is not looked up again in the table of every value.
  allowed_ids_.resize(ix_->allowed.size());
  for (std::size_t slot = 0; slot < ix_->allowed.size(); ++slot) {
    for (const auto& v : ix_->allowed[slot]) allowed_ids_[slot].push_back(strings_.intern(v));
  }
}

CaseCore Engine::make_core() const {
  CaseCore c;
  c.words.reserve(first_block_words_);
  c.words.assign(attribute_words(*ix_), 0);
  c.state = static_cast<std::uint16_t>(ix_->initial);
  return c;
}

std::uint32_t Engine::attribute(const CaseCore& c, int slot) const {
  const std::uint64_t w = c.words[static_cast<std::size_t>(slot / 2)];
  return slot % 2 ? hi32(w) : lo32(w);
}

void Engine::set_attribute(CaseCore& c, int slot, std::uint32_t value) const {
  std::uint64_t& w = c.words[static_cast<std::size_t>(slot / 2)];
  w = slot % 2 ? pack2(lo32(w), value) : pack2(value, hi32(w));
}

std::size_t Engine::first_event_word(const CaseCore& c) const {
  return attribute_words(*ix_) + static_cast<std::size_t>(c.cycles) * kCycleWords;
}

StoredEvent Engine::event_at(const CaseCore& c, std::size_t word) const {
  StoredEvent e;
  const std::uint64_t h = c.words[word];
  e.at = c.base + static_cast<Micros>(h & 0x7FFFFFFF) * kMicrosPerSecond;
  e.event = static_cast<std::uint16_t>((h >> 31) & 0x3FF);
  e.actor = static_cast<std::uint32_t>((h >> 41) & kMaxActors);
  e.fields_at = word + 1;
  std::size_t w = e.fields_at;
  const std::size_t end = c.words.size();
  while (w < end && (c.words[w] & kFieldTag) && field_slot(c.words[w]) != kFractionSlot) ++w;
  e.nfields = static_cast<std::uint16_t>(w - e.fields_at);
  if (w < end && (c.words[w] & kFieldTag)) {
    e.at += field_value(c.words[w]);
    ++w;
  }
  e.next = w;
  return e;
}

Micros Engine::base(const CaseCore& c) const { return c.base; }

std::size_t Engine::last_event_word(const CaseCore& c) const {
  // Not stored (every word counts at a million cases): the last header is the last word with its
  // top bit clear, a few words from the end.
  std::size_t w = c.words.size() - 1;
  while (w > first_event_word(c) && (c.words[w] & kFieldTag)) --w;
  return w;
}

std::size_t Engine::previous_event_word(const CaseCore& c, std::size_t w) const {
  std::size_t p = w - 1;
  while (p > first_event_word(c) && (c.words[p] & kFieldTag)) --p;
  return p;
}

Cycle Engine::cycle(const CaseCore& c, int k) const {
  const std::size_t at = attribute_words(*ix_) + static_cast<std::size_t>(k) * kCycleWords;
  Cycle y;
  y.start = static_cast<std::int32_t>(lo32(c.words[at]));
  y.end = static_cast<std::int32_t>(hi32(c.words[at]));
  y.due = static_cast<std::int32_t>(lo32(c.words[at + 1]));
  y.warn = static_cast<std::int32_t>(hi32(c.words[at + 1]));
  const std::uint64_t w = c.words[at + 2];
  y.goal = static_cast<std::int32_t>(lo32(w));
  y.timer = static_cast<std::uint8_t>(w >> 32);
  y.phase = static_cast<std::uint8_t>(w >> 40);
  y.flags = static_cast<std::uint8_t>(w >> 48);
  return y;
}

void Engine::store_cycle(CaseCore& c, int k, const Cycle& y) const {
  const std::size_t at = attribute_words(*ix_) + static_cast<std::size_t>(k) * kCycleWords;
  c.words[at] = pack2(static_cast<std::uint32_t>(y.start), static_cast<std::uint32_t>(y.end));
  c.words[at + 1] = pack2(static_cast<std::uint32_t>(y.due), static_cast<std::uint32_t>(y.warn));
  c.words[at + 2] = static_cast<std::uint32_t>(y.goal) | (std::uint64_t{y.timer} << 32) |
                    (std::uint64_t{y.phase} << 40) | (std::uint64_t{y.flags} << 48);
}

// Cases are short: growing a case's block by half its size plus a few words keeps it close to
// its size with few reallocations (doubling would leave up to half of every block empty), and a
// closed case is trimmed.
static void reserve_words(CaseCore& c, std::size_t more) {
  if (c.words.capacity() < c.words.size() + more) c.words.reserve(c.words.size() + more + 8 + c.words.size() / 2);
}

void Engine::insert_cycle(CaseCore& c, const Cycle& y) const {
  const std::size_t at = first_event_word(c);
  reserve_words(c, kCycleWords);
  c.words.insert(c.words.begin() + static_cast<std::ptrdiff_t>(at), kCycleWords, 0);
  ++c.cycles;
  store_cycle(c, c.cycles - 1, y);
}

int Engine::open_cycle(const CaseCore& c, int timer) const {
  for (int k = c.cycles - 1; k >= 0; --k) {
    const Cycle y = cycle(c, k);
    if (y.timer == timer) return y.phase == static_cast<std::uint8_t>(TimerPhase::stopped) ? -1 : k;
  }
  return -1;
}

// ---- counting -------------------------------------------------------------------------------

Micros Engine::measure(const Cycle& y, const CompiledTimer& t, Micros a, Micros b) const {
  if (!(y.flags & Cycle::business)) return b - a;
  const auto& ix = t.calendar->index();
  ix.require_in_range(a, "timer instant");
  ix.require_in_range(b, "timer instant");
  return ix.elapsed(a, b);
}

Micros Engine::advance(const Cycle& y, const CompiledTimer& t, Micros from, Micros counted) const {
  if (!(y.flags & Cycle::business)) return from + counted;
  const auto& ix = t.calendar->index();
  ix.require_in_range(from, "timer instant");
  if (counted <= 0) return counted == 0 ? from : ix.add(from, counted);
  return ix.add(from, counted);
}

namespace {

// `what` is a literal: a std::string parameter cost two allocations per timer cycle started
// (the longer names do not fit a string's inline buffer), for a message hardly ever written.
std::int32_t rel_seconds(Micros t, Micros base, const char* what) {
  const Micros s = (t - base) / kMicrosPerSecond;
  if (s < INT32_MIN + 1 || s > INT32_MAX) {
    throw InvalidTimeError(std::string(what) + " lies more than 68 years from the case's first event");
  }
  return static_cast<std::int32_t>(s);
}

}  // namespace

std::optional<Micros> Engine::parse_instant_field(std::string_view text) const {
  // The forms event files use for `at` (docs/event-files.md): a local wall time of the
  // workflow's calendar zone, or an exact instant with an offset.
  charter::detail::WallText t;
  calendar::DateTimeProblem problem;
  if (!charter::detail::try_parse_wall(text, t, problem)) return std::nullopt;
  try {
    const Micros utc = charter::detail::utc_of(t, ix_->default_calendar->index());
    if (utc < charter::detail::kMinMicros || utc >= charter::detail::kEndMicros) return std::nullopt;
    return utc;
  } catch (const Error&) {
    return std::nullopt;  // a wall time in a spring-forward gap
  }
}

void Engine::start_cycle(CaseCore& c, int timer, Micros at,
                         const std::vector<std::pair<int, std::uint32_t>>& fields) const {
  const CompiledTimer& t = ix_->timers[static_cast<std::size_t>(timer)];
  const Micros b = base(c);
  const Micros start = floor_second(at);
  Cycle y;
  y.timer = static_cast<std::uint8_t>(timer);
  y.start = rel_seconds(start, b, "a timer's start");
  y.end = y.start;
  y.phase = static_cast<std::uint8_t>(TimerPhase::running);
  Micros due = kNone;
  if (t.goal_field >= 0) {
    // The agreed instant: from the starting event, else the latest the case was given.
    std::uint32_t id = 0;
    for (const auto& [slot, value] : fields) {
      if (slot == t.goal_field) id = value;
    }
    if (id == 0) {
      for (std::size_t w = first_event_word(c); c.events && w < c.words.size();) {
        const StoredEvent e = event_at(c, w);
        for (std::size_t f = 0; f < e.nfields; ++f) {
          if (field_slot(c.words[e.fields_at + f]) == t.goal_field) id = field_value(c.words[e.fields_at + f]);
        }
        w = e.next;
      }
    }
    if (id != 0) {
      if (auto v = parse_instant_field(strings_.get(id))) due = floor_second(*v);
    }
  } else {
    const calendar::Deadline* rule = t.default_rule;
    if (t.goal_slot >= 0) {
      const std::uint32_t v = attribute(c, t.goal_slot);
      if (v != 0) {
        const std::string_view value = strings_.get(v);
        for (const auto& [key, r] : t.rules) {
          if (key == value) rule = &r;
        }
      }
    }
    if (rule) {
      if (rule->kind() == calendar::Deadline::Kind::business_time || rule->kind() == calendar::Deadline::Kind::business_days) {
        y.flags |= Cycle::business;
      }
      due = rule->kind() == calendar::Deadline::Kind::clock ? start + to_micros(rule->duration())
                                                              : to_micros(rule->due(from_micros(start), *t.calendar));
    }
  }
  if (due != kNone) {
    y.flags |= Cycle::has_goal;
    y.due = rel_seconds(due, b, "a timer's due instant");
    const Micros goal = measure(y, t, start, due);
    y.goal = static_cast<std::int32_t>(goal / kMicrosPerSecond);
    const Warning& w = t.spec->warning;
    Micros warn = kNone;
    if (w.kind == Warning::Kind::percent && goal > 0) {
      warn = advance(y, t, start, (goal / kMicrosPerSecond) * w.percent / 100 * kMicrosPerSecond);
    } else if (w.kind == Warning::Kind::before) {
      const Micros d = to_micros(w.before->duration());
      if (w.before->kind() == calendar::Deadline::Kind::clock) {
        warn = due - d;
      } else {
        const auto& ix = t.calendar->index();
        ix.require_in_range(due, "a timer's due instant");
        const Micros p = ix.position(due) - d;
        warn = p <= 0 ? ix.range_begin : ix.earliest_at(p);
      }
      warn = std::max(warn, start);
    }
    if (warn != kNone) {
      y.flags |= Cycle::has_warning;
      y.warn = rel_seconds(warn, b, "a timer's warning instant");
    }
  }
  insert_cycle(c, y);
  if (ix_->paused_in[c.state] & (std::uint64_t{1} << timer)) pause_cycle(c, c.cycles - 1, at);
}

void Engine::stop_cycle(CaseCore& c, int k, Micros at) const {
  Cycle y = cycle(c, k);
  const Micros b = base(c);
  const Micros t = floor_second(at);
  if (y.phase == static_cast<std::uint8_t>(TimerPhase::paused)) {
    // Stopped while paused: the due instant is where it would fall had the case resumed now.
    resume_cycle(c, k, at);
    y = cycle(c, k);
  }
  y.end = rel_seconds(t, b, "a timer's stop");
  y.phase = static_cast<std::uint8_t>(TimerPhase::stopped);
  store_cycle(c, k, y);
}

void Engine::pause_cycle(CaseCore& c, int k, Micros at) const {
  Cycle y = cycle(c, k);
  if (y.phase != static_cast<std::uint8_t>(TimerPhase::running)) return;
  const CompiledTimer& t = ix_->timers[y.timer];
  const Micros b = base(c);
  const Micros now = floor_second(at);
  y.end = rel_seconds(now, b, "a timer's pause");
  if (y.flags & Cycle::has_goal) {
    y.due = static_cast<std::int32_t>(measure(y, t, now, to_abs(c, y.due)) / kMicrosPerSecond);
    if ((y.flags & Cycle::has_warning) && !(y.flags & Cycle::warning_fixed)) {
      const Micros warn = to_abs(c, y.warn);
      if (warn <= now) {
        y.flags |= Cycle::warning_fixed;
      } else {
        y.warn = static_cast<std::int32_t>(measure(y, t, now, warn) / kMicrosPerSecond);
      }
    }
  }
  y.phase = static_cast<std::uint8_t>(TimerPhase::paused);
  store_cycle(c, k, y);
}

void Engine::resume_cycle(CaseCore& c, int k, Micros at) const {
  Cycle y = cycle(c, k);
  if (y.phase != static_cast<std::uint8_t>(TimerPhase::paused)) return;
  const CompiledTimer& t = ix_->timers[y.timer];
  const Micros b = base(c);
  const Micros now = floor_second(at);
  if (y.flags & Cycle::has_goal) {
    y.due = rel_seconds(advance(y, t, now, Micros{y.due} * kMicrosPerSecond), b, "a timer's due instant");
    if ((y.flags & Cycle::has_warning) && !(y.flags & Cycle::warning_fixed)) {
      y.warn = rel_seconds(advance(y, t, now, Micros{y.warn} * kMicrosPerSecond), b, "a timer's warning instant");
    }
    y.flags &= static_cast<std::uint8_t>(~Cycle::warning_fixed);
  }
  y.end = rel_seconds(now, b, "a timer's resume");
  y.phase = static_cast<std::uint8_t>(TimerPhase::running);
  store_cycle(c, k, y);
}

bool Engine::condition_holds(const CaseCore& c, const std::vector<CompiledCondition>& when) const {
  for (const auto& cond : when) {
    const std::uint32_t v = attribute(c, cond.slot);
    if (v == 0) return false;
    const std::string_view value = strings_.get(v);
    if (std::find(cond.values.begin(), cond.values.end(), value) == cond.values.end()) return false;
  }
  return true;
}

// ---- applying -------------------------------------------------------------------------------

void Engine::commit(CaseCore& c, int row_index, Micros at, std::uint32_t actor,
                    const std::vector<std::pair<int, std::uint32_t>>& fields) const {
  const CompiledRow& row = ix_->rows[static_cast<std::size_t>(row_index)];
  // The log first: cycle arithmetic is relative to the first event.
  if (c.events == 0) c.base = floor_second(at);
  const Micros second = floor_second(at);
  const Micros fraction = at - second;
  reserve_words(c, 2 + fields.size());
  c.words.push_back(static_cast<std::uint64_t>((second - c.base) / kMicrosPerSecond) |
                    (static_cast<std::uint64_t>(row.event) << 31) | (std::uint64_t{actor} << 41));
  for (const auto& [slot, value] : fields) c.words.push_back(field_word(slot, value));
  if (fraction) c.words.push_back(field_word(kFractionSlot, static_cast<std::uint32_t>(fraction)));
  ++c.events;
  for (const auto& [slot, value] : fields) {
    if (slot < ix_->n_attributes) set_attribute(c, slot, value);
  }
  c.ticks |= row.ticks;
  // The state change pauses and resumes running cycles, then the event's own timer operations,
  // then those of entering the new state; a cycle started in a pause state starts paused.
  const int from = c.state;
  const int to = row.to < 0 ? from : row.to;
  if (to != from) {
    c.state = static_cast<std::uint16_t>(to);
    const std::uint64_t before = ix_->paused_in[static_cast<std::size_t>(from)];
    const std::uint64_t after = ix_->paused_in[static_cast<std::size_t>(to)];
    if (before != after) {
      for (int k = 0; k < c.cycles; ++k) {
        const Cycle y = cycle(c, k);
        const std::uint64_t bit = std::uint64_t{1} << y.timer;
        if ((after & bit) && !(before & bit)) pause_cycle(c, k, at);
        if ((before & bit) && !(after & bit)) resume_cycle(c, k, at);
      }
    }
  }
  auto run = [&](const std::vector<std::pair<int, TimerOp>>& ops) {
    for (const auto& [timer, op] : ops) {
      const int k = open_cycle(c, timer);
      const CompiledTimer& t = ix_->timers[static_cast<std::size_t>(timer)];
      switch (op) {
        case TimerOp::stop:
          if (k >= 0) stop_cycle(c, k, at);
          break;
        case TimerOp::restart:
          if (k >= 0) stop_cycle(c, k, at);
          if (condition_holds(c, t.when)) start_cycle(c, timer, at, fields);
          break;
        case TimerOp::start:
          if (k < 0 && condition_holds(c, t.when)) start_cycle(c, timer, at, fields);
          break;
      }
    }
  };
  run(ix_->on_event[static_cast<std::size_t>(row.event)]);
  if (to != from) run(ix_->on_enter[static_cast<std::size_t>(to)]);
  if (ix_->terminal[c.state]) c.words.shrink_to_fit();
}

bool Engine::may(std::uint32_t actor, std::string_view actor_name, int action, Micros at, std::string* why) {
  const std::uint64_t key = (std::uint64_t{actor} << 16) | static_cast<std::uint64_t>(action);
  auto it = permission_.find(key);
  if (it != permission_.end() && it->second == 1) return true;
  const org::Organization& org = ix_->organization;
  const std::string name(actor_name);
  const std::string& action_id = ix_->actions[static_cast<std::size_t>(action)];
  if (it == permission_.end()) {
    std::int8_t v = 0;
    if (org.has_staff(name)) {
      const bool dated = org.staff_member(name).active.from || org.staff_member(name).active.until;
      v = dated ? 2 : (org.may_staff(name, action_id).allowed ? 1 : 0);
    } else {
      v = -1;
    }
    it = permission_.emplace(key, v).first;
  }
  if (it->second == 1) return true;
  if (it->second == -1) {
    *why = "actor '" + name + "' is not a staff member of the organisation, and '" + action_id +
           "' is not open to anyone";
    return false;
  }
  std::optional<boost::gregorian::date> on;
  if (it->second == 2) on = ix_->default_calendar->to_local(from_micros(at)).date();
  const org::Decision d = org.may_staff(name, action_id, on);
  if (!d.allowed) *why = d.reason;
  return d.allowed;
}

void Engine::apply(CaseCore& c, std::string_view case_id, const Event& e) {
  auto reject = [&](const char* rule, const std::string& message) {
    throw RejectedEventError(std::string(case_id), e.name, rule, message);
  };
  if (e.case_id != case_id) reject("case", "the event names case '" + e.case_id + "'");
  if (e.at.is_special()) reject("order", "the event has no real instant (" + charter::detail::format_instant(e.at) + ")");
  const Micros at = to_micros(e.at);
  const int event = static_cast<int>(event_table_.find(e.name)) - 1;
  if (event < 0) {
    std::string known;
    for (const auto& n : ix_->event_names) known += (known.empty() ? "" : ", ") + n;
    reject("event", "workflow '" + ix_->spec.id + "' has no event '" + e.name + "' (known: " + known + ")");
  }
  if (e.actor.empty()) reject("actor", "the event names no actor");
  const std::string& state_id = ix_->spec.states[c.state].id;
  // Fields (before the duplicate check, which compares interned values): known names, once
  // each, allowed values, readable instants.
  auto& fields = fields_;
  fields.clear();
  for (const auto& f : e.fields) {
    const int slot = static_cast<int>(slot_table_.find(f.name)) - 1;
    if (slot < 0) {
      std::string known;
      for (const auto& n : ix_->slot_names) known += (known.empty() ? "" : ", ") + n;
      reject("field", "unknown field '" + f.name + "' (known: " + known + ")");
    }
    for (const auto& [s, v] : fields) {
      if (s == slot) reject("field", "field '" + f.name + "' is given twice");
    }
    const auto& allowed = ix_->allowed[static_cast<std::size_t>(slot)];
    std::uint32_t value = 0;  // the value's string id when it is one of a list
    if (!allowed.empty()) {
      const auto it = std::find(allowed.begin(), allowed.end(), f.value);
      if (it == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        reject("field", "'" + f.value + "' is not a value of '" + f.name + "' (allowed: " + list + ")");
      }
      value = allowed_ids_[static_cast<std::size_t>(slot)][static_cast<std::size_t>(it - allowed.begin())];
    }
    if (ix_->slot_type[static_cast<std::size_t>(slot)] == FieldSpec::Type::instant && !f.value.empty() &&
        !parse_instant_field(f.value)) {
      reject("field", "field '" + f.name + "': '" + f.value + "' is not a date and time \"YYYY-MM-DD HH:MM[:SS]\" (local time in " +
                          ix_->default_calendar->zone() + ", or with a UTC offset)");
    }
    if (f.value.empty()) continue;  // an empty value is a field not given
    // Interned now, so the duplicate check compares ids; a refused event's texts stay in the
    // table (harmless: nothing refers to them).
    fields.emplace_back(slot, value != 0 ? value : strings_.intern(f.value));
  }
  // The last event, and the events at this very instant (the log is in time order, so they are
  // found walking back from the end): a duplicate is reported as one, however late it comes.
  Micros last_at = INT64_MIN;
  same_instant_.clear();
  if (c.events) {
    std::size_t w = last_event_word(c);
    for (std::uint32_t k = 0; k < c.events; ++k) {
      const Micros t = event_at(c, w).at;
      if (k == 0) last_at = t;
      if (t < at) break;
      if (t == at) same_instant_.push_back(w);
      if (k + 1 < c.events) w = previous_event_word(c, w);
    }
  }
  // Duplicates: the same instant, event, actor and fields as one already recorded.
  const std::uint32_t actor_id = actors_.find(e.actor);
  if (actor_id != 0) {
    for (const std::size_t w : same_instant_) {
      const StoredEvent s = event_at(c, w);
      if (s.event == event && s.actor == actor_id && s.nfields == fields.size()) {
        bool same = true;
        for (std::size_t f = 0; f < fields.size() && same; ++f) {
          same = field_slot(c.words[s.fields_at + f]) == fields[f].first && field_value(c.words[s.fields_at + f]) == fields[f].second;
        }
        if (same) reject("duplicate", "the same event was already recorded at " + charter::detail::format_instant(e.at) + " UTC");
      }
    }
  }
  if (c.events && at < last_at) {
    reject("order", "it happened at " + charter::detail::format_instant(e.at) + " UTC, before the case's last event at " +
                        charter::detail::format_instant(from_micros(last_at)) + " UTC; events are applied in time order");
  }
  if (c.events && floor_second(at) - c.base > kMaxRelativeSeconds * kMicrosPerSecond) {
    reject("order", "it happened more than 68 years after the case's first event");
  }
  const int row_index = ix_->row(event, c.state);
  if (row_index < 0) {
    std::string allowed;
    for (std::size_t r = 0; r < ix_->rows.size(); ++r) {
      const int ev = ix_->rows[r].event;
      if (ix_->row(ev, c.state) == static_cast<int>(r)) allowed += (allowed.empty() ? "" : ", ") + ix_->event_names[static_cast<std::size_t>(ev)];
    }
    reject("transition", c.events == 0 && c.state == ix_->initial
                             ? "a case starts with " + allowed + ", not '" + e.name + "'"
                             : "not allowed in state '" + state_id + "' (allowed there: " + (allowed.empty() ? "nothing" : allowed) + ")");
  }
  const CompiledRow& row = ix_->rows[static_cast<std::size_t>(row_index)];
  auto given = [&](int slot) {
    for (const auto& [s, v] : fields) {
      if (s == slot) return true;
    }
    return slot < ix_->n_attributes && attribute(c, slot) != 0;
  };
  for (int slot : row.requires) {
    if (!given(slot)) reject("requires", "'" + e.name + "' requires field '" + ix_->slot_names[static_cast<std::size_t>(slot)] + "'");
  }
  if (c.state == ix_->initial) {
    for (int slot : ix_->required_attributes) {
      if (!given(slot)) reject("requires", "a new case requires attribute '" + ix_->slot_names[static_cast<std::size_t>(slot)] + "'");
    }
  }
  // Conditions on attributes see the values this event gives.
  if (!row.when.empty()) {
    CaseCore probe;
    probe.words.assign(c.words.begin(), c.words.begin() + static_cast<std::ptrdiff_t>(attribute_words(*ix_)));
    for (const auto& [slot, value] : fields) {
      if (slot < ix_->n_attributes) set_attribute(probe, slot, value);
    }
    if (!condition_holds(probe, row.when)) {
      std::string need;
      for (const auto& cond : row.when) {
        std::string vals;
        for (const auto& v : cond.values) vals += (vals.empty() ? "" : " or ") + v;
        const std::uint32_t have = attribute(probe, cond.slot);
        need += (need.empty() ? "" : "; ") + ix_->slot_names[static_cast<std::size_t>(cond.slot)] + " " + vals +
                " (this case: " + (have ? std::string(strings_.get(have)) : std::string("not given")) + ")";
      }
      reject("when", "'" + e.name + "' applies only when " + need);
    }
  }
  for (int k : row.checklists) {
    const std::uint64_t mask = ix_->checklist_mask[static_cast<std::size_t>(k)];
    std::string missing;
    for (int bit = 0; bit < 64; ++bit) {
      const std::uint64_t b = std::uint64_t{1} << bit;
      if (!(mask & b) || (c.ticks & b)) continue;
      if (!condition_holds(c, ix_->item_when[static_cast<std::size_t>(bit)])) continue;
      missing += (missing.empty() ? "" : ", ") + ix_->item_names[static_cast<std::size_t>(bit)];
    }
    if (!missing.empty()) {
      reject("checklist", "checklist '" + ix_->spec.checklists[static_cast<std::size_t>(k)].id + "' is not complete: " + missing + " not done");
    }
  }
  if (actor_id == 0 && actors_.size() >= kMaxActors) reject("actor", "more than 4,194,303 distinct actors in one tracker");
  const std::uint32_t actor = actor_id != 0 ? actor_id : actors_.intern(e.actor);
  if (row.action >= 0) {
    std::string why;
    if (!may(actor, e.actor, row.action, at, &why)) {
      reject("actor", "'" + e.name + "' needs action '" + ix_->actions[static_cast<std::size_t>(row.action)] + "': " + why);
    }
  }
  // Everything checked: commit. Timer arithmetic can still refuse (a calendar's range, an
  // instant beyond 68 years); the case is restored from a copy then (a reused buffer: no
  // allocation on the way).
  // Only the head (attributes and cycles) changes in place; the log only grows behind it, shifted
  // by the cycles inserted. So the head is kept and the log's old length remembered.
  const std::size_t head = first_event_word(c);
  const std::size_t log_words = c.words.size() - head;
  saved_.words.assign(c.words.begin(), c.words.begin() + static_cast<std::ptrdiff_t>(head));
  saved_.base = c.base;
  saved_.ticks = c.ticks;
  saved_.events = c.events;
  saved_.state = c.state;
  saved_.cycles = c.cycles;
  try {
    commit(c, row_index, at, actor, fields);
  } catch (const Error& err) {
    const auto log = c.words.begin() + static_cast<std::ptrdiff_t>(first_event_word(c));
    saved_.words.insert(saved_.words.end(), log, log + static_cast<std::ptrdiff_t>(log_words));
    c.words.assign(saved_.words.begin(), saved_.words.end());
    c.base = saved_.base;
    c.ticks = saved_.ticks;
    c.events = saved_.events;
    c.state = saved_.state;
    c.cycles = saved_.cycles;
    reject("timer", err.what());
  }
}

// ---- reading --------------------------------------------------------------------------------

std::vector<Event> Engine::events(const CaseCore& c, std::string_view case_id) const {
  std::vector<Event> out;
  out.reserve(c.events);
  for (std::size_t w = first_event_word(c); c.events && w < c.words.size();) {
    const StoredEvent s = event_at(c, w);
    Event e;
    e.case_id = std::string(case_id);
    e.at = from_micros(s.at);
    e.name = ix_->event_names[s.event];
    e.actor = std::string(actors_.get(s.actor));
    for (std::size_t f = 0; f < s.nfields; ++f) {
      const std::uint64_t fw = c.words[s.fields_at + f];
      e.fields.push_back({ix_->slot_names[static_cast<std::size_t>(field_slot(fw))], std::string(strings_.get(field_value(fw)))});
    }
    out.push_back(std::move(e));
    w = s.next;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Engine::attributes(const CaseCore& c) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (int slot = 0; slot < ix_->n_attributes; ++slot) {
    if (const std::uint32_t v = attribute(c, slot)) {
      out.emplace_back(ix_->slot_names[static_cast<std::size_t>(slot)], std::string(strings_.get(v)));
    }
  }
  return out;
}

const CaseCore* Engine::prefix(const CaseCore& c, Micros as_of, CaseCore& scratch) const {
  if (c.events == 0) return nullptr;
  if (event_at(c, last_event_word(c)).at <= as_of) return &c;
  const std::size_t first = first_event_word(c);
  if (event_at(c, first).at > as_of) return nullptr;
  // Replay the prefix: every event was checked when it was applied, so only commit runs.
  scratch = make_core();
  for (std::size_t w = first; w < c.words.size();) {
    const StoredEvent s = event_at(c, w);
    if (s.at > as_of) break;
    std::vector<std::pair<int, std::uint32_t>> fields;
    for (std::size_t f = 0; f < s.nfields; ++f) {
      fields.emplace_back(field_slot(c.words[s.fields_at + f]), field_value(c.words[s.fields_at + f]));
    }
    commit(scratch, ix_->row(s.event, scratch.state), s.at, s.actor, fields);
    w = s.next;
  }
  return &scratch;
}

Engine::CycleView Engine::view(const CaseCore& c, const Cycle& y, Micros as_of) const {
  const CompiledTimer& t = ix_->timers[y.timer];
  CycleView v{};
  v.phase = static_cast<TimerPhase>(y.phase);
  v.started = to_abs(c, y.start);
  v.stopped = v.phase == TimerPhase::stopped ? to_abs(c, y.end) : kNone;
  v.due = v.warning_at = kNone;
  v.goal = v.elapsed = v.remaining = 0;
  v.met = v.breached = v.at_risk = false;
  const bool goal = y.flags & Cycle::has_goal;
  const bool warned = y.flags & Cycle::has_warning;
  if (v.phase == TimerPhase::paused) {
    if (warned && (y.flags & Cycle::warning_fixed)) v.warning_at = to_abs(c, y.warn);
    if (goal) {
      v.goal = Micros{y.goal} * kMicrosPerSecond;
      v.remaining = Micros{y.due} * kMicrosPerSecond;
      v.elapsed = v.goal - v.remaining;
      v.breached = v.remaining < 0;
    }
    return v;
  }
  if (!goal) {
    v.met = v.phase == TimerPhase::stopped;
    return v;
  }
  v.due = to_abs(c, y.due);
  if (warned) v.warning_at = to_abs(c, y.warn);
  v.goal = Micros{y.goal} * kMicrosPerSecond;
  const Micros now = v.phase == TimerPhase::stopped ? v.stopped : std::max(as_of, v.started);
  v.remaining = measure(y, t, now, v.due);
  v.elapsed = v.goal - v.remaining;
  if (v.phase == TimerPhase::stopped) {
    v.met = v.stopped <= v.due;
    v.breached = !v.met;
  } else {
    v.breached = as_of > v.due;
    v.at_risk = !v.breached && warned && as_of >= v.warning_at;
  }
  return v;
}

namespace {
boost::posix_time::ptime pt(Micros t) { return t == Engine::kNone ? boost::posix_time::ptime() : from_micros(t); }
boost::posix_time::time_duration dur(Micros d) { return boost::posix_time::microseconds(d); }
}  // namespace

CaseStatus Engine::status(const CaseCore& whole, std::string_view case_id, Micros as_of) const {
  CaseCore scratch;
  const CaseCore* cp = prefix(whole, as_of, scratch);
  CaseStatus s;
  s.case_id = std::string(case_id);
  s.workflow = ix_->spec.id;
  s.as_of = from_micros(as_of);
  if (!cp) {
    s.state = ix_->spec.states[static_cast<std::size_t>(ix_->initial)].id;
    return s;
  }
  const CaseCore& c = *cp;
  s.state = ix_->spec.states[c.state].id;
  s.open = !ix_->terminal[c.state];
  s.events = c.events;
  s.opened = from_micros(event_at(c, first_event_word(c)).at);
  s.last_event = from_micros(event_at(c, last_event_word(c)).at);
  s.attributes = attributes(c);
  std::vector<int> cycle_number(ix_->timers.size(), 0);
  std::vector<std::pair<int, Micros>> running_due;  // (timer, due) of running cycles
  for (int k = 0; k < c.cycles; ++k) {
    const Cycle y = cycle(c, k);
    const CompiledTimer& t = ix_->timers[y.timer];
    const CycleView v = view(c, y, as_of);
    TimerStatus ts;
    ts.timer = t.spec->id;
    ts.rule = t.spec->rule;
    ts.cycle = ++cycle_number[y.timer];
    ts.phase = v.phase;
    if (t.goal_field >= 0) {
      ts.goal = "agreed time (" + t.spec->goal.field + ")";
    } else {
      const calendar::Deadline* rule = t.default_rule;
      if (t.goal_slot >= 0) {
        if (const std::uint32_t val = attribute(c, t.goal_slot)) {
          for (const auto& [key, r] : t.rules) {
            if (key == strings_.get(val)) rule = &r;
          }
        }
      }
      ts.goal = rule ? rule->text() : "";
    }
    ts.started = pt(v.started);
    ts.stopped = pt(v.stopped);
    ts.due = pt(v.due);
    ts.warning_at = pt(v.warning_at);
    ts.goal_time = dur(v.goal);
    ts.elapsed = dur(v.elapsed);
    ts.remaining = dur(v.remaining);
    ts.met = v.met;
    ts.breached = v.breached;
    ts.at_risk = v.at_risk;
    if (v.phase == TimerPhase::running && v.due != kNone) running_due.emplace_back(y.timer, v.due);
    s.timers.push_back(std::move(ts));
    // Escalations of this cycle.
    for (const auto& esc : ix_->escalations) {
      if (esc.timer != y.timer || !condition_holds(c, esc.when)) continue;
      Micros when = kNone;
      switch (esc.spec->on) {
        case EscalationSpec::On::start: when = v.started; break;
        case EscalationSpec::On::warning:
          if (v.warning_at != kNone && v.warning_at <= as_of && (v.stopped == kNone || v.stopped > v.warning_at)) when = v.warning_at;
          break;
        case EscalationSpec::On::breach:
          if (v.breached) when = v.due != kNone ? v.due : as_of;
          break;
      }
      if (when == kNone || when > as_of) continue;
      RaisedEscalation r;
      r.id = esc.spec->id;
      r.rule = esc.spec->rule;
      r.timer = t.spec->id;
      r.cycle = cycle_number[y.timer];
      r.on = esc.spec->on == EscalationSpec::On::start ? "start" : esc.spec->on == EscalationSpec::On::warning ? "warning" : "breach";
      r.at = from_micros(when);
      r.role = esc.role;
      const auto day = ix_->default_calendar->to_local(r.at).date();
      for (const auto& st : ix_->organization.staff_in(esc.role, "", day)) r.staff.push_back(st.id);
      s.escalations.push_back(std::move(r));
    }
  }
  std::stable_sort(s.escalations.begin(), s.escalations.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  for (std::size_t k = 0; k < ix_->spec.checklists.size(); ++k) {
    ChecklistStatus cl;
    cl.id = ix_->spec.checklists[k].id;
    cl.complete = true;
    for (int bit = 0; bit < 64; ++bit) {
      const std::uint64_t b = std::uint64_t{1} << bit;
      if (!(ix_->checklist_mask[k] & b)) continue;
      ChecklistItemStatus item;
      item.id = ix_->item_names[static_cast<std::size_t>(bit)];
      item.applies = condition_holds(c, ix_->item_when[static_cast<std::size_t>(bit)]);
      item.ticked = (c.ticks & b) != 0;
      if (item.applies && !item.ticked) cl.complete = false;
      cl.items.push_back(std::move(item));
    }
    s.checklists.push_back(std::move(cl));
  }
  if (s.open) {
    // Next: the stop event of the running cycle due first, when it can fire here; else the first
    // row in table order that moves the case on.
    std::stable_sort(running_due.begin(), running_due.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    int next = -1;
    for (const auto& [timer, due] : running_due) {
      for (const auto& ev : ix_->timers[static_cast<std::size_t>(timer)].spec->stop.events) {
        const int r = ix_->row(ix_->event_id(ev), c.state);
        if (r >= 0 && condition_holds(c, ix_->rows[static_cast<std::size_t>(r)].when)) {
          next = r;
          break;
        }
      }
      if (next >= 0) break;
    }
    for (std::size_t r = 0; next < 0 && r < ix_->rows.size(); ++r) {
      const CompiledRow& row = ix_->rows[r];
      if (row.to >= 0 && row.to != c.state && ix_->row(row.event, c.state) == static_cast<int>(r) && condition_holds(c, row.when)) {
        next = static_cast<int>(r);
      }
    }
    if (next >= 0) {
      const CompiledRow& row = ix_->rows[static_cast<std::size_t>(next)];
      s.next_event = ix_->event_names[static_cast<std::size_t>(row.event)];
      s.responsible = definition_.responsible_roles(*row.spec);
    }
  }
  return s;
}

TimerExplanation Engine::explain(const CaseCore& whole, std::string_view case_id, const std::string& timer_id,
                                 Micros as_of, int wanted) const {
  auto tit = ix_->timer_ids.find(timer_id);
  if (tit == ix_->timer_ids.end()) throw UnknownIdError("workflow '" + ix_->spec.id + "' has no timer '" + timer_id + "'");
  const int timer = tit->second;
  const CompiledTimer& t = ix_->timers[static_cast<std::size_t>(timer)];
  const CaseStatus st = status(whole, case_id, as_of);
  int count = 0;
  for (const auto& ts : st.timers) count += ts.timer == timer_id;
  if (count == 0) {
    throw UnknownIdError("case '" + std::string(case_id) + "': timer '" + timer_id + "' has not started by " +
                         charter::detail::format_instant(from_micros(as_of)) + " UTC");
  }
  if (wanted <= 0) wanted = count;
  if (wanted > count) {
    throw UnknownIdError("case '" + std::string(case_id) + "': timer '" + timer_id + "' has " + std::to_string(count) +
                         " cycle(s), not " + std::to_string(wanted));
  }
  TimerExplanation x;
  x.case_id = std::string(case_id);
  x.timer = timer_id;
  x.rule = t.spec->rule;
  x.cycle = wanted;
  x.calendar = t.calendar->name() + " (" + t.calendar->zone() + ")";
  for (const auto& ts : st.timers) {
    if (ts.timer == timer_id && ts.cycle == wanted) x.status = ts;
  }
  x.started = x.status.started;
  x.goal = x.status.goal;
  if (t.goal_slot >= 0) {
    for (const auto& [k, v] : st.attributes) {
      if (k == t.spec->goal.attribute) x.goal = k + " " + v + " → " + x.status.goal;
    }
  }
  // Pauses: replay the log, watching the case's states while the cycle ran.
  const Micros start = to_micros(x.started);
  const Micros end = x.status.phase == TimerPhase::stopped ? to_micros(x.status.stopped) : std::max(as_of, start);
  const std::uint64_t bit = std::uint64_t{1} << timer;
  CaseCore replay = make_core();
  Micros paused_since = kNone;
  for (std::size_t w = first_event_word(whole); whole.events && w < whole.words.size();) {
    const StoredEvent s = event_at(whole, w);
    if (s.at > end || s.at > as_of) break;
    const bool was = ix_->paused_in[replay.state] & bit;
    std::vector<std::pair<int, std::uint32_t>> fields;
    for (std::size_t f = 0; f < s.nfields; ++f) fields.emplace_back(field_slot(whole.words[s.fields_at + f]), field_value(whole.words[s.fields_at + f]));
    commit(replay, ix_->row(s.event, replay.state), s.at, s.actor, fields);
    const bool is = ix_->paused_in[replay.state] & bit;
    const Micros sec = floor_second(s.at);
    if (sec >= start) {
      if (!was && is) paused_since = sec;
      if (was && !is && paused_since != kNone) {
        x.pauses.emplace_back(from_micros(paused_since), from_micros(sec));
        paused_since = kNone;
      }
    }
    w = s.next;
  }
  if (paused_since != kNone) x.pauses.emplace_back(from_micros(paused_since), boost::posix_time::ptime());
  if (!x.status.due.is_special()) {
    const Micros until = std::max(end, to_micros(x.status.due));
    bool business = false;
    if (t.goal_field < 0) {
      for (const auto& [k, r] : t.rules) {
        business = business || (x.status.goal == r.text() && (r.kind() == calendar::Deadline::Kind::business_time ||
                                                              r.kind() == calendar::Deadline::Kind::business_days));
      }
    }
    if (business) x.skipped = t.calendar->closed_spans(x.started, from_micros(until));
  }
  // Text, in the calendar's local time.
  auto local = [&](const boost::posix_time::ptime& p) {
    return p.is_special() ? std::string("-") : charter::detail::format_instant(t.calendar->to_local(p));
  };
  auto hms = [](boost::posix_time::time_duration d) {
    const bool neg = d.is_negative();
    if (neg) d = d.invert_sign();
    const long long s = d.total_seconds();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%lldh%02lldm%02llds", neg ? "-" : "", s / 3600, (s / 60) % 60, s % 60);
    return std::string(buf);
  };
  std::string text;
  text += "case " + x.case_id + ", timer " + x.timer + (x.rule.empty() ? "" : " (" + x.rule + ")") + ", cycle " + std::to_string(x.cycle) + "\n";
  text += "calendar: " + x.calendar + "\n";
  text += "goal: " + x.goal + " (" + hms(x.status.goal_time) + " counted)\n";
  text += "started: " + local(x.started) + "\n";
  for (const auto& [from, to] : x.pauses) text += "paused: " + local(from) + " to " + (to.is_special() ? std::string("(still paused)") : local(to)) + "\n";
  for (const auto& sp : x.skipped) text += "closed: " + local(sp.begin) + " to " + local(sp.end) + (sp.reason.empty() ? "" : " (" + sp.reason + ")") + "\n";
  if (!x.status.due.is_special()) text += "due: " + local(x.status.due) + "\n";
  if (!x.status.warning_at.is_special()) text += "warning: " + local(x.status.warning_at) + "\n";
  if (x.status.phase == TimerPhase::stopped) {
    text += "stopped: " + local(x.status.stopped) + " — " + (x.status.met ? "met" : "breached") + ", " + hms(x.status.elapsed) +
            " counted\n";
  } else {
    text += std::string(x.status.phase == TimerPhase::paused ? "paused" : "running") + " as of " + local(from_micros(as_of)) + ": " +
            hms(x.status.elapsed) + " counted, " + hms(x.status.remaining) + " remaining" +
            (x.status.breached ? " — breached" : x.status.at_risk ? " — at risk" : "") + "\n";
  }
  x.text = text;
  return x;
}

}  // namespace charter::workflow::detail
