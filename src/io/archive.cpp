#include "charter/io/archive.hpp"

#include <istream>
#include <locale>
#include <sstream>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>

#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_document.hpp"
#include "charter/io/serialize_monthly.hpp"
#include "charter/io/serialize_findings.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_survey.hpp"
#include "charter/io/serialize_workflow.hpp"

namespace charter::io {
namespace {

// Cases and trackers embed their charter in the layout of kEmbeddedCharterSchema, whatever
// charters are saved in: changing that layout needs new case and tracker payload versions.
static_assert(kEmbeddedCharterSchema <= kCharterSchema, "an embedded charter layout this build cannot read");

constexpr unsigned kArchiveFlags = boost::archive::no_header | boost::archive::no_codecvt;

// Runs `write(archive)` on the archive kind `format` and returns the bytes.
template <class Write>
std::string write_archive(ArchiveFormat format, Write&& write) {
  std::ostringstream os(std::ios::binary);
  os.imbue(std::locale::classic());
  switch (format) {
    case ArchiveFormat::text: {
      boost::archive::text_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
    case ArchiveFormat::xml: {
      boost::archive::xml_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
    case ArchiveFormat::binary: {
      boost::archive::binary_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
  }
  return os.str();
}

// Rejects anything but trailing whitespace after the last field (text and XML), or any byte at
// all (binary): a payload must be consumed exactly.
void require_consumed(std::istream& is, ArchiveFormat format) {
  if (format != ArchiveFormat::binary) is >> std::ws;
  if (is.peek() != std::char_traits<char>::eof()) {
    throw CorruptFileError("unexpected data after the last field");
  }
}

template <class Read>
auto read_archive(ArchiveFormat format, std::string_view payload, Read&& read) {
  std::istringstream is(std::string(payload), std::ios::binary);
  is.imbue(std::locale::classic());
  switch (format) {
    case ArchiveFormat::text: {
      boost::archive::text_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
    case ArchiveFormat::xml: {
      boost::archive::xml_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
    case ArchiveFormat::binary:
    default: {
      boost::archive::binary_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
  }
}

Charter build_charter(CharterParts parts) {
  std::map<std::string, calendar::BusinessCalendar> calendars;
  for (auto& [id, spec] : parts.calendars) {
    if (!calendars.emplace(id, calendar::BusinessCalendar(std::move(spec))).second) {
      throw CorruptFileError("calendar '" + id + "' appears twice");
    }
  }
  org::Organization organization(std::move(parts.organization));
  // Workflows are rebuilt against the loaded calendars and organisation: validated like a
  // definition from a charter file.
  std::map<std::string, workflow::Definition> workflows;
  for (auto& spec : parts.workflows) {
    if (workflows.count(spec.id)) throw CorruptFileError("workflow '" + spec.id + "' appears twice");
    std::string id = spec.id;
    workflows.emplace(std::move(id), workflow::Definition(std::move(spec), calendars, organization));
  }
  std::vector<standard::Standard> standards;
  for (auto& spec : parts.standards) {
    for (const auto& s : standards) {
      if (s.id() == spec.id) throw CorruptFileError("standard '" + spec.id + "' appears twice");
    }
    standards.emplace_back(std::move(spec), calendars, organization);
  }
  std::vector<cycle::Cycle> cycles;
  for (auto& spec : parts.cycles) {
    for (const auto& c : cycles) {
      if (c.id() == spec.id) throw CorruptFileError("cycle '" + spec.id + "' appears twice");
    }
    cycles.emplace_back(std::move(spec), calendars, organization);
  }
  // Survey designs and the appraisal scheme stand alone: validated by their own constructors.
  std::vector<cycle::SurveyDesign> surveys;
  for (auto& spec : parts.surveys) {
    for (const auto& s : surveys) {
      if (s.id() == spec.id) throw CorruptFileError("survey '" + spec.id + "' appears twice");
    }
    surveys.emplace_back(std::move(spec));
  }
  std::optional<org::AppraisalScheme> appraisal;
  if (parts.appraisal) appraisal.emplace(std::move(*parts.appraisal));
  return Charter(std::move(parts.name), std::move(calendars), std::move(organization),
                 std::move(workflows), std::move(standards), std::move(cycles), std::move(surveys),
                 std::move(appraisal));
}

void require_schema(std::uint32_t schema, std::uint32_t current, PayloadType type) {
  if (schema != current) {
    throw UnsupportedVersionError(std::string(type_name(type)) + " schema version " + std::to_string(schema) +
                                  " is not readable by this build (it reads " + std::to_string(current) + ")");
  }
}

// The charter a case or tracker is saved with: just its definition.
Charter charter_of(const workflow::Definition& definition) {
  return Charter(definition.name(), definition.calendars(), definition.organization(),
                 {{definition.id(), definition}});
}

template <class Ar>
void save_log(Ar& ar, const workflow::Definition& definition, const std::string* case_id,
              const std::vector<workflow::Event>& events) {
  save_charter(ar, charter_of(definition), kEmbeddedCharterSchema);
  serial::put_string(ar, "workflow", definition.id());
  if (case_id) serial::put_string(ar, "case", *case_id);
  if (events.size() > kMaxArchivedEvents) {
    throw SerializationError("more than " + std::to_string(kMaxArchivedEvents) + " events cannot be saved");
  }
  serial::put_count(ar, "events", events.size());
  for (const auto& e : events) save_event(ar, e);
}

// The charter and the workflow a case or tracker payload starts with.
template <class Ar>
workflow::Definition load_definition(Ar& ar) {
  const Charter charter = build_charter(load_charter_parts(ar, kEmbeddedCharterSchema));
  const std::string id = serial::get_string(ar, "workflow");
  if (!charter.workflows().count(id)) {
    throw CorruptFileError("the saved charter has no workflow '" + id + "'");
  }
  return charter.workflow(id);
}

// Reads the events one by one, handing each to `apply` (which throws RejectedEventError for a
// refusal): memory grows with what is accepted, never with a count the file claims.
template <class Ar, class Apply>
void replay_events(Ar& ar, Apply&& apply) {
  const std::uint32_t n = serial::get_count(ar, "events", kMaxArchivedEvents);
  for (std::uint32_t i = 0; i < n; ++i) {
    const workflow::Event e = load_event(ar);
    try {
      apply(e);
    } catch (const RejectedEventError& err) {
      throw CorruptFileError("event " + std::to_string(i + 1) + " of " + std::to_string(n) +
                             " is refused on replay (rule " + err.rule() + "): " + err.what());
    }
  }
}

template <class Ar>
workflow::Case load_case(Ar& ar) {
  const workflow::Definition definition = load_definition(ar);
  workflow::Case c(definition, serial::get_string(ar, "case"));
  replay_events(ar, [&](const workflow::Event& e) { c.apply(e); });
  return c;
}

template <class Ar>
workflow::Tracker load_tracker(Ar& ar) {
  workflow::Tracker t(load_definition(ar));
  replay_events(ar, [&](const workflow::Event& e) { t.apply(e); });
  return t;
}

Saved decode(const OpenedEnvelope& env) {
  const std::uint32_t schema = env.header.schema_version;
  switch (env.header.type) {
    case PayloadType::calendar: {
      auto spec = read_archive(env.header.format, env.payload,
                               [&](auto& ar) { return load_spec(ar, schema); });
      return calendar::BusinessCalendar(std::move(spec));
    }
    case PayloadType::deadline:
      return read_archive(env.header.format, env.payload,
                          [&](auto& ar) { return load_deadline(ar, schema); });
    case PayloadType::organization: {
      if (schema < kOldestOrganizationSchema || schema > kOrganizationSchema) {
        throw UnsupportedVersionError("organization schema version " + std::to_string(schema) +
                                      " is not readable by this build");
      }
      auto spec = read_archive(env.header.format, env.payload,
                               [&](auto& ar) { return load_org(ar, schema); });
      return org::Organization(std::move(spec));
    }
    case PayloadType::workflow_case: {
      require_schema(schema, kCaseSchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_case(ar); });
    }
    case PayloadType::tracker: {
      require_schema(schema, kTrackerSchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_tracker(ar); });
    }
    case PayloadType::findings: {
      if (schema < kOldestFindingsSchema || schema > kFindingsSchema) {
        throw UnsupportedVersionError("findings schema version " + std::to_string(schema) +
                                      " is not readable by this build");
      }
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_findings(ar, schema); });
    }
    case PayloadType::survey: {
      require_schema(schema, kSurveySchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_survey_design(ar); });
    }
    case PayloadType::appraisal: {
      require_schema(schema, kAppraisalSchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_appraisal_scheme(ar); });
    }
    case PayloadType::document: {
      require_schema(schema, kDocumentSchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_valid_document(ar); });
    }
    case PayloadType::monthly_report: {
      require_schema(schema, kMonthlyReportSchema, env.header.type);
      return read_archive(env.header.format, env.payload, [&](auto& ar) { return load_monthly(ar); });
    }
    case PayloadType::charter:
    default: {
      if (schema < kOldestCharterSchema || schema > kCharterSchema) {
        throw UnsupportedVersionError("charter schema version " + std::to_string(schema) +
                                      " is not readable by this build");
      }
      return build_charter(read_archive(env.header.format, env.payload,
                                        [&](auto& ar) { return load_charter_parts(ar, schema); }));
    }
  }
}

// seal() for a payload that a load will accept.
std::string sealed(PayloadType type, std::uint32_t schema, ArchiveFormat format, const std::string& payload) {
  if (payload.size() > kMaxPayloadBytes) {
    throw SerializationError(std::string("the ") + type_name(type) + " is too large to save: its " +
                             format_name(format) + " payload is " + std::to_string(payload.size()) +
                             " bytes, and at most " + std::to_string(kMaxPayloadBytes) + " can be loaded");
  }
  return seal(type, schema, format, payload);
}

}  // namespace

