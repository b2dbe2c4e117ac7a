#include "charter/org/raci.hpp"

#include <cctype>

#include "charter/error.hpp"

namespace charter::org {

std::string Subject::text() const { return std::string(subject_kind_name(kind)) + " " + id; }

char raci_letter(Raci r) {
  switch (r) {
    case Raci::responsible: return 'R';
    case Raci::accountable: return 'A';
    case Raci::consulted: return 'C';
    case Raci::informed: return 'I';
  }
  return '?';
}

Raci parse_raci(std::string_view text) {
  std::string w;
  for (char c : text) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w == "r" || w == "responsible") return Raci::responsible;
  if (w == "a" || w == "accountable") return Raci::accountable;
  if (w == "c" || w == "consulted") return Raci::consulted;
  if (w == "i" || w == "informed") return Raci::informed;
  throw ParseError("'" + std::string(text) + "' is not a RACI letter (R, A, C or I)");
}

const char* subject_kind_name(SubjectKind k) {
  switch (k) {
    case SubjectKind::action: return "action";
    case SubjectKind::standard: return "standard";
    case SubjectKind::cycle: return "cycle";
  }
  return "?";
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (!std::isalnum(static_cast<unsigned char>(id.front()))) return false;
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

}  // namespace charter::org
