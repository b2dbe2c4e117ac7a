#pragma once
// PhraseMatcher: forbidden phrases (服务忌语) found in a transcript or a note, each hit with its
// position.
//
// Meaning:
//   - Phrases and text are compared after folding, one character (UTF-8 code point) at a time:
//       * the full-width ASCII forms U+FF01..U+FF5E become ASCII (Ａ → A, ！ → !, ３ → 3);
//       * ASCII letters are lower-cased, also after the step above (Ｓ → s); no other letter is;
//       * these characters are separators:
//           ASCII whitespace, controls and punctuation (all of U+0000..U+007F but letters and
//           digits), C1 controls and no-break space U+0080..U+00A0, middle dot U+00B7, U+1680,
//           general punctuation U+2000..U+206F (the Unicode spaces, zero-width spaces, ‘’ “” …
//           —), supplemental punctuation U+2E00..U+2E7F (⸺), CJK symbols and punctuation
//           U+3000..U+303F (ideographic space, 、。「」《》【】) but not the letters and numbers of
//           that block (々 〆 〇 〡..〩 〱..〵 〸..〼, so 二〇二五 stays four characters), vertical
//           forms U+FE10..U+FE19, CJK compatibility forms U+FE30..U+FE4F, small form variants
//           U+FE50..U+FE6F, U+FEFF, the full-width punctuation of the first step, and half-width
//           CJK punctuation U+FF5F..U+FF65 (｡ ､ ･ and the half-width corner brackets);
//       * a run of separators counts as one separator, and a phrase's leading and trailing
//         separators are dropped.
//     Everything else is a character that matches only itself: Chinese characters, digits,
//     letters, other symbols (¥, ℃, ①). So the phrase "喂,干什么" hits 喂,干什么, 喂，干什么,
//     喂 干什么, 喂 ， 干什么 and 喂，⏎干什么 (a line break is whitespace), but not 喂干什么: a
//     separator in the phrase needs at least one in the text, and a character needs that
//     character. A charter that forbids both 喂干什么 and 喂，干什么 lists both.
//   - A hit is one occurrence of one phrase. Every occurrence of every phrase is reported,
//     overlapping ones included (老太 and 老太婆 both hit in 老太婆), ordered by end, then by
//     phrase index.
//   - Offsets are half-open and point into the text as given: [begin, end) in bytes from the
//     first byte of the first matched character to one past the last byte of the last one, and
//     [char_begin, char_end) the same in characters (code points), as Python slices a str.
//     A hit starts and ends on a character, never on a separator.
//   - Text that is not UTF-8 never throws and is never read past its end: each byte that is not
//     part of a well-formed UTF-8 sequence (RFC 3629: no overlong forms, surrogates, code points
//     above U+10FFFF, or sequences cut short) counts as one character that matches nothing and
//     separates nothing, so no hit spans it. Character offsets count it as one character, as
//     Python's bytes.decode("utf-8", "surrogateescape") does.
//   - Phrases must be UTF-8 and keep at least one character after folding; otherwise
//     construction throws ParseError naming the phrase by its 1-based index and quoting it
//     ("phrase 2 '，，': nothing is left after folding …"). Phrases that fold the same are all
//     kept, each with its own index, and each hits. All folded phrases together may take at most
//     kMaxFoldedPhraseBytes (ParseError beyond), which bounds the automaton to under 64 Ki states
//     and its table to about 16 MiB.
//   - A matcher without phrases is valid and finds nothing; empty text has no hits.
//   - A matcher is an immutable value: copies share the built automaton; == compares the phrase
//     lists as given, in order.
//   - Cost: one table step per byte of text (a DFA compiled from the folded phrases,
//     Aho–Corasick), folding on the fly without copying the text; multi-byte separators and
//     full-width forms take a short detour; a text of 1 KiB or more is read from its start and
//     its middle at once. Positions are worked out only for hits. Nothing is shared between
//     calls, so one matcher may be used from many threads.
//
// Example:
//   const PhraseMatcher forbidden({"老头", "老太婆", "神经病", "喂,干什么", "叫什么,等一会儿"});
//   forbidden.contains_any("您好，请问有什么可以帮您？");        // false
//   for (const PhraseHit& h : forbidden.find_all("喂，干什么？叫什么 等一会儿")) …
//     // {phrase 3, bytes [0, 15), chars [0, 5)}, {phrase 4, bytes [18, 40), chars [6, 14)}
//   fold_phrase_text("喂，  干什么？");                             // "喂 干什么"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace charter::detail {
struct PhraseAutomaton;  // src/standard/phrase_matcher.cpp
}  // namespace charter::detail

namespace charter::standard {

/// The folded phrases of one matcher may take at most this many bytes together: 32 KiB, some
/// 2,700 phrases of four Chinese characters.
inline constexpr std::size_t kMaxFoldedPhraseBytes = std::size_t{32} << 10;

/// One occurrence of one phrase in a text.
struct PhraseHit {
  std::size_t phrase = 0;      ///< 0-based index into PhraseMatcher::phrases()
  std::size_t begin = 0;       ///< byte offset of the first matched character
  std::size_t end = 0;         ///< one past the last byte of the last matched character
  std::size_t char_begin = 0;  ///< the same as begin, counted in characters
  std::size_t char_end = 0;    ///< the same as end, counted in characters

  friend bool operator==(const PhraseHit& a, const PhraseHit& b) {
    return a.phrase == b.phrase && a.begin == b.begin && a.end == b.end &&
           a.char_begin == b.char_begin && a.char_end == b.char_end;
  }
  friend bool operator!=(const PhraseHit& a, const PhraseHit& b) { return !(a == b); }
};

/// The folded form of a phrase, what it is matched as: separators written as one ASCII space,
/// none at either end ("喂，  干什么？" → "喂 干什么", "ＳＨＵＴ　ＵＰ" → "shut up"). Throws ParseError
/// when the phrase is not UTF-8; a phrase of separators only folds to "".
std::string fold_phrase_text(std::string_view phrase);

class PhraseMatcher {
 public:
  /// A matcher without phrases: it finds nothing.
  PhraseMatcher();
  /// Builds the automaton; throws ParseError for a phrase that is not UTF-8, one that folds to
  /// nothing, or when the folded phrases exceed kMaxFoldedPhraseBytes.
  explicit PhraseMatcher(std::vector<std::string> phrases);

  /// The phrases as given; a hit's `phrase` indexes this list.
  const std::vector<std::string>& phrases() const;
  std::size_t size() const { return phrases().size(); }
  bool empty() const { return phrases().empty(); }

  /// Every hit in the text, by end, then phrase index.
  std::vector<PhraseHit> find_all(std::string_view text) const;
  /// Whether any phrase hits; stops at the first hit.
  bool contains_any(std::string_view text) const;
  /// How many hits find_all would return, without working out their positions.
  std::size_t count(std::string_view text) const;

  friend bool operator==(const PhraseMatcher& a, const PhraseMatcher& b) {
    return a.automaton_ == b.automaton_ || a.phrases() == b.phrases();
  }
  friend bool operator!=(const PhraseMatcher& a, const PhraseMatcher& b) { return !(a == b); }

 private:
  std::shared_ptr<const charter::detail::PhraseAutomaton> automaton_;
};

}  // namespace charter::standard
