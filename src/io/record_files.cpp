// The record-file reader and writer (record_files.hpp): a CSV scanner, a JSON Lines parser, the
// instant reader and the writers, once for every record type, parametrised by its Schema.

#include "record_files.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"
#include "charter/detail/instant_text.hpp"
#include "charter/error.hpp"

namespace charter::io::records {
namespace {

using detail::Micros;

constexpr std::size_t npos = std::string_view::npos;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
// JSON's two-character escapes: the letter after '\' and the character it stands for. The
// writer escapes all but '/', which it never meets there (it escapes only '"', '\' and controls).
constexpr char kEscapeLetters[] = "\"\\/bfnrt";
constexpr char kEscaped[] = "\"\\/\b\f\n\r\t";

// ---- text ------------------------------------------------------------------------------------

// Byte offset of the first byte that breaks UTF-8 (stray continuation bytes, overlong forms,
// surrogates, code points past U+10FFFF, a sequence cut short), or npos when s is UTF-8.
std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // past U+10FFFF
    } else {
      return i;
    }
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0u) != 0x80u) return i;
    }
    i += len;
  }
  return npos;
}

// 1-based column, in characters, of byte `at` of `line`.
std::size_t column_of(std::string_view line, std::size_t at) {
  at = std::min(at, line.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0u) != 0x80u) ++chars;
  }
  return chars + 1;
}

// 'text' for a message: at most 60 bytes (cut at a character boundary), control characters
// escaped, so a hostile line cannot make a huge or multi-line message.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::size_t cut = text.size();
  if (cut > kMax) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
  }
  std::string out = "'";
  for (std::size_t i = 0; i < cut; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (cut < text.size()) out += "…";
  return out + "'";
}

// The whole UTF-8 character that starts at byte i of valid text (one byte is not always one).
std::string_view char_at(std::string_view s, std::size_t i) {
  std::size_t n = 1;
  while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0u) == 0x80u) ++n;
  return s.substr(i, n);
}

