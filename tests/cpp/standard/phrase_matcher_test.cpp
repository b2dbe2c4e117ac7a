// Forbidden phrases (服务忌语): the source's list found in transcripts whatever punctuation and
// spaces the agent typed, with exact byte and character positions.
//
// The source's forbidden phrases: 老头, 老太婆, 神经病, 喂,干什么, 叫什么,等一会儿. Byte sizes
// used below: a Chinese character, CJK punctuation and a full-width form are 3 bytes in UTF-8,
// ASCII is 1. Offsets are half-open.

#include "charter/standard/phrase_matcher.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "standard/phrase_reference.hpp"
#include "test_support.hpp"

namespace charter::standard {

// Printed by GoogleTest when a comparison fails.
void PrintTo(const PhraseHit& h, std::ostream* os) {
  *os << "{phrase " << h.phrase << ", bytes [" << h.begin << ", " << h.end << "), chars ["
      << h.char_begin << ", " << h.char_end << ")}";
}

namespace {

using Hits = std::vector<PhraseHit>;
using test::reference_find_all;
using test::reference_fold;

const std::vector<std::string> kSourcePhrases = {"老头", "老太婆", "神经病", "喂,干什么",
                                                 "叫什么,等一会儿"};

const PhraseMatcher& source_list() {
  static const PhraseMatcher m(kSourcePhrases);
  return m;
}

// Characters in UTF-8 text.
std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// ---------------------------------------------------------------------------------------------
// The source's list

TEST(PhraseMatcher, PoliteServiceSentencesHitNothing) {
  const std::string text = "您好，请问有什么可以帮您？请稍等。对不起，让您久等了。"
                           "老先生，您的问题我们已经记下了，请您放心。";
  EXPECT_FALSE(source_list().contains_any(text));
  EXPECT_EQ(source_list().count(text), 0u);
  EXPECT_TRUE(source_list().find_all(text).empty());
}

TEST(PhraseMatcher, HeaderExample) {
  // 喂，干什么 is bytes [0, 15), chars [0, 5); ？ is char 5; 叫什么 等一会儿 starts at byte 18.
  EXPECT_FALSE(source_list().contains_any("您好，请问有什么可以帮您？"));
  EXPECT_EQ(source_list().find_all("喂，干什么？叫什么 等一会儿"),
            (Hits{{3, 0, 15, 0, 5}, {4, 18, 40, 6, 14}}));
  EXPECT_EQ(fold_phrase_text("喂，  干什么？"), "喂 干什么");
}

TEST(PhraseMatcher, EveryForbiddenPhraseOfTheSourceIsFound) {
  // chars: 您好 0-1, 老头 2-3, ， 4, 神经病 5-7, ！ 8, 喂 9, ',' 10, 干什么 11-13, 。 14,
  // 叫什么 15-17, 、 18, 等一会儿 19-22, 老太婆 23-25.
  const std::string text = "您好老头，神经病！喂,干什么。叫什么、等一会儿老太婆";
  EXPECT_EQ(source_list().find_all(text), (Hits{{0, 6, 12, 2, 4},
                                                {2, 15, 24, 5, 8},
                                                {3, 27, 40, 9, 14},
                                                {4, 43, 67, 15, 23},
                                                {1, 67, 76, 23, 26}}));
  EXPECT_EQ(source_list().count(text), 5u);
  EXPECT_TRUE(source_list().contains_any(text));
}

// ---------------------------------------------------------------------------------------------
// Folding: punctuation, spaces, width, case

TEST(PhraseMatcher, PunctuationAndSpaceVariantsAreAlike) {
  // 喂,干什么 = 喂，干什么 = 喂 干什么 = …: any run of separators between 喂 and 干什么.
  const std::vector<std::string> separators = {
      ",", "，", " ", "　", " ， ", "、", "。", "\t", "\n", "\r\n", "...", "…", "——", "·",
      "；", "！？", "：", "-", "～", "「", "《", "【", "‘", "“",
      "\xC2\xA0",      // no-break space
      "\xE2\x80\x8B",  // zero-width space (general punctuation)
      "\xEF\xBB\xBF",  // U+FEFF
      "\xE2\xB8\xBA",  // ⸺ two-em dash (supplemental punctuation)
      "｡", "､", "︐", "﹐", "︰", "\x01", "、 、", "!!!", "\xE1\x9A\x80" /* U+1680 */};
  for (const auto& sep : separators) {
    const std::string text = "喂" + sep + "干什么";
    EXPECT_EQ(source_list().find_all(text), (Hits{{3, 0, text.size(), 0, chars(text)}}))
        << "separator '" << sep << "'";
  }
}

TEST(PhraseMatcher, NoSeparatorIsNotTheSamePhrase) {
  // A separator in the phrase needs one in the text, and the reverse: lists hold both forms.
  EXPECT_FALSE(source_list().contains_any("喂干什么"));
  const PhraseMatcher joined({"喂干什么"});
  EXPECT_FALSE(joined.contains_any("喂，干什么"));
  EXPECT_TRUE(joined.contains_any("喂干什么"));
  const PhraseMatcher both({"喂,干什么", "喂干什么"});
  EXPECT_EQ(both.find_all("喂干什么。喂，干什么"), (Hits{{1, 0, 12, 0, 4}, {0, 15, 30, 5, 10}}));
}

TEST(PhraseMatcher, SeparatorsAroundAPhraseAreNotPartOfTheHit) {
  // "，，老头。" : the hit is 老头 alone, bytes [6, 12), chars [2, 4).
  EXPECT_EQ(source_list().find_all("，，老头。"), (Hits{{0, 6, 12, 2, 4}}));
  // Leading and trailing separators of a phrase are dropped: "，老头！" is the phrase 老头.
  const PhraseMatcher m({"，老头！"});
  EXPECT_EQ(m.find_all("老头"), (Hits{{0, 0, 6, 0, 2}}));
}

TEST(PhraseMatcher, FullWidthLatinFoldsToLowerCaseAscii) {
  const PhraseMatcher m({"shut up"});
  for (const std::string text : {"ＳＨＵＴ　ＵＰ", "shut up", "Shut Up!", "SHUT-UP", "ｓｈｕｔ，ｕｐ",
                                 "ShUt\t\tuP"}) {
    EXPECT_EQ(m.count(text), 1u) << text;
  }
  EXPECT_FALSE(m.contains_any("shutup"));
  EXPECT_TRUE(m.contains_any("shut upstairs"));  // characters, not words: "shut up" is in it
  // ＳＨＵＴ　ＵＰ: 7 full-width characters, 21 bytes, preceded by 你 (3 bytes).
  EXPECT_EQ(m.find_all("你ＳＨＵＴ　ＵＰ"), (Hits{{0, 3, 24, 1, 8}}));
  // The phrase may be written in full width too.
  const PhraseMatcher wide({"ＳＨＵＴ　ＵＰ"});
  EXPECT_EQ(wide.find_all("shut up"), (Hits{{0, 0, 7, 0, 7}}));
  EXPECT_EQ(fold_phrase_text("ＳＨＵＴ　ＵＰ"), "shut up");
}

TEST(PhraseMatcher, DigitsAndLettersAreCharacters) {
  const PhraseMatcher m({"投诉110", "二〇二五"});
  EXPECT_TRUE(m.contains_any("我要投诉１１０"));  // full-width digits fold to ASCII
  EXPECT_FALSE(m.contains_any("我要投诉 110"));
  EXPECT_FALSE(m.contains_any("投诉11 0"));
  // 〇 is a number in the CJK symbols block, not a separator.
  EXPECT_EQ(fold_phrase_text("二〇二五"), "二〇二五");
  EXPECT_TRUE(m.contains_any("二〇二五年"));
  EXPECT_FALSE(m.contains_any("二 二五"));
  // Non-ASCII letters keep their case: É is not é.
  EXPECT_FALSE(PhraseMatcher({"café"}).contains_any("CAFÉ"));
  EXPECT_TRUE(PhraseMatcher({"café"}).contains_any("CAFé"));
}

TEST(PhraseMatcher, FoldPhraseTextWritesOneSpacePerRun) {
  EXPECT_EQ(fold_phrase_text("喂，  干什么？"), "喂 干什么");
  EXPECT_EQ(fold_phrase_text("叫什么、、等一会儿"), "叫什么 等一会儿");
  EXPECT_EQ(fold_phrase_text(" Hello,World "), "hello world");
  EXPECT_EQ(fold_phrase_text("，。"), "");
  EXPECT_EQ(fold_phrase_text(""), "");
  EXPECT_EQ(fold_phrase_text("¥100"), "¥100");  // U+00A5 is a character; only U+00B7 and U+00A0 of
                                                // Latin-1's symbols are separators
  CHARTER_EXPECT_THROW_MSG(fold_phrase_text("老\xFF头"), ParseError,
                           "phrase '老\\xFF头': not UTF-8: its byte 4 (0xFF)");
}

// ---------------------------------------------------------------------------------------------
// Hits: overlap, order, edges

TEST(PhraseMatcher, OverlappingPhrasesAllHit) {
  // 老太 and 老太婆 both hit in 老太婆; by end, then phrase index.
  const PhraseMatcher m({"老太婆", "老太", "太婆"});
  EXPECT_EQ(m.find_all("这个老太婆"),
            (Hits{{1, 6, 12, 2, 4}, {0, 6, 15, 2, 5}, {2, 9, 15, 3, 5}}));
  // One phrase overlapping itself.
  EXPECT_EQ(PhraseMatcher({"哈哈"}).find_all("哈哈哈"), (Hits{{0, 0, 6, 0, 2}, {0, 3, 9, 1, 3}}));
  // A phrase inside another, with a separator in the longer one.
  const PhraseMatcher n({"干什么", "喂,干什么"});
  EXPECT_EQ(n.find_all("喂，干什么"), (Hits{{0, 6, 15, 2, 5}, {1, 0, 15, 0, 5}}));
}

TEST(PhraseMatcher, PhraseAtStartAndAtEndOfText) {
  EXPECT_EQ(source_list().find_all("老头"), (Hits{{0, 0, 6, 0, 2}}));
  EXPECT_EQ(source_list().find_all("老头你好神经病"), (Hits{{0, 0, 6, 0, 2}, {2, 12, 21, 4, 7}}));
  EXPECT_TRUE(source_list().find_all("老").empty());
  EXPECT_TRUE(source_list().find_all("老太").empty());
}

TEST(PhraseMatcher, HitStraddlingALineBreak) {
  // The agent's note wraps after the comma: a line break is whitespace.
  EXPECT_EQ(source_list().find_all("喂，\n干什么"), (Hits{{3, 0, 16, 0, 6}}));
  EXPECT_EQ(source_list().find_all("叫什么\r\n\r\n等一会儿"), (Hits{{4, 0, 25, 0, 11}}));
}

TEST(PhraseMatcher, EmptyTextAndEmptyList) {
  EXPECT_TRUE(source_list().find_all("").empty());
  EXPECT_FALSE(source_list().contains_any(""));
  EXPECT_EQ(source_list().count(""), 0u);
  const PhraseMatcher none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_TRUE(none.find_all("老头 神经病").empty());
  EXPECT_FALSE(none.contains_any("老头"));
  EXPECT_EQ(PhraseMatcher(std::vector<std::string>{}), none);
}

TEST(PhraseMatcher, DuplicatesKeepTheirIndices) {
  // 老头 and "老头。" fold the same; each hits with its own index.
  const PhraseMatcher m({"老头", "神经病", "老头。", "老头"});
  EXPECT_EQ(m.find_all("老头"), (Hits{{0, 0, 6, 0, 2}, {2, 0, 6, 0, 2}, {3, 0, 6, 0, 2}}));
  EXPECT_EQ(m.count("老头老头"), 6u);
}

TEST(PhraseMatcher, SingleCharacterAndAsciiPhrases) {
  const PhraseMatcher m({"滚", "sb", "tmd"});
  EXPECT_EQ(m.find_all("你滚SB，TMD"), (Hits{{0, 3, 6, 1, 2}, {1, 6, 8, 2, 4}, {2, 11, 14, 5, 8}}));
  // Letter-level: "sb" inside a word is a hit too; a charter that wants words lists them spaced.
  EXPECT_TRUE(m.contains_any("jsbx"));
}

TEST(PhraseMatcher, ManyDuplicatesAndSuffixesStaySmall) {
  // 10,000 copies of "a" and a phrase of 10,000 a's (20 KB): each state links to the next
  // shorter phrase ending with it instead of copying its list (which would hold 10^8 entries).
  std::vector<std::string> phrases(10000, "a");
  phrases.push_back(std::string(10000, 'a'));
  const PhraseMatcher m(phrases);
  const Hits hits = m.find_all("aaa");
  ASSERT_EQ(hits.size(), 30000u);
  EXPECT_EQ(hits.front(), (PhraseHit{0, 0, 1, 0, 1}));
  EXPECT_EQ(hits[9999], (PhraseHit{9999, 0, 1, 0, 1}));
  EXPECT_EQ(hits.back(), (PhraseHit{9999, 2, 3, 2, 3}));
  EXPECT_EQ(m.count(std::string(10000, 'a')), 10000u * 10000u + 1);
  // Suffix chains: 老太婆 ends where 太婆 and 婆 end; all three, by phrase index.
  const PhraseMatcher chain({"婆", "老太婆", "太婆", "婆"});
  EXPECT_EQ(chain.find_all("老太婆"),
            (Hits{{0, 6, 9, 2, 3}, {1, 0, 9, 0, 3}, {2, 3, 9, 1, 3}, {3, 6, 9, 2, 3}}));
}

TEST(PhraseMatcher, HitsSharingALongSeparatorRun) {
  // 700 phrases "x,y" … "x,yyyyyyy" (100 of each) all span the same 100,000-byte run of spaces;
  // the run is walked back once, and every hit still starts at x.
  std::vector<std::string> phrases;
  for (int i = 0; i < 700; ++i) phrases.push_back("x," + std::string(static_cast<std::size_t>(i % 7 + 1), 'y'));
  const std::string text = "x" + std::string(100000, ' ') + "yyyyyyy";
  const Hits hits = PhraseMatcher(phrases).find_all(text);
  EXPECT_EQ(hits.size(), 700u);
  EXPECT_EQ(hits, reference_find_all(phrases, text));
}

// ---------------------------------------------------------------------------------------------
// Text that is not UTF-8

TEST(PhraseMatcher, InvalidBytesInTextMatchNothingAndNeverThrow) {
  // An invalid byte is a character of its own: it breaks a phrase and is not a separator.
  EXPECT_FALSE(source_list().contains_any("老\xFF头"));
  EXPECT_FALSE(source_list().contains_any("喂，\xFF，干什么"));
  EXPECT_FALSE(source_list().contains_any("喂\x80干什么"));
  // Around a hit it only shifts the character offsets, one character per invalid byte (as
  // Python's surrogateescape decoding counts): \xFF \xE8\x80 (cut short) 老头.
  EXPECT_EQ(source_list().find_all("\xFF\xE8\x80老头"), (Hits{{0, 3, 9, 3, 5}}));
  // Surrogates (ED A0 80), overlong forms (C0 80, E0 80 80), beyond U+10FFFF (F4 90 80 80).
  EXPECT_EQ(source_list().find_all("\xED\xA0\x80老头\xC0\x80\xE0\x80\x80老头\xF4\x90\x80\x80"),
            (Hits{{0, 3, 9, 3, 5}, {0, 14, 20, 10, 12}}));
  // A character cut short by the end of the text, or by the next character.
  EXPECT_EQ(source_list().find_all("老头\xE8"), (Hits{{0, 0, 6, 0, 2}}));
  EXPECT_EQ(source_list().find_all("\xE8\x80" "老头\xEF\xBC"), (Hits{{0, 2, 8, 2, 4}}));
  // A full-width comma cut short is not a separator: EF BC then 干.
  EXPECT_FALSE(source_list().contains_any("喂\xEF\xBC干什么"));
  // The lead byte of 老 (E8 80 81) with its tail lost is not 老.
  EXPECT_FALSE(source_list().contains_any("\xE8\x80头"));
  // Random bytes: no throw, and the same answer as the reference.
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string noise(static_cast<std::size_t>(rng() % 64), '\0');
    for (auto& c : noise) c = static_cast<char>(rng());
    EXPECT_EQ(source_list().find_all(noise), reference_find_all(kSourcePhrases, noise));
  }
}

TEST(PhraseMatcher, InvalidPhrasesAreRefusedWithTheirIndex) {
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher({"老头", "ab\xFF"}), ParseError,
                           "phrase 2 'ab\\xFF': not UTF-8: its byte 3 (0xFF)");
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher({"\xE8\x80"}), ParseError, "phrase 1 '\\xE8\\x80'");
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher({"老头", "神经病", "，，"}), ParseError,
                           "phrase 3 '，，': nothing is left after folding");
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher({""}), ParseError, "phrase 1 '': nothing is left");
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher({" 。\n"}), ParseError, "phrase 1 ' 。\n': nothing");
}

