// Saving and loading service standards (serialize_standard.hpp, charter payload version 3): round
// trips of the built-in standards and of every rule kind in every format, numbers kept to the bit,
// the version-2 layout that cannot hold standards, and forged archives — always CorruptFileError
// naming the field, never a crash, never an allocation sized by the file, never a standard that
// was not validated against the loaded calendars and organisation.

#include <gtest/gtest.h>

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <locale>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/charter_file.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_standard.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/standard.hpp"
#include "charter/workflow/case.hpp"
#include "io/archive_test_support.hpp"
#include "io/golden_values.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using charter::test::charter_payload;
using charter::test::expect_refused;
using charter::test::forge;
using charter::test::kFormats;
using charter::test::payload_of;
using charter::test::replace_first;
using charter::test::u32;
using charter::test::write_payload;
using standard::Condition;
using standard::StandardSpec;
using ConditionTest = Condition::Test;  // "Test" is gtest's fixture inside a TEST

// ---------------------------------------------------------------------------------------------
// Building blocks of the binary layout, written out by hand (TheLayoutIsTheDocumentedOne checks
// them against save_standard), so the forgeries below say which field they break.

std::uint64_t bits_of(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

std::string u64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}
std::string i64(std::int64_t v) { return u64(static_cast<std::uint64_t>(v)); }
// A number (a bound) as its 64 bits.
std::string f64(double v) { return u64(bits_of(v)); }
// A string: its byte count, then its bytes.
std::string str(const std::string& s) { return u32(static_cast<std::uint32_t>(s.size())) + s; }
std::string text(const LocalizedText& t) { return str(t.zh) + str(t.en); }
std::string ids(const std::vector<std::string>& v) {
  std::string out = u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& s : v) out += str(s);
  return out;
}
std::string condition(const std::string& subject, ConditionTest test, double number, const std::vector<std::string>& values) {
  return str(subject) + u32(static_cast<std::uint32_t>(test)) + f64(number) + ids(values);
}

// One standard as save_standard writes it in a binary archive, in layout 1 (charter versions 3
// and 4, which the forgeries below are sealed as); layout 2 only adds the rectification entry.
std::string standard_bytes(const StandardSpec& s) {
  return write_payload(ArchiveFormat::binary, [&](auto& ar) { save_standard(ar, s, 1); });
}

// The rule's members as save_standard writes them after the rule kind.
std::string rule_bytes(const standard::Rule& r) {
  return write_payload(ArchiveFormat::binary, [&](auto& ar) {
    std::visit([&](const auto& rule) { serial::put_rule(ar, rule); }, r);
  });
}

// A standard up to its rule kind: id, title, source, owner, kinds, channels, when, calendar.
std::string head_bytes(const StandardSpec& s) {
  const std::string all = standard_bytes(s);
  const std::string tail = u32(static_cast<std::uint32_t>(standard::rule_kind(s.rule))) + rule_bytes(s.rule);
  EXPECT_EQ(all.substr(all.size() - tail.size()), tail) << s.id;
  return all.substr(0, all.size() - tail.size());
}

// The golden calendars and organisation (no workflows) with `standards`, valid or not.
CharterParts golden_parts_with(std::vector<StandardSpec> standards) {
  CharterParts p = test::parts_of(test::golden_charter_v1());
  p.standards = std::move(standards);
  return p;
}

// A binary charter payload of the golden calendars and organisation whose standards are `count`
// then the bytes `raw`, whatever they hold.
std::string with_raw_standards(std::uint32_t count, const std::string& raw) {
  const std::string base = charter_payload(golden_parts_with({}), 3);
  return base.substr(0, base.size() - 4) + u32(count) + raw;
}

// The forgeries below are of the standards' layout, which version 3 ends with (version 4 adds
// the cycles after them): they are written and sealed as version 3.
std::string sealed(const std::string& payload) {
  return seal(PayloadType::charter, 3, ArchiveFormat::binary, payload);
}

// The golden standard with this id.
StandardSpec golden_spec(const std::string& id) {
  for (auto& s : test::golden_standard_specs()) {
    if (s.id == id) return s;
  }
  ADD_FAILURE() << "no golden standard '" << id << "'";
  return {};
}

// The golden charter's calendars, organisation and standards, without the workflow: smaller and
// quicker to mutate.
const Charter& standards_only() {
  static const Charter c = [] {
    const Charter g = test::golden_charter_v3();
    return Charter(g.name(), g.calendars(), g.organization(), {}, g.standards());
  }();
  return c;
}

