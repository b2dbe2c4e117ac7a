// Saving and loading charters with workflows (serialize_workflow.hpp, charter payload version 2):
// round trips in every format, the old version alongside, and damaged or forged archives —
// always CorruptFileError or UnsupportedVersionError, never a crash, never a workflow that was
// not validated against the loaded calendars and organisation.

#include <gtest/gtest.h>

#include <boost/archive/binary_oarchive.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/model/charter.hpp"
#include "io/archive_test_support.hpp"
#include "io/golden_values.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using charter::test::expect_refused;
using charter::test::kFormats;
using charter::test::payload_of;
using workflow::DefinitionSpec;

// The built-in charter with a small generated roster (as the demo and benchmarks use it).
const Charter& staffed_builtin() {
  static const Charter c = builtin().with_staff({
      org::Staff{"s-0001", "王芳", "13812345678", {"cs_manager"}, "", {}},
      org::Staff{"s-0002", "李雷", "", {"call_centre_supervisor"}, "", {}},
      org::Staff{"s-0003", "", "", {"relationship_staff"}, "", {boost::gregorian::date(2025, 1, 1), std::nullopt}},
  });
  return c;
}

// The golden charter with its workflow's texts made awkward for each archive format (XML
// specials, quotes, Chinese, a leading space, an empty string).
Charter awkward_charter() {
  const Charter base = test::golden_charter_v1();
  DefinitionSpec w = test::golden_workflow_spec();
  w.name = {"投诉 <处理> & 'co'", " Complaint \"handling\" </name>"};
  w.transitions[0].rule = "S3 §2(2) <&>";
  w.transitions[0].name = {"", ""};
  w.checklists[0].items[0].name = {"听清楚", "&amp; not an entity"};
  w.escalations[0].name = {"]]>", "<![CDATA["};
  std::map<std::string, workflow::Definition> workflows;
  workflows.emplace(w.id, workflow::Definition(w, base.calendars(), base.organization()));
  return Charter(base.name(), base.calendars(), base.organization(), std::move(workflows));
}

// Writes a charter payload (binary) exactly as to_bytes would, with any workflow specs — valid
// or not — and optionally without the workflows (the version-1 layout).
std::string binary_payload(const Charter& base, const std::vector<DefinitionSpec>& workflows,
                           bool with_workflows = true) {
  std::ostringstream os(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
    serial::put_text(ar, base.name());
    serial::put_count(ar, "calendars", base.calendars().size());
    for (const auto& [id, cal] : base.calendars()) {
      serial::put_string(ar, "id", id);
      save_spec(ar, cal.spec());
    }
    save_org(ar, base.organization().spec());
    if (with_workflows) {
      serial::put_count(ar, "workflows", workflows.size());
      for (const auto& w : workflows) save_workflow(ar, w);
    }
  }
  return os.str();
}

std::string u32(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

// ---------------------------------------------------------------------------------------------
// Round trips

TEST(WorkflowArchiveRoundTrip, TheBuiltinCharterWithStaffInEveryFormat) {
  const Charter& c = staffed_builtin();
  ASSERT_EQ(c.workflows().size(), 2u);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const Charter back = std::get<Charter>(from_bytes(to_bytes(c, f)));
    EXPECT_EQ(back, c);
    for (const auto& [id, w] : c.workflows()) {
      EXPECT_EQ(back.workflow(id).spec(), w.spec()) << id;
      // Rebuilt against the loaded organisation, staff included.
      EXPECT_EQ(back.workflow(id).organization(), back.organization()) << id;
    }
    EXPECT_TRUE(back.workflow("complaint").organization().has_staff("s-0002"));
    EXPECT_EQ(back.workflow("complaint").timer("resolution").goal.rules.at("critical"),
              calendar::Deadline::parse("24 hours"));
    // Deterministic: saving the loaded charter gives the same bytes.
    EXPECT_EQ(to_bytes(back, f), to_bytes(c, f));
  }
}

