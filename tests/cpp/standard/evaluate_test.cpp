// The built-in standards evaluated on observations of real service: each rule met, broken, not
// applicable and unreadable, with the words a finding explains itself in.
//
// Calendar facts (China, shared/notes §4; the built-in "office" calendar opens 09:00-18:30):
// 2025-10-01..08 is the National Day holiday; 2025-09-28 (Sun) and 2025-10-11 (Sat) are make-up
// working days; 2025-10-09 is a Thursday and 2025-10-10 a Friday.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter/standard/evaluate.hpp"
#include "test_support.hpp"

namespace charter::standard {
namespace {

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }

Observation seen(std::string id, std::string kind, std::string_view local_at, std::vector<Field> fields,
                 std::string channel = "") {
  Observation o;
  o.id = std::move(id);
  o.kind = std::move(kind);
  o.at = test::local(office(), local_at);
  o.staff = "li.na";
  o.unit = "call_centre";
  o.channel = std::move(channel);
  o.fields = std::move(fields);
  return o;
}

// The one row of `standard` among the findings (fails the test when there is not exactly one).
std::size_t row_of(const Findings& f, const std::string& standard, std::size_t observation = 0) {
  std::size_t found = f.size();
  int count = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.observation()[i] == observation && f.standards()[f.standard()[i]].id() == standard) {
      found = i;
      ++count;
    }
  }
  EXPECT_EQ(count, 1) << "rows of " << standard;
  return found;
}

Findings one(const Observation& o) { return evaluate(builtin(), {o}); }

TEST(Evaluate, ACallAnsweredAfterTwoRingsMeetsR01) {
  const Findings f = one(seen("CALL-1", "call", "2025-10-09 10:00", {{"rings", "2"}}));
  const std::size_t i = row_of(f, "R-01");
  EXPECT_EQ(f.outcome()[i], Outcome::met);
  EXPECT_EQ(f.measured()[i], 2);
  EXPECT_EQ(f.bound()[i], 2);
  EXPECT_EQ(f.explanation(i), "CALL-1 R-01 met: rings before answering 2, at most 2 (owner cs_manager)");
}

TEST(Evaluate, ACallAnsweredAfterFourRingsBreaksR01AndR02DoesNotApply) {
  const Findings f = one(seen("CALL-2", "call", "2025-10-09 10:00", {{"rings", "4"}}));
  const std::size_t r01 = row_of(f, "R-01");
  EXPECT_EQ(f.outcome()[r01], Outcome::not_met);
  EXPECT_EQ(f.explanation(r01), "CALL-2 R-01 not met: rings before answering 4, at most 2 allowed (owner cs_manager)");
  const std::size_t r02 = row_of(f, "R-02");
  EXPECT_EQ(f.outcome()[r02], Outcome::not_applicable);
  EXPECT_EQ(f.explanation(r02), "CALL-2 R-02 not applicable: applies only when rings \u2265 5 (owner cs_manager)");
}

TEST(Evaluate, AfterFiveRingsTheCallerIsOwedAnApology) {
  const Findings sorry = one(seen("CALL-3", "call", "2025-10-09 10:00", {{"rings", "6"}, {"apology", "yes"}}));
  EXPECT_EQ(sorry.outcome()[row_of(sorry, "R-02")], Outcome::met);
  const Findings silent = one(seen("CALL-4", "call", "2025-10-09 10:00", {{"rings", "5"}}));
  const std::size_t i = row_of(silent, "R-02");
  EXPECT_EQ(silent.outcome()[i], Outcome::not_met);
  EXPECT_EQ(silent.explanation(i),
            "CALL-4 R-02 not met: apology is yes does not hold: no 'apology' recorded (owner cs_manager)");
  const Findings refused = one(seen("CALL-5", "call", "2025-10-09 10:00", {{"rings", "5"}, {"apology", "否"}}));
  EXPECT_EQ(refused.outcome()[row_of(refused, "R-02")], Outcome::not_met);
}

