// Saving and loading survey designs and appraisal schemes (serialize_survey.hpp): round trips in
// every archive format with numbers kept to the bit, and forged archives — CorruptFileError naming
// the field, never a crash, never a design or scheme that was not validated. Then the same as
// files of their own (io::save / io::load, PayloadType::survey and ::appraisal): the golden
// files of tests/data/, damaged and truncated files, and a file of another kind.

#include <gtest/gtest.h>

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "charter/io/archive.hpp"
#include "charter/io/serialize_survey.hpp"
#include "io/archive_test_support.hpp"
#include "io/golden_values.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

enum class Format { text, xml, binary };
constexpr Format kAll[] = {Format::text, Format::xml, Format::binary};

template <class Save>
std::string write(Format f, Save save) {
  std::ostringstream out;
  {
    if (f == Format::text) {
      boost::archive::text_oarchive ar(out);
      save(ar);
    } else if (f == Format::xml) {
      boost::archive::xml_oarchive ar(out);
      save(ar);
    } else {
      boost::archive::binary_oarchive ar(out);
      save(ar);
    }
  }
  return out.str();
}

template <class Load>
auto read(Format f, const std::string& bytes, Load load) {
  std::istringstream in(bytes);
  if (f == Format::text) {
    boost::archive::text_iarchive ar(in);
    return load(ar);
  }
  if (f == Format::xml) {
    boost::archive::xml_iarchive ar(in);
    return load(ar);
  }
  boost::archive::binary_iarchive ar(in);
  return load(ar);
}

cycle::SurveySpec december_survey() {
  cycle::SurveySpec spec;
  spec.id = "annual";
  spec.title = {"年度满意度调查", "Annual satisfaction survey"};
  spec.dimensions = cycle::common_dimensions();
  spec.dimensions.push_back({"repair", {"维修质量", "Repair quality"}});
  spec.scale = {0, 10, 7.5};
  // 0.1 has no exact binary form: it must come back bit for bit.
  spec.tiers = {{"key", {"重点客户", "Key accounts"}, 0.1, 1.0 / 3, 10, std::nullopt},
                {"retail", {}, 2, 2.0 / 3, 5, 1'000'000'000'000LL}};
  return spec;
}

TEST(SurveyArchive, ADesignRoundTripsInEveryFormat) {
  const cycle::SurveyDesign design(december_survey());
  for (Format f : kAll) {
    const std::string bytes = write(f, [&](auto& ar) { save_survey(ar, design.spec()); });
    const cycle::SurveyDesign back = read(f, bytes, [](auto& ar) { return load_survey_design(ar); });
    EXPECT_EQ(back, design);
    EXPECT_EQ(back.tiers()[0].weight, 0.1);
    EXPECT_EQ(back.tiers()[1].population, 1'000'000'000'000LL);
    EXPECT_EQ(back.spec().title.zh, "年度满意度调查");
  }
}

TEST(SurveyArchive, ASchemeRoundTripsInEveryFormat) {
  org::AppraisalSpec spec;
  spec.weights = {0.1, 0.2, 0.7};
  spec.grades = {{"a", {"甲", "A"}, 85.5}, {"b", {}, 0}};
  spec.missing = org::MissingPolicy::reweight;
  const org::AppraisalScheme scheme(spec);
  for (Format f : kAll) {
    const std::string bytes = write(f, [&](auto& ar) { save_appraisal(ar, scheme.spec()); });
    EXPECT_EQ(read(f, bytes, [](auto& ar) { return load_appraisal_scheme(ar); }), scheme);
  }
  // The default scheme too.
  const org::AppraisalScheme plain{org::AppraisalSpec{}};
  const std::string bytes = write(Format::text, [&](auto& ar) { save_appraisal(ar, plain.spec()); });
  EXPECT_EQ(read(Format::text, bytes, [](auto& ar) { return load_appraisal_scheme(ar); }), plain);
}

TEST(SurveyArchive, ANonFiniteNumberIsCorrupt) {
  // Specs are plain data, so an invalid one can be saved; loading it never builds a design.
  cycle::SurveySpec spec = december_survey();
  spec.tiers[0].weight = std::numeric_limits<double>::quiet_NaN();
  const std::string bytes = write(Format::text, [&](auto& ar) { save_survey(ar, spec); });
  CHARTER_EXPECT_THROW_MSG(read(Format::text, bytes, [](auto& ar) { return load_survey_design(ar); }),
                           CorruptFileError, "field 'weight' is not a finite number");
}

