// Where the built-in cycles stand as of an instant, from completion records: each state with its
// explanation, follow-ups, ad-hoc counts, as-of replay and the records that cannot count.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charter/cycle/status.hpp"
#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::cycle {
namespace {

using test::date;
using test::local;
using test::ptime;

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }
ptime at(const std::string& text) { return local(office(), text); }

CompletionRecord record(std::string cycle, std::string subject, const std::string& when,
                        std::vector<Field> fields = {}, std::string actor = "wang.fang") {
  CompletionRecord r;
  r.cycle = std::move(cycle);
  r.subject = std::move(subject);
  r.at = at(when);
  r.actor = std::move(actor);
  r.fields = std::move(fields);
  return r;
}

StatusReport run(const std::vector<CompletionRecord>& records, const std::string& from, const std::string& to,
                 const std::string& as_of) {
  return status(builtin(), records, at(from), at(to), at(as_of));
}

// The status of one occurrence by cycle, subject and period start.
const OccurrenceStatus& find(const StatusReport& s, const std::string& cycle, const std::string& subject,
                             const date& period) {
  for (const auto& o : s.occurrences) {
    if (o.occurrence.cycle == cycle && o.occurrence.subject == subject && o.occurrence.period_start == period) return o;
  }
  throw std::runtime_error("no occurrence " + cycle + " " + subject);
}

TEST(Status, MonthlyReportFiledBeforeMonthEndIsDone) {
  const auto s = run({record("R-23", "", "2025-05-30 17:00", {{"report", "QR-2025-05"}})}, "2025-05-01 00:00",
                     "2025-06-01 00:00", "2025-06-02 09:00");
  const auto& o = find(s, "R-23", "", date(2025, 5, 1));
  EXPECT_EQ(o.state, State::done);
  ASSERT_TRUE(o.record);
  EXPECT_EQ(*o.record, 0u);
  EXPECT_EQ(o.explanation, "done 2025-05-30 17:00:00 by wang.fang (record 0)");
  EXPECT_EQ(o.occurrence.responsible, "cs_manager");
  EXPECT_TRUE(s.problems.empty());
}

TEST(Status, MonthlyReportFiledInJuneForMayIsDoneLate) {
  // Filed on 2025-06-03, naming May as its period: late, but inside the window (end of June).
  const auto s = run({record("R-23", "", "2025-06-03 10:00", {{"report", "QR-2025-05"}, {"period", "2025-05-31"}})},
                     "2025-05-01 00:00", "2025-06-01 00:00", "2025-06-10 00:00");
  const auto& o = find(s, "R-23", "", date(2025, 5, 1));
  EXPECT_EQ(o.state, State::done_late);
  EXPECT_EQ(o.explanation,
            "done 2025-06-03 10:00:00 by wang.fang (record 0), after the due instant 2025-05-31 23:59:59");
  EXPECT_EQ(o.window_end, at("2025-07-01 00:00"));
}

TEST(Status, NoReportYetIsDueThenOverdueThenMissed) {
  const std::vector<CompletionRecord> none;
  auto state_as_of = [&](const std::string& as_of) {
    const auto s = run(none, "2025-05-01 00:00", "2025-06-01 00:00", as_of);
    return find(s, "R-23", "", date(2025, 5, 1));
  };
  const auto due = state_as_of("2025-05-31 23:59:59");  // the due instant itself is still on time
  EXPECT_EQ(due.state, State::due);
  EXPECT_EQ(due.explanation, "due 2025-05-31 23:59:59");
  const auto overdue = state_as_of("2025-06-01 00:00");
  EXPECT_EQ(overdue.state, State::overdue);
  EXPECT_EQ(overdue.explanation,
            "was due 2025-05-31 23:59:59; a late completion is accepted until 2025-07-01 00:00:00");
  const auto missed = state_as_of("2025-07-01 00:00");
  EXPECT_EQ(missed.state, State::missed);
  EXPECT_EQ(missed.explanation,
            "was due 2025-05-31 23:59:59; the window for a late completion closed at 2025-07-01 00:00:00");
}

TEST(Status, DecemberSurveyWithTooFewRespondentsIsInsufficient) {
  const auto s = run({record("R-25", "", "2025-12-18 15:00", {{"respondents", "42"}})}, "2025-12-01 00:00",
                     "2026-01-01 00:00", "2026-01-05 00:00");
  const auto& o = find(s, "R-25", "", date(2025, 12, 1));
  EXPECT_EQ(o.state, State::insufficient);
  EXPECT_EQ(o.explanation, "42 respondents; R-25 requires 50; due 2025-12-31 23:59:59");
  EXPECT_FALSE(o.record);
}

