// Saving and loading organisations and charters: round trips in every format and through files,
// and damaged or forged archives — always CorruptFileError or UnsupportedVersionError, never a
// crash, never an allocation sized by the file, never an invalid organisation.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/charter_file.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/model/charter.hpp"
#include "io/archive_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using charter::test::charter_payload;
using charter::test::expect_refused;
using charter::test::kFormats;
using charter::test::payload_of;
using charter::test::u32;
using charter::test::write_payload;

using boost::gregorian::date;


// A charter with every kind of field, including text that is awkward for each archive format
// (XML specials, quotes, Chinese, a leading space, an empty string).
const char* const kCentre = R"(charter: 1
name: {zh: "示例 <中心> & 'co'", en: " Centre \"A\" </name>"}
calendars:
  office:
    builtin: china
    hours: ["09:00-12:00", "13:30-18:30"]
  support:
    name: Support & <desk>
    zone: Europe/Berlin
    week: {weekdays: ["08:00-12:00", "13:00-17:00"], sat: ["22:00-06:00"]}
    holidays: {2025-12-25: {zh: 圣诞节, en: Christmas}}
    extra_workdays: {2025-12-28: ["09:00-10:00"], 2025-12-21: ~}
    special_hours: {2025-12-24: ["08:00-12:00"]}
    first_day: 2025-01-01
    last_day: 2026-12-31
organization:
  units:
    - {id: cs_centre, name: {zh: 客户服务中心, en: Customer service centre}}
    - {id: call_centre, name: Call centre, parent: cs_centre}
  roles:
    - {id: deputy_leader, name: {zh: 分管领导}}
    - id: cs_manager
      name: {zh: 客户服务经理, en: Customer-service manager}
      reports_to: deputy_leader
      headcount: 1
      duties:
        - id: cs_manager.complaints
          text: {zh: 监督客户投诉处理并反馈结果, en: "Supervises <complaints> & feeds back"}
          covers:
            - {action: complaint.escalate, raci: A}
            - {standard: R-05, raci: A}
            - {cycle: R-23, raci: I}
    - id: agent
      reports_to: cs_manager
      duties:
        - {id: agent.intake, covers: [{action: complaint.escalate, raci: R}, {action: complaint.register, raci: R}]}
  staff:
    - {id: s-0001, name: 王芳, phone: "13812345678", roles: [cs_manager], unit: cs_centre, active: {from: 2024-01-01, until: 2025-06-30}}
    - {id: s-0002, name: Alice, roles: [cs_manager, agent], unit: call_centre, active: {from: 2025-07-01}}
    - {id: s-0003, roles: [agent]}
  grants:
    - {role: agent, action: complaint.escalate, allow: false, reason: "only <supervisors> & managers"}
    - {role: deputy_leader, action: complaint.register, allow: true}
)";

Charter centre() { return parse_charter(kCentre, "centre.yaml"); }

// A small charter for the exhaustive damage tests.
Charter small_charter() {
  return parse_charter(R"(charter: 1
name: S
calendars: {c: {week: {mon: ["09:00-17:00"]}, first_day: 2025-01-01, last_day: 2025-01-31}}
organization:
  units: [{id: u}]
  roles:
    - {id: boss, headcount: 1, duties: [{id: d, covers: [{action: a, raci: R}]}]}
    - {id: w, reports_to: boss}
  staff: [{id: s, name: N, roles: [w], unit: u, active: {from: 2025-01-01}}]
  grants: [{role: w, action: a, allow: true, reason: r}]
)",
                       "small.yaml");
}

org::Organization small_org() { return small_charter().organization(); }


// ---------------------------------------------------------------------------------------------
// Round trips

TEST(OrgArchiveRoundTrip, CharterInEveryFormat) {
  const Charter c = centre();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Saved s = from_bytes(to_bytes(c, f), "centre.chrt");
    ASSERT_TRUE(std::holds_alternative<Charter>(s));
    const Charter& back = std::get<Charter>(s);
    EXPECT_EQ(back, c);
    // Field by field for the parts equality might hide.
    EXPECT_EQ(back.name(), c.name());
    EXPECT_EQ(back.calendar("support").spec(), c.calendar("support").spec());
    EXPECT_EQ(back.calendar("office").spec(), c.calendar("office").spec());
    EXPECT_EQ(back.organization().spec(), c.organization().spec());
    // Personal data is kept for the application (only messages mask it).
    EXPECT_EQ(back.organization().staff_member("s-0001").name, "王芳");
    EXPECT_EQ(back.organization().staff_member("s-0001").phone, "13812345678");
    // The loaded organisation answers like the original.
    EXPECT_FALSE(back.organization().may_staff("s-0002", "complaint.escalate").allowed);
    EXPECT_EQ(back.organization().may_staff("s-0002", "complaint.escalate").source,
              "grant:agent/complaint.escalate");
  }
}

