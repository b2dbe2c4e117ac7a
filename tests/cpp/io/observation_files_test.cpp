// Observation files: what real service did — calls, visits, orders — as CSV and JSON Lines, read
// line by line like event files (a bad line never stops the reading) and written so that
// reading gives the same observations back.

#include "charter/io/observation_files.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using standard::Observation;
using test::local;
using test::utc;

// Asia/Shanghai: UTC+8 all year, no DST. America/New_York: EST (UTC−5) in winter, EDT (UTC−4)
// from the second Sunday of March to the first Sunday of November; 2025-03-09 02:00–03:00 does
// not exist and 2025-11-02 01:00–02:00 happens twice.
const calendar::BusinessCalendar& shanghai() {
  static const calendar::BusinessCalendar cal = calendar::china_calendar();
  return cal;
}

const calendar::BusinessCalendar& new_york() {
  static const calendar::BusinessCalendar cal = test::zone_calendar("America/New_York");
  return cal;
}

// The text read as a file of `format` in `zone`; messages call it "observations.<format>".
ObservationFileContents read(const std::string& text, EventFormat format = EventFormat::csv,
                             const calendar::BusinessCalendar& zone = shanghai()) {
  return read_observation_text(
      text, format, format == EventFormat::csv ? "observations.csv" : "observations.jsonl", zone);
}

std::string first_error(const ObservationFileContents& c) {
  return c.errors.empty() ? std::string("no error") : describe(c.errors.front(), "file");
}

// An error is where and why it should be: "line:column: message".
void expect_error(const EventLineError& e, std::size_t line, std::size_t column,
                  const std::string& message) {
  EXPECT_EQ(describe(e, ""), ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                                 message);
}

// A day at the centre: a call answered after 4 rings without the apology the rulebook asks for
// after 3, a visitor greeted at the front desk, and a web order made up before the 18:00 cut-off.
std::vector<Observation> rulebook_day() {
  return {
      {"CALL-7", "call", local(shanghai(), "2025-10-09 09:00:12"), "li.na", "call_centre", "phone",
       {{"rings", "4"}, {"apology", "no"}}},
      {"", "visit", local(shanghai(), "2025-10-09 10:15"), "wang.fang", "front_desk", "front_desk",
       {{"waited_s", "25"}, {"greeting", "您好，欢迎光临！"}}},
      {"ORD-2025-0001", "order", local(shanghai(), "2025-10-09 16:55"), "", "warehouse", "web",
       {{"made_up_at", "2025-10-09 17:40"}, {"items", "茶叶, 2 盒; \"礼品装\""}}},
  };
}

// ---- CSV: the shape of the file ---------------------------------------------------------------

