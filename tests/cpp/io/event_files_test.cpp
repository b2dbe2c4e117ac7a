// Event files: CSV and JSON Lines, read line by line (a bad line never stops the reading) and
// written so that reading gives the same events back.

#include "charter/io/event_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using calendar::BusinessCalendar;
using test::local;
using test::utc;
using workflow::Event;
using workflow::Field;

// Asia/Shanghai: UTC+8 all year, no DST.
const BusinessCalendar& shanghai() {
  static const BusinessCalendar cal = calendar::china_calendar();
  return cal;
}

// Europe/Berlin: CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March to the
// last Sunday of October. 2025-03-30 02:00–03:00 does not exist; 2025-10-26 02:00–03:00
// happens twice.
const BusinessCalendar& berlin() {
  static const BusinessCalendar cal = [] {
    calendar::CalendarSpec spec;
    spec.name = "Berlin office";
    spec.zone = "Europe/Berlin";
    spec.week = calendar::WeeklySchedule::weekdays(calendar::parse_day_hours({{"09:00", "17:00"}}));
    spec.first_day = boost::gregorian::date(2024, 1, 1);
    spec.last_day = boost::gregorian::date(2026, 12, 31);
    return BusinessCalendar(spec);
  }();
  return cal;
}

EventFileContents csv(const std::string& text, const BusinessCalendar& zone = shanghai()) {
  return read_event_text(text, EventFormat::csv, "events.csv", zone);
}

EventFileContents jsonl(const std::string& text, const BusinessCalendar& zone = shanghai()) {
  return read_event_text(text, EventFormat::jsonl, "events.jsonl", zone);
}

// The one error of a file that should have exactly one.
EventLineError only_error(const EventFileContents& c) {
  EXPECT_EQ(c.errors.size(), 1u);
  EXPECT_TRUE(c.events.empty()) << c.events.size() << " events read";
  return c.errors.empty() ? EventLineError{} : c.errors.front();
}

const std::string kHeader = "case,at,event,actor\n";

// ---- formats and extensions -----------------------------------------------------------------

TEST(EventFormat, NamedByTheExtension) {
  EXPECT_EQ(event_format_of("events.csv"), EventFormat::csv);
  EXPECT_EQ(event_format_of("/data/EVENTS.CSV"), EventFormat::csv);
  EXPECT_EQ(event_format_of("log.jsonl"), EventFormat::jsonl);
  EXPECT_EQ(event_format_of("log.ndjson"), EventFormat::jsonl);
  CHARTER_EXPECT_THROW_MSG(event_format_of("events.txt"), ParseError,
                           "'events.txt': unknown extension '.txt' for an event file (known: .csv, "
                           ".jsonl, .ndjson)");
  CHARTER_EXPECT_THROW_MSG(event_format_of("dir.csv/events"), ParseError, "no extension");
}

// ---- CSV: the shape of the file -------------------------------------------------------------

TEST(EventCsv, ReadsRequiredColumnsInAnyOrderAndFieldsByHeader) {
  const auto c = csv(
      "actor,event,case,severity,at,channel\n"
      "zhang.wei,receive,C-1,major,2025-10-01 09:00,phone\n"
      "li.na,acknowledge,C-1,,2025-10-01 09:20,\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.csv");
  ASSERT_EQ(c.events.size(), 2u);
  // Asia/Shanghai is UTC+8: 09:00 local is 01:00 UTC.
  EXPECT_EQ(c.events[0].line, 2u);
  EXPECT_EQ(c.events[0].event,
            (Event{"C-1", utc("2025-10-01 01:00"), "receive", "zhang.wei",
                   {{"severity", "major"}, {"channel", "phone"}}}));
  // An empty cell: the event does not carry that field.
  EXPECT_EQ(c.events[1].line, 3u);
  EXPECT_EQ(c.events[1].event,
            (Event{"C-1", utc("2025-10-01 01:20"), "acknowledge", "li.na", {}}));
}

