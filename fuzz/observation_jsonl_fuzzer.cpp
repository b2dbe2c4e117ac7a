// libFuzzer target for JSON Lines observation files: arbitrary bytes through
// charter::io::read_observations (EventFormat::jsonl) in two zones, then the round-trip checks of
// record_files_fuzz.hpp. Seeds: fuzz/seeds-observation_jsonl/; regressions:
// fuzz/regressions-observation_jsonl/.

#include "observation_files_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_observations::check(data, size, charter::io::EventFormat::jsonl);
  return 0;
}
