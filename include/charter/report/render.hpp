#pragma once
// Rendering a report Document: GitHub-flavoured Markdown, and one self-contained HTML page.
//
// Both validate the document first (charter/report/document.hpp) and throw ReportError listing
// every problem; both are deterministic: the same document gives the same bytes, whatever the
// process locale (numbers always use '.' and no grouping).
//
// Markdown:
//   - "# title", the subtitle and generated-at line in italics, "## heading" per section.
//   - Tables as GFM pipe tables with the column alignment; '|' is written "\|" and a line
//     break inside a cell "<br>". A table with any row status gets a last column "Status"
//     (状态) holding the word; a cell status is written after the text: "31 (breach)".
//   - Key figures as a list: "- **On-time reply**: 96.2 % (target ≥ 95.0 %) — met".
//   - A chart as a small table of its values (day or category, value, and with a target
//     "meets target" yes/no), missing values written "no data" (无数据), under a bold title.
//   - Markdown's inline punctuation in text (\ ` * _ [ ] < > |) is backslash-escaped, so text
//     is never read as markup or raw HTML; a line starting with '#', '-', '+' or "1." is kept
//     from becoming a heading or list item.
//
// HTML:
//   - One page: inline CSS, inline SVG charts (charter/report/svg.hpp), no scripts, no external
//     resources (no fonts, images or stylesheets fetched). <html lang="zh-CN"> or "en".
//   - Print-friendly: an A4 page (@page size A4, 15 mm margins), tiles and charts never split
//     across pages, status tints printed (print-color-adjust: exact).
//   - Font stack covering Chinese: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen
//     Hei", "Microsoft YaHei", "PingFang SC", sans-serif.
//   - Every text is escaped (& < > " '); long unbroken text wraps instead of widening the page.
//
// Example:
//   std::ofstream("report.html") << charter::report::to_html(doc);

#include <string>

#include "charter/report/document.hpp"

namespace charter::report {

/// GitHub-flavoured Markdown, ending in one newline.
std::string to_markdown(const Document& doc);

/// A complete HTML5 page, ending in one newline.
std::string to_html(const Document& doc);

}  // namespace charter::report
