#include "charter/standard/phrase_matcher.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "charter/error.hpp"

// How the automaton is laid out (the meaning is in the header):
//
// The DFA reads the raw bytes of the text. Its states are the nodes of an Aho–Corasick trie
// over the *folded* phrases (UTF-8, one ' ' per separator), plus seven states "at the root, in
// the middle of a character" that only track UTF-8 validity. Folding that keeps a character one
// byte long is compiled into the table: an ASCII upper-case letter steps like its lower-case
// twin, ASCII punctuation like ' ', and a separator after a separator leaves the state where it
// is (a state whose trie label ends in ' '), which is how runs collapse. Chinese text is mostly
// bytes that fold to themselves, so most bytes cost one table load and one compare.
//
// Two kinds of byte leave the table for a detour (kDetour): the lead bytes of the multi-byte
// characters that fold to something else (C2 E1 E2 E3 EF: ，。、“” and full-width forms), which
// are decoded and stepped as their folded form; and bytes that break UTF-8, which reset the
// state to the root, so no hit spans them. Accepting states are numbered last, so one compare
// (state >= first_accepting) catches both detours and hits.
//
// Speed comes from the chain of dependent loads, one per byte: the table is laid out by byte,
// then state, so a step is one addition and one load; the states text visits most (the root
// ones, then shallow nodes) have the lowest ids and share cache lines; and texts of 1 KiB or
// more are read as two streams at once, from the start and from the middle (scan).
//
// A hit's end is where the automaton accepts. Its start is found by walking back over the
// phrase's folded form; character offsets are counted only up to hits.

namespace charter::detail {

struct PhraseAutomaton {
  std::vector<std::string> phrases;       // as given
  std::vector<std::string> folded;        // fold_phrase_text of each
  std::uint32_t states = 0;
  std::vector<std::uint16_t> table;       // 256 × states, by byte: next state, or kDetour
  std::vector<std::uint16_t> lead_next;   // states × 5: the step on a detour lead byte itself
  std::vector<std::uint8_t> pending;      // per state: Pending, what UTF-8 still expects
  std::uint32_t first_accepting = 0;      // states from here on have hits
  // Per accepting state k = state - first_accepting:
  //   own_phrases[own_begin[k] .. own_begin[k + 1]): the phrases whose folded form is the
  //     state's label, ascending (none when only shorter phrases end here);
  //   more[k]: the accepting state whose label is the next shorter suffix of this one's (its
  //     phrases end here too), or kNoMore;
  //   total[k]: how many phrases end here, own and shorter.
  // Linking, not copying, keeps the size linear in the phrases: 10,000 copies of "a" and one
  // phrase of 10,000 a's would otherwise be 10^8 entries.
  std::vector<std::uint32_t> own_begin;
  std::vector<std::uint32_t> own_phrases;
  std::vector<std::uint32_t> more;
  std::vector<std::uint32_t> total;
};

}  // namespace charter::detail

namespace charter::standard {

namespace {

using charter::detail::PhraseAutomaton;

constexpr std::uint16_t kDetour = 0xFFFF;
constexpr std::uint32_t kRoot = 0;
constexpr std::uint32_t kNoMore = 0xFFFFFFFF;

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
constexpr char32_t fold(char32_t cp) {
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

// Each ASCII byte folded: itself, its lower-case letter, or ' ' for a separator.
constexpr std::array<unsigned char, 0x80> kAsciiFolded = [] {
  std::array<unsigned char, 0x80> folded{};
  for (unsigned b = 0; b < 0x80; ++b) {
    const char32_t f = fold(b);
    folded[b] = static_cast<unsigned char>(f == kSeparator ? ' ' : f);
  }
  return folded;
}();

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
  std::vector<std::vector<std::pair<unsigned char, std::uint32_t>>> children(1);
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
        children[node].emplace_back(b, it->second);
        children.emplace_back();
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
  // its row is complete when the node's row starts as a copy of it; the node's own children
  // then replace their entries (the copy still holds the failure's step, the child's failure).
  std::vector<std::uint16_t> ac(std::size_t{nodes} * 256, kRoot);
  std::vector<std::uint32_t> fail(nodes, kRoot);
  std::vector<std::uint32_t> queue{kRoot};
  queue.reserve(nodes);
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const std::uint32_t u = queue[q];
    std::uint16_t* const ac_row = &ac[std::size_t{u} * 256];
    if (u != kRoot) std::copy_n(&ac[std::size_t{fail[u]} * 256], 256, ac_row);
    for (const auto& [b, c] : children[u]) {
      fail[c] = ac_row[b];  // for children of the root, the root
      ac_row[b] = static_cast<std::uint16_t>(c);
      queue.push_back(c);
    }
  }

