#include "charter/standard/phrase_matcher.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "charter/error.hpp"

// How the automaton is laid out (the meaning is in the header):
//
// The DFA reads the raw bytes of the text. Its states are the nodes of an Aho–Corasick trie
// over the *folded* phrases (UTF-8, one ' ' per separator), plus seven states "at the root, in
// the middle of a character" that only track UTF-8 validity. Folding that keeps a character one
// byte long is compiled into the rows: an ASCII upper-case letter steps like its lower-case twin,
// ASCII punctuation like ' ', and a separator after a separator leaves the state where it is
// (a state whose trie label ends in ' '), which is how runs collapse. Chinese text is mostly
// bytes that fold to themselves, so most bytes cost one table lookup and one compare.
//
// Two kinds of byte leave the table for a detour (kDetour): the lead bytes of the multi-byte
// characters that fold to something else (C2 E1 E2 E3 EF: ，。、“” and full-width forms), which
// are decoded and stepped as their folded form; and bytes that break UTF-8, which reset the
// state to the root, so no hit spans them. Accepting states are numbered last, so one compare
// (state >= first_accepting) catches both detours and hits.
//
// A hit's end is where the automaton accepts. Its start is found by walking back over the
// phrase's folded form; character offsets are counted only up to hits.

namespace charter::standard {

namespace detail {

struct PhraseAutomaton {
  std::vector<std::string> phrases;       // as given
  std::vector<std::string> folded;        // fold_phrase_text of each
  std::vector<std::uint16_t> table;       // states × 256: next state, or kDetour
  std::vector<std::uint16_t> lead_next;   // states × 5: the step on a detour lead byte itself
  std::vector<std::uint8_t> pending;      // per state: Pending, what UTF-8 still expects
  std::uint32_t first_accepting = 0;      // states from here on have hits
  std::vector<std::uint32_t> hit_begin;   // per accepting state, into hit_phrases (+1 at end)
  std::vector<std::uint32_t> hit_phrases; // phrase indices, ascending per state
};

}  // namespace detail

namespace {

using detail::PhraseAutomaton;

constexpr std::uint16_t kDetour = 0xFFFF;
constexpr std::uint32_t kRoot = 0;

// ---- UTF-8 and folding -------------------------------------------------------------------------

struct Char {
  char32_t cp;
  unsigned len;  // 0: the byte does not start a well-formed sequence in what is left
};

inline Char decode(const unsigned char* p, const unsigned char* end) {
  const unsigned c = *p;
  if (c < 0x80) return {c, 1};
  unsigned len;
  char32_t cp;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0Fu;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07u;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {0, 0};
  }
  if (static_cast<std::size_t>(end - p) < len) {
    // Cut short by the end: still invalid, but only after checking what is there, so that the
    // answer does not depend on where the text ends beyond the bytes that decide it.
    return {0, 0};
  }
  for (unsigned k = 1; k < len; ++k) {
    const unsigned b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0u) != 0x80u) return {0, 0};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  return {cp, len};
}

constexpr char32_t kSeparator = 0x110000;  // not a code point

// The folded form of one character: a code point, or kSeparator.
char32_t fold(char32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
    return kSeparator;
  }
  if (cp <= 0xA0 || cp == 0xB7) return kSeparator;
  if (cp < 0x1680) return cp;
  if (cp == 0x1680) return kSeparator;
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F)) return kSeparator;
  if (cp >= 0x3000 && cp <= 0x303F) {
    // The block's letters and numbers are characters: 々 〆 〇, Hangzhou numerals, kana
    // repeat marks, 〸 〹 〺 〻 〼.
    const bool letter_or_number = (cp >= 0x3005 && cp <= 0x3007) ||
                                  (cp >= 0x3021 && cp <= 0x3029) ||
                                  (cp >= 0x3031 && cp <= 0x3035) || (cp >= 0x3038 && cp <= 0x303C);
    return letter_or_number ? cp : kSeparator;
  }
  if ((cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) || cp == 0xFEFF) {
    return kSeparator;
  }
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold(cp - 0xFEE0);
  if (cp >= 0xFF5F && cp <= 0xFF65) return kSeparator;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A phrase for a message: invalid bytes as \xNN so the message stays UTF-8; long ones cut.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;  // characters
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  std::string out = "'";
  std::size_t shown = 0;
  while (p < end) {
    if (shown == kMaxShown) {
      out += "…";
      break;
    }
    const Char c = decode(p, end);
    if (c.len == 0) {
      static const char* const hex = "0123456789ABCDEF";
      out += "\\x";
      out += hex[*p >> 4];
      out += hex[*p & 15];
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), c.len);
      p += c.len;
    }
    ++shown;
  }
  return out + "'";
}

