#include "charter/standard/findings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "charter/detail/instant.hpp"
#include "findings_builder.hpp"
#include "short_hash.hpp"

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

Findings::Findings(std::vector<Standard> standards, FindingsColumns columns)
    : standards_(std::make_shared<const std::vector<Standard>>(std::move(standards))), c_(std::move(columns)) {
  const auto fail = [](const std::string& why) { throw std::invalid_argument("findings: " + why); };
  const std::size_t n = c_.observation.size();
  for (const std::size_t m : {c_.standard.size(), c_.outcome.size(), c_.measured.size(), c_.bound.size(),
                              c_.at.size(), c_.staff.size(), c_.unit.size(), c_.channel.size(), c_.note.size()}) {
    if (m != n) fail("the row columns differ in length (" + std::to_string(m) + " and " + std::to_string(n) + ")");
  }
  if (c_.staff_names.empty() || !c_.staff_names[0].empty() || c_.unit_names.empty() || !c_.unit_names[0].empty() ||
      c_.channel_names.empty() || !c_.channel_names[0].empty()) {
    fail("a name table does not start with the empty name");
  }
  for (std::size_t k = 0; k < c_.id_end.size(); ++k) {
    if (c_.id_end[k] > c_.id_pool.size() || (k > 0 && c_.id_end[k] < c_.id_end[k - 1])) {
      fail("observation " + std::to_string(k) + "'s id lies outside the id text");
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (c_.standard[i] >= standards_->size()) fail("row " + std::to_string(i) + " names no standard");
    if (static_cast<unsigned>(c_.outcome[i]) > static_cast<unsigned>(Outcome::invalid)) {
      fail("row " + std::to_string(i) + " has no outcome");
    }
    if (c_.observation[i] >= c_.id_end.size() || (i > 0 && c_.observation[i] < c_.observation[i - 1])) {
      fail("row " + std::to_string(i) + " names an observation out of order or out of range");
    }
    if (c_.staff[i] >= c_.staff_names.size() || c_.unit[i] >= c_.unit_names.size() ||
        c_.channel[i] >= c_.channel_names.size()) {
      fail("row " + std::to_string(i) + " names a staff member, unit or channel outside its table");
    }
    const StandardSpec& spec = (*standards_)[c_.standard[i]].spec();
    const bool deadline = std::holds_alternative<DeadlineRule>(spec.rule);
    const std::size_t limit = c_.outcome[i] == Outcome::not_applicable ? spec.when.size()
                              : deadline ? std::get<DeadlineRule>(spec.rule).rules.size()
                                         : std::numeric_limits<std::uint16_t>::max();
    if (c_.note[i] >= limit && !(c_.note[i] == std::numeric_limits<std::uint16_t>::max() &&
                                 std::holds_alternative<Eligibility>(spec.rule))) {
      fail("row " + std::to_string(i) + " has a note its standard cannot have");
    }
  }
  for (std::size_t k = 0; k < c_.details.size(); ++k) {
    if (c_.details[k].first >= n || (k > 0 && c_.details[k].first <= c_.details[k - 1].first)) {
      fail("the words of row " + std::to_string(c_.details[k].first) + " are out of order or out of range");
    }
  }
  for (std::size_t k = 0; k < c_.timings.size(); ++k) {
    const std::uint64_t row = c_.timings[k].row;
    if (row >= n || (k > 0 && row <= c_.timings[k - 1].row) ||
        !std::holds_alternative<DeadlineRule>((*standards_)[c_.standard[row]].spec().rule)) {
      fail("the instants of row " + std::to_string(row) + " are out of order, out of range or not a deadline's");
    }
  }
}

std::string_view Findings::observation_id(std::size_t i) const {
  const std::uint64_t k = c_.observation.at(i);
  const std::uint64_t begin = k == 0 ? 0 : c_.id_end[k - 1];
  return std::string_view(c_.id_pool).substr(begin, c_.id_end[k] - begin);
}

std::string Findings::explanation(std::size_t i) const {
  const std::string_view id = observation_id(i);
  const Standard& s = standards()[c_.standard[i]];
  const auto d = std::lower_bound(c_.details.begin(), c_.details.end(), i,
                                  [](const auto& entry, std::size_t row) { return entry.first < row; });
  const auto t = std::lower_bound(c_.timings.begin(), c_.timings.end(), i,
                                  [](const FindingsColumns::Timing& entry, std::size_t row) { return entry.row < row; });
  std::string words;
  if (d != c_.details.end() && d->first == i) {
    words = d->second;
  } else if (t != c_.timings.end() && t->row == i) {
    words = deadline_words(s, c_.note[i], t->done, t->due);
  } else {
    words = body(s, c_.outcome[i], c_.measured[i], c_.bound[i], c_.note[i]);
  }
  return (id.empty() ? "observation " + std::to_string(c_.observation[i] + 1) : std::string(id)) + " " + s.id() +
         " " + outcome_words(c_.outcome[i]) + ": " + words + " (owner " + s.owner() + ")";
}

Finding Findings::row(std::size_t i) const {
  Finding f;
  f.observation = c_.observation.at(i);
  f.observation_id = std::string(observation_id(i));
  const Standard& s = standards()[c_.standard[i]];
  f.standard = s.id();
  f.outcome = c_.outcome[i];
  f.measured = c_.measured[i];
  f.bound = c_.bound[i];
  f.owner = s.owner();
  f.staff = c_.staff_names[c_.staff[i]];
  f.unit = c_.unit_names[c_.unit[i]];
  f.channel = c_.channel_names[c_.channel[i]];
  f.at = c_.at[i] == std::numeric_limits<std::int64_t>::min() ? boost::posix_time::ptime() : charter::detail::from_micros(c_.at[i]);
  f.explanation = explanation(i);
  return f;
}

bool operator==(const Findings& a, const Findings& b) {
  if (a.size() != b.size() || a.standards() != b.standards()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_number(a.c_.measured[i], b.c_.measured[i]) || !same_number(a.c_.bound[i], b.c_.bound[i])) return false;
    if (a.c_.staff_names[a.c_.staff[i]] != b.c_.staff_names[b.c_.staff[i]] ||
        a.c_.unit_names[a.c_.unit[i]] != b.c_.unit_names[b.c_.unit[i]] ||
        a.c_.channel_names[a.c_.channel[i]] != b.c_.channel_names[b.c_.channel[i]] ||
        a.observation_id(i) != b.observation_id(i)) {
      return false;
    }
  }
  return a.c_.observation == b.c_.observation && a.c_.standard == b.c_.standard && a.c_.outcome == b.c_.outcome &&
         a.c_.at == b.c_.at && a.c_.note == b.c_.note && a.c_.details == b.c_.details && a.c_.timings == b.c_.timings;
}