TEST(EventCsv, QuotedCellsHoldCommasQuotesAndLineBreaks) {
  const auto c = csv(kHeader.substr(0, kHeader.size() - 1) + ",resolution\n" +
                     "C-1,2025-10-01 09:00,resolve,zhang.wei,\"Refunded, apologised; said \"\"sorry\"\"\n"
                     "twice\"\n"
                     "\"C-2\",2025-10-01 10:00,receive,\"li.na\",\"\"\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.csv");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(*c.events[0].event.field("resolution"), "Refunded, apologised; said \"sorry\"\ntwice");
  EXPECT_EQ(c.events[1].line, 4u);  // the record before spans lines 2–3
  EXPECT_EQ(c.events[1].event.case_id, "C-2");
  EXPECT_EQ(c.events[1].event.field("resolution"), nullptr);  // "" quoted is still empty
}

TEST(EventCsv, CrlfBomAndBlankLines) {
  const auto c = csv("\xEF\xBB\xBF" "case,at,event,actor\r\n"
                     "\r\n"
                     "C-1,2025-10-01 09:00,receive,zhang.wei\r\n"
                     "\n"
                     "C-2,2025-10-01 09:05,receive,zhang.wei");  // no line break at the end
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.csv");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].event.case_id, "C-1");  // the BOM did not become part of "case"
  EXPECT_EQ(c.events[0].event.actor, "zhang.wei");  // no '\r' left on the last cell
  EXPECT_EQ(c.events[0].line, 3u);
  EXPECT_EQ(c.events[1].line, 5u);
}

TEST(EventCsv, EmptyFilesHaveNoEventsAndNoErrors) {
  for (const std::string text : {"", "\xEF\xBB\xBF", "\n\r\n", "case,at,event,actor\n",
                                 "case,at,event,actor,severity"}) {
    const auto c = csv(text);
    EXPECT_TRUE(c.events.empty()) << text;
    EXPECT_TRUE(c.errors.empty()) << text;
  }
}

TEST(EventCsv, HeaderProblemsStopTheWholeFile) {
  CHARTER_EXPECT_THROW_MSG(csv("case,at,event\nC-1,2025-10-01 09:00,receive\n"), ParseError,
                           "events.csv:1:1: header: no column 'actor' (required: case, at, event, "
                           "actor, in any order; found: 'case', 'at', 'event')");
  CHARTER_EXPECT_THROW_MSG(csv("case,at,event,actor,severity,severity\n"), ParseError,
                           "events.csv:1:30: header: column 'severity' appears twice (columns 5 and 6)");
  CHARTER_EXPECT_THROW_MSG(csv("case,at,,event,actor\n"), ParseError,
                           "events.csv:1:9: header: column 3 has no name");
  CHARTER_EXPECT_THROW_MSG(csv("\n\ncase,at,event,act\"or\n"), ParseError,
                           "events.csv:3:18: header: a quote inside an unquoted cell");
  CHARTER_EXPECT_THROW_MSG(csv("case,at,event,actor,\xff\n"), ParseError,
                           "events.csv:1:21: header: text is not UTF-8 (byte 0xff");
  // Names are exact: " at" is not "at".
  CHARTER_EXPECT_THROW_MSG(csv("case, at,event,actor\n"), ParseError, "no column 'at'");
}

// ---- CSV: bad records are errors, and the reading goes on ------------------------------------

TEST(EventCsv, WrongCellCountIsAnErrorForThatRecordOnly) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01 09:00,receive\n"
                     "C-2,2025-10-01 09:00,receive,zhang.wei,extra\n"
                     "C-3,2025-10-01 09:00,receive,zhang.wei\n");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].message, "record has 3 cells, the header has 4 columns");
  EXPECT_EQ(c.errors[1].line, 3u);
  EXPECT_EQ(c.errors[1].column, 40u);  // where the fifth cell starts
  EXPECT_EQ(c.errors[1].message, "record has 5 cells, the header has 4 columns");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].event.case_id, "C-3");
}

TEST(EventCsv, EmptyRequiredCellsAreErrors) {
  const auto c = csv(kHeader +
                     ",2025-10-01 09:00,receive,zhang.wei\n"
                     "C-1,2025-10-01 09:00,,zhang.wei\n"
                     "C-1,2025-10-01 09:00,receive,\"\"\n"
                     "C-1,,receive,zhang.wei\n");
  ASSERT_EQ(c.errors.size(), 4u);
  EXPECT_EQ(c.errors[0].message, "column 'case' is empty");
  EXPECT_EQ(c.errors[1].message, "column 'event' is empty");
  EXPECT_EQ(c.errors[1].column, 22u);
  EXPECT_EQ(c.errors[2].message, "column 'actor' is empty");
  EXPECT_EQ(c.errors[3].message,
            "column 'at': '' is not a date and time (text ends where a digit should be (date-times "
            "are YYYY-MM-DD HH:MM[:SS[.ffffff]] with 'T' or ' ', then optionally Z, ±HH:MM or ±HHMM))");
}