TEST(Evaluate, RingsThatAreNotANumberMakeTheCallInvalidNotPassed) {
  const Findings f = one(seen("CALL-6", "call", "2025-10-09 10:00", {{"rings", "four"}}));
  for (const char* id : {"R-01", "R-02"}) {
    const std::size_t i = row_of(f, id);
    EXPECT_EQ(f.outcome()[i], Outcome::invalid) << id;
    EXPECT_NE(f.explanation(i).find("field 'rings' is 'four', not a number"), std::string::npos) << f.explanation(i);
  }
  const Findings none = one(seen("CALL-7", "call", "2025-10-09 10:00", {}));
  const std::size_t i = row_of(none, "R-01");
  EXPECT_EQ(none.outcome()[i], Outcome::invalid);
  EXPECT_EQ(none.explanation(i), "CALL-7 R-01 invalid: no 'rings' recorded (owner cs_manager)");
  EXPECT_EQ(none.outcome()[row_of(none, "R-02")], Outcome::not_applicable);  // a fact not recorded
}

// Counts are read on a fast path (up to nine digits); everything else a number may be goes the
// long way, and both must agree on what is a number.
TEST(Evaluate, RingsAreReadAsWholeNumbersDecimalsOrExponentsAndNothingElse) {
  const std::vector<std::pair<std::string, double>> numbers = {
      {"2", 2}, {"02", 2}, {"0", 0}, {"123456789", 123456789}, {"1234567890", 1234567890},
      {"2.0", 2}, {"-1", -1}, {"3e0", 3}, {"000000000000002", 2}};
  for (const auto& [text, value] : numbers) {
    const Findings f = one(seen("CALL-N", "call", "2025-10-09 10:00", {{"rings", text}}));
    const std::size_t i = row_of(f, "R-01");
    EXPECT_NE(f.outcome()[i], Outcome::invalid) << text;
    EXPECT_EQ(f.measured()[i], value) << text;
  }
  for (const std::string text : {" 2", "2 ", "+2", "2x", "nan", "inf", "0x2", "\u0662", "1,5", ".", "1.2.3", "1..2"}) {
    const Findings f = one(seen("CALL-N", "call", "2025-10-09 10:00", {{"rings", text}}));
    EXPECT_EQ(f.outcome()[row_of(f, "R-01")], Outcome::invalid) << "'" << text << "'";
  }
}

TEST(Evaluate, ADecimalIsReadToTheNearestDoubleAsStrtodReadsIt) {
  // Minutes to a clear answer as a service desk writes them, and decimals whose nearest
  // double is not the digits over a power of ten computed carelessly: each must be the double
  // strtod gives, bit for bit, up to fifteen digits and past them.
  std::vector<std::string> texts = {"4.5",   "0.1",  "0.3",     "2.675",           "1.005",      "5.",
                                    ".5",    "4.50", "0.000001", "123456.789012345", "999999999999999",
                                    "9007199254740993", "0.1234567890123456", "1e-7", "12345678901234.5"};
  for (int cents = 0; cents < 1000; cents += 7) texts.push_back(std::to_string(cents / 100) + "." + std::to_string(cents % 100 / 10) + std::to_string(cents % 10));
  for (const std::string& text : texts) {
    const Findings f = one(seen("ENQ-N", "enquiry", "2025-10-09 10:00", {{"answer_minutes", text}}));
    const std::size_t i = row_of(f, "R-04");
    ASSERT_NE(f.outcome()[i], Outcome::invalid) << text;
    EXPECT_EQ(f.measured()[i], std::strtod(text.c_str(), nullptr)) << text;
  }
}

TEST(Evaluate, AnApologyIsAnsweredYesOrNoInAnyCaseOrInChinese) {
  for (const std::string yes : {"yes", "YES", "Yes", "y", "Y", "true", "TRUE", "1", "\u662F"}) {
    const Findings f = one(seen("CALL-Y", "call", "2025-10-09 10:00", {{"rings", "6"}, {"apology", yes}}));
    EXPECT_EQ(f.outcome()[row_of(f, "R-02")], Outcome::met) << yes;
  }
  for (const std::string no : {"no", "NO", "n", "False", "0", "\u5426"}) {
    const Findings f = one(seen("CALL-Y", "call", "2025-10-09 10:00", {{"rings", "6"}, {"apology", no}}));
    EXPECT_EQ(f.outcome()[row_of(f, "R-02")], Outcome::not_met) << no;
  }
  for (const std::string neither : {"yess", "falsey", "ye", "2", "\u662F\u7684", "yes!"}) {
    const Findings f = one(seen("CALL-Y", "call", "2025-10-09 10:00", {{"rings", "6"}, {"apology", neither}}));
    const std::size_t i = row_of(f, "R-02");
    EXPECT_EQ(f.outcome()[i], Outcome::invalid) << neither;
    EXPECT_NE(f.explanation(i).find("not yes or no"), std::string::npos) << f.explanation(i);
  }
}

