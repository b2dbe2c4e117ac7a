#include "charter/cycle/completion_stream.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "charter/calendar/date_text.hpp"
#include "charter/cycle/occurrence.hpp"
#include "charter/detail/random.hpp"

namespace charter::cycle {

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;

enum class Fate { on_time, late, short_of_evidence, skipped };

class Generator {
 public:
  Generator(const Charter& charter, const CompletionStreamOptions& o) : charter_(charter), o_(o), rng_(o.seed) {
    for (const auto& u : charter.organization().units()) units_.push_back(u.id);
  }

  std::vector<CompletionRecord> run() {
    for (const auto& occ : occurrences(charter_, o_.from, o_.to)) occurrence(occ);
    for (const auto& c : charter_.cycles()) {
      if (c.recurrence().kind == RecurrenceKind::ad_hoc) spot_checks(c);
    }
    std::stable_sort(out_.begin(), out_.end(), [](const CompletionRecord& a, const CompletionRecord& b) { return a.at < b.at; });
    for (std::size_t i = 0; i < out_.size(); ++i) {
      char n[24];
      std::snprintf(n, sizeof n, "%06zu", i + 1);
      out_[i].id = o_.id_prefix + n;
    }
    return std::move(out_);
  }

 private:
  Fate fate() {
    const auto k = static_cast<int>(rng_.below(1000));
    if (k < o_.skipped_per_mille) return Fate::skipped;
    if (k < o_.skipped_per_mille + o_.late_per_mille) return Fate::late;
    if (k < o_.skipped_per_mille + o_.late_per_mille + o_.short_per_mille) return Fate::short_of_evidence;
    return Fate::on_time;
  }

  // Uniform in [a, b] to the second (a when b is not later).
  ptime between(const ptime& a, const ptime& b) {
    if (b <= a) return a;
    return a + seconds(rng_.between(0, (b - a).total_seconds()));
  }

  std::string actor(const std::string& role) {
    if (role.empty()) return "";
    const auto staff = charter_.organization().staff_in(role);
    return staff.empty() ? "" : rng_.pick(staff).id;
  }

  // The evidence fields of `cycle`; `short_of_evidence` fails its first rule.
  std::vector<workflow::Field> evidence(const Cycle& cycle, const ptime& at, bool short_of_evidence) {
    std::vector<workflow::Field> fields;
    bool first = true;
    for (const auto& e : cycle.spec().evidence) {
      const bool fail = short_of_evidence && first;
      first = false;
      switch (e.kind) {
        case EvidenceKind::count: {
          const long long n = fail ? static_cast<long long>(rng_.below(static_cast<std::uint64_t>(std::max(e.at_least, 1))))
                                   : e.at_least + static_cast<long long>(rng_.below(static_cast<std::uint64_t>(e.at_least / 2 + 1)));
          fields.push_back({e.field, std::to_string(n)});
          break;
        }
        case EvidenceKind::distinct: {
          const int n = fail ? std::max(e.at_least - 1, 0) : e.at_least + static_cast<int>(rng_.below(2));
          std::string list;
          for (int k = 0; k < n; ++k) list += (k ? ";" : "") + value(static_cast<std::size_t>(k) + rng_.below(3) * static_cast<std::size_t>(n));
          if (n > 0) fields.push_back({e.field, list});
          break;
        }
        case EvidenceKind::document:
          if (!fail) fields.push_back({e.field, "DOC-" + cycle.id() + "-" + calendar::format_date(cycle.calendar().to_local(at).date())});
          break;
      }
    }
    return fields;
  }

  // The k-th value of a distinct field: a unit of the organisation, or a numbered site.
  std::string value(std::size_t k) const {
    if (k < units_.size()) return units_[k];
    return "site-" + std::to_string(k + 1);
  }

  void record(const Cycle& cycle, const std::string& subject, const ptime& at, std::vector<workflow::Field> fields,
              const std::string& role) {
    if (at < o_.from || at >= o_.to) return;
    out_.push_back({cycle.id(), subject, at, actor(role), "", std::move(fields)});
  }