TEST(ObservationCsv, ReadsACallAVisitAndAnOrder) {
  const auto c = read(
      "id,kind,at,staff,unit,channel,rings,apology,waited_s,greeting,made_up_at,items\n"
      "CALL-7,call,2025-10-09 09:00:12,li.na,call_centre,phone,4,no,,,,\n"
      ",visit,2025-10-09 10:15,wang.fang,front_desk,front_desk,,,25,您好，欢迎光临！,,\n"
      "ORD-2025-0001,order,2025-10-09 16:55,,warehouse,web,,,,,2025-10-09 17:40,"
      "\"茶叶, 2 盒; \"\"礼品装\"\"\"\n");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  ASSERT_EQ(c.observations.size(), 3u);
  // Asia/Shanghai is UTC+8: 09:00:12 local is 01:00:12 UTC. Empty field cells: the call does
  // not carry a wait, a greeting or items.
  EXPECT_EQ(c.observations[0].line, 2u);
  EXPECT_EQ(c.observations[0].observation,
            (Observation{"CALL-7", "call", utc("2025-10-09 01:00:12"), "li.na", "call_centre",
                         "phone", {{"rings", "4"}, {"apology", "no"}}}));
  // The greeting holds a full-width comma, which is not a separator; the order's items a
  // quoted comma and quotes. The field instant stays text: standards read it.
  EXPECT_EQ(c.observations[1].line, 3u);
  EXPECT_EQ(c.observations[2].line, 4u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(c.observations[k].observation, rulebook_day()[k]);
}

TEST(ObservationCsv, OnlyKindAndAtAreRequiredInAnyOrder) {
  // A call log that knows nothing of staff, units or channels, with `at` before `kind`.
  const auto c = read("at,rings,kind\n2025-10-09 09:00,4,call\n");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  ASSERT_EQ(c.observations.size(), 1u);
  EXPECT_EQ(c.observations[0].observation,
            (Observation{"", "call", utc("2025-10-09 01:00"), "", "", "", {{"rings", "4"}}}));
}

TEST(ObservationCsv, EmptyOptionalCellsAreEmptyMembers) {
  // A call the switchboard logged before anyone picked up: no staff yet, and no unit.
  const auto c = read("kind,at,id,staff,unit,channel\n"
                      "call,2025-10-09 09:00,CALL-8,,\"\",phone\n");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  ASSERT_EQ(c.observations.size(), 1u);
  const Observation& o = c.observations[0].observation;
  EXPECT_EQ(o.id, "CALL-8");
  EXPECT_EQ(o.staff, "");
  EXPECT_EQ(o.unit, "");
  EXPECT_EQ(o.channel, "phone");
  EXPECT_TRUE(o.fields.empty());
}

TEST(ObservationCsv, QuotedTranscriptsSpanLines) {
  // The customer (客户) and the agent (坐席) on lines of their own, and quotes written twice.
  const auto c = read("kind,at,staff,transcript\ntranscript,2025-10-09 09:00,li.na,\""
                      "客户：你好，我的订单还没到。\n坐席：您好，请稍等，我帮您查一下。\n"
                      "Customer said \"\"thank you\"\", then hung up.\"\n"
                      "transcript,2025-10-09 09:30,li.na,\"\"\n");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  ASSERT_EQ(c.observations.size(), 2u);
  EXPECT_EQ(*c.observations[0].observation.field("transcript"),
            "客户：你好，我的订单还没到。\n坐席：您好，请稍等，我帮您查一下。\n"
            "Customer said \"thank you\", then hung up.");
  // The first transcript spans lines 2–4; the second, quoted but empty, carries no transcript.
  EXPECT_EQ(c.observations[1].line, 5u);
  EXPECT_EQ(c.observations[1].observation.field("transcript"), nullptr);
}

TEST(ObservationFile, ByteOrderMarkCrlfBlankAndEmptyFiles) {
  const std::string call_jsonl = R"({"kind": "call", "at": "2025-10-09 09:00", "staff": "li.na"})";
  const struct {
    EventFormat format;
    std::string text;
    std::vector<std::size_t> lines;  // where the observations start
  } files[] = {
      // The BOM does not become part of the first name, no '\r' is left on the last cell, and
      // the last line needs no line break.
      {EventFormat::csv,
       "\xEF\xBB\xBF" "kind,at,staff\r\n\r\ncall,2025-10-09 09:00,li.na\r\n\ncall,2025-10-09 "
       "09:05,li.na",
       {3, 5}},
      {EventFormat::jsonl, "\xEF\xBB\xBF" + call_jsonl + "\r\n \t\r\n\n" + call_jsonl, {1, 4}},
      // Nothing at all, or a header alone: no observations and no errors.
      {EventFormat::csv, "", {}},
      {EventFormat::csv, "\xEF\xBB\xBF", {}},
      {EventFormat::csv, "\n\r\n", {}},
      {EventFormat::csv, "kind,at\n", {}},
      {EventFormat::csv, "kind,at,id,staff,unit,channel,rings", {}},
      {EventFormat::jsonl, "", {}},
      {EventFormat::jsonl, "\xEF\xBB\xBF", {}},
      {EventFormat::jsonl, " \r\n\t\n", {}},
  };
  for (const auto& f : files) {
    const auto c = read(f.text, f.format);
    EXPECT_TRUE(c.errors.empty()) << first_error(c);
    std::vector<std::size_t> lines;
    for (const auto& o : c.observations) {
      lines.push_back(o.line);
      EXPECT_EQ(o.observation, (Observation{"", "call", o.observation.at, "li.na", "", "", {}}));
    }
    EXPECT_EQ(lines, f.lines) << f.text;
  }
}

TEST(ObservationCsv, HeaderProblemsStopTheWholeFile) {
  const struct {
    const char* text;
    const char* message;
  } bad[] = {
      // An event file is not an observation file: it has `at` but no `kind`.
      {"case,at,event,actor\nC-1,2025-10-09 09:00,receive,li.na\n",
       "observations.csv:1:1: header: no column 'kind' (required: kind, at, in any order; found: "
       "'case', 'at', 'event', 'actor')"},
      {"kind,staff\n",
       "observations.csv:1:1: header: no column 'at' (required: kind, at, in any order; found: "
       "'kind', 'staff')"},
      // Names are exact: "Kind" is not "kind".
      {"Kind,at\n",
       "observations.csv:1:1: header: no column 'kind' (required: kind, at, in any order; found: "
       "'Kind', 'at')"},
      {"kind,at,staff,rings,staff\n",
       "observations.csv:1:21: header: column 'staff' appears twice (columns 3 and 5)"},
      {"kind,,at\n", "observations.csv:1:6: header: column 2 has no name (every column needs one)"},
      {"\nkind,at,\"rings\"x\n",
       "observations.csv:2:16: header: text after the closing quote of a cell (a quote inside a "
       "quoted cell is written twice)"},
      {"kind,at,\xe5\xbc\xa0\xff\n",  // 张 then a stray byte
       "observations.csv:1:10: header: text is not UTF-8 (byte 0xff cannot start or continue a "
       "character here)"},
  };
  for (const auto& b : bad) {
    try {
      read(b.text);
      ADD_FAILURE() << "no ParseError for " << b.text;
    } catch (const ParseError& e) {
      EXPECT_EQ(std::string(e.what()), b.message);
    }
  }
}

// ---- CSV: bad records are errors, and the reading goes on --------------------------------------

TEST(ObservationCsv, BadRecordsAreErrorsWithLineAndColumn) {
  const auto c = read(
      "kind,at,staff,rings\n"
      "call,2025-10-09 09:00,li.na\n"               // 2: a cell short
      ",2025-10-09 09:00,li.na,4\n"                 // 3: no kind
      "call,2025-10-32 09:00,li.na,4\n"             // 4: no such day
      "call,2025-10-09 09:00,li \"na\",4\n"         // 5: a quote in an unquoted cell
      "call,2025-10-09 09:00,\xe6\x9d\x8e\xff,4\n"  // 6: 李 then a stray byte
      "call,2025-10-09 09:00,li.na,4,5\n"           // 7: a cell too many
      "call,2025-10-09 09:05,li.na,3\n"             // 8: fine
      "call,2025-10-09 09:06,li.na\r4\n");          // 9: a bare carriage return
  ASSERT_EQ(c.errors.size(), 7u);
  expect_error(c.errors[0], 2, 28, "record has 3 cells, the header has 4 columns");
  expect_error(c.errors[1], 3, 1, "column 'kind' is empty");
  expect_error(c.errors[2], 4, 14,
               "column 'at': '2025-10-32 09:00' is not a date and time (day 32 is not in that "
               "month (it has 31 days))");
  expect_error(c.errors[3], 5, 26,
               "a quote inside an unquoted cell (quote the whole cell and double the quote)");
  expect_error(c.errors[4], 6, 24,  // 李 is one character
               "text is not UTF-8 (byte 0xff cannot start or continue a character here)");
  expect_error(c.errors[5], 7, 31, "record has 5 cells, the header has 4 columns");
  expect_error(c.errors[6], 9, 28,
               "carriage return without a line feed outside quotes (quote the cell)");
  ASSERT_EQ(c.observations.size(), 1u);
  EXPECT_EQ(c.observations[0].line, 8u);
  EXPECT_EQ(*c.observations[0].observation.field("rings"), "3");
}

TEST(ObservationCsv, ColumnsCountOnThroughALineBreak) {
  // The first transcript spans lines 2–3 and has text after its closing quote: the column of
  // the 'x' counts 您, 好, the line break, 请 and 讲 as one each. The bad `at` is on line 4,
  // where the hour's second digit should be. The last transcript is never closed.
  const auto c = read("kind,at,transcript,rings\n"
                      "call,2025-10-09 09:00,\"您好\n请讲\"x,4\n"
                      "call,2025-10-09 9:00,,4\n"
                      "transcript,2025-10-09 09:00,\"再见\n"
                      "call,2025-10-09 09:05,,4\n");
  ASSERT_EQ(c.errors.size(), 3u);
  expect_error(c.errors[0], 2, 30,
               "text after the closing quote of a cell (a quote inside a quoted cell is written "
               "twice)");
  expect_error(c.errors[1], 4, 18,
               "column 'at': '2025-10-09 9:00' is not a date and time (expected a digit "
               "(date-times are YYYY-MM-DD HH:MM[:SS[.ffffff]] with 'T' or ' ', then optionally Z, "
               "±HH:MM or ±HHMM))");
  expect_error(c.errors[2], 5, 29,
               "the quoted cell opened here is never closed; the rest of the text (3 lines) was "
               "read as this one cell");
  EXPECT_TRUE(c.observations.empty());
}

TEST(ObservationFile, LinesLongerThanOneMebibyteAreErrors) {
  // A transcript that ran away: its record or line is an error, the next one is read.
  const std::string huge(kMaxEventLineBytes, 'x');
  const auto c = read("kind,at,transcript\n"
                      "transcript,2025-10-09 09:00," + huge + "\n"
                      "transcript,2025-10-09 09:05,short\n");
  const std::string json = R"({"kind": "transcript", "at": "2025-10-09 09:00", "fields": {"transcript": ")";
  const auto j = read(json + huge + "\"}}\n" + json + "short\"}}\n", EventFormat::jsonl);
  ASSERT_EQ(c.errors.size(), 1u);
  expect_error(c.errors[0], 2, 1, "record is longer than 1 MiB (1048604 bytes; the limit is 1048576)");
  ASSERT_EQ(j.errors.size(), 1u);
  expect_error(j.errors[0], 1, 1, "line is longer than 1 MiB (1048654 bytes; the limit is 1048576)");
  for (const auto* file : {&c, &j}) {
    ASSERT_EQ(file->observations.size(), 1u);
    EXPECT_EQ(*file->observations[0].observation.field("transcript"), "short");
  }
}

