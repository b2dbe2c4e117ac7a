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

#include "charter/io/archive.hpp"
#include "charter/io/atomic_file.hpp"
#include "io/golden_values.hpp"
#include "io/golden_workflow_values.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_golden_archives <directory>\n";
    return 2;
  }
  const std::string dir = argv[1];
  const charter::calendar::BusinessCalendar cal(charter::test::golden_calendar_spec());
  for (const auto& f : charter::test::golden_calendar_files()) {
    charter::io::save(cal, dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_deadline_files()) {
    charter::io::save(charter::test::golden_deadline(), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_charter_files()) {
    charter::io::save(charter::test::golden_charter(), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_case_files()) {
    charter::io::save(charter::test::golden_case(), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_tracker_files()) {
    charter::io::save(charter::test::golden_tracker(), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_survey_files()) {
    charter::io::save(charter::cycle::SurveyDesign(charter::test::golden_survey_spec()), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_appraisal_files()) {
    charter::io::save(charter::org::AppraisalScheme(charter::test::golden_appraisal_spec()), dir + "/" + f.name,
                      f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  for (const auto& f : charter::test::golden_document_files()) {
    charter::io::save(charter::test::golden_document(), dir + "/" + f.name, f.format);
    std::cout << "wrote " << dir << "/" << f.name << "\n";
  }
  return 0;
}
