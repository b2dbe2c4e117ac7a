#include "charter/standard/evaluate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"
#include "charter/detail/instant_text.hpp"
#include "charter/standard/phrase_matcher.hpp"
#include "findings_builder.hpp"
#include "short_hash.hpp"

namespace charter::standard {

namespace {

using charter::detail::Micros;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Micros kNotRecorded = Findings::kNotRecorded;

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Appends 's' to `out`: the words of a row are built in one string, whose room the next row
// reuses (a tenth of a million rows a batch have words).
void append_quoted(std::string& out, std::string_view s) {
  out += '\'';
  out += s;
  out += '\'';
}

// Where a condition's subject lives: a member of the observation, its local time, or a field.
enum class Source : std::uint8_t { field, kind, channel, staff, unit, id, local_time };

// Called for every condition of every row: the length decides before any text is compared.
Source source_of(const std::string& subject) {
  switch (subject.size()) {
    case 2: return subject == "id" ? Source::id : Source::field;
    case 4: return subject == "kind" ? Source::kind : subject == "unit" ? Source::unit : Source::field;
    case 5: return subject == "staff" ? Source::staff : Source::field;
    case 7: return subject == "channel" ? Source::channel : Source::field;
    case 10: return subject == kLocalTimeSubject ? Source::local_time : Source::field;
    default: return Source::field;
  }
}

bool is_at(const std::string& name) { return name.size() == 2 && name[0] == 'a' && name[1] == 't'; }

// A number as a whole cell: "4", "4.5", "-1e3"; nothing else (no spaces, no "nan").
bool read_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  // Counts ("4" rings, "2" signers) and short decimals ("3.5" minutes) are most cells: up to 15
  // digits with at most one point are read here, where from_chars would cost more than the rest
  // of the comparison. Exact: the digits and the power of ten are both exact doubles (below 2^53
  // and 10^22), so one division rounds once, as from_chars does.
  if (text.size() <= 16) {
    static constexpr double kTen[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    std::uint64_t digits = 0;
    std::size_t point = text.size();  // where the point is; none: the end
    bool plain = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
      } else if (c == '.' && point == text.size() && i > 0 && i + 1 < text.size()) {
        point = i;
      } else {
        plain = false;
        break;
      }
    }
    if (plain && text.size() - (point < text.size()) <= 15) {
      const std::size_t decimals = point < text.size() ? text.size() - point - 1 : 0;
      out = static_cast<double>(digits) / kTen[decimals];
      return true;
    }
  }
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

// A value absent or empty is "not given", as in event and observation files.
const std::string* given(const std::string& s) { return s.empty() ? nullptr : &s; }

// Three-valued: a fact holds, does not, or the observation cannot say (a number that is not one).
enum class Truth : std::uint8_t { no, yes, bad };

// One standard, compiled for the evaluation loop.
struct Compiled {
  const Standard* standard;
  const StandardSpec* spec;  // the standard's, looked up once rather than per row
  const calendar::BusinessCalendar* calendar;
  std::vector<std::string_view> channels;
  std::vector<Source> when_sources;
  std::vector<std::string> require_texts;  // an obligation's conditions in words
};

// The standards of each observation kind, looked up once per observation: open addressing over
// short_hash, so the lookup is a few multiplications and one comparison.
class KindTable {
 public:
  struct Kind {
    std::vector<std::uint16_t> standards;
    std::size_t timed = 0;  // how many of them are deadline rules (a timing row each)
  };
  void add(std::string_view kind, std::uint16_t standard, bool timed) {
    std::size_t i = slot(kind);
    if (slots_[i].list == kEmpty) {
      slots_[i] = {kind, static_cast<std::uint32_t>(kinds_.size())};
      kinds_.emplace_back();
      if (2 * kinds_.size() > slots_.size()) grow();
      i = slot(kind);
    }
    Kind& k = kinds_[slots_[i].list];
    k.standards.push_back(standard);
    k.timed += timed;
  }
  const Kind* find(std::string_view kind) const {
    const std::size_t i = slot(kind);
    return slots_[i].list == kEmpty ? nullptr : &kinds_[slots_[i].list];
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;
  struct Slot {
    std::string_view kind;
    std::uint32_t list = kEmpty;
  };
  std::size_t slot(std::string_view kind) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = short_hash(kind) & mask;
    while (slots_[i].list != kEmpty && !same_text(slots_[i].kind, kind)) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.list != kEmpty) slots_[slot(s.kind)] = s;
    }
  }
  std::vector<Slot> slots_ = std::vector<Slot>(32);
  std::vector<Kind> kinds_;
};

