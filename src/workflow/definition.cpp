#include "charter/workflow/definition.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "charter/org/raci.hpp"
#include "charter/workflow/detail/definition_index.hpp"

namespace charter::workflow {
namespace {

using detail::CompiledCondition;
using detail::DefinitionIndex;
using detail::TimerOp;

std::string idx(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// A message quotes at most this many ids of a list, and a definition lists at most this many
// problems: a saved charter or a charter file may hold thousands of values, and a message that
// quotes all of them for each of thousands of mistakes grows with their product.
constexpr std::size_t kMaxQuotedIds = 20;
constexpr std::size_t kMaxListedProblems = 50;

template <class T>
std::string quoted_list(const T& items) {
  std::string out;
  std::size_t n = 0;
  for (const auto& s : items) {
    if (n++ >= kMaxQuotedIds) continue;
    out += (out.empty() ? "'" : ", '") + std::string(s) + "'";
  }
  if (n > kMaxQuotedIds) out += " and " + std::to_string(n - kMaxQuotedIds) + " more";
  return out.empty() ? "(none)" : out;
}

// Collects problems with their paths; every check of a definition reports here.
class Checker {
 public:
  Checker(const DefinitionSpec& spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
          const org::Organization& org)
      : spec_(spec), calendars_(calendars), org_(org) {}

  std::vector<DefinitionProblem> run() {
    if (!org::is_valid_id(spec_.id)) problem("id", "'" + spec_.id + "' is not a valid id");
    if (spec_.calendar.empty()) {
      problem("calendar", "missing: a workflow names its default calendar");
    } else if (!calendars_.count(spec_.calendar)) {
      problem("calendar", "unknown calendar '" + spec_.calendar + "' (known: " + calendar_ids() + ")");
    }
    check_states();
    check_slots();
    check_checklists();
    check_transitions();
    check_timers();
    check_escalations();
    if (unlisted_) problems_.push_back({"", "… and " + std::to_string(unlisted_) + " more problems"});
    return std::move(problems_);
  }

 private:
  void problem(std::string path, std::string message) {
    if (problems_.size() < kMaxListedProblems) {
      problems_.push_back({std::move(path), std::move(message)});
    } else {
      ++unlisted_;
    }
  }

  std::string calendar_ids() const {
    std::vector<std::string> ids;
    for (const auto& [id, c] : calendars_) ids.push_back(id);
    return quoted_list(ids);
  }

  bool unique(std::set<std::string>& seen, const std::string& id, const std::string& path, const char* what) {
    if (!org::is_valid_id(id)) {
      problem(path, "'" + id + "' is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)");
      return false;
    }
    if (!seen.insert(id).second) {
      problem(path, std::string(what) + " '" + id + "' is defined twice");
      return false;
    }
    return true;
  }

  void check_states() {
    if (spec_.states.empty()) problem("states", "a workflow needs states");
    int initials = 0, terminals = 0;
    for (std::size_t i = 0; i < spec_.states.size(); ++i) {
      const State& s = spec_.states[i];
      unique(states_, s.id, idx("states", i) + ".id", "state");
      if (s.initial) ++initials;
      if (s.terminal) ++terminals;
      if (s.initial && s.terminal) problem(idx("states", i), "state '" + s.id + "' cannot be both initial and terminal");
      if (s.initial) initial_ = s.id;
    }
    if (!spec_.states.empty() && initials != 1) {
      problem("states", "exactly one state must be initial (found " + std::to_string(initials) + ")");
    }
    if (!spec_.states.empty() && terminals == 0) problem("states", "at least one state must be terminal: cases must be able to end");
    if (spec_.states.size() > static_cast<std::size_t>(detail::kMaxStates)) {
      problem("states", "more than " + std::to_string(detail::kMaxStates) + " states");
    }
  }

  void check_slots() {
    for (std::size_t i = 0; i < spec_.attributes.size(); ++i) {
      const Attribute& a = spec_.attributes[i];
      const std::string p = idx("attributes", i);
      if (!unique(slots_, a.id, p + ".id", "attribute or field")) continue;
      attributes_[a.id] = &a;
      std::set<std::string>& vals = allowed_[a.id];
      for (std::size_t k = 0; k < a.values.size(); ++k) {
        if (a.values[k].empty()) problem(idx(p + ".values", k), "an allowed value cannot be empty");
        if (!vals.insert(a.values[k]).second) problem(idx(p + ".values", k), "value '" + a.values[k] + "' is listed twice");
      }
    }
    for (std::size_t i = 0; i < spec_.fields.size(); ++i) {
      const FieldSpec& f = spec_.fields[i];
      if (unique(slots_, f.id, idx("fields", i) + ".id", "attribute or field")) fields_[f.id] = &f;
    }
    if (slots_.size() > static_cast<std::size_t>(detail::kMaxSlots)) {
      problem("fields", "more than " + std::to_string(detail::kMaxSlots) + " attributes and fields");
    }
  }

  void check_when(const std::vector<Condition>& when, const std::string& path) {
    for (std::size_t i = 0; i < when.size(); ++i) {
      const Condition& c = when[i];
      const std::string p = path + "." + c.attribute;
      auto it = attributes_.find(c.attribute);
      if (it == attributes_.end()) {
        problem(p, "unknown attribute '" + c.attribute + "' (known: " + quoted_list(keys(attributes_)) + ")");
        continue;
      }
      if (c.values.empty()) problem(p, "a condition lists the values it accepts");
      const auto& allowed = it->second->values;
      const std::set<std::string>& allowed_set = allowed_.at(c.attribute);
      for (std::size_t k = 0; k < c.values.size(); ++k) {
        if (!allowed.empty() && !allowed_set.count(c.values[k])) {
          problem(idx(p, k), "'" + c.values[k] + "' is not a value of attribute '" + c.attribute +
                                 "' (allowed: " + quoted_list(allowed) + ")");
        }
      }
    }
  }

  template <class M>
  static std::vector<std::string> keys(const M& m) {
    std::vector<std::string> out;
    for (const auto& kv : m) out.push_back(kv.first);
    return out;
  }

  void check_checklists() {
    std::set<std::string> seen;
    std::size_t items = 0;
    for (std::size_t i = 0; i < spec_.checklists.size(); ++i) {
      const Checklist& c = spec_.checklists[i];
      const std::string p = idx("checklists", i);
      if (!unique(seen, c.id, p + ".id", "checklist")) continue;
      checklists_.insert(c.id);
      if (c.items.empty()) problem(p + ".items", "a checklist needs items");
      std::set<std::string> its;
      for (std::size_t k = 0; k < c.items.size(); ++k) {
        const std::string ip = idx(p + ".items", k);
        if (unique(its, c.items[k].id, ip + ".id", "item")) items_.insert(c.id + "." + c.items[k].id);
        check_when(c.items[k].when, ip + ".when");
        ++items;
      }
    }
    if (items > static_cast<std::size_t>(detail::kMaxChecklistItems)) {
      problem("checklists", "more than " + std::to_string(detail::kMaxChecklistItems) + " checklist items in all");
    }
  }

  bool is_state(const std::string& s) const { return states_.count(s) > 0; }

  void check_state_ref(const std::string& s, const std::string& path) {
    if (!is_state(s)) problem(path, "unknown state '" + s + "' (known: " + quoted_list(states_) + ")");
  }

  void check_transitions() {
    if (spec_.transitions.empty()) problem("transitions", "a workflow needs transitions");
    std::map<std::pair<std::string, std::string>, std::size_t> taken;  // (event, state) → row
    bool intake = false;
    for (std::size_t i = 0; i < spec_.transitions.size(); ++i) {
      const Transition& t = spec_.transitions[i];
      const std::string p = idx("transitions", i);
      if (!org::is_valid_id(t.event)) {
        problem(p + ".event", "'" + t.event + "' is not a valid event name");
        continue;
      }
      events_.insert(t.event);
      for (std::size_t k = 0; k < t.from.size(); ++k) check_state_ref(t.from[k], idx(p + ".from", k));
      if (!t.to.empty()) {
        check_state_ref(t.to, p + ".to");
        if (t.to == initial_) problem(p + ".to", "no transition leads back to the initial state '" + initial_ + "'");
      }
      std::vector<std::string> from = t.from;
      if (from.empty()) {
        for (const State& s : spec_.states) {
          if (!s.initial && !s.terminal) from.push_back(s.id);
        }
      }
      for (const auto& s : from) {
        if (s == initial_ && !initial_.empty()) {
          intake = true;
          if (t.to.empty()) problem(p + ".to", "the intake event '" + t.event + "' must move the case out of the initial state");
        }
        auto [it, fresh] = taken.emplace(std::make_pair(t.event, s), i);
        if (!fresh && is_state(s)) {
          problem(p, "event '" + t.event + "' in state '" + s + "' is already taken by transitions[" +
                         std::to_string(it->second) + "]");
        }
      }
      if (!t.action.empty()) {
        if (!org::is_valid_id(t.action)) {
          problem(p + ".action", "'" + t.action + "' is not a valid action id");
        } else if (org_.responsible_for(t.action).empty()) {
          problem(p + ".action", "no role of the organisation is responsible (R) for action '" + t.action +
                                     "', so nobody could take this step");
        }
      }
      for (std::size_t k = 0; k < t.requires.size(); ++k) {
        if (!slots_.count(t.requires[k])) {
          problem(idx(p + ".requires", k), "unknown attribute or field '" + t.requires[k] + "' (known: " +
                                               quoted_list(slots_) + ")");
        }
      }
      for (std::size_t k = 0; k < t.ticks.size(); ++k) {
        if (!items_.count(t.ticks[k])) {
          problem(idx(p + ".ticks", k), "unknown checklist item '" + t.ticks[k] + "' (known: " + quoted_list(items_) + ")");
        }
      }
      for (std::size_t k = 0; k < t.checklists.size(); ++k) {
        if (!checklists_.count(t.checklists[k])) {
          problem(idx(p + ".checklists", k), "unknown checklist '" + t.checklists[k] + "' (known: " +
                                                 quoted_list(checklists_) + ")");
        }
      }
      check_when(t.when, p + ".when");
    }
    if (!spec_.transitions.empty() && !initial_.empty() && !intake) {
      problem("transitions", "no transition leaves the initial state '" + initial_ + "': no case could start");
    }
    if (events_.size() > static_cast<std::size_t>(detail::kMaxEvents)) {
      problem("transitions", "more than " + std::to_string(detail::kMaxEvents) + " events");
    }
  }

  void check_trigger(const Trigger& t, const std::string& path) {
    for (std::size_t k = 0; k < t.events.size(); ++k) {
      if (!events_.count(t.events[k])) {
        problem(idx(path + ".events", k), "no transition has event '" + t.events[k] + "'");
      }
    }
    for (std::size_t k = 0; k < t.states.size(); ++k) check_state_ref(t.states[k], idx(path + ".states", k));
  }

  void check_timers() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < spec_.timers.size(); ++i) {
      const TimerSpec& t = spec_.timers[i];
      const std::string p = idx("timers", i);
      if (unique(seen, t.id, p + ".id", "timer")) timers_[t.id] = &t;
      if (!t.calendar.empty() && !calendars_.count(t.calendar)) {
        problem(p + ".calendar", "unknown calendar '" + t.calendar + "' (known: " + calendar_ids() + ")");
      }
      if (t.start.empty()) problem(p + ".start", "a timer needs a start trigger");
      if (t.stop.empty()) problem(p + ".stop", "a timer needs a stop trigger");
      check_trigger(t.start, p + ".start");
      check_trigger(t.stop, p + ".stop");
      check_trigger(t.restart, p + ".restart");
      for (std::size_t k = 0; k < t.pause.size(); ++k) check_state_ref(t.pause[k], idx(p + ".pause", k));
      check_when(t.when, p + ".when");
      const Goal& g = t.goal;
      if (!g.field.empty()) {
        auto f = fields_.find(g.field);
        if (!g.rules.empty() || !g.attribute.empty()) problem(p + ".goal", "give either rules or a field, not both");
        if (f == fields_.end()) {
          problem(p + ".goal.field", "unknown field '" + g.field + "'");
        } else if (f->second->type != FieldSpec::Type::instant) {
          problem(p + ".goal.field", "field '" + g.field + "' is not an instant (type: instant)");
        }
      } else if (g.rules.empty()) {
        problem(p + ".goal", "a timer needs a goal");
      } else if (g.attribute.empty()) {
        if (g.rules.size() != 1 || !g.rules.count("")) problem(p + ".goal", "rules by value need 'by: <attribute>'");
      } else {
        auto a = attributes_.find(g.attribute);
        if (a == attributes_.end()) {
          problem(p + ".goal.by", "unknown attribute '" + g.attribute + "'");
        } else {
          const auto& allowed = a->second->values;
          const std::set<std::string>& allowed_set = allowed_.at(g.attribute);
          for (const auto& [value, rule] : g.rules) {
            if (!value.empty() && !allowed.empty() && !allowed_set.count(value)) {
              problem(p + ".goal." + value, "'" + value + "' is not a value of attribute '" + g.attribute + "' (allowed: " +
                                                quoted_list(allowed) + ")");
            }
          }
          if (!g.rules.count("")) {
            bool all = !allowed.empty();
            for (const auto& v : allowed) all = all && g.rules.count(v);
            if (!all) problem(p + ".goal", "without a 'default' rule every value of '" + g.attribute + "' needs one");
          }
        }
      }
      const Warning& w = t.warning;
      if (w.kind == Warning::Kind::percent && (w.percent < 1 || w.percent > 99)) {
        problem(p + ".warning", "a warning percentage lies between 1% and 99%");
      }
      if (w.kind == Warning::Kind::before &&
          (!w.before || (w.before->kind() != calendar::Deadline::Kind::clock &&
                         w.before->kind() != calendar::Deadline::Kind::business_time))) {
        problem(p + ".warning", "a warning 'before' is clock or business time (e.g. '12 hours before')");
      }
    }
    if (spec_.timers.size() > static_cast<std::size_t>(detail::kMaxTimers)) {
      problem("timers", "more than " + std::to_string(detail::kMaxTimers) + " timers");
    }
  }

