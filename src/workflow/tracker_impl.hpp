#pragma once
// Tracker's state: the engine, the case ids (dense: id k is cores[k - 1]) and the cases.

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

  void apply(const Event& e, const std::function<void()>* before_change);
  /// apply(), with a refusal recorded in the report instead of thrown.
  void ingest_one(const Event& e, std::size_t line, IngestReport& report);
  /// Applies a file's events and reports its unreadable lines, all in file order.
  IngestReport ingest_contents(const io::EventFileContents& contents, std::string_view source);
  /// Appends the status rows of cases [from, to) to `t` (read-only; safe from several threads).
  void status_rows(std::size_t from, std::size_t to, charter::detail::Micros as_of, StatusTable& t) const;
  const detail::CaseCore& core(const std::string& case_id) const;
  template <class F>
  void each_cycle(charter::detail::Micros as_of, F&& f) const;
};

}  // namespace charter::workflow
