// Saving and loading survey designs and appraisal schemes (serialize_survey.hpp): round trips in
// every archive format with numbers kept to the bit, and forged archives — CorruptFileError naming
// the field, never a crash, never a design or scheme that was not validated.

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

#include "charter/io/serialize_survey.hpp"
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

}  // namespace
}  // namespace charter::io