TEST(Evaluate, AVisitorGreetedAfterSeventyFiveSecondsBreaksR03) {
  const Findings f = one(seen("VISIT-1", "visit", "2025-10-09 10:00", {{"greet_seconds", "75"}}));
  const std::size_t i = row_of(f, "R-03");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_EQ(f.explanation(i), "VISIT-1 R-03 not met: time to greet 75 seconds, at most 60 allowed (owner cs_manager)");
}

TEST(Evaluate, AClearAnswerWithinFourAndAHalfMinutesMeetsR04) {
  const Findings f = one(seen("ENQ-1", "enquiry", "2025-10-09 10:00", {{"answer_minutes", "4.5"}}));
  const std::size_t i = row_of(f, "R-04");
  EXPECT_EQ(f.outcome()[i], Outcome::met);
  EXPECT_EQ(f.measured()[i], 4.5);
  EXPECT_EQ(f.explanation(i), "ENQ-1 R-04 met: time to a clear answer 4.5 minutes, at most 5 (owner cs_manager)");
}

TEST(Evaluate, AnOnlineOrderReceivedInTheMorningIsMadeUpBeforeCloseTheSameDay) {
  const Findings f = one(seen("ORD-1", "order", "2025-10-09 10:00", {{"made_up_at", "2025-10-09 17:40"}}, "web"));
  const std::size_t i = row_of(f, "R-10");
  EXPECT_EQ(f.outcome()[i], Outcome::met);
  EXPECT_EQ(f.measured()[i], -50 * 60);  // 50 minutes early
  EXPECT_EQ(f.explanation(i),
            "ORD-1 R-10 met: made up 2025-10-09 17:40:00, due 2025-10-09 18:30:00 (end of business day) "
            "(owner cs_manager)");
}

TEST(Evaluate, AnOnlineOrderReceivedLateOnTheEveOfNationalDayIsDueByCloseOnTheNinth) {
  // 16:30 is after the 16:00 cut-off: the next business day after 30 September is 9 October.
  const Findings f = one(seen("ORD-2", "order", "2025-09-30 16:30", {{"made_up_at", "2025-10-09 12:00"}}, "web"));
  const std::size_t i = row_of(f, "R-10");
  EXPECT_EQ(f.outcome()[i], Outcome::met);
  EXPECT_NE(f.explanation(i).find("due 2025-10-09 18:30:00 (end of next business day, as local_time \u2265 16:00)"),
            std::string::npos)
      << f.explanation(i);
  const Findings late = one(seen("ORD-3", "order", "2025-09-30 16:30", {{"made_up_at", "2025-10-10 09:30"}}, "web"));
  EXPECT_EQ(late.outcome()[row_of(late, "R-10")], Outcome::not_met);
}

TEST(Evaluate, ALargeOrderHasUntilTheNextBusinessDay) {
  const Findings f = one(seen("ORD-4", "order", "2025-10-09 10:00",
                              {{"size", "large"}, {"made_up_at", "2025-10-10 18:00"}}, "web"));
  EXPECT_EQ(f.outcome()[row_of(f, "R-10")], Outcome::met);
  const Findings small = one(seen("ORD-5", "order", "2025-10-09 10:00",
                                  {{"size", "small"}, {"made_up_at", "2025-10-10 18:00"}}, "web"));
  EXPECT_EQ(small.outcome()[row_of(small, "R-10")], Outcome::not_met);
}

TEST(Evaluate, AnOrderNeverMadeUpIsNotMetAndSaysWhenItWasDue) {
  const Findings f = one(seen("ORD-6", "order", "2025-10-09 10:00", {}, "web"));
  const std::size_t i = row_of(f, "R-10");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_TRUE(std::isnan(f.measured()[i]));
  EXPECT_EQ(f.explanation(i),
            "ORD-6 R-10 not met: not made up: no 'made_up_at' recorded; due 2025-10-09 18:30:00 (end of business "
            "day) (owner cs_manager)");
}

TEST(Evaluate, AnOrderByPhoneIsOutsideR10sChannel) {
  const Findings f = one(seen("ORD-7", "order", "2025-10-09 10:00", {}, "phone"));
  EXPECT_TRUE(f.empty());
}

