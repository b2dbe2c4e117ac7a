#pragma once
// Every block's validation error lists each problem found on a line of its own, indented, with
// the path of the node it concerns: "\n  tiers[1].weight: must be finite, got nan". The blocks
// keep their own Problem types (path and message each); the wording of the list is one.

#include <string>

namespace charter::detail {

template <class Problems>
std::string problem_lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + (p.path.empty() ? "" : p.path + ": ") + p.message;
  return out;
}

}  // namespace charter::detail
