// Writes the seed corpus for archive_fuzzer into the directory given as argv[1]:
// every golden archive in tests/data (argv[2..]) as a raw file (mode byte 0) and as a bare
// payload (its 32-byte header stripped, with the mode byte for its type, format and schema
// version; see archive_fuzzer.cpp), plus to_bytes() in all three formats, both ways, of
//   - the built-in China calendar and six deadlines;
//   - the organisation of the golden charter of the current version, and the built-in one
//     (there is no golden organisation file);
//   - the findings of 30 generated observations against the golden charter's standards (no
//     golden findings file either);
//   - a small monthly report (no golden file): the built-in charter with a generated roster,
//     a few generated complaints and a day of generated observations, the month's survey and
//     appraisals, as tests/cpp/io/monthly_archive_test.cpp makes one.
// Every kind of payload is seeded, so the fuzzer starts from files each loader accepts.

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "charter/calendar/china.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_findings.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/report/monthly.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/standard/observation_stream.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/tracker.hpp"

namespace io = charter::io;
namespace cal = charter::calendar;
using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::ptime;

namespace {

int written = 0;

// The archive fuzzer's mode byte for a payload: 1 + 3 × (type − 1) + format, plus 34 for each
// schema version below the type's current one.
char mode_of(std::uint32_t type, std::uint32_t format, std::uint32_t schema) {
  std::uint32_t current = 0;
  switch (static_cast<io::PayloadType>(type)) {
    case io::PayloadType::charter: current = io::kCharterSchema; break;
    case io::PayloadType::organization: current = io::kOrganizationSchema; break;
    case io::PayloadType::findings: current = io::kFindingsSchema; break;
    default: current = 1; break;  // every other payload type is at its first version
  }
  if (schema > current) throw std::runtime_error("a golden file newer than this build's payloads");
  return static_cast<char>(1 + (type - 1) * 3 + format + 34 * (current - schema));
}

void write(const std::string& dir, const std::string& name, char mode, const std::string& data) {
  std::ofstream f(dir + "/" + name, std::ios::binary);
  f.put(mode);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!f) throw std::runtime_error("cannot write " + dir + "/" + name);
  ++written;
}

std::uint32_t u32_at(const std::string& file, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(file[at + static_cast<std::size_t>(i)]);
  return v;
}

// Both modes for one complete file (header + payload).
void add(const std::string& dir, const std::string& name, const std::string& file) {
  if (file.size() < io::kEnvelopeHeaderSize) throw std::runtime_error(name + ": not a saved file");
  write(dir, name + ".raw", 0, file);
  const std::uint32_t type = u32_at(file, 24);                     // PayloadType
  const auto format = static_cast<std::uint8_t>(file[6]);         // 0 text, 1 xml, 2 binary
  const std::uint32_t schema = u32_at(file, 8);
  write(dir, name + ".payload", mode_of(type, format, schema), file.substr(io::kEnvelopeHeaderSize));
}

const char* const kFormatNames[] = {"text", "xml", "binary"};

// One object in all three formats.
template <class T>
void add_all_formats(const std::string& dir, const std::string& name, const T& value) {
  for (int f = 0; f < 3; ++f) {
    add(dir, name + "." + kFormatNames[f], io::to_bytes(value, static_cast<io::ArchiveFormat>(f)));
  }
}

// A small November at a generated centre: the built-in charter with two staff per role, four
// generated complaints, 40 generated observations over one day, a survey with one item nobody
// answered (a NaN figure) and two appraisals.
charter::report::MonthlyReport small_month() {
  namespace wf = charter::workflow;
  const charter::Charter c =
      charter::builtin().with_staff(wf::generated_roster(charter::builtin().organization(), 2));
  const cal::BusinessCalendar& hotline = c.calendar("hotline");
  charter::standard::ObservationStreamOptions so;
  so.observations = 40;
  so.seed = 5;
  so.start = hotline.from_local(ptime(date(2025, 11, 12)));
  so.span = hours(10);
  const charter::standard::Findings findings =
      charter::standard::evaluate(c, charter::standard::observation_stream(c, hotline, so));

  wf::ComplaintStreamOptions o;
  o.complaints = 4;
  o.seed = 3;
  o.start = hotline.from_local(ptime(date(2025, 11, 3), hours(9)));
  o.span = hours(24 * 20);
  wf::Tracker complaints(c.workflow("complaint"));
  for (const auto& e : wf::complaint_stream(c, o)) complaints.apply(e);

  charter::cycle::SurveySpec spec;
  spec.id = "annual";
  spec.title = {"年度满意度调查", "Annual survey"};
  spec.dimensions = charter::cycle::common_dimensions();
  spec.tiers = {charter::cycle::Tier{"all", {"全部", "All"}, 1, 1, 0, std::nullopt}};
  charter::report::MonthlyOptions mo;
  mo.survey_design = charter::cycle::SurveyDesign(spec);
  mo.survey = charter::cycle::satisfaction(
      *mo.survey_design, std::vector<charter::cycle::Response>(30, {"all", {5, 4, std::nan(""), 3}}));
  mo.appraisal_scheme = charter::org::AppraisalScheme(charter::org::AppraisalSpec{});
  mo.appraisals = charter::org::appraise(*mo.appraisal_scheme, {{"a", 95, 90, 92}, {"b", std::nullopt, 80, 80}});
  mo.targets.on_time = 0.95;
  return charter::report::monthly(c, complaints, findings, {}, 2025, 11, mo);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: make_seeds OUT_DIR [GOLDEN.chrt...]\n";
    return 2;
  }
  const std::string dir = argv[1];
  // The golden charter of the current version: small, with standards whose observation kinds
  // the generator writes; its organisation and findings are the seeds of those two kinds.
  std::optional<charter::Charter> golden;
  for (int i = 2; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::string base = argv[i];
    base = base.substr(base.find_last_of('/') + 1);
    add(dir, "golden-" + base, file);
    io::Saved saved = io::from_bytes(file, argv[i]);
    if (auto* c = std::get_if<charter::Charter>(&saved); c && u32_at(file, 8) == io::kCharterSchema) golden = *c;
  }
  if (!golden) throw std::runtime_error("no golden charter of the current version among the files given");

  add_all_formats(dir, "china", cal::china_calendar());
  const cal::Deadline deadlines[] = {
      cal::Deadline::parse("24 business hours"), cal::Deadline::parse("3 business days"),
      cal::Deadline::parse("2 months"),          cal::Deadline::end_of_month(),
      cal::Deadline::parse("48 hours"),          cal::Deadline::parse("10 calendar days")};
  int n = 0;
  for (const auto& d : deadlines) add_all_formats(dir, "deadline" + std::to_string(n++), d);

  add_all_formats(dir, "organization-golden", golden->organization());
  add_all_formats(dir, "organization-builtin", charter::builtin().organization());

  const cal::BusinessCalendar& office = golden->calendar("office");
  charter::standard::ObservationStreamOptions so;
  so.observations = 30;
  so.seed = 5;
  so.start = office.from_local(ptime(date(2025, 11, 12)));
  add_all_formats(dir, "findings-golden",
                  charter::standard::evaluate(*golden, charter::standard::observation_stream(*golden, office, so)));

  add_all_formats(dir, "monthly-builtin", small_month());

  std::cout << "make_seeds: " << written << " files in " << dir << "\n";
  return 0;
}