// Reads one standard back from an archive of `format` written by save_standard, requiring that
// nothing is left over.
StandardSpec read_standard(ArchiveFormat format, const std::string& bytes) {
  constexpr unsigned flags = boost::archive::no_header | boost::archive::no_codecvt;
  std::istringstream is(bytes, std::ios::binary);
  is.imbue(std::locale::classic());
  StandardSpec spec;
  switch (format) {
    case ArchiveFormat::text: {
      boost::archive::text_iarchive ar(is, flags);
      spec = load_standard(ar);
      break;
    }
    case ArchiveFormat::xml: {
      boost::archive::xml_iarchive ar(is, flags);
      spec = load_standard(ar);
      break;
    }
    case ArchiveFormat::binary: {
      boost::archive::binary_iarchive ar(is, flags);
      spec = load_standard(ar);
      break;
    }
  }
  if (format != ArchiveFormat::binary) is >> std::ws;
  EXPECT_EQ(is.peek(), std::char_traits<char>::eof()) << "bytes left after the standard";
  return spec;
}

// Every condition of a spec: its own `when`, the deadline choices', the obligation's and the
// exclusions'.
std::vector<Condition> conditions_of(const StandardSpec& s) {
  std::vector<Condition> out = s.when;
  auto add = [&](const std::vector<Condition>& v) { out.insert(out.end(), v.begin(), v.end()); };
  if (const auto* d = std::get_if<standard::DeadlineRule>(&s.rule)) {
    for (const auto& c : d->rules) add(c.when);
  }
  if (const auto* o = std::get_if<standard::Obligation>(&s.rule)) add(o->require);
  if (const auto* e = std::get_if<standard::Eligibility>(&s.rule)) {
    for (const auto& x : e->exclusions) add(x.when);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Round trips

TEST(StandardArchiveRoundTrip, TheBuiltinCharterInEveryFormat) {
  const Charter& c = builtin();
  ASSERT_EQ(c.standards().size(), 20u);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(c, f);
    EXPECT_EQ(open_envelope(bytes, "x").header.schema_version, kCharterSchema);
    const Charter back = std::get<Charter>(from_bytes(bytes));
    EXPECT_EQ(back, c);
    ASSERT_EQ(back.standards().size(), c.standards().size());
    for (size_t i = 0; i < c.standards().size(); ++i) {
      const standard::Standard& s = c.standards()[i];
      const standard::Standard& b = back.standards()[i];
      EXPECT_EQ(b.spec(), s.spec()) << s.id();
      EXPECT_EQ(b.owner(), s.owner()) << s.id();
      EXPECT_EQ(b.kind(), s.kind()) << s.id();
      EXPECT_EQ(b.calendar() != nullptr, s.calendar() != nullptr) << s.id();
    }
    // R-10 counts on the loaded office calendar; the forbidden phrases are compiled again.
    EXPECT_EQ(back.standard("R-10").calendar()->spec(), c.calendar("office").spec());
    EXPECT_NE(back.standard("forbidden_phrases").forbidden_matcher(), nullptr);
    EXPECT_EQ(to_bytes(back, f), bytes);
  }
}

TEST(StandardArchiveRoundTrip, EveryRuleKindAndEveryConditionTestInEveryFormat) {
  const Charter c = test::golden_charter_v3();
  // The golden standards have every rule kind and every test, so the loop below covers them.
  std::set<standard::RuleKind> kinds;
  std::set<ConditionTest> tests;
  for (const auto& s : c.standards()) {
    kinds.insert(s.kind());
    for (const auto& cond : conditions_of(s.spec())) tests.insert(cond.test);
  }
  EXPECT_EQ(kinds.size(), 8u);
  EXPECT_EQ(tests.size(), 8u);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Charter back = std::get<Charter>(from_bytes(to_bytes(c, f)));
    EXPECT_EQ(back, c);
    ASSERT_EQ(back.standards().size(), c.standards().size());
    for (size_t i = 0; i < c.standards().size(); ++i) {
      EXPECT_EQ(back.standards()[i].spec(), c.standards()[i].spec()) << c.standards()[i].id();
    }
    // One standard alone through save_standard and load_standard, as any embedding payload
    // would use them.
    for (const auto& spec : test::golden_standard_specs()) {
      SCOPED_TRACE(spec.id);
      const std::string bytes = write_payload(f, [&](auto& ar) { save_standard(ar, spec); });
      EXPECT_EQ(read_standard(f, bytes), spec);
    }
  }
}