TEST(EventCsv, ErrorLinesAfterAMultiLineRecordCountPhysicalLines) {
  const auto c = csv(kHeader.substr(0, kHeader.size() - 1) + ",note\n" +
                     "C-1,2025-10-01 09:00,receive,zhang.wei,\"line one\nline two\nline three\"\n"
                     "C-2,2025-13-01 09:00,receive,zhang.wei,\n"
                     "C-3,2025-10-01 09:00,receive,\"wang\nfang\",\"x\"y\"\n"
                     "C-4,2025-10-01 09:00,receive,zhang.wei,\n");
  ASSERT_EQ(c.errors.size(), 2u);
  // Line 2–4 hold C-1; C-2 is on line 5.
  EXPECT_EQ(c.errors[0].line, 5u);
  EXPECT_EQ(c.errors[0].column, 10u);  // the month
  EXPECT_EQ(c.errors[0].message,
            "column 'at': '2025-13-01 09:00' is not a date and time (month 13 is not 01..12)");
  // C-3 starts on line 6 and ends on line 7; the column counts on through its line break.
  EXPECT_EQ(c.errors[1].line, 6u);
  EXPECT_EQ(c.errors[1].column, 45u);  // the 'y'
  EXPECT_EQ(c.errors[1].message,
            "text after the closing quote of a cell (a quote inside a quoted cell is written twice)");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[1].line, 8u);
  EXPECT_EQ(c.events[1].event.case_id, "C-4");
}

TEST(EventCsv, AnUnclosedQuoteSwallowsTheRestAndSaysSo) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01 09:00,receive,zhang.wei\n"
                     "C-2,2025-10-01 09:00,receive,\"zhang.wei\n"
                     "C-3,2025-10-01 09:00,receive,zhang.wei\n");
  ASSERT_EQ(c.events.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 3u);
  EXPECT_EQ(c.errors[0].column, 30u);
  EXPECT_EQ(c.errors[0].message,
            "the quoted cell opened here is never closed; the rest of the text (3 lines) was read "
            "as this one cell");
}

TEST(EventCsv, QuotesAndCarriageReturnsOutsideQuotedCellsAreErrors) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01 09:00,receive,zhang \"wei\"\n"
                     "C-2,2025-10-01 09:00,receive,zhang\rwei\n");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].message,
            "a quote inside an unquoted cell (quote the whole cell and double the quote)");
  EXPECT_EQ(c.errors[0].column, 36u);
  EXPECT_EQ(c.errors[1].message,
            "carriage return without a line feed outside quotes (quote the cell)");
}

TEST(EventCsv, TextThatIsNotUtf8IsAnErrorForItsLine) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01 09:00,receive,\xe5\xbc\xa0\xff\n"  // 张 then a stray byte
                     "C-2,2025-10-01 09:00,receive,\xc0\xaf\n"          // overlong '/'
                     "C-3,2025-10-01 09:00,receive,\xed\xa0\x80\n"      // a surrogate
                     "C-4,2025-10-01 09:00,receive,\xe5\xbc\xa0\n");
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].column, 31u);  // 张 is one character
  EXPECT_EQ(c.errors[0].message,
            "text is not UTF-8 (byte 0xff cannot start or continue a character here)");
  EXPECT_EQ(c.errors[1].line, 3u);
  EXPECT_EQ(c.errors[2].line, 4u);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].event.actor, "张");
}

TEST(EventCsv, RecordsLongerThanOneMebibyteAreErrors) {
  const std::string huge(kMaxEventLineBytes, 'x');
  const auto c = csv(kHeader.substr(0, kHeader.size() - 1) + ",note\n" +
                     "C-1,2025-10-01 09:00,receive,zhang.wei," + huge + "\n" +
                     "C-2,2025-10-01 09:00,receive,zhang.wei,short\n");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].message, "record is longer than 1 MiB (1048615 bytes; the limit is 1048576)");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(*c.events[0].event.field("note"), "short");
}

// ---- instants ---------------------------------------------------------------------------------

