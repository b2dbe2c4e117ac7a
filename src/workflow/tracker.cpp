#include "charter/workflow/tracker.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <thread>
#include <unordered_map>

#include "engine.hpp"
#include "tracker_impl.hpp"

namespace charter::workflow {

using charter::detail::from_micros;
using charter::detail::Micros;
using charter::detail::to_micros;

Tracker::Tracker(Definition definition) : impl_(std::make_unique<Impl>(std::move(definition))) {}
Tracker::Tracker(const Tracker& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Tracker& Tracker::operator=(const Tracker& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Tracker::Tracker(Tracker&&) noexcept = default;
Tracker& Tracker::operator=(Tracker&&) noexcept = default;
Tracker::~Tracker() = default;

const Definition& Tracker::definition() const { return impl_->engine.definition(); }

void Tracker::Impl::apply(const Event& e, const std::function<void()>* before_change, std::uint32_t hint) {
  const std::uint32_t id = hint != 0 && ids.get(hint) == e.case_id ? hint : ids.find(e.case_id);
  if (id != 0) {
    if (before_change) {
      // Checked on a copy, so that a failing hook leaves the case as it was.
      detail::CaseCore copy = cores[id - 1];
      engine.apply(copy, e.case_id, e);
      (*before_change)();
      cores[id - 1] = std::move(copy);
    } else {
      engine.apply(cores[id - 1], e.case_id, e);
    }
  } else {
    if (e.case_id.empty()) throw RejectedEventError(e.case_id, e.name, "case", "the event names no case");
    detail::CaseCore core = engine.make_core();
    engine.apply(core, e.case_id, e);
    if (before_change) (*before_change)();
    ids.intern(e.case_id);
    cores.push_back(std::move(core));
    latest_opening = std::max(latest_opening, to_micros(e.at));
  }
  ++events;
}

void Tracker::apply(const Event& event) { impl_->apply(event, nullptr); }

void Tracker::apply(const Event& event, const std::function<void()>& before_change) {
  impl_->apply(event, &before_change);
}

IngestReport Tracker::ingest(const std::vector<Event>& events) {
  IngestReport report;
  impl_->ingest_pipelined(events.size(), [&](std::size_t i) { return std::make_pair(&events[i], i + 1); }, report);
  return report;
}

void Tracker::Impl::ingest_one(const Event& e, std::size_t line, IngestReport& report, std::uint32_t hint) {
  try {
    apply(e, nullptr, hint);
    ++report.accepted;
  } catch (const RejectedEventError& err) {
    report.rejected.push_back({line, e.case_id, e.name, err.rule(), err.what()});
  }
}

std::size_t Tracker::size() const { return impl_->cores.size(); }
bool Tracker::contains(const std::string& case_id) const { return impl_->ids.find(case_id) != 0; }

std::vector<std::string> Tracker::case_ids() const {
  std::vector<std::string> out;
  out.reserve(impl_->cores.size());
  for (std::uint32_t id = 1; id <= impl_->cores.size(); ++id) out.emplace_back(impl_->ids.get(id));
  return out;
}

const detail::CaseCore& Tracker::Impl::core(const std::string& case_id) const {
  const std::uint32_t id = ids.find(case_id);
  if (id == 0) throw UnknownIdError("no case '" + case_id + "' in this tracker");
  return cores[id - 1];
}

Case Tracker::get(const std::string& case_id) const {
  return Case(definition(), case_id, impl_->engine.events(impl_->core(case_id), case_id));
}

std::vector<Event> Tracker::events() const {
  std::vector<Event> out;
  out.reserve(impl_->events);
  for (std::uint32_t id = 1; id <= impl_->cores.size(); ++id) {
    auto e = impl_->engine.events(impl_->cores[id - 1], impl_->ids.get(id));
    std::move(e.begin(), e.end(), std::back_inserter(out));
  }
  return out;
}

std::size_t Tracker::event_count() const { return impl_->events; }

CaseStatus Tracker::status(const std::string& case_id, const boost::posix_time::ptime& as_of) const {
  return impl_->engine.status(impl_->core(case_id), case_id, to_micros(as_of, "as_of"));
}

TimerExplanation Tracker::explain(const std::string& case_id, const std::string& timer,
                                  const boost::posix_time::ptime& as_of, int cycle) const {
  return impl_->engine.explain(impl_->core(case_id), case_id, timer, to_micros(as_of, "as_of"), cycle);
}

bool Tracker::Impl::opened_by(std::size_t i, Micros as_of) const {
  const detail::CaseCore& c = cores[i];
  return c.events && engine.event_at(c, engine.first_event_word(c)).at <= as_of;
}

void Tracker::Impl::status_rows(std::size_t from, std::size_t to, Micros as_of, StatusTable& t, std::size_t row) const {
  const auto& ix = engine.ix();
  const std::size_t n_timers = ix.timers.size();
  detail::CaseCore scratch;
  std::vector<int> newest(n_timers), count(n_timers);
  std::vector<detail::Cycle> cycles;
  // Each case's block lies somewhere on the heap: it is fetched a few cases ahead so that the
  // waits overlap (at a million cases most of the time otherwise goes to them).
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = from; i < to; ++i) {
    if (i + kAhead < to) {
      const auto& words = cores[i + kAhead].words;
      if (!words.empty()) {
        __builtin_prefetch(words.data());
        __builtin_prefetch(words.data() + words.size() - 1);
      }
    }
    const detail::CaseCore* c = engine.prefix(cores[i], as_of, scratch);
    if (!c) continue;
    const std::size_t r = row++;
    t.case_ids[r] = ids.get(static_cast<std::uint32_t>(i + 1));
    t.state[r] = static_cast<std::int16_t>(c->state);
    t.open[r] = ix.terminal[c->state] ? 0 : 1;
    t.opened[r] = engine.event_at(*c, engine.first_event_word(*c)).at;
    t.last_event[r] = engine.event_at(*c, engine.last_event_word(*c)).at;
    t.events[r] = c->events;
    std::fill(newest.begin(), newest.end(), -1);
    std::fill(count.begin(), count.end(), 0);
    cycles.clear();
    for (int k = 0; k < c->cycles; ++k) {
      cycles.push_back(engine.cycle(*c, k));
      newest[cycles.back().timer] = k;
      ++count[cycles.back().timer];
    }
    bool any_breached = false, any_risk = false;
    Micros next = StatusTable::kNone;
    for (int k = 0; k < c->cycles; ++k) {
      const detail::Cycle& y = cycles[static_cast<std::size_t>(k)];
      const auto v = engine.view(*c, y, as_of);
      any_breached = any_breached || v.breached;
      any_risk = any_risk || v.at_risk;
      if (v.phase == TimerPhase::running && v.due != detail::Engine::kNone && (next == StatusTable::kNone || v.due < next)) next = v.due;
      if (newest[y.timer] != k) continue;
      auto& col = t.timers[y.timer];
      col.phase[r] = static_cast<std::int8_t>(v.phase);
      col.cycle[r] = count[y.timer];
      col.started[r] = v.started;
      col.due[r] = v.due;
      col.warning_at[r] = v.warning_at;
      col.stopped[r] = v.stopped;
      col.elapsed[r] = v.elapsed;
      col.remaining[r] = v.remaining;
      col.met[r] = v.met;
      col.breached[r] = v.breached;
      col.at_risk[r] = v.at_risk;
    }
    for (std::size_t k = 0; k < n_timers; ++k) {
      if (newest[k] >= 0) continue;
      auto& col = t.timers[k];
      col.phase[r] = -1;
      col.cycle[r] = 0;
      col.started[r] = col.due[r] = col.warning_at[r] = col.stopped[r] = StatusTable::kNone;
      col.elapsed[r] = col.remaining[r] = 0;
      col.met[r] = col.breached[r] = col.at_risk[r] = 0;
    }
    t.breached[r] = any_breached;
    t.at_risk[r] = any_risk;
    t.next_due[r] = next;
  }
}

namespace {

// Runs f(part, from, to) over `parts` slices of [0, n), on their own threads when parts > 1,
// rethrowing the first exception.
template <class F>
void in_parallel(std::size_t parts, std::size_t n, F&& f) {
  if (parts <= 1) {
    f(0, 0, n);
    return;
  }
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(parts);
  for (std::size_t p = 0; p < parts; ++p) {
    threads.emplace_back([&, p] {
      try {
        f(p, n * p / parts, n * (p + 1) / parts);
      } catch (...) {
        errors[p] = std::current_exception();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace

StatusTable Tracker::status(const boost::posix_time::ptime& as_of_time) const {
  const Micros as_of = to_micros(as_of_time, "as_of");
  const auto& ix = impl_->engine.ix();
  StatusTable t;
  t.as_of = as_of_time;
  for (const auto& s : ix.spec.states) t.state_names.push_back(s.id);
  t.timers.resize(ix.timers.size());
  for (std::size_t k = 0; k < ix.timers.size(); ++k) t.timers[k].timer = ix.timers[k].spec->id;
  const std::size_t n = impl_->cores.size();
  // Cases are independent and only read here: large trackers are split across the machine's
  // cores (up to four). Every slice writes its rows straight into the final columns; when some
  // cases opened after as_of, a first pass counts each slice's rows.
  const unsigned hw = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  const std::size_t parts = n >= 100000 ? hw : 1;
  std::vector<std::size_t> rows(parts + 1, 0);
  if (as_of >= impl_->latest_opening) {
    for (std::size_t p = 0; p <= parts; ++p) rows[p] = n * p / parts;  // every case is open by then
  } else {
    in_parallel(parts, n, [&](std::size_t p, std::size_t from, std::size_t to) {
      std::size_t k = 0;
      for (std::size_t i = from; i < to; ++i) k += impl_->opened_by(i, as_of);
      rows[p + 1] = k;
    });
    for (std::size_t p = 0; p < parts; ++p) rows[p + 1] += rows[p];
  }
  // Sized without writing (StatusTable::Column): status_rows writes every cell of its rows once,
  // so each slice's thread is also the first to touch its pages.
  const std::size_t total = rows[parts];
  auto size = [total](auto&... v) { (v.resize(total), ...); };
  size(t.case_ids, t.state, t.open, t.opened, t.last_event, t.events, t.breached, t.at_risk, t.next_due);
  for (auto& c : t.timers) {
    size(c.phase, c.cycle, c.started, c.due, c.warning_at, c.stopped, c.elapsed, c.remaining, c.met, c.breached, c.at_risk);
  }
  in_parallel(parts, n, [&](std::size_t p, std::size_t from, std::size_t to) {
    impl_->status_rows(from, to, as_of, t, rows[p]);
  });
  return t;
}

template <class F>
void Tracker::Impl::each_cycle(Micros as_of, F&& f) const {
  detail::CaseCore scratch;
  std::vector<int> count(engine.ix().timers.size());
  for (std::size_t i = 0; i < cores.size(); ++i) {
    const detail::CaseCore* c = engine.prefix(cores[i], as_of, scratch);
    if (!c) continue;
    std::fill(count.begin(), count.end(), 0);
    for (int k = 0; k < c->cycles; ++k) {
      const detail::Cycle y = engine.cycle(*c, k);
      f(i, *c, y, ++count[y.timer], engine.view(*c, y, as_of));
    }
  }
}

CycleTable Tracker::cycles(const boost::posix_time::ptime& as_of_time) const {
  const Micros as_of = to_micros(as_of_time, "as_of");
  const auto& ix = impl_->engine.ix();
  CycleTable t;
  t.as_of = as_of_time;
  for (const auto& timer : ix.timers) {
    t.timer_names.push_back(timer.spec->id);
    t.timer_rules.push_back(timer.spec->rule);
  }
  detail::CaseCore scratch;
  std::vector<std::int32_t> count(ix.timers.size());
  for (std::size_t i = 0; i < impl_->cores.size(); ++i) {
    const detail::CaseCore* c = impl_->engine.prefix(impl_->cores[i], as_of, scratch);
    if (!c) continue;
    const auto row = static_cast<std::uint32_t>(t.case_ids.size());
    t.case_ids.emplace_back(impl_->ids.get(static_cast<std::uint32_t>(i + 1)));
    t.opened.push_back(impl_->engine.event_at(*c, impl_->engine.first_event_word(*c)).at);
    std::fill(count.begin(), count.end(), 0);
    for (int k = 0; k < c->cycles; ++k) {
      const detail::Cycle y = impl_->engine.cycle(*c, k);
      const auto v = impl_->engine.view(*c, y, as_of);
      t.case_row.push_back(row);
      t.timer.push_back(static_cast<std::uint16_t>(y.timer));
      t.cycle.push_back(++count[y.timer]);
      t.phase.push_back(static_cast<std::int8_t>(v.phase));
      t.started.push_back(v.started);
      t.due.push_back(v.due);
      t.warning_at.push_back(v.warning_at);
      t.stopped.push_back(v.stopped);
      t.elapsed.push_back(v.elapsed);
      t.remaining.push_back(v.remaining);
      t.met.push_back(v.met);
      t.breached.push_back(v.breached);
      t.at_risk.push_back(v.at_risk);
    }
  }
  return t;
}

AttributeColumn Tracker::attribute(const std::string& name, const boost::posix_time::ptime& as_of_time) const {
  const Micros as_of = to_micros(as_of_time, "as_of");
  const auto& ix = impl_->engine.ix();
  int slot = -1;
  std::string known;
  for (int k = 0; k < ix.n_attributes; ++k) {
    if (ix.slot_names[static_cast<std::size_t>(k)] == name) slot = k;
    known += (k ? ", " : "") + ix.slot_names[static_cast<std::size_t>(k)];
  }
  if (slot < 0) {
    throw UnknownIdError("workflow '" + ix.spec.id + "' has no attribute '" + name + "' (attributes: " +
                         (known.empty() ? std::string("none") : known) + ")");
  }
  AttributeColumn out;
  out.attribute = name;
  // Values are string ids of the tracker's table: map each to its code once.
  std::unordered_map<std::uint32_t, std::int32_t> codes;
  detail::CaseCore scratch;
  for (std::size_t i = 0; i < impl_->cores.size(); ++i) {
    const detail::CaseCore* c = impl_->engine.prefix(impl_->cores[i], as_of, scratch);
    if (!c) continue;
    const std::uint32_t v = impl_->engine.attribute(*c, slot);
    if (!v) {
      out.code.push_back(-1);
      continue;
    }
    const auto [it, fresh] = codes.emplace(v, static_cast<std::int32_t>(out.values.size()));
    if (fresh) out.values.emplace_back(impl_->engine.strings().get(v));
    out.code.push_back(it->second);
  }
  return out;
}

std::vector<Breach> Tracker::breaches(const boost::posix_time::ptime& as_of_time) const {
  const Micros as_of = to_micros(as_of_time, "as_of");
  const auto& ix = impl_->engine.ix();
  std::vector<Breach> out;
  impl_->each_cycle(as_of, [&](std::size_t i, const detail::CaseCore& c, const detail::Cycle& y, int number, const auto& v) {
    if (!v.breached) return;
    Breach b;
    b.case_id = std::string(impl_->ids.get(static_cast<std::uint32_t>(i + 1)));
    const auto& timer = ix.timers[y.timer];
    b.timer = timer.spec->id;
    b.rule = timer.spec->rule;
    b.cycle = number;
    b.due = v.due == detail::Engine::kNone ? boost::posix_time::ptime() : from_micros(v.due);
    b.stopped = v.stopped == detail::Engine::kNone ? boost::posix_time::ptime() : from_micros(v.stopped);
    b.overdue = boost::posix_time::microseconds(-v.remaining);
    for (const auto& esc : ix.escalations) {
      if (esc.timer == y.timer && esc.spec->on == EscalationSpec::On::breach && impl_->engine.condition_holds(c, esc.when)) {
        b.escalated_to = esc.role;
      }
    }
    out.push_back(std::move(b));
  });
  return out;
}

std::vector<AtRisk> Tracker::at_risk(const boost::posix_time::ptime& as_of_time) const {
  const Micros as_of = to_micros(as_of_time, "as_of");
  const auto& ix = impl_->engine.ix();
  std::vector<AtRisk> out;
  impl_->each_cycle(as_of, [&](std::size_t i, const detail::CaseCore&, const detail::Cycle& y, int number, const auto& v) {
    if (!v.at_risk) return;
    AtRisk a;
    a.case_id = std::string(impl_->ids.get(static_cast<std::uint32_t>(i + 1)));
    a.timer = ix.timers[y.timer].spec->id;
    a.rule = ix.timers[y.timer].spec->rule;
    a.cycle = number;
    a.warning_at = from_micros(v.warning_at);
    a.due = from_micros(v.due);
    a.remaining = boost::posix_time::microseconds(v.remaining);
    out.push_back(std::move(a));
  });
  return out;
}

std::size_t Tracker::memory_bytes() const {
  std::size_t bytes = impl_->cores.size() * sizeof(detail::CaseCore) + impl_->ids.memory_bytes() +
                      impl_->engine.strings().memory_bytes() + impl_->engine.actors().memory_bytes();
  for (const auto& c : impl_->cores) bytes += c.words.capacity() * sizeof(std::uint64_t);
  return bytes;
}

}  // namespace charter::workflow