TEST(Evaluate, AMadeUpTimeThatIsNotATimeIsInvalid) {
  const Findings f = one(seen("ORD-8", "order", "2025-10-09 10:00", {{"made_up_at", "yesterday"}}, "web"));
  const std::size_t i = row_of(f, "R-10");
  EXPECT_EQ(f.outcome()[i], Outcome::invalid);
  EXPECT_NE(f.explanation(i).find("field 'made_up_at' is 'yesterday', not a date and time"), std::string::npos);
}

TEST(Evaluate, AnInstantWithAnOffsetIsExact) {
  // 09:40 UTC is 17:40 in Shanghai.
  const Findings f = one(seen("ORD-9", "order", "2025-10-09 10:00", {{"made_up_at", "2025-10-09T09:40:00Z"}}, "web"));
  EXPECT_EQ(f.measured()[row_of(f, "R-10")], -50 * 60);
}

TEST(Evaluate, AWebMessageLeftOnFridayEveningIsAnsweredByMondayClose) {
  // 2025-10-10 is a Friday; 2025-10-11 (Sat) is a make-up working day, so the next business day is
  // the Saturday.
  const Findings f = one(seen("MSG-1", "web_message", "2025-10-10 19:00", {{"answered_at", "2025-10-13 10:00"}}));
  const std::size_t i = row_of(f, "R-11");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_NE(f.explanation(i).find("due 2025-10-11 18:30:00"), std::string::npos) << f.explanation(i);
}

TEST(Evaluate, LoggingInFiveMinutesBeforeAVideoSessionIsTooLate) {
  const Findings early = one(seen("VID-1", "video_session", "2025-10-09 15:00", {{"logged_in_at", "2025-10-09 14:48"}}));
  EXPECT_EQ(early.outcome()[row_of(early, "R-12")], Outcome::met);
  EXPECT_EQ(early.measured()[row_of(early, "R-12")], 12);
  const Findings late = one(seen("VID-2", "video_session", "2025-10-09 15:00", {{"logged_in_at", "2025-10-09 14:55"}}));
  const std::size_t i = row_of(late, "R-12");
  EXPECT_EQ(late.outcome()[i], Outcome::not_met);
  EXPECT_EQ(late.explanation(i),
            "VID-2 R-12 not met: lead time before the session 5 minutes, at least 10 needed (owner cs_manager)");
}

TEST(Evaluate, TheCustomerIsPhonedTheDayTheGoodsLeave) {
  const Findings f = one(seen("SHIP-1", "shipment", "2025-10-09 16:00", {{"phoned_at", "2025-10-10 09:10"}}));
  EXPECT_EQ(f.outcome()[row_of(f, "R-14")], Outcome::not_met);
  const Findings ok = one(seen("SHIP-2", "shipment", "2025-10-09 16:00", {{"phoned_at", "2025-10-09 16:20"}}));
  EXPECT_EQ(ok.outcome()[row_of(ok, "R-14")], Outcome::met);
}

TEST(Evaluate, ThePhoneLogNamesWhatIsMissing) {
  const Findings f = one(seen("CALL-8", "call", "2025-10-09 10:00",
                              {{"rings", "1"}, {"caller_name", "王先生"}, {"matter", "订单查询"}, {"read_back", "yes"}}));
  const std::size_t i = row_of(f, "phone_log");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_EQ(f.measured()[i], 2);
  EXPECT_EQ(f.explanation(i), "CALL-8 phone_log not met: not recorded: location, reason (owner cs_manager)");
  EXPECT_EQ(f.outcome()[row_of(f, "phone_read_back")], Outcome::met);
}

TEST(Evaluate, AForbiddenPhraseIsFoundWhateverItsPunctuation) {
  for (const char* said : {"喂,干什么？", "喂，干什么", "喂 干什么", "您好，喂， 干什么"}) {
    const Findings f = one(seen("CALL-9", "call", "2025-10-09 10:00", {{"rings", "1"}, {"transcript", said}}));
    const std::size_t i = row_of(f, "forbidden_phrases");
    EXPECT_EQ(f.outcome()[i], Outcome::not_met) << said;
    EXPECT_EQ(f.measured()[i], 1) << said;
  }
  const Findings f = one(seen("CALL-10", "call", "2025-10-09 10:00", {{"transcript", "您好，喂，干什么"}}));
  EXPECT_EQ(f.explanation(row_of(f, "forbidden_phrases")),
            "CALL-10 forbidden_phrases not met: forbidden in 'transcript': '喂，干什么' at character 4 "
            "(owner cs_manager)");
}

