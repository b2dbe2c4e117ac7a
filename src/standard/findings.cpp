#include "charter/standard/findings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "charter/detail/instant.hpp"
#include "findings_builder.hpp"

namespace charter::standard {

namespace {

// Numbers in explanations: at most two decimals, no trailing zeros ("4", "7.5", "0.33").
std::string number_text(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string with_unit(double v, const std::string& unit) {
  return unit.empty() ? number_text(v) : number_text(v) + " " + unit;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string quantity_label(const Quantity& q) {
  if (!q.label.preferred().empty()) return q.label.preferred();
  if (!q.field.empty()) return q.field;
  return "time from " + q.from + " to " + q.to;
}

std::string range_text(const Threshold& t) {
  if (t.at_least && t.at_most) {
    return "between " + number_text(*t.at_least) + " and " + number_text(*t.at_most);
  }
  return t.at_most ? "at most " + number_text(*t.at_most) : "at least " + number_text(*t.at_least);
}

// What the columns say in words, for rows the evaluation kept no detail for.
std::string body(const Standard& s, Outcome outcome, double measured, double bound, std::uint16_t note) {
  const StandardSpec& spec = s.spec();
  if (outcome == Outcome::not_applicable) {
    if (note < spec.when.size()) return "applies only when " + spec.when[note].text();
    return "no exclusion applies: the request is within the accepted scope";
  }
  if (const auto* t = std::get_if<Threshold>(&spec.rule)) {
    std::string out = quantity_label(t->quantity) + " " + with_unit(measured, t->quantity.unit);
    if (outcome == Outcome::met) return out + ", " + range_text(*t);
    return out + (measured > bound ? ", at most " + number_text(bound) + " allowed"
                                   : ", at least " + number_text(bound) + " needed");
  }
  if (const auto* o = std::get_if<Obligation>(&spec.rule)) {
    std::vector<std::string> texts;
    for (const auto& c : o->require) texts.push_back(c.text());
    return "holds: " + joined(texts);
  }
  if (const auto* r = std::get_if<RequiredFields>(&spec.rule)) return "recorded: " + joined(r->fields);
  if (const auto* p = std::get_if<Phrases>(&spec.rule)) {
    std::string out;
    if (!p->forbidden.empty()) out = "no forbidden phrase in '" + p->field + "'";
    if (!p->required.empty()) out += std::string(out.empty() ? "" : "; ") + "a required phrase used";
    return out;
  }
  if (const auto* d = std::get_if<DistinctSigners>(&spec.rule)) {
    return "signed by " + number_text(measured) + " different staff, at least " + std::to_string(d->at_least) +
           " needed";
  }
  if (const auto* p = std::get_if<Precondition>(&spec.rule)) {
    return (p->label.preferred().empty() ? p->field : p->label.preferred()) + " recorded before it";
  }
  return outcome_name(outcome);
}

// "made up 2025-10-09 17:40:00, due 2025-10-09 18:30:00 (end of business day)", or "not made
// up: no 'made_up_at' recorded; due …"; `chosen` is the rule that applied.
std::string deadline_words(const Standard& s, std::size_t chosen, std::int64_t done, std::int64_t due) {
  const auto& d = std::get<DeadlineRule>(s.spec().rule);
  const calendar::BusinessCalendar& cal = *s.calendar();
  const auto local = [&](std::int64_t utc) {
    return charter::detail::format_instant(cal.to_local(charter::detail::from_micros(utc)));
  };
  const std::string label = d.done_label.preferred().empty() ? d.done : d.done_label.preferred();
  const DeadlineChoice& rule = d.rules[chosen];
  if (done == Findings::kNotRecorded) {
    return "not " + label + ": no '" + d.done + "' recorded; due " + local(due) + " (" + rule.rule.text() + ")";
  }
  return label + " " + local(done) + ", due " + local(due) + " (" + rule.rule.text() +
         (d.rules.size() > 1 && !rule.when.empty() ? ", as " + rule.when.front().text() : std::string()) + ")";
}

const char* outcome_words(Outcome o) {
  switch (o) {
    case Outcome::met: return "met";
    case Outcome::not_met: return "not met";
    case Outcome::not_applicable: return "not applicable";
    case Outcome::invalid: return "invalid";
  }
  return "?";
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::met: return "met";
    case Outcome::not_met: return "not_met";
    case Outcome::not_applicable: return "not_applicable";
    case Outcome::invalid: return "invalid";
  }
  return "?";
}

Findings::Findings() : standards_(std::make_shared<const std::vector<Standard>>()) {}

std::string_view Findings::observation_id(std::size_t i) const {
  const std::uint64_t k = observation_.at(i);
  const std::uint64_t begin = k == 0 ? 0 : id_end_[k - 1];
  return std::string_view(id_pool_).substr(begin, id_end_[k] - begin);
}

std::string Findings::explanation(std::size_t i) const {
  const std::string_view id = observation_id(i);
  const Standard& s = standards()[standard_[i]];
  const auto d = std::lower_bound(details_.begin(), details_.end(), i,
                                  [](const auto& entry, std::size_t row) { return entry.first < row; });
  const auto t = std::lower_bound(timings_.begin(), timings_.end(), i,
                                  [](const Timing& entry, std::size_t row) { return entry.row < row; });
  std::string words;
  if (d != details_.end() && d->first == i) {
    words = d->second;
  } else if (t != timings_.end() && t->row == i) {
    words = deadline_words(s, note_[i], t->done, t->due);
  } else {
    words = body(s, outcome_[i], measured_[i], bound_[i], note_[i]);
  }
  return (id.empty() ? "observation " + std::to_string(observation_[i] + 1) : std::string(id)) + " " + s.id() +
         " " + outcome_words(outcome_[i]) + ": " + words + " (owner " + s.owner() + ")";
}

Finding Findings::row(std::size_t i) const {
  Finding f;
  f.observation = observation_.at(i);
  f.observation_id = std::string(observation_id(i));
  const Standard& s = standards()[standard_[i]];
  f.standard = s.id();
  f.outcome = outcome_[i];
  f.measured = measured_[i];
  f.bound = bound_[i];
  f.owner = s.owner();
  f.staff = staff_names_[staff_[i]];
  f.unit = unit_names_[unit_[i]];
  f.channel = channel_names_[channel_[i]];
  f.at = at_[i] == std::numeric_limits<std::int64_t>::min() ? boost::posix_time::ptime() : charter::detail::from_micros(at_[i]);
  f.explanation = explanation(i);
  return f;
}

bool operator==(const Findings& a, const Findings& b) {
  if (a.size() != b.size() || a.standards() != b.standards()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_number(a.measured_[i], b.measured_[i]) || !same_number(a.bound_[i], b.bound_[i])) return false;
    if (a.staff_names_[a.staff_[i]] != b.staff_names_[b.staff_[i]] ||
        a.unit_names_[a.unit_[i]] != b.unit_names_[b.unit_[i]] ||
        a.channel_names_[a.channel_[i]] != b.channel_names_[b.channel_[i]] ||
        a.observation_id(i) != b.observation_id(i)) {
      return false;
    }
  }
  return a.observation_ == b.observation_ && a.standard_ == b.standard_ && a.outcome_ == b.outcome_ &&
         a.at_ == b.at_ && a.note_ == b.note_ && a.details_ == b.details_ && a.timings_ == b.timings_;
}

// ---- FindingsBuilder -------------------------------------------------------------------------

FindingsBuilder::FindingsBuilder(const std::vector<Standard>& standards) {
  f_.standards_ = std::make_shared<const std::vector<Standard>>(standards);
}

void FindingsBuilder::observation(const Observation& o) {
  current_ = &o;
  coded_ = false;
  f_.id_pool_ += o.id;
  f_.id_end_.push_back(f_.id_pool_.size());
}

void FindingsBuilder::reserve(const std::vector<Observation>& observations, std::size_t rows) {
  std::size_t id_bytes = 0;
  for (const auto& o : observations) id_bytes += o.id.size();
  f_.id_pool_.reserve(id_bytes);
  f_.id_end_.reserve(observations.size());
  f_.observation_.reserve(rows);
  f_.standard_.reserve(rows);
  f_.outcome_.reserve(rows);
  f_.measured_.reserve(rows);
  f_.bound_.reserve(rows);
  f_.note_.reserve(rows);
  f_.at_.reserve(rows);
  f_.staff_.reserve(rows);
  f_.unit_.reserve(rows);
  f_.channel_.reserve(rows);
}

std::uint32_t FindingsBuilder::code(std::vector<std::string>& names, Column& column, const std::string& name) {
  if (name.empty()) return 0;
  if (column.last_code != 0 && name == column.last) return column.last_code;
  const auto [it, fresh] = column.index.try_emplace(name, static_cast<std::uint32_t>(names.size()));
  if (fresh) names.push_back(name);
  column.last = name;
  column.last_code = it->second;
  return it->second;
}

void FindingsBuilder::row(std::size_t observation, std::uint16_t standard, Outcome outcome, double measured,
                          double bound, std::uint16_t note, const std::string& detail) {
  if (!coded_) {
    staff_ = code(f_.staff_names_, staff_column_, current_->staff);
    unit_ = code(f_.unit_names_, unit_column_, current_->unit);
    channel_ = code(f_.channel_names_, channel_column_, current_->channel);
    at_ = current_->at.is_special() ? std::numeric_limits<std::int64_t>::min() : charter::detail::to_micros(current_->at);
    coded_ = true;
  }
  if (!detail.empty()) f_.details_.emplace_back(f_.observation_.size(), detail);
  f_.observation_.push_back(observation);
  f_.standard_.push_back(standard);
  f_.outcome_.push_back(outcome);
  f_.measured_.push_back(measured);
  f_.bound_.push_back(bound);
  f_.note_.push_back(note);
  f_.at_.push_back(at_);
  f_.staff_.push_back(staff_);
  f_.unit_.push_back(unit_);
  f_.channel_.push_back(channel_);
}

void FindingsBuilder::timing(std::int64_t done, std::int64_t due) {
  f_.timings_.push_back({f_.observation_.size() - 1, done, due});
}

Findings FindingsBuilder::finish() { return std::move(f_); }

}  // namespace charter::standard