struct FoldResult {
  std::string folded;
  std::size_t bad_byte = std::string::npos;  // offset of the first byte that breaks UTF-8
};

FoldResult fold_text(std::string_view phrase) {
  FoldResult r;
  const auto* begin = reinterpret_cast<const unsigned char*>(phrase.data());
  const auto* end = begin + phrase.size();
  bool separator_pending = false;
  for (const unsigned char* p = begin; p < end;) {
    const Char c = decode(p, end);
    if (c.len == 0) {
      r.bad_byte = static_cast<std::size_t>(p - begin);
      return r;
    }
    p += c.len;
    const char32_t f = fold(c.cp);
    if (f == kSeparator) {
      separator_pending = !r.folded.empty();  // leading separators are dropped
      continue;
    }
    if (separator_pending) r.folded += ' ';
    separator_pending = false;
    append_utf8(r.folded, f);
  }
  return r;
}

std::string not_utf8(std::string_view phrase, std::size_t at) {
  static const char* const hex = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(phrase[at]);
  return std::string("not UTF-8: its byte ") + std::to_string(at + 1) + " (0x" + hex[b >> 4] +
         hex[b & 15] + ") does not start a well-formed UTF-8 sequence";
}

// ---- what UTF-8 still expects after a state's bytes -----------------------------------------

enum Pending : std::uint8_t {
  kBoundary,   // between characters
  kOne,        // one more byte 80..BF
  kTwo,        // two more, 80..BF
  kThree,      // three more, 80..BF
  kAfterE0,    // A0..BF, then one (no overlong forms)
  kAfterED,    // 80..9F, then one (no surrogates)
  kAfterF0,    // 90..BF, then two (no overlong forms)
  kAfterF4,    // 80..8F, then two (nothing above U+10FFFF)
  kPendingCount
};

Pending after_lead(unsigned b) {
  if (b >= 0xC2 && b <= 0xDF) return kOne;
  if (b == 0xE0) return kAfterE0;
  if (b == 0xED) return kAfterED;
  if (b >= 0xE1 && b <= 0xEF) return kTwo;
  if (b == 0xF0) return kAfterF0;
  if (b >= 0xF1 && b <= 0xF3) return kThree;
  if (b == 0xF4) return kAfterF4;
  return kBoundary;  // not a lead byte
}

bool continues(Pending p, unsigned b) {
  switch (p) {
    case kAfterE0: return b >= 0xA0 && b <= 0xBF;
    case kAfterED: return b >= 0x80 && b <= 0x9F;
    case kAfterF0: return b >= 0x90 && b <= 0xBF;
    case kAfterF4: return b >= 0x80 && b <= 0x8F;
    case kBoundary: return false;
    default: return b >= 0x80 && b <= 0xBF;
  }
}

Pending after_continuation(Pending p) {
  switch (p) {
    case kTwo: case kAfterE0: case kAfterED: return kOne;
    case kThree: case kAfterF0: case kAfterF4: return kTwo;
    default: return kBoundary;
  }
}

// The lead bytes of every multi-byte character that folds to something other than itself.
int detour_lead(unsigned b) {
  switch (b) {
    case 0xC2: return 0;  // U+0080..U+00BF: C1 controls, no-break space, middle dot
    case 0xE1: return 1;  // U+1680
    case 0xE2: return 2;  // general and supplemental punctuation
    case 0xE3: return 3;  // CJK symbols and punctuation
    case 0xEF: return 4;  // vertical, compatibility, small and full-width forms, U+FEFF
    default: return -1;
  }
}
constexpr unsigned kDetourLeads = 5;

// ---- building -------------------------------------------------------------------------------