TEST(Evaluate, ACallWithoutATranscriptIsNotCheckedForPhrases) {
  const Findings f = one(seen("CALL-11", "call", "2025-10-09 10:00", {{"rings", "1"}}));
  EXPECT_EQ(f.outcome()[row_of(f, "forbidden_phrases")], Outcome::not_applicable);
  EXPECT_EQ(f.outcome()[row_of(f, "polite_greeting")], Outcome::not_applicable);
}

TEST(Evaluate, ACallThatNeverSaysNinHaoBreaksThePoliteGreeting) {
  const Findings f = one(seen("CALL-12", "call", "2025-10-09 10:00", {{"transcript", "喂？天竺工坊。"}}));
  const std::size_t i = row_of(f, "polite_greeting");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_NE(f.explanation(i).find("none of the required phrases in 'transcript'"), std::string::npos);
  const Findings polite = one(seen("CALL-13", "call", "2025-10-09 10:00", {{"transcript", "您好，天竺工坊"}}));
  EXPECT_EQ(polite.outcome()[row_of(polite, "polite_greeting")], Outcome::met);
  EXPECT_EQ(polite.outcome()[row_of(polite, "forbidden_phrases")], Outcome::met);
}

TEST(Evaluate, GoodsCountedWithoutTheCustomerNeedTwoDifferentSigners) {
  const Findings twice = one(seen("PACK-1", "packing", "2025-10-09 10:00",
                                  {{"customer_present", "no"}, {"signers", "li.na;li.na"}}));
  const std::size_t i = row_of(twice, "four_eyes");
  EXPECT_EQ(twice.outcome()[i], Outcome::not_met);
  EXPECT_EQ(twice.explanation(i),
            "PACK-1 four_eyes not met: signed by 1 different staff ('signers' is 'li.na;li.na'), at least 2 "
            "needed (owner cs_manager)");
  const Findings two = one(seen("PACK-2", "packing", "2025-10-09 10:00",
                                {{"customer_present", "no"}, {"signers", "li.na; wang.fang"}}));
  EXPECT_EQ(two.outcome()[row_of(two, "four_eyes")], Outcome::met);
  const Findings present = one(seen("PACK-3", "packing", "2025-10-09 10:00", {{"customer_present", "yes"}}));
  EXPECT_EQ(present.outcome()[row_of(present, "four_eyes")], Outcome::not_applicable);
  const Findings nobody = one(seen("PACK-4", "packing", "2025-10-09 10:00", {{"customer_present", "no"}}));
  EXPECT_EQ(nobody.outcome()[row_of(nobody, "four_eyes")], Outcome::not_met);
}

TEST(Evaluate, ACustomerRecordMustExistBeforeCheckout) {
  const Findings before = one(seen("PAY-1", "checkout", "2025-10-09 10:00", {{"record_created_at", "2025-10-09 09:58"}}));
  const std::size_t i = row_of(before, "customer_record");
  EXPECT_EQ(before.outcome()[i], Outcome::met);
  EXPECT_EQ(before.explanation(i), "PAY-1 customer_record met: customer record created recorded before it (owner after_sales_supervisor)");
  const Findings after = one(seen("PAY-2", "checkout", "2025-10-09 10:00", {{"record_created_at", "2025-10-09 10:05"}}));
  EXPECT_EQ(after.outcome()[row_of(after, "customer_record")], Outcome::not_met);
  const Findings never = one(seen("PAY-3", "checkout", "2025-10-09 10:00", {}));
  EXPECT_EQ(never.explanation(row_of(never, "customer_record")),
            "PAY-3 customer_record not met: no customer record created ('record_created_at' not recorded) (owner "
            "after_sales_supervisor)");
}