TEST(SurveyArchive, AnInvalidSpecIsCorruptAndSaysWhy) {
  cycle::SurveySpec spec = december_survey();
  spec.tiers[1].population = 2;  // below its minimum of 5
  const std::string bytes = write(Format::binary, [&](auto& ar) { save_survey(ar, spec); });
  EXPECT_EQ(read(Format::binary, bytes, [](auto& ar) { return load_survey(ar); }), spec);
  CHARTER_EXPECT_THROW_MSG(read(Format::binary, bytes, [](auto& ar) { return load_survey_design(ar); }),
                           CorruptFileError, "the survey design it holds is invalid: survey 'annual':\n  tiers[1].population");

  org::AppraisalSpec bad;
  bad.weights = {0.5, 0.5, 0.5};
  const std::string scheme_bytes = write(Format::text, [&](auto& ar) { save_appraisal(ar, bad); });
  CHARTER_EXPECT_THROW_MSG(read(Format::text, scheme_bytes, [](auto& ar) { return load_appraisal_scheme(ar); }),
                           CorruptFileError, "the appraisal scheme it holds is invalid");
}

TEST(SurveyArchive, ForgedCountsAndEnumeratorsAreRefused) {
  // Text archives are numbers separated by spaces: forge the grade count and the policy.
  org::AppraisalSpec spec;
  const std::string bytes = write(Format::text, [&](auto& ar) { save_appraisal(ar, spec); });
  // The last number is the missing policy (0); make it 7.
  std::string forged = bytes;
  const auto last = forged.find_last_not_of(" \n");
  ASSERT_EQ(forged[last], '0');
  forged[last] = '7';
  CHARTER_EXPECT_THROW_MSG(read(Format::text, forged, [](auto& ar) { return load_appraisal(ar); }), CorruptFileError,
                           "field 'missing' holds 7");

  // A tier count far beyond the bound, with nothing behind it: refused before allocating.
  std::ostringstream out;
  {
    boost::archive::text_oarchive ar(out);
    serial::put_string(ar, "id", std::string("x"));
    serial::put_text(ar, LocalizedText{});
    serial::put_count(ar, "dimensions", 0);
    serial::put_number(ar, "lowest", 1);
    serial::put_number(ar, "highest", 5);
    serial::put_number(ar, "satisfied_at", 4);
    serial::put_u32(ar, "tiers", 4'000'000'000u);
  }
  CHARTER_EXPECT_THROW_MSG(read(Format::text, out.str(), [](auto& ar) { return load_survey(ar); }), CorruptFileError,
                           "tiers");
}

TEST(SurveyArchive, SavingMoreThanALoadAcceptsIsRefused) {
  cycle::SurveySpec spec = december_survey();
  spec.dimensions.resize(kMaxSurveyDimensions + 1, cycle::Dimension{"d", {}});
  CHARTER_EXPECT_THROW_MSG(write(Format::binary, [&](auto& ar) { save_survey(ar, spec); }), SerializationError,
                           "field 'dimensions' holds 1001 entries");
}

// ---------------------------------------------------------------------------------------------
// Files of their own: io::save / io::load

TEST(SurveyFiles, ADesignAndASchemeRoundTripInEveryFormat) {
  const test::TempDir dir;
  const cycle::SurveyDesign design(test::golden_survey_spec());
  const org::AppraisalScheme scheme(test::golden_appraisal_spec());
  for (ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    save(design, dir.file("survey"), f);
    const std::string bytes = test::read_all(dir.file("survey"));
    EXPECT_EQ(open_envelope(bytes, "survey").header.type, PayloadType::survey);
    EXPECT_EQ(open_envelope(bytes, "survey").header.schema_version, kSurveySchema);
    EXPECT_EQ(open_envelope(bytes, "survey").header.format, f);
    const cycle::SurveyDesign back = load_as<cycle::SurveyDesign>(dir.file("survey"));
    EXPECT_EQ(back, design);
    EXPECT_EQ(back.tiers()[0].share, 1.0 / 3);  // to the bit, in text and XML too
    EXPECT_EQ(std::get<cycle::SurveyDesign>(from_bytes(to_bytes(design, f))), design);

    save(scheme, dir.file("scheme"), f);
    EXPECT_EQ(open_envelope(test::read_all(dir.file("scheme")), "scheme").header.type, PayloadType::appraisal);
    const org::AppraisalScheme sback = load_as<org::AppraisalScheme>(dir.file("scheme"));
    EXPECT_EQ(sback, scheme);
    EXPECT_EQ(sback.missing(), org::MissingPolicy::reweight);
    EXPECT_EQ(sback.grade_of(92.4).id, "pass");
  }
  // The built-in charter's design and scheme, and the defaults, go through too.
  for (const auto& d : builtin().surveys()) EXPECT_EQ(std::get<cycle::SurveyDesign>(from_bytes(to_bytes(d))), d);
  EXPECT_EQ(std::get<org::AppraisalScheme>(from_bytes(to_bytes(*builtin().appraisal()))), *builtin().appraisal());
  const org::AppraisalScheme plain{org::AppraisalSpec{}};
  EXPECT_EQ(std::get<org::AppraisalScheme>(from_bytes(to_bytes(plain, ArchiveFormat::xml))), plain);
}

TEST(SurveyFiles, GoldenFilesLoadAndMatch) {
  const cycle::SurveyDesign design(test::golden_survey_spec());
  for (const auto& g : test::golden_survey_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = test::read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 1u);
    const cycle::SurveyDesign back = load_as<cycle::SurveyDesign>(path);
    EXPECT_EQ(back, design);
    EXPECT_EQ(back.spec().title.zh, "客户满意度问卷调查 <年度> & \"共性\"");
    EXPECT_EQ(back.tiers()[2].population, 5'000'000'000LL);
    EXPECT_EQ(back.scale().satisfied_at, 7.5);
    // What this build writes is still byte for byte what was written then.
    EXPECT_EQ(to_bytes(design, g.format), bytes);
  }
  const org::AppraisalScheme scheme(test::golden_appraisal_spec());
  for (const auto& g : test::golden_appraisal_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = test::read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 1u);
    EXPECT_EQ(load_as<org::AppraisalScheme>(path), scheme);
    EXPECT_EQ(load_as<org::AppraisalScheme>(path).weights().customer, 0.1);
    EXPECT_EQ(to_bytes(scheme, g.format), bytes);
  }
}