std::shared_ptr<const PhraseAutomaton> build(std::vector<std::string> phrases) {
  auto a = std::make_shared<PhraseAutomaton>();
  a->folded.reserve(phrases.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    FoldResult r = fold_text(phrases[i]);
    const std::string name = "phrase " + std::to_string(i + 1) + " " + quoted(phrases[i]) + ": ";
    if (r.bad_byte != std::string::npos) throw ParseError(name + not_utf8(phrases[i], r.bad_byte));
    if (r.folded.empty()) {
      throw ParseError(name +
                       "nothing is left after folding (it holds only separators: spaces and "
                       "punctuation)");
    }
    total += r.folded.size();
    if (total > kMaxFoldedPhraseBytes) {
      throw ParseError(name + "the phrases up to this one fold to " + std::to_string(total) +
                       " bytes, more than the limit of " + std::to_string(kMaxFoldedPhraseBytes) +
                       " for one matcher");
    }
    a->folded.push_back(std::move(r.folded));
  }
  a->phrases = std::move(phrases);

  // The trie over the folded phrases. total ≤ kMaxFoldedPhraseBytes keeps node ids, and the
  // state ids made from them below, under kDetour.
  std::unordered_map<std::uint32_t, std::uint32_t> child;  // node << 8 | byte → node
  std::vector<Pending> pending{kBoundary};
  std::vector<unsigned char> last_byte{0};
  std::vector<std::vector<std::uint32_t>> ends(1);  // phrases that end at a node
  for (std::size_t i = 0; i < a->folded.size(); ++i) {
    std::uint32_t node = kRoot;
    Pending p = kBoundary;
    for (const char ch : a->folded[i]) {
      const auto b = static_cast<unsigned char>(ch);
      p = p == kBoundary ? after_lead(b) : after_continuation(p);
      const auto [it, added] =
          child.try_emplace(node << 8 | b, static_cast<std::uint32_t>(pending.size()));
      if (added) {
        pending.push_back(p);
        last_byte.push_back(b);
        ends.emplace_back();
      }
      node = it->second;
    }
    ends[node].push_back(static_cast<std::uint32_t>(i));
  }
  const auto nodes = static_cast<std::uint32_t>(pending.size());

  // The Aho–Corasick DFA over folded bytes, breadth first: a node's failure lies shallower, so
  // its row is complete when the node's row borrows from it.
  std::vector<std::uint16_t> ac(std::size_t{nodes} * 256);
  std::vector<std::uint32_t> fail(nodes, kRoot);
  std::vector<std::uint32_t> queue{kRoot};
  queue.reserve(nodes);
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const std::uint32_t u = queue[q];
    for (unsigned b = 0; b < 256; ++b) {
      const auto it = child.find(u << 8 | b);
      std::uint32_t next;
      if (it != child.end()) {
        next = it->second;
        fail[next] = u == kRoot ? kRoot : ac[std::size_t{fail[u]} * 256 + b];
        queue.push_back(next);
      } else {
        next = u == kRoot ? kRoot : ac[std::size_t{fail[u]} * 256 + b];
      }
      ac[std::size_t{u} * 256 + b] = static_cast<std::uint16_t>(next);
    }
    if (u != kRoot) {
      // A node also reports what its failure reports (shorter phrases ending here).
      const auto& inherited = ends[fail[u]];
      ends[u].insert(ends[u].end(), inherited.begin(), inherited.end());
    }
  }

  // State ids: non-accepting nodes (the root first), the root in mid-character, accepting nodes.
  // Old ids: nodes 0..nodes-1, then nodes + (Pending - 1) for the mid-character roots.
  const std::uint32_t old_states = nodes + kPendingCount - 1;
  std::vector<std::uint32_t> id(old_states);
  std::uint32_t next_id = 0;
  for (std::uint32_t u = 0; u < nodes; ++u) {
    if (ends[u].empty()) id[u] = next_id++;
  }
  for (std::uint32_t k = nodes; k < old_states; ++k) id[k] = next_id++;
  a->first_accepting = next_id;
  a->hit_begin.push_back(0);
  for (std::uint32_t u = 0; u < nodes; ++u) {
    if (ends[u].empty()) continue;
    id[u] = next_id++;
    std::sort(ends[u].begin(), ends[u].end());
    a->hit_phrases.insert(a->hit_phrases.end(), ends[u].begin(), ends[u].end());
    a->hit_begin.push_back(static_cast<std::uint32_t>(a->hit_phrases.size()));
  }
  assert(next_id == old_states && old_states < kDetour);

  // Where a byte leads when the Aho–Corasick step falls back to the root: the root, or the root
  // still inside a character.
  auto land = [&](std::uint32_t node, Pending p) -> std::uint16_t {
    if (node != kRoot) {
      assert(pending[node] == p);
      return static_cast<std::uint16_t>(id[node]);
    }
    return static_cast<std::uint16_t>(p == kBoundary ? id[kRoot] : id[nodes + p - 1]);
  };

  a->table.assign(std::size_t{old_states} * 256, kDetour);
  a->lead_next.assign(std::size_t{old_states} * kDetourLeads, kDetour);
  a->pending.assign(old_states, kBoundary);
  for (std::uint32_t x = 0; x < old_states; ++x) {
    const bool is_node = x < nodes;
    const Pending p = is_node ? pending[x] : static_cast<Pending>(x - nodes + 1);
    a->pending[id[x]] = p;
    std::uint16_t* row = &a->table[std::size_t{id[x]} * 256];
    const std::uint16_t* ac_row = is_node ? &ac[std::size_t{x} * 256] : nullptr;
    for (unsigned b = 0; b < 256; ++b) {
      if (p != kBoundary) {
        if (continues(p, b)) row[b] = land(is_node ? ac_row[b] : kRoot, after_continuation(p));
        continue;  // otherwise a detour: the character so far is not UTF-8
      }
      if (b < 0x80) {
        const auto f = static_cast<unsigned>(fold(b));
        if (f == kSeparator) {
          // A separator right after a separator adds nothing to the folded text.
          row[b] = x != kRoot && last_byte[x] == ' ' ? static_cast<std::uint16_t>(id[x])
                                                     : land(ac_row[' '], kBoundary);
        } else {
          row[b] = land(ac_row[f], kBoundary);
        }
      } else if (const int k = detour_lead(b); k >= 0) {
        a->lead_next[std::size_t{id[x]} * kDetourLeads + static_cast<unsigned>(k)] =
            land(ac_row[b], after_lead(b));
      } else if (after_lead(b) != kBoundary) {
        row[b] = land(ac_row[b], after_lead(b));
      }
      // else: a continuation byte between characters, or a byte UTF-8 never uses: a detour
    }
  }
  return a;
}