TEST(PhraseMatcher, FoldedPhrasesHaveALimit) {
  // 2,730 phrases of four Chinese characters (12 bytes) fit; 32 KiB is the limit.
  std::vector<std::string> phrases;
  std::size_t total = 0;
  for (char32_t cp = 0x4E00; total + 12 <= kMaxFoldedPhraseBytes; cp += 4) {
    std::string p;
    for (char32_t k = 0; k < 4; ++k) test::reference_append_utf8(p, cp + k);
    phrases.push_back(p);
    total += 12;
  }
  const PhraseMatcher big(phrases);
  EXPECT_EQ(big.size(), phrases.size());
  EXPECT_EQ(big.find_all(phrases.back() + phrases.front()).size(), 2u);
  phrases.push_back("老太婆");
  CHARTER_EXPECT_THROW_MSG(PhraseMatcher{phrases}, ParseError,
                           "more than the limit of 32768 for one matcher");
}

// ---------------------------------------------------------------------------------------------
// A value type

TEST(PhraseMatcher, CopiesAreEqualValuesAndComparePhraseLists) {
  const PhraseMatcher a(kSourcePhrases);
  const PhraseMatcher b = a;
  EXPECT_EQ(a, b);
  EXPECT_EQ(b.phrases(), kSourcePhrases);
  EXPECT_EQ(a, PhraseMatcher(kSourcePhrases));
  // The phrases as given, not as folded: "喂，干什么" folds like "喂,干什么" but is another list.
  EXPECT_NE(a, PhraseMatcher({"老头", "老太婆", "神经病", "喂，干什么", "叫什么,等一会儿"}));
  EXPECT_NE(a, PhraseMatcher({"老头"}));
  PhraseMatcher c;
  c = a;
  EXPECT_EQ(c.find_all("老头"), a.find_all("老头"));
}

