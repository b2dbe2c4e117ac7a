#pragma once
// Boost.Serialization of standard::Findings (PayloadType::findings), with the discipline of the
// other serialize_*.hpp headers: counts bounded before anything is allocated, strings UTF-8,
// and the result rebuilt through the same checks as new findings (Findings' validating
// constructor: a column that disagrees with another is CorruptFileError).
//
// Layout (payload version kFindingsSchema = 2), in order:
//   - a charter (payload version 6 layout; 3 in findings payload version 1, which this build
//     still reads) holding just the findings' standards, in their order,
//     with the calendars they name and the organisation that owns them: enough to explain every
//     row again;
//   - the row count n, then the ten row columns — observation (u64), standard (u16), outcome
//     (u8), measured and bound (the 64 bits of each double), at (i64), staff, unit and channel
//     codes (u32), note (u16) — each as one block of n little-endian values, so a column costs
//     its bytes and not an archive entry per value, and reads the same on any machine;
//   - the staff, unit and channel name tables (count, then each name);
//   - the observation ids: the id text as one block, then the count and block of id ends (u64);
//   - the words of rows (count, then row and text, up to kMaxFieldValueBytes each);
//   - the deadline instants of rows (count, then one block of row, done, due triples).
//
// Example:
//   save_findings(ar, findings);
//   standard::Findings back = load_findings(ar);

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "charter/io/serialize_org.hpp"
#include "charter/standard/findings.hpp"

namespace charter::io {

inline constexpr std::uint32_t kFindingsSchema = 2;
/// The oldest findings payload this build reads.
inline constexpr std::uint32_t kOldestFindingsSchema = 1;
/// The charter layout findings embed (serialize_org.hpp): version 6, standards (with their
/// rectification entries) without cycles. Findings payload version 1 embedded version 3.
inline constexpr std::uint32_t kFindingsCharterSchema = 6;
/// Rows, names and words one archive may claim; the payload limit (64 MiB) bounds them sooner.
inline constexpr std::uint32_t kMaxFindingsRows = 100000000;
inline constexpr std::uint32_t kMaxFindingsNames = 10000000;

namespace serial {

template <class T>
void append_le(std::string& out, T v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof v);
  for (std::size_t b = 0; b < sizeof v; ++b) out.push_back(static_cast<char>((bits >> (8 * b)) & 0xFF));
}

template <class T>
T read_le(const char* p) {
  std::uint64_t bits = 0;
  for (std::size_t b = 0; b < sizeof(T); ++b) bits |= std::uint64_t{static_cast<unsigned char>(p[b])} << (8 * b);
  T v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

/// A block of bytes whose length the caller already knows (a column of n values).
template <class Ar>
void put_block(Ar& ar, const std::string& bytes) {
  ar << boost::serialization::make_nvp(
      "block", boost::serialization::make_binary_object(const_cast<char*>(bytes.data()), bytes.size()));
}
template <class Ar>
std::string get_block(Ar& ar, std::size_t size) {
  if (size > kMaxPayloadBytes) throw CorruptFileError("a column claims more bytes than a payload can hold");
  std::string bytes(size, '\0');
  ar >> boost::serialization::make_nvp("block", boost::serialization::make_binary_object(bytes.data(), bytes.size()));
  return bytes;
}

template <class T, class A, class Ar>
void put_column(Ar& ar, const std::vector<T, A>& v) {
  std::string bytes;
  bytes.reserve(v.size() * sizeof(T));
  for (const T& x : v) append_le(bytes, x);
  put_block(ar, bytes);
}
/// Reads `n` numbers into `v` (any allocator: row columns leave their numbers unwritten until
/// read).
template <class T, class A, class Ar>
void get_column(Ar& ar, std::size_t n, std::vector<T, A>& v) {
  const std::string bytes = get_block(ar, n * sizeof(T));
  v.resize(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = read_le<T>(bytes.data() + i * sizeof(T));
}

template <class Ar>
void put_names(Ar& ar, const char* name, const std::vector<std::string>& names) {
  put_count(ar, name, names.size());
  for (const auto& s : names) put_string(ar, "name", s);
}
template <class Ar>
std::vector<std::string> get_names(Ar& ar, const char* name) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, kMaxFindingsNames); i < n; ++i) {
    out.push_back(get_string(ar, "name"));
  }
  return out;
}

}  // namespace serial

/// The charter save_findings embeds: the findings' standards with their calendars and
/// organisation.
inline Charter charter_of(const standard::Findings& f) {
  std::map<std::string, calendar::BusinessCalendar> calendars;
  for (const auto& s : f.standards()) {
    if (s.calendar()) calendars.emplace(s.spec().calendar, *s.calendar());
  }
  // The standards of one evaluation come from one charter and share its organisation.
  std::vector<standard::Standard> standards = f.standards();
  org::Organization organization = standards.empty() ? org::Organization() : standards.front().organization();
  return Charter(LocalizedText{}, std::move(calendars), std::move(organization), {}, std::move(standards));
}

