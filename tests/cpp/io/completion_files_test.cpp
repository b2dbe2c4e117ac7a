// Completion files: who carried out which inspection, report or survey, as CSV and JSON Lines,
// read line by line like event files (a bad line never stops the reading) and written so that
// reading gives the same records back.

#include "charter/io/completion_files.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charter/cycle/status.hpp"
#include "charter/error.hpp"
#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using cycle::CompletionRecord;
using test::local;

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }

// A December at the centre: the satisfaction survey (R-25) too small at first, then repeated on
// the make-up Sunday after New Year; a monthly report (R-23); an on-site survey (R-28).
std::vector<CompletionRecord> december() {
  return {
      {"R-25", "", local(office(), "2025-12-18 15:00"), "wang.fang", "SURVEY-1", {{"respondents", "42"}}},
      {"R-23", "", local(office(), "2025-12-30 17:30"), "wang.fang", "", {{"report", "QR-2025-12"}}},
      {"R-28", "", local(office(), "2025-12-05 10:00"), "li.na", "", {{"unit", "front_desk"}}},
      {"R-25", "", local(office(), "2026-01-04 16:00"), "wang.fang", "SURVEY-2",
       {{"respondents", "61"}, {"period", "2025-12-01"}}},
  };
}

TEST(CompletionFiles, CsvWithAnEmptySubjectAnOffsetAndABadLine) {
  const std::string text =
      "cycle,at,subject,actor,respondents,report\n"
      "R-25,2025-12-18 15:00,,wang.fang,42,\n"
      "R-20,2025-12-10 10:00,front_desk,li.na,,\n"
      "R-23,yesterday,,wang.fang,,QR\n"
      "R-23,2025-12-30 17:30:00+08:00,,wang.fang,,QR-2025-12\n";
  const auto c = read_completion_text(text, EventFormat::csv, "records.csv", office());
  ASSERT_EQ(c.records.size(), 3u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 4u);
  EXPECT_NE(describe(c.errors[0], "records.csv").find("records.csv:4:"), std::string::npos);
  EXPECT_EQ(c.records[0].record.cycle, "R-25");
  EXPECT_EQ(c.records[0].record.subject, "");
  EXPECT_EQ(c.records[0].record.at, local(office(), "2025-12-18 15:00"));
  EXPECT_EQ(*c.records[0].record.field("respondents"), "42");
  EXPECT_EQ(c.records[0].record.field("report"), nullptr);  // empty cell: not carried
  EXPECT_EQ(c.records[1].record.subject, "front_desk");
  EXPECT_EQ(c.records[2].line, 5u);
  EXPECT_EQ(c.records[2].record.at, local(office(), "2025-12-30 17:30"));
}

TEST(CompletionFiles, RoundTripsInBothFormatsAndFeedStatus) {
  for (EventFormat f : {EventFormat::csv, EventFormat::jsonl}) {
    const std::string text = write_completions(december(), f, office());
    const auto back = read_completion_text(text, f, "records", office());
    EXPECT_TRUE(back.errors.empty());
    EXPECT_EQ(back.all(), december()) << text;
  }
  const std::string jsonl = write_completions(december(), EventFormat::jsonl, office());
  EXPECT_EQ(jsonl.substr(0, jsonl.find('\n')),
            R"({"cycle": "R-25", "at": "2025-12-18T15:00:00+08:00", "actor": "wang.fang", "id": "SURVEY-1", "fields": {"respondents": "42"}})");
  const auto records = read_completion_text(jsonl, EventFormat::jsonl, "records.jsonl", office()).all();
  const auto s = cycle::status(builtin(), records, local(office(), "2025-12-01 00:00"), local(office(), "2026-01-01 00:00"),
                               local(office(), "2026-01-05 00:00"));
  for (const auto& o : s.occurrences) {
    if (o.occurrence.cycle == "R-25") EXPECT_EQ(o.state, cycle::State::done_late);
    if (o.occurrence.cycle == "R-23") EXPECT_EQ(o.state, cycle::State::done);
  }
}

TEST(CompletionFiles, FilesOnDiskAndWhatTheWriterRefuses) {
  test::TempDir dir;
  const std::string path = dir.path().string() + "/december.csv";
  save_completion_file(path, december(), office());
  EXPECT_EQ(read_completion_file(path, office()).all(), december());
  CHARTER_EXPECT_THROW_MSG(read_completion_file(dir.path().string() + "/december.txt", office()), ParseError, "");
  std::vector<CompletionRecord> bad = december();
  bad[1].cycle.clear();
  CHARTER_EXPECT_THROW_MSG(write_completions(bad, EventFormat::csv, office()), SerializationError, "completion 2");
  // Empty input: a header-only file and nothing else.
  EXPECT_TRUE(read_completion_text("cycle,at\n", EventFormat::csv, "empty.csv", office()).records.empty());
  EXPECT_TRUE(read_completion_text("", EventFormat::jsonl, "empty.jsonl", office()).records.empty());
}

TEST(CompletionFiles, AMissingRequiredColumnIsRefused) {
  CHARTER_EXPECT_THROW_MSG(read_completion_text("at,subject\n2025-12-18 15:00,x\n", EventFormat::csv, "r.csv", office()),
                           ParseError, "cycle");
}

}  // namespace
}  // namespace charter::io
