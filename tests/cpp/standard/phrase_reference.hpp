#pragma once
// A naive reference for PhraseMatcher, written from the header's rules and sharing no code with
// src/standard/phrase_matcher.cpp: the text is decoded into characters with their byte and
// character offsets (Unicode's table of well-formed byte sequences), each folded by a range table,
// separator runs merged, then every phrase compared at every character. Used by
// phrase_matcher_test.cpp and fuzz/phrase_matcher_fuzzer.cpp.
//
//   reference_units(text)            the folded text: characters, separators, invalid bytes
//   reference_fold(phrase, ok)       the folded phrase as fold_phrase_text writes it
//   reference_find_all(phrases, t)   every hit, by end then phrase index

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "charter/standard/phrase_matcher.hpp"

namespace charter::test {

struct ReferenceUnit {
  enum Kind { character, separator, invalid } kind;
  char32_t cp;             // folded, for characters
  std::size_t begin, end;  // bytes in the text
  std::size_t char_index;  // of the first character of the unit
};

// One decoded character: its code point and length, or nullopt for a byte that starts no
// well-formed sequence (Unicode 15, table 3-7).
inline std::optional<std::pair<char32_t, std::size_t>> reference_decode(std::string_view s,
                                                                        std::size_t i) {
  struct Row {
    unsigned lead_lo, lead_hi, second_lo, second_hi;
    std::size_t len;
  };
  static const Row rows[] = {
      {0x00, 0x7F, 0, 0, 1},          {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3},
      {0xE1, 0xEC, 0x80, 0xBF, 3},    {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3},
      {0xF0, 0xF0, 0x90, 0xBF, 4},    {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4}};
  const auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[k])); };
  const unsigned lead = byte(i);
  for (const Row& r : rows) {
    if (lead < r.lead_lo || lead > r.lead_hi) continue;
    if (r.len == 1) return std::make_pair(char32_t(lead), std::size_t{1});
    if (i + r.len > s.size()) return std::nullopt;
    if (byte(i + 1) < r.second_lo || byte(i + 1) > r.second_hi) return std::nullopt;
    for (std::size_t k = 2; k < r.len; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return std::nullopt;
    }
    const unsigned lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t cp = lead & lead_bits[r.len];
    for (std::size_t k = 1; k < r.len; ++k) cp = cp * 64 + (byte(i + k) - 0x80);
    return std::make_pair(cp, r.len);
  }
  return std::nullopt;
}

// The folded character, or nullopt for a separator.
inline std::optional<char32_t> reference_fold_char(char32_t cp) {
  static const std::pair<char32_t, char32_t> separators[] = {
      {0x00, 0x2F},     {0x3A, 0x40},     {0x5B, 0x60},     {0x7B, 0xA0},     {0xB7, 0xB7},
      {0x1680, 0x1680}, {0x2000, 0x206F}, {0x2E00, 0x2E7F}, {0x3000, 0x3004}, {0x3008, 0x3020},
      {0x302A, 0x3030}, {0x3036, 0x3037}, {0x303D, 0x303F}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
      {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}};
  for (const auto& [lo, hi] : separators) {
    if (cp >= lo && cp <= hi) return std::nullopt;
  }
  if (cp >= U'A' && cp <= U'Z') return cp - U'A' + U'a';
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + U'a';  // Ａ..Ｚ
  if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + U'a';  // ａ..ｚ
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + U'0';  // ０..９
  return cp;
}

// Decoded and folded, runs of separators merged into their first.
inline std::vector<ReferenceUnit> reference_units(std::string_view text) {
  std::vector<ReferenceUnit> units;
  std::size_t i = 0, chars = 0;
  while (i < text.size()) {
    const auto decoded = reference_decode(text, i);
    if (!decoded) {
      units.push_back({ReferenceUnit::invalid, 0, i, i + 1, chars});
      ++i, ++chars;
      continue;
    }
    const auto [cp, len] = *decoded;
    const auto folded = reference_fold_char(cp);
    if (folded) {
      units.push_back({ReferenceUnit::character, *folded, i, i + len, chars});
    } else if (units.empty() || units.back().kind != ReferenceUnit::separator) {
      units.push_back({ReferenceUnit::separator, 0, i, i + len, chars});
    } else {
      units.back().end = i + len;
    }
    i += len, ++chars;
  }
  return units;
}

inline void reference_append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 + cp / 64), out += char(0x80 + cp % 64);
  } else if (cp < 0x10000) {
    out += char(0xE0 + cp / 4096), out += char(0x80 + cp / 64 % 64), out += char(0x80 + cp % 64);
  } else {
    out += char(0xF0 + cp / 262144), out += char(0x80 + cp / 4096 % 64);
    out += char(0x80 + cp / 64 % 64), out += char(0x80 + cp % 64);
  }
}

// The phrase folded and trimmed, as units; nullopt when it is not UTF-8.
inline std::optional<std::vector<ReferenceUnit>> reference_phrase_units(std::string_view phrase) {
  std::vector<ReferenceUnit> units = reference_units(phrase);
  for (const auto& u : units) {
    if (u.kind == ReferenceUnit::invalid) return std::nullopt;
  }
  if (!units.empty() && units.front().kind == ReferenceUnit::separator) units.erase(units.begin());
  if (!units.empty() && units.back().kind == ReferenceUnit::separator) units.pop_back();
  return units;
}

// The folded phrase text (separators as one ' '); nullopt when the phrase is not UTF-8.
inline std::optional<std::string> reference_fold(std::string_view phrase) {
  const auto units = reference_phrase_units(phrase);
  if (!units) return std::nullopt;
  std::string out;
  for (const auto& u : *units) {
    if (u.kind == ReferenceUnit::separator) {
      out += ' ';
    } else {
      reference_append_utf8(out, u.cp);
    }
  }
  return out;
}

// Every hit by brute force; the phrases must be valid (UTF-8, something left after folding).
inline std::vector<standard::PhraseHit> reference_find_all(const std::vector<std::string>& phrases,
                                                           std::string_view text) {
  const std::vector<ReferenceUnit> units = reference_units(text);
  std::vector<standard::PhraseHit> hits;
  for (std::size_t p = 0; p < phrases.size(); ++p) {
    const std::vector<ReferenceUnit> want = *reference_phrase_units(phrases[p]);
    for (std::size_t i = 0; i + want.size() <= units.size(); ++i) {
      bool same = true;
      for (std::size_t k = 0; k < want.size() && same; ++k) {
        const ReferenceUnit& u = units[i + k];
        same = u.kind == want[k].kind && u.kind != ReferenceUnit::invalid &&
               (u.kind == ReferenceUnit::separator || u.cp == want[k].cp);
      }
      if (!same) continue;
      const ReferenceUnit& first = units[i];
      const ReferenceUnit& last = units[i + want.size() - 1];
      hits.push_back({p, first.begin, last.end, first.char_index, last.char_index + 1});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return std::tie(a.end, a.phrase) < std::tie(b.end, b.phrase);
  });
  return hits;
}

}  // namespace charter::test