  void check_escalations() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < spec_.escalations.size(); ++i) {
      const EscalationSpec& e = spec_.escalations[i];
      const std::string p = idx("escalations", i);
      unique(seen, e.id, p + ".id", "escalation");
      auto t = timers_.find(e.timer);
      if (t == timers_.end()) {
        problem(p + ".timer", "unknown timer '" + e.timer + "' (known: " + quoted_list(keys(timers_)) + ")");
      }
      if (!e.to.empty() && e.levels_up != 0) problem(p, "give either 'to' or 'levels_up', not both");
      if (e.levels_up < 0) problem(p + ".levels_up", "levels_up cannot be negative");
      if (!e.to.empty() && !org_.has_role(e.to)) problem(p + ".to", "unknown role '" + e.to + "'");
      if (e.to.empty() && t != timers_.end() && e.levels_up >= 0) {
        std::string why;
        if (escalation_target(spec_, org_, *t->second, e.levels_up, &why).empty()) problem(p, why);
      }
      if (e.on == EscalationSpec::On::warning && t != timers_.end() && t->second->warning.kind == Warning::Kind::none) {
        problem(p + ".on", "timer '" + e.timer + "' has no warning to escalate on");
      }
      check_when(e.when, p + ".when");
    }
  }

 public:
  // The role an escalation reaches: levels_up above the first role responsible for the timer's
  // first stop event; "" with `why` when there is none.
  static std::string escalation_target(const DefinitionSpec& spec, const org::Organization& org, const TimerSpec& timer,
                                       int levels_up, std::string* why) {
    std::string action;
    for (const auto& ev : timer.stop.events) {
      for (const auto& row : spec.transitions) {
        if (row.event == ev && !row.action.empty()) {
          action = row.action;
          break;
        }
      }
      if (!action.empty()) break;
    }
    if (action.empty()) {
      *why = "timer '" + timer.id + "' stops on no event with an action, so no role is responsible to escalate from";
      return "";
    }
    const auto responsible = org.responsible_for(action);
    if (responsible.empty()) {
      *why = "no role is responsible for action '" + action + "'";
      return "";
    }
    if (levels_up == 0) return responsible.front().id;
    const auto chain = org.escalation_chain(responsible.front().id);
    if (static_cast<int>(chain.size()) < levels_up) {
      *why = "the reporting line above '" + responsible.front().id + "' has " + std::to_string(chain.size()) +
             " role(s), fewer than levels_up " + std::to_string(levels_up);
      return "";
    }
    return chain[static_cast<std::size_t>(levels_up - 1)].id;
  }

 private:
  const DefinitionSpec& spec_;
  const std::map<std::string, calendar::BusinessCalendar>& calendars_;
  const org::Organization& org_;
  std::vector<DefinitionProblem> problems_;
  std::set<std::string> states_, slots_, checklists_, items_, events_;
  std::map<std::string, const Attribute*> attributes_;
  std::map<std::string, std::set<std::string>> allowed_;  // each attribute's values, to look up
  std::size_t unlisted_ = 0;                              // problems past kMaxListedProblems
  std::map<std::string, const FieldSpec*> fields_;
  std::map<std::string, const TimerSpec*> timers_;
  std::string initial_;
};

