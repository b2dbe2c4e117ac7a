// libFuzzer target for CSV event files: arbitrary bytes through charter::io::read_events
// (EventFormat::csv) in two zones, then the round-trip checks of event_files_fuzz.hpp.
// Seeds: fuzz/seeds-event_csv/; regressions: fuzz/regressions-event_csv/.

#include "event_files_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_events::check(data, size, charter::io::EventFormat::csv);
  return 0;
}
