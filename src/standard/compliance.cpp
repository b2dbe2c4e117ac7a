#include "charter/standard/compliance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"

namespace charter::standard {

namespace {

constexpr std::size_t kMaxDimensions = 5;
constexpr std::int64_t kNoInstant = std::numeric_limits<std::int64_t>::min();
constexpr std::int32_t kNoPeriod = std::numeric_limits<std::int32_t>::min();

// A group: the code of each dimension asked (as many as asked, the rest 0), then the period
// (days since 1970-01-01 of its first local date, or kNoPeriod).
using Key = std::array<std::int64_t, kMaxDimensions + 1>;

struct KeyHash {
  std::size_t operator()(const Key& k) const {
    std::size_t h = 1469598103934665603ull;
    for (const std::int64_t v : k) h = (h ^ static_cast<std::size_t>(v)) * 1099511628211ull;
    return h;
  }
};

struct Counts {
  std::size_t n[4] = {0, 0, 0, 0};  // by Outcome
};

using Groups = std::vector<std::pair<Key, Counts>>;

const boost::gregorian::date& epoch_date() {
  static const boost::gregorian::date d(1970, 1, 1);
  return d;
}

std::int32_t period_of(std::int64_t local_micros, Period period) {
  std::int64_t day = local_micros / charter::detail::kMicrosPerDay;
  if (local_micros % charter::detail::kMicrosPerDay < 0) --day;
  if (period == Period::day) return static_cast<std::int32_t>(day);
  const boost::gregorian::date d = epoch_date() + boost::gregorian::days(day);
  if (period == Period::week) {
    const int from_monday = (d.day_of_week().as_number() + 6) % 7;
    return static_cast<std::int32_t>(day - from_monday);
  }
  return static_cast<std::int32_t>((boost::gregorian::date(d.year(), d.month(), 1) - epoch_date()).days());
}

Groups group(const Findings& f, const std::vector<Dimension>& dimensions, Period period,
             const calendar::BusinessCalendar* zone, const InstantRange& range) {
  if (dimensions.size() > kMaxDimensions) throw std::invalid_argument("compliance: at most 5 dimensions");
  if (period != Period::none && !zone) {
    throw std::invalid_argument(std::string("compliance: grouping by ") + period_name(period) +
                                " needs a calendar whose zone dates the findings");
  }
  const std::int64_t from = range.from ? charter::detail::to_micros(*range.from, "range start")
                                       : std::numeric_limits<std::int64_t>::min();
  const std::int64_t to = range.to ? charter::detail::to_micros(*range.to, "range end")
                                   : std::numeric_limits<std::int64_t>::max();
  const bool ranged = range.from || range.to;
  // Owners by standard, as codes in order of the standards.
  std::vector<std::int64_t> owner_code(f.standards().size());
  {
    std::vector<std::string> owners;
    for (std::size_t s = 0; s < f.standards().size(); ++s) {
      const std::string& o = f.standards()[s].owner();
      auto it = std::find(owners.begin(), owners.end(), o);
      owner_code[s] = it - owners.begin();
      if (it == owners.end()) owners.push_back(o);
    }
  }
  std::unordered_map<Key, std::size_t, KeyHash> index;
  Groups groups;
  std::int64_t last_at = kNoInstant;
  std::int32_t last_period = kNoPeriod;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const std::int64_t at = f.at_micros()[i];
    if (at == kNoInstant && (ranged || period != Period::none)) continue;
    if (ranged && (at < from || at >= to)) continue;
    Key key{};
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      switch (dimensions[d]) {
        case Dimension::standard: key[d] = f.standard()[i]; break;
        case Dimension::owner: key[d] = owner_code[f.standard()[i]]; break;
        case Dimension::staff: key[d] = f.staff()[i]; break;
        case Dimension::unit: key[d] = f.unit()[i]; break;
        case Dimension::channel: key[d] = f.channel()[i]; break;
      }
    }
    if (period != Period::none) {
      if (at != last_at) {
        last_at = at;
        last_period = period_of(zone->index().utc_to_local(at), period);
      }
      key[kMaxDimensions] = last_period;
    } else {
      key[kMaxDimensions] = kNoPeriod;
    }
    const auto [it, fresh] = index.try_emplace(key, groups.size());
    if (fresh) groups.push_back({key, Counts{}});
    ++groups[it->second].second.n[static_cast<int>(f.outcome()[i])];
  }
  // Codes number standards in the charter's order and names as first met: their order is the
  // table's.
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return groups;
}