// ---- instants ------------------------------------------------------------------------------------

TEST(ObservationInstants, OffsetsAreExactWallTimesLocalToTheZone) {
  const std::string text = "kind,at\n"
                           "call,2025-07-01 09:00\n"
                           "call,2025-07-01T09:00:00+08:00\n"
                           "call,2025-07-01 09:00-0400\n"
                           "call,2025-07-01T01:00:00.25Z\n";
  const auto sh = read(text, EventFormat::csv, shanghai());
  const auto ny = read(text, EventFormat::csv, new_york());
  ASSERT_TRUE(sh.errors.empty()) << first_error(sh);
  ASSERT_TRUE(ny.errors.empty()) << first_error(ny);
  // Without an offset: Shanghai is UTC+8; New York in July is EDT, UTC−4.
  EXPECT_EQ(sh.observations[0].observation.at, utc("2025-07-01 01:00"));
  EXPECT_EQ(ny.observations[0].observation.at, utc("2025-07-01 13:00"));
  // With one, the zone does not matter.
  for (const auto* c : {&sh, &ny}) {
    EXPECT_EQ(c->observations[1].observation.at, utc("2025-07-01 01:00"));
    EXPECT_EQ(c->observations[2].observation.at, utc("2025-07-01 13:00"));
    EXPECT_EQ(c->observations[3].observation.at,
              utc("2025-07-01 01:00") + boost::posix_time::milliseconds(250));
  }
}