std::vector<CompiledCondition> compile(const DefinitionIndex& ix, const std::vector<Condition>& when) {
  std::vector<CompiledCondition> out;
  for (const auto& c : when) out.push_back({ix.slot_id(c.attribute), c.values});
  return out;
}

std::shared_ptr<const DefinitionIndex> build_index(DefinitionSpec spec,
                                                   const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                                   org::Organization org) {
  auto ix = std::make_shared<DefinitionIndex>();
  ix->spec = std::move(spec);
  ix->organization = std::move(org);
  const DefinitionSpec& s = ix->spec;
  auto use_calendar = [&](const std::string& id) -> const calendar::BusinessCalendar* {
    auto it = ix->calendars.find(id);
    if (it == ix->calendars.end()) it = ix->calendars.emplace(id, calendars.at(id)).first;
    return &it->second;
  };
  ix->default_calendar = use_calendar(s.calendar);

  for (std::size_t i = 0; i < s.states.size(); ++i) {
    ix->state_ids[s.states[i].id] = static_cast<int>(i);
    ix->terminal.push_back(s.states[i].terminal ? 1 : 0);
    if (s.states[i].initial) ix->initial = static_cast<int>(i);
  }
  for (const auto& a : s.attributes) {
    ix->slot_ids[a.id] = static_cast<int>(ix->slot_names.size());
    ix->slot_names.push_back(a.id);
    ix->slot_type.push_back(FieldSpec::Type::text);
    ix->allowed.push_back(a.values);
    if (a.required) ix->required_attributes.push_back(static_cast<int>(ix->slot_names.size()) - 1);
  }
  ix->n_attributes = static_cast<int>(s.attributes.size());
  for (const auto& f : s.fields) {
    ix->slot_ids[f.id] = static_cast<int>(ix->slot_names.size());
    ix->slot_names.push_back(f.id);
    ix->slot_type.push_back(f.type);
    ix->allowed.emplace_back();
  }
  for (const auto& t : s.transitions) {
    if (ix->event_ids.emplace(t.event, static_cast<int>(ix->event_names.size())).second) ix->event_names.push_back(t.event);
  }
  std::map<std::string, int> item_bits;
  for (std::size_t c = 0; c < s.checklists.size(); ++c) {
    std::uint64_t mask = 0;
    for (const auto& item : s.checklists[c].items) {
      const int bit = static_cast<int>(ix->item_names.size());
      item_bits[s.checklists[c].id + "." + item.id] = bit;
      ix->item_names.push_back(s.checklists[c].id + "." + item.id);
      ix->item_when.push_back(compile(*ix, item.when));
      mask |= std::uint64_t{1} << bit;
    }
    ix->checklist_mask.push_back(mask);
  }
  const std::size_t n_states = s.states.size();
  ix->row_at.assign(ix->event_names.size() * n_states, -1);
  std::map<std::string, int> action_ids;
  for (std::size_t i = 0; i < s.transitions.size(); ++i) {
    const Transition& t = s.transitions[i];
    detail::CompiledRow row;
    row.spec = &t;
    row.event = ix->event_ids.at(t.event);
    row.to = t.to.empty() ? -1 : ix->state_ids.at(t.to);
    if (!t.action.empty()) {
      auto [it, fresh] = action_ids.emplace(t.action, static_cast<int>(ix->actions.size()));
      if (fresh) ix->actions.push_back(t.action);
      row.action = it->second;
    }
    for (const auto& r : t.requires) row.requires.push_back(ix->slot_id(r));
    for (const auto& tk : t.ticks) row.ticks |= std::uint64_t{1} << item_bits.at(tk);
    for (const auto& c : t.checklists) {
      for (std::size_t k = 0; k < s.checklists.size(); ++k) {
        if (s.checklists[k].id == c) row.checklists.push_back(static_cast<int>(k));
      }
    }
    row.when = compile(*ix, t.when);
    const int r = static_cast<int>(ix->rows.size());
    ix->rows.push_back(std::move(row));
    auto place = [&](int state) { ix->row_at[static_cast<std::size_t>(ix->rows[r].event) * n_states + static_cast<std::size_t>(state)] = r; };
    if (t.from.empty()) {
      for (std::size_t k = 0; k < n_states; ++k) {
        if (!s.states[k].initial && !s.states[k].terminal) place(static_cast<int>(k));
      }
    } else {
      for (const auto& f : t.from) place(ix->state_ids.at(f));
    }
  }
  ix->on_event.resize(ix->event_names.size());
  ix->on_enter.resize(n_states);
  ix->paused_in.assign(n_states, 0);
  for (std::size_t i = 0; i < s.timers.size(); ++i) {
    const TimerSpec& t = s.timers[i];
    ix->timer_ids[t.id] = static_cast<int>(i);
    detail::CompiledTimer ct;
    ct.spec = &t;
    ct.calendar = use_calendar(t.calendar.empty() ? s.calendar : t.calendar);
    ct.when = compile(*ix, t.when);
    if (!t.goal.field.empty()) {
      ct.goal_field = ix->slot_id(t.goal.field);
    } else {
      if (!t.goal.attribute.empty()) ct.goal_slot = ix->slot_id(t.goal.attribute);
      for (const auto& [value, rule] : t.goal.rules) ct.rules.emplace_back(value, rule);
      for (const auto& [value, rule] : ct.rules) {
        if (value.empty()) ct.default_rule = &rule;
      }
    }
    const int ti = static_cast<int>(i);
    // Order matters when one event does several things to a timer: stop first, then restart,
    // then start, so "stop on X, start on X" closes a cycle and opens the next.
    for (const auto& ev : t.stop.events) ix->on_event[static_cast<std::size_t>(ix->event_ids.at(ev))].emplace_back(ti, TimerOp::stop);
    for (const auto& ev : t.restart.events) ix->on_event[static_cast<std::size_t>(ix->event_ids.at(ev))].emplace_back(ti, TimerOp::restart);
    for (const auto& ev : t.start.events) ix->on_event[static_cast<std::size_t>(ix->event_ids.at(ev))].emplace_back(ti, TimerOp::start);
    for (const auto& st : t.stop.states) ix->on_enter[static_cast<std::size_t>(ix->state_ids.at(st))].emplace_back(ti, TimerOp::stop);
    for (const auto& st : t.restart.states) ix->on_enter[static_cast<std::size_t>(ix->state_ids.at(st))].emplace_back(ti, TimerOp::restart);
    for (const auto& st : t.start.states) ix->on_enter[static_cast<std::size_t>(ix->state_ids.at(st))].emplace_back(ti, TimerOp::start);
    for (const auto& st : t.pause) ix->paused_in[static_cast<std::size_t>(ix->state_ids.at(st))] |= std::uint64_t{1} << i;
    ix->timers.push_back(std::move(ct));
  }
  for (const auto& on : {&ix->on_event, &ix->on_enter}) {
    for (auto& ops : *on) {
      std::stable_sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.second < b.second ? false : a.second > b.second ? true : false; });
    }
  }
  for (const auto& e : s.escalations) {
    detail::CompiledEscalation ce;
    ce.spec = &e;
    ce.timer = ix->timer_ids.at(e.timer);
    ce.when = compile(*ix, e.when);
    std::string why;
    ce.role = e.to.empty() ? Checker::escalation_target(s, ix->organization, s.timers[static_cast<std::size_t>(ce.timer)], e.levels_up, &why) : e.to;
    ix->escalations.push_back(std::move(ce));
  }
  return ix;
}

}  // namespace

