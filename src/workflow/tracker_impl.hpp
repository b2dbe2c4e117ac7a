#pragma once
// Tracker's state: the engine, the case ids (dense: id k is cores[k - 1]) and the cases.

#include <algorithm>
#include <deque>
#include <functional>
#include <vector>

#include "charter/workflow/tracker.hpp"
#include "engine.hpp"

namespace charter::io {
struct EventFileContents;
}

namespace charter::workflow {

struct Tracker::Impl {
  explicit Impl(Definition definition) : engine(std::move(definition)) {}

  detail::Engine engine;
  detail::StringTable ids;
  std::deque<detail::CaseCore> cores;  // no reallocation slack at a million cases
  std::size_t events = 0;
  charter::detail::Micros latest_opening = INT64_MIN;  ///< the latest first event of any case

  /// `hint`: the case's index + 1 if known (verified here), 0 to look it up.
  void apply(const Event& e, const std::function<void()>* before_change, std::uint32_t hint = 0);
  /// apply(), with a refusal recorded in the report instead of thrown.
  void ingest_one(const Event& e, std::size_t line, IngestReport& report, std::uint32_t hint = 0);
  /// ingest_one for n events, get(i) giving the i-th event and its line, with the case lookups
  /// and the cases' memory fetched a few events ahead: at a million cases most of the time
  /// otherwise goes to waiting for memory.
  template <class Get>
  void ingest_pipelined(std::size_t n, Get&& get, IngestReport& report);
  /// Applies a file's events and reports its unreadable lines, all in file order.
  IngestReport ingest_contents(const io::EventFileContents& contents, std::string_view source);
  /// Whether case i had its first event by as_of.
  bool opened_by(std::size_t i, charter::detail::Micros as_of) const;
  /// Writes the status rows of cases [from, to), opened by as_of, into t's presized columns from
  /// `row` on (read-only on the tracker; slices may run on several threads).
  void status_rows(std::size_t from, std::size_t to, charter::detail::Micros as_of, StatusTable& t, std::size_t row) const;
  const detail::CaseCore& core(const std::string& case_id) const;
  template <class F>
  void each_cycle(charter::detail::Micros as_of, F&& f) const;
};

template <class Get>
void Tracker::Impl::ingest_pipelined(std::size_t n, Get&& get, IngestReport& report) {
  // Four stages, each a few events ahead of the one applied: hash the id and touch its slot;
  // take the candidate case and touch its id text and its core, hash the field values and touch
  // their slots; touch the case's words and the values' texts; apply. Field values are looked up
  // in a table of every distinct value (50,000 customers in the benchmark): without this, a
  // value's slot and text were two more waits for memory per event that carries one.
  constexpr std::size_t kSlot = 12, kCore = 8, kWords = 4, kRing = 16, kFields = 4;
  std::size_t hashes[kRing] = {};
  std::uint32_t hints[kRing] = {};
  std::size_t value_hashes[kRing][kFields] = {};
  std::size_t n_values[kRing] = {};
  const detail::StringTable& values = engine.strings();
  for (std::size_t i = 0; i < n + kSlot; ++i) {
    if (i < n) {
      const Event& e = *get(i).first;
      const std::size_t h = detail::StringTable::hash(e.case_id);
      hashes[i % kRing] = h;
      ids.prefetch_slot(h);
      __builtin_prefetch(e.actor.data());
      if (!e.fields.empty()) __builtin_prefetch(e.fields.data());
    }
    if (i >= kSlot - kCore && i - (kSlot - kCore) < n) {
      const std::size_t k = i - (kSlot - kCore);
      const std::uint32_t id = ids.candidate(hashes[k % kRing]);
      hints[k % kRing] = id;
      if (id != 0 && id <= cores.size()) {
        ids.prefetch_text(id);
        __builtin_prefetch(&cores[id - 1]);
      }
      const auto& fields = get(k).first->fields;
      const std::size_t m = std::min(fields.size(), kFields);
      n_values[k % kRing] = m;
      for (std::size_t f = 0; f < m; ++f) {
        value_hashes[k % kRing][f] = detail::StringTable::hash(fields[f].value);
        values.prefetch_slot(value_hashes[k % kRing][f]);
      }
    }
    if (i >= kSlot - kWords && i - (kSlot - kWords) < n) {
      const std::size_t k = i - (kSlot - kWords);
      const std::uint32_t id = hints[k % kRing];
      if (id != 0 && id <= cores.size()) {
        ids.prefetch_chars(id);
        // The whole block: apply() reads its head (attributes, cycles) and its last events.
        const auto& words = cores[id - 1].words;
        for (std::size_t w = 0; w < words.size(); w += 8) __builtin_prefetch(words.data() + w);
        if (!words.empty()) __builtin_prefetch(words.data() + words.size() - 1);
      }
      for (std::size_t f = 0; f < n_values[k % kRing]; ++f) {
        if (const std::uint32_t v = values.candidate(value_hashes[k % kRing][f])) values.prefetch_text(v);
      }
    }
    if (i >= kSlot) {
      const std::size_t k = i - kSlot;
      const auto [event, line] = get(k);
      const std::uint32_t id = hints[k % kRing];
      ingest_one(*event, line, report, id <= cores.size() ? id : 0);
    }
  }
}

}  // namespace charter::workflow
