#pragma once
// Shared by observation_csv_fuzzer.cpp and observation_jsonl_fuzzer.cpp: the checks of
// record_files_fuzz.hpp (reading in two zones, line order, error reports, round trips through
// write_observations in both formats) for observation files.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "charter/io/observation_files.hpp"
#include "record_files_fuzz.hpp"

namespace fuzz_observations {

inline void check(const std::uint8_t* data, std::size_t size, charter::io::EventFormat format) {
  namespace io = charter::io;
  static const fuzz_records::Files<charter::standard::Observation, io::ObservationLine,
                                   io::ObservationFileContents>
      files{"observation", io::read_observations, io::read_observation_text,
            io::write_observations, &io::ObservationLine::observation,
            &io::ObservationFileContents::observations};
  fuzz_records::check(files, data, size, format,
                      [](const std::vector<charter::standard::Observation>&, std::size_t) {});
}

}  // namespace fuzz_observations
