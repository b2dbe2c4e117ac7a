// libFuzzer target for CSV observation files: arbitrary bytes through
// charter::io::read_observations (EventFormat::csv) in two zones, then the round-trip checks of
// record_files_fuzz.hpp. Seeds: fuzz/seeds-observation_csv/; regressions:
// fuzz/regressions-observation_csv/.

#include "observation_files_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_observations::check(data, size, charter::io::EventFormat::csv);
  return 0;
}