TEST(EventInstants, OffsetsAreExact) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01T09:00:00Z,receive,a\n"
                     "C-1,2025-10-01 09:00+08:00,receive,a\n"
                     "C-1,2025-10-01 09:00-0500,receive,a\n"
                     "C-1,2025-10-01T09:00:00.5+05:30,receive,a\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.csv");
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_EQ(c.events[0].event.at, utc("2025-10-01 09:00"));
  EXPECT_EQ(c.events[1].event.at, utc("2025-10-01 01:00"));
  EXPECT_EQ(c.events[2].event.at, utc("2025-10-01 14:00"));
  EXPECT_EQ(c.events[3].event.at, utc("2025-10-01 03:30") + boost::posix_time::milliseconds(500));
}

TEST(EventInstants, NaiveTimesAreLocalToTheZone) {
  const std::string row = kHeader + "C-1,2025-07-01 09:00,receive,a\n";
  // Asia/Shanghai is UTC+8 all year; Europe/Berlin is UTC+2 in July.
  EXPECT_EQ(csv(row, shanghai()).events.at(0).event.at, utc("2025-07-01 01:00"));
  EXPECT_EQ(csv(row, berlin()).events.at(0).event.at, utc("2025-07-01 07:00"));
  // Outside the calendar's date range the zone still applies (the China table ends in 2026).
  EXPECT_EQ(csv(kHeader + "C-1,2030-01-01 08:00,receive,a\n").events.at(0).event.at,
            utc("2030-01-01 00:00"));
}

TEST(EventInstants, BerlinGapIsAnErrorOverlapMeansTheEarlierTime) {
  const auto c = csv(kHeader +
                     "C-1,2025-03-30 02:30,receive,a\n"   // skipped: clocks go 02:00 → 03:00
                     "C-2,2025-10-26 02:30,receive,a\n",  // twice: 02:30 CEST, then 02:30 CET
                     berlin());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].message,
            "column 'at': '2025-03-30 02:30': local time 2025-03-30 02:30:00 does not exist in "
            "Europe/Berlin (clocks jump forward at 2025-03-30 03:00:00; it was skipped)");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].event.at, utc("2025-10-26 00:30"));  // 02:30 CEST = UTC+2
}

TEST(EventInstants, FractionsMidnightAndLeapDay) {
  const auto c = csv(kHeader +
                     "C-1,2025-10-01 09:00:05.123456,receive,a\n"
                     "C-1,2025-10-01 09:00:05.1,receive,a\n"
                     "C-1,2025-10-01 00:00,receive,a\n"
                     "C-1,2024-02-29T23:59:59Z,receive,a\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.csv");
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_EQ(c.events[0].event.at,
            utc("2025-10-01 01:00:05") + boost::posix_time::microseconds(123456));
  EXPECT_EQ(c.events[1].event.at, utc("2025-10-01 01:00:05") + boost::posix_time::milliseconds(100));
  // Local midnight in Shanghai is 16:00 UTC the day before.
  EXPECT_EQ(c.events[2].event.at, utc("2025-09-30 16:00"));
  EXPECT_EQ(c.events[3].event.at, utc("2024-02-29 23:59:59"));
}

TEST(EventInstants, StrictTextOnly) {
  const struct {
    const char* text;
    const char* why;
  } bad[] = {
      {"2025-13-01 09:00", "month 13 is not 01..12"},
      {"2025-02-29 09:00", "day 29 is not in that month (it has 28 days)"},
      {"2025-04-31 09:00", "day 31 is not in that month (it has 30 days)"},
      {"2025-10-01", "a date alone is not a date and time"},
      {"2025-10-01 24:00", "hour 24 is not 00..23"},
      {"2025-10-01 09:60", "minute 60 is not 00..59"},
      {"2025-10-01 09:00:60", "second 60 is not 00..59"},
      {"2025-10-01 09:00.5", "expected ':', 'Z', '+', '-' or the end"},
      {"2025-10-01 09:00:00.1234567", "more than 6 digits of fraction"},
      {"2025-10-01 09:00:00.", "expected a digit after '.'"},
      {"2025-10-01 09:00+8", "text ends where a digit should be"},
      {"2025-10-01 09:00+24:00", "offset hour 24 is not 00..23"},
      {"2025-10-01 09:00+08:60", "offset minute 60 is not 00..59"},
      {"2025-10-01 09:00 ", "expected ':', 'Z', '+', '-' or the end"},
      {"2025-10-01 09:00Zjunk", "unexpected text after the offset"},
      {"2025-10-01 09:00z", "expected ':', 'Z', '+', '-' or the end"},
      {" 2025-10-01 09:00", "expected a digit"},
      {"2025-10-01_09:00", "expected ' ' or 'T'"},
      {"1400-01-01 00:00+08:00", "is outside the years 1400..9999 in UTC"},
  };
  for (const auto& b : bad) {
    const auto c = csv(kHeader + "C-1," + b.text + ",receive,a\n");
    const EventLineError e = only_error(c);
    EXPECT_NE(e.message.find(std::string("column 'at': '") + b.text + "'"), std::string::npos)
        << e.message;
    EXPECT_NE(e.message.find(b.why), std::string::npos) << b.text << ": " << e.message;
  }
}