TEST(ObservationInstants, NewYorkGapIsAnErrorOverlapMeansTheEarlierTime) {
  const auto c = read("kind,at,id\n"
                      "call,2025-03-09 02:30,CALL-1\n"   // skipped: clocks go 02:00 → 03:00
                      "call,2025-11-02 01:30,CALL-2\n",  // twice: 01:30 EDT, then 01:30 EST
                      EventFormat::csv, new_york());
  ASSERT_EQ(c.errors.size(), 1u);
  expect_error(c.errors[0], 2, 6,
               "column 'at': '2025-03-09 02:30': local time 2025-03-09 02:30:00 does not exist in "
               "America/New_York (clocks jump forward at 2025-03-09 03:00:00; it was skipped)");
  ASSERT_EQ(c.observations.size(), 1u);
  EXPECT_EQ(c.observations[0].observation.at, utc("2025-11-02 05:30"));  // 01:30 EDT = UTC−4
}

// ---- JSON Lines ------------------------------------------------------------------------------------

TEST(ObservationJsonl, ReadsObjectsWithAndWithoutTheOptionalMembers) {
  const auto c = read(
      R"({"kind": "call", "at": "2025-10-09 09:00:12", "id": "CALL-7", "staff": "li.na", )"
      R"("unit": "call_centre", "channel": "phone", "fields": {"rings": 4, "apology": false, )"
      R"("transcript": "您好，请讲。\n好的，再见。", "note": null}})"
      "\n\n"
      R"({"at":"2025-10-09T02:15:00Z","kind":"visit","staff":null,"unit":"","fields":null})"
      "\r\n"
      R"({"kind": "order", "at": "2025-10-09 16:55", "channel": "web", "fields": {"made_up_at": "2025-10-09 17:40"}})", EventFormat::jsonl);
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  ASSERT_EQ(c.observations.size(), 3u);
  // Numbers and true/false are kept as their JSON text; null means the field is absent.
  EXPECT_EQ(c.observations[0].line, 1u);
  EXPECT_EQ(c.observations[0].observation,
            (Observation{"CALL-7", "call", utc("2025-10-09 01:00:12"), "li.na", "call_centre",
                         "phone",
                         {{"rings", "4"}, {"apology", "false"},
                          {"transcript", "您好，请讲。\n好的，再见。"}}}));
  // null or "" for an optional member: empty.
  EXPECT_EQ(c.observations[1].line, 3u);
  EXPECT_EQ(c.observations[1].observation,
            (Observation{"", "visit", utc("2025-10-09 02:15"), "", "", "", {}}));
  EXPECT_EQ(c.observations[2].line, 4u);
  EXPECT_EQ(c.observations[2].observation.channel, "web");
  EXPECT_EQ(*c.observations[2].observation.field("made_up_at"), "2025-10-09 17:40");
}

