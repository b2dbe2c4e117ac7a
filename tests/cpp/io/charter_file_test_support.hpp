#pragma once
// What the charter-file tests share: a small file with lines replaced, and a text that must be
// refused, checked for where and why.

#include <gtest/gtest.h>

#include <exception>
#include <map>
#include <string>
#include <typeinfo>
#include <vector>

#include <boost/core/demangle.hpp>

#include "charter/error.hpp"
#include "charter/io/charter_file.hpp"

namespace charter::io {

/// `base` (one YAML line per element) with lines replaced: 1-based line → new text, which may
/// hold several lines.
inline std::string with_lines(const std::vector<std::string>& base, const std::map<int, std::string>& changes) {
  std::string out;
  for (std::size_t i = 0; i < base.size(); ++i) {
    auto it = changes.find(static_cast<int>(i) + 1);
    out += (it == changes.end() ? base[i] : it->second) + "\n";
  }
  return out;
}

/// `text` with the smallest `rectification` workflow that can open the notices its standards'
/// and cycles raise (docs/charter-file.md), on the calendar `office`; `text` has no workflows.
inline std::string with_notice_workflow(const std::string& text) {
  return text +
         "workflows:\n"
         "  rectification:\n"
         "    calendar: office\n"
         "    attributes: [{id: unit, required: true}]\n"
         "    fields: [{id: problem}, {id: deadline, type: instant}]\n"
         "    states: [{id: new, initial: true}, {id: issued, terminal: true}]\n"
         "    transitions: [{event: issue, from: [new], to: issued, requires: [unit, problem, deadline]}]\n";
}

// Parses text that must be refused and checks where and why; returns what().
inline std::string expect_refused(const std::string& text, int line, int column, const std::string& path,
                           const std::string& message) {
  try {
    parse_charter(text, "centre.yaml");
    ADD_FAILURE() << "parsed without error:\n" << text;
  } catch (const CharterFileError& e) {
    EXPECT_EQ(e.file(), "centre.yaml");
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_EQ(e.path(), path) << e.what();
    const std::string what = e.what();
    const std::string prefix = "centre.yaml:" + std::to_string(line) + ":" + std::to_string(column) +
                               ": " + (path.empty() ? "" : path + ": ");
    EXPECT_EQ(what.rfind(prefix, 0), 0u) << what << "\n  does not start with " << prefix;
    EXPECT_NE(what.find(message), std::string::npos) << what << "\n  does not contain " << message;
    return what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw " << boost::core::demangle(typeid(e).name()) << ": " << e.what();
  }
  return "";
}

}  // namespace charter::io