TEST(OffsetDateTime, ParsesAndFormats) {
  const auto t = calendar::parse_offset_date_time("2025-10-01T09:00:00.25-05:30");
  EXPECT_EQ(t.wall, utc("2025-10-01 09:00") + boost::posix_time::milliseconds(250));
  EXPECT_EQ(t.offset_minutes, -330);
  EXPECT_EQ(t.utc(), utc("2025-10-01 14:30") + boost::posix_time::milliseconds(250));
  EXPECT_FALSE(calendar::parse_offset_date_time("2025-10-01 09:00").offset_minutes.has_value());
  EXPECT_EQ(calendar::format_offset_date_time(utc("2025-10-01 09:00"), 480),
            "2025-10-01T09:00:00+08:00");
  EXPECT_EQ(calendar::format_offset_date_time(t.wall, -330), "2025-10-01T09:00:00.250000-05:30");
  EXPECT_EQ(calendar::format_utc_date_time(utc("2024-02-29 00:00")), "2024-02-29T00:00:00Z");
  CHARTER_EXPECT_THROW_MSG(calendar::parse_offset_date_time("2025-10-01 09:00+0"), ParseError,
                           "date-time '2025-10-01 09:00+0': text ends where a digit should be");
}

// ---- JSON Lines -------------------------------------------------------------------------------

TEST(EventJsonl, ReadsObjectsAndFields) {
  const auto c = jsonl(
      "{\"case\": \"C-1\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", \"actor\": "
      "\"zhang.wei\", \"fields\": {\"severity\": \"major\", \"count\": 3, \"score\": -1.5e3, "
      "\"urgent\": true, \"vip\": false, \"unit\": null}}\n"
      "\n"
      "{\"actor\":\"li.na\",\"event\":\"acknowledge\",\"at\":\"2025-10-01T01:20:00Z\",\"case\":\"C-1\"}\r\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.jsonl");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].line, 1u);
  // Numbers and true/false are kept as their JSON text; null means the field is absent.
  EXPECT_EQ(c.events[0].event,
            (Event{"C-1", utc("2025-10-01 01:00"), "receive", "zhang.wei",
                   {{"severity", "major"}, {"count", "3"}, {"score", "-1.5e3"}, {"urgent", "true"},
                    {"vip", "false"}}}));
  EXPECT_EQ(c.events[1].line, 3u);
  EXPECT_EQ(c.events[1].event, (Event{"C-1", utc("2025-10-01 01:20"), "acknowledge", "li.na", {}}));
}

TEST(EventJsonl, EscapesAndSurrogatePairs) {
  const auto c = jsonl(
      "{\"case\": \"C-\\u0031\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", "
      "\"actor\": \"\\u5f20\\u4f1f\", \"fields\": {\"note\": \"a\\\"b\\\\c\\/d\\n\\t\\ud83d\\ude00\"}}\n");
  ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "events.jsonl");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].event.case_id, "C-1");
  EXPECT_EQ(c.events[0].event.actor, "张伟");
  EXPECT_EQ(*c.events[0].event.field("note"), "a\"b\\c/d\n\t\xF0\x9F\x98\x80");  // U+1F600
}

TEST(EventJsonl, EmptyFileHasNoEventsAndNoErrors) {
  for (const std::string text : {"", "\n", " \r\n\t\n"}) {
    const auto c = jsonl(text);
    EXPECT_TRUE(c.events.empty());
    EXPECT_TRUE(c.errors.empty());
  }
}

