#pragma once
// Boost.Serialization of survey designs (cycle::SurveySpec) and appraisal schemes
// (org::AppraisalSpec), with the discipline of serialize_standard.hpp — primitives only, every
// count bounded before anything is appended (and a list longer than a load accepts refused on
// save), numbers stored as the 64 bits of the double so text and XML keep them exactly,
// enumerators range-checked. Two uses: embedded in a charter payload (from charter payload
// version 5, serialize_org.hpp), and alone as PayloadType::survey / PayloadType::appraisal
// (io::save / io::load, archive.hpp) in payload version kSurveySchema / kAppraisalSchema.
//
// A spec read back is only data: build the cycle::SurveyDesign / org::AppraisalScheme from it,
// which validates it like any other. load_survey_design / load_appraisal_scheme do that and turn
// a refusal into CorruptFileError ("the survey design it holds is invalid: …").
//
// Layout, in order:
//   survey:    id, title (zh, en), dimensions (count; id, label each), scale (lowest, highest,
//              satisfied_at), tiers (count; id, label, weight, share, minimum as int64, has
//              population flag, population as int64 when present)
//   appraisal: weights (customer, peer, supervisor), grades (count; id, label, at_least),
//              missing (MissingPolicy as a number)
//
// Example:
//   save_survey(ar, design.spec());
//   cycle::SurveyDesign back = load_survey_design(ar);

#include <cstdint>
#include <string>
#include <vector>

#include "charter/cycle/survey.hpp"
#include "charter/io/serialize_standard.hpp"
#include "charter/org/appraisal.hpp"

namespace charter::io {

/// Payload versions of a design or scheme saved alone (the envelope's schema_version): 1 is the
/// layout above. A charter embeds the same layout under its own payload version.
inline constexpr std::uint32_t kSurveySchema = 1;
inline constexpr std::uint32_t kAppraisalSchema = 1;

/// Bounds on what an archive may claim (far above any real questionnaire).
inline constexpr std::uint32_t kMaxSurveyDimensions = 1000;
inline constexpr std::uint32_t kMaxSurveyTiers = 10000;
inline constexpr std::uint32_t kMaxAppraisalGrades = 100;

template <class Ar>
void save_survey(Ar& ar, const cycle::SurveySpec& spec) {
  using namespace serial;
  put_string(ar, "id", spec.id);
  put_text(ar, spec.title);
  put_bounded_count(ar, "dimensions", spec.dimensions.size(), kMaxSurveyDimensions);
  for (const auto& d : spec.dimensions) {
    put_string(ar, "id", d.id);
    put_text(ar, d.label);
  }
  put_number(ar, "lowest", spec.scale.lowest);
  put_number(ar, "highest", spec.scale.highest);
  put_number(ar, "satisfied_at", spec.scale.satisfied_at);
  put_bounded_count(ar, "tiers", spec.tiers.size(), kMaxSurveyTiers);
  for (const auto& t : spec.tiers) {
    put_string(ar, "id", t.id);
    put_text(ar, t.label);
    put_number(ar, "weight", t.weight);
    put_number(ar, "share", t.share);
    put_i64(ar, "minimum", t.minimum);
    put_flag(ar, "has_population", t.population.has_value());
    if (t.population) put_i64(ar, "population", *t.population);
  }
}

template <class Ar>
cycle::SurveySpec load_survey(Ar& ar) {
  using namespace serial;
  cycle::SurveySpec spec;
  spec.id = get_string(ar, "id");
  spec.title = get_text(ar);
  for (std::uint32_t i = 0, n = get_count(ar, "dimensions", kMaxSurveyDimensions); i < n; ++i) {
    cycle::Dimension& d = spec.dimensions.emplace_back();
    d.id = get_string(ar, "id");
    d.label = get_text(ar);
  }
  spec.scale.lowest = get_number(ar, "lowest");
  spec.scale.highest = get_number(ar, "highest");
  spec.scale.satisfied_at = get_number(ar, "satisfied_at");
  for (std::uint32_t i = 0, n = get_count(ar, "tiers", kMaxSurveyTiers); i < n; ++i) {
    cycle::Tier& t = spec.tiers.emplace_back();
    t.id = get_string(ar, "id");
    t.label = get_text(ar);
    t.weight = get_number(ar, "weight");
    t.share = get_number(ar, "share");
    t.minimum = get_i64(ar, "minimum");
    if (get_flag(ar, "has_population")) t.population = get_i64(ar, "population");
  }
  return spec;
}

/// load_survey, then the validated design; an invalid spec is CorruptFileError.
template <class Ar>
cycle::SurveyDesign load_survey_design(Ar& ar) {
  cycle::SurveySpec spec = load_survey(ar);
  try {
    return cycle::SurveyDesign(std::move(spec));
  } catch (const cycle::SurveyError& e) {
    throw CorruptFileError(std::string("the survey design it holds is invalid: ") + e.what());
  }
}

template <class Ar>
void save_appraisal(Ar& ar, const org::AppraisalSpec& spec) {
  using namespace serial;
  put_number(ar, "customer", spec.weights.customer);
  put_number(ar, "peer", spec.weights.peer);
  put_number(ar, "supervisor", spec.weights.supervisor);
  put_bounded_count(ar, "grades", spec.grades.size(), kMaxAppraisalGrades);
  for (const auto& g : spec.grades) {
    put_string(ar, "id", g.id);
    put_text(ar, g.label);
    put_number(ar, "at_least", g.at_least);
  }
  put_u32(ar, "missing", static_cast<std::uint32_t>(spec.missing));
}

template <class Ar>
org::AppraisalSpec load_appraisal(Ar& ar) {
  using namespace serial;
  org::AppraisalSpec spec;
  spec.weights.customer = get_number(ar, "customer");
  spec.weights.peer = get_number(ar, "peer");
  spec.weights.supervisor = get_number(ar, "supervisor");
  spec.grades.clear();
  for (std::uint32_t i = 0, n = get_count(ar, "grades", kMaxAppraisalGrades); i < n; ++i) {
    org::Grade& g = spec.grades.emplace_back();
    g.id = get_string(ar, "id");
    g.label = get_text(ar);
    g.at_least = get_number(ar, "at_least");
  }
  spec.missing = get_enum(ar, "missing", org::MissingPolicy::reweight);
  return spec;
}

/// load_appraisal, then the validated scheme; an invalid spec is CorruptFileError.
template <class Ar>
org::AppraisalScheme load_appraisal_scheme(Ar& ar) {
  org::AppraisalSpec spec = load_appraisal(ar);
  try {
    return org::AppraisalScheme(std::move(spec));
  } catch (const org::AppraisalError& e) {
    throw CorruptFileError(std::string("the appraisal scheme it holds is invalid: ") + e.what());
  }
}

}  // namespace charter::io
