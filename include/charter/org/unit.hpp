#pragma once
// Unit: a department, branch or team. Units form a tree through `parent`.

#include <string>

#include "charter/localized_text.hpp"

namespace charter::org {

struct Unit {
  std::string id;
  LocalizedText name;
  std::string parent;  ///< id of the enclosing unit; empty at the top

  friend bool operator==(const Unit& a, const Unit& b) {
    return a.id == b.id && a.name == b.name && a.parent == b.parent;
  }
  friend bool operator!=(const Unit& a, const Unit& b) { return !(a == b); }
};

}  // namespace charter::org