TEST(OrgArchiveRoundTrip, EqualityIsNotTrivial) {
  // A charter that differs in one staff member's phone does not compare equal, so the round
  // trips above compare something.
  std::string other = kCentre;
  other.replace(other.find("13812345678"), 11, "13812345679");
  EXPECT_NE(parse_charter(other, "other.yaml"), centre());
  EXPECT_NE(std::get<Charter>(from_bytes(to_bytes(parse_charter(other, "o"), ArchiveFormat::xml))),
            centre());
}

TEST(OrgArchiveRoundTrip, OrganizationAloneInEveryFormat) {
  const org::Organization o = centre().organization();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Saved s = from_bytes(to_bytes(o, f));
    ASSERT_TRUE(std::holds_alternative<org::Organization>(s));
    EXPECT_EQ(std::get<org::Organization>(s), o);
    EXPECT_EQ(std::get<org::Organization>(s).spec(), o.spec());
  }
}

TEST(OrgArchiveRoundTrip, EmptyCharterAndEmptyOrganization) {
  for (ArchiveFormat f : kFormats) {
    EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(Charter(), f))), Charter());
    EXPECT_EQ(std::get<org::Organization>(from_bytes(to_bytes(org::Organization(), f))),
              org::Organization());
  }
}

TEST(OrgArchiveRoundTrip, SaveAndLoadThroughFiles) {
  const test::TempDir dir;
  const Charter c = centre();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string path = dir.file(std::string("centre.") + format_name(f));
    save(c, path, f);
    EXPECT_EQ(load_as<Charter>(path), c);
    const std::string opath = dir.file(std::string("org.") + format_name(f));
    save(c.organization(), opath, f);
    EXPECT_EQ(load_as<org::Organization>(opath), c.organization());
    // Asking for the wrong kind of object is refused, naming the path.
    CHARTER_EXPECT_THROW_MSG(load_as<org::Organization>(path), CorruptFileError,
                             path + ": holds a different kind of object");
    CHARTER_EXPECT_THROW_MSG(load_as<Charter>(opath), CorruptFileError,
                             opath + ": holds a different kind of object");
  }
  // Saving again replaces the file.
  const std::string path = dir.file("centre.binary");
  save(small_charter(), path);
  EXPECT_EQ(load_as<Charter>(path), small_charter());
}

TEST(OrgArchiveRoundTrip, TheSameCharterGivesTheSameBytes) {
  // Deterministic output: the same charter parsed twice saves to identical bytes.
  for (ArchiveFormat f : kFormats) EXPECT_EQ(to_bytes(centre(), f), to_bytes(centre(), f));
}

// ---------------------------------------------------------------------------------------------
// Damage: the envelope catches every truncation and every single-bit flip

TEST(OrgArchiveDamage, EveryPrefixOfACharterIsRefused) {
  for (ArchiveFormat f : {ArchiveFormat::text, ArchiveFormat::binary}) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(small_charter(), f);
    for (size_t n = 0; n < bytes.size(); ++n) {
      try {
        from_bytes(std::string_view(bytes).substr(0, n), "cut");
        ADD_FAILURE() << "prefix of " << n << " bytes loaded";
      } catch (const CorruptFileError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "prefix of " << n << " bytes threw "
                      << boost::core::demangle(typeid(e).name()) << ": " << e.what();
      }
    }
  }
}

TEST(OrgArchiveDamage, RandomSingleBitFlipsAreRefused) {
  std::mt19937_64 rng(2024);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    for (const std::string& original : {to_bytes(small_charter(), f), to_bytes(small_org(), f)}) {
      std::string m = original;
      for (int k = 0; k < 150; ++k) {
        const size_t bit = std::uniform_int_distribution<size_t>(0, m.size() * 8 - 1)(rng);
        const char mask = static_cast<char>(1 << (bit % 8));
        m[bit / 8] ^= mask;
        try {
          from_bytes(m, "flipped");
          ADD_FAILURE() << "flip of bit " << bit << " loaded";
        } catch (const CorruptFileError&) {
        } catch (const UnsupportedVersionError&) {
        } catch (const std::exception& e) {
          ADD_FAILURE() << "flip of bit " << bit << " threw "
                        << boost::core::demangle(typeid(e).name()) << ": " << e.what();
        }
        m[bit / 8] ^= mask;
      }
      EXPECT_EQ(m, original);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Forged: right checksums around a wrong payload

// Loads forged bytes: a valid archive may load, but then it must be a valid object that saves
// and loads again; otherwise the error is typed. Nothing may crash.
void expect_loaded_or_refused(const std::string& bytes, const std::string& what) {
  try {
    const Saved s = from_bytes(bytes, "forged");
    if (const auto* c = std::get_if<Charter>(&s)) {
      EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(*c))), *c) << what;
    } else {
      const auto& o = std::get<org::Organization>(s);
      EXPECT_TRUE(org::validate(o.spec()).empty()) << what;
      EXPECT_EQ(std::get<org::Organization>(from_bytes(to_bytes(o))), o) << what;
    }
  } catch (const CorruptFileError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
    EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
  } catch (const UnsupportedVersionError&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << " threw " << boost::core::demangle(typeid(e).name()) << ": "
                  << e.what();
  }
}