TEST(Status, DecemberSurveyRepeatedOnTheMakeUpSundayIsDoneLate) {
  // 2026-01-04 (Sunday) is a make-up working day after the New Year holiday (01-01..03); a
  // second round of the December 2025 survey reaches 61 respondents then, naming December.
  const auto s = run({record("R-25", "", "2025-12-18 15:00", {{"respondents", "42"}}),
                      record("R-25", "", "2026-01-04 16:00", {{"respondents", "61"}, {"period", "2025-12-01"}})},
                     "2025-12-01 00:00", "2026-01-01 00:00", "2026-01-05 00:00");
  const auto& o = find(s, "R-25", "", date(2025, 12, 1));
  EXPECT_EQ(o.state, State::done_late);
  ASSERT_TRUE(o.record);
  EXPECT_EQ(*o.record, 1u);
}

TEST(Status, UnreadableOrMissingEvidenceIsExplained) {
  auto explain = [](std::vector<Field> fields) {
    const auto s = run({record("R-25", "", "2025-12-18 15:00", std::move(fields))}, "2025-12-01 00:00",
                       "2026-01-01 00:00", "2025-12-20 00:00");
    return find(s, "R-25", "", date(2025, 12, 1)).explanation;
  };
  EXPECT_EQ(explain({}), "respondents not given; R-25 requires 50; due 2025-12-31 23:59:59");
  EXPECT_EQ(explain({{"respondents", "many"}}), "respondents 'many' is not a number; due 2025-12-31 23:59:59");
  EXPECT_EQ(explain({{"respondents", "50"}}).rfind("done", 0), 0u);
  // A report without the document named: R-23 needs its monthly report filed.
  const auto s = run({record("R-23", "", "2025-05-30 17:00")}, "2025-05-01 00:00", "2025-06-01 00:00",
                     "2025-06-02 09:00");
  EXPECT_EQ(find(s, "R-23", "", date(2025, 5, 1)).explanation,
            "no monthly report filed; R-23 requires one; due 2025-05-31 23:59:59");
}

TEST(Status, OnSiteSurveysCountDistinctUnitsOverTheYear) {
  // R-28: at least 3 different units a year. The second visit to front_desk adds nothing.
  std::vector<CompletionRecord> records = {
      record("R-28", "", "2025-03-10 10:00", {{"unit", "front_desk"}}),
      record("R-28", "", "2025-06-10 10:00", {{"unit", "front_desk"}}),
      record("R-28", "", "2025-09-10 10:00", {{"unit", "call_centre"}}),
  };
  auto s = run(records, "2025-01-01 00:00", "2026-01-01 00:00", "2025-10-01 00:00");
  const auto& partial = find(s, "R-28", "", date(2025, 1, 1));
  EXPECT_EQ(partial.state, State::insufficient);
  EXPECT_EQ(partial.counted, 2);
  EXPECT_EQ(partial.explanation,
            "2 distinct unit (call_centre, front_desk); R-28 requires 3 a year; due 2025-12-31 23:59:59");
  records.push_back(record("R-28", "", "2025-11-20 10:00", {{"unit", "after_sales"}}));
  s = run(records, "2025-01-01 00:00", "2026-01-01 00:00", "2025-12-01 00:00");
  const auto& done = find(s, "R-28", "", date(2025, 1, 1));
  EXPECT_EQ(done.state, State::done);
  EXPECT_EQ(done.counted, 3);
  EXPECT_EQ(*done.record, 3u);
}