// Evaluates one (observation, standard) pair; the loop in evaluate() owns the rows.
class Judge {
 public:
  Outcome outcome = Outcome::met;
  double measured = kNaN;
  double bound = kNaN;
  std::uint16_t note = 0;
  std::string words;  // what the columns cannot say; empty otherwise
  bool timed = false;  // a deadline rule: due_at and done_at are set
  Micros due_at = 0;
  Micros done_at = 0;  // kNotRecorded when nothing was done

  void run(const Observation& o, const Compiled& c) {
    o_ = &o;
    c_ = &c;
    outcome = Outcome::met;
    measured = bound = kNaN;
    note = 0;
    words.clear();
    timed = false;
    const StandardSpec& spec = *c.spec;
    for (std::size_t i = 0; i < spec.when.size(); ++i) {
      const Truth t = test(spec.when[i], c.when_sources[i]);
      if (t == Truth::bad) return;  // invalid, words written
      if (t == Truth::no) {
        outcome = Outcome::not_applicable;
        note = static_cast<std::uint16_t>(i);
        return;
      }
    }
    std::visit([&](const auto& rule) { judge(rule); }, spec.rule);
  }

 private:
  void invalid(std::string why) {
    outcome = Outcome::invalid;
    words = std::move(why);
  }

  const std::string* subject(const std::string& name, Source source) const {
    switch (source) {
      case Source::kind: return given(o_->kind);
      case Source::channel: return given(o_->channel);
      case Source::staff: return given(o_->staff);
      case Source::unit: return given(o_->unit);
      case Source::id: return given(o_->id);
      case Source::local_time: return nullptr;
      case Source::field: {
        for (const Field& f : o_->fields) {
          if (same_text(f.name, name)) return given(f.value);
        }
        return nullptr;
      }
    }
    return nullptr;
  }

  // Seconds after local midnight of the observation's instant on the standard's calendar.
  double local_seconds() const {
    const Micros local = c_->calendar->index().utc_to_local(charter::detail::to_micros(o_->at, "observation instant"));
    Micros r = local % charter::detail::kMicrosPerDay;
    if (r < 0) r += charter::detail::kMicrosPerDay;
    return static_cast<double>(r / charter::detail::kMicrosPerSecond);
  }

  Truth test(const Condition& c, Source source) {
    using T = Condition::Test;
    if (source == Source::local_time) {
      const double s = local_seconds();
      return (c.test == T::at_least ? s >= c.number : s <= c.number) ? Truth::yes : Truth::no;
    }
    const std::string* v = subject(c.subject, source);
    if (!v) return c.test == T::absent ? Truth::yes : Truth::no;
    switch (c.test) {
      case T::present: return Truth::yes;
      case T::absent: return Truth::no;
      case T::in:
      case T::not_in: {
        const bool found = std::any_of(c.values.begin(), c.values.end(),
                                       [&](const std::string& value) { return same_text(value, *v); });
        return found == (c.test == T::in) ? Truth::yes : Truth::no;
      }
      case T::is_yes:
      case T::is_no: {
        const int yes = parse_yes_no(*v);
        if (yes < 0) {
          invalid("field " + quoted(c.subject) + " is " + quoted(*v) + ", not yes or no");
          return Truth::bad;
        }
        return (yes == 1) == (c.test == T::is_yes) ? Truth::yes : Truth::no;
      }
      case T::at_least:
      case T::at_most: {
        double x;
        if (!read_number(*v, x)) {
          invalid("field " + quoted(c.subject) + " is " + quoted(*v) + ", not a number");
          return Truth::bad;
        }
        return (c.test == T::at_least ? x >= c.number : x <= c.number) ? Truth::yes : Truth::no;
      }
    }
    return Truth::no;
  }

