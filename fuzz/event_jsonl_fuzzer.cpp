// libFuzzer target for JSON Lines event files: arbitrary bytes through charter::io::read_events
// (EventFormat::jsonl) in two zones, then the round-trip checks of event_files_fuzz.hpp.
// Seeds: fuzz/seeds-event_jsonl/; regressions: fuzz/regressions-event_jsonl/.

#include "event_files_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_events::check(data, size, charter::io::EventFormat::jsonl);
  return 0;
}