TEST(Status, CheckIsFollowedByItsReportAndMeeting) {
  // The check of front_desk on Monday 2025-05-12; the written report (R-21, per unit) on
  // Wednesday; no meeting (R-22, for the centre) yet. Both are due within 5 business days:
  // the close of Monday 05-19.
  const auto s = run({record("R-20", "front_desk", "2025-05-12 10:00"),
                      record("R-21", "front_desk", "2025-05-14 16:00", {{"report", "IR-17"}})},
                     "2025-05-01 00:00", "2025-06-01 00:00", "2025-05-20 09:00");
  const auto& o = find(s, "R-20", "front_desk", date(2025, 5, 1));
  EXPECT_EQ(o.state, State::done);
  ASSERT_EQ(o.follow_ups.size(), 2u);
  EXPECT_EQ(o.follow_ups[0].cycle, "R-21");
  EXPECT_EQ(o.follow_ups[0].state, State::done);
  EXPECT_EQ(o.follow_ups[0].due, at("2025-05-19 18:30"));
  EXPECT_EQ(*o.follow_ups[0].record, 1u);
  EXPECT_EQ(o.follow_ups[1].cycle, "R-22");
  EXPECT_EQ(o.follow_ups[1].state, State::overdue);
  EXPECT_EQ(o.follow_ups[1].explanation,
            "R-22 within 5 business days of R-20: was due 2025-05-19 18:30:00; a late completion is accepted "
            "until 2025-07-01 00:00:00");
  // A unit not yet checked has no follow-ups, and its check is still due.
  const auto& call = find(s, "R-20", "call_centre", date(2025, 5, 1));
  EXPECT_EQ(call.state, State::due);
  EXPECT_TRUE(call.follow_ups.empty());
  // The report and the R-21 record are counted as follow-up records.
  ASSERT_EQ(s.counts.size(), 1u);
  EXPECT_EQ(s.counts[0].cycle, "R-21");
  EXPECT_EQ(s.counts[0].subject, "front_desk");
  EXPECT_EQ(s.counts[0].count, 1u);
}

TEST(Status, AReportForAnotherUnitDoesNotFollowThisCheck) {
  const auto s = run({record("R-20", "front_desk", "2025-05-12 10:00"),
                      record("R-21", "call_centre", "2025-05-13 10:00", {{"report", "IR-18"}}),
                      record("R-21", "front_desk", "2025-05-11 10:00", {{"report", "IR-16"}})},
                     "2025-05-01 00:00", "2025-06-01 00:00", "2025-05-13 12:00");
  const auto& o = find(s, "R-20", "front_desk", date(2025, 5, 1));
  EXPECT_EQ(o.follow_ups[0].state, State::due);  // the 05-11 report came before the check
}

TEST(Status, SpotChecksAreCountedNeverDue) {
  const auto s = run({record("R-20-spot", "front_desk", "2025-05-06 10:00"),
                      record("R-20-spot", "front_desk", "2025-05-20 10:00"),
                      record("R-20-spot", "call_centre", "2025-05-21 10:00"),
                      record("R-20-spot", "call_centre", "2025-06-02 10:00"),   // outside the range
                      record("R-24", "", "2025-05-22 10:00")},
                     "2025-05-01 00:00", "2025-06-01 00:00", "2025-06-30 00:00");
  ASSERT_EQ(s.counts.size(), 3u);
  EXPECT_EQ(s.counts[0].cycle, "R-20-spot");
  EXPECT_EQ(s.counts[0].subject, "front_desk");
  EXPECT_EQ(s.counts[0].count, 2u);
  EXPECT_EQ(s.counts[1].subject, "call_centre");
  EXPECT_EQ(s.counts[1].count, 1u);
  EXPECT_EQ(s.counts[2].cycle, "R-24");
  EXPECT_EQ(s.counts[2].count, 1u);
  for (const auto& o : s.occurrences) EXPECT_NE(o.occurrence.cycle, "R-20-spot");
}

TEST(Status, AsOfReplayIgnoresLaterRecordsAndIsDeterministic) {
  const std::vector<CompletionRecord> records = {
      record("R-29", "", "2025-05-06 17:00", {{"report", "D-0506"}}),
      record("R-29", "", "2025-05-07 20:00", {{"report", "D-0507"}}),  // after the 18:30 close
  };
  const auto before = run(records, "2025-05-06 00:00", "2025-05-08 00:00", "2025-05-07 19:00");
  EXPECT_EQ(find(before, "R-29", "", date(2025, 5, 6)).state, State::done);
  EXPECT_EQ(find(before, "R-29", "", date(2025, 5, 7)).state, State::overdue);
  const auto after = run(records, "2025-05-06 00:00", "2025-05-08 00:00", "2025-05-07 21:00");
  EXPECT_EQ(find(after, "R-29", "", date(2025, 5, 7)).state, State::done_late);
  const auto again = run(records, "2025-05-06 00:00", "2025-05-08 00:00", "2025-05-07 21:00");
  ASSERT_EQ(again.occurrences.size(), after.occurrences.size());
  for (std::size_t k = 0; k < after.occurrences.size(); ++k) {
    EXPECT_EQ(again.occurrences[k].occurrence, after.occurrences[k].occurrence);
    EXPECT_EQ(again.occurrences[k].state, after.occurrences[k].state);
    EXPECT_EQ(again.occurrences[k].explanation, after.occurrences[k].explanation);
  }
}