TEST(WorkflowArchiveRoundTrip, EveryFieldOfADefinitionInEveryFormat) {
  for (const Charter& c : {test::golden_charter(), awkward_charter()}) {
    for (ArchiveFormat f : kFormats) {
      SCOPED_TRACE(format_name(f));
      const Charter back = std::get<Charter>(from_bytes(to_bytes(c, f)));
      EXPECT_EQ(back, c);
      EXPECT_EQ(back.workflow("complaint").spec(), c.workflow("complaint").spec());
    }
  }
}

TEST(WorkflowArchiveRoundTrip, ThroughFiles) {
  const test::TempDir dir;
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string path = dir.file(std::string("builtin.") + format_name(f));
    save(staffed_builtin(), path, f);
    EXPECT_EQ(load_as<Charter>(path), staffed_builtin());
  }
}

TEST(WorkflowArchiveRoundTrip, TheHandMadeLayoutMatchesWhatToBytesWrites) {
  // So that the forgeries below are forgeries of the real format.
  const Charter c = test::golden_charter();
  EXPECT_EQ(binary_payload(c, {test::golden_workflow_spec()}), payload_of(to_bytes(c)));
}

// ---------------------------------------------------------------------------------------------
// Versions

TEST(WorkflowArchiveVersions, AVersion1PayloadReadsWithoutWorkflows) {
  const Charter base = test::golden_charter_v1();
  const Charter c = std::get<Charter>(
      from_bytes(seal(PayloadType::charter, 1, ArchiveFormat::binary, binary_payload(base, {}, false))));
  EXPECT_EQ(c, base);
  EXPECT_TRUE(c.workflows().empty());
}

TEST(WorkflowArchiveVersions, PayloadsUnderTheWrongVersionAreRefused) {
  const Charter c = test::golden_charter();
  // A version-2 payload called version 1: the workflows are left over.
  const std::string m = expect_refused(
      seal(PayloadType::charter, 1, ArchiveFormat::binary, payload_of(to_bytes(c))), "v2 as v1");
  EXPECT_NE(m.find("unexpected data after the last field"), std::string::npos) << m;
  // A version-1 payload called version 2: the workflow count is missing.
  expect_refused(seal(PayloadType::charter, 2, ArchiveFormat::binary,
                      binary_payload(test::golden_charter_v1(), {}, false)),
                 "v1 as v2");
  for (ArchiveFormat f : kFormats) {
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::charter, kCharterSchema + 1, f, payload_of(to_bytes(c, f)))),
                             UnsupportedVersionError, "charter schema version 3");
  }
}

// ---------------------------------------------------------------------------------------------
// Damage and forgery

TEST(WorkflowArchiveDamage, EveryPrefixIsRefused) {
  for (ArchiveFormat f : {ArchiveFormat::text, ArchiveFormat::binary}) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(test::golden_charter(), f);
    for (size_t n = 0; n < bytes.size(); n += 7) {
      try {
        from_bytes(std::string_view(bytes).substr(0, n), "cut");
        ADD_FAILURE() << "prefix of " << n << " bytes loaded";
      } catch (const CorruptFileError&) {
      }
    }
  }
}

TEST(WorkflowArchiveForged, EveryPayloadPrefixAndBitFlip) {
  // Right checksums around a wrong payload: it loads as a valid charter that saves and loads
  // again, or it is refused with a typed error. Nothing crashes.
  const Charter c = test::golden_charter();
  const std::string p = payload_of(to_bytes(c));
  auto check = [](const std::string& payload, const std::string& what) {
    try {
      const Charter back = std::get<Charter>(
          from_bytes(seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, payload), "forged"));
      EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(back))), back) << what;
    } catch (const CorruptFileError& e) {
      const std::string m = e.what();
      EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
      EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << " threw " << boost::core::demangle(typeid(e).name()) << ": " << e.what();
    }
  };
  // The workflow is the tail of the payload: mutate from where it starts.
  const size_t start = binary_payload(c, {}).size() - 4;
  for (size_t n = start; n < p.size(); ++n) check(p.substr(0, n), "prefix " + std::to_string(n));
  std::string m = p;
  for (size_t i = start * 8; i < p.size() * 8; ++i) {
    const char mask = static_cast<char>(1 << (i % 8));
    m[i / 8] ^= mask;
    check(m, "flip of bit " + std::to_string(i));
    m[i / 8] ^= mask;
  }
}