TEST(OrgArchiveForged, EveryPayloadMutationOfASmallOrganization) {
  for (ArchiveFormat f : {ArchiveFormat::binary, ArchiveFormat::text}) {
    SCOPED_TRACE(format_name(f));
    const std::string p = payload_of(to_bytes(small_org(), f));
    for (size_t n = 0; n < p.size(); ++n) {
      expect_loaded_or_refused(seal(PayloadType::organization, kOrganizationSchema, f, p.substr(0, n)),
                               "prefix " + std::to_string(n));
    }
    std::string m = p;
    for (size_t i = 0; i < p.size() * 8; ++i) {
      const char mask = static_cast<char>(1 << (i % 8));
      m[i / 8] ^= mask;
      expect_loaded_or_refused(seal(PayloadType::organization, kOrganizationSchema, f, m),
                               "flip of bit " + std::to_string(i));
      m[i / 8] ^= mask;
    }
  }
}

TEST(OrgArchiveForged, FourBillionRolesAreRefusedBeforeAllocating) {
  // Binary layout of an organisation: u32 unit count, then units, then u32 role count, …
  const std::string org_payload = u32(0) + u32(4000000000u) + std::string(16, '\0');
  const std::string m =
      expect_refused(seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary,
                          org_payload),
                     "organization");
  EXPECT_NE(m.find("field 'roles' claims 4000000000 entries; at most " +
                   std::to_string(kMaxRoles) + " are possible"),
            std::string::npos)
      << m;
  // A charter: name (zh and en byte counts, both 0), calendar count 0, then the organisation.
  const std::string charter_payload = u32(0) + u32(0) + u32(0) + org_payload;
  const std::string c =
      expect_refused(seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, charter_payload),
                     "charter");
  EXPECT_NE(c.find("field 'roles' claims 4000000000 entries"), std::string::npos) << c;
}

TEST(OrgArchiveForged, HugeCountsOfEveryListAreRefused) {
  // Each count in turn, after empty lists before it: units, roles, staff, grants.
  struct Case {
    std::string payload;
    std::string field;
  };
  const std::vector<Case> cases = {
      {u32(0xFFFFFFFFu), "units"},
      {u32(0) + u32(0) + u32(0xFFFFFFFFu), "staff"},
      {u32(0) + u32(0) + u32(0) + u32(0xFFFFFFFFu), "grants"},
  };
  for (const auto& c : cases) {
    const std::string m = expect_refused(
        seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary, c.payload),
        c.field);
    EXPECT_NE(m.find("field '" + c.field + "' claims 4294967295 entries"), std::string::npos) << m;
  }
}

// Writes an organisation spec (valid or not) exactly as to_bytes would, without validating it:
// alone, or as the organisation of an otherwise empty charter.
std::string binary_payload(const org::OrganizationSpec& spec, bool as_charter) {
  if (as_charter) {
    io::CharterParts parts;
    parts.name = LocalizedText{"", "forged"};
    parts.organization = spec;
    return charter_payload(parts);
  }
  return write_payload(ArchiveFormat::binary, [&](auto& ar) { save_org(ar, spec); });
}

TEST(OrgArchiveForged, TheHandMadeLayoutMatchesWhatToBytesWrites) {
  // So that the forgeries below are forgeries of the real format.
  EXPECT_EQ(binary_payload(small_org().spec(), false), payload_of(to_bytes(small_org())));
  EXPECT_EQ(charter_payload(test::parts_of(small_charter())), payload_of(to_bytes(small_charter())));
  EXPECT_EQ(charter_payload(test::parts_of(centre())), payload_of(to_bytes(centre())));
}

TEST(OrgArchiveForged, AValidLayoutHoldingAnInvalidOrganisationIsRefused) {
  org::OrganizationSpec spec;
  // a reports to b, b reports to a.
  spec.roles = {org::Role{"a", {}, "b", std::nullopt, {}}, org::Role{"b", {}, "a", std::nullopt, {}}};
  const std::string o = expect_refused(
      seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary,
           binary_payload(spec, false)),
      "organization");
  EXPECT_NE(o.find("forged: the organization it holds is invalid"), std::string::npos) << o;
  EXPECT_NE(o.find("roles[0].reports_to: reporting lines form a cycle: a → b → a"), std::string::npos)
      << o;
  const std::string c = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, binary_payload(spec, true)),
      "charter");
  EXPECT_NE(c.find("the charter it holds is invalid"), std::string::npos) << c;
  EXPECT_NE(c.find("reporting lines form a cycle: a → b → a"), std::string::npos) << c;
}

