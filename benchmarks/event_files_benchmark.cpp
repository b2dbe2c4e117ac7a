// Benchmarks of event files: reading and writing 1,000,000 events as CSV and as JSON Lines.
//
// Machine: the project's 2-core box (os.cpu_count() = 2), Debian 12, g++ 12.2,
// CMAKE_BUILD_TYPE=Release, Debian libbenchmark-dev 1.7.1. It is noisy: read the figures ±5 %.
//
// Reference numbers: the tracker is to ingest millions of events, so a million lines should
// read in about a second or less (≤ 1 µs per line). For scale on this machine, with similar
// lines: Python 3.11's csv.reader splits them into lists of strings (no instants, no checks)
// at about 850 ns per line, json.loads parses them at about 1,700 ns per line. Measured figures
// are in benchmarks/README.md; nothing here is hard-coded.
//
// Method: 1,000,000 events drawn once with a fixed seed: case ids "C-0000001"…, instants
// uniform to the second over local 2024-01-01 .. 2026-07-01 in Asia/Shanghai, one of 8 event
// names and 50 actors, and 0–3 fields (severity; channel; in one event of 10 a note with a
// comma, a quote and Chinese text, which CSV must quote). The texts are written once with
// write_events (instants as "2025-10-01T09:00:00+08:00"); the "naive" variants write the same
// instants as local wall time without offset ("2025-10-01 09:00:00"), which the reader converts
// through the zone. Each iteration reads the whole text with read_events, counting events in
// the callback (the events are built and then dropped; the "taken" variants move each one out
// of the callback's argument, as a caller that keeps events does). Before timing, each
// benchmark checks that every line reads back without error and equal to what was written (the
// first 10,000 compared in full); a failure skips it. Items are lines: items_per_second is lines
// per second.
//
// Run: build-reader/benchmarks/event_files_benchmark --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/io/event_files.hpp"

namespace {

using boost::gregorian::date;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using charter::calendar::BusinessCalendar;
using charter::io::EventFormat;
using charter::workflow::Event;

constexpr std::size_t kEvents = 1'000'000;
constexpr std::uint64_t kSeed = 20241123;

const BusinessCalendar& zone() {
  static const BusinessCalendar cal = charter::calendar::china_calendar();
  return cal;
}

const std::vector<Event>& events() {
  static const std::vector<Event> all = [] {
    const char* names[] = {"receive", "acknowledge", "assign", "record",
                           "reply",   "escalate",    "resolve", "close"};
    const char* severities[] = {"minor", "major", "critical"};
    const char* channels[] = {"phone", "web", "wechat", "counter"};
    std::mt19937_64 rng(kSeed);
    const ptime lo = zone().from_local(ptime(date(2024, 1, 1)));
    const ptime hi = zone().from_local(ptime(date(2026, 7, 1)));
    std::uniform_int_distribution<long> offset(0, (hi - lo).total_seconds() - 1);
    std::vector<Event> out;
    out.reserve(kEvents);
    for (std::size_t i = 0; i < kEvents; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "C-%07zu", i / 4 + 1);
      Event e{id, lo + seconds(offset(rng)), names[rng() % 8],
              "staff." + std::to_string(rng() % 50), {}};
      const auto r = rng() % 10;
      if (r >= 3) e.fields.push_back({"severity", severities[rng() % 3]});
      if (r >= 6) e.fields.push_back({"channel", channels[rng() % 4]});
      if (r == 9) e.fields.push_back({"note", "客户来电, said \"urgent\""});
      out.push_back(std::move(e));
    }
    return out;
  }();
  return all;
}

// The texts, written once: with offsets (write_events) and with naive local wall times.
const std::string& text(EventFormat format, bool naive) {
  static std::string texts[2][2];
  std::string& t = texts[format == EventFormat::csv ? 0 : 1][naive ? 1 : 0];
  if (t.empty()) {
    t = charter::io::write_events(events(), format, zone());
    if (naive) {
      // "2025-10-01T09:00:00+08:00" → "2025-10-01 09:00:00": the same local wall time.
      std::string out;
      out.reserve(t.size());
      std::size_t from = 0;
      for (std::size_t at = t.find("+08:00"); at != std::string::npos; at = t.find("+08:00", from)) {
        std::string stamp = t.substr(from, at - from);
        stamp[stamp.size() - 9] = ' ';  // the 'T'
        out += stamp;
        from = at + 6;
      }
      out += t.substr(from);
      t = std::move(out);
    }
  }
  return t;
}

bool precheck(benchmark::State& state, const std::string& t, EventFormat format) {
  std::size_t n = 0, errors = 0;
  bool equal = true;
  charter::io::read_events(
      t, format, "bench", zone(),
      [&](charter::io::EventLine&& e) {
        if (n < 10'000 && e.event != events()[n]) equal = false;
        ++n;
      },
      [&](charter::io::EventLineError&&) { ++errors; });
  if (n != kEvents || errors != 0 || !equal) {
    state.SkipWithError("precheck failed: the text does not read back as the events written");
    return false;
  }
  return true;
}

// With `take`, the callback takes each event away, as read_event_text and Tracker::ingest_text
// do, so every event needs buffers of its own; without, it only looks at it, which lets the
// reader refill one event's buffers line after line.
void BM_Read(benchmark::State& state, EventFormat format, bool naive, bool take = false) {
  const std::string& t = text(format, naive);
  if (!precheck(state, t, format)) return;
  for (auto _ : state) {
    std::size_t n = 0;
    charter::io::read_events(
        t, format, "bench", zone(),
        [&](charter::io::EventLine&& e) {
          if (take) {
            const Event taken = std::move(e.event);
            n += taken.fields.size() + 1;
          } else {
            n += e.event.fields.size() + 1;
          }
        },
        [&](charter::io::EventLineError&&) {});
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEvents));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * t.size()));
  state.counters["ns_per_line"] = benchmark::Counter(
      static_cast<double>(kEvents), benchmark::Counter::kIsIterationInvariantRate |
                                        benchmark::Counter::kInvert);
}

void BM_Write(benchmark::State& state, EventFormat format) {
  (void)events();
  for (auto _ : state) {
    const std::string t = charter::io::write_events(events(), format, zone());
    benchmark::DoNotOptimize(t.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEvents));
  state.counters["ns_per_line"] = benchmark::Counter(
      static_cast<double>(kEvents), benchmark::Counter::kIsIterationInvariantRate |
                                        benchmark::Counter::kInvert);
}

BENCHMARK_CAPTURE(BM_Read, csv_1M_lines_offset, EventFormat::csv, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Read, csv_1M_lines_naive_local, EventFormat::csv, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Read, jsonl_1M_lines_offset, EventFormat::jsonl, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Read, jsonl_1M_lines_naive_local, EventFormat::jsonl, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Read, csv_1M_lines_offset_taken, EventFormat::csv, false, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Read, jsonl_1M_lines_offset_taken, EventFormat::jsonl, false, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Write, csv_1M_lines, EventFormat::csv)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Write, jsonl_1M_lines, EventFormat::jsonl)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