std::string hex_byte(unsigned char c) {
  static const char* hex = "0123456789abcdef";
  return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

std::string not_utf8(std::string_view text, std::size_t at) {
  return "text is not UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[at])) +
         " cannot start or continue a character here)";
}

std::string too_long(const char* what, std::size_t bytes) {
  return std::string(what) + " is longer than 1 MiB (" + std::to_string(bytes) +
         " bytes; the limit is " + std::to_string(kMaxEventLineBytes) + ")";
}

// ---- instants --------------------------------------------------------------------------------

// Reads `at` texts: exact with an offset, else local wall time of the calendar's zone.
class InstantReader {
 public:
  explicit InstantReader(const calendar::BusinessCalendar& zone) : index_(zone.index()) {}

  // True and `out` (UTC), or false, `why` and the 0-based byte in `text` it is about.
  bool read(std::string_view text, boost::posix_time::ptime& out, std::string& why,
            std::size_t& at) const {
    detail::WallText t;
    calendar::DateTimeProblem problem;
    at = 0;
    if (!detail::try_parse_wall(text, t, problem)) {
      at = problem.column - 1;
      why = quoted(text) + " is not a date and time (" + problem.why + ")";
      return false;
    }
    Micros utc;
    try {
      utc = detail::utc_of(t, index_);
    } catch (const Error& e) {
      why = quoted(text) + ": " + e.what();
      return false;
    }
    if (utc < detail::kMinMicros || utc >= detail::kEndMicros) {
      why = quoted(text) + " is outside the years 1400..9999 in UTC";
      return false;
    }
    out = detail::from_micros(utc);
    return true;
  }

 private:
  const detail::CalendarIndex& index_;
};

[[noreturn]] void fail_file(std::string_view source, std::size_t line, std::size_t column,
                            const std::string& why) {
  throw ParseError(std::string(source) + ":" + std::to_string(line) + ":" +
                   std::to_string(column) + ": " + why);
}

void check_file_size(std::string_view text, std::string_view source, const Schema& schema) {
  if (text.size() > kMaxEventFileBytes) {
    fail_file(source, 1, 1,
              std::string(schema.noun) + " text of " + std::to_string(text.size()) +
                  " bytes is larger than the limit of 4 GiB (" +
                  std::to_string(kMaxEventFileBytes) + " bytes)");
  }
}

// ---- CSV -------------------------------------------------------------------------------------

struct Cell {
  std::string_view raw;  // the content: inside the quotes for a quoted cell, "" not yet undone
  std::size_t offset;    // byte of the content's first character within the record
  bool escapes;          // holds "" pairs
};

struct Record {
  std::size_t begin = 0;     // first byte in the text
  std::size_t end = 0;       // one past the last byte, line break excluded
  std::size_t next = 0;      // where the next record starts
  std::size_t newlines = 0;  // line breaks inside and after the record
  std::vector<Cell> cells;
  std::size_t error_at = npos;  // first structural problem: byte in the record, and why
  std::string error;
};

// Bytes that end an unquoted cell or need a look: , " \r \n.
struct StopTable {
  bool stop[256] = {};
  StopTable() { stop[static_cast<unsigned char>(',')] = stop[static_cast<unsigned char>('"')] =
                    stop[static_cast<unsigned char>('\r')] = stop[static_cast<unsigned char>('\n')] = true; }
};
const StopTable kStops;

std::size_t count_newlines(std::string_view text, std::size_t from, std::size_t to) {
  return static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                                             text.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
}

// Splits the record starting at `pos` (not a blank line) into cells. Structural problems are
// recorded, not thrown, and scanning goes on by the usual rules, so the record ends where a
// CSV reader would end it: at a line break outside quotes, or at the end of the text.
void scan_record(std::string_view text, std::size_t pos, Record& r) {
  r.begin = pos;
  r.newlines = 0;
  r.cells.clear();
  r.error_at = npos;
  r.error.clear();
  const std::size_t n = text.size();
  auto problem = [&](std::size_t at, const char* why) {
    if (r.error_at == npos) {
      r.error_at = at - pos;
      r.error = why;
    }
  };
  // An unquoted stretch from i: returns where it stops (',' or a line break or the end).
  auto plain = [&](std::size_t i) {
    for (;;) {
      while (i < n && !kStops.stop[static_cast<unsigned char>(text[i])]) ++i;
      if (i == n || text[i] == ',' || text[i] == '\n') return i;
      if (text[i] == '\r') {
        if (i + 1 < n && text[i + 1] == '\n') return i;
        problem(i, "carriage return without a line feed outside quotes (quote the cell)");
      } else {
        problem(i, "a quote inside an unquoted cell (quote the whole cell and double the quote)");
      }
      ++i;
    }
  };
  std::size_t i = pos;
  for (;;) {
    if (i < n && text[i] == '"') {
      const std::size_t open = i;
      std::size_t j = i + 1;
      bool escapes = false;
      for (;;) {
        const void* q = j < n ? std::memchr(text.data() + j, '"', n - j) : nullptr;
        if (q == nullptr) {
          const std::size_t lines = count_newlines(text, open, n);
          r.cells.push_back({text.substr(open + 1), open + 1 - pos, escapes});
          problem(open, "");
          r.error = "the quoted cell opened here is never closed; the rest of the text (" +
                    std::to_string(lines + 1) + " line" + (lines == 0 ? "" : "s") +
                    ") was read as this one cell";
          r.newlines += lines;
          r.end = r.next = n;
          return;
        }
        const std::size_t k = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
        if (k + 1 < n && text[k + 1] == '"') {
          escapes = true;
          j = k + 2;
          continue;
        }
        r.newlines += count_newlines(text, open + 1, k);
        r.cells.push_back({text.substr(open + 1, k - open - 1), open + 1 - pos, escapes});
        i = k + 1;
        break;
      }
      if (i < n && text[i] != ',' && text[i] != '\n' &&
          !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
        problem(i, "text after the closing quote of a cell (a quote inside a quoted cell is "
                   "written twice)");
        i = plain(i);
      }
    } else {
      const std::size_t j = plain(i);
      r.cells.push_back({text.substr(i, j - i), i - pos, false});
      i = j;
    }
    if (i < n && text[i] == ',') {
      ++i;
      continue;
    }
    r.end = i;
    if (i == n) {
      r.next = n;
    } else {
      r.next = i + (text[i] == '\r' ? 2 : 1);
      ++r.newlines;
    }
    return;
  }
}

// The cell's text with "" undone.
void assign_cell(std::string& out, const Cell& c) {
  if (!c.escapes) {
    out.assign(c.raw.data(), c.raw.size());
    return;
  }
  out.clear();
  out.reserve(c.raw.size());
  for (std::size_t i = 0; i < c.raw.size(); ++i) {
    out += c.raw[i];
    if (c.raw[i] == '"') ++i;  // the second quote of a pair
  }
}

// Skips blank lines ("" or "\r" before "\n") from pos; counts them into line.
std::size_t skip_blank(std::string_view text, std::size_t pos, std::size_t& line) {
  for (;;) {
    if (pos < text.size() && text[pos] == '\n') {
      ++pos;
    } else if (pos + 1 < text.size() && text[pos] == '\r' && text[pos + 1] == '\n') {
      pos += 2;
    } else {
      return pos;
    }
    ++line;
  }
}

// Empties a record before it is read into (optional columns missing from the text stay empty).
void clear(const Slots& slots) {
  for (std::string* t : slots.text) {
    if (t != nullptr) t->clear();
  }
  slots.fields->clear();
}

void read_csv(std::string_view text, std::string_view source, const Schema& schema,
              const InstantReader& instants, const Slots& slots,
              const std::function<void(std::size_t)>& on_record,
              const std::function<void(EventLineError&&)>& on_error) {
  std::size_t pos = text.substr(0, 3) == kBom ? 3 : 0;
  std::size_t line = 1;
  pos = skip_blank(text, pos, line);
  if (pos >= text.size()) return;  // empty: no header, no records

  // The header.
  Record r;
  scan_record(text, pos, r);
  const std::string_view head = text.substr(r.begin, r.end - r.begin);
  if (head.size() > kMaxEventLineBytes) fail_file(source, line, 1, too_long("the header", head.size()));
  if (const std::size_t bad = invalid_utf8_at(head); bad != npos) {
    fail_file(source, line, column_of(head, bad), "header: " + not_utf8(head, bad));
  }
  if (r.error_at != npos) fail_file(source, line, column_of(head, r.error_at), "header: " + r.error);
  const std::size_t columns = r.cells.size();
  std::vector<std::string> names(columns);
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t c = 0; c < columns; ++c) {
    assign_cell(names[c], r.cells[c]);
    if (names[c].empty()) {
      fail_file(source, line, column_of(head, r.cells[c].offset),
                "header: column " + std::to_string(c + 1) + " has no name (every column needs one)");
    }
  }
  for (std::size_t c = 0; c < columns; ++c) {
    const auto [it, fresh] = seen.emplace(names[c], c);
    if (!fresh) {
      fail_file(source, line, column_of(head, r.cells[c].offset),
                "header: column " + quoted(names[c]) + " appears twice (columns " +
                    std::to_string(it->second + 1) + " and " + std::to_string(c + 1) + ")");
    }
  }
  // The header column of each schema column, npos for an optional one it does not have.
  const std::size_t named = schema.columns.size();
  std::array<std::size_t, kMaxColumns> column_at;
  column_at.fill(npos);
  std::vector<bool> is_named(columns, false);
  for (std::size_t k = 0; k < named; ++k) {
    const auto it = seen.find(schema.columns[k].name);
    if (it == seen.end()) {
      if (!schema.columns[k].required) continue;
      std::string found;
      for (const auto& name : names) found += (found.empty() ? "" : ", ") + quoted(name);
      fail_file(source, line, 1,
                "header: no column '" + std::string(schema.columns[k].name) + "' (required: " +
                    schema.required + ", in any order; found: " + found + ")");
    }
    column_at[k] = it->second;
    is_named[it->second] = true;
  }
  std::vector<std::size_t> field_columns;
  for (std::size_t c = 0; c < columns; ++c) {
    if (!is_named[c]) field_columns.push_back(c);
  }
  line += r.newlines;
  pos = r.next;

  // The records.
  std::string why;
  for (;;) {
    pos = skip_blank(text, pos, line);
    if (pos >= text.size()) return;
    scan_record(text, pos, r);
    const std::size_t start_line = line;
    line += r.newlines;
    pos = r.next;
    const std::string_view rec = text.substr(r.begin, r.end - r.begin);
    auto error = [&](std::size_t at, std::string message) {
      on_error(EventLineError{start_line, column_of(rec, at), std::move(message)});
    };
    if (rec.size() > kMaxEventLineBytes) {
      error(0, too_long("record", rec.size()));
      continue;
    }
    if (const std::size_t bad = invalid_utf8_at(rec); bad != npos) {
      error(bad, not_utf8(rec, bad));
      continue;
    }
    if (r.error_at != npos) {
      error(r.error_at, r.error);
      continue;
    }
    if (r.cells.size() != columns) {
      error(r.cells.size() > columns ? r.cells[columns].offset : rec.size(),
            "record has " + std::to_string(r.cells.size()) + " cell" +
                (r.cells.size() == 1 ? "" : "s") + ", the header has " + std::to_string(columns) +
                " columns");
      continue;
    }
    bool empty = false;
    for (std::size_t k = 0; k < named && !empty; ++k) {
      if (k == schema.at || !schema.columns[k].required) continue;
      const Cell& c = r.cells[column_at[k]];
      if (c.raw.empty()) {
        error(c.offset, "column '" + std::string(schema.columns[k].name) + "' is empty");
        empty = true;
      }
    }
    if (empty) continue;
    const Cell& at_cell = r.cells[column_at[schema.at]];
    std::string at_text;
    std::string_view at_view = at_cell.raw;
    if (at_cell.escapes) {
      assign_cell(at_text, at_cell);
      at_view = at_text;
    }
    std::size_t at_byte = 0;
    boost::posix_time::ptime at;
    if (!instants.read(at_view, at, why, at_byte)) {
      error(at_cell.offset + at_byte, "column 'at': " + why);
      continue;
    }
    clear(slots);
    *slots.at = at;
    for (std::size_t k = 0; k < named; ++k) {
      if (k != schema.at && column_at[k] != npos) assign_cell(*slots.text[k], r.cells[column_at[k]]);
    }
    std::size_t carried = 0;
    for (std::size_t c : field_columns) carried += r.cells[c].raw.empty() ? 0 : 1;
    std::vector<Field>& fields = *slots.fields;
    fields.reserve(carried);
    for (std::size_t c : field_columns) {
      if (r.cells[c].raw.empty()) continue;
      fields.push_back(Field{names[c], {}});
      assign_cell(fields.back().value, r.cells[c]);
    }
    on_record(start_line);
  }
}