  // The nearest node down the failure chain where phrases end: their hits end wherever this
  // node's do. Breadth first, a failure's link is known before the node's.
  std::vector<std::uint32_t> shorter(nodes, kNoMore);
  for (const std::uint32_t u : queue) {
    if (u == kRoot) continue;
    const std::uint32_t f = fail[u];
    shorter[u] = !ends[f].empty() ? f : shorter[f];
  }
  auto accepting = [&](std::uint32_t u) { return !ends[u].empty() || shorter[u] != kNoMore; };

  // State ids: the root, the root in mid-character, the other non-accepting nodes breadth first,
  // then the accepting nodes. Text keeps the automaton near the root, so the states it visits
  // most have the lowest ids and share the first cache lines of each byte's column.
  // Old ids: nodes 0..nodes-1, then nodes + (Pending - 1) for the mid-character roots.
  const std::uint32_t old_states = nodes + kPendingCount - 1;
  std::vector<std::uint32_t> id(old_states);
  std::uint32_t next_id = 0;
  id[kRoot] = next_id++;
  for (std::uint32_t k = nodes; k < old_states; ++k) id[k] = next_id++;
  for (const std::uint32_t u : queue) {
    if (u != kRoot && !accepting(u)) id[u] = next_id++;
  }
  a->first_accepting = next_id;
  a->own_begin.push_back(0);
  for (const std::uint32_t u : queue) {
    if (!accepting(u)) continue;
    id[u] = next_id++;
    // Phrases were inserted in index order, so ends[u] is ascending.
    a->own_phrases.insert(a->own_phrases.end(), ends[u].begin(), ends[u].end());
    a->own_begin.push_back(static_cast<std::uint32_t>(a->own_phrases.size()));
  }
  assert(next_id == old_states && old_states < kDetour);
  for (const std::uint32_t u : queue) {
    if (!accepting(u)) continue;
    const std::uint32_t k = id[u] - a->first_accepting;
    const std::uint32_t s = shorter[u];
    a->more.push_back(s == kNoMore ? kNoMore : id[s] - a->first_accepting);
    a->total.push_back(static_cast<std::uint32_t>(ends[u].size()) +
                       (s == kNoMore ? 0 : a->total[id[s] - a->first_accepting]));
    assert(a->more.size() == k + 1);
    static_cast<void>(k);
  }

  // Where a byte leads when the Aho–Corasick step falls back to the root: the root, or the root
  // still inside a character.
  auto land = [&](std::uint32_t node, Pending p) -> std::uint16_t {
    if (node != kRoot) {
      assert(pending[node] == p);
      return static_cast<std::uint16_t>(id[node]);
    }
    return static_cast<std::uint16_t>(p == kBoundary ? id[kRoot] : id[nodes + p - 1]);
  };

