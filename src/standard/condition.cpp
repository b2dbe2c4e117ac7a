#include "charter/standard/condition.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

namespace charter::standard {

namespace {

// 4 → "4", 4.5 → "4.5": bounds come from charter files, so print them as written there.
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string clock_text(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 3600, s / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  }
  return buf;
}

std::string list_text(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + "]";
}

}  // namespace

const char* test_name(Condition::Test t) {
  switch (t) {
    case Condition::Test::at_least: return "at_least";
    case Condition::Test::at_most: return "at_most";
    case Condition::Test::in: return "in";
    case Condition::Test::not_in: return "not_in";
    case Condition::Test::is_yes: return "is_yes";
    case Condition::Test::is_no: return "is_no";
    case Condition::Test::present: return "present";
    case Condition::Test::absent: return "absent";
  }
  return "?";
}

std::string Condition::text() const {
  const bool clock = subject == kLocalTimeSubject;
  const auto bound = [&] { return clock ? clock_text(number) : number_text(number); };
  switch (test) {
    case Test::at_least: return subject + " \u2265 " + bound();
    case Test::at_most: return subject + " \u2264 " + bound();
    case Test::in: return subject + " in " + list_text(values);
    case Test::not_in: return subject + " not in " + list_text(values);
    case Test::is_yes: return subject + " is yes";
    case Test::is_no: return subject + " is no";
    case Test::present: return subject + " present";
    case Test::absent: return subject + " absent";
  }
  return subject;
}

int parse_yes_no(const std::string& text) {
  // Lower-cased into a small buffer: every answer accepted is at most five bytes, and this runs
  // for every yes/no field of every observation evaluated.
  if (text.size() > 5) return -1;
  char buffer[5];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view t(buffer, text.size());
  if (t == "yes" || t == "y" || t == "true" || t == "1" || t == "\u662F") return 1;
  if (t == "no" || t == "n" || t == "false" || t == "0" || t == "\u5426") return 0;
  return -1;
}

}  // namespace charter::standard