// ---------------------------------------------------------------------------------------------
// Against the naive reference

// Text pieces mixing what transcripts hold with what breaks UTF-8.
const std::vector<std::string> kPieces = {
    "老", "头", "太", "婆", "神", "经", "病", "喂", "干", "什", "么", "叫", "等", "一", "会", "儿",
    "您", "好", "请", "稍", "。", "，", ",", " ", "　", "、", "\n", "…", "—", "·", "！", "?",
    "a", "B", "z", "Z", "0", "9", "Ａ", "ｂ", "０", "〇", "々", "é", "É", "¢" /* C2 A2 */,
    "€" /* E2 82 AC */, "℃", "あ" /* E3 81 82 */, "\xE3\x90\x80" /* U+3400 */, "￥", "𠀀",
    "\xEF\xBB\xBF", "\xC2\xA0", "\xC2\x85", "\xE2\x80\x8B", "\xE1\x9A\x80", "｡", "﹐",
    "\xFF", "\x80", "\xE8", "\xE8\x80", "\xEF\xBC", "\xED\xA0\x80", "\xC0\x80", "\xF4\x90\x80\x80",
    "\xF0\x9F", "\xC2", std::string(1, '\0')};

std::string random_text(std::mt19937& rng, std::size_t pieces) {
  std::string s;
  for (std::size_t i = 0; i < pieces; ++i) s += kPieces[rng() % kPieces.size()];
  return s;
}

