#pragma once
// Reading charter files (YAML; the format is docs/charter-file.md).
//
// Strict: unknown keys, wrong types and invalid values are errors, and every error is a
// CharterFileError carrying source:line:column and the path of the offending node
// ("centre.yaml:41:7: organization.roles[3].reports_to: unknown role 'qa_lead'"). Organisation
// problems are all reported in one error, one per line in file order, the first one's position
// leading; so are the problems of each workflow (workflow::validate), after the organisation,
// of each standard and cycle, of all survey designs together (cycle::validate, and a survey id
// given twice) and of the appraisal scheme (org::validate).

#include <string>
#include <string_view>

#include "charter/model/charter.hpp"

namespace charter::io {

/// The largest charter file read (bigger files are refused before parsing).
inline constexpr std::size_t kMaxCharterFileBytes = 16u << 20;

/// Parses charter-file text; `source` names it in errors.
Charter parse_charter(std::string_view text, std::string_view source);

/// Reads a charter file from disk (FileError when it cannot be read).
Charter load_charter(const std::string& path);

}  // namespace charter::io