std::string to_bytes(const calendar::BusinessCalendar& cal, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_spec(ar, cal.spec()); });
  return sealed(PayloadType::calendar, kCalendarSchema, format, payload);
}

std::string to_bytes(const calendar::Deadline& deadline, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_deadline(ar, deadline); });
  return sealed(PayloadType::deadline, kDeadlineSchema, format, payload);
}

std::string to_bytes(const Charter& charter, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_charter(ar, charter); });
  return sealed(PayloadType::charter, kCharterSchema, format, payload);
}

std::string to_bytes(const org::Organization& organization, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_org(ar, organization.spec()); });
  return sealed(PayloadType::organization, kOrganizationSchema, format, payload);
}

std::string to_bytes(const workflow::Case& c, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_log(ar, c.definition(), &c.id(), c.events()); });
  return sealed(PayloadType::workflow_case, kCaseSchema, format, payload);
}

std::string to_bytes(const workflow::Tracker& tracker, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_log(ar, tracker.definition(), nullptr, tracker.events()); });
  return sealed(PayloadType::tracker, kTrackerSchema, format, payload);
}

std::string to_bytes(const standard::Findings& findings, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_findings(ar, findings); });
  return sealed(PayloadType::findings, kFindingsSchema, format, payload);
}

std::string to_bytes(const cycle::SurveyDesign& design, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_survey(ar, design.spec()); });
  return sealed(PayloadType::survey, kSurveySchema, format, payload);
}