TEST(EventJsonl, BadLinesAreErrorsWithTheKeyAndColumn) {
  const std::string ok = R"("at": "2025-10-01 09:00", "event": "receive", "actor": "a")";
  const struct {
    std::string line;
    std::size_t column;
    const char* message;
  } bad[] = {
      {R"({"case": "C-1", "case": "C-2", )" + ok + "}", 17, "duplicate key 'case'"},
      {R"({"case": "C-1", "severity": "major", )" + ok + "}", 17,
       "unknown key 'severity' (known: case, at, event, actor, fields; an event's own values go "
       "under \"fields\")"},
      {R"({"case": "C-\q", )" + ok + "}", 13,
       R"(invalid escape '\q' (JSON knows \" \\ \/ \b \f \n \r \t \uXXXX))"},
      {R"({"case": "C-\ud800", )" + ok + "}", 13,
       R"(lone surrogate \ud800 (a high surrogate must be followed by a low one, \uDC00..\uDFFF))"},
      {R"({"case": "C-\udc00x", )" + ok + "}", 13,
       R"(lone surrogate \udc00 (a low surrogate must follow a high one, \uD800..\uDBFF))"},
      {R"({"case": "C-1", )" + ok + R"(, "fields": {"unit": {"id": 3}}})", 96,
       "field 'unit': expected a string, number, true, false or null, found an object"},
      {R"({"case": "C-1", )" + ok + R"(, "fields": {"tags": ["a"]}})", 96,
       "field 'tags': expected a string, number, true, false or null, found an array"},
      {R"({"case": "C-1", )" + ok + R"(, "fields": {"a": "1", "a": null}})", 98,
       "fields: duplicate key 'a'"},
      {R"({"case": "C-1", )" + ok + R"(, "fields": {"n": 01}})", 93,
       "malformed number (JSON numbers are -?digits[.digits][e±digits], no leading zeros)"},
      {R"({"case": "C-1", )" + ok + "} x", 77, "unexpected text after the object (one object per line)"},
      {R"({"case": "C-1", "at": "2025-10-01 09:00", "event": "receive"})", 61,
       "missing key 'actor' (required: case, at, event, actor)"},
      {R"({"case": 1001, )" + ok + "}", 10, "key 'case': expected a string, found a number"},
      {R"({"case": null, )" + ok + "}", 10, "key 'case': expected a string, found null"},
      {R"({"case": "", )" + ok + "}", 10, "key 'case' is empty"},
      {R"({"case": "C-1", "at": "2025-13-01 09:00", "event": "receive", "actor": "a"})", 29,
       "key 'at': '2025-13-01 09:00' is not a date and time (month 13 is not 01..12)"},
      {"[1, 2]", 1, "expected '{' (each line is one JSON object)"},
      {R"({"case": "C-1)", 10, "string is never closed"},
      {"{\"case\": \"C-\x01\", " + ok + "}", 13,
       "control character 0x01 inside a string (write it escaped, e.g. \\n or \\u001f)"},
      // Messages quote whole characters, never a piece of one (found by event_jsonl_fuzzer).
      {R"({"case": "C-1", )" + ok + R"(, "fields": {"o": 张}})", 93,
       "field 'o': expected a string, number, true, false or null, found '张'"},
      {R"({"case": "C-\张", )" + ok + "}", 13,
       R"(invalid escape '\张' (JSON knows \" \\ \/ \b \f \n \r \t \uXXXX))"},
      {"{\"case\": \"\xe5\xbc\xa0\xff\"}", 12,
       "text is not UTF-8 (byte 0xff cannot start or continue a character here)"},
  };
  for (const auto& b : bad) {
    const auto c = jsonl(b.line + "\n");
    const EventLineError e = only_error(c);
    EXPECT_EQ(e.message, b.message) << b.line;
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.column, b.column) << b.line << "\n" << e.message;
  }
}

TEST(EventJsonl, ABadLineLosesNothingElse) {
  const auto c = jsonl(
      "{\"case\": \"C-1\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", \"actor\": \"a\"}\n"
      "{\"case\": \"C-2\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", \"actor\": \"a\"\n"
      "not json at all\n"
      "{\"case\": \"C-3\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", \"actor\": \"a\"}");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.errors[0].message, "expected ',' or '}' after a value");
  EXPECT_EQ(c.errors[1].line, 3u);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[1].line, 4u);
  EXPECT_EQ(c.events[1].event.case_id, "C-3");
}

