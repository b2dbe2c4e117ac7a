// Benchmarks of business-time arithmetic: BusinessCalendar::add, elapsed and is_open.
//
// Machine: the project's 2-core box ("Intel(R) Xeon(R) Processor", os.cpu_count() = 2, 24 GiB),
// Debian 12, g++ 12.2, CMAKE_BUILD_TYPE=Release, Debian libbenchmark-dev 1.7.1. It is noisy:
// read the figures ±5 % and compare medians of repetitions.
//
// Reference numbers on this machine (shared/notes/business-calendars.md §2 and §5, issue 2 §6):
//   per-day prefix index (cumulative business seconds per day + inverse table),
//     one interval a day ....................................... about 8 ns per add
//   binary search over all open intervals ....................... about 75 ns per add
//   target for charter's C++ add (China calendar) ............... ≤ 30 ns per add
//   target for the Python batch add_many on the China calendar ... ≤ 60 ns per instant
//   for scale (Python tools, +24 business hours): numpy busday_offset (whole days) ~60 ns,
//   hand-vectorised numpy 130 ns [holidays only] / 240 ns [with make-up days],
//   a plain Python day loop ~1,800 ns, pandas CustomBusinessHour ~75,000 ns.
// Measured figures are in benchmarks/README.md; nothing here is hard-coded.
//
// Method: every benchmark cycles through 65,536 instants drawn once, with a fixed seed,
// uniformly (to the second) over local 2024-01-01 00:00 .. 2026-07-01 00:00 — nights, weekends,
// holidays and make-up days included — so each call is a real lookup, not one cached path.
// One call per iteration, so the Time column is ns per call. Before timing, each benchmark
// checks on all its instants that the call succeeds and, for add, that
// elapsed(t, add(t, d)) == d; a failure skips the benchmark with an error instead of timing it.
//
// Run: build-bench/benchmarks/calendar_benchmark --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/opening_hours.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"

