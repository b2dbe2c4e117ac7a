// Writes the golden archives into a directory (normally tests/data/).
//
// Run only when the archive format changes on purpose (and bump the schema version then):
//   ninja -C <build> make_golden_archives && <build>/tests/make_golden_archives tests/data
// archive_test.cpp loads these files and compares them with golden_values.hpp (and
// workflow_archive_test.cpp the case and tracker files with golden_workflow_values.hpp,
// survey_archive_test.cpp the survey and appraisal files, document_archive_test.cpp the report
// document files), so a change in what the library writes or reads is noticed. Only files of
// the current schema versions are written (their names carry the version); files of older
// versions (charter-v1.* to charter-v5.*) stay as they were written, so the tests prove that old
// files still read. Files whose version did not change come out byte for byte as committed (the
// golden tests check exactly that), so only the new ones show up in git.

#include <iostream>
#include <string>
#include <variant>

#include "charter/io/archive.hpp"
#include "charter/io/atomic_file.hpp"
#include "io/golden_values.hpp"
#include "io/golden_workflow_values.hpp"

namespace {

// Writes `value` to each of `files` and reads every file back: what was written must load as the
// same kind and, saved again, give the same bytes (golden files that do not read back are never
// left behind as the truth). False, with the file named on stderr, otherwise.
template <class T, class Files>
bool write_all(const std::string& dir, const Files& files, const T& value) {
  for (const auto& f : files) {
    const std::string path = dir + "/" + f.name;
    charter::io::save(value, path, f.format);
    const std::string bytes = charter::io::read_file(path, charter::io::kEnvelopeHeaderSize + charter::io::kMaxPayloadBytes);
    const auto loaded = charter::io::load(path);
    const T* back = std::get_if<T>(&loaded);
    if (!back || charter::io::to_bytes(*back, f.format) != bytes) {
      std::cerr << path << ": does not read back as what was written\n";
      return false;
    }
    std::cout << "wrote " << path << "\n";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_golden_archives <directory>\n";
    return 2;
  }
  namespace t = charter::test;
  const std::string dir = argv[1];
  const bool ok =
      write_all(dir, t::golden_calendar_files(), charter::calendar::BusinessCalendar(t::golden_calendar_spec())) &&
      write_all(dir, t::golden_deadline_files(), t::golden_deadline()) &&
      write_all(dir, t::golden_charter_files(), t::golden_charter()) &&
      write_all(dir, t::golden_case_files(), t::golden_case()) &&
      write_all(dir, t::golden_tracker_files(), t::golden_tracker()) &&
      write_all(dir, t::golden_survey_files(), charter::cycle::SurveyDesign(t::golden_survey_spec())) &&
      write_all(dir, t::golden_appraisal_files(), charter::org::AppraisalScheme(t::golden_appraisal_spec())) &&
      write_all(dir, t::golden_document_files(), t::golden_document());
  return ok ? 0 : 1;
}