DefinitionError::DefinitionError(const std::string& workflow, std::vector<DefinitionProblem> problems)
    : Error([&] {
        std::string m = "workflow '" + workflow + "' is not valid:";
        for (const auto& p : problems) m += "\n  " + p.path + ": " + p.message;
        return m;
      }()),
      problems_(std::move(problems)) {}

std::vector<DefinitionProblem> validate(const DefinitionSpec& spec,
                                        const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                        const org::Organization& organization) {
  return Checker(spec, calendars, organization).run();
}

Definition::Definition(DefinitionSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
                       org::Organization organization) {
  auto problems = validate(spec, calendars, organization);
  if (!problems.empty()) throw DefinitionError(spec.id, std::move(problems));
  index_ = build_index(std::move(spec), calendars, std::move(organization));
}

const DefinitionSpec& Definition::spec() const { return index_->spec; }
const calendar::BusinessCalendar& Definition::calendar() const { return *index_->default_calendar; }
const calendar::BusinessCalendar& Definition::calendar_of(const TimerSpec& timer) const {
  return *index_->timers.at(static_cast<std::size_t>(index_->timer_ids.at(timer.id))).calendar;
}
const org::Organization& Definition::organization() const { return index_->organization; }
const std::map<std::string, calendar::BusinessCalendar>& Definition::calendars() const { return index_->calendars; }