// A phrase: valid pieces only, and something left after folding.
std::string random_phrase(std::mt19937& rng) {
  for (;;) {
    std::string p = random_text(rng, 1 + rng() % 5);
    const auto folded = reference_fold(p);
    if (folded && !folded->empty()) return p;
  }
}

TEST(PhraseMatcher, AgreesWithTheNaiveReferenceOnRandomTexts) {
  std::mt19937 rng(20241123);
  std::size_t total_hits = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> phrases = kSourcePhrases;
    const std::size_t extra = rng() % 8;
    for (std::size_t k = 0; k < extra; ++k) phrases.push_back(random_phrase(rng));
    const PhraseMatcher m(phrases);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_text(rng, rng() % 200);
      const Hits expected = reference_find_all(phrases, text);
      ASSERT_EQ(m.find_all(text), expected) << "round " << round << " text " << t;
      ASSERT_EQ(m.count(text), expected.size());
      ASSERT_EQ(m.contains_any(text), !expected.empty());
      total_hits += expected.size();
    }
  }
  EXPECT_GT(total_hits, 1000u);  // the property was exercised, not vacuous
}

TEST(PhraseMatcher, FoldPhraseTextAgreesWithTheReference) {
  std::mt19937 rng(11);
  for (int i = 0; i < 5000; ++i) {
    const std::string p = random_text(rng, rng() % 8);
    const auto expected = reference_fold(p);
    if (expected) {
      EXPECT_EQ(fold_phrase_text(p), *expected);
    } else {
      EXPECT_THROW(fold_phrase_text(p), ParseError);
    }
  }
}