TEST(ObservationJsonl, BadLinesAreErrorsWithTheKeyAndColumn) {
  const std::string at = R"("at": "2025-10-09 09:00")";
  const struct {
    std::string line;
    std::size_t column;
    const char* message;
  } bad[] = {
      {R"({"kind": "call", )" + at + R"(, "rings": 4})", 44,
       "unknown key 'rings' (known: kind, at, id, staff, unit, channel, fields; an observation's "
       "own values go under \"fields\")"},
      {R"({"kind": "call", "staff": "li.na", "staff": "wang.fang", )" + at + "}", 36,
       "duplicate key 'staff'"},
      {R"({"kind": "call", "fields": {}, "fields": {}, )" + at + "}", 32, "duplicate key 'fields'"},
      {R"({"kind": "call"})", 16, "missing key 'at' (required: kind, at)"},
      {"{" + at + "}", 26, "missing key 'kind' (required: kind, at)"},
      {R"({"kind": "", )" + at + "}", 10, "key 'kind' is empty"},
      {R"({"kind": null, )" + at + "}", 10, "key 'kind': expected a string, found null"},
      {R"({"kind": "call", )" + at + R"(, "id": 7})", 50,
       "key 'id': expected a string or null, found a number"},
      {R"({"kind": "call", )" + at + R"(, "staff": ["li.na"]})", 53,
       "key 'staff': expected a string or null, found an array"},
      {R"({"kind": "call", "at": ""})", 24,
       "key 'at' is empty"},
      {R"({"kind": "call", "at": "2025-10-09 25:00"})", 36,
       "key 'at': '2025-10-09 25:00' is not a date and time (hour 25 is not 00..23)"},
      {R"({"kind": "call", )" + at + R"(, "fields": {"rings": 04}})", 64,
       "malformed number (JSON numbers are -?digits[.digits][e±digits], no leading zeros)"},
      {R"({"kind": "call", )" + at + R"(, "fields": {"坐席": {"id": 3}}})", 61,
       "field '坐席': expected a string, number, true, false or null, found an object"},
      {R"({"kind": "call", )" + at + R"(, "fields": {"a": 1 "b": 2}})", 62,
       "fields: expected ',' or '}' after a value"},
      {R"({"kind": "call" )" + at + "}", 17, "expected ',' or '}' after a value"},
      {R"({"kind": "通话\x"})", 13,
       R"(invalid escape '\x' (JSON knows \" \\ \/ \b \f \n \r \t \uXXXX))"},
      {"{\"kind\": \"call\", " + at + ", \"staff\": \"\xe6\x9d\x8e\xff\"}", 55,
       "text is not UTF-8 (byte 0xff cannot start or continue a character here)"},
      {"call,2025-10-09 09:00", 1, "expected '{' (each line is one JSON object)"},
  };
  for (const auto& b : bad) {
    const auto c = read(b.line + "\n", EventFormat::jsonl);
    ASSERT_EQ(c.errors.size(), 1u) << b.line;
    EXPECT_TRUE(c.observations.empty()) << b.line;
    expect_error(c.errors[0], 1, b.column, b.message);
  }
}