const State& Definition::initial_state() const { return spec().states[static_cast<std::size_t>(index_->initial)]; }

const Transition* Definition::transition(const std::string& event, const std::string& state) const {
  const int e = index_->event_id(event);
  auto s = index_->state_ids.find(state);
  if (e < 0 || s == index_->state_ids.end()) return nullptr;
  const int r = index_->row(e, s->second);
  return r < 0 ? nullptr : index_->rows[static_cast<std::size_t>(r)].spec;
}

const State& Definition::state(const std::string& id) const {
  auto it = index_->state_ids.find(id);
  if (it == index_->state_ids.end()) {
    throw UnknownIdError("workflow '" + this->id() + "' has no state '" + id + "'");
  }
  return spec().states[static_cast<std::size_t>(it->second)];
}

const TimerSpec& Definition::timer(const std::string& id) const {
  auto it = index_->timer_ids.find(id);
  if (it == index_->timer_ids.end()) {
    throw UnknownIdError("workflow '" + this->id() + "' has no timer '" + id + "'");
  }
  return spec().timers[static_cast<std::size_t>(it->second)];
}

std::vector<std::string> Definition::responsible_roles(const Transition& row) const {
  std::vector<std::string> out;
  if (row.action.empty()) return out;
  for (const auto& r : index_->organization.responsible_for(row.action)) out.push_back(r.id);
  return out;
}