TEST(StandardArchiveRoundTrip, NumbersKeepEveryBit) {
  // Bounds as a charter file can write them: fractions that have no exact binary form, a negative
  // zero, the smallest and largest doubles. Each is a threshold's bound and a condition's number.
  const char* const numbers[] = {"0.1",     "4.5",      "-0",    "-0.0",  "0.30000000000000004", "1e-300",
                                 "4.9e-324", "1.7976931348623157e308", "-2.5", "123456789.123456789"};
  std::string file = "charter: 1\norganization:\n  roles: [{id: boss}]\nstandards:\n";
  for (size_t i = 0; i < std::size(numbers); ++i) {
    file += "  n" + std::to_string(i) + ": {owner: boss, kinds: [k], when: {field: x, at_least: " + numbers[i] +
            "}, threshold: {measure: m, at_most: " + numbers[i] + "}}\n";
  }
  const Charter c = parse_charter(file, "numbers.yaml");
  auto bound = [](const Charter& ch, size_t i) {
    return *std::get<standard::Threshold>(ch.standards()[i].spec().rule).at_most;
  };
  auto number = [](const Charter& ch, size_t i) { return ch.standards()[i].spec().when.at(0).number; };
  for (size_t i = 0; i < std::size(numbers); ++i) {
    // What the file gives is strtod's value, sign of zero included.
    const std::uint64_t expected = bits_of(std::strtod(numbers[i], nullptr));
    EXPECT_EQ(bits_of(bound(c, i)), expected) << numbers[i];
    EXPECT_EQ(bits_of(number(c, i)), expected) << numbers[i];
  }
  EXPECT_TRUE(std::signbit(bound(c, 2)));
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Charter back = std::get<Charter>(from_bytes(to_bytes(c, f)));
    EXPECT_EQ(back, c);
    for (size_t i = 0; i < std::size(numbers); ++i) {
      // Bit for bit: == would not tell -0 from 0.
      EXPECT_EQ(bits_of(bound(back, i)), bits_of(bound(c, i))) << numbers[i];
      EXPECT_EQ(bits_of(number(back, i)), bits_of(number(c, i))) << numbers[i];
    }
  }
}

TEST(StandardArchiveRoundTrip, EqualityIsNotTrivial) {
  // Charters that differ only in a standard — a bound one step away, a phrase — do not compare
  // equal, before or after a round trip, so the round trips above compare something.
  const Charter c = standards_only();
  std::vector<StandardSpec> specs = test::golden_standard_specs();
  std::get<standard::Threshold>(specs[0].rule).at_most = std::nextafter(4.5, 5.0);
  std::vector<StandardSpec> other = test::golden_standard_specs();
  std::get<standard::Phrases>(other[5].rule).forbidden.back() = "神经";
  for (const auto& changed : {specs, other}) {
    std::vector<standard::Standard> standards;
    for (const auto& s : changed) standards.emplace_back(s, c.calendars(), c.organization());
    const Charter d(c.name(), c.calendars(), c.organization(), {}, std::move(standards));
    EXPECT_NE(d, c);
    for (ArchiveFormat f : kFormats) EXPECT_NE(std::get<Charter>(from_bytes(to_bytes(d, f))), c);
  }
}

