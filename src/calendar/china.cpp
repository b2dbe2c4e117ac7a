#include "charter/calendar/china.hpp"

#include <mutex>

#include <cstdlib>

#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "../io/yaml_tree.hpp"

namespace charter::data {
// Generated at configure time from data/calendars/china.yaml (see CMakeLists.txt).
extern const char* const china_calendar_yaml;
}

namespace charter::calendar {
namespace {

using io::yaml::Node;

constexpr const char* kFile = "data/calendars/china.yaml";

[[noreturn]] void fail(int line, int column, const std::string& why) {
  throw ParseError(std::string(kFile) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + why);
}
[[noreturn]] void fail(const Node& node, const std::string& why) { fail(node.line, node.column, why); }

const Node& need(const Node& map, const char* key) {
  const Node* value = map.get(key);
  if (!value) fail(map, std::string("missing field '") + key + "'");
  return *value;
}

const std::string& text_of(const Node& node) {
  if (!node.is_scalar()) fail(node, "expected a single value");
  return node.value;
}

boost::gregorian::date date_at(const Node& node) {
  try {
    return parse_date(text_of(node));
  } catch (const ParseError& e) {
    fail(node, e.what());
  }
}

struct Table {
  boost::gregorian::date valid_from, valid_through;
  std::vector<ChinaFestival> festivals;
};

Table parse_table() {
  Node root;
  try {
    root = io::yaml::parse(data::china_calendar_yaml);
  } catch (const io::yaml::SyntaxError& e) {
    fail(e.line, e.column, e.message);
  }
  Table t;
  t.valid_from = date_at(need(root, "valid_from"));
  t.valid_through = date_at(need(root, "valid_through"));
  const Node& festivals = need(root, "festivals");
  if (!festivals.is_sequence()) fail(festivals, "'festivals' must be a list");
  for (const Node& f : festivals.items) {
    ChinaFestival fest;
    const std::string& year = text_of(need(f, "year"));
    fest.year = std::atoi(year.c_str());
    if (fest.year < 1400 || fest.year > 9999) fail(need(f, "year"), "year out of range");
    fest.name = text_of(need(f, "name"));
    fest.label = text_of(need(f, "label"));
    const Node& off = need(f, "off");
    if (!off.is_sequence() || off.items.size() != 2) fail(off, "'off' must be [first, last]");
    fest.first_off = date_at(off.items[0]);
    fest.last_off = date_at(off.items[1]);
    if (fest.last_off < fest.first_off) fail(off, "'off' ends before it starts");
    if (const Node* makeup = f.get("makeup")) {
      if (!makeup->is_sequence()) fail(*makeup, "'makeup' must be a list of dates");
      for (const Node& d : makeup->items) fest.makeup.push_back(date_at(d));
    }
    t.festivals.push_back(std::move(fest));
  }
  return t;
}

const Table& table() {
  static const Table t = parse_table();
  return t;
}

}  // namespace

const std::vector<ChinaFestival>& china_festivals() { return table().festivals; }

DayHours default_china_hours() { return DayHours{OpenInterval{9 * 3600, 18 * 3600 + 1800}}; }

CalendarSpec china_spec(const DayHours& hours, const std::string& zone) {
  const Table& t = table();
  CalendarSpec spec;
  spec.name = "China (mainland)";
  spec.zone = zone;
  spec.week = WeeklySchedule::weekdays(hours);
  spec.first_day = t.valid_from;
  spec.last_day = t.valid_through;
  spec.range_note = "the China holiday table ends on " + format_date(t.valid_through) +
                    " (later years are added when the State Council publishes them)";
  for (const ChinaFestival& f : t.festivals) {
    const std::string name = f.name + " (" + f.label + ")";
    for (auto d = f.first_off; d <= f.last_off; d += boost::gregorian::days(1)) {
      spec.holidays[d] = name;
    }
    for (const auto& d : f.makeup) spec.extra_workdays[d] = ExtraWorkday{"for " + name, hours};
  }
  return spec;
}

BusinessCalendar china_calendar(const DayHours& hours, const std::string& zone) {
  if (hours == default_china_hours() && zone == "Asia/Shanghai") {
    static const BusinessCalendar shared(china_spec());
    return shared;
  }
  return BusinessCalendar(china_spec(hours, zone));
}

}  // namespace charter::calendar