// ---- JSON Lines ------------------------------------------------------------------------------

// One line's object. Nesting is at most two levels (the object and `fields`), because every
// other object or array is an error where it starts; so depth is bounded by construction.
class JsonLine {
 public:
  JsonLine(const Schema& schema, const InstantReader& instants)
      : schema_(schema), instants_(instants) {}

  // True and the record filled into `slots` (cleared by the caller), or false and
  // error_at()/error() set. The parser is reused from line to line so that its buffers are.
  bool parse(std::string_view line, const Slots& slots) {
    s_ = line;
    i_ = 0;
    const std::size_t named = schema_.columns.size();  // the key after them is "fields"
    std::array<bool, kMaxColumns + 1> seen{};
    std::size_t at_pos = 0;
    std::string_view at_text;
    ws();
    if (!peek('{')) return fail(i_, "expected '{' (each line is one JSON object)");
    ++i_;
    ws();
    if (!peek('}')) {
      for (;;) {
        if (!peek('"')) return fail(i_, "expected a key in double quotes");
        const std::size_t key_at = i_;
        std::string_view key;
        if (!view(key_, key)) return false;
        if (!colon()) return false;
        std::size_t k = 0;
        while (k < named && key != schema_.columns[k].name) ++k;
        if (k == named && key != "fields") {
          return fail(key_at, "unknown key " + quoted(key) + " (known: " + schema_.known + "; " +
                                  std::string(schema_.a_noun) +
                                  "'s own values go under \"fields\")");
        }
        if (seen[k]) return fail(key_at, "duplicate key " + quoted(key));
        seen[k] = true;
        if (k == named) {
          if (!fields(*slots.fields)) return false;
        } else {
          const Column& column = schema_.columns[k];
          if (!column.required && literal("null")) {
            // an optional member that is not given: empty
          } else if (!peek('"')) {
            return fail(i_, "key '" + std::string(column.name) + "': expected a string" +
                                (column.required ? "" : " or null") + ", found " + kind());
          } else {
            const std::size_t value_at = i_;
            bool empty;
            if (k == schema_.at) {
              if (!view(at_text_, at_text)) return false;
              empty = at_text.empty();
              at_pos = value_at + 1;
            } else {
              std::string& target = *slots.text[k];
              if (!string(target)) return false;
              empty = target.empty();
            }
            if (empty && column.required) {
              return fail(value_at, "key '" + std::string(column.name) + "' is empty");
            }
          }
        }
        bool more;
        if (!next_member(more, "")) return false;
        if (!more) break;
      }
    }
    const std::size_t close = i_;
    ++i_;
    ws();
    if (i_ < s_.size()) return fail(i_, "unexpected text after the object (one object per line)");
    for (std::size_t k = 0; k < named; ++k) {
      if (schema_.columns[k].required && !seen[k]) {
        return fail(close, "missing key '" + std::string(schema_.columns[k].name) +
                               "' (required: " + schema_.required + ")");
      }
    }
    std::size_t at_byte = 0;
    if (!instants_.read(at_text, *slots.at, why_, at_byte)) {
      // at_byte indexes the decoded text; it is exact when the string has no escapes.
      return fail(at_pos + at_byte, "key 'at': " + why_);
    }
    return true;
  }