TEST(StandardArchiveRoundTrip, TheLayoutIsTheDocumentedOne) {
  // R-05 field by field, as serialize_standard.hpp describes it: id, title, source, owner, kinds,
  // channels, when, calendar, the rule kind, then the threshold's members.
  const StandardSpec r05 = golden_spec("R-05");
  const std::string expected =
      str("R-05") + text(r05.title) + str("S1 p1 ch14") + str("") + ids({"complaint", "call"}) +
      ids({"phone", "web"}) + u32(2) + condition("rings", ConditionTest::at_least, 2.5, {}) +
      condition("weight_kg", ConditionTest::at_most, 0.1, {}) + str("") + u32(0) +
      text({"首次回复用时", "hours to the first reply"}) + str("reply_hours") + str("") + str("") + str("hours") +
      u32(1) + f64(0.25) + u32(1) + f64(4.5);
  EXPECT_EQ(standard_bytes(r05), expected);
  // Layout 2 (charter version 5) ends with the rectification entry: a flag, then below, min_checked,
  // the period, the Deadline and the severity.
  EXPECT_EQ(write_payload(ArchiveFormat::binary, [&](auto& ar) { save_standard(ar, r05); }), expected + u32(0));
  StandardSpec judged = r05;
  judged.rectification = standard::Rectification{0.9, 20, standard::Period::month,
                                                 calendar::Deadline::business_days(5), "normal"};
  const std::string deadline =
      write_payload(ArchiveFormat::binary, [&](auto& ar) { save_deadline(ar, calendar::Deadline::business_days(5)); });
  EXPECT_EQ(write_payload(ArchiveFormat::binary, [&](auto& ar) { save_standard(ar, judged); }),
            expected + u32(1) + f64(0.9) + i64(20) + u32(3) + deadline + str("normal"));
  // The other kinds' members.
  const StandardSpec r10 = golden_spec("R-10");
  EXPECT_EQ(rule_bytes(r10.rule),
            str("received_at") + str("made_up_at") + text({"配好", "made up"}) + u32(4) + u32(2) +
                condition("local_time", ConditionTest::at_least, 57600, {}) +
                condition("local_time", ConditionTest::at_most, 66600, {}) + u32(2) + i64(0) + i64(1) + u32(1) +
                condition("size", ConditionTest::in, 0, {"large", "bulk"}) + u32(2) + i64(0) + i64(2) + u32(1) +
                condition("urgent", ConditionTest::is_yes, 0, {}) + u32(0) + i64(5400000000) + i64(0) + u32(0) + u32(1) +
                i64(14400000000) + i64(0));
  EXPECT_EQ(rule_bytes(golden_spec("apology").rule),
            u32(2) + condition("apology", ConditionTest::is_yes, 0, {}) + condition("complaint_id", ConditionTest::absent, 0, {}));
  EXPECT_EQ(rule_bytes(golden_spec("phone_log").rule), ids({"caller_name", "matter", "location", "reason"}));
  EXPECT_EQ(rule_bytes(golden_spec("forbidden_phrases").rule),
            str("transcript") + ids({"老头", "喂,干什么", "神经病"}) + ids({"您好", "请"}));
  EXPECT_EQ(rule_bytes(golden_spec("four_eyes").rule), str("signers") + i64(3));
  EXPECT_EQ(rule_bytes(golden_spec("customer_record").rule),
            str("record_created_at") + text({"客户建档", "customer record created"}));
  EXPECT_EQ(rule_bytes(golden_spec("repairs").rule),
            str("accepted") + u32(2) + u32(1) + condition("material", ConditionTest::in, 0, {"thai_silver"}) +
                text({"泰银饰品不在受理范围", "Thai silver is not repaired"}) + u32(2) +
                condition("requester", ConditionTest::not_in, 0, {"customer", "authorised"}) +
                condition("amount", ConditionTest::at_most, 4.5, {}) + text({"客户资料只提供给本人或其授权人", ""}));
  // And the charter: the standards come last, after their count, in the charter's order.
  const Charter& c = standards_only();
  const std::string p = payload_of(to_bytes(c));
  EXPECT_EQ(p, charter_payload(test::parts_of(c)));
  std::string all;
  for (const auto& s : test::golden_standard_specs()) all += standard_bytes(s);
  EXPECT_EQ(charter_payload(test::parts_of(c), 3), with_raw_standards(9, all));
}

// ---------------------------------------------------------------------------------------------
// Versions

TEST(StandardArchiveVersions, Version2CannotHoldStandards) {
  // A charter with standards written in the layout of version 2 would lose them: refused.
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    CHARTER_EXPECT_THROW_MSG(write_payload(f, [&](auto& ar) { save_charter(ar, test::golden_charter_v3(), 2); }),
                             SerializationError, "charter payload version 2 cannot hold standards");
    CHARTER_EXPECT_THROW_MSG(write_payload(f, [&](auto& ar) { save_charter(ar, builtin(), 2); }),
                             SerializationError, "charter payload version 2 cannot hold standards");
    // Without standards the version-2 layout is written as before.
    EXPECT_NO_THROW(write_payload(f, [&](auto& ar) { save_charter(ar, test::golden_charter_v2(), 2); }));
  }
  // A case embeds its charter in that layout; it holds just the case's workflow, so a case from a
  // charter with standards still saves, and loads with the same definition.
  static_assert(kEmbeddedCharterSchema == 2, "cases and trackers embed the version-2 layout");
  const workflow::Case c(builtin().workflow("complaint"), "C-1");
  EXPECT_EQ(std::get<workflow::Case>(from_bytes(to_bytes(c))).definition(), c.definition());
}

TEST(StandardArchiveVersions, AVersion2PayloadReadsWithoutStandards) {
  const Charter g = test::golden_charter_v3();
  const Charter c = std::get<Charter>(
      from_bytes(seal(PayloadType::charter, 2, ArchiveFormat::binary, charter_payload(test::parts_of(g), 2))));
  EXPECT_TRUE(c.standards().empty());
  EXPECT_EQ(c, test::golden_charter_v2());
  // The same payload called version 3 misses its standard count.
  expect_refused(sealed(charter_payload(test::parts_of(g), 2)), "v2 as v3");
}

// ---------------------------------------------------------------------------------------------
// Forged: right checksums around a wrong payload

