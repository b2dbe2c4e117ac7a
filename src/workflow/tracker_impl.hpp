#pragma once
// Tracker's state: the engine, the case ids (dense: id k is cores[k - 1]) and the cases.

#include <vector>

#include "charter/workflow/tracker.hpp"
#include "engine.hpp"

namespace charter::workflow {

struct Tracker::Impl {
  explicit Impl(Definition definition) : engine(std::move(definition)) {}

  detail::Engine engine;
  detail::StringTable ids;
  std::vector<detail::CaseCore> cores;
  std::size_t events = 0;

  void apply(const Event& e);
  void ingest_one(const Event& e, std::size_t line, IngestReport& report);
  const detail::CaseCore& core(const std::string& case_id) const;
  template <class F>
  void each_cycle(charter::detail::Micros as_of, F&& f) const;
};

}  // namespace charter::workflow