TEST(SurveyFiles, DamagedAndTruncatedFilesAreCorrupt) {
  const cycle::SurveyDesign design(test::golden_survey_spec());
  const org::AppraisalScheme scheme(test::golden_appraisal_spec());
  for (ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    for (const std::string& bytes : {to_bytes(design, f), to_bytes(scheme, f)}) {
      // Cut short: the envelope's length no longer matches.
      CHARTER_EXPECT_THROW_MSG(from_bytes(bytes.substr(0, bytes.size() - 1), "cut.chrt"), CorruptFileError, "cut.chrt: ");
      CHARTER_EXPECT_THROW_MSG(from_bytes(bytes.substr(0, 20), "cut.chrt"), CorruptFileError, "too short");
      // A byte of the payload changed: the checksum says so before any archive reads it.
      std::string flipped = bytes;
      flipped[kEnvelopeHeaderSize + 5] ^= 0x20;
      CHARTER_EXPECT_THROW_MSG(from_bytes(flipped, "flip.chrt"), CorruptFileError, "flip.chrt: ");
      // The payload cut short and sealed again with right checksums: the archive runs dry.
      const std::string payload = test::payload_of(bytes);
      test::expect_refused(test::forge(bytes, payload.substr(0, payload.size() / 2)), "half a payload");
      // Trailing data after the last field.
      const std::string m = test::expect_refused(test::forge(bytes, payload + (f == ArchiveFormat::binary ? "x" : " 7")),
                                                 "trailing data");
      EXPECT_NE(m.find("unexpected data after the last field"), std::string::npos) << m;
    }
  }
}

TEST(SurveyFiles, AForgedInvalidDesignOrSchemeIsCorruptAndSaysWhy) {
  // Specs are plain data: an attacker (or a bug) can write one that does not validate.
  cycle::SurveySpec bad = test::golden_survey_spec();
  bad.tiers[1].population = 2;  // below its minimum of 5
  const std::string bytes = seal(PayloadType::survey, kSurveySchema, ArchiveFormat::text,
                                 test::write_payload(ArchiveFormat::text, [&](auto& ar) { save_survey(ar, bad); }));
  const std::string m = test::expect_refused(bytes, "invalid design");
  EXPECT_NE(m.find("forged: the survey design it holds is invalid: survey 'R-25':\n  tiers[1].population"),
            std::string::npos) << m;

  org::AppraisalSpec typo = test::golden_appraisal_spec();
  typo.weights = {0.4, 0.4, 0.3};
  const std::string sbytes = seal(PayloadType::appraisal, kAppraisalSchema, ArchiveFormat::xml,
                                  test::write_payload(ArchiveFormat::xml, [&](auto& ar) { save_appraisal(ar, typo); }));
  const std::string sm = test::expect_refused(sbytes, "invalid scheme");
  EXPECT_NE(sm.find("the appraisal scheme it holds is invalid"), std::string::npos) << sm;
  EXPECT_NE(sm.find("must add up to 1"), std::string::npos) << sm;
}