TEST(StandardArchiveForged, ARuleKindOutOfRange) {
  const StandardSpec s = golden_spec("R-05");
  for (std::uint32_t kind : {8u, 9u, 0xFFFFFFFFu}) {
    const std::string m = expect_refused(sealed(with_raw_standards(1, head_bytes(s) + u32(kind) + rule_bytes(s.rule))),
                                         "kind " + std::to_string(kind));
    EXPECT_NE(m.find("field 'rule' holds " + std::to_string(kind) + ", which is not one of its values"),
              std::string::npos)
        << m;
  }
  // A kind in range whose members are another kind's: read as that kind, which goes wrong.
  expect_refused(sealed(with_raw_standards(1, head_bytes(s) + u32(3) + rule_bytes(s.rule))), "threshold as fields");
  // XML: without workflows the only <rule> tags are the standards' kinds.
  const std::string xml = to_bytes(standards_only(), ArchiveFormat::xml);
  const std::string x = expect_refused(forge(xml, replace_first(payload_of(xml), "<rule>0</rule>", "<rule>8</rule>")),
                                       "xml kind");
  EXPECT_NE(x.find("field 'rule' holds 8, which is not one of its values"), std::string::npos) << x;
}

TEST(StandardArchiveForged, AConditionTestOutOfRange) {
  // A condition in each place one can be: a standard's `when`, a deadline choice, an obligation,
  // an exclusion.
  struct Place {
    const char* standard;
    std::string condition;  // subject and test as written
  };
  const Place places[] = {
      {"apology", str("rings") + u32(0)},
      {"R-10", str("size") + u32(2)},
      {"apology", str("apology") + u32(4)},
      {"repairs", str("material") + u32(2)},
  };
  for (const Place& p : places) {
    SCOPED_TRACE(p.standard);
    const std::string good = standard_bytes(golden_spec(p.standard));
    for (std::uint32_t test : {8u, 0x80000000u}) {
      const std::string bad =
          replace_first(good, p.condition, p.condition.substr(0, p.condition.size() - 4) + u32(test));
      const std::string m = expect_refused(sealed(with_raw_standards(1, bad)), "test " + std::to_string(test));
      EXPECT_NE(m.find("field 'test' holds " + std::to_string(test) + ", which is not one of its values"),
                std::string::npos)
          << m;
    }
  }
}

TEST(StandardArchiveForged, NumbersThatAreNotFinite) {
  const std::uint64_t patterns[] = {
      0x7FF8000000000000u,  // quiet NaN
      0xFFF8000000000000u,  // quiet NaN, sign set
      0x7FF0000000000001u,  // signalling NaN
      0x7FFFFFFFFFFFFFFFu,  // NaN, every payload bit
      0x7FF0000000000000u,  // +infinity
      0xFFF0000000000000u,  // -infinity
  };
  // R-05 ends with its bounds (flag, bits): at_least 0.25, at_most 4.5; its `when` holds
  // weight_kg ≤ 0.1; R-10's size condition holds a number no test reads.
  struct Place {
    const char* standard;
    std::string from;
    std::string to_prefix;
    const char* field;
  };
  const Place places[] = {
      {"R-05", u32(1) + f64(4.5), u32(1), "at_most"},
      {"R-05", u32(1) + f64(0.25), u32(1), "at_least"},
      {"R-05", str("weight_kg") + u32(1) + f64(0.1), str("weight_kg") + u32(1), "number"},
      {"R-10", str("size") + u32(2) + f64(0), str("size") + u32(2), "number"},
  };
  for (const Place& p : places) {
    const std::string good = standard_bytes(golden_spec(p.standard));
    for (std::uint64_t bits : patterns) {
      SCOPED_TRACE(std::string(p.field) + " " + std::to_string(bits));
      const std::string m =
          expect_refused(sealed(with_raw_standards(1, replace_first(good, p.from, p.to_prefix + u64(bits)))), p.field);
      EXPECT_NE(m.find(std::string("field '") + p.field + "' is not a finite number"), std::string::npos) << m;
    }
  }
  // Text and XML carry the bits as a decimal int64: R-05's at_most is the first 4.5 in either.
  const std::string four_and_a_half = std::to_string(static_cast<std::int64_t>(bits_of(4.5)));
  const std::string nan = std::to_string(static_cast<std::int64_t>(patterns[0]));
  const std::string minus_inf = std::to_string(static_cast<std::int64_t>(patterns[5]));
  const std::string xml = to_bytes(standards_only(), ArchiveFormat::xml);
  const std::string x = expect_refused(forge(xml, replace_first(payload_of(xml), "<at_most>" + four_and_a_half,
                                                                "<at_most>" + nan)),
                                       "xml NaN");
  EXPECT_NE(x.find("field 'at_most' is not a finite number"), std::string::npos) << x;
  const std::string txt = to_bytes(standards_only(), ArchiveFormat::text);
  const std::string t = expect_refused(
      forge(txt, replace_first(payload_of(txt), " " + four_and_a_half, " " + minus_inf)), "text -inf");
  EXPECT_NE(t.find("field 'at_most' is not a finite number"), std::string::npos) << t;
}

