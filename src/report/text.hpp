#pragma once
// Text helpers shared by the report renderers (private to src/report).

#include <string>
#include <string_view>

#include "charter/report/document.hpp"

namespace charter::report::detail {

/// Empty when `s` is UTF-8 without control characters other than newline and tab (newlines only
/// when `newlines` is true); otherwise why not, with the byte offset.
std::string text_problem(std::string_view s, bool newlines);

/// & < > " ' as entities: safe in XML/HTML text and in attribute values.
std::string xml_escape(std::string_view s);

/// Markdown inline text: \ ` * _ [ ] < > | backslash-escaped; a newline becomes `newline`
/// (a hard break in paragraphs, "<br>" in table cells); a line starting with '#', '-', '+' or
/// a number and '.' is escaped so it stays text.
/// `starts_line`: s begins a Markdown line (false for text after other text on the line).
std::string md_escape(std::string_view s, std::string_view newline, bool starts_line = true);

/// Display width in "em units × 2": CJK and other wide characters count 2, others 1, so a
/// label fits a column of n Latin characters when its width is ≤ n.
int display_width(std::string_view s);

/// `s` cut to display width ≤ `width` with "…" appended when cut (never inside a character).
std::string shorten(std::string_view s, int width);

/// The shortest text that reads back as `v` ("96.2", "1e+300"), in every locale.
std::string plain_number(double v);

/// Words the renderers add, in the document's language.
struct Words {
  const char* target;        ///< "target" / "目标"
  const char* no_data;       ///< "no data" / "无数据"
  const char* met;           ///< "met" / "达标"
  const char* not_met;       ///< "not met" / "未达标"
  const char* status;        ///< "Status" / "状态"
  const char* day;           ///< "Day" / "日期"
  const char* category;      ///< "Category" / "类别"
  const char* value;         ///< "Value" / "数值"
  const char* meets_target;  ///< "Meets target" / "达到目标"
  const char* yes;
  const char* no;
  const char* below_target;  ///< "below target" / "低于目标"
  const char* day_of_month;  ///< "day of month" / "日"
  const char* values_from;   ///< "values" / "数值" (the legend when a chart names no series)
  const char* days;          ///< "days" / "天" (in chart descriptions)
  const char* categories;    ///< "categories" / "个类别"
};
const Words& words(Lang lang);

}  // namespace charter::report::detail