  std::size_t error_at() const { return error_at_; }
  std::string& error() { return error_; }

 private:
  bool fail(std::size_t at, std::string why) {
    error_at_ = at;
    error_ = std::move(why);
    return false;
  }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  // After a member's value: true with `more` when ',' follows (then skipped), without it when
  // '}' does (left for the caller); false for anything else, the message led by `where`.
  bool next_member(bool& more, const char* where) {
    ws();
    more = peek(',');
    if (more) {
      ++i_;
      ws();
      return true;
    }
    if (peek('}')) return true;
    return fail(i_, std::string(where) + "expected ',' or '}' after a value");
  }
  bool colon() {
    ws();
    if (!peek(':')) return fail(i_, "expected ':' after a key");
    ++i_;
    ws();
    return true;
  }
  std::string kind() const {
    if (i_ >= s_.size()) return "the end of the line";
    switch (s_[i_]) {
      case '{': return "an object";
      case '[': return "an array";
      case 't': case 'f': return "true or false";
      case 'n': return "null";
      case '"': return "a string";
      default:
        if (s_[i_] == '-' || (s_[i_] >= '0' && s_[i_] <= '9')) return "a number";
        return quoted(char_at(s_, i_));
    }
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  // "fields": {…} or null.
  bool fields(std::vector<Field>& out) {
    if (literal("null")) return true;
    if (!peek('{')) return fail(i_, "key 'fields': expected an object or null, found " + kind());
    ++i_;
    ws();
    key_at_.clear();
    absent_.clear();
    if (!peek('}')) {
      for (;;) {
        if (!peek('"')) return fail(i_, "fields: expected a key in double quotes");
        key_at_.push_back(i_);
        out.push_back(Field{});
        if (!string(out.back().name)) return false;
        if (out.back().name.empty()) return fail(key_at_.back(), "fields: a field name is empty");
        if (!colon()) return false;
        bool absent = false;
        if (peek('"')) {
          if (!string(out.back().value)) return false;
        } else if (peek('-') || (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')) {
          if (!number(out.back().value)) return false;
        } else if (literal("true")) {
          out.back().value = "true";
        } else if (literal("false")) {
          out.back().value = "false";
        } else if (literal("null")) {
          absent = true;
        } else {
          return fail(i_, "field " + quoted(out.back().name) +
                              ": expected a string, number, true, false or null, found " + kind());
        }
        absent_.push_back(absent);
        bool more;
        if (!next_member(more, "fields: ")) return false;
        if (!more) break;
      }
    }
    ++i_;
    // Duplicate names (a null one included): the first repeat in the line is reported.
    if (out.size() > 1) {
      order_.resize(out.size());
      std::iota(order_.begin(), order_.end(), std::size_t{0});
      std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        return out[a].name != out[b].name ? out[a].name < out[b].name : a < b;
      });
      std::size_t repeat = npos;
      for (std::size_t k = 1; k < order_.size(); ++k) {
        if (out[order_[k]].name == out[order_[k - 1]].name) repeat = std::min(repeat, order_[k]);
      }
      if (repeat != npos) {
        return fail(key_at_[repeat], "fields: duplicate key " + quoted(out[repeat].name));
      }
    }
    std::size_t keep = 0;
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (!absent_[k]) {
        if (keep != k) out[keep] = std::move(out[k]);
        ++keep;
      }
    }
    out.resize(keep);
    return true;
  }

  // A JSON number, kept as its text.
  bool number(std::string& out) {
    const std::size_t start = i_;
    auto digit = [&] { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; };
    auto bad = [&] { return fail(start, "malformed number (JSON numbers are -?digits[.digits][e±digits], "
                                     "no leading zeros)"); };
    if (peek('-')) ++i_;
    if (peek('0')) {
      ++i_;
      if (digit()) return bad();  // no leading zeros
    } else if (digit()) {
      while (digit()) ++i_;
    } else {
      return bad();
    }
    if (peek('.')) {
      ++i_;
      if (!digit()) return bad();
      while (digit()) ++i_;
    }
    if (peek('e') || peek('E')) {
      ++i_;
      if (peek('+') || peek('-')) ++i_;
      if (!digit()) return bad();
      while (digit()) ++i_;
    }
    out.assign(s_.data() + start, i_ - start);
    return true;
  }

  bool hex4(std::size_t at, unsigned& v) {
    v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = at + k < s_.size() ? s_[at + k] : '\0';
      unsigned d;
      if (c >= '0' && c <= '9') {
        d = static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<unsigned>(c - 'A' + 10);
      } else {
        return false;
      }
      v = v * 16 + d;
    }
    return true;
  }

  static void utf8(std::string& out, unsigned cp) {
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

  // A string at i_: a view of the line when it has no escapes, else decoded into scratch.
  bool view(std::string& scratch, std::string_view& out) {
    const std::size_t from = i_ + 1;
    std::size_t j = from;
    while (j < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[j]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++j;
    }
    if (j < s_.size() && s_[j] == '"') {
      out = s_.substr(from, j - from);
      i_ = j + 1;
      return true;
    }
    if (!string(scratch)) return false;
    out = scratch;
    return true;
  }

  // A string at i_ (at its opening quote), decoded into out.
  bool string(std::string& out) {
    const std::size_t open = i_++;
    auto run = [&] {
      const std::size_t from = i_;
      while (i_ < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++i_;
      }
      return s_.substr(from, i_ - from);
    };
    const std::string_view first = run();
    out.assign(first.data(), first.size());
    for (;;) {
      if (i_ >= s_.size()) return fail(open, "string is never closed");
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c != '\\') {
        return fail(i_, "control character " + hex_byte(static_cast<unsigned char>(c)) +
                            " inside a string (write it escaped, e.g. \\n or \\u001f)");
      }
      const std::size_t esc = i_;
      const char e = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
      i_ += 2;
      if (const char* letter = e == '\0' ? nullptr : std::strchr(kEscapeLetters, e)) {
        out += kEscaped[letter - kEscapeLetters];
      } else if (e == 'u') {
        unsigned cp;
        if (!hex4(i_, cp)) return fail(esc, "\\u must be followed by 4 hex digits");
        i_ += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail(esc, "lone surrogate " + std::string(s_.substr(esc, 6)) +
                               " (a low surrogate must follow a high one, \\uD800..\\uDBFF)");
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned lo;
          if (s_.substr(i_, 2) != "\\u" || !hex4(i_ + 2, lo) || lo < 0xDC00 || lo > 0xDFFF) {
            return fail(esc, "lone surrogate " + std::string(s_.substr(esc, 6)) +
                                 " (a high surrogate must be followed by a low one, "
                                 "\\uDC00..\\uDFFF)");
          }
          i_ += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        utf8(out, cp);
      } else {
        return fail(esc, "invalid escape " +
                             quoted(e == '\0' ? s_.substr(esc, 1)
                                               : s_.substr(esc, 1 + char_at(s_, esc + 1).size())) +
                             " (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
      }
      const std::string_view more = run();
      out.append(more.data(), more.size());
    }
  }

  const Schema& schema_;
  std::string_view s_;
  const InstantReader& instants_;
  std::size_t i_ = 0;
  std::string key_;
  std::string at_text_;
  std::vector<std::size_t> key_at_;
  std::vector<bool> absent_;
  std::vector<std::size_t> order_;
  std::string why_;
  std::size_t error_at_ = 0;
  std::string error_;
};

