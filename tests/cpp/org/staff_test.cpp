// Staff: active periods and the masking of personal data.
//
// Facts relied on (include/charter/org/staff.hpp; S0 3.2.3, customer and staff privacy):
//   an active period is [from, until], both inclusive, open-ended where absent;
//   a name keeps its first character (by UTF-8 character) and stars the rest; a one-character
//   name is starred whole; a phone number keeps its last four digits, a short one is starred whole.

#include "charter/org/staff.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace charter::org {
namespace {

using boost::gregorian::date;

TEST(ActivePeriod, BothEndsAreInclusive) {
  const ActivePeriod p{date(2024, 1, 1), date(2026, 12, 31)};
  EXPECT_FALSE(p.contains(date(2023, 12, 31)));
  EXPECT_TRUE(p.contains(date(2024, 1, 1)));
  EXPECT_TRUE(p.contains(date(2025, 6, 15)));
  EXPECT_TRUE(p.contains(date(2026, 12, 31)));
  EXPECT_FALSE(p.contains(date(2027, 1, 1)));
}

TEST(ActivePeriod, AMissingEndIsOpen) {
  const ActivePeriod always{};
  EXPECT_TRUE(always.contains(date(1900, 1, 1)));
  EXPECT_TRUE(always.contains(date(9999, 12, 31)));
  const ActivePeriod since{date(2024, 3, 1), std::nullopt};
  EXPECT_FALSE(since.contains(date(2024, 2, 29)));
  EXPECT_TRUE(since.contains(date(2099, 1, 1)));
  const ActivePeriod until{std::nullopt, date(2024, 2, 29)};
  EXPECT_TRUE(until.contains(date(2000, 1, 1)));
  EXPECT_TRUE(until.contains(date(2024, 2, 29)));
  EXPECT_FALSE(until.contains(date(2024, 3, 1)));
}

TEST(ActivePeriod, EqualityComparesBothEnds) {
  const ActivePeriod p{date(2024, 1, 1), date(2024, 12, 31)};
  EXPECT_EQ(p, (ActivePeriod{date(2024, 1, 1), date(2024, 12, 31)}));
  EXPECT_NE(p, (ActivePeriod{date(2024, 1, 1), std::nullopt}));
  EXPECT_NE(p, (ActivePeriod{std::nullopt, date(2024, 12, 31)}));
}

TEST(Staff, EqualityComparesEveryField) {
  const Staff a{"s-0001", "王芳", "13812345678", {"cs_manager"}, "cs_centre", {date(2024, 1, 1), {}}};
  Staff b = a;
  EXPECT_EQ(a, b);
  b.name = "王芬";
  EXPECT_NE(a, b);
  b = a;
  b.phone = "13812345679";
  EXPECT_NE(a, b);
  b = a;
  b.roles.push_back("qa_staff");
  EXPECT_NE(a, b);
  b = a;
  b.unit = "call_centre";
  EXPECT_NE(a, b);
  b = a;
  b.active.until = date(2024, 12, 31);
  EXPECT_NE(a, b);
}

TEST(MaskName, KeepsTheFirstChineseCharacter) {
  EXPECT_EQ(mask_name("王芳"), "王*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
}

TEST(MaskName, KeepsTheFirstLatinLetter) {
  EXPECT_EQ(mask_name("Alice"), "A****");
  EXPECT_EQ(mask_name("Bo"), "B*");
  EXPECT_EQ(mask_name("Li Na"), "L****");  // the space is a character like any other
}

TEST(MaskName, StarsOneCharacterPerCharacterNotPerByte) {
  // "Zoë": the ë is two bytes in UTF-8 but one character, so one star.
  EXPECT_EQ(mask_name("Zo\xC3\xAB"), "Z**");
  // "Élodie": the É is two bytes and kept whole.
  EXPECT_EQ(mask_name("\xC3\x89lodie"), "\xC3\x89*****");
  // A four-byte character (U+20000, a CJK Extension B ideograph) first, then two more.
  EXPECT_EQ(mask_name("\xF0\xA0\x80\x80\xE5\xB0\x8F\xE6\x98\x8E"), "\xF0\xA0\x80\x80**");
}

TEST(MaskName, AOneCharacterNameIsStarredWhole) {
  EXPECT_EQ(mask_name("王"), "*");
  EXPECT_EQ(mask_name("A"), "*");
}

TEST(MaskName, AnEmptyNameStaysEmpty) { EXPECT_EQ(mask_name(""), ""); }

TEST(MaskName, NeverShowsMoreThanTheFirstCharacter) {
  for (const std::string name : {"王芳", "Alice", "Zhang Wei", "欧阳娜娜", "Bo"}) {
    const std::string m = mask_name(name);
    EXPECT_NE(m, name);
    EXPECT_EQ(m.find(name.substr(1)), std::string::npos) << m;
  }
}

TEST(MaskPhone, KeepsTheLastFourDigits) {
  EXPECT_EQ(mask_phone("13812345678"), "*******5678");
  EXPECT_EQ(mask_phone("12345"), "*2345");
}

TEST(MaskPhone, AShortNumberIsStarredWhole) {
  EXPECT_EQ(mask_phone("1234"), "****");
  EXPECT_EQ(mask_phone("110"), "***");
  EXPECT_EQ(mask_phone(""), "");
}

}  // namespace
}  // namespace charter::org