TEST(ObservationJsonl, ABadLineLosesNothingElse) {
  const auto c = read(R"({"kind": "call", "at": "2025-10-09 09:00", "staff": "li.na"})" "\n"
                       R"({"kind": "call", "at": "2025-10-09 09:01", "staff": "li.na")" "\n"
                       R"({"kind": "visit", "at": "2025-10-09 09:02"})", EventFormat::jsonl);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].message, "expected ',' or '}' after a value");
  ASSERT_EQ(c.observations.size(), 2u);
  EXPECT_EQ(c.observations[1].line, 3u);
  // The bad line's staff did not stay behind in the next observation.
  EXPECT_EQ(c.observations[1].observation,
            (Observation{"", "visit", utc("2025-10-09 01:02"), "", "", "", {}}));
}

// ---- writing and reading back ------------------------------------------------------------------

TEST(ObservationWriter, WritesLocalTimeWithItsOffsetAndOnlyTheColumnsInUse) {
  const std::vector<Observation> calls = {
      {"", "call", local(shanghai(), "2025-10-09 09:00"), "li.na", "", "", {{"rings", "4"}}},
      {"", "call", local(shanghai(), "2025-10-09 09:00:01") + boost::posix_time::microseconds(5),
       "zhang.wei", "", "", {}}};
  // No id, unit or channel anywhere: those columns and keys are left out.
  const struct {
    EventFormat format;
    const char* text;
  } written[] = {
      {EventFormat::csv,
       "kind,at,staff,rings\n"
       "call,2025-10-09T09:00:00+08:00,li.na,4\n"
       "call,2025-10-09T09:00:01.000005+08:00,zhang.wei,\n"},
      {EventFormat::jsonl,
       R"({"kind": "call", "at": "2025-10-09T09:00:00+08:00", "staff": "li.na", "fields": {"rings": "4"}})"
       "\n"
       R"({"kind": "call", "at": "2025-10-09T09:00:01.000005+08:00", "staff": "zhang.wei"})"
       "\n"},
  };
  for (const auto& w : written) EXPECT_EQ(write_observations(calls, w.format, shanghai()), w.text);
  // All six columns when each is in use somewhere, in the order kind, at, id, staff, unit,
  // channel; cells that need it quoted.
  EXPECT_EQ(write_observations(rulebook_day(), EventFormat::csv, shanghai()),
            "kind,at,id,staff,unit,channel,rings,apology,waited_s,greeting,made_up_at,items\n"
            "call,2025-10-09T09:00:12+08:00,CALL-7,li.na,call_centre,phone,4,no,,,,\n"
            "visit,2025-10-09T10:15:00+08:00,,wang.fang,front_desk,front_desk,,,25,"
            "您好，欢迎光临！,,\n"
            "order,2025-10-09T16:55:00+08:00,ORD-2025-0001,,warehouse,web,,,,,2025-10-09 17:40,"
            "\"茶叶, 2 盒; \"\"礼品装\"\"\"\n");
  // New York in the autumn overlap: each occurrence keeps its own offset.
  EXPECT_EQ(write_observations({{"", "call", utc("2025-11-02 05:30"), "", "", "", {}},
                                {"", "call", utc("2025-11-02 06:30"), "", "", "", {}}},
                               EventFormat::csv, new_york()),
            "kind,at\n"
            "call,2025-11-02T01:30:00-04:00\n"
            "call,2025-11-02T01:30:00-05:00\n");
}