std::string to_bytes(const org::AppraisalScheme& scheme, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_appraisal(ar, scheme.spec()); });
  return sealed(PayloadType::appraisal, kAppraisalSchema, format, payload);
}

std::string to_bytes(const report::MonthlyReport& report, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_monthly(ar, report); });
  return sealed(PayloadType::monthly_report, kMonthlyReportSchema, format, payload);
}

std::string to_bytes(const report::Document& document, ArchiveFormat format) {
  // A document is a plain value that may hold anything: one the load would refuse is not saved.
  report::check(document);
  const std::string payload = write_archive(format, [&](auto& ar) { save_document(ar, document); });
  return sealed(PayloadType::document, kDocumentSchema, format, payload);
}

Saved from_bytes(std::string_view bytes, std::string_view source) {
  const OpenedEnvelope env = open_envelope(bytes, source);
  try {
    return decode(env);
  } catch (const UnsupportedVersionError& e) {
    throw UnsupportedVersionError(std::string(source) + ": " + e.what());
  } catch (const CorruptFileError& e) {
    throw CorruptFileError(std::string(source) + ": " + e.what());
  } catch (const Error& e) {
    // A payload that decodes but does not make a valid object (a calendar with overlapping
    // hours, say) was damaged or forged: report it as such, with the reason.
    throw CorruptFileError(std::string(source) + ": the " + type_name(env.header.type) +
                           " it holds is invalid: " + e.what());
  } catch (const boost::archive::archive_exception& e) {
    throw CorruptFileError(std::string(source) + ": damaged " + format_name(env.header.format) +
                           " archive (" + e.what() + ")");
  } catch (const std::exception& e) {
    throw CorruptFileError(std::string(source) + ": damaged " + format_name(env.header.format) +
                           " archive (" + e.what() + ")");
  }
}

void save(const calendar::BusinessCalendar& cal, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(cal, format));
}

void save(const calendar::Deadline& deadline, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(deadline, format));
}

void save(const Charter& charter, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(charter, format));
}

void save(const org::Organization& organization, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(organization, format));
}

void save(const workflow::Case& c, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(c, format));
}

void save(const workflow::Tracker& tracker, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(tracker, format));
}

void save(const standard::Findings& findings, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(findings, format));
}

void save(const cycle::SurveyDesign& design, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(design, format));
}

void save(const org::AppraisalScheme& scheme, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(scheme, format));
}

void save(const report::Document& document, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(document, format));
}

void save(const report::MonthlyReport& report, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(report, format));
}

Saved load(const std::string& path) {
  return from_bytes(read_file(path, kMaxPayloadBytes + kEnvelopeHeaderSize), path);
}

}  // namespace charter::io