  a->states = old_states;
  a->table.assign(std::size_t{old_states} * 256, kDetour);
  a->lead_next.assign(std::size_t{old_states} * kDetourLeads, kDetour);
  a->pending.assign(old_states, kBoundary);
  for (std::uint32_t x = 0; x < old_states; ++x) {
    const bool is_node = x < nodes;
    const Pending p = is_node ? pending[x] : static_cast<Pending>(x - nodes + 1);
    a->pending[id[x]] = p;
    // The table is by byte, then state: the column of a byte is found without the state, so the
    // step that waits for the previous one is one addition and one load.
    std::uint16_t* const column0 = &a->table[id[x]];
    auto row = [&](unsigned b) -> std::uint16_t& { return column0[std::size_t{b} * old_states]; };
    const std::uint16_t* ac_row = is_node ? &ac[std::size_t{x} * 256] : nullptr;
    if (p != kBoundary) {
      // Only continuation bytes go on; any other byte is a detour: the character so far is not
      // UTF-8.
      for (unsigned b = 0x80; b <= 0xBF; ++b) {
        if (continues(p, b)) row(b) = land(is_node ? ac_row[b] : kRoot, after_continuation(p));
      }
      continue;
    }
    // Between characters. ASCII steps as its folded byte; a separator right after a separator
    // adds nothing to the folded text, so it leaves the state as it is.
    const bool after_separator = x != kRoot && last_byte[x] == ' ';
    for (unsigned b = 0; b < 0x80; ++b) {
      const unsigned f = kAsciiFolded[b];
      row(b) = f == ' ' && after_separator ? static_cast<std::uint16_t>(id[x])
                                           : land(ac_row[f], kBoundary);
    }
    // Lead bytes start a character; those of characters that may fold to something else are
    // detours, with their own step kept aside. Continuation bytes here, and bytes UTF-8 never
    // uses, stay detours: they are not UTF-8.
    for (unsigned b = 0xC2; b <= 0xF4; ++b) {
      const std::uint16_t next = land(ac_row[b], after_lead(b));
      if (const int k = detour_lead(b); k >= 0) {
        a->lead_next[std::size_t{id[x]} * kDetourLeads + static_cast<unsigned>(k)] = next;
      } else {
        row(b) = next;
      }
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
  const std::size_t n = a.states;
  if (f == kSeparator) return {table[' ' * n + s], p + c.len, false};
  if (f < 0x80) return {table[f * n + s], p + c.len, false};
  // A character that folds to itself: its bytes step the automaton as usual.
  std::uint32_t t = a.lead_next[s * kDetourLeads + static_cast<unsigned>(k)];
  for (unsigned i = 1; i < c.len; ++i) t = table[p[i] * n + t];
  return {t, p + c.len, false};
}

// One pass of the automaton over [p, end): where it is, its state, and whether it passed over
// bytes that are not UTF-8 since its owner last cleared the flag.
struct Stream {
  const unsigned char* p;
  const unsigned char* end;
  std::uint32_t state = kRoot;
  bool invalid = false;
};

// The step for a table entry at or past first_accepting: a hit state, or a detour. Returns
// whether the stream is in a hit state after it.
inline bool slow_step(const PhraseAutomaton& a, Stream& st, std::uint32_t t) {
  if (t != kDetour) {
    st.state = t;
    ++st.p;
    return true;
  }
  const Step step = detour(a, st.state, st.p, st.end);
  st.state = step.state;
  st.p = step.next;
  st.invalid |= step.invalid;
  return step.state >= a.first_accepting;
}

// Runs a stream to its end, calling on_hit(stream, end offset) at every hit; false when on_hit
// asked to stop. Position and state live in locals, written back only around the rare slow
// steps, so the chain from one step's load to the next stays in registers.
template <class OnHit>
bool run(const PhraseAutomaton& a, Stream& st, const unsigned char* base, OnHit& on_hit) {
  const std::uint16_t* const table = a.table.data();
  const std::size_t n = a.states;
  const std::uint32_t limit = a.first_accepting;
  const unsigned char* p = st.p;
  const unsigned char* const end = st.end;
  std::uint32_t s = st.state;
  while (p < end) {
    const std::uint32_t t = table[*p * n + s];
    if (t < limit) {
      s = t;
      ++p;
      continue;
    }
    st.p = p, st.state = s;
    if (slow_step(a, st, t) && !on_hit(st, static_cast<std::size_t>(st.p - base))) return false;
    p = st.p, s = st.state;
  }
  st.p = p, st.state = s;
  return true;
}

// Runs two streams in step, a byte of each per round, until one ends. Each step waits for the
// previous step's load; the two streams' loads do not wait for each other, so the core overlaps
// them.
template <class OnFirst, class OnSecond>
bool run_pair(const PhraseAutomaton& a, Stream& x, Stream& y, const unsigned char* base,
              OnFirst& on_x, OnSecond& on_y) {
  const std::uint16_t* const table = a.table.data();
  const std::size_t n = a.states;
  const std::uint32_t limit = a.first_accepting;
  const unsigned char* xp = x.p;
  const unsigned char* yp = y.p;
  std::uint32_t xs = x.state;
  std::uint32_t ys = y.state;
  while (xp < x.end && yp < y.end) {
    const std::uint32_t tx = table[*xp * n + xs];
    const std::uint32_t ty = table[*yp * n + ys];
    if (tx < limit && ty < limit) {
      xs = tx, ++xp;
      ys = ty, ++yp;
      continue;
    }
    x.p = xp, x.state = xs, y.p = yp, y.state = ys;
    if (tx < limit) {
      x.state = tx, ++x.p;
    } else if (slow_step(a, x, tx) && !on_x(x, static_cast<std::size_t>(x.p - base))) {
      return false;
    }
    if (ty < limit) {
      y.state = ty, ++y.p;
    } else if (slow_step(a, y, ty) && !on_y(y, static_cast<std::size_t>(y.p - base))) {
      return false;
    }
    xp = x.p, xs = x.state, yp = y.p, ys = y.state;
  }
  x.p = xp, x.state = xs, y.p = yp, y.state = ys;
  return true;
}

// Texts this long or longer are read as two streams (scan).
constexpr std::size_t kTwoStreamBytes = 1024;
// How far before the middle the second stream starts, to take up a phrase in progress there.
constexpr std::size_t kWarmUpBytes = 256;

// The first byte at or after i that is not a continuation byte: a UTF-8 decoder is between
// characters there whatever came before (a sequence cut short ends at such a byte).
std::size_t next_boundary(std::string_view text, std::size_t i) {
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u) ++i;
  return i;
}

// Where the second stream's part begins: about half way, between characters; text.size() when
// the text is read as one stream.
std::size_t split_point(std::string_view text) {
  return text.size() < kTwoStreamBytes ? text.size() : next_boundary(text, text.size() / 2);
}

struct ScanResult {
  bool completed;      // false when a callback asked to stop
  bool second_counts;  // the second stream's hits are the text's hits after mid
};

// Reads the text as two streams when mid < size: the first over [0, mid), the second over
// [mid, size), the two in step (run_pair). The second starts kWarmUpBytes before mid with its
// hits there unreported, so that at mid it has taken up any phrase in progress. Both are
// deterministic: when the first reaches mid in the state the second had there, the second's
// hits are exactly the text's hits after mid. When not (a phrase in progress began before the
// warm-up, e.g. across a long run of separators), the second's hits are dropped and the first
// reads on to the end. on_first/on_second(stream, end) are called at hits, at_mid(first) when
// the first reaches mid.
template <class OnFirst, class OnSecond, class AtMid>
ScanResult scan(const PhraseAutomaton& a, std::string_view text, std::size_t mid,
                OnFirst& on_first, OnSecond& on_second, AtMid& at_mid) {
  const auto* const base = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = base + text.size();
  Stream first{base, base + mid};
  if (mid == text.size()) return {run(a, first, base, on_first), false};
  const std::size_t warm = next_boundary(text, mid > kWarmUpBytes ? mid - kWarmUpBytes : 0);
  Stream second{base + warm, base + mid};
  auto unreported = [](Stream&, std::size_t) { return true; };
  run(a, second, base, unreported);
  const std::uint32_t second_at_mid = second.state;
  second.end = end;
  second.invalid = false;  // bytes before mid are the first stream's to count
  if (!run_pair(a, first, second, base, on_first, on_second)) return {false, true};
  if (!run(a, first, base, on_first)) return {false, true};
  at_mid(first);
  if (first.state == second_at_mid) return {run(a, second, base, on_second), true};
  first.end = end;
  return {run(a, first, base, on_first), false};
}

// Characters in [p, end) when it holds only whole UTF-8 characters: the bytes that are not
// continuation bytes (10xxxxxx, below -64 as signed char). Fixed blocks of 64 let the compiler
// vectorise the count.
std::size_t count_utf8_chars(const unsigned char* p, const unsigned char* end) {
  std::size_t count = 0;
  for (; end - p >= 64; p += 64) {
    unsigned block = 0;
    for (int i = 0; i < 64; ++i) block += static_cast<signed char>(p[i]) >= -64;
    count += block;
  }
  for (; p < end; ++p) count += static_cast<signed char>(*p) >= -64;
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

// The last run of separators walked back over: [begin, end) in the text. Hits that share a run
// (phrases with a separator ending near each other) walk it once.
struct SeparatorRun {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Walks back from `pos` over the text matched by `folded` (a hit's folded phrase, or the part
// of it before a suffix already walked): one character back for each of its characters, a
// whole run of separators back for each of its separators. The hit holds only whole UTF-8
// characters, so stepping back over continuation bytes finds each start.
std::size_t walk_back(const unsigned char* base, std::size_t pos, std::string_view folded,
                      SeparatorRun& last_run) {
  std::size_t i = folded.size();
  while (i > 0 && pos > 0) {
    if (folded[i - 1] == ' ') {
      --i;
      if (pos == last_run.end) {
        pos = last_run.begin;
        continue;
      }
      const std::size_t run_end = pos;
      while (pos > 0) {
        const std::size_t q = char_start_before(base, pos);
        const Char c = decode(base + q, base + pos);
        if (c.len != pos - q || fold(c.cp) != kSeparator) break;
        pos = q;
      }
      last_run = {pos, run_end};
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
  const PhraseAutomaton& a = *automaton_;
  std::vector<PhraseHit> hits;
  if (a.phrases.empty()) return hits;
  const auto* const base = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t mid = split_point(text);
  // Each stream counts characters from its last hit's end (always between characters) to the
  // next; the second stream from mid, shifted afterwards by the characters before mid.
  struct Collector {
    std::size_t counted_bytes;
    std::size_t counted_chars;
    std::vector<PhraseHit>* out;
  };
  std::vector<PhraseHit> second_hits;
  Collector first{0, 0, &hits};
  Collector second{mid, 0, &second_hits};
  // Where the phrases that end at one place start: one group per label along the chain of
  // shorter suffixes, all phrases of a group (equal folded forms) starting at the same byte.
  struct Group {
    std::uint32_t k;
    std::size_t begin;
    std::size_t char_begin;
  };
  std::vector<Group> groups;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> here;  // phrase, group
  SeparatorRun last_run;
  auto collect = [&](Collector& c, Stream& st, std::size_t end) {
    c.counted_chars += st.invalid ? count_chars(base + c.counted_bytes, base + end)
                                  : count_utf8_chars(base + c.counted_bytes, base + end);
    c.counted_bytes = end;
    st.invalid = false;
    groups.clear();
    for (std::uint32_t k = st.state - a.first_accepting; k != kNoMore; k = a.more[k]) {
      if (a.own_begin[k] != a.own_begin[k + 1]) groups.push_back({k, 0, 0});
    }
    // Shortest first: each label is a suffix of the next, so each walk goes on from where the
    // shorter one stopped, and the whole walk is as long as the longest hit.
    std::size_t pos = end;
    std::size_t walked = 0;
    std::size_t chars = c.counted_chars;
    for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
      const std::string& folded = a.folded[a.own_phrases[a.own_begin[g->k]]];
      const std::size_t begin =
          walk_back(base, pos, std::string_view(folded).substr(0, folded.size() - walked),
                    last_run);
      chars -= count_utf8_chars(base + begin, base + pos);
      pos = begin;
      walked = folded.size();
      g->begin = begin;
      g->char_begin = chars;
    }
    here.clear();
    for (std::uint32_t g = 0; g < groups.size(); ++g) {
      const std::uint32_t k = groups[g].k;
      for (std::uint32_t h = a.own_begin[k]; h < a.own_begin[k + 1]; ++h) {
        here.emplace_back(a.own_phrases[h], g);
      }
    }
    if (groups.size() > 1) std::sort(here.begin(), here.end());
    for (const auto& [phrase, g] : here) {
      c.out->push_back(
          PhraseHit{phrase, groups[g].begin, end, groups[g].char_begin, c.counted_chars});
    }
    return true;
  };
  auto on_first = [&](Stream& st, std::size_t end) { return collect(first, st, end); };
  auto on_second = [&](Stream& st, std::size_t end) { return collect(second, st, end); };
  std::size_t chars_before_mid = 0;
  auto at_mid = [&](const Stream& st) {
    // A character cut short just before mid is invalid too, though no detour has said so yet.
    const bool careful = st.invalid || a.pending[st.state] != kBoundary;
    chars_before_mid = first.counted_chars + (careful ? count_chars : count_utf8_chars)(
                                                 base + first.counted_bytes, base + mid);
  };
  if (!scan(a, text, mid, on_first, on_second, at_mid).second_counts) return hits;
  for (PhraseHit& h : second_hits) {
    h.char_begin += chars_before_mid;
    h.char_end += chars_before_mid;
    hits.push_back(h);
  }
  return hits;
}

bool PhraseMatcher::contains_any(std::string_view text) const {
  const PhraseAutomaton& a = *automaton_;
  if (a.phrases.empty()) return false;
  // Every hit either stream reports is a hit of the text, even when the second stream's hits
  // are not all of them.
  bool found = false;
  auto on_hit = [&](Stream&, std::size_t) {
    found = true;
    return false;
  };
  auto at_mid = [](const Stream&) {};
  scan(a, text, split_point(text), on_hit, on_hit, at_mid);
  return found;
}

std::size_t PhraseMatcher::count(std::string_view text) const {
  const PhraseAutomaton& a = *automaton_;
  if (a.phrases.empty()) return 0;
  auto hits_at = [&](const Stream& st) {
    return static_cast<std::size_t>(a.total[st.state - a.first_accepting]);
  };
  std::size_t first = 0;
  std::size_t second = 0;
  auto on_first = [&](Stream& st, std::size_t) {
    first += hits_at(st);
    return true;
  };
  auto on_second = [&](Stream& st, std::size_t) {
    second += hits_at(st);
    return true;
  };
  auto at_mid = [](const Stream&) {};
  return scan(a, text, split_point(text), on_first, on_second, at_mid).second_counts
             ? first + second
             : first;
}

}  // namespace charter::standard