TEST(ObservationWriter, RoundTripsInBothFormatsAndZones) {
  std::vector<Observation> day = rulebook_day();
  // A multi-line transcript with CRLF, quotes and commas, and the New York overlap's two 01:30s.
  day.push_back({"T-1", "transcript", utc("2025-11-02 05:30"), "li.na", "call_centre", "phone",
                 {{"transcript", "客户：快递还没到，\"急\"。\r\n坐席：好的, 我查一下。\n"}}});
  day.push_back({"T-2", "transcript", utc("2025-11-02 06:30"), "li.na", "call_centre", "video",
                 {{"transcript", "\t—"}}});
  // Fields in an order unlike their first appearance (waited_s after rings), which CSV columns
  // must still agree with; and a time Shanghai kept local mean time, which is written in UTC.
  day.push_back({"CALL-9", "call", utc("1890-01-01 00:00"), "", "", "",
                 {{"waited_s", "3"}, {"rings", "6"}}});
  for (const calendar::BusinessCalendar* zone : {&shanghai(), &new_york()}) {
    for (const EventFormat f : {EventFormat::csv, EventFormat::jsonl}) {
      const std::string text = write_observations(day, f, *zone);
      const auto c = read_observation_text(text, f, "written", *zone);
      ASSERT_TRUE(c.errors.empty()) << first_error(c) << "\n" << text;
      ASSERT_EQ(c.observations.size(), day.size()) << text;
      for (std::size_t k = 0; k < day.size(); ++k) {
        EXPECT_EQ(c.observations[k].observation, day[k]) << k << "\n" << text;
      }
    }
  }
}

TEST(ObservationWriter, JsonLinesCarriesWhatCsvCannot) {
  // An empty field value and a field named like a column are fine in JSON Lines.
  const std::vector<Observation> odd = {
      {"", "call", utc("2025-10-09 01:00"), "", "", "", {{"note", ""}, {"staff", "li.na"}}}};
  const std::string text = write_observations(odd, EventFormat::jsonl, shanghai());
  EXPECT_EQ(text,
            "{\"kind\": \"call\", \"at\": \"2025-10-09T09:00:00+08:00\", \"fields\": {\"note\": "
            "\"\", \"staff\": \"li.na\"}}\n");
  const auto c = read(text, EventFormat::jsonl);
  ASSERT_EQ(c.observations.size(), 1u);
  EXPECT_EQ(c.observations[0].observation, odd[0]);
}