TEST(EventJsonl, LinesLongerThanOneMebibyteAreErrors) {
  const std::string line = "{\"case\": \"" + std::string(kMaxEventLineBytes, 'x') +
                           "\", \"at\": \"2025-10-01 09:00\", \"event\": \"receive\", \"actor\": \"a\"}\n";
  const auto c = jsonl(line + line.substr(0, 10) + "C-2" + line.substr(10 + kMaxEventLineBytes));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 1u);
  EXPECT_EQ(c.errors[0].message.substr(0, 30), "line is longer than 1 MiB (104");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].event.case_id, "C-2");
}

// ---- writing and reading back ------------------------------------------------------------------

std::vector<Event> rulebook_events() {
  return {
      {"C-1001", local(shanghai(), "2025-09-30 17:30"), "receive", "zhang.wei",
       {{"severity", "major"}, {"channel", "phone"}, {"customer", "王芳, \"VIP\""}}},
      {"C-1001", local(shanghai(), "2025-09-30 17:45") + boost::posix_time::microseconds(250),
       "acknowledge", "li.na", {{"severity", "major"}}},
      {"C-1001", utc("2025-10-11 05:00"), "resolve", "zhang.wei",
       {{"channel", "phone"}, {"resolution", "退款已处理。\r\nRefund made, \"with apology\"\n"}}},
      {"C-1002, branch", utc("2024-02-29 00:00"), "receive", "customer", {}},
  };
}

TEST(EventWriter, RoundTripsInBothFormats) {
  for (const BusinessCalendar* zone : {&shanghai(), &berlin()}) {
    for (const EventFormat f : {EventFormat::csv, EventFormat::jsonl}) {
      const std::string text = write_events(rulebook_events(), f, *zone);
      const auto c = read_event_text(text, f, "written", *zone);
      ASSERT_TRUE(c.errors.empty()) << describe(c.errors.front(), "written") << "\n" << text;
      ASSERT_EQ(c.events.size(), rulebook_events().size()) << text;
      for (std::size_t k = 0; k < c.events.size(); ++k) {
        EXPECT_EQ(c.events[k].event, rulebook_events()[k]) << text;
      }
    }
  }
}

TEST(EventWriter, WritesLocalTimeWithItsOffset) {
  const std::vector<Event> events = {
      {"C-1", local(shanghai(), "2025-10-01 09:00"), "receive", "a", {{"severity", "major"}}},
      {"C-2", local(shanghai(), "2025-10-01 09:00:01") + boost::posix_time::microseconds(5),
       "receive", "a", {}}};
  EXPECT_EQ(write_events(events, EventFormat::csv, shanghai()),
            "case,at,event,actor,severity\n"
            "C-1,2025-10-01T09:00:00+08:00,receive,a,major\n"
            "C-2,2025-10-01T09:00:01.000005+08:00,receive,a,\n");
  EXPECT_EQ(write_events(events, EventFormat::jsonl, shanghai()),
            "{\"case\": \"C-1\", \"at\": \"2025-10-01T09:00:00+08:00\", \"event\": \"receive\", "
            "\"actor\": \"a\", \"fields\": {\"severity\": \"major\"}}\n"
            "{\"case\": \"C-2\", \"at\": \"2025-10-01T09:00:01.000005+08:00\", \"event\": "
            "\"receive\", \"actor\": \"a\"}\n");
  // Berlin in winter is +01:00; in the autumn overlap each occurrence keeps its own offset.
  const std::vector<Event> overlap = {
      {"C-1", utc("2025-10-26 00:30"), "receive", "a", {}},
      {"C-1", utc("2025-10-26 01:30"), "receive", "a", {}}};
  EXPECT_EQ(write_events(overlap, EventFormat::csv, berlin()),
            "case,at,event,actor\n"
            "C-1,2025-10-26T02:30:00+02:00,receive,a\n"
            "C-1,2025-10-26T02:30:00+01:00,receive,a\n");
  // Before 1901 Shanghai kept local mean time, +08:05:43: not whole minutes, so UTC it is.
  EXPECT_EQ(write_events({{"C-1", utc("1890-01-01 00:00"), "receive", "a", {}}}, EventFormat::csv,
                         shanghai()),
            "case,at,event,actor\nC-1,1890-01-01T00:00:00Z,receive,a\n");
}