bool operator==(const Definition& a, const Definition& b) {
  return a.index_ == b.index_ || (a.spec() == b.spec() && a.organization() == b.organization() &&
                                  a.index_->calendars == b.index_->calendars);
}

// ---- Warning --------------------------------------------------------------------------------

Warning Warning::parse(std::string_view text) {
  std::string t(text);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
  Warning w;
  if (t.empty()) return w;
  if (t.back() == '%') {
    const std::string digits = t.substr(0, t.size() - 1);
    if (digits.empty() || digits.size() > 2 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw ParseError("warning '" + t + "': expected a whole percentage from 1% to 99%");
    }
    w.kind = Kind::percent;
    w.percent = std::stoi(digits);
    if (w.percent < 1) throw ParseError("warning '" + t + "': expected a whole percentage from 1% to 99%");
    return w;
  }
  const std::string suffix = " before";
  if (t.size() <= suffix.size() || t.compare(t.size() - suffix.size(), suffix.size(), suffix) != 0) {
    throw ParseError("warning '" + t + "': expected a percentage of the goal (\"75%\") or a time before the due instant (\"12 hours before\")");
  }
  const auto rule = calendar::Deadline::parse(t.substr(0, t.size() - suffix.size()));
  if (rule.kind() != calendar::Deadline::Kind::clock && rule.kind() != calendar::Deadline::Kind::business_time) {
    throw ParseError("warning '" + t + "': the time before the due instant is clock or business time (\"12 hours\", \"8 business hours\")");
  }
  w.kind = Kind::before;
  w.before = rule;
  return w;
}