TEST(ObservationWriter, RefusesWhatCannotBeReadBack) {
  const auto at = utc("2025-10-09 01:00");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"CALL-7", "call", at, "", "", "", {}}, {"CALL-8", "", at, "", "", "", {}}},
                         EventFormat::jsonl, shanghai()),
      SerializationError, "observation 2 (id 'CALL-8'): kind is empty");
  CHARTER_EXPECT_THROW_MSG(write_observations({{"", "", at, "", "", "", {}}}, EventFormat::csv, shanghai()),
                           SerializationError, "observation 1: kind is empty");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"", "call", at, "", "", "", {{"staff", "li.na"}}}}, EventFormat::csv,
                         shanghai()),
      SerializationError,
      "observation 1: field 'staff' has the name of an optional CSV column");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"", "call", at, "", "", "", {{"kind", "visit"}}}}, EventFormat::csv,
                         shanghai()),
      SerializationError, "field 'kind' has the name of a required CSV column");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"CALL-7", "call", at, "", "", "", {{"note", ""}}}}, EventFormat::csv,
                         shanghai()),
      SerializationError,
      "observation 1 (id 'CALL-7'): field 'note' is empty, which CSV cannot carry (an empty cell "
      "means no field)");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"", "call", at, "", "", "", {{"rings", "4"}, {"rings", "5"}}}},
                         EventFormat::jsonl, shanghai()),
      SerializationError, "field 'rings' appears twice");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"", "call", at, "", "\xff", "", {}}}, EventFormat::jsonl, shanghai()),
      SerializationError, "observation 1: unit is not UTF-8");
  CHARTER_EXPECT_THROW_MSG(
      write_observations({{"", "call", boost::posix_time::ptime(), "", "", "", {}}},
                         EventFormat::jsonl, shanghai()),
      SerializationError, "'at' is not a real instant");
  const std::vector<Observation> opposite = {
      {"", "call", at, "", "", "", {{"rings", "4"}, {"apology", "no"}}},
      {"", "call", at, "", "", "", {{"apology", "yes"}, {"rings", "6"}}}};
  CHARTER_EXPECT_THROW_MSG(
      write_observations(opposite, EventFormat::csv, shanghai()), SerializationError,
      "the observations list fields 'rings', 'apology' in orders that no single column order fits "
      "(CSV has one column order; JSON Lines keeps each observation's own)");
  EXPECT_NO_THROW(write_observations(opposite, EventFormat::jsonl, shanghai()));
}

TEST(ObservationFile, SaveAndReadBack) {
  const test::TempDir dir;
  for (const char* name : {"day.csv", "day.jsonl", "day.NDJSON"}) {
    const std::string path = dir.file(name);
    save_observation_file(path, rulebook_day(), shanghai());
    const auto c = read_observation_file(path, shanghai());
    EXPECT_TRUE(c.errors.empty()) << first_error(c);
    ASSERT_EQ(c.observations.size(), rulebook_day().size());
    for (std::size_t k = 0; k < c.observations.size(); ++k) {
      EXPECT_EQ(c.observations[k].observation, rulebook_day()[k]) << name;
    }
  }
  CHARTER_EXPECT_THROW_MSG(read_observation_file(dir.file("missing.csv"), shanghai()), FileError,
                           "missing.csv");
  CHARTER_EXPECT_THROW_MSG(save_observation_file(dir.file("day.txt"), rulebook_day(), shanghai()),
                           ParseError,
                           "unknown extension '.txt' for an observation file (known: .csv, "
                           ".jsonl, .ndjson)");
  CHARTER_EXPECT_THROW_MSG(read_observation_file(dir.file("day"), shanghai()), ParseError,
                           "no extension for an observation file");
}

TEST(ObservationFile, ReadsOneAtATimeInFileOrder) {
  // The callback form, for files of millions of calls: observations and errors interleaved.
  std::vector<std::size_t> lines;
  read_observations("kind,at\ncall,2025-10-09 09:00\ncall,bad\ncall,2025-10-09 09:02\n",
                    EventFormat::csv, "calls.csv", shanghai(),
                    [&](ObservationLine&& o) { lines.push_back(o.line); },
                    [&](EventLineError&& e) {
                      EXPECT_EQ(describe(e, "calls.csv").substr(0, 28), "calls.csv:3:6: column 'at': ");
                      lines.push_back(100 + e.line);
                    });
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 103, 4}));
}

}  // namespace
}  // namespace charter::io