void read_jsonl(std::string_view text, const Schema& schema, const InstantReader& instants,
                const Slots& slots, const std::function<void(std::size_t)>& on_record,
                const std::function<void(EventLineError&&)>& on_error) {
  std::size_t pos = text.substr(0, 3) == kBom ? 3 : 0;
  JsonLine parser(schema, instants);
  for (std::size_t line = 1; pos < text.size(); ++line) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    std::string_view s = text.substr(pos, end - pos);
    pos = end + 1;
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    if (s.find_first_not_of(" \t\r") == npos) continue;  // blank
    if (s.size() > kMaxEventLineBytes) {
      on_error(EventLineError{line, 1, too_long("line", s.size())});
      continue;
    }
    if (const std::size_t bad = invalid_utf8_at(s); bad != npos) {
      on_error(EventLineError{line, column_of(s, bad), not_utf8(s, bad)});
      continue;
    }
    clear(slots);
    if (parser.parse(s, slots)) {
      on_record(line);
    } else {
      on_error(EventLineError{line, column_of(s, parser.error_at()), std::move(parser.error())});
    }
  }
}

// ---- writing ---------------------------------------------------------------------------------

// Record k of the writer's input, and what it says about it when it cannot be written.
class Records {
 public:
  Records(std::size_t count, const std::function<View(std::size_t)>& view, const Schema& schema)
      : count_(count), view_(view), schema_(schema) {}