const std::shared_ptr<const PhraseAutomaton>& no_phrases() {
  static const std::shared_ptr<const PhraseAutomaton> a = build({});
  return a;
}

// ---- scanning -------------------------------------------------------------------------------

struct Step {
  std::uint32_t state;
  const unsigned char* next;
  bool invalid;  // bytes that are not UTF-8 were passed over
};

// The detour: s is the state before *p, and the table said kDetour.
__attribute__((noinline)) Step detour(const PhraseAutomaton& a, std::uint32_t s,
                                      const unsigned char* p, const unsigned char* end) {
  // Inside a character, a byte that cannot continue it: that character is not UTF-8; read *p
  // again from the root.
  if (a.pending[s] != kBoundary) return {kRoot, p, true};
  const int k = detour_lead(*p);
  const Char c = k < 0 ? Char{0, 0} : decode(p, end);
  if (c.len == 0) return {kRoot, p + 1, true};
  const std::uint16_t* table = a.table.data();
  const char32_t f = fold(c.cp);
  if (f == kSeparator) return {table[s << 8 | ' '], p + c.len, false};
  if (f < 0x80) return {table[s << 8 | f], p + c.len, false};
  // A character that folds to itself: its bytes step the automaton as usual.
  std::uint32_t t = a.lead_next[s * kDetourLeads + static_cast<unsigned>(k)];
  for (unsigned i = 1; i < c.len; ++i) t = table[t << 8 | p[i]];
  return {t, p + c.len, false};
}

// Runs the automaton over the text, calling on_hit(state, end offset) at every accepting state;
// on_hit returns false to stop. Sets `invalid` whenever bytes that are not UTF-8 were passed
// over (on_hit may clear it).
template <class OnHit>
void scan(const PhraseAutomaton& a, std::string_view text, bool& invalid, OnHit&& on_hit) {
  const auto* const base = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* p = base;
  const unsigned char* const end = base + text.size();
  const std::uint16_t* const table = a.table.data();
  const std::uint32_t limit = a.first_accepting;
  std::uint32_t s = kRoot;
  while (p < end) {
    const std::uint32_t t = table[s << 8 | *p];
    if (t < limit) {
      s = t;
      ++p;
      continue;
    }
    if (t != kDetour) {
      s = t;
      ++p;
    } else {
      const Step step = detour(a, s, p, end);
      s = step.state;
      p = step.next;
      invalid |= step.invalid;
      if (s < limit) continue;
    }
    if (!on_hit(s, static_cast<std::size_t>(p - base))) return;
  }
}

// Characters in [p, end) when it holds only whole UTF-8 characters: the bytes that are not
// continuation bytes, eight at a time.
std::size_t count_utf8_chars(const unsigned char* p, const unsigned char* end) {
  std::size_t count = static_cast<std::size_t>(end - p);
  for (; end - p >= 8; p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // Bit 7 set and bit 6 clear marks a continuation byte; the multiply sums the marks into the
    // top byte.
    const std::uint64_t c = (w & ~(w << 1)) & 0x8080808080808080ull;
    count -= ((c >> 7) * 0x0101010101010101ull) >> 56;
  }
  for (; p < end; ++p) count -= (*p & 0xC0u) == 0x80u;
  return count;
}

