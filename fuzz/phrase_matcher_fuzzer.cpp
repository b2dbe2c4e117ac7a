// libFuzzer target for charter::standard::PhraseMatcher, checked against the naive reference of
// tests/cpp/standard/phrase_reference.hpp (which shares no code with the matcher).
//
// Input: phrases separated by 0xFE, then 0xFE 0xFE, then the text. Without 0xFE 0xFE the whole
// input is the text and the phrases are the source's five (老头, 老太婆, 神经病, 喂,干什么,
// 叫什么,等一会儿). 0xFE never occurs in UTF-8, so any phrase or text can still be written;
// the text may hold 0xFE itself. Inputs of 1 KiB or more are read as two streams.
//
// What must hold, for any input:
//   - building the matcher throws ParseError exactly when the reference finds a phrase that is
//     not UTF-8 or folds to nothing, with a UTF-8 message; nothing else escapes;
//   - fold_phrase_text agrees with the reference (or both refuse);
//   - find_all equals the reference's hits, in the same order; count() is their number and
//     contains_any() whether there is one; a copy of the matcher answers the same.
// Anything else aborts with a message: a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../tests/cpp/standard/phrase_reference.hpp"
#include "charter/error.hpp"
#include "charter/standard/phrase_matcher.hpp"

namespace {

namespace test = charter::test;
using charter::standard::PhraseHit;
using charter::standard::PhraseMatcher;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

bool is_utf8(std::string_view s) {
  for (const auto& u : test::reference_units(s)) {
    if (u.kind == test::ReferenceUnit::invalid) return false;
  }
  return true;
}

std::string show(const PhraseHit& h) {
  return "{phrase " + std::to_string(h.phrase) + ", bytes [" + std::to_string(h.begin) + ", " +
         std::to_string(h.end) + "), chars [" + std::to_string(h.char_begin) + ", " +
         std::to_string(h.char_end) + ")}";
}

void compare(const std::vector<PhraseHit>& got, const std::vector<PhraseHit>& want,
             const char* what) {
  if (got == want) return;
  std::string msg = std::string(what) + ": " + std::to_string(got.size()) + " hits, the reference " +
                    std::to_string(want.size());
  for (std::size_t i = 0; i < got.size() || i < want.size(); ++i) {
    const std::string g = i < got.size() ? show(got[i]) : "-";
    const std::string w = i < want.size() ? show(want[i]) : "-";
    if (g != w) {
      msg += "; first difference at " + std::to_string(i) + ": " + g + " vs " + w;
      break;
    }
  }
  finding(msg);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> phrases;
  std::string_view text = input;
  if (const std::size_t cut = input.find("\xFE\xFE"); cut != std::string_view::npos) {
    text = input.substr(cut + 2);
    for (std::size_t from = 0;;) {
      const std::size_t to = input.substr(0, cut).find('\xFE', from);
      phrases.emplace_back(input.substr(from, (to == std::string_view::npos ? cut : to) - from));
      if (to == std::string_view::npos) break;
      from = to + 1;
    }
  } else {
    phrases = {"老头", "老太婆", "神经病", "喂,干什么", "叫什么,等一会儿"};
  }

  bool valid = true;
  for (const auto& p : phrases) {
    const auto folded = test::reference_fold(p);
    try {
      const std::string mine = charter::standard::fold_phrase_text(p);
      if (!folded || mine != *folded) finding("fold_phrase_text differs from the reference");
    } catch (const charter::ParseError& e) {
      if (folded) finding(std::string("fold_phrase_text refused a UTF-8 phrase: ") + e.what());
      if (!is_utf8(e.what())) finding("fold_phrase_text: a message that is not UTF-8");
    }
    valid = valid && folded && !folded->empty();
  }

  PhraseMatcher matcher;
  try {
    matcher = PhraseMatcher(phrases);
    if (!valid) finding("a phrase list the reference refuses was accepted");
  } catch (const charter::ParseError& e) {
    if (valid) finding(std::string("a valid phrase list was refused: ") + e.what());
    if (!is_utf8(e.what())) finding("PhraseMatcher: a message that is not UTF-8");
    return 0;
  }
  if (matcher.phrases() != phrases) finding("phrases() is not the list given");

  const std::vector<PhraseHit> want = test::reference_find_all(phrases, text);
  const std::vector<PhraseHit> got = matcher.find_all(text);
  compare(got, want, "find_all");
  if (matcher.count(text) != want.size()) finding("count() differs from the reference");
  if (matcher.contains_any(text) != !want.empty()) finding("contains_any() differs");
  const PhraseMatcher copy = matcher;
  if (copy != matcher) finding("a copy is not equal");
  compare(copy.find_all(text), want, "find_all of a copy");
  return 0;
}
