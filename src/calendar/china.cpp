#include "charter/calendar/china.hpp"

#include <mutex>

#include <yaml-cpp/yaml.h>

#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"

namespace charter::data {
// Generated at configure time from data/calendars/china.yaml (see CMakeLists.txt).
extern const char* const china_calendar_yaml;
}

namespace charter::calendar {
namespace {

constexpr const char* kFile = "data/calendars/china.yaml";

[[noreturn]] void fail(const YAML::Node& node, const std::string& why) {
  const YAML::Mark m = node.Mark();
  throw ParseError(std::string(kFile) + ":" + std::to_string(m.line + 1) + ":" +
                   std::to_string(m.column + 1) + ": " + why);
}

YAML::Node need(const YAML::Node& map, const char* key) {
  YAML::Node value = map[key];
  if (!value) fail(map, std::string("missing field '") + key + "'");
  return value;
}

boost::gregorian::date date_at(const YAML::Node& node) {
  try {
    return parse_date(node.as<std::string>());
  } catch (const ParseError& e) {
    fail(node, e.what());
  } catch (const YAML::Exception& e) {
    fail(node, "expected a date YYYY-MM-DD");
  }
}

struct Table {
  boost::gregorian::date valid_from, valid_through;
  std::vector<ChinaFestival> festivals;
};

Table parse_table() {
  YAML::Node root;
  try {
    root = YAML::Load(data::china_calendar_yaml);
  } catch (const YAML::ParserException& e) {
    throw ParseError(std::string(kFile) + ":" + std::to_string(e.mark.line + 1) + ":" +
                     std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  Table t;
  t.valid_from = date_at(need(root, "valid_from"));
  t.valid_through = date_at(need(root, "valid_through"));
  for (const YAML::Node& f : need(root, "festivals")) {
    ChinaFestival fest;
    fest.year = need(f, "year").as<int>();
    fest.name = need(f, "name").as<std::string>();
    fest.label = need(f, "label").as<std::string>();
    const YAML::Node off = need(f, "off");
    if (!off.IsSequence() || off.size() != 2) fail(off, "'off' must be [first, last]");
    fest.first_off = date_at(off[0]);
    fest.last_off = date_at(off[1]);
    if (fest.last_off < fest.first_off) fail(off, "'off' ends before it starts");
    if (f["makeup"]) {
      for (const YAML::Node& d : f["makeup"]) fest.makeup.push_back(date_at(d));
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