TEST(Evaluate, ThaiSilverIsRefusedForRepairWithTheReason) {
  const Findings refused = one(seen("REP-1", "repair_request", "2025-10-09 10:00",
                                    {{"material", "thai_silver"}, {"accepted", "no"}}));
  const std::size_t i = row_of(refused, "thai_silver_repairs");
  EXPECT_EQ(refused.outcome()[i], Outcome::met);
  EXPECT_EQ(refused.explanation(i),
            "REP-1 thai_silver_repairs met: refused: Thai silver is not accepted for repair (owner cs_manager)");
  const Findings taken = one(seen("REP-2", "repair_request", "2025-10-09 10:00",
                                  {{"material", "thai_silver"}, {"accepted", "yes"}}));
  EXPECT_EQ(taken.outcome()[row_of(taken, "thai_silver_repairs")], Outcome::not_met);
  const Findings silver = one(seen("REP-3", "repair_request", "2025-10-09 10:00",
                                   {{"material", "sterling_silver"}, {"accepted", "yes"}}));
  EXPECT_EQ(silver.explanation(row_of(silver, "thai_silver_repairs")),
            "REP-3 thai_silver_repairs not applicable: no exclusion applies: the request is within the accepted "
            "scope (owner cs_manager)");
  const Findings undecided = one(seen("REP-4", "repair_request", "2025-10-09 10:00", {{"material", "thai_silver"}}));
  EXPECT_EQ(undecided.outcome()[row_of(undecided, "thai_silver_repairs")], Outcome::invalid);
}

TEST(Evaluate, SelfCollectedWholesaleGoodsAreNotTakenBack) {
  const Findings f = one(seen("RET-1", "return_request", "2025-10-09 10:00",
                              {{"customer_type", "wholesale"}, {"collection", "self"}, {"accepted", "yes"}}));
  EXPECT_EQ(f.outcome()[row_of(f, "returns_self_collected")], Outcome::not_met);
  const Findings shipped = one(seen("RET-2", "return_request", "2025-10-09 10:00",
                                    {{"customer_type", "wholesale"}, {"collection", "shipped"}, {"accepted", "yes"}}));
  EXPECT_EQ(shipped.outcome()[row_of(shipped, "returns_self_collected")], Outcome::not_applicable);
}

TEST(Evaluate, AQualityFaultIsSeenOnVideoBeforeTheExchange) {
  const Findings f = one(seen("RET-3", "return_request", "2025-10-09 10:00",
                              {{"reason", "quality_fault"}, {"accepted", "yes"}}));
  EXPECT_EQ(f.outcome()[row_of(f, "returns_quality_video")], Outcome::not_met);
  const Findings seen_first = one(seen("RET-4", "return_request", "2025-10-09 10:00",
                                       {{"reason", "quality_fault"}, {"accepted", "yes"},
                                        {"video_checked_at", "2025-10-08 15:00"}}));
  EXPECT_EQ(seen_first.outcome()[row_of(seen_first, "returns_quality_video")], Outcome::met);
}

TEST(Evaluate, FranchiseReturnsStayWithinTheContractRatio) {
  const Findings f = one(seen("RET-5", "return_request", "2025-10-09 10:00",
                              {{"customer_type", "franchisee"}, {"accepted", "yes"}, {"within_contract_ratio", "no"}}));
  EXPECT_EQ(f.outcome()[row_of(f, "returns_franchise_ratio")], Outcome::not_met);
}

TEST(Evaluate, CustomerDataGoesOnlyToTheCustomer) {
  const Findings f = one(seen("DATA-1", "data_request", "2025-10-09 10:00", {{"requester", "neighbour"}, {"accepted", "yes"}}));
  const std::size_t i = row_of(f, "customer_privacy");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_EQ(f.explanation(i),
            "DATA-1 customer_privacy not met: accepted although customer data is given only to the customer or "
            "someone they authorised (owner after_sales_supervisor)");
  const Findings own = one(seen("DATA-2", "data_request", "2025-10-09 10:00", {{"requester", "customer"}, {"accepted", "yes"}}));
  EXPECT_EQ(own.outcome()[row_of(own, "customer_privacy")], Outcome::not_applicable);
}

TEST(Evaluate, ConsignedGoodsAreListedAndSigned) {
  const Findings f = one(seen("CON-1", "consignment", "2025-10-09 10:00", {{"numbered_list", "yes"}, {"customer_signed", "no"}}));
  const std::size_t i = row_of(f, "consignment_list");
  EXPECT_EQ(f.outcome()[i], Outcome::not_met);
  EXPECT_EQ(f.explanation(i),
            "CON-1 consignment_list not met: customer_signed is yes does not hold: 'customer_signed' is 'no' "
            "(owner cs_manager)");
}

