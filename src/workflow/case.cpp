#include "charter/workflow/case.hpp"

#include "engine.hpp"

namespace charter::workflow {

using charter::detail::to_micros;

Case::Case(Definition definition, std::string id)
    : id_(std::move(id)),
      engine_(std::make_unique<detail::Engine>(std::move(definition))),
      core_(std::make_unique<detail::CaseCore>(engine_->make_core())) {}

Case::Case(Definition definition, std::string id, const std::vector<Event>& events)
    : Case(std::move(definition), std::move(id)) {
  for (const auto& e : events) apply(e);
}

Case::Case(const Case& other)
    : id_(other.id_),
      engine_(std::make_unique<detail::Engine>(*other.engine_)),
      core_(std::make_unique<detail::CaseCore>(*other.core_)) {}

Case& Case::operator=(const Case& other) {
  if (this != &other) *this = Case(other);
  return *this;
}

Case::Case(Case&&) noexcept = default;
Case& Case::operator=(Case&&) noexcept = default;
Case::~Case() = default;

const Definition& Case::definition() const { return engine_->definition(); }

void Case::apply(const Event& event) { engine_->apply(*core_, id_, event); }

std::vector<Event> Case::events() const { return engine_->events(*core_, id_); }

const std::string& Case::state() const { return engine_->ix().spec.states[core_->state].id; }

std::vector<std::pair<std::string, std::string>> Case::attributes() const {
  return engine_->attributes(*core_);
}

CaseStatus Case::status(const boost::posix_time::ptime& as_of) const {
  return engine_->status(*core_, id_, to_micros(as_of, "as_of"));
}

TimerExplanation Case::explain(const std::string& timer, const boost::posix_time::ptime& as_of, int cycle) const {
  return engine_->explain(*core_, id_, timer, to_micros(as_of, "as_of"), cycle);
}

bool operator==(const Case& a, const Case& b) {
  return a.id_ == b.id_ && a.definition() == b.definition() && a.events() == b.events();
}

}  // namespace charter::workflow
