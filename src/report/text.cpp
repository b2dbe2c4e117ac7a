#include "text.hpp"

#include <cstdint>
#include <charconv>
#include <cstdio>

namespace charter::report::detail {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid too).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  std::size_t n;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  static const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < smallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool wide(std::uint32_t cp) {
  // East Asian wide and fullwidth ranges that matter for Chinese labels.
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::string text_problem(std::string_view s, bool newlines) {
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return "invalid UTF-8 at byte " + std::to_string(i);
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (control && !(cp == '\t') && !(newlines && (cp == '\n' || cp == '\r'))) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
      return std::string("control character U+") + hex + " at byte " + std::to_string(i) +
             (cp == '\n' || cp == '\r' ? " (no line breaks here)" : "");
    }
    i += n;
  }
  return {};
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r': break;  // "\r\n" is one line break; a lone '\r' is dropped
      default: out += c;
    }
  }
  return out;
}

std::string md_escape(std::string_view s, std::string_view newline, bool starts_line) {
  std::string out;
  out.reserve(s.size() + 8);
  bool line_start = starts_line;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') continue;
    if (c == '\n') {
      out += newline;
      line_start = true;
      continue;
    }
    if (line_start) {
      line_start = false;
      if (c == '#' || c == '-' || c == '+' || c == '=') {
        out += '\\';
      } else if (c >= '0' && c <= '9') {
        // "1. text" or "1) text" at a line start would begin an ordered list; "96.2 %" would
        // not (the marker needs a space or the line's end after it) and stays as written.
        std::size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        const bool marker_ends = j + 1 >= s.size() || s[j + 1] == ' ' || s[j + 1] == '\t' || s[j + 1] == '\n' || s[j + 1] == '\r';
        if (j < s.size() && (s[j] == '.' || s[j] == ')') && marker_ends) {
          out.append(s.substr(i, j - i));
          out += '\\';
          out += s[j];
          i = j;
          continue;
        }
      }
    }
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

int display_width(std::string_view s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    if (n == 0) n = 1;
    w += wide(cp) ? 2 : 1;
    i += n;
  }
  return w;
}

std::string shorten(std::string_view s, int width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    if (n == 0) n = 1;
    const int cw = wide(cp) ? 2 : 1;
    if (w + cw > width - 1) break;  // one column for the ellipsis
    out.append(s.substr(i, n));
    w += cw;
    i += n;
  }
  return out + "\u2026";
}

std::string plain_number(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

const Words& words(Lang lang) {
  static const Words en{"target", "no data", "met", "not met", "Status", "Day", "Category",
                        "Value", "Meets target", "yes", "no", "below target", "day of month",
                        "values", "days", "categories"};
  static const Words zh{"目标", "无数据", "达标", "未达标", "状态", "日期", "类别",
                        "数值", "达到目标", "是", "否", "低于目标", "日", "数值", "天", "个类别"};
  return lang == Lang::en ? en : zh;
}

}  // namespace charter::report::detail