TEST(OrgArchiveForged, StaffWithAnUnknownRoleIsRefused) {
  org::OrganizationSpec spec = small_org().spec();
  spec.staff[0].roles = {"ghost"};
  const std::string m = expect_refused(
      seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary,
           binary_payload(spec, false)),
      "staff");
  EXPECT_NE(m.find("staff[0].roles[0]: unknown role 'ghost'"), std::string::npos) << m;
  // And the staff member's name is not in the message.
  EXPECT_EQ(m.find(": N"), std::string::npos) << m;
}

TEST(OrgArchiveForged, EnumsAndFlagsOutOfRange) {
  const std::string good = binary_payload(small_org().spec(), false);
  // Layout of small_org: units [u], roles [boss (headcount 1, duty d covering action a R), w],
  // staff [s], grants [w/a allow]. Find the fields by their neighbourhood.
  //   … "d" text(zh "", en "") covers=1: kind u32, subject "a", raci u32 …
  const std::string covers = u32(1) + u32(0) + u32(1) + "a" + u32(0);  // 1 cover, action, "a", R
  const size_t at = good.find(covers);
  ASSERT_NE(at, std::string::npos);
  std::string bad_kind = good;
  bad_kind.replace(at + 4, 4, u32(7));
  EXPECT_NE(expect_refused(seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary, bad_kind), "kind")
                .find("unknown subject kind 7"),
            std::string::npos);
  std::string bad_raci = good;
  bad_raci.replace(at + 4 + 4 + 4 + 1, 4, u32(9));
  EXPECT_NE(expect_refused(seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary, bad_raci), "raci")
                .find("unknown RACI value 9"),
            std::string::npos);
  // The grant's allow flag is the u32 after "w", "a" at the end: role w, action a, allow 1, reason "r".
  const std::string grant = u32(1) + "w" + u32(1) + "a" + u32(1) + u32(1) + "r";
  ASSERT_EQ(good.size() - grant.size(), good.rfind(grant));
  std::string bad_allow = good;
  bad_allow.replace(good.size() - 9, 4, u32(2));
  EXPECT_NE(expect_refused(seal(PayloadType::organization, kOrganizationSchema, ArchiveFormat::binary, bad_allow), "allow")
                .find("field 'allow' is neither 0 nor 1"),
            std::string::npos);
}

TEST(OrgArchiveForged, ADuplicatedCalendarIdIsRefused) {
  calendar::CalendarSpec cal;
  cal.name = "c";
  cal.week.days[1] = calendar::parse_day_hours({{"09:00", "17:00"}});
  io::CharterParts parts;
  parts.calendars = {{"c", cal}, {"c", cal}};
  const std::string m =
      expect_refused(seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, charter_payload(parts)),
                     "duplicate calendar");
  EXPECT_NE(m.find("calendar 'c' appears twice"), std::string::npos) << m;
}

TEST(OrgArchiveForged, NewerSchemasAreUnsupportedAndTypesDoNotSwap) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string cp = payload_of(to_bytes(small_charter(), f));
    const std::string op = payload_of(to_bytes(small_org(), f));
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::charter, kCharterSchema + 1, f, cp), "new"),
                             UnsupportedVersionError,
                             "charter schema version " + std::to_string(kCharterSchema + 1));
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::charter, 0, f, cp), "old"),
                             UnsupportedVersionError, "charter schema version 0");
    CHARTER_EXPECT_THROW_MSG(
        from_bytes(seal(PayloadType::organization, kOrganizationSchema + 1, f, op), "new"),
        UnsupportedVersionError, "organization schema version " + std::to_string(kOrganizationSchema + 1));
    // An organisation's payload is not a charter's, nor the other way round.
    expect_refused(seal(PayloadType::charter, kCharterSchema, f, op), "org as charter");
    expect_refused(seal(PayloadType::organization, kOrganizationSchema, f, cp), "charter as org");
  }
}

TEST(OrgArchiveForged, RandomGarbagePayloads) {
  std::mt19937_64 rng(77);
  for (int i = 0; i < 600; ++i) {
    const ArchiveFormat f = kFormats[i % 3];
    const PayloadType type = (i / 3) % 2 ? PayloadType::charter : PayloadType::organization;
    std::string p(std::uniform_int_distribution<size_t>(0, 200)(rng), '\0');
    for (char& ch : p) ch = static_cast<char>(rng());
    expect_refused(seal(type, 1, f, p), "garbage #" + std::to_string(i));
  }
}

}  // namespace
}  // namespace charter::io
