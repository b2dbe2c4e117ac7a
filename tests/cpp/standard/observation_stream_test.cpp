// The generated observations the demo evaluates and the benchmarks measure: deterministic, in
// time order, and a mix in which every built-in standard is both met and broken.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "charter/model/charter.hpp"
#include "charter/standard/compliance.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/standard/observation_stream.hpp"
#include "test_support.hpp"

namespace charter::standard {
namespace {

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }

ObservationStreamOptions day(std::size_t n, std::uint64_t seed = 1) {
  ObservationStreamOptions o;
  o.observations = n;
  o.start = test::local(office(), "2025-10-09 00:00");
  o.span = boost::posix_time::hours(24);
  o.seed = seed;
  return o;
}

TEST(ObservationStream, TheSameOptionsGiveTheSameObservations) {
  const auto a = observation_stream(builtin(), office(), day(2000));
  EXPECT_EQ(a, observation_stream(builtin(), office(), day(2000)));
  EXPECT_NE(a, observation_stream(builtin(), office(), day(2000, 2)));
  ASSERT_EQ(a.size(), 2000u);
  EXPECT_EQ(a.front().id, "OBS-000001");
  EXPECT_EQ(a.back().id, "OBS-002000");
}

TEST(ObservationStream, InstantsAreSortedWithinTheSpan) {
  const auto obs = observation_stream(builtin(), office(), day(5000));
  EXPECT_TRUE(std::is_sorted(obs.begin(), obs.end(), [](const auto& a, const auto& b) { return a.at < b.at; }));
  EXPECT_GE(obs.front().at, test::local(office(), "2025-10-09 00:00"));
  EXPECT_LT(obs.back().at, test::local(office(), "2025-10-10 00:00"));
}

TEST(ObservationStream, EveryBuiltInStandardIsMetAndBrokenInADay) {
  const Findings f = evaluate(builtin(), observation_stream(builtin(), office(), day(20000)));
  const ComplianceTable t = compliance(f, {Dimension::standard});
  ASSERT_EQ(t.rows.size(), builtin().standards().size());
  std::size_t invalid = 0;
  for (const auto& r : t.rows) {
    EXPECT_GT(r.met, 0u) << r.key[0];
    EXPECT_GT(r.not_met, 0u) << r.key[0];
    EXPECT_GT(r.rate(), 0.5) << r.key[0] << ": most service meets the standards";
    invalid += r.invalid;
  }
  EXPECT_GT(invalid, 0u);
  EXPECT_LT(invalid, f.size() / 100);
}

TEST(ObservationStream, StaffServeInTheirUnits) {
  for (const auto& o : observation_stream(builtin(), office(), day(500))) {
    EXPECT_EQ(o.staff.rfind(o.unit + ".", 0), 0u) << o.staff << " in " << o.unit;
  }
}

TEST(ObservationStream, NeedsAStart) {
  ObservationStreamOptions o;
  EXPECT_THROW(observation_stream(builtin(), office(), o), std::invalid_argument);
  EXPECT_TRUE(observation_stream(builtin(), office(), day(0)).empty());
}

}  // namespace
}  // namespace charter::standard