  // Whether every condition holds; `bad` (invalid, words written) at the first unreadable one.
  Truth all_hold(const std::vector<Condition>& conditions) {
    for (const Condition& c : conditions) {
      const Truth t = test(c, source_of(c.subject));
      if (t != Truth::yes) return t;
    }
    return Truth::yes;
  }

  // An instant named by a rule: "at" or an instant field, local wall time unless it has an
  // offset. False when it is not given (`missing`) or unreadable (invalid, words written).
  bool instant(const std::string& name, Micros& out, bool& missing) {
    missing = false;
    if (is_at(name)) {
      out = charter::detail::to_micros(o_->at, "observation instant");
      return true;
    }
    const std::string* v = subject(name, Source::field);
    if (!v) {
      missing = true;
      return false;
    }
    charter::detail::WallText t;
    calendar::DateTimeProblem problem;
    if (!charter::detail::try_parse_wall(*v, t, problem)) {
      invalid("field " + quoted(name) + " is " + quoted(*v) + ", not a date and time (" + problem.why + ")");
      return false;
    }
    try {
      out = charter::detail::utc_of(t, c_->calendar->index());
      return true;
    } catch (const Error& e) {
      invalid("field " + quoted(name) + " is " + quoted(*v) + ": " + e.what());
      return false;
    }
  }

  std::string local_text(Micros utc) const {
    return charter::detail::format_instant(c_->calendar->to_local(charter::detail::from_micros(utc)));
  }

  void judge(const Threshold& t) {
    const Quantity& q = t.quantity;
    if (!q.field.empty()) {
      const std::string* v = subject(q.field, Source::field);
      if (!v) return invalid("no " + quoted(q.field) + " recorded");
      if (!read_number(*v, measured)) {
        return invalid("field " + quoted(q.field) + " is " + quoted(*v) + ", not a number");
      }
    } else {
      Micros from, to;
      bool missing;
      if (!instant(q.from, from, missing)) {
        if (missing) invalid("no " + quoted(q.from) + " recorded");
        return;
      }
      if (!instant(q.to, to, missing)) {
        if (missing) invalid("no " + quoted(q.to) + " recorded");
        return;
      }
      const double per = q.unit == "seconds" ? 1 : q.unit == "minutes" ? 60 : q.unit == "hours" ? 3600 : 86400;
      measured = static_cast<double>(to - from) / charter::detail::kMicrosPerSecond / per;
    }
    if (t.at_most && measured > *t.at_most) {
      outcome = Outcome::not_met;
      bound = *t.at_most;
    } else if (t.at_least && measured < *t.at_least) {
      outcome = Outcome::not_met;
      bound = *t.at_least;
    } else {
      bound = t.at_most ? *t.at_most : *t.at_least;
    }
  }

  void judge(const DeadlineRule& d) {
    std::size_t chosen = d.rules.size() - 1;
    for (std::size_t i = 0; i + 1 < d.rules.size(); ++i) {
      const Truth t = all_hold(d.rules[i].when);
      if (t == Truth::bad) return;
      if (t == Truth::yes) {
        chosen = i;
        break;
      }
    }
    note = static_cast<std::uint16_t>(chosen);
    Micros start, done;
    bool missing;
    if (!instant(d.start, start, missing)) {
      if (missing) invalid("no " + quoted(d.start) + " recorded");
      return;
    }
    const calendar::Deadline& rule = d.rules[chosen].rule;
    Micros due;
    try {
      due = charter::detail::to_micros(rule.due(charter::detail::from_micros(start), *c_->calendar));
    } catch (const Error& e) {
      return invalid(std::string("the due instant cannot be computed: ") + e.what());
    }
    // The words are composed only when asked (Findings::explanation): a day's orders should not
    // pay for formatting two instants each.
    bound = 0;
    timed = true;
    due_at = due;
    if (!instant(d.done, done, missing)) {
      if (!missing) return;
      outcome = Outcome::not_met;
      done_at = kNotRecorded;
      return;
    }
    done_at = done;
    measured = static_cast<double>(done - due) / charter::detail::kMicrosPerSecond;
    outcome = done <= due ? Outcome::met : Outcome::not_met;
  }