  void occurrence(const Occurrence& occ) {
    const Cycle& cycle = charter_.cycle(occ.cycle);
    const calendar::BusinessCalendar& cal = cycle.calendar();
    const ptime opens = std::max(cal.from_local(ptime(occ.period_start)), cal.from_local(ptime(occ.scheduled, hours(9))));
    const std::string period = calendar::format_date(occ.period_start);
    const Fate f = fate();
    if (f == Fate::skipped) return;
    if (cycle.recurrence().kind == RecurrenceKind::at_least) {
      // Its count of records spread over the period, each naming another distinct value.
      const Recurrence& r = cycle.recurrence();
      const int n = f == Fate::short_of_evidence ? r.count - 1 : r.count;
      const ptime closes = std::min(occ.due, cal.from_local(ptime(occ.period_end)));
      for (int k = 0; k < n; ++k) {
        const ptime at = opens + seconds((closes - opens).total_seconds() / (n + 1) * (k + 1));
        auto fields = evidence(cycle, at, false);
        if (!r.distinct.empty()) fields.push_back({r.distinct, value(static_cast<std::size_t>(k))});
        fields.push_back({std::string(kPeriodField), period});
        record(cycle, occ.subject, at, std::move(fields), occ.responsible);
      }
      return;
    }
    // On time: in the last days before the due instant (a report written near its deadline);
    // late: up to half a day after it, inside every cycle's window.
    const ptime at = f == Fate::late ? occ.due + minutes(10) + seconds(rng_.between(0, 12 * 3600))
                                     : between(std::max(opens, occ.due - hours(72)), occ.due - minutes(30));
    auto fields = evidence(cycle, at, f == Fate::short_of_evidence);
    fields.push_back({std::string(kPeriodField), period});
    record(cycle, occ.subject, at, std::move(fields), occ.responsible);
    if (f != Fate::short_of_evidence) follow_ups(cycle, occ.subject, at);
  }

  void follow_ups(const Cycle& cycle, const std::string& subject, const ptime& done) {
    for (const auto& fu : cycle.spec().follow_ups) {
      const Cycle& next = charter_.cycle(fu.cycle);
      const ptime due = fu.within.due(done, next.calendar());
      const Fate f = fate();
      if (f == Fate::skipped) continue;
      const ptime at = f == Fate::late ? due + minutes(10) + seconds(rng_.between(0, 12 * 3600))
                                       : between(done + minutes(10), due - minutes(1));
      const std::string who = next.spec().scope.kind == ScopeKind::centre ? "" : subject;
      record(next, who, at, evidence(next, at, f == Fate::short_of_evidence), next.owner());
    }
  }

  void spot_checks(const Cycle& cycle) {
    const std::vector<std::string> subjects_of = subjects(cycle, charter_.organization());
    if (subjects_of.empty()) return;
    const calendar::BusinessCalendar& cal = cycle.calendar();
    const boost::gregorian::date first = cal.to_local(o_.from).date(), last = cal.to_local(o_.to).date();
    for (boost::gregorian::date m(first.year(), first.month(), 1); m <= last; m = m.end_of_month() + boost::gregorian::days(1)) {
      const int days = m.end_of_month().day();
      for (int k = 0; k < o_.spot_checks_per_month; ++k) {
        const boost::gregorian::date d = m + boost::gregorian::days(rng_.between(0, days - 1));
        const ptime at = cal.from_local(ptime(d, hours(9) + seconds(rng_.between(0, 8 * 3600))));
        record(cycle, rng_.pick(subjects_of), at, evidence(cycle, at, false), cycle.owner());
      }
    }
  }

  const Charter& charter_;
  const CompletionStreamOptions& o_;
  charter::detail::SplitMix rng_;
  std::vector<std::string> units_;
  std::vector<CompletionRecord> out_;
};

}  // namespace

std::vector<CompletionRecord> completion_stream(const Charter& charter, const CompletionStreamOptions& options) {
  if (options.from.is_special() || options.to.is_special()) {
    throw std::invalid_argument("completion_stream: from and to must be instants");
  }
  if (options.to <= options.from) throw std::invalid_argument("completion_stream: the range [from, to) is empty");
  for (const int odds : {options.late_per_mille, options.short_per_mille, options.skipped_per_mille}) {
    if (odds < 0 || odds > 1000) throw std::invalid_argument("completion_stream: odds are per mille, 0–1000");
  }
  if (options.late_per_mille + options.short_per_mille + options.skipped_per_mille > 1000) {
    throw std::invalid_argument("completion_stream: late, short and skipped odds add up to more than 1000 per mille");
  }
  if (options.spot_checks_per_month < 0) throw std::invalid_argument("completion_stream: spot_checks_per_month is negative");
  return Generator(charter, options).run();
}

}  // namespace charter::cycle