TEST(Evaluate, RowsFollowObservationsThenTheCharterOrder) {
  const std::vector<Observation> obs = {
      seen("A", "call", "2025-10-09 10:00", {{"rings", "1"}}),
      seen("B", "nothing_we_check", "2025-10-09 10:00", {}),
      seen("C", "visit", "2025-10-09 10:00", {{"greet_seconds", "10"}}),
  };
  const Findings f = evaluate(builtin(), obs);
  std::vector<std::string> seen_rows;
  for (std::size_t i = 0; i < f.size(); ++i) {
    seen_rows.push_back(std::string(f.observation_id(i)) + " " + f.standards()[f.standard()[i]].id());
  }
  EXPECT_EQ(seen_rows, (std::vector<std::string>{"A R-01", "A R-02", "A phone_log", "A phone_read_back",
                                                 "A forbidden_phrases", "A polite_greeting", "C R-03",
                                                 "C forbidden_phrases"}));
  EXPECT_EQ(f.observation(), (Findings::Column<std::uint64_t>{0, 0, 0, 0, 0, 0, 2, 2}));
}

TEST(Evaluate, FindingsCarryWhoWhereAndWhen) {
  Observation o = seen("", "visit", "2025-10-09 10:00", {{"greet_seconds", "10"}}, "front_desk");
  o.staff = "wang.fang";
  o.unit = "front_desk";
  const Findings f = one(o);
  const Finding row = f.row(row_of(f, "R-03"));
  EXPECT_EQ(row.observation_id, "");
  EXPECT_EQ(row.staff, "wang.fang");
  EXPECT_EQ(row.unit, "front_desk");
  EXPECT_EQ(row.channel, "front_desk");
  EXPECT_EQ(row.owner, "cs_manager");
  EXPECT_EQ(row.at, o.at);
  EXPECT_EQ(row.explanation, "observation 1 R-03 met: time to greet 10 seconds, at most 60 (owner cs_manager)");
  EXPECT_THROW(f.row(f.size()), std::out_of_range);
  EXPECT_THROW(f.explanation(f.size()), std::out_of_range);
}

TEST(Evaluate, NoObservationsNoFindings) {
  const Findings f = evaluate(builtin(), {});
  EXPECT_TRUE(f.empty());
  EXPECT_EQ(f.standards().size(), builtin().standards().size());
}

// No standard applies to an observation of no kind or of a kind nobody names: no rows, and the
// observations around it are judged as usual (its empty name is hashed like any other).
TEST(Evaluate, AnObservationOfNoKnownKindGivesNoRows) {
  const Findings f = evaluate(builtin(), {seen("X-1", "", "2025-10-09 10:00", {{"rings", "9"}}),
                                          seen("X-2", "parcel", "2025-10-09 10:00", {}),
                                          seen("CALL-1", "call", "2025-10-09 10:00", {{"rings", "2"}})});
  for (std::size_t i = 0; i < f.size(); ++i) EXPECT_EQ(f.observation()[i], 2u) << f.explanation(i);
  EXPECT_EQ(f.outcome()[row_of(f, "R-01", 2)], Outcome::met);
}

TEST(Evaluate, AnObservationWithoutAnInstantIsInvalidForEveryStandard) {
  Observation o = seen("X", "call", "2025-10-09 10:00", {{"rings", "1"}});
  o.at = boost::posix_time::ptime();
  const Findings f = one(o);
  ASSERT_FALSE(f.empty());
  for (std::size_t i = 0; i < f.size(); ++i) EXPECT_EQ(f.outcome()[i], Outcome::invalid);
  EXPECT_TRUE(f.row(0).at.is_not_a_date_time());
}

TEST(Evaluate, TheSameObservationsGiveTheSameFindings) {
  std::vector<Observation> obs;
  for (int k = 0; k < 200; ++k) {
    obs.push_back(seen("CALL-" + std::to_string(k), "call", "2025-10-09 10:00",
                       {{"rings", std::to_string(k % 8)}, {"apology", k % 3 ? "yes" : "no"}}));
    obs.push_back(seen("ORD-" + std::to_string(k), "order", "2025-10-09 15:59",
                       {{"made_up_at", k % 2 ? "2025-10-09 18:00" : "2025-10-10 18:00"}}, "web"));
  }
  const Findings a = evaluate(builtin(), obs);
  const Findings b = evaluate(builtin(), obs);
  EXPECT_EQ(a, b);
  std::vector<Observation> changed = obs;
  changed[5].fields[0].value = "7";
  EXPECT_NE(a, evaluate(builtin(), changed));
}

}  // namespace
}  // namespace charter::standard
