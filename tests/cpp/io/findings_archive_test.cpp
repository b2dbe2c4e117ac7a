// Saved findings: a generated day evaluated against the built-in standards goes through every
// archive format and comes back equal, explaining itself the same way; damaged columns are
// refused on load, and Findings' own checks refuse columns that disagree.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include <boost/archive/binary_oarchive.hpp>

#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_findings.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/standard/observation_stream.hpp"
#include "archive_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using standard::Findings;
using standard::FindingsColumns;

const Findings& day() {
  static const Findings f = [] {
    const auto& office = builtin().calendar("office");
    standard::ObservationStreamOptions o;
    o.observations = 3000;
    o.start = test::local(office, "2025-10-09 00:00");
    return standard::evaluate(builtin(), standard::observation_stream(builtin(), office, o));
  }();
  return f;
}

TEST(FindingsArchive, ADayComesBackEqualInEveryFormat) {
  for (const ArchiveFormat format : {ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml}) {
    const std::string bytes = to_bytes(day(), format);
    const Saved back = from_bytes(bytes, "day");
    ASSERT_TRUE(std::holds_alternative<Findings>(back)) << format_name(format);
    const Findings& f = std::get<Findings>(back);
    EXPECT_EQ(f, day()) << format_name(format);
    ASSERT_EQ(f.size(), day().size());
    for (std::size_t i = 0; i < f.size(); i += 97) EXPECT_EQ(f.explanation(i), day().explanation(i));
    EXPECT_EQ(f.standards(), day().standards());
    // Saving what was loaded gives the same bytes: nothing is lost or reordered.
    EXPECT_EQ(to_bytes(f, format), bytes) << format_name(format);
  }
}

TEST(FindingsArchive, NaNAndNoInstantSurvive) {
  standard::Observation o;
  o.kind = "call";
  o.fields = {{"rings", "1"}};  // no instant: every row invalid, `at` not given
  const Findings f = standard::evaluate(builtin(), {o});
  const Findings back = std::get<Findings>(from_bytes(to_bytes(f, ArchiveFormat::text)));
  EXPECT_EQ(back, f);
  EXPECT_TRUE(std::isnan(back.measured()[0]));
  EXPECT_TRUE(back.row(0).at.is_not_a_date_time());
}

TEST(FindingsArchive, NoFindingsSaveToo) {
  const Findings none = standard::evaluate(builtin(), {});
  const Findings back = std::get<Findings>(from_bytes(to_bytes(none)));
  EXPECT_TRUE(back.empty());
  EXPECT_EQ(back.standards().size(), builtin().standards().size());
  const Findings empty;
  EXPECT_EQ(std::get<Findings>(from_bytes(to_bytes(empty))), empty);
}

TEST(FindingsArchive, SavedToAFileAndLoadedAsFindings) {
  test::TempDir dir;
  const std::string path = (dir.path() / "day.fnd").string();
  save(day(), path);
  EXPECT_EQ(load_as<Findings>(path), day());
}

// Columns that disagree, sealed as a findings payload: each must be refused on load.
std::string forged(const FindingsColumns& c) {
  std::ostringstream os(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
    save_findings_parts(ar, charter_of(day()), c);
  }
  return seal(PayloadType::findings, kFindingsSchema, ArchiveFormat::binary, os.str());
}

TEST(FindingsArchive, DamagedColumnsAreRefused) {
  const FindingsColumns good = day().columns();
  EXPECT_EQ(std::get<Findings>(from_bytes(forged(good))), day());
  auto refused = [&](const char* what, auto&& damage, const std::string& message) {
    FindingsColumns c = good;
    damage(c);
    try {
      from_bytes(forged(c), "forged");
      ADD_FAILURE() << what << " was accepted";
    } catch (const CorruptFileError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << what << ": " << e.what();
    }
  };
  refused("an unknown standard", [](FindingsColumns& c) { c.standard[5] = 999; }, "row 5 names no standard");
  refused("a staff code past its table", [](FindingsColumns& c) { c.staff[7] = 100000; },
          "row 7 names a staff member, unit or channel outside its table");
  refused("rows out of observation order", [](FindingsColumns& c) { std::swap(c.observation[0], c.observation[100]); },
          "names an observation out of order or out of range");
  refused("words out of order", [](FindingsColumns& c) { std::swap(c.details[0], c.details[1]); },
          "are out of order or out of range");
  refused("instants on a row that is no deadline",
          [](FindingsColumns& c) {
            for (auto& t : c.timings) t.row = 0;  // row 0 is a call's R-01
            c.timings.resize(1);
          },
          "not a deadline's");
  refused("a name table without the empty name", [](FindingsColumns& c) { c.unit_names[0] = "x"; },
          "does not start with the empty name");
  refused("an id past the id text", [](FindingsColumns& c) { c.id_end.back() += 1000; },
          "lies outside the id text");
}

TEST(FindingsArchive, AnUnknownFindingsVersionIsRefused) {
  std::ostringstream os(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
    save_findings(ar, day());
  }
  const std::string bytes = seal(PayloadType::findings, kFindingsSchema + 1, ArchiveFormat::binary, os.str());
  EXPECT_THROW(from_bytes(bytes), UnsupportedVersionError);
}

TEST(FindingsArchive, Version1FindingsStillLoad) {
  // Findings payload version 1 embedded its standards in charter layout 3, which has no room for
  // a rectification entry: the built-in standards without theirs, as findings were saved then.
  const Charter& b = builtin();
  std::vector<standard::Standard> plain;
  for (const auto& s : b.standards()) {
    standard::StandardSpec spec = s.spec();
    spec.rectification.reset();
    plain.emplace_back(std::move(spec), b.calendars(), b.organization());
  }
  std::vector<standard::Observation> calls;
  for (int i = 0; i < 3; ++i) {
    standard::Observation o;
    o.kind = "call";
    o.unit = "call_centre";
    o.at = b.calendar("office").from_local(boost::posix_time::ptime(boost::gregorian::date(2025, 5, 12)));
    o.fields = {{"rings", std::to_string(i + 1)}};
    calls.push_back(o);
  }
  const Findings old = standard::evaluate(plain, calls);
  for (const ArchiveFormat format : {ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml}) {
    const std::string payload =
        test::write_payload(format, [&](auto& ar) { save_findings_parts(ar, charter_of(old), old.columns(), 3); });
    const Findings back = std::get<Findings>(from_bytes(seal(PayloadType::findings, 1, format, payload), "v1"));
    EXPECT_EQ(back, old) << format_name(format);
    EXPECT_EQ(back.standards(), old.standards()) << format_name(format);
  }
  // The built-in standards with their entries cannot be written in that layout; version 2 keeps them.
  std::ostringstream os(std::ios::binary);
  boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
  EXPECT_THROW(save_findings_parts(ar, charter_of(day()), day().columns(), 3), SerializationError);
  const Findings now = std::get<Findings>(from_bytes(to_bytes(day())));
  const auto r10 = std::find_if(now.standards().begin(), now.standards().end(),
                                [](const standard::Standard& s) { return s.id() == "R-10"; });
  ASSERT_NE(r10, now.standards().end());
  ASSERT_TRUE(r10->spec().rectification);
  EXPECT_EQ(r10->spec().rectification->below, 0.9);
}

TEST(FindingsColumnsCheck, ColumnsOfDifferentLengthsAreRefused) {
  FindingsColumns c = day().columns();
  c.bound.pop_back();
  EXPECT_THROW(Findings(day().standards(), c), std::invalid_argument);
}

}  // namespace
}  // namespace charter::io
