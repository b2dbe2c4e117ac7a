#pragma once
// Every block's validation error lists each problem found on a line of its own, indented, with
// the path of the node it concerns: "\n  tiers[1].weight: must be finite, got nan". The blocks
// keep their own Problem types (path and message each); the wording of the list is one.

#include <cmath>
#include <cstdio>
#include <string>

namespace charter::detail {

template <class Problems>
std::string problem_lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + (p.path.empty() ? "" : p.path + ": ") + p.message;
  return out;
}

/// A number as problem messages quote it: "%g" ("0.5", "1e+06"), and "nan", "inf", "-inf"
/// whatever the C library would print for them.
inline std::string problem_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace charter::detail