  std::size_t size() const { return count_; }
  View operator[](std::size_t k) const { return view_(k); }
  const Schema& schema() const { return schema_; }

  // "event 3 (case 'C-1'): why", the naming column left out when it is empty.
  [[noreturn]] void refuse(std::size_t index, const View& v, const std::string& why) const {
    const std::string& name = *v.text[schema_.named_by];
    throw SerializationError(
        std::string(schema_.noun) + " " + std::to_string(index + 1) +
        (name.empty() ? std::string()
                      : " (" + std::string(schema_.columns[schema_.named_by].name) + " " +
                            quoted(name) + ")") +
        ": " + why);
  }

 private:
  std::size_t count_;
  const std::function<View(std::size_t)>& view_;
  const Schema& schema_;
};

// What the format needs to read record `index` back as it is.
void check_record(const Records& records, std::size_t index, EventFormat format) {
  const Schema& schema = records.schema();
  const View v = records[index];
  auto refuse = [&](const std::string& why) { records.refuse(index, v, why); };
  for (std::size_t k = 0; k < schema.columns.size(); ++k) {
    if (k == schema.at) continue;
    const std::string_view what = schema.columns[k].name;
    if (schema.columns[k].required && v.text[k]->empty()) refuse(std::string(what) + " is empty");
    if (invalid_utf8_at(*v.text[k]) != npos) refuse(std::string(what) + " is not UTF-8");
  }
  if (v.at->is_special()) refuse("'at' is not a real instant");
  const std::vector<Field>& fields = *v.fields;
  // Repeated names: pairwise for the usual handful of fields, sorted for many.
  if (fields.size() <= 16) {
    for (std::size_t k = 1; k < fields.size(); ++k) {
      for (std::size_t j = 0; j < k; ++j) {
        if (fields[j].name == fields[k].name) {
          refuse("field " + quoted(fields[k].name) + " appears twice");
        }
      }
    }
  } else {
    std::vector<std::string_view> names;
    names.reserve(fields.size());
    for (const auto& f : fields) names.push_back(f.name);
    std::sort(names.begin(), names.end());
    const auto twice = std::adjacent_find(names.begin(), names.end());
    if (twice != names.end()) refuse("field " + quoted(*twice) + " appears twice");
  }
  for (const Field& f : fields) {
    if (f.name.empty()) refuse("a field name is empty");
    if (invalid_utf8_at(f.name) != npos) refuse("a field name is not UTF-8");
    if (invalid_utf8_at(f.value) != npos) refuse("field " + quoted(f.name) + " is not UTF-8");
    if (format == EventFormat::csv) {
      if (f.value.empty()) {
        refuse("field " + quoted(f.name) +
               " is empty, which CSV cannot carry (an empty cell means no field)");
      }
      for (const Column& column : schema.columns) {
        if (f.name == column.name) {
          refuse("field " + quoted(f.name) + " has the name of " +
                 (column.required ? "a required" : "an optional") + " CSV column");
        }
      }
    }
  }
}