// Characters in [p, end) when it may hold bytes that are not UTF-8 (each is one character);
// p is between characters.
std::size_t count_chars(const unsigned char* p, const unsigned char* end) {
  std::size_t count = 0;
  while (p < end) {
    const Char c = decode(p, end);
    p += c.len == 0 ? 1 : c.len;
    ++count;
  }
  return count;
}

// Where the character that ends at `pos` starts, inside a stretch of whole UTF-8 characters.
std::size_t char_start_before(const unsigned char* base, std::size_t pos) {
  std::size_t q = pos - 1;
  const std::size_t lowest = pos >= 4 ? pos - 4 : 0;
  while (q > lowest && (base[q] & 0xC0u) == 0x80u) --q;
  return q;
}

// The first byte of the hit of `folded` that ends at `end`: one character back for each of the
// phrase's characters, a whole run of separators back for each of its separators. The hit holds
// only whole UTF-8 characters, so stepping back over continuation bytes finds each start.
std::size_t hit_start(const unsigned char* base, std::size_t end, const std::string& folded) {
  std::size_t pos = end;
  std::size_t i = folded.size();
  while (i > 0 && pos > 0) {
    if (folded[i - 1] == ' ') {
      --i;
      while (pos > 0) {
        const std::size_t q = char_start_before(base, pos);
        const Char c = decode(base + q, base + pos);
        if (c.len != pos - q || fold(c.cp) != kSeparator) break;
        pos = q;
      }
    } else {
      do --i;
      while (i > 0 && (static_cast<unsigned char>(folded[i]) & 0xC0u) == 0x80u);
      pos = char_start_before(base, pos);
    }
  }
  return pos;
}

}  // namespace

std::string fold_phrase_text(std::string_view phrase) {
  FoldResult r = fold_text(phrase);
  if (r.bad_byte != std::string::npos) {
    throw ParseError("phrase " + quoted(phrase) + ": " + not_utf8(phrase, r.bad_byte));
  }
  return std::move(r.folded);
}

PhraseMatcher::PhraseMatcher() : automaton_(no_phrases()) {}

PhraseMatcher::PhraseMatcher(std::vector<std::string> phrases)
    : automaton_(phrases.empty() ? no_phrases() : build(std::move(phrases))) {}

const std::vector<std::string>& PhraseMatcher::phrases() const { return automaton_->phrases; }

std::vector<PhraseHit> PhraseMatcher::find_all(std::string_view text) const {
  std::vector<PhraseHit> hits;
  const PhraseAutomaton& a = *automaton_;
  if (a.phrases.empty()) return hits;
  const auto* const base = reinterpret_cast<const unsigned char*>(text.data());
  // Characters are counted from the last hit's end (always between characters) to the next.
  std::size_t counted_bytes = 0;
  std::size_t counted_chars = 0;
  bool invalid = false;
  scan(a, text, invalid, [&](std::uint32_t state, std::size_t end) {
    counted_chars += invalid ? count_chars(base + counted_bytes, base + end)
                             : count_utf8_chars(base + counted_bytes, base + end);
    counted_bytes = end;
    invalid = false;
    const std::uint32_t k = state - a.first_accepting;
    for (std::uint32_t h = a.hit_begin[k]; h < a.hit_begin[k + 1]; ++h) {
      const std::uint32_t phrase = a.hit_phrases[h];
      const std::size_t begin = hit_start(base, end, a.folded[phrase]);
      hits.push_back(PhraseHit{phrase, begin, end,
                               counted_chars - count_utf8_chars(base + begin, base + end),
                               counted_chars});
    }
    return true;
  });
  return hits;
}

bool PhraseMatcher::contains_any(std::string_view text) const {
  const PhraseAutomaton& a = *automaton_;
  if (a.phrases.empty()) return false;
  bool found = false;
  bool invalid = false;
  scan(a, text, invalid, [&](std::uint32_t, std::size_t) {
    found = true;
    return false;
  });
  return found;
}

std::size_t PhraseMatcher::count(std::string_view text) const {
  const PhraseAutomaton& a = *automaton_;
  if (a.phrases.empty()) return 0;
  std::size_t n = 0;
  bool invalid = false;
  scan(a, text, invalid, [&](std::uint32_t state, std::size_t) {
    const std::uint32_t k = state - a.first_accepting;
    n += a.hit_begin[k + 1] - a.hit_begin[k];
    return true;
  });
  return n;
}

}  // namespace charter::standard