  void judge(const Obligation& o) {
    for (std::size_t i = 0; i < o.require.size(); ++i) {
      const Condition& c = o.require[i];
      const Truth t = test(c, source_of(c.subject));
      if (t == Truth::bad) return;
      if (t == Truth::no) {
        outcome = Outcome::not_met;
        note = static_cast<std::uint16_t>(i);
        const std::string* v = subject(c.subject, source_of(c.subject));
        words = c_->require_texts[i];
        words += " does not hold: ";
        if (!v) words += "no ";
        append_quoted(words, c.subject);
        if (v) {
          words += " is ";
          append_quoted(words, *v);
        } else {
          words += " recorded";
        }
        return;
      }
    }
  }

  void judge(const RequiredFields& r) {
    std::size_t count = 0;
    for (const std::string& f : r.fields) {
      if (!subject(f, Source::field)) {
        words += count++ ? ", " : "not recorded: ";
        words += f;
      }
    }
    measured = static_cast<double>(count);
    bound = 0;
    if (count) outcome = Outcome::not_met;
  }

  void judge(const Phrases& p) {
    const std::string* text = subject(p.field, Source::field);
    if (!text) return invalid("no " + quoted(p.field) + " recorded");
    bound = 0;
    measured = 0;
    if (const PhraseMatcher* m = c_->standard->forbidden_matcher()) {
      const std::vector<PhraseHit> hits = m->find_all(*text);
      measured = static_cast<double>(hits.size());
      if (!hits.empty()) {
        outcome = Outcome::not_met;
        words = "forbidden in ";
        append_quoted(words, p.field);
        words += ':';
        for (std::size_t i = 0; i < hits.size(); ++i) {
          words += i ? ", " : " ";
          append_quoted(words, std::string_view(*text).substr(hits[i].begin, hits[i].end - hits[i].begin));
          words += " at character ";
          words += std::to_string(hits[i].char_begin + 1);
        }
      }
    }
    if (const PhraseMatcher* m = c_->standard->required_matcher()) {
      if (!m->contains_any(*text)) {
        outcome = Outcome::not_met;
        words += std::string(words.empty() ? "" : "; ") + "none of the required phrases in " + quoted(p.field);
      }
    }
  }

  void judge(const DistinctSigners& d) {
    const std::string* list = subject(d.field, Source::field);
    std::vector<std::string_view> signers;
    if (list) {
      std::string_view rest = *list;
      while (!rest.empty()) {
        const std::size_t cut = rest.find(';');
        std::string_view name = rest.substr(0, cut);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty() && std::find(signers.begin(), signers.end(), name) == signers.end()) signers.push_back(name);
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
      }
    }
    measured = static_cast<double>(signers.size());
    bound = d.at_least;
    if (static_cast<int>(signers.size()) < d.at_least) {
      outcome = Outcome::not_met;
      words = signers.empty() ? "nobody signed" : "signed by " + std::to_string(signers.size()) + " different staff";
      if (list) words += " (" + quoted(d.field) + " is " + quoted(*list) + ")";
      words += ", at least " + std::to_string(d.at_least) + " needed";
    }
  }

  void judge(const Precondition& p) {
    Micros before, now;
    bool missing;
    const std::string label = p.label.preferred().empty() ? p.field : p.label.preferred();
    if (!instant(p.field, before, missing)) {
      if (!missing) return;
      outcome = Outcome::not_met;
      words = "no " + label + " (" + quoted(p.field) + " not recorded)";
      return;
    }
    instant("at", now, missing);
    measured = static_cast<double>(now - before) / charter::detail::kMicrosPerSecond;
    bound = 0;
    if (before > now) {
      outcome = Outcome::not_met;
      words = label + " " + local_text(before) + ", after it was needed at " + local_text(now);
    }
  }

  void judge(const Eligibility& e) {
    for (std::size_t i = 0; i < e.exclusions.size(); ++i) {
      const Truth t = all_hold(e.exclusions[i].when);
      if (t == Truth::bad) return;
      if (t == Truth::no) continue;
      note = static_cast<std::uint16_t>(i);
      const std::string* v = subject(e.accepted, Source::field);
      if (!v) return invalid("outside the accepted scope (" + e.exclusions[i].reason.preferred() + ") and no " +
                             quoted(e.accepted) + " decision recorded");
      const int yes = parse_yes_no(*v);
      if (yes < 0) return invalid("field " + quoted(e.accepted) + " is " + quoted(*v) + ", not yes or no");
      outcome = yes ? Outcome::not_met : Outcome::met;
      words = yes ? "accepted although " : "refused: ";
      words += e.exclusions[i].reason.preferred();
      return;
    }
    outcome = Outcome::not_applicable;
    note = std::numeric_limits<std::uint16_t>::max();  // within scope: no `when` failed
  }

  const Observation* o_ = nullptr;
  const Compiled* c_ = nullptr;
};

}  // namespace