std::string Warning::text() const {
  switch (kind) {
    case Kind::none: return "";
    case Kind::percent: return std::to_string(percent) + "%";
    case Kind::before: return before->text() + " before";
  }
  return "";
}

// ---- Mermaid --------------------------------------------------------------------------------

std::string mermaid(const Definition& definition) {
  const auto& s = definition.spec();
  std::ostringstream out;
  out << "stateDiagram-v2\n";
  for (const auto& st : s.states) {
    const std::string label = st.name.both().empty() ? st.id : st.name.both();
    out << "    " << st.id << " : " << label << "\n";
  }
  out << "    [*] --> " << definition.initial_state().id << "\n";
  std::vector<std::string> everywhere;
  for (const auto& t : s.transitions) {
    if (t.from.empty() && t.to.empty()) {
      everywhere.push_back(t.event);
      continue;
    }
    std::vector<std::string> from = t.from;
    if (from.empty()) {
      for (const auto& st : s.states) {
        if (!st.initial && !st.terminal) from.push_back(st.id);
      }
    }
    std::string label = t.event;
    if (!t.action.empty()) label += " (" + t.action + ")";
    for (const auto& f : from) out << "    " << f << " --> " << (t.to.empty() ? f : t.to) << " : " << label << "\n";
  }
  for (const auto& st : s.states) {
    if (st.terminal) out << "    " << st.id << " --> [*]\n";
  }
  if (!everywhere.empty()) {
    std::string list;
    for (const auto& e : everywhere) list += (list.empty() ? "" : ", ") + e;
    out << "    note right of " << definition.initial_state().id << "\n        In every open state: " << list
        << "\n    end note\n";
  }
  return out.str();
}

}  // namespace charter::workflow
