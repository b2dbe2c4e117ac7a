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
//
// `make_golden_archives --check <directory>` (a ctest, golden_archives_reproduce) writes them
// into a fresh temporary directory instead and fails unless every file is byte for byte the one
// of that name in <directory>: the committed goldens are what the generator writes today.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "charter/io/archive.hpp"
#include "charter/io/atomic_file.hpp"
#include "io/golden_values.hpp"
#include "io/golden_workflow_values.hpp"

namespace {

// Writes `value` to each of `files` and reads every file back: what was written must load as the
// same kind and, saved again, give the same bytes (golden files that do not read back are never
// left behind as the truth). False, with the file named on stderr, otherwise.
template <class T, class Files>
bool write_all(const std::string& dir, const Files& files, const T& value, std::vector<std::string>& written) {
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
    written.push_back(f.name);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc == 3 && std::string(argv[1]) == "--check";
  if (argc != 2 && !check) {
    std::cerr << "usage: make_golden_archives <directory> | make_golden_archives --check <golden directory>\n";
    return 2;
  }
  namespace t = charter::test;
  namespace fs = std::filesystem;
  std::string dir = argv[argc - 1];
  if (check) {
    std::string pattern = (fs::temp_directory_path() / "charter-golden-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      std::cerr << "cannot make a temporary directory\n";
      return 2;
    }
    dir = pattern;
  }
  std::vector<std::string> written;
  const bool ok =
      write_all(dir, t::golden_calendar_files(), charter::calendar::BusinessCalendar(t::golden_calendar_spec()), written) &&
      write_all(dir, t::golden_deadline_files(), t::golden_deadline(), written) &&
      write_all(dir, t::golden_charter_files(), t::golden_charter(), written) &&
      write_all(dir, t::golden_case_files(), t::golden_case(), written) &&
      write_all(dir, t::golden_tracker_files(), t::golden_tracker(), written) &&
      write_all(dir, t::golden_survey_files(), charter::cycle::SurveyDesign(t::golden_survey_spec()), written) &&
      write_all(dir, t::golden_appraisal_files(), charter::org::AppraisalScheme(t::golden_appraisal_spec()), written) &&
      write_all(dir, t::golden_document_files(), t::golden_document(), written);
  if (!check) {
    for (const auto& name : written) std::cout << "wrote " << dir << "/" << name << "\n";
    return ok ? 0 : 1;
  }
  int differ = ok ? 0 : 1;
  const auto read = [](const std::string& path) {
    return charter::io::read_file(path, charter::io::kEnvelopeHeaderSize + charter::io::kMaxPayloadBytes);
  };
  for (const auto& name : written) {
    const std::string golden = std::string(argv[2]) + "/" + name;
    if (!fs::exists(golden) || read(golden) != read(dir + "/" + name)) {
      std::cerr << golden << ": not what make_golden_archives writes today\n";
      differ = 1;
    }
  }
  std::cout << written.size() << " golden archives written and compared, " << (differ ? "some differ" : "all equal")
            << "\n";
  fs::remove_all(dir);
  return differ;
}