TEST(EventWriter, CsvColumnsFollowEveryEventsOrder) {
  // 'b' comes first in the file but 'a' must precede it for the second event.
  const std::vector<Event> events = {
      {"C-1", utc("2025-10-01 01:00"), "x", "a", {{"b", "2"}}},
      {"C-1", utc("2025-10-01 01:00"), "x", "a", {{"a", "1"}, {"b", "2"}}}};
  EXPECT_EQ(write_events(events, EventFormat::csv, shanghai()),
            "case,at,event,actor,a,b\n"
            "C-1,2025-10-01T09:00:00+08:00,x,a,,2\n"
            "C-1,2025-10-01T09:00:00+08:00,x,a,1,2\n");
  const std::vector<Event> opposite = {
      {"C-1", utc("2025-10-01 01:00"), "x", "a", {{"a", "1"}, {"b", "2"}}},
      {"C-1", utc("2025-10-01 01:00"), "x", "a", {{"b", "2"}, {"a", "1"}}}};
  CHARTER_EXPECT_THROW_MSG(write_events(opposite, EventFormat::csv, shanghai()), SerializationError,
                           "the events list fields 'a', 'b' in orders that no single column order fits");
  EXPECT_NO_THROW(write_events(opposite, EventFormat::jsonl, shanghai()));
}

TEST(EventWriter, RefusesWhatCannotBeReadBack) {
  const auto at = utc("2025-10-01 01:00");
  CHARTER_EXPECT_THROW_MSG(write_events({{"", at, "x", "a", {}}}, EventFormat::jsonl, shanghai()),
                           SerializationError, "event 1: case is empty");
  CHARTER_EXPECT_THROW_MSG(
      write_events({{"C-1", at, "x", "a", {{"note", ""}}}}, EventFormat::csv, shanghai()),
      SerializationError,
      "event 1 (case 'C-1'): field 'note' is empty, which CSV cannot carry (an empty cell means no "
      "field)");
  EXPECT_NO_THROW(write_events({{"C-1", at, "x", "a", {{"note", ""}}}}, EventFormat::jsonl, shanghai()));
  CHARTER_EXPECT_THROW_MSG(
      write_events({{"C-1", at, "x", "a", {{"case", "y"}}}}, EventFormat::csv, shanghai()),
      SerializationError, "field 'case' has the name of a required CSV column");
  CHARTER_EXPECT_THROW_MSG(
      write_events({{"C-1", at, "x", "a", {{"n", "1"}, {"n", "2"}}}}, EventFormat::jsonl, shanghai()),
      SerializationError, "field 'n' appears twice");
  CHARTER_EXPECT_THROW_MSG(
      write_events({{"C-1", at, "x", "\xff", {}}}, EventFormat::jsonl, shanghai()),
      SerializationError, "actor is not UTF-8");
  CHARTER_EXPECT_THROW_MSG(
      write_events({{"C-1", boost::posix_time::ptime(), "x", "a", {}}}, EventFormat::csv, shanghai()),
      SerializationError, "'at' is not a real instant");
}

TEST(EventFile, SaveAndReadBack) {
  const test::TempDir dir;
  for (const char* name : {"events.csv", "events.jsonl"}) {
    const std::string path = dir.file(name);
    save_event_file(path, rulebook_events(), shanghai());
    const auto c = read_event_file(path, shanghai());
    EXPECT_TRUE(c.errors.empty());
    ASSERT_EQ(c.events.size(), rulebook_events().size());
    EXPECT_EQ(c.events[3].event, rulebook_events()[3]);
  }
  CHARTER_EXPECT_THROW_MSG(read_event_file(dir.file("missing.csv"), shanghai()), FileError,
                           "missing.csv");
  CHARTER_EXPECT_THROW_MSG(save_event_file(dir.file("events.txt"), {}, shanghai()), ParseError,
                           "unknown extension '.txt'");
}

TEST(EventFile, DescribeSaysWhereLikeParseError) {
  EXPECT_EQ(describe(EventLineError{7, 10, "column 'case' is empty"}, "events.csv"),
            "events.csv:7:10: column 'case' is empty");
}

}  // namespace
}  // namespace charter::io