// Every code point once: the folding of each character agrees with the reference's range table
// (the phrase "x<c>x" folds to "x<fold(c)>x", or "x x" for a separator).
TEST(PhraseMatcher, EveryCodePointFoldsAsTheReferenceSays) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string phrase = "x";
    test::reference_append_utf8(phrase, cp);
    phrase += "x";
    ASSERT_EQ(fold_phrase_text(phrase), *reference_fold(phrase)) << std::hex << "U+" << cp;
  }
}

// Texts of 1 KiB or more are read as two streams from the middle (a speed-up the results must
// not show). Phrases straddling the middle at every offset, a separator run across it, invalid
// bytes and characters cut short at it.
TEST(PhraseMatcher, TextsReadFromTheMiddleGiveTheSameHits) {
  const std::vector<std::string> phrases = {"喂,干什么", "老太婆", "老太", "shut up", "哈哈"};
  const PhraseMatcher m(phrases);
  const std::vector<std::string> spelled = {"喂，干什么", "喂 \n ，干什么", "老太婆", "ＳＨＵＴ　ＵＰ",
                                            "哈哈哈哈", "\xE8\x80", "\xFF", "喂，，，，，，，，，，，，"};
  const std::string filler = "您好，请稍等。abc \xE4\xBD";  // ends with 你 cut short
  for (const std::size_t size : {1024u, 1025u, 1500u, 4096u}) {
    for (const auto& piece : spelled) {
      for (std::size_t offset = size / 2 - 40; offset < size / 2 + 40; ++offset) {
        std::string text;
        while (text.size() < offset) text += filler;
        text.resize(offset);  // may cut a character: invalid bytes before the piece
        text += piece;
        while (text.size() < size) text += "干什么，老太婆哈";
        ASSERT_EQ(m.find_all(text), reference_find_all(phrases, text))
            << "size " << size << ", '" << piece << "' at " << offset;
        ASSERT_EQ(m.count(text), reference_find_all(phrases, text).size());
        ASSERT_EQ(m.contains_any(text), !reference_find_all(phrases, text).empty());
      }
    }
  }
}