namespace {

using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;
using charter::calendar::BusinessCalendar;
using charter::detail::Micros;

constexpr std::size_t kSamples = 1u << 16;  // power of two: the index wraps with a mask
constexpr std::size_t kMask = kSamples - 1;
constexpr std::uint64_t kSeed = 20241123;

// A calendar and the random instants the benchmarks cycle through.
struct Workload {
  std::string name;
  BusinessCalendar cal;
  std::vector<ptime> starts;      // UTC
  std::vector<ptime> others;      // UTC, the second instant of elapsed(a, b) pairs
  std::vector<Micros> starts_us;  // the same starts as UTC microseconds (index benchmarks)
  std::vector<Micros> local_us;   // the same starts as local wall time microseconds
};

Workload make_workload(std::string name, BusinessCalendar cal, std::uint64_t seed) {
  Workload w{std::move(name), std::move(cal), {}, {}, {}, {}};
  const ptime lo = w.cal.from_local(ptime(date(2024, 1, 1)));
  const ptime hi = w.cal.from_local(ptime(date(2026, 7, 1)));
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<long> offset(0, (hi - lo).total_seconds() - 1);
  for (std::size_t i = 0; i < kSamples; ++i) {
    w.starts.push_back(lo + seconds(offset(rng)));
    w.others.push_back(lo + seconds(offset(rng)));
    w.starts_us.push_back(charter::detail::to_micros(w.starts.back()));
    w.local_us.push_back(charter::detail::to_micros(w.cal.to_local(w.starts.back())));
  }
  return w;
}

// 09:00–18:30 Mon–Fri, Europe/Berlin (CET/CEST), German nationwide public holidays 2024–2026.
BusinessCalendar berlin_calendar() {
  using namespace charter::calendar;
  CalendarSpec spec;
  spec.name = "Berlin office, 09:00–18:30";
  spec.zone = "Europe/Berlin";
  spec.week = WeeklySchedule::weekdays(parse_day_hours({{"09:00", "18:30"}}));
  spec.first_day = date(2024, 1, 1);
  spec.last_day = date(2026, 12, 31);
  const std::pair<date, const char*> holidays[] = {
      {date(2024, 1, 1), "Neujahr"},          {date(2024, 3, 29), "Karfreitag"},
      {date(2024, 4, 1), "Ostermontag"},      {date(2024, 5, 1), "Tag der Arbeit"},
      {date(2024, 5, 9), "Christi Himmelfahrt"}, {date(2024, 5, 20), "Pfingstmontag"},
      {date(2024, 10, 3), "Tag der Deutschen Einheit"}, {date(2024, 12, 25), "1. Weihnachtstag"},
      {date(2024, 12, 26), "2. Weihnachtstag"},
      {date(2025, 1, 1), "Neujahr"},          {date(2025, 4, 18), "Karfreitag"},
      {date(2025, 4, 21), "Ostermontag"},     {date(2025, 5, 1), "Tag der Arbeit"},
      {date(2025, 5, 29), "Christi Himmelfahrt"}, {date(2025, 6, 9), "Pfingstmontag"},
      {date(2025, 10, 3), "Tag der Deutschen Einheit"}, {date(2025, 12, 25), "1. Weihnachtstag"},
      {date(2025, 12, 26), "2. Weihnachtstag"},
      {date(2026, 1, 1), "Neujahr"},          {date(2026, 4, 3), "Karfreitag"},
      {date(2026, 4, 6), "Ostermontag"},      {date(2026, 5, 1), "Tag der Arbeit"},
      {date(2026, 5, 14), "Christi Himmelfahrt"}, {date(2026, 5, 25), "Pfingstmontag"},
      {date(2026, 10, 3), "Tag der Deutschen Einheit"}, {date(2026, 12, 25), "1. Weihnachtstag"},
      {date(2026, 12, 26), "2. Weihnachtstag"},
  };
  for (const auto& [day, label] : holidays) spec.holidays[day] = label;
  return BusinessCalendar(spec);
}

// Runs `check` on every sample; on failure the benchmark is skipped with the reason.
bool precheck(benchmark::State& state, const std::function<void(std::size_t)>& check) {
  try {
    for (std::size_t i = 0; i < kSamples; ++i) check(i);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return false;
  }
  return true;
}

std::string describe(const BusinessCalendar& cal, const ptime& t, const time_duration& d) {
  return "elapsed(t, add(t, d)) != d for t = " + charter::detail::format_instant(t) +
         " UTC, d = " + charter::detail::format_duration(charter::detail::to_micros(d)) + " on " + cal.name();
}

// ---- BusinessCalendar (the public API, ptime in and out) ------------------------------------

void BM_Add(benchmark::State& state, const Workload* w, time_duration d) {
  const bool ok = precheck(state, [&](std::size_t i) {
    if (w->cal.elapsed(w->starts[i], w->cal.add(w->starts[i], d)) != d) {
      throw std::runtime_error(describe(w->cal, w->starts[i], d));
    }
  });
  if (!ok) return;
  std::size_t i = 0;
  for (auto _ : state) {
    ptime r = w->cal.add(w->starts[i++ & kMask], d);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Elapsed(benchmark::State& state, const Workload* w) {
  if (!precheck(state, [&](std::size_t i) { w->cal.elapsed(w->starts[i], w->others[i]); })) return;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & kMask;
    time_duration r = w->cal.elapsed(w->starts[k], w->others[k]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_IsOpen(benchmark::State& state, const Workload* w) {
  if (!precheck(state, [&](std::size_t i) { w->cal.is_open(w->starts[i]); })) return;
  std::size_t i = 0;
  for (auto _ : state) {
    bool r = w->cal.is_open(w->starts[i++ & kMask]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- The index underneath (int64 microseconds; what a batch loop can call) -----------------

// Index add on UTC microseconds: the cost without ptime conversion and range checks.
void BM_IndexAdd(benchmark::State& state, const Workload* w, time_duration d) {
  const charter::detail::CalendarIndex& x = w->cal.index();
  const Micros dus = charter::detail::to_micros(d);
  if (!precheck(state, [&](std::size_t i) { x.add(w->starts_us[i], dus); })) return;
  std::size_t i = 0;
  for (auto _ : state) {
    Micros r = x.add(w->starts_us[i++ & kMask], dus);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// Local wall time in, local wall time out (the shape of the Python batch add_many on naive
// datetime64): local → UTC, range check, index add, UTC → local.
void BM_IndexAddLocal(benchmark::State& state, const Workload* w, time_duration d) {
  const charter::detail::CalendarIndex& x = w->cal.index();
  const Micros dus = charter::detail::to_micros(d);
  auto call = [&x, dus](Micros local) {
    const Micros utc = x.local_to_utc(local);
    x.require_in_range(utc, "instant");
    return x.utc_to_local(x.add(utc, dus));
  };
  if (!precheck(state, [&](std::size_t i) { call(w->local_us[i]); })) return;
  std::size_t i = 0;
  for (auto _ : state) {
    Micros r = call(w->local_us[i++ & kMask]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

struct NamedDuration {
  const char* name;
  time_duration d;
};

}  // namespace

int main(int argc, char** argv) {
  using charter::calendar::china_calendar;
  using charter::calendar::parse_day_hours;

  // Static storage: the registered benchmarks keep pointers to these.
  static const Workload china = make_workload("china", china_calendar(), kSeed);
  static const Workload lunch = make_workload(
      "china_lunch", china_calendar(parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}})),
      kSeed);
  static const Workload berlin = make_workload("berlin", berlin_calendar(), kSeed);

  // China, 09:00–18:30 (9.5 h a day): 1 week = 5 × 9.5 h, 6 months ≈ 126 business days.
  const NamedDuration china_durations[] = {
      {"5min", minutes(5)},
      {"1bh", hours(1)},
      {"24bh", hours(24)},
      {"1week_47.5bh", hours(47) + minutes(30)},
      {"6months_1200bh", hours(1200)},
  };
  // With a lunch break (8 h a day): 1 week = 40 h, 6 months = 125 business days.
  const NamedDuration lunch_durations[] = {
      {"24bh", hours(24)},
      {"1week_40bh", hours(40)},
      {"6months_1000bh", hours(1000)},
  };
  // Berlin, 09:00–18:30 like China, across CET/CEST changes.
  const NamedDuration berlin_durations[] = {
      {"24bh", hours(24)},
      {"1week_47.5bh", hours(47) + minutes(30)},
      {"6months_1200bh", hours(1200)},
  };

  for (const auto& nd : china_durations) {
    benchmark::RegisterBenchmark((std::string("add/china/") + nd.name).c_str(), BM_Add, &china, nd.d);
  }
  benchmark::RegisterBenchmark("elapsed/china/random_pairs", BM_Elapsed, &china);
  benchmark::RegisterBenchmark("is_open/china", BM_IsOpen, &china);
  for (const auto& nd : lunch_durations) {
    benchmark::RegisterBenchmark((std::string("add/china_lunch/") + nd.name).c_str(), BM_Add, &lunch,
                                 nd.d);
  }
  benchmark::RegisterBenchmark("elapsed/china_lunch/random_pairs", BM_Elapsed, &lunch);
  for (const auto& nd : berlin_durations) {
    benchmark::RegisterBenchmark((std::string("add/berlin/") + nd.name).c_str(), BM_Add, &berlin,
                                 nd.d);
  }
  benchmark::RegisterBenchmark("elapsed/berlin/random_pairs", BM_Elapsed, &berlin);
  benchmark::RegisterBenchmark("is_open/berlin", BM_IsOpen, &berlin);

  benchmark::RegisterBenchmark("index_add_utc/china/24bh", BM_IndexAdd, &china, hours(24));
  benchmark::RegisterBenchmark("index_add_utc/china/6months_1200bh", BM_IndexAdd, &china,
                               hours(1200));
  benchmark::RegisterBenchmark("index_add_local/china/24bh", BM_IndexAddLocal, &china, hours(24));
  benchmark::RegisterBenchmark("index_add_local/berlin/24bh", BM_IndexAddLocal, &berlin, hours(24));

  benchmark::AddCustomContext("instants",
                              std::to_string(kSamples) +
                                  " random, local 2024-01-01..2026-06-30, seed " +
                                  std::to_string(kSeed));
  benchmark::AddCustomContext("china_intervals", std::to_string(china.cal.index().intervals()));
  benchmark::AddCustomContext("berlin_intervals", std::to_string(berlin.cal.index().intervals()));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