ComplianceRow row_of(const Findings& f, const std::vector<Dimension>& dimensions, const Key& key,
                     const Counts& counts) {
  ComplianceRow row;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const auto code = static_cast<std::size_t>(key[d]);
    switch (dimensions[d]) {
      case Dimension::standard: row.key.push_back(f.standards()[code].id()); break;
      case Dimension::owner: {
        // Owner codes are the order of first appearance among the standards.
        std::vector<std::string> owners;
        for (const auto& s : f.standards()) {
          if (std::find(owners.begin(), owners.end(), s.owner()) == owners.end()) owners.push_back(s.owner());
        }
        row.key.push_back(owners[code]);
        break;
      }
      case Dimension::staff: row.key.push_back(f.staff_names()[code]); break;
      case Dimension::unit: row.key.push_back(f.unit_names()[code]); break;
      case Dimension::channel: row.key.push_back(f.channel_names()[code]); break;
    }
  }
  if (key[kMaxDimensions] != kNoPeriod) row.period_start = epoch_date() + boost::gregorian::days(key[kMaxDimensions]);
  row.met = counts.n[static_cast<int>(Outcome::met)];
  row.not_met = counts.n[static_cast<int>(Outcome::not_met)];
  row.not_applicable = counts.n[static_cast<int>(Outcome::not_applicable)];
  row.invalid = counts.n[static_cast<int>(Outcome::invalid)];
  return row;
}

}  // namespace

const char* dimension_name(Dimension d) {
  switch (d) {
    case Dimension::standard: return "standard";
    case Dimension::owner: return "owner";
    case Dimension::staff: return "staff";
    case Dimension::unit: return "unit";
    case Dimension::channel: return "channel";
  }
  return "?";
}

const char* period_name(Period p) {
  switch (p) {
    case Period::none: return "none";
    case Period::day: return "day";
    case Period::week: return "week";
    case Period::month: return "month";
  }
  return "?";
}

double ComplianceRow::rate() const {
  return checked() ? static_cast<double>(met) / static_cast<double>(checked())
                   : std::numeric_limits<double>::quiet_NaN();
}

double TrendRow::change() const { return after.rate() - before.rate(); }

ComplianceTable compliance(const Findings& findings, const std::vector<Dimension>& dimensions, Period period,
                           const calendar::BusinessCalendar* zone, const InstantRange& range) {
  ComplianceTable table;
  table.dimensions = dimensions;
  table.period = period;
  for (const auto& [key, counts] : group(findings, dimensions, period, zone, range)) {
    table.rows.push_back(row_of(findings, dimensions, key, counts));
  }
  return table;
}

std::vector<ComplianceRow> worst(const ComplianceTable& table, std::size_t n, std::size_t min_checked) {
  std::vector<ComplianceRow> rows;
  for (const auto& r : table.rows) {
    if (r.checked() >= std::max<std::size_t>(min_checked, 1)) rows.push_back(r);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ComplianceRow& a, const ComplianceRow& b) {
    if (a.rate() != b.rate()) return a.rate() < b.rate();
    return a.not_met > b.not_met;
  });
  if (rows.size() > n) rows.resize(n);
  return rows;
}

std::vector<TrendRow> trend(const Findings& findings, const std::vector<Dimension>& dimensions,
                            const InstantRange& before, const InstantRange& after) {
  const Groups a = group(findings, dimensions, Period::none, nullptr, before);
  const Groups b = group(findings, dimensions, Period::none, nullptr, after);
  std::vector<TrendRow> out;
  std::size_t i = 0, j = 0;
  const Counts none;
  while (i < a.size() || j < b.size()) {
    const bool take_a = j == b.size() || (i < a.size() && a[i].first <= b[j].first);
    const bool take_b = i == a.size() || (j < b.size() && b[j].first <= a[i].first);
    const Key& key = take_a ? a[i].first : b[j].first;
    TrendRow row;
    row.before = row_of(findings, dimensions, key, take_a ? a[i].second : none);
    row.after = row_of(findings, dimensions, key, take_b ? b[j].second : none);
    row.key = row.before.key;
    out.push_back(std::move(row));
    if (take_a) ++i;
    if (take_b) ++j;
  }
  return out;
}

}  // namespace charter::standard