TEST(StandardArchiveForged, CountsAboveTheLimits) {
  struct Case {
    std::string raw;
    std::uint32_t count;  // written after raw
    std::string field;
    std::uint32_t limit;
  };
  const std::string r10_head = head_bytes(golden_spec("R-10")) + u32(1);
  const std::string phrases_head = head_bytes(golden_spec("forbidden_phrases")) + u32(4) + str("transcript");
  const std::string repairs_head = head_bytes(golden_spec("repairs")) + u32(7) + str("accepted");
  const std::string up_to_when = str("x") + text({}) + str("") + str("boss") + ids({"call"}) + ids({});
  const std::vector<Case> cases = {
      {r10_head + str("at") + str("done_at") + text({}), kMaxDeadlineChoices + 1, "rules", kMaxDeadlineChoices},
      {phrases_head, kMaxPhrases + 1, "forbidden", kMaxPhrases},
      {phrases_head + u32(0), 0xFFFFFFFFu, "required", kMaxPhrases},
      {repairs_head, kMaxExclusions + 1, "exclusions", kMaxExclusions},
      {up_to_when, kMaxConditions + 1, "conditions", kMaxConditions},
      {str("x") + text({}) + str("") + str("boss"), kMaxIdsPerList + 1, "kinds", kMaxIdsPerList},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    const std::string m = expect_refused(sealed(with_raw_standards(1, c.raw + u32(c.count))), c.field);
    EXPECT_NE(m.find("field '" + c.field + "' claims " + std::to_string(c.count) + " entries; at most " +
                     std::to_string(c.limit) + " are possible"),
              std::string::npos)
        << m;
    // At the bound with nothing behind it: a short read, one entry at a time.
    expect_refused(sealed(with_raw_standards(1, c.raw + u32(c.limit))), c.field + " at the bound");
  }
  for (std::uint32_t n : {kMaxStandards + 1, 4000000000u}) {
    const std::string m = expect_refused(sealed(with_raw_standards(n, "")), "standards");
    EXPECT_NE(m.find("field 'standards' claims " + std::to_string(n) + " entries; at most " +
                     std::to_string(kMaxStandards) + " are possible"),
              std::string::npos)
        << m;
  }
  expect_refused(sealed(with_raw_standards(kMaxStandards, "")), "standards at the bound");
}

