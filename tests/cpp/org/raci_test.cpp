// RACI letters, subjects and ids: the vocabulary in which duties say what a role answers for.
//
// Facts relied on (include/charter/org/raci.hpp, docs/charter-file.md):
//   R responsible does the work, A accountable answers for it, C is consulted, I is informed;
//   a subject is an action, a standard (by rule id) or a cycle (by id);
//   ids are 1..64 characters of [A-Za-z0-9_.-] starting with a letter or digit.

#include "charter/org/raci.hpp"

#include <gtest/gtest.h>

#include <string>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::org {
namespace {

TEST(Raci, EachLetterNamesItsRole) {
  EXPECT_EQ(raci_letter(Raci::responsible), 'R');
  EXPECT_EQ(raci_letter(Raci::accountable), 'A');
  EXPECT_EQ(raci_letter(Raci::consulted), 'C');
  EXPECT_EQ(raci_letter(Raci::informed), 'I');
}

TEST(Raci, ParsesLettersAndWordsInAnyCase) {
  EXPECT_EQ(parse_raci("R"), Raci::responsible);
  EXPECT_EQ(parse_raci("A"), Raci::accountable);
  EXPECT_EQ(parse_raci("C"), Raci::consulted);
  EXPECT_EQ(parse_raci("I"), Raci::informed);
  EXPECT_EQ(parse_raci("r"), Raci::responsible);
  EXPECT_EQ(parse_raci("Accountable"), Raci::accountable);
  EXPECT_EQ(parse_raci("CONSULTED"), Raci::consulted);
  EXPECT_EQ(parse_raci("informed"), Raci::informed);
}

TEST(Raci, EveryLetterRoundTripsThroughItsText) {
  for (Raci r : {Raci::responsible, Raci::accountable, Raci::consulted, Raci::informed}) {
    EXPECT_EQ(parse_raci(std::string(1, raci_letter(r))), r);
  }
}

TEST(Raci, AnythingElseIsAParseErrorNamingTheText) {
  CHARTER_EXPECT_THROW_MSG(parse_raci("X"), ParseError,
                           "'X' is not a RACI letter (R, A, C or I)");
  CHARTER_EXPECT_THROW_MSG(parse_raci(""), ParseError, "'' is not a RACI letter");
  CHARTER_EXPECT_THROW_MSG(parse_raci("RA"), ParseError, "'RA' is not a RACI letter");
  CHARTER_EXPECT_THROW_MSG(parse_raci("resp"), ParseError, "'resp' is not a RACI letter");
}

TEST(Subject, TextNamesTheKindThenTheId) {
  EXPECT_EQ((Subject{SubjectKind::action, "complaint.escalate"}.text()), "action complaint.escalate");
  EXPECT_EQ((Subject{SubjectKind::standard, "R-05"}.text()), "standard R-05");
  EXPECT_EQ((Subject{SubjectKind::cycle, "R-23"}.text()), "cycle R-23");
  EXPECT_STREQ(subject_kind_name(SubjectKind::action), "action");
  EXPECT_STREQ(subject_kind_name(SubjectKind::standard), "standard");
  EXPECT_STREQ(subject_kind_name(SubjectKind::cycle), "cycle");
}

TEST(Subject, TheSameIdOfDifferentKindsIsADifferentSubject) {
  const Subject as_standard{SubjectKind::standard, "R-05"};
  const Subject as_cycle{SubjectKind::cycle, "R-05"};
  EXPECT_NE(as_standard, as_cycle);
  EXPECT_TRUE(as_standard < as_cycle || as_cycle < as_standard);
  EXPECT_EQ(as_standard, (Subject{SubjectKind::standard, "R-05"}));
  EXPECT_FALSE(as_standard < as_standard);
}

TEST(Responsibility, EqualOnlyWhenSubjectAndLetterAgree) {
  const Responsibility r{{SubjectKind::action, "complaint.close"}, Raci::responsible};
  EXPECT_EQ(r, (Responsibility{{SubjectKind::action, "complaint.close"}, Raci::responsible}));
  EXPECT_NE(r, (Responsibility{{SubjectKind::action, "complaint.close"}, Raci::accountable}));
  EXPECT_NE(r, (Responsibility{{SubjectKind::action, "complaint.open"}, Raci::responsible}));
}

TEST(Ids, TheIdsOfTheRulebookAreValid) {
  // Examples from docs/charter-file.md.
  for (const char* id : {"cs_manager", "complaint.escalate", "R-05", "s-0001", "qa_staff", "R-23",
                         "0day", "a"}) {
    EXPECT_TRUE(is_valid_id(id)) << id;
  }
  EXPECT_TRUE(is_valid_id(std::string(64, 'x')));
}

TEST(Ids, EmptyLongPunctuatedSpacedOrChineseIdsAreInvalid) {
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id(std::string(65, 'x')));    // more than 64 characters
  EXPECT_FALSE(is_valid_id("_hidden"));               // must start with a letter or digit
  EXPECT_FALSE(is_valid_id(".dot"));
  EXPECT_FALSE(is_valid_id("-dash"));
  EXPECT_FALSE(is_valid_id("cs manager"));            // no spaces
  EXPECT_FALSE(is_valid_id("cs/manager"));
  EXPECT_FALSE(is_valid_id("role:x"));
  EXPECT_FALSE(is_valid_id("经理"));                   // Chinese belongs in names, never in ids
  EXPECT_FALSE(is_valid_id(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace charter::org