/// The layout above from its parts: a charter holding the standards (in the charter layout
/// `charter_schema`: kFindingsCharterSchema, or 3 for findings payload version 1), and the
/// columns (which this does not check — load does; tests forge damaged or old findings with it).
template <class Ar>
void save_findings_parts(Ar& ar, const Charter& standards, const standard::FindingsColumns& c,
                         std::uint32_t charter_schema = kFindingsCharterSchema) {
  using namespace serial;
  save_charter(ar, standards, charter_schema);
  put_u32(ar, "rows", static_cast<std::uint32_t>(c.observation.size()));
  if (c.observation.size() > kMaxFindingsRows) throw SerializationError("too many findings to save");
  put_column(ar, c.observation);
  put_column(ar, c.standard);
  std::vector<std::uint8_t> outcome(c.outcome.size());
  for (std::size_t i = 0; i < outcome.size(); ++i) outcome[i] = static_cast<std::uint8_t>(c.outcome[i]);
  put_column(ar, outcome);
  put_column(ar, c.measured);
  put_column(ar, c.bound);
  put_column(ar, c.at);
  put_column(ar, c.staff);
  put_column(ar, c.unit);
  put_column(ar, c.channel);
  put_column(ar, c.note);
  put_names(ar, "staff_names", c.staff_names);
  put_names(ar, "unit_names", c.unit_names);
  put_names(ar, "channel_names", c.channel_names);
  put_count(ar, "id_bytes", c.id_pool.size());
  if (!is_utf8(c.id_pool)) throw SerializationError("an observation id is not valid UTF-8 text and cannot be saved");
  put_block(ar, c.id_pool);
  put_count(ar, "observations", c.id_end.size());
  put_column(ar, c.id_end);
  put_count(ar, "details", c.details.size());
  for (const auto& [row, text] : c.details) {
    put_i64(ar, "row", static_cast<std::int64_t>(row));
    put_long_string(ar, "text", text, kMaxFieldValueBytes);
  }
  put_count(ar, "timings", c.timings.size());
  std::string timings;
  for (const auto& t : c.timings) {
    append_le(timings, t.row);
    append_le(timings, t.done);
    append_le(timings, t.due);
  }
  put_block(ar, timings);
}

template <class Ar>
void save_findings(Ar& ar, const standard::Findings& f) {
  save_findings_parts(ar, charter_of(f), f.columns());
}

/// Reads findings of payload version `schema` (kOldestFindingsSchema … kFindingsSchema; the
/// caller checks the range).
template <class Ar>
standard::Findings load_findings(Ar& ar, std::uint32_t schema = kFindingsSchema) {
  using namespace serial;
  CharterParts parts = load_charter_parts(ar, schema >= 2 ? kFindingsCharterSchema : 3);
  standard::FindingsColumns c;
  const std::uint32_t n = get_u32(ar, "rows");
  if (n > kMaxFindingsRows) throw CorruptFileError("findings claim " + std::to_string(n) + " rows");
  get_column(ar, n, c.observation);
  get_column(ar, n, c.standard);
  std::vector<std::uint8_t> outcomes;
  get_column(ar, n, outcomes);
  for (const std::uint8_t o : outcomes) {
    if (o > static_cast<std::uint8_t>(standard::Outcome::invalid)) throw CorruptFileError("a finding has no outcome");
    c.outcome.push_back(static_cast<standard::Outcome>(o));
  }
  get_column(ar, n, c.measured);
  get_column(ar, n, c.bound);
  get_column(ar, n, c.at);
  get_column(ar, n, c.staff);
  get_column(ar, n, c.unit);
  get_column(ar, n, c.channel);
  get_column(ar, n, c.note);
  c.staff_names = get_names(ar, "staff_names");
  c.unit_names = get_names(ar, "unit_names");
  c.channel_names = get_names(ar, "channel_names");
  c.id_pool = get_block(ar, get_count(ar, "id_bytes", static_cast<std::uint32_t>(kMaxPayloadBytes)));
  if (!is_utf8(c.id_pool)) throw CorruptFileError("an observation id is not valid UTF-8 text");
  get_column(ar, get_count(ar, "observations", kMaxFindingsRows), c.id_end);
  for (std::uint32_t i = 0, nd = get_count(ar, "details", kMaxFindingsRows); i < nd; ++i) {
    const std::int64_t row = get_i64(ar, "row");
    if (row < 0) throw CorruptFileError("the words of a finding name a negative row");
    c.details.emplace_back(static_cast<std::uint64_t>(row), get_long_string(ar, "text", kMaxFieldValueBytes));
  }
  const std::uint32_t nt = get_count(ar, "timings", kMaxFindingsRows);
  const std::string block = get_block(ar, std::size_t{nt} * 24);
  for (std::uint32_t i = 0; i < nt; ++i) {
    const char* p = block.data() + std::size_t{i} * 24;
    c.timings.push_back({read_le<std::uint64_t>(p), read_le<std::int64_t>(p + 8), read_le<std::int64_t>(p + 16)});
  }
  // The standards, rebuilt against their calendars and organisation like a charter's.
  std::map<std::string, calendar::BusinessCalendar> calendars;
  for (auto& [id, spec] : parts.calendars) calendars.emplace(id, calendar::BusinessCalendar(std::move(spec)));
  const org::Organization organization(std::move(parts.organization));
  std::vector<standard::Standard> standards;
  for (auto& spec : parts.standards) standards.emplace_back(std::move(spec), calendars, organization);
  try {
    return standard::Findings(std::move(standards), std::move(c));
  } catch (const std::invalid_argument& e) {
    throw CorruptFileError(e.what());
  }
}

}  // namespace charter::io