// Writes `at` as local wall time of the zone with its offset; in UTC when that cannot be exact.
class InstantWriter {
 public:
  explicit InstantWriter(const calendar::BusinessCalendar& zone) : index_(zone.index()) {}

  std::string operator()(const boost::posix_time::ptime& utc) const {
    const Micros u = detail::to_micros(utc);
    const Micros local = index_.utc_to_local(u);
    const Micros offset = local - u;
    constexpr Micros kMinute = 60 * detail::kMicrosPerSecond;
    if (offset % kMinute == 0 && offset > -1440 * kMinute && offset < 1440 * kMinute &&
        local >= detail::kMinMicros && local < detail::kEndMicros) {
      return calendar::format_offset_date_time(detail::from_micros(local),
                                               static_cast<int>(offset / kMinute));
    }
    return calendar::format_utc_date_time(utc);
  }

 private:
  const detail::CalendarIndex& index_;
};

void csv_cell(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == npos) {
    out.append(v.data(), v.size());
    return;
  }
  out += '"';
  for (char c : v) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
}

// Field columns in an order every record's own order agrees with: the order of first
// appearance when it fits (the usual case), else a topological order that prefers it.
std::vector<std::string_view> field_columns(const Records& records,
                                            std::unordered_map<std::string_view, std::size_t>& id) {
  std::vector<std::string_view> names;
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (const auto& f : *records[r].fields) {
      if (id.emplace(f.name, names.size()).second) names.push_back(f.name);
    }
  }
  bool fits = true;
  for (std::size_t r = 0; r < records.size() && fits; ++r) {
    const std::vector<Field>& fields = *records[r].fields;
    for (std::size_t k = 1; k < fields.size() && fits; ++k) {
      fits = id[fields[k - 1].name] < id[fields[k].name];
    }
  }
  if (fits) return names;
  std::vector<std::vector<std::size_t>> after(names.size());
  std::vector<std::size_t> before_count(names.size(), 0);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const std::vector<Field>& fields = *records[r].fields;
    for (std::size_t k = 1; k < fields.size(); ++k) {
      after[id[fields[k - 1].name]].push_back(id[fields[k].name]);
      ++before_count[id[fields[k].name]];
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t n = 0; n < names.size(); ++n) {
    if (before_count[n] == 0) ready.push(n);
  }
  std::vector<std::string_view> order;
  while (!ready.empty()) {
    const std::size_t n = ready.top();
    ready.pop();
    order.push_back(names[n]);
    for (std::size_t m : after[n]) {
      if (--before_count[m] == 0) ready.push(m);
    }
  }
  if (order.size() != names.size()) {
    std::string stuck;
    std::size_t shown = 0;
    for (std::size_t n = 0; n < names.size(); ++n) {
      if (before_count[n] > 0 && shown++ < 5) stuck += (stuck.empty() ? "" : ", ") + quoted(names[n]);
    }
    const std::string noun(records.schema().noun);
    throw SerializationError("the " + noun + "s list fields " + stuck +
                             " in orders that no single column order fits (CSV has one column "
                             "order; JSON Lines keeps each " + noun + "'s own)");
  }
  for (std::size_t n = 0; n < order.size(); ++n) id[order[n]] = n;
  return order;
}