TEST(Status, RecordsThatCannotCountAreListedWithTheirReason) {
  std::vector<CompletionRecord> records = {
      record("R-99", "", "2025-05-06 10:00"),
      record("R-20", "warehouse", "2025-05-06 10:00"),
      record("R-20", "", "2025-05-06 10:00"),
      record("R-23", "", "2025-05-06 10:00", {{"report", "x"}, {"period", "May"}}),
      record("R-23", "", "2025-05-06 10:00", {{"report", "x"}, {"period", "2025-06-01"}}),
      record("R-25", "", "2025-05-06 10:00", {{"respondents", "60"}}),
      record("R-23", "", "2025-05-06 10:00", {{"report", "x"}, {"period", "2025-03-31"}}),
  };
  records.push_back(record("R-23", "", "2025-05-06 10:00"));
  records.back().at = ptime();
  const auto s = run(records, "2025-03-01 00:00", "2025-06-01 00:00", "2025-06-10 00:00");
  std::vector<std::string> messages;
  for (const auto& p : s.problems) messages.push_back(std::to_string(p.record) + ": " + p.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "0: unknown cycle 'R-99'",
                          "1: cycle R-20 has no subject 'warehouse' (its scope: unit)",
                          "2: cycle R-20 is kept per unit: name the subject",
                          "3: period 'May' is not a date (YYYY-MM-DD)",
                          "4: period 2025-06-01 has not begun at 2025-05-06 10:00:00",
                          "5: cycle R-25 (every year in December) has nothing due in the period 2025-05-01 to "
                          "2025-05-31",
                          "6: completes R-23 of 2025-03-01 after its window closed at 2025-05-01 00:00:00",
                          "7: at is not a real instant (not-a-date-time)",
                      }));
  // None of them completed anything: March's report was missed, May's is overdue.
  EXPECT_EQ(find(s, "R-23", "", date(2025, 3, 1)).state, State::missed);
  EXPECT_EQ(find(s, "R-23", "", date(2025, 5, 1)).state, State::overdue);
}

TEST(Status, RecordsBeforeTheirSubjectExistsAreRefused) {
  // A charter whose web-shop unit exists from 2025-06-15 and whose check starts in 2025.
  const Charter c = Charter::parse(R"(charter: 1
calendars:
  office: {builtin: china, hours: ["09:00-18:30"], zone: Asia/Shanghai}
organization:
  units:
    - {id: centre}
    - {id: web_shop, parent: centre, since: 2025-06-15}
  roles:
    - id: manager
      duties:
        - id: manager.plan
          text: Plans the checks
          covers: [{cycle: check, raci: A}]
cycles:
  check:
    calendar: office
    recurrence: {every: month}
    scope: unit
    since: 2025-02-01
)");
  const auto s = status(c, {record("check", "web_shop", "2025-06-10 10:00"), record("check", "centre", "2025-01-20 10:00"),
                            record("check", "web_shop", "2025-07-10 10:00")},
                        at("2025-01-01 00:00"), at("2026-01-01 00:00"), at("2025-08-01 00:00"));
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_EQ(s.problems[0].message, "record of 2025-06-10 10:00:00 is before unit 'web_shop' exists (or after it ended)");
  EXPECT_EQ(s.problems[1].message, "record of 2025-01-20 10:00:00 is before cycle check exists (since 2025-02-01)");
  EXPECT_EQ(find(s, "check", "web_shop", date(2025, 7, 1)).state, State::done);
  // 11 months for the centre (February on), 6 for the web shop (July on).
  EXPECT_EQ(s.occurrences.size(), 17u);
}

TEST(Status, InstantsMustBeRealAndInOrder) {
  CHARTER_EXPECT_THROW_MSG(status(builtin(), {}, at("2025-05-01 00:00"), at("2025-06-01 00:00"), ptime()),
                           InvalidTimeError, "as_of is not a real instant");
  CHARTER_EXPECT_THROW_MSG(status(builtin(), {}, at("2025-06-01 00:00"), at("2025-05-01 00:00"), at("2025-05-01 00:00")),
                           InvalidTimeError, "is after to");
}

TEST(Status, StateNamesAreTheDocumentedOnes) {
  EXPECT_STREQ(state_name(State::done), "done");
  EXPECT_STREQ(state_name(State::done_late), "done_late");
  EXPECT_STREQ(state_name(State::insufficient), "insufficient");
  EXPECT_STREQ(state_name(State::due), "due");
  EXPECT_STREQ(state_name(State::overdue), "overdue");
  EXPECT_STREQ(state_name(State::missed), "missed");
}

}  // namespace
}  // namespace charter::cycle