TEST(WorkflowArchiveForged, AnInvalidWorkflowIsRefused) {
  // A valid layout whose workflow names a state that does not exist: validated on load.
  DefinitionSpec w = test::golden_workflow_spec();
  w.transitions[0].to = "nowhere";
  const std::string m = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary,
           binary_payload(test::golden_charter_v1(), {w})),
      "invalid workflow");
  EXPECT_NE(m.find("forged: the charter it holds is invalid"), std::string::npos) << m;
  EXPECT_NE(m.find("transitions[0].to: unknown state 'nowhere'"), std::string::npos) << m;
  // A workflow whose calendar is not in the charter.
  DefinitionSpec elsewhere = test::golden_workflow_spec();
  elsewhere.calendar = "hotline";
  const std::string c = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary,
           binary_payload(test::golden_charter_v1(), {elsewhere})),
      "unknown calendar");
  EXPECT_NE(c.find("unknown calendar 'hotline'"), std::string::npos) << c;
}

TEST(WorkflowArchiveForged, ADuplicatedWorkflowIdIsRefused) {
  const std::string m = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary,
           binary_payload(test::golden_charter_v1(), {test::golden_workflow_spec(), test::golden_workflow_spec()})),
      "duplicate workflow");
  EXPECT_NE(m.find("workflow 'complaint' appears twice"), std::string::npos) << m;
}

TEST(WorkflowArchiveForged, HugeCountsAreRefusedBeforeAllocating) {
  const std::string base = binary_payload(test::golden_charter_v1(), {});
  const std::string prefix = base.substr(0, base.size() - 4);  // up to the workflow count
  const std::string m = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, prefix + u32(4000000000u)),
      "workflows");
  EXPECT_NE(m.find("field 'workflows' claims 4000000000 entries; at most " + std::to_string(kMaxWorkflows) +
                   " are possible"),
            std::string::npos)
      << m;
  // One workflow: id "w" (count 1, byte), name (0, 0), calendar "" (0), then a state count.
  const std::string states = prefix + u32(1) + u32(1) + "w" + u32(0) + u32(0) + u32(0) + u32(0xFFFFFFFFu);
  const std::string s = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, states), "states");
  EXPECT_NE(s.find("field 'states' claims 4294967295 entries"), std::string::npos) << s;
}

TEST(WorkflowArchiveForged, EnumsAndFlagsOutOfRange) {
  const Charter c = test::golden_charter();
  const std::string good = binary_payload(c, {test::golden_workflow_spec()});
  // The instant field: id "next_reply_at", name (zh "下次回复时间", en ""), type 1.
  const std::string name_zh = "下次回复时间";
  const std::string field = u32(13) + "next_reply_at" + u32(static_cast<std::uint32_t>(name_zh.size())) + name_zh +
                            u32(0) + u32(1);
  const size_t at = good.find(field);
  ASSERT_NE(at, std::string::npos);
  std::string bad_type = good;
  bad_type.replace(at + field.size() - 4, 4, u32(7));
  const std::string m = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, bad_type), "type");
  EXPECT_NE(m.find("field 'type' holds 7, which is not one of its values"), std::string::npos) << m;
  // The initial flag of the first state: id "new", name, initial 1.
  const std::string state = u32(3) + "new" + u32(6) + "新建" + u32(3) + "New" + u32(1);
  const size_t st = good.find(state);
  ASSERT_NE(st, std::string::npos);
  std::string bad_flag = good;
  bad_flag.replace(st + state.size() - 4, 4, u32(2));
  const std::string f = expect_refused(
      seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, bad_flag), "flag");
  EXPECT_NE(f.find("field 'initial' is neither 0 nor 1"), std::string::npos) << f;
}

}  // namespace
}  // namespace charter::io
