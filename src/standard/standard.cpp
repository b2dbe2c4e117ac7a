#include "charter/standard/standard.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "charter/detail/problem_lines.hpp"
#include "charter/standard/phrase_matcher.hpp"

namespace charter::standard {

namespace {

constexpr const char* kKindNames[] = {"threshold",        "deadline",     "obligation",
                                      "required_fields",  "phrases",      "distinct_signers",
                                      "precondition",     "eligibility"};

const char* const kBetweenUnits[] = {"seconds", "minutes", "hours", "days"};

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Collects problems with their paths, as the charter file names the nodes.
class Checker {
 public:
  Checker(const StandardSpec& spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
          const org::Organization& organization)
      : spec_(spec), calendars_(calendars), organization_(organization) {}

  // The phrase lists of a phrases rule, compiled by run() when they compile.
  std::optional<PhraseMatcher> forbidden, required;

  std::vector<StandardProblem> run() {
    if (!org::is_valid_id(spec_.id)) {
      add("", quoted(spec_.id) + " is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)");
    }
    if (spec_.kinds.empty()) add("kinds", "name at least one observation kind the standard applies to");
    names("kinds", spec_.kinds, "kind");
    names("channels", spec_.channels, "channel");
    if (!spec_.owner.empty()) {
      if (!organization_.has_role(spec_.owner)) add("owner", "unknown role " + quoted(spec_.owner));
    } else if (!organization_.accountable_for({org::SubjectKind::standard, spec_.id})) {
      add("", "no owner: name a role with 'owner', or make a role accountable (A) for standard " + spec_.id);
    }
    if (!spec_.calendar.empty() && !calendars_.count(spec_.calendar)) {
      std::string known;
      for (const auto& [id, c] : calendars_) known += (known.empty() ? "" : ", ") + id;
      add("calendar", "unknown calendar " + quoted(spec_.calendar) +
                          (known.empty() ? " (the charter has none)" : " (known: " + known + ")"));
    }
    conditions("when", spec_.when);
    std::visit([&](const auto& rule) { check(rule); }, spec_.rule);
    if (uses_time_ && spec_.calendar.empty()) {
      add(time_path_, "uses local time or instants: name the standard's 'calendar'");
    }
    rectification();
    return std::move(problems_);
  }

 private:
  void add(const std::string& path, std::string message) { problems_.push_back({path, std::move(message)}); }

  // A rate is judged over whole periods of local dates, so the standard needs a calendar.
  void rectification() {
    if (!spec_.rectification) return;
    const Rectification& r = *spec_.rectification;
    if (!(r.below > 0 && r.below <= 1)) {
      add("rectification.below", "the rate a notice is raised below must be more than 0 and at most 1 (100%), not " +
                                     std::to_string(r.below));
    }
    if (r.min_checked < 1 || r.min_checked > 1000000000) {
      add("rectification.min_checked", "min_checked " + std::to_string(r.min_checked) + " is not 1 to 1000000000");
    }
    if (r.period == Period::none) add("rectification.period", "a rate is judged per day, week or month, not 'none'");
    if (spec_.calendar.empty()) {
      add("rectification", "judges rates over periods of local dates: name the standard's 'calendar'");
    }
  }

  void time_used(const std::string& path) {
    if (!uses_time_) time_path_ = path;
    uses_time_ = true;
  }