TEST(StandardArchiveForged, FlagsAndSmallNumbersOutOfRange) {
  struct Case {
    const char* standard;
    std::string from;
    std::string to;
    const char* message;
  };
  const Case cases[] = {
      {"R-05", u32(1) + f64(4.5), u32(2) + f64(4.5), "field 'has_number' is neither 0 nor 1"},
      {"four_eyes", str("signers") + i64(3), str("signers") + i64(-1), "field 'at_least' is out of range"},
      {"four_eyes", str("signers") + i64(3), str("signers") + i64(kMaxLevelsUp + 1), "field 'at_least' is out of range"},
      // The 90-minute choice of R-10: a deadline kind that does not exist, a negative amount.
      {"R-10", u32(0) + i64(5400000000), u32(99) + i64(5400000000), "unknown deadline kind 99"},
      {"R-10", u32(0) + i64(5400000000), u32(0) + i64(-1), "deadline amounts out of range"},
      {"forbidden_phrases", str("神经病"), u32(3) + "\xff\xfe\xfd", "field 'phrase' is not valid UTF-8 text"},
      {"repairs", str("thai_silver"), u32(11) + "thai\xc0silver", "field 'id' is not valid UTF-8 text"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    const std::string bad = replace_first(standard_bytes(golden_spec(c.standard)), c.from, c.to);
    const std::string m = expect_refused(sealed(with_raw_standards(1, bad)), c.message);
    EXPECT_NE(m.find(c.message), std::string::npos) << m;
  }
}

TEST(StandardArchiveForged, AnInvalidStandardIsRefused) {
  // A valid layout holding a standard its Standard constructor refuses: validated on load against
  // the loaded calendars and organisation, and reported like an invalid workflow — the charter
  // it holds is invalid, then StandardError's message with the path of each problem.
  struct Case {
    StandardSpec spec;
    const char* problem;
  };
  std::vector<Case> cases;
  StandardSpec s = golden_spec("apology");
  s.owner = "ghost";
  cases.push_back({s, "standard 'apology':\n  owner: unknown role 'ghost'"});
  s = golden_spec("R-10");
  s.calendar = "hotline";
  cases.push_back({s, "calendar: unknown calendar 'hotline' (known: office)"});
  s = golden_spec("greet");
  s.owner = "";  // and no role is accountable for 'greet'
  cases.push_back({s, "no owner: name a role with 'owner', or make a role accountable (A) for standard greet"});
  s = golden_spec("R-05");
  std::get<standard::Threshold>(s.rule).at_least = 5;
  cases.push_back({s, "threshold: at_least is greater than at_most"});
  s = golden_spec("R-10");
  std::get<standard::DeadlineRule>(s.rule).rules.back().when = {{"urgent", ConditionTest::is_no, 0, {}}};
  cases.push_back({s, "deadline.rules[3]: the last rule applies when no other does"});
  s = golden_spec("four_eyes");
  std::get<standard::DistinctSigners>(s.rule).at_least = 0;
  cases.push_back({s, "distinct_signers.at_least: at least 1 signer"});
  s = golden_spec("forbidden_phrases");
  std::get<standard::Phrases>(s.rule).forbidden.push_back(", ，");
  cases.push_back({s, "phrases.forbidden: "});
  s = golden_spec("repairs");
  std::get<standard::Eligibility>(s.rule).exclusions[0].when.clear();
  cases.push_back({s, "eligibility.exclusions[0]: an exclusion needs 'when'"});
  s = golden_spec("apology");
  s.when[0].subject = "local_time";  // a time of day is only compared
  s.when[0].test = ConditionTest::present;
  cases.push_back({s, "when[0]: local_time takes at_least or at_most"});
  for (const Case& c : cases) {
    SCOPED_TRACE(c.problem);
    const std::string m = expect_refused(sealed(charter_payload(golden_parts_with({c.spec}), 3)), c.problem);
    EXPECT_NE(m.find("forged: the charter it holds is invalid: standard '" + c.spec.id + "':"), std::string::npos)
        << m;
    EXPECT_NE(m.find(c.problem), std::string::npos) << m;
    // The same spec is what the constructor refuses.
    const Charter base = test::golden_charter_v1();
    EXPECT_THROW(standard::Standard(c.spec, base.calendars(), base.organization()), standard::StandardError);
  }
}

TEST(StandardArchiveForged, ADuplicatedStandardIdIsRefused) {
  const std::string m = expect_refused(
      sealed(charter_payload(golden_parts_with({golden_spec("apology"), golden_spec("phone_log"), golden_spec("apology")}), 3)),
      "duplicate standard");
  EXPECT_NE(m.find("forged: standard 'apology' appears twice"), std::string::npos) << m;
  // Two different standards under one id are no better.
  StandardSpec other = golden_spec("phone_log");
  other.id = "apology";
  const std::string o = expect_refused(sealed(charter_payload(golden_parts_with({golden_spec("apology"), other}), 3)),
                                       "same id, other standard");
  EXPECT_NE(o.find("standard 'apology' appears twice"), std::string::npos) << o;
}

TEST(StandardArchiveForged, EveryPayloadPrefixAndBitFlipOfTheStandards) {
  // Right checksums around a wrong payload: it loads as a valid charter that saves and loads
  // again, or it is refused with a typed error. Nothing crashes.
  const std::string p = charter_payload(test::parts_of(standards_only()), 3);
  auto check = [](const std::string& payload, const std::string& what) {
    try {
      const Charter back = std::get<Charter>(from_bytes(sealed(payload), "forged"));
      EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(back))), back) << what;
    } catch (const CorruptFileError& e) {
      const std::string m = e.what();
      EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
      EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << " threw " << boost::core::demangle(typeid(e).name()) << ": " << e.what();
    }
  };
  // The standards are the tail of the payload: mutate from their count on.
  const size_t start = charter_payload(golden_parts_with({}), 3).size() - 4;
  ASSERT_EQ(p.substr(start, 4), u32(9));
  for (size_t n = start; n < p.size(); ++n) check(p.substr(0, n), "prefix " + std::to_string(n));
  // Each load compiles the phrase lists again (most of its 0.7 ms), so every byte gets two flips
  // rather than eight: its top bit and one bit that rotates through the others from byte to byte.
  std::string m = p;
  for (size_t k = start; k < p.size(); ++k) {
    for (int bit : {7, static_cast<int>(k % 7)}) {
      const char mask = static_cast<char>(1 << bit);
      m[k] ^= mask;
      check(m, "flip of bit " + std::to_string(bit) + " of byte " + std::to_string(k));
      m[k] ^= mask;
    }
  }
  EXPECT_EQ(m, p);
}

// ---------------------------------------------------------------------------------------------
// Saving