TEST(PhraseMatcher, ASeparatorRunAcrossTheMiddleStillJoins) {
  // 喂, 100,000 spaces and full-width commas, 干什么: one hit spanning the whole text.
  std::string text = "喂";
  for (int i = 0; i < 50000; ++i) text += i % 2 ? " " : "，";
  text += "干什么";
  const std::size_t n = chars(text);
  EXPECT_EQ(source_list().find_all(text), (Hits{{3, 0, text.size(), 0, n}}));
  EXPECT_EQ(source_list().count(text), 1u);
  // And the first half never returning to the root: every 老 may start 老太婆.
  std::string olds;
  for (int i = 0; i < 3000; ++i) olds += "老";
  olds += "太婆";
  EXPECT_EQ(source_list().find_all(olds),
            (Hits{{1, olds.size() - 9, olds.size(), 2999, 3002}}));
}

TEST(PhraseMatcher, AgreesWithTheNaiveReferenceOnTextsReadAsTwoStreams) {
  std::mt19937 rng(99);
  for (int round = 0; round < 60; ++round) {
    std::vector<std::string> phrases = kSourcePhrases;
    for (std::size_t k = rng() % 6; k > 0; --k) phrases.push_back(random_phrase(rng));
    const PhraseMatcher m(phrases);
    for (int t = 0; t < 10; ++t) {
      const std::string text = random_text(rng, 400 + rng() % 2000);
      const Hits expected = reference_find_all(phrases, text);
      ASSERT_EQ(m.find_all(text), expected) << "round " << round << " text " << t;
      ASSERT_EQ(m.count(text), expected.size());
      ASSERT_EQ(m.contains_any(text), !expected.empty());
    }
  }
}

TEST(PhraseMatcher, LongTextAgreesWithTheReference) {
  // 1 MB of text: character offsets are counted across many hits and invalid bytes.
  std::mt19937 rng(3);
  const std::string text = random_text(rng, 400000);
  const Hits hits = source_list().find_all(text);
  EXPECT_EQ(hits, reference_find_all(kSourcePhrases, text));
  EXPECT_FALSE(hits.empty());
}

}  // namespace
}  // namespace charter::standard