// ---- FindingsBuilder -------------------------------------------------------------------------

FindingsBuilder::FindingsBuilder(const std::vector<Standard>& standards) {
  f_.standards_ = std::make_shared<const std::vector<Standard>>(standards);
}

void FindingsBuilder::reserve(const Sizes& sizes) {
  f_.c_.id_end.reserve(sizes.observations);
  f_.c_.id_pool.resize(sizes.id_bytes);
  f_.c_.timings.reserve(sizes.timed_rows);
  if (sizes.rows > capacity_) size_columns(sizes.rows);
}

template <class F>
void FindingsBuilder::each_column(F&& f) {
  FindingsColumns& c = f_.c_;
  f(c.observation);
  f(c.standard);
  f(c.outcome);
  f(c.measured);
  f(c.bound);
  f(c.note);
  f(c.at);
  f(c.staff);
  f(c.unit);
  f(c.channel);
}

void FindingsBuilder::size_columns(std::size_t rows) {
  each_column([rows](auto& column) { column.resize(rows); });
  capacity_ = rows;
}

void FindingsBuilder::more_rows_than_reserved() {
  throw std::logic_error("evaluate: more finding rows than the observations' kinds allow");
}

void FindingsBuilder::Codes::grow(const std::vector<std::string>& names) {
  slots_.assign(slots_.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t code = 1; code < names.size(); ++code) {
    const std::uint64_t h = short_hash(names[code]);
    std::size_t i = h & mask;
    while (slots_[i].code != 0) i = (i + 1) & mask;
    slots_[i] = {code, static_cast<std::uint32_t>(h >> 32)};
  }
}

std::uint32_t FindingsBuilder::Codes::add(std::vector<std::string>& names, const std::string& name, std::size_t i,
                                          std::uint32_t tag) {
  const auto code = static_cast<std::uint32_t>(names.size());
  names.push_back(name);
  slots_[i] = {code, tag};
  if (2 * names.size() > slots_.size()) grow(names);  // at most half full
  return code;
}

void FindingsBuilder::code_current() {
  staff_ = staff_codes_.code(f_.c_.staff_names, current_->staff);
  unit_ = unit_codes_.code(f_.c_.unit_names, current_->unit);
  channel_ = channel_codes_.code(f_.c_.channel_names, current_->channel);
  at_ = current_->at.is_special() ? std::numeric_limits<std::int64_t>::min() : charter::detail::to_micros(current_->at);
  coded_ = true;
}

void FindingsBuilder::timing(std::int64_t done, std::int64_t due) {
  f_.c_.timings.push_back({rows_ - 1, done, due});
}

Findings FindingsBuilder::finish() {
  // Rows an observation's channel ruled out were never written: drop them, and give the room
  // back when it is most of the columns.
  const bool mostly_empty = rows_ < capacity_ / 2;
  size_columns(rows_);
  f_.c_.id_pool.resize(id_bytes_);
  if (mostly_empty) each_column([](auto& column) { column.shrink_to_fit(); });
  return std::move(f_);
}

}  // namespace charter::standard