TEST(SurveyFiles, ANewerVersionIsUnsupported) {
  const std::string bytes = to_bytes(cycle::SurveyDesign(test::golden_survey_spec()));
  CHARTER_EXPECT_THROW_MSG(
      from_bytes(seal(PayloadType::survey, kSurveySchema + 1, ArchiveFormat::binary, test::payload_of(bytes)), "new.chrt"),
      UnsupportedVersionError, "new.chrt: survey design schema version 2 is not readable by this build (it reads 1)");
  const std::string sbytes = to_bytes(org::AppraisalScheme(test::golden_appraisal_spec()));
  CHARTER_EXPECT_THROW_MSG(
      from_bytes(seal(PayloadType::appraisal, 7, ArchiveFormat::binary, test::payload_of(sbytes)), "new.chrt"),
      UnsupportedVersionError, "appraisal scheme schema version 7 is not readable by this build");
}

TEST(SurveyFiles, AFileOfAnotherKindIsNamedAsSuch) {
  const test::TempDir dir;
  save(cycle::SurveyDesign(test::golden_survey_spec()), dir.file("survey.chrt"));
  save(org::AppraisalScheme(test::golden_appraisal_spec()), dir.file("scheme.chrt"));
  save(calendar::Deadline::parse("24 hours"), dir.file("deadline.chrt"));
  CHARTER_EXPECT_THROW_MSG(load_as<org::AppraisalScheme>(dir.file("survey.chrt")), CorruptFileError,
                           dir.file("survey.chrt") +
                               ": holds a different kind of object than requested (survey design found, "
                               "appraisal scheme requested)");
  CHARTER_EXPECT_THROW_MSG(load_as<cycle::SurveyDesign>(dir.file("scheme.chrt")), CorruptFileError,
                           "(appraisal scheme found, survey design requested)");
  CHARTER_EXPECT_THROW_MSG(load_as<cycle::SurveyDesign>(dir.file("deadline.chrt")), CorruptFileError,
                           "(deadline found, survey design requested)");
  CHARTER_EXPECT_THROW_MSG(load_as<Charter>(dir.file("survey.chrt")), CorruptFileError,
                           "(survey design found, charter requested)");
  // A design's payload under the appraisal type (checksums right) is not read as a scheme.
  for (ArchiveFormat f : test::kFormats) {
    const std::string survey = to_bytes(cycle::SurveyDesign(test::golden_survey_spec()), f);
    test::expect_refused(seal(PayloadType::appraisal, kAppraisalSchema, f, test::payload_of(survey)), "survey as appraisal");
    const std::string scheme = to_bytes(org::AppraisalScheme(test::golden_appraisal_spec()), f);
    test::expect_refused(seal(PayloadType::survey, kSurveySchema, f, test::payload_of(scheme)), "appraisal as survey");
    test::expect_refused(seal(PayloadType::charter, 5, f, test::payload_of(survey)), "survey as charter");
  }
}

TEST(SurveyFiles, AForgedCharterWithAnInvalidOrRepeatedSurveyIsCorrupt) {
  // A charter payload (version 5) is rebuilt through the same validation as a charter file.
  const Charter golden = test::golden_charter();
  auto sealed = [](const std::string& payload) {
    return seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, payload);
  };
  EXPECT_EQ(std::get<Charter>(from_bytes(sealed(test::charter_payload(test::parts_of(golden))))), golden);

  CharterParts invalid = test::parts_of(golden);
  invalid.surveys[0].tiers[0].weight = -1;
  std::string m = test::expect_refused(sealed(test::charter_payload(invalid)), "invalid survey");
  EXPECT_NE(m.find("the charter it holds is invalid: survey 'R-25':\n  tiers[0].weight: must be finite and not negative"),
            std::string::npos) << m;

  CharterParts repeated = test::parts_of(golden);
  repeated.surveys[1].id = repeated.surveys[0].id;
  m = test::expect_refused(sealed(test::charter_payload(repeated)), "repeated survey");
  EXPECT_NE(m.find("survey 'R-25' appears twice"), std::string::npos) << m;

  CharterParts typo = test::parts_of(golden);
  typo.appraisal->weights.peer = 0.5;
  m = test::expect_refused(sealed(test::charter_payload(typo)), "invalid appraisal");
  EXPECT_NE(m.find("must add up to 1"), std::string::npos) << m;

  // A version-4 payload claimed as version 5: the surveys it lacks are not invented.
  test::expect_refused(sealed(test::charter_payload(test::parts_of(test::golden_charter_v4()), 4)), "v4 as v5");
  // The appraisal flag must be 0 or 1.
  CharterParts none = test::parts_of(golden);
  none.surveys.clear();
  none.appraisal.reset();
  std::string flag = test::charter_payload(none);
  ASSERT_EQ(flag.substr(flag.size() - 8), test::u32(0) + test::u32(0));  // no surveys, no appraisal
  flag.replace(flag.size() - 4, 4, test::u32(2));
  m = test::expect_refused(sealed(flag), "appraisal flag");
  EXPECT_NE(m.find("field 'has_appraisal' is neither 0 nor 1"), std::string::npos) << m;
}

}  // namespace
}  // namespace charter::io