  void names(const std::string& path, const std::vector<std::string>& values, const char* what) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].empty()) add(at(path, i), std::string("empty ") + what);
      if (!seen.insert(values[i]).second) add(at(path, i), std::string(what) + " " + quoted(values[i]) + " is listed twice");
    }
  }

  void field(const std::string& path, const std::string& name, const char* what) {
    if (name.empty()) add(path, std::string("name the ") + what);
  }

  // "at" or an instant field.
  void instant(const std::string& path, const std::string& name, const char* what) {
    field(path, name, what);
    time_used(path);
  }

  void conditions(const std::string& path, const std::vector<Condition>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) condition(at(path, i), list[i]);
  }

  void condition(const std::string& path, const Condition& c) {
    if (c.subject.empty()) add(path, "name the field the condition tests");
    if (c.subject == kLocalTimeSubject) {
      time_used(path);
      if (c.test != Condition::Test::at_least && c.test != Condition::Test::at_most) {
        add(path, "local_time takes at_least or at_most (a time of day such as \"16:00\")");
      } else if (!(c.number >= 0 && c.number <= 86400)) {
        add(path, "a time of day is 00:00..24:00");
      }
    }
    switch (c.test) {
      case Condition::Test::at_least:
      case Condition::Test::at_most:
        if (!std::isfinite(c.number)) add(path, "the bound is not a finite number");
        break;
      case Condition::Test::in:
      case Condition::Test::not_in:
        if (c.values.empty()) add(path, "list at least one value");
        break;
      default:
        break;
    }
  }

  void check(const Threshold& t) {
    const Quantity& q = t.quantity;
    const bool by_field = !q.field.empty();
    const bool by_span = !q.from.empty() || !q.to.empty();
    if (by_field == by_span) {
      add("threshold", "give either 'measure' (a number field) or 'between' (two instants)");
    }
    if (by_span) {
      instant("threshold.between", q.from, "instant the quantity starts at");
      instant("threshold.between", q.to, "instant the quantity ends at");
      if (std::none_of(std::begin(kBetweenUnits), std::end(kBetweenUnits), [&](const char* u) { return q.unit == u; })) {
        add("threshold.unit", "the time between two instants is counted in seconds, minutes, hours or days, not " +
                                  quoted(q.unit));
      }
    }
    if (!t.at_least && !t.at_most) add("threshold", "give 'at_least', 'at_most' or both");
    if (t.at_least && !std::isfinite(*t.at_least)) add("threshold.at_least", "not a finite number");
    if (t.at_most && !std::isfinite(*t.at_most)) add("threshold.at_most", "not a finite number");
    if (t.at_least && t.at_most && *t.at_least > *t.at_most) {
      add("threshold", "at_least is greater than at_most: nothing could meet it");
    }
  }

  void check(const DeadlineRule& d) {
    instant("deadline.start", d.start, "instant handling starts");
    instant("deadline.done", d.done, "instant field saying when it was done");
    if (d.rules.empty()) add("deadline", "give the deadline 'rule' (or 'rules')");
    for (std::size_t i = 0; i < d.rules.size(); ++i) {
      const std::string p = at("deadline.rules", i);
      conditions(p + ".when", d.rules[i].when);
      const bool last = i + 1 == d.rules.size();
      if (last && !d.rules[i].when.empty()) {
        add(p, "the last rule applies when no other does: it takes no 'when'");
      }
      if (!last && d.rules[i].when.empty()) {
        add(p, "only the last rule may go without 'when' (rules after it could never apply)");
      }
    }
  }

  void check(const Obligation& o) {
    if (o.require.empty()) add("obligation", "list at least one condition that must hold");
    conditions("obligation", o.require);
  }

  void check(const RequiredFields& r) {
    if (r.fields.empty()) add("required_fields", "list at least one field");
    names("required_fields", r.fields, "field");
  }

  void check(const Phrases& p) {
    field("phrases.field", p.field, "text field the phrases are looked for in");
    if (p.forbidden.empty() && p.required.empty()) {
      add("phrases", "list 'forbidden' phrases, 'required' phrases, or both");
    }
    compile("phrases.forbidden", p.forbidden, forbidden);
    compile("phrases.required", p.required, required);
  }

  // Compiled to see that every phrase folds to something; the Standard keeps what compiled
  // rather than compiling it again.
  void compile(const std::string& path, const std::vector<std::string>& phrases, std::optional<PhraseMatcher>& out) {
    if (phrases.empty()) return;
    try {
      out.emplace(phrases);
    } catch (const ParseError& e) {
      add(path, e.what());
    }
  }


  void check(const DistinctSigners& d) {
    field("distinct_signers.field", d.field, "field listing the signers");
    if (d.at_least < 1) add("distinct_signers.at_least", "at least 1 signer");
  }

  void check(const Precondition& p) { instant("precondition.field", p.field, "instant field that must come first"); }

  void check(const Eligibility& e) {
    field("eligibility.accepted", e.accepted, "yes/no field recording the decision");
    if (e.exclusions.empty()) add("eligibility.exclusions", "list at least one exclusion");
    for (std::size_t i = 0; i < e.exclusions.size(); ++i) {
      const std::string p = at("eligibility.exclusions", i);
      if (e.exclusions[i].when.empty()) add(p, "an exclusion needs 'when' (it would exclude every request)");
      conditions(p + ".when", e.exclusions[i].when);
      if (e.exclusions[i].reason.zh.empty() && e.exclusions[i].reason.en.empty()) {
        add(p, "give the 'reason' the request is refused for");
      }
    }
  }

  const StandardSpec& spec_;
  const std::map<std::string, calendar::BusinessCalendar>& calendars_;
  const org::Organization& organization_;
  std::vector<StandardProblem> problems_;
  bool uses_time_ = false;
  std::string time_path_;
};

std::string problem_list(const std::string& standard, const std::vector<StandardProblem>& problems) {
  return "standard '" + standard + "':" + charter::detail::problem_lines(problems);
}

}  // namespace

const char* rule_kind_name(RuleKind k) { return kKindNames[static_cast<int>(k)]; }

StandardError::StandardError(const std::string& standard, std::vector<StandardProblem> problems)
    : Error(problem_list(standard, problems)), problems_(std::move(problems)) {}

std::vector<StandardProblem> validate(const StandardSpec& spec,
                                      const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                      const org::Organization& organization) {
  return Checker(spec, calendars, organization).run();
}

struct Standard::Data {
  StandardSpec spec;
  std::string owner;
  org::Organization organization;
  std::optional<calendar::BusinessCalendar> calendar;
  std::optional<PhraseMatcher> forbidden;
  std::optional<PhraseMatcher> required;
};

Standard::Standard(StandardSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
                   const org::Organization& organization) {
  Checker checker(spec, calendars, organization);
  std::vector<StandardProblem> problems = checker.run();
  if (!problems.empty()) throw StandardError(spec.id, std::move(problems));
  auto data = std::make_shared<Data>();
  data->organization = organization;
  data->owner = !spec.owner.empty() ? spec.owner
                                    : organization.accountable_for({org::SubjectKind::standard, spec.id})->id;
  if (!spec.calendar.empty()) data->calendar = calendars.at(spec.calendar);
  data->forbidden = std::move(checker.forbidden);
  data->required = std::move(checker.required);
  data->spec = std::move(spec);
  data_ = std::move(data);
}

const StandardSpec& Standard::spec() const { return data_->spec; }
const std::string& Standard::owner() const { return data_->owner; }
const calendar::BusinessCalendar* Standard::calendar() const {
  return data_->calendar ? &*data_->calendar : nullptr;
}
const org::Organization& Standard::organization() const { return data_->organization; }
const PhraseMatcher* Standard::forbidden_matcher() const {
  return data_->forbidden ? &*data_->forbidden : nullptr;
}
const PhraseMatcher* Standard::required_matcher() const {
  return data_->required ? &*data_->required : nullptr;
}

bool operator==(const Standard& a, const Standard& b) {
  return a.data_ == b.data_ || (a.spec() == b.spec() && a.owner() == b.owner());
}

}  // namespace charter::standard