Findings evaluate(const std::vector<Standard>& standards, const std::vector<Observation>& observations) {
  if (standards.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw std::invalid_argument("evaluate: more than 65535 standards");
  }
  std::vector<Compiled> compiled;
  compiled.reserve(standards.size());
  KindTable by_kind;
  for (std::size_t i = 0; i < standards.size(); ++i) {
    const Standard& s = standards[i];
    Compiled c{&s, &s.spec(), s.calendar(), {}, {}, {}};
    for (const auto& ch : s.spec().channels) c.channels.push_back(ch);
    for (const auto& w : s.spec().when) c.when_sources.push_back(source_of(w.subject));
    if (const auto* o = std::get_if<Obligation>(&s.spec().rule)) {
      for (const Condition& r : o->require) c.require_texts.push_back(r.text());
    }
    compiled.push_back(std::move(c));
    const bool timed = std::holds_alternative<DeadlineRule>(s.spec().rule);
    for (const auto& k : s.spec().kinds) by_kind.add(k, static_cast<std::uint16_t>(i), timed);
  }

  // The standards covering each observation, found once: the counts size every column before
  // the first row, so ten million rows are written without a reallocation or a copy.
  std::vector<const std::vector<std::uint16_t>*> covering(observations.size(), nullptr);
  FindingsBuilder::Sizes sizes;
  sizes.observations = observations.size();
  for (std::size_t k = 0; k < observations.size(); ++k) {
    const Observation& o = observations[k];
    sizes.id_bytes += o.id.size();
    const KindTable::Kind* kind = by_kind.find(o.kind);
    if (!kind) continue;
    covering[k] = &kind->standards;
    sizes.rows += kind->standards.size();
    sizes.timed_rows += kind->timed;
  }
  FindingsBuilder out(standards);
  out.reserve(sizes);
  Judge judge;
  for (std::size_t k = 0; k < observations.size(); ++k) {
    const Observation& o = observations[k];
    out.observation(o);
    if (!covering[k]) continue;
    for (const std::uint16_t s : *covering[k]) {
      const Compiled& c = compiled[s];
      if (!c.channels.empty() &&
          std::none_of(c.channels.begin(), c.channels.end(),
                       [&](std::string_view channel) { return same_text(channel, o.channel); })) {
        continue;
      }
      if (o.at.is_special()) {
        judge.outcome = Outcome::invalid;
        judge.measured = judge.bound = kNaN;
        judge.note = 0;
        judge.words = "the observation's instant is " + charter::detail::format_instant(o.at);
        judge.timed = false;
      } else {
        judge.run(o, c);
      }
      out.row(k, s, judge.outcome, judge.measured, judge.bound, judge.note, judge.words);
      if (judge.timed) out.timing(judge.done_at, judge.due_at);
    }
  }
  return out.finish();
}

Findings evaluate(const Charter& charter, const std::vector<Observation>& observations) {
  return evaluate(charter.standards(), observations);
}

}  // namespace charter::standard