std::string write_csv(const Records& records, const InstantWriter& write_at) {
  const Schema& schema = records.schema();
  // The named columns: the required ones, and the optional ones some record has a value for.
  std::vector<std::size_t> named;
  for (std::size_t k = 0; k < schema.columns.size(); ++k) {
    bool used = schema.columns[k].required;
    for (std::size_t r = 0; r < records.size() && !used; ++r) used = !records[r].text[k]->empty();
    if (used) named.push_back(k);
  }
  std::unordered_map<std::string_view, std::size_t> id;
  const std::vector<std::string_view> columns = field_columns(records, id);
  std::string out;
  out.reserve(64 + records.size() * (48 + 16 * columns.size()));
  for (std::size_t k : named) {
    if (k != named.front()) out += ',';
    out += schema.columns[k].name;
  }
  for (const auto& name : columns) {
    out += ',';
    csv_cell(out, name);
  }
  out += '\n';
  std::vector<const std::string*> row(columns.size());
  for (std::size_t r = 0; r < records.size(); ++r) {
    const View v = records[r];
    std::fill(row.begin(), row.end(), nullptr);
    for (const auto& f : *v.fields) row[id[f.name]] = &f.value;
    for (std::size_t k : named) {
      if (k != named.front()) out += ',';
      if (k == schema.at) {
        out += write_at(*v.at);
      } else {
        csv_cell(out, *v.text[k]);
      }
    }
    for (const std::string* value : row) {
      out += ',';
      if (value != nullptr) csv_cell(out, *value);
    }
    out += '\n';
  }
  return out;
}

void json_string(std::string& out, std::string_view v) {
  out += '"';
  std::size_t from = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(v.data() + from, i - from);
    from = i + 1;
    if (const void* at = std::memchr(kEscaped, c, sizeof kEscaped - 1)) {
      out += '\\';
      out += kEscapeLetters[static_cast<const char*>(at) - kEscaped];
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  out.append(v.data() + from, v.size() - from);
  out += '"';
}

std::string write_jsonl(const Records& records, const InstantWriter& write_at) {
  const Schema& schema = records.schema();
  std::string out;
  out.reserve(records.size() * 128);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const View v = records[r];
    for (std::size_t k = 0; k < schema.columns.size(); ++k) {
      if (k == schema.at) {
        out += schema.json_key[k];
        out += write_at(*v.at);
        out += '"';
      } else if (schema.columns[k].required || !v.text[k]->empty()) {
        out += schema.json_key[k];
        json_string(out, *v.text[k]);
      }
    }
    const std::vector<Field>& fields = *v.fields;
    if (!fields.empty()) {
      out += ", \"fields\": {";
      for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k > 0) out += ", ";
        json_string(out, fields[k].name);
        out += ": ";
        json_string(out, fields[k].value);
      }
      out += '}';
    }
    out += "}\n";
  }
  return out;
}

}  // namespace

Schema::Schema(std::string_view record_noun, std::string_view record_a_noun,
               std::vector<Column> named_columns, std::string_view naming_column)
    : noun(record_noun), a_noun(record_a_noun), columns(std::move(named_columns)) {
  // The reader and writer rely on these; a schema that breaks them is a programming error.
  if (columns.size() > kMaxColumns) throw std::logic_error("record schema: too many columns");
  at = named_by = columns.size();
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].name == "at") at = k;
    if (columns[k].name == naming_column) named_by = k;
    if (columns[k].required) required += (required.empty() ? "" : ", ") + std::string(columns[k].name);
    known += std::string(columns[k].name) + ", ";
  }
  known += "fields";
  if (at == columns.size() || !columns[at].required) {
    throw std::logic_error("record schema: no required column 'at'");
  }
  if (!columns.front().required) throw std::logic_error("record schema: the first column is optional");
  for (std::size_t k = 0; k < columns.size(); ++k) {
    json_key.push_back((k == 0 ? "{\"" : ", \"") + std::string(columns[k].name) +
                       (k == at ? "\": \"" : "\": "));
  }
  if (named_by == columns.size() || named_by == at) {
    throw std::logic_error("record schema: no text column names a record");
  }
}

void read(std::string_view text, EventFormat format, std::string_view source,
          const calendar::BusinessCalendar& zone, const Schema& schema, const Slots& slots,
          const std::function<void(std::size_t)>& on_record,
          const std::function<void(EventLineError&&)>& on_error) {
  check_file_size(text, source, schema);
  const InstantReader instants(zone);
  if (format == EventFormat::csv) {
    read_csv(text, source, schema, instants, slots, on_record, on_error);
  } else {
    read_jsonl(text, schema, instants, slots, on_record, on_error);
  }
}

std::string write(std::size_t count, const std::function<View(std::size_t)>& view,
                  EventFormat format, const calendar::BusinessCalendar& zone, const Schema& schema) {
  const Records records(count, view, schema);
  for (std::size_t k = 0; k < count; ++k) check_record(records, k, format);
  const InstantWriter write_at(zone);
  return format == EventFormat::csv ? write_csv(records, write_at) : write_jsonl(records, write_at);
}

EventFormat format_of(const std::string& path, const Schema& schema) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  std::string ext;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    for (char c : path.substr(dot)) ext += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (ext == ".csv") return EventFormat::csv;
  if (ext == ".jsonl" || ext == ".ndjson") return EventFormat::jsonl;
  throw ParseError("'" + path + "': " +
                   (ext.empty() ? std::string("no extension") : "unknown extension '" + ext + "'") +
                   " for " + std::string(schema.a_noun) + " file (known: .csv, .jsonl, .ndjson)");
}

}  // namespace charter::io::records
