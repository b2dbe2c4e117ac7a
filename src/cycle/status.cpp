#include "charter/cycle/status.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "charter/calendar/date_text.hpp"
#include "cycle_support.hpp"

namespace charter::cycle {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

namespace {

constexpr const char* kStateNames[] = {"done", "done_late", "insufficient", "due", "overdue", "missed"};

// "2025-05-31 23:59:59" in the calendar's zone: explanations speak the centre's local time.
std::string local_text(const calendar::BusinessCalendar& cal, const bpt::ptime& utc) {
  return calendar::format_wall(cal.to_local(utc));
}

std::string label_of(const Evidence& e) {
  const std::string& l = e.label.preferred();
  return l.empty() ? e.field : l;
}

std::vector<std::string> list_values(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find(';', i);
    if (j == std::string::npos) j = text.size();
    std::size_t a = i, b = j;
    while (a < b && (text[a] == ' ' || text[a] == '\t')) ++a;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    if (b > a) out.emplace_back(text.substr(a, b - a));
    i = j + 1;
  }
  return out;
}

std::string joined(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// Why a record's evidence falls short of a cycle's rules; empty when it meets them all.
std::string shortfall(const Cycle& cycle, const CompletionRecord& r) {
  for (const Evidence& e : cycle.spec().evidence) {
    const std::string* v = r.field(e.field);
    const std::string label = label_of(e);
    switch (e.kind) {
      case EvidenceKind::count: {
        if (!v || v->empty()) {
          return label + " not given; " + cycle.id() + " requires " + std::to_string(e.at_least);
        }
        double x = 0;
        const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
        if (ec != std::errc() || ptr != v->data() + v->size() || !std::isfinite(x)) {
          return label + " '" + *v + "' is not a number";
        }
        if (x < e.at_least) {
          return *v + " " + label + "; " + cycle.id() + " requires " + std::to_string(e.at_least);
        }
        break;
      }
      case EvidenceKind::distinct: {
        const std::vector<std::string> values = v ? list_values(*v) : std::vector<std::string>{};
        const std::set<std::string> set(values.begin(), values.end());
        if (static_cast<long long>(set.size()) < e.at_least) {
          return std::to_string(set.size()) + " distinct " + label + (set.empty() ? "" : " (" + joined(set) + ")") +
                 "; " + cycle.id() + " requires " + std::to_string(e.at_least);
        }
        break;
      }
      case EvidenceKind::document:
        if (!v || v->empty()) return "no " + label + " filed; " + cycle.id() + " requires one";
        break;
    }
  }
  return {};
}

struct Key {
  std::size_t cycle;
  std::string subject;
  long period;  // day number of the period's first day
  bool operator==(const Key& o) const { return cycle == o.cycle && period == o.period && subject == o.subject; }
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return std::hash<std::string>()(k.subject) ^ (k.cycle * 0x9E3779B97F4A7C15ULL) ^ (static_cast<std::size_t>(k.period) << 20);
  }
};

// Where a record with a given "period" field belongs, or why it cannot.
std::optional<bg::date> parse_date(const std::string& text) {
  try {
    return calendar::parse_date(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// A not-done occurrence (or follow-up) with no sufficient record: due, overdue or missed.
void unfinished(State& state, std::string& explanation, const calendar::BusinessCalendar& cal,
                const bpt::ptime& due, const bpt::ptime& window_end, const bpt::ptime& as_of) {
  if (as_of <= due) {
    state = State::due;
    explanation = "due " + local_text(cal, due);
  } else if (as_of < window_end) {
    state = State::overdue;
    explanation = "was due " + local_text(cal, due) + "; a late completion is accepted until " +
                  local_text(cal, window_end);
  } else {
    state = State::missed;
    explanation = "was due " + local_text(cal, due) + "; the window for a late completion closed at " +
                  local_text(cal, window_end);
  }
}

std::string done_text(const calendar::BusinessCalendar& cal, const CompletionRecord& r, std::size_t index,
                      const bpt::ptime& due, bool late) {
  std::string s = "done " + local_text(cal, r.at);
  if (!r.actor.empty()) s += " by " + r.actor;
  s += " (record " + std::to_string(index) + (r.id.empty() ? "" : ", '" + r.id + "'") + ")";
  if (late) s += ", after the due instant " + local_text(cal, due);
  return s;
}

}  // namespace

const char* state_name(State s) { return kStateNames[static_cast<int>(s)]; }

StatusReport status(const Charter& charter, const std::vector<CompletionRecord>& records,
                    const bpt::ptime& from, const bpt::ptime& to, const bpt::ptime& as_of) {
  detail::check_instant(as_of, "as_of");
  StatusReport report;
  std::vector<Occurrence> occ = occurrences(charter, from, to);
  const std::vector<Cycle>& cycles = charter.cycles();
  const org::Organization& org = charter.organization();

  std::unordered_map<std::string, std::size_t> cycle_index;
  std::vector<std::vector<detail::Subject>> subjects(cycles.size());
  std::vector<std::unordered_map<std::string, std::size_t>> subject_index(cycles.size());
  for (std::size_t c = 0; c < cycles.size(); ++c) {
    cycle_index.emplace(cycles[c].id(), c);
    subjects[c] = detail::scope_subjects(cycles[c], org);
    for (std::size_t s = 0; s < subjects[c].size(); ++s) subject_index[c].emplace(subjects[c][s].id, s);
  }

  std::unordered_map<Key, std::size_t, KeyHash> occ_index;
  occ_index.reserve(occ.size());
  std::vector<std::size_t> occ_cycle(occ.size());
  for (std::size_t k = 0; k < occ.size(); ++k) {
    occ_cycle[k] = cycle_index.at(occ[k].cycle);
    occ_index.emplace(Key{occ_cycle[k], occ[k].subject, occ[k].period_start.day_number()}, k);
  }
  std::vector<std::vector<std::size_t>> occ_records(occ.size());
  // Records of follow-up cycles by (cycle, subject), and ad-hoc counts by (cycle, subject index).
  std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> follow_records;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> counts;

  auto problem = [&](std::size_t i, std::string message) { report.problems.push_back({i, std::move(message)}); };

  for (std::size_t i = 0; i < records.size(); ++i) {
    const CompletionRecord& r = records[i];
    if (r.at.is_special()) {
      problem(i, "at is not a real instant (" + bpt::to_simple_string(r.at) + ")");
      continue;
    }
    if (r.at > as_of) continue;  // not known yet: as-of replay
    auto ci = cycle_index.find(r.cycle);
    if (ci == cycle_index.end()) {
      problem(i, "unknown cycle '" + r.cycle + "'");
      continue;
    }
    const std::size_t c = ci->second;
    const Cycle& cycle = cycles[c];
    const calendar::BusinessCalendar& cal = cycle.calendar();
    auto si = subject_index[c].find(r.subject);
    if (si == subject_index[c].end()) {
      problem(i, r.subject.empty() ? "cycle " + r.cycle + " is kept per " + scope_kind_name(cycle.spec().scope.kind) +
                                         ": name the subject"
                                   : "cycle " + r.cycle + " has no subject '" + r.subject + "' (its scope: " +
                                         scope_kind_name(cycle.spec().scope.kind) + ")");
      continue;
    }
    const bg::date local = cal.to_local(r.at).date();
    if (cycle.spec().since && local < *cycle.spec().since) {
      problem(i, "record of " + local_text(cal, r.at) + " is before cycle " + r.cycle + " exists (since " +
                     bg::to_iso_extended_string(*cycle.spec().since) + ")");
      continue;
    }
    const detail::Subject& subject = subjects[c][si->second];
    if (!subject.exists_on(local)) {
      problem(i, "record of " + local_text(cal, r.at) + " is before " + scope_kind_name(cycle.spec().scope.kind) +
                     " '" + r.subject + "' exists (or after it ended)");
      continue;
    }
    const Recurrence& rec = cycle.recurrence();
    if (!rec.scheduled()) {
      if (rec.kind == RecurrenceKind::follow_up) follow_records[{c, r.subject}].push_back(i);
      if (r.at >= from && r.at < to) ++counts[{c, si->second}];
      continue;
    }
    bg::date target = local;
    if (const std::string* p = r.field(kPeriodField)) {
      const std::optional<bg::date> d = parse_date(*p);
      if (!d) {
        problem(i, "period '" + *p + "' is not a date (YYYY-MM-DD)");
        continue;
      }
      target = *d;
    }
    const auto period = period_of(rec.period(), target);
    if (period.first > local) {
      problem(i, "period " + bg::to_iso_extended_string(target) + " has not begun at " + local_text(cal, r.at));
      continue;
    }
    auto oi = occ_index.find(Key{c, r.subject, period.first.day_number()});
    if (oi == occ_index.end()) {
      // Periods outside [from, to) are another report's business; inside, nothing was due then.
      if (detail::local_start(cal, period.first) < to && detail::local_start(cal, period.second) > from) {
        problem(i, "cycle " + r.cycle + " (" + rec.text() + ") has nothing due " +
                       (r.subject.empty() ? "" : "for '" + r.subject + "' ") + "in the period " +
                       bg::to_iso_extended_string(period.first) + " to " +
                       bg::to_iso_extended_string(period.second - bg::days(1)));
      }
      continue;
    }
    occ_records[oi->second].push_back(i);
  }

  auto by_time = [&](std::size_t a, std::size_t b) {
    return records[a].at < records[b].at || (records[a].at == records[b].at && a < b);
  };
  for (auto& [key, list] : follow_records) std::stable_sort(list.begin(), list.end(), by_time);

  report.occurrences.reserve(occ.size());
  for (std::size_t k = 0; k < occ.size(); ++k) {
    const Cycle& cycle = cycles[occ_cycle[k]];
    const calendar::BusinessCalendar& cal = cycle.calendar();
    const Recurrence& rec = cycle.recurrence();
    OccurrenceStatus st;
    st.occurrence = std::move(occ[k]);
    const Occurrence& o = st.occurrence;
    const bg::date next_end = period_of(rec.period(), o.period_end).second;
    st.window_end = std::max(o.due, detail::local_start(cal, next_end));
    std::vector<std::size_t>& list = occ_records[k];
    std::stable_sort(list.begin(), list.end(), by_time);

    std::string short_by;
    bool any = false;
    std::set<std::string> seen;
    for (std::size_t i : list) {
      const CompletionRecord& r = records[i];
      if (r.at >= st.window_end) {
        problem(i, "completes " + o.cycle + (o.subject.empty() ? "" : " for '" + o.subject + "'") + " of " +
                       bg::to_iso_extended_string(o.period_start) + " after its window closed at " +
                       local_text(cal, st.window_end));
        continue;
      }
      any = true;
      const std::string why = shortfall(cycle, r);
      if (!why.empty()) {
        short_by = why;
        continue;
      }
      if (rec.kind == RecurrenceKind::at_least) {
        if (rec.distinct.empty()) {
          ++st.counted;
        } else if (const std::string* v = r.field(rec.distinct)) {
          for (auto& x : list_values(*v)) seen.insert(std::move(x));
          st.counted = static_cast<int>(seen.size());
        }
        if (st.counted < rec.count) continue;
      } else {
        st.counted = 1;
      }
      st.record = i;
      break;
    }
    if (st.record) {
      const CompletionRecord& r = records[*st.record];
      const bool late = r.at > o.due;
      st.state = late ? State::done_late : State::done;
      st.explanation = done_text(cal, r, *st.record, o.due, late);
    } else if (any) {
      st.state = State::insufficient;
      if (rec.kind == RecurrenceKind::at_least) {
        st.explanation = std::to_string(st.counted) +
                         (rec.distinct.empty() ? " completions" : " distinct " + rec.distinct +
                                                                      (seen.empty() ? "" : " (" + joined(seen) + ")")) +
                         "; " + cycle.id() + " requires " + std::to_string(rec.count) + " a " + period_name(rec.per);
        if (!short_by.empty()) st.explanation += "; a record fell short: " + short_by;
      } else {
        st.explanation = short_by;
      }
      st.explanation += "; due " + local_text(cal, o.due);
    } else {
      unfinished(st.state, st.explanation, cal, o.due, st.window_end, as_of);
    }

    if (st.record) {
      const CompletionRecord& done = records[*st.record];
      for (const FollowUp& f : cycle.spec().follow_ups) {
        const std::size_t fc = cycle_index.at(f.cycle);
        const Cycle& fcycle = cycles[fc];
        const calendar::BusinessCalendar& fcal = fcycle.calendar();
        FollowUpStatus fs;
        fs.cycle = f.cycle;
        fs.due = f.within.due(done.at, fcal);
        fs.window_end = std::max(fs.due, st.window_end);
        const std::string subject = fcycle.spec().scope.kind == ScopeKind::centre ? "" : o.subject;
        std::string fshort;
        bool fany = false;
        auto it = follow_records.find({fc, subject});
        if (it != follow_records.end()) {
          for (std::size_t i : it->second) {
            const CompletionRecord& r = records[i];
            if (r.at < done.at || r.at >= fs.window_end) continue;
            fany = true;
            const std::string why = shortfall(fcycle, r);
            if (!why.empty()) {
              fshort = why;
              continue;
            }
            fs.record = i;
            break;
          }
        }
        if (fs.record) {
          const bool late = records[*fs.record].at > fs.due;
          fs.state = late ? State::done_late : State::done;
          fs.explanation = done_text(fcal, records[*fs.record], *fs.record, fs.due, late);
        } else if (fany) {
          fs.state = State::insufficient;
          fs.explanation = fshort + "; due " + local_text(fcal, fs.due);
        } else {
          unfinished(fs.state, fs.explanation, fcal, fs.due, fs.window_end, as_of);
        }
        fs.explanation = f.cycle + " within " + f.within.text() + " of " + o.cycle + ": " + fs.explanation;
        st.follow_ups.push_back(std::move(fs));
      }
    }
    report.occurrences.push_back(std::move(st));
  }

  for (const auto& [key, n] : counts) {
    report.counts.push_back({cycles[key.first].id(), subjects[key.first][key.second].id, n});
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const RecordProblem& a, const RecordProblem& b) { return a.record < b.record; });
  return report;
}

}  // namespace charter::cycle