TEST(StandardArchiveSave, WhatCannotBeLoadedIsNotSaved) {
  // A phrase list may compile (up to 32 KiB folded) with a phrase longer than any string an
  // archive holds: the charter is valid, but saving it is refused rather than writing what no
  // load would accept.
  const Charter& c = standards_only();
  StandardSpec s = golden_spec("forbidden_phrases");
  std::get<standard::Phrases>(s.rule).forbidden.push_back(std::string(kMaxStringBytes + 1, 'x'));
  std::vector<standard::Standard> standards = {standard::Standard(s, c.calendars(), c.organization())};
  const Charter long_phrase(c.name(), c.calendars(), c.organization(), {}, std::move(standards));
  CHARTER_EXPECT_THROW_MSG(to_bytes(long_phrase), SerializationError,
                           "field 'phrase' is longer than 4096 bytes and cannot be saved");
  // At the bound it is kept exactly.
  std::get<standard::Phrases>(s.rule).forbidden.back().pop_back();
  const Charter at_bound(c.name(), c.calendars(), c.organization(), {},
                         {standard::Standard(s, c.calendars(), c.organization())});
  for (ArchiveFormat f : kFormats) EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(at_bound, f))), at_bound);
}

TEST(StandardArchiveSave, ListsLongerThanALoadAcceptsAreNotSaved) {
  // A valid standard with one deadline choice more than a load reads: refused on save, with the
  // field named, instead of an archive that no load accepts; at the bound it round-trips.
  const Charter& c = standards_only();
  auto alone = [&](const StandardSpec& s) {
    return Charter(c.name(), c.calendars(), c.organization(), {}, {standard::Standard(s, c.calendars(), c.organization())});
  };
  StandardSpec many = golden_spec("R-10");
  auto& rules = std::get<standard::DeadlineRule>(many.rule).rules;
  const standard::DeadlineChoice first = rules.front();
  rules.insert(rules.begin(), kMaxDeadlineChoices + 1 - rules.size(), first);
  CHARTER_EXPECT_THROW_MSG(to_bytes(alone(many)), SerializationError,
                           "field 'rules' holds 1001 entries; at most 1000 can be loaded, so it cannot be saved");
  rules.erase(rules.begin());
  const Charter at_bound = alone(many);
  EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(at_bound))), at_bound);

  // Every other list of a standard, through save_standard itself (some could not even make a
  // valid standard: a phrase list that long exceeds what a matcher compiles).
  struct Case {
    StandardSpec spec;
    std::string field;
    std::uint32_t limit;
  };
  std::vector<Case> cases;
  StandardSpec s = golden_spec("apology");
  s.when.assign(kMaxConditions + 1, s.when[0]);
  cases.push_back({s, "conditions", kMaxConditions});
  s = golden_spec("repairs");
  auto& exclusions = std::get<standard::Eligibility>(s.rule).exclusions;
  exclusions.assign(kMaxExclusions + 1, exclusions[0]);
  cases.push_back({s, "exclusions", kMaxExclusions});
  s = golden_spec("forbidden_phrases");
  std::get<standard::Phrases>(s.rule).forbidden.assign(kMaxPhrases + 1, "x");
  cases.push_back({s, "forbidden", kMaxPhrases});
  s = golden_spec("forbidden_phrases");
  std::get<standard::Phrases>(s.rule).required.assign(kMaxPhrases + 1, "x");
  cases.push_back({s, "required", kMaxPhrases});
  s = golden_spec("phone_log");
  s.kinds.assign(kMaxIdsPerList + 1, "call");
  cases.push_back({s, "kinds", kMaxIdsPerList});
  for (const Case& k : cases) {
    SCOPED_TRACE(k.field);
    CHARTER_EXPECT_THROW_MSG(write_payload(ArchiveFormat::binary, [&](auto& ar) { save_standard(ar, k.spec); }),
                             SerializationError,
                             "field '" + k.field + "' holds " + std::to_string(k.limit + 1) + " entries; at most " +
                                 std::to_string(k.limit) + " can be loaded");
  }

  // More standards than a charter payload may claim.
  std::vector<standard::Standard> standards;
  StandardSpec log = golden_spec("phone_log");
  for (std::uint32_t i = 0; i <= kMaxStandards; ++i) {
    log.id = "s" + std::to_string(i);
    standards.emplace_back(log, c.calendars(), c.organization());
  }
  const Charter crowded(c.name(), c.calendars(), c.organization(), {}, std::move(standards));
  CHARTER_EXPECT_THROW_MSG(to_bytes(crowded), SerializationError,
                           "field 'standards' holds 10001 entries; at most 10000 can be loaded");
}

}  // namespace
}  // namespace charter::io
