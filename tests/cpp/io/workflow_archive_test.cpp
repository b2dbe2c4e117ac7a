// Saving and loading charters with workflows (serialize_workflow.hpp, charter payload version 2),
// and cases and trackers (their definition in a charter, then their events): round trips in
// every format, the old version alongside, golden files, and damaged or forged archives —
// always CorruptFileError or UnsupportedVersionError, never a crash, never a workflow that was
// not validated against the loaded calendars and organisation, never an event that was not
// replayed through the same checks as a live one.

#include <gtest/gtest.h>

#include <boost/archive/binary_oarchive.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/tracker.hpp"
#include "io/archive_test_support.hpp"
#include "io/golden_values.hpp"
#include "io/golden_workflow_values.hpp"
#include "test_support.hpp"
#include "workflow/workflow_test_support.hpp"

namespace charter::io {
namespace {

using charter::test::charter_payload;
using charter::test::expect_refused;
using charter::test::kFormats;
using charter::test::payload_of;
using charter::test::u32;
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

// Writes a charter payload (binary) exactly as to_bytes would: the calendars, organisation and
// standards of `base` with any workflow specs — valid or not — in the layout of version `schema`
// (1: without the workflows).
std::string binary_payload(const Charter& base, std::vector<DefinitionSpec> workflows,
                           std::uint32_t schema = kCharterSchema) {
  io::CharterParts parts = test::parts_of(base);
  parts.workflows = std::move(workflows);
  return charter_payload(parts, schema);
}

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
  for (const Charter& c : {test::golden_charter_v3(), awkward_charter()}) {
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
  const Charter c = test::golden_charter_v3();
  EXPECT_EQ(binary_payload(c, {test::golden_workflow_spec()}), payload_of(to_bytes(c)));
  // And of the version-2 layout, as an earlier build wrote it.
  EXPECT_EQ(binary_payload(test::golden_charter_v2(), {test::golden_workflow_spec()}, 2),
            payload_of(test::read_all(std::string(CHARTER_TEST_DATA_DIR) + "/charter-v2.binary.chrt")));
}

// ---------------------------------------------------------------------------------------------
// Versions

TEST(WorkflowArchiveVersions, AVersion1PayloadReadsWithoutWorkflows) {
  const Charter base = test::golden_charter_v1();
  const Charter c = std::get<Charter>(
      from_bytes(seal(PayloadType::charter, 1, ArchiveFormat::binary, binary_payload(base, {}, 1))));
  EXPECT_EQ(c, base);
  EXPECT_TRUE(c.workflows().empty());
}

TEST(WorkflowArchiveVersions, PayloadsUnderTheWrongVersionAreRefused) {
  const Charter v2 = test::golden_charter_v2();
  const std::string v2_payload = binary_payload(v2, {test::golden_workflow_spec()}, 2);
  // A version-2 payload called version 1: the workflows are left over.
  const std::string m = expect_refused(seal(PayloadType::charter, 1, ArchiveFormat::binary, v2_payload), "v2 as v1");
  EXPECT_NE(m.find("unexpected data after the last field"), std::string::npos) << m;
  // A version-1 payload called version 2: the workflow count is missing.
  expect_refused(seal(PayloadType::charter, 2, ArchiveFormat::binary, binary_payload(test::golden_charter_v1(), {}, 1)),
                 "v1 as v2");
  // The same one version up: a version-3 payload called version 2 leaves its standards over, and
  // a version-2 payload called version 3 misses the standard count.
  const Charter c = test::golden_charter_v3();
  const std::string s = expect_refused(
      seal(PayloadType::charter, 2, ArchiveFormat::binary, test::charter_payload(test::parts_of(c), 3)), "v3 as v2");
  EXPECT_NE(s.find("unexpected data after the last field"), std::string::npos) << s;
  expect_refused(seal(PayloadType::charter, 3, ArchiveFormat::binary, v2_payload), "v2 as v3");
  for (ArchiveFormat f : kFormats) {
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::charter, kCharterSchema + 1, f, payload_of(to_bytes(c, f)))),
                             UnsupportedVersionError,
                             "charter schema version " + std::to_string(kCharterSchema + 1) + " is not readable by this build");
  }
}

// ---------------------------------------------------------------------------------------------
// Damage and forgery

TEST(WorkflowArchiveDamage, EveryPrefixIsRefused) {
  for (ArchiveFormat f : {ArchiveFormat::text, ArchiveFormat::binary}) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(test::golden_charter_v3(), f);
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
  // again, or it is refused with a typed error. Nothing crashes. The golden charter without its
  // standards (standard_archive_test.cpp mutates those), so every load here is about workflows.
  const Charter c = test::golden_charter_v2();
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
  // The workflow and the empty standard count are the tail of the payload: mutate from where the
  // workflow count starts.
  const size_t start = binary_payload(c, {}, 1).size();
  ASSERT_EQ(p.substr(p.size() - 4), u32(0));
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
  // Up to the workflow count, in the version-3 layout (the organisation without unit dates).
  const std::string prefix = binary_payload(test::golden_charter_v1(), {}, 1);
  const std::string m = expect_refused(
      seal(PayloadType::charter, 3, ArchiveFormat::binary, prefix + u32(4000000000u)),
      "workflows");
  EXPECT_NE(m.find("field 'workflows' claims 4000000000 entries; at most " + std::to_string(kMaxWorkflows) +
                   " are possible"),
            std::string::npos)
      << m;
  // One workflow: id "w" (count 1, byte), name (0, 0), calendar "" (0), then a state count.
  const std::string states = prefix + u32(1) + u32(1) + "w" + u32(0) + u32(0) + u32(0) + u32(0xFFFFFFFFu);
  const std::string s = expect_refused(
      seal(PayloadType::charter, 3, ArchiveFormat::binary, states), "states");
  EXPECT_NE(s.find("field 'states' claims 4294967295 entries"), std::string::npos) << s;
}

TEST(WorkflowArchiveForged, EnumsAndFlagsOutOfRange) {
  const Charter c = test::golden_charter_v3();
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


// =============================================================================================
// Cases and trackers

using workflow::Case;
using workflow::CaseStatus;
using workflow::Event;
using workflow::Tracker;

// One staff member per role of the built-in charter, "<role>.1".
const Charter& roster_builtin() {
  static const Charter c = builtin().with_staff(workflow::generated_roster(builtin().organization(), 1));
  return c;
}

boost::posix_time::ptime shanghai(const std::string& wall) {
  return roster_builtin().calendar("hotline").from_local(calendar::parse_date_time(wall));
}

Event ev(const std::string& wall, const std::string& name, const std::string& actor,
         std::vector<workflow::Field> fields = {}) {
  return Event{"C-1", shanghai(wall), name, actor, std::move(fields)};
}

// A complaint through every row of the built-in complaint workflow, with Chinese texts in its
// fields: received, reported, escalated, acknowledged, investigated, a delay explained with an
// agreed time, waiting for and hearing from the customer, analysed, a solution proposed and
// implemented, resolved, replied, recorded, closed, and reopened.
Case every_kind_of_event() {
  const std::string sup = "after_sales_supervisor.1";
  const std::vector<Event> log = {
      ev("2025-09-30 17:00", "receive", "archive_staff.1",
         {{"severity", "major"}, {"channel", "phone"}, {"customer", "王芳（会员）"}, {"unit", "华东区"}}),
      ev("2025-09-30 17:20", "report", "archive_staff.1"),
      ev("2025-09-30 17:25", "escalate", sup, {{"reason", "媒体关注 <press> & \"VIP\""}}),
      ev("2025-09-30 18:00", "acknowledge", sup),
      ev("2025-10-08 09:00", "investigate", sup),
      ev("2025-10-08 09:30", "explain_delay", sup,
         {{"explanation", "供应商国庆后复工"}, {"next_reply_at", "2025-10-09 10:00"}}),
      ev("2025-10-08 10:00", "await_customer", sup, {{"reason", "需要照片\nphotos"}}),
      ev("2025-10-08 15:00", "customer_responds", "customer"),
      ev("2025-10-08 16:00", "analyse", "quality_staff.1", {{"cause", "发错尺码"}}),
      ev("2025-10-08 17:00", "propose_solution", sup, {{"solution", "换货"}}),
      ev("2025-10-09 09:00", "implement", sup),
      ev("2025-10-09 10:00", "resolve", sup, {{"resolution", "已换货，顾客满意"}}),
      ev("2025-10-09 11:00", "reply_customer", sup),
      ev("2025-10-09 12:00", "record", sup),
      ev("2025-10-09 13:00", "close", sup),
      ev("2025-10-12 10:00", "reopen", "relationship_staff.1", {{"reason", "再次损坏"}}),
  };
  Case c(roster_builtin().workflow("complaint"), "C-1", log);
  return c;
}

std::vector<Event> few_hundred_complaints() {
  workflow::ComplaintStreamOptions o;
  o.complaints = 300;
  o.seed = 4;
  o.start = shanghai("2025-11-01 00:00");
  return workflow::complaint_stream(roster_builtin(), o);
}

const Tracker& stream_tracker() {
  static const Tracker t = [] {
    Tracker t(roster_builtin().workflow("complaint"));
    const auto r = t.ingest(few_hundred_complaints());
    EXPECT_TRUE(r.rejected.empty());
    return t;
  }();
  return t;
}

void expect_same_status(const CaseStatus& a, const CaseStatus& b) {
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.attributes, b.attributes);
  EXPECT_EQ(a.next_event, b.next_event);
  ASSERT_EQ(a.timers.size(), b.timers.size());
  for (std::size_t k = 0; k < a.timers.size(); ++k) {
    EXPECT_EQ(a.timers[k].timer, b.timers[k].timer);
    EXPECT_EQ(a.timers[k].due, b.timers[k].due);
    EXPECT_EQ(a.timers[k].elapsed, b.timers[k].elapsed);
    EXPECT_EQ(a.timers[k].breached, b.timers[k].breached);
  }
  ASSERT_EQ(a.escalations.size(), b.escalations.size());
  for (std::size_t k = 0; k < a.escalations.size(); ++k) EXPECT_EQ(a.escalations[k].id, b.escalations[k].id);
}

using test::expect_same_tracker;

using test::read_all;

// A case or tracker payload (binary) exactly as to_bytes writes it, with any events — accepted
// or not — and any workflow id.
std::string log_payload(const workflow::Definition& d, const std::string* case_id, const std::vector<Event>& events,
                        const std::string& workflow_id = "complaint") {
  std::ostringstream os(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
    std::map<std::string, workflow::Definition> workflows;
    workflows.emplace(d.id(), d);
    save_charter(ar, Charter(d.name(), d.calendars(), d.organization(), std::move(workflows)),
                 kEmbeddedCharterSchema);
    serial::put_string(ar, "workflow", workflow_id);
    if (case_id) serial::put_string(ar, "case", *case_id);
    serial::put_count(ar, "events", events.size());
    for (const auto& e : events) save_event(ar, e);
  }
  return os.str();
}

std::string case_bytes(const std::string& payload) {
  return seal(PayloadType::workflow_case, kCaseSchema, ArchiveFormat::binary, payload);
}
std::string tracker_bytes(const std::string& payload) {
  return seal(PayloadType::tracker, kTrackerSchema, ArchiveFormat::binary, payload);
}

TEST(CaseArchiveRoundTrip, EveryKindOfEventInEveryFormat) {
  const Case c = every_kind_of_event();
  ASSERT_EQ(c.events().size(), 16u);
  ASSERT_EQ(c.state(), "investigating");
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(c, f);
    EXPECT_EQ(open_envelope(bytes, "x").header.type, PayloadType::workflow_case);
    const Case back = std::get<Case>(from_bytes(bytes));
    EXPECT_EQ(back.id(), "C-1");
    EXPECT_EQ(back.events(), c.events());
    EXPECT_EQ(back, c);
    EXPECT_EQ(back.definition().spec(), c.definition().spec());
    EXPECT_EQ(back.state(), c.state());
    for (const char* when : {"2025-09-30 17:10", "2025-10-08 12:00", "2025-10-12 12:00", "2025-12-01 00:00"}) {
      SCOPED_TRACE(when);
      expect_same_status(back.status(shanghai(when)), c.status(shanghai(when)));
    }
    // Deterministic: saving the loaded case gives the same bytes.
    EXPECT_EQ(to_bytes(back, f), bytes);
  }
}

TEST(CaseArchiveRoundTrip, JustItsDefinitionIsSaved) {
  // The charter in a case archive holds the case's workflow and the calendars it uses, not the
  // other workflows of the charter it came from.
  const Case c = every_kind_of_event();
  const std::string p = payload_of(to_bytes(c));
  EXPECT_EQ(p, log_payload(c.definition(), &c.id(), c.events()));
  EXPECT_EQ(to_bytes(c).size(), to_bytes(Case(c.definition(), "C-1", c.events())).size());
  // An empty case saves and loads too.
  const Case empty(roster_builtin().workflow("rectification"), "R-1");
  for (ArchiveFormat f : kFormats) {
    const Case back = std::get<Case>(from_bytes(to_bytes(empty, f)));
    EXPECT_EQ(back, empty);
    EXPECT_EQ(back.definition().id(), "rectification");
    EXPECT_TRUE(back.events().empty());
  }
}

TEST(TrackerArchiveRoundTrip, AComplaintStreamInEveryFormat) {
  const Tracker& t = stream_tracker();
  ASSERT_EQ(t.size(), 300u);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(t, f);
    EXPECT_EQ(open_envelope(bytes, "x").header.type, PayloadType::tracker);
    const Tracker back = std::get<Tracker>(from_bytes(bytes));
    EXPECT_EQ(back.size(), t.size());
    EXPECT_EQ(back.event_count(), t.event_count());
    EXPECT_EQ(back.definition().spec(), t.definition().spec());
    for (const char* when : {"2025-11-05 12:00", "2025-11-20 00:00", "2026-01-01 00:00"}) {
      SCOPED_TRACE(when);
      expect_same_tracker(back, t, shanghai(when));
    }
    EXPECT_EQ(to_bytes(back, f), bytes);
  }
}

TEST(TrackerArchiveRoundTrip, AnEmptyTracker) {
  const Tracker t(roster_builtin().workflow("complaint"));
  for (ArchiveFormat f : kFormats) {
    const Tracker back = std::get<Tracker>(from_bytes(to_bytes(t, f)));
    EXPECT_EQ(back.size(), 0u);
    EXPECT_EQ(back.definition(), t.definition());
  }
}

TEST(CaseArchiveRoundTrip, ThroughFilesAndTheWrongTypeIsRefused) {
  const test::TempDir dir;
  const Case c = every_kind_of_event();
  const Tracker& t = stream_tracker();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string cpath = dir.file(std::string("c.") + format_name(f));
    const std::string tpath = dir.file(std::string("t.") + format_name(f));
    save(c, cpath, f);
    save(t, tpath, f);
    EXPECT_EQ(load_as<Case>(cpath), c);
    EXPECT_EQ(load_as<Tracker>(tpath).events(), t.events());
    // Asking for the wrong kind of object is refused as for every other type, naming the path.
    CHARTER_EXPECT_THROW_MSG(load_as<Tracker>(cpath), CorruptFileError,
                             cpath + ": holds a different kind of object than requested");
    CHARTER_EXPECT_THROW_MSG(load_as<Case>(tpath), CorruptFileError,
                             tpath + ": holds a different kind of object than requested");
    CHARTER_EXPECT_THROW_MSG(load_as<Charter>(cpath), CorruptFileError, "different kind of object");
  }
}

TEST(CaseArchiveVersions, AnotherPayloadTypeOrVersionIsRefused) {
  const Case c = every_kind_of_event();
  const Tracker t(roster_builtin().workflow("complaint"));
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string cp = payload_of(to_bytes(c, f));
    const std::string tp = payload_of(to_bytes(stream_tracker(), f));
    // A case payload called a tracker, a tracker called a case, either called a charter.
    expect_refused(seal(PayloadType::tracker, kTrackerSchema, f, cp), "case as tracker");
    expect_refused(seal(PayloadType::workflow_case, kCaseSchema, f, tp), "tracker as case");
    expect_refused(seal(PayloadType::charter, kCharterSchema, f, cp), "case as charter");
    expect_refused(seal(PayloadType::charter, kCharterSchema, f, tp), "tracker as charter");
    // A charter called a case.
    expect_refused(seal(PayloadType::workflow_case, kCaseSchema, f, payload_of(to_bytes(roster_builtin(), f))),
                   "charter as case");
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::workflow_case, kCaseSchema + 1, f, cp)),
                             UnsupportedVersionError, "case schema version 2 is not readable by this build");
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::tracker, kTrackerSchema + 1, f, tp)),
                             UnsupportedVersionError, "tracker schema version 2 is not readable by this build");
    CHARTER_EXPECT_THROW_MSG(from_bytes(seal(PayloadType::tracker, 0, f, tp)), UnsupportedVersionError,
                             "tracker schema version 0");
  }
}

TEST(CaseArchiveDamage, EveryPrefixAndAFlippedByteAreRefused) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    for (const std::string& bytes : {to_bytes(test::golden_case(), f), to_bytes(test::golden_tracker(), f)}) {
      for (size_t n = 0; n < bytes.size(); n += 5) {
        try {
          from_bytes(std::string_view(bytes).substr(0, n), "cut");
          ADD_FAILURE() << "prefix of " << n << " bytes loaded";
        } catch (const CorruptFileError&) {
        }
      }
      for (size_t i = kEnvelopeHeaderSize; i < bytes.size(); i += 97) {
        std::string damaged = bytes;
        damaged[i] ^= 0x10;
        CHARTER_EXPECT_THROW_MSG(from_bytes(damaged, "flipped"), CorruptFileError, "payload checksum mismatch");
      }
    }
  }
}

TEST(CaseArchiveForged, EveryPayloadPrefixAndBitFlipOfTheEvents) {
  // Right checksums around a wrong payload: it loads as a case or tracker that saves and loads
  // again, or it is refused with a typed error. Nothing crashes.
  const Case c = test::golden_case();
  const Tracker t = test::golden_tracker();
  auto check = [](const std::string& bytes, const std::string& what) {
    try {
      const Saved s = from_bytes(bytes, "forged");
      if (const Case* back = std::get_if<Case>(&s)) {
        EXPECT_EQ(std::get<Case>(from_bytes(to_bytes(*back))), *back) << what;
      } else {
        const Tracker& tb = std::get<Tracker>(s);
        EXPECT_EQ(std::get<Tracker>(from_bytes(to_bytes(tb))).events(), tb.events()) << what;
      }
    } catch (const CorruptFileError& e) {
      const std::string m = e.what();
      EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
      EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << " threw " << boost::core::demangle(typeid(e).name()) << ": " << e.what();
    }
  };
  const std::string cp = payload_of(to_bytes(c));
  const std::string tp = payload_of(to_bytes(t));
  // The events are the tail of the payload: mutate from where they start.
  const size_t cstart = log_payload(c.definition(), &c.id(), {}).size() - 4;
  const size_t tstart = log_payload(t.definition(), nullptr, {}).size() - 4;
  for (size_t n = cstart; n < cp.size(); ++n) check(case_bytes(cp.substr(0, n)), "case prefix " + std::to_string(n));
  for (size_t n = tstart; n < tp.size(); n += 3) check(tracker_bytes(tp.substr(0, n)), "tracker prefix " + std::to_string(n));
  std::string m = cp;
  for (size_t i = cstart * 8; i < cp.size() * 8; ++i) {
    const char mask = static_cast<char>(1 << (i % 8));
    m[i / 8] ^= mask;
    check(case_bytes(m), "flip of case bit " + std::to_string(i));
    m[i / 8] ^= mask;
  }
}

TEST(CaseArchiveForged, AnEventTheWorkflowRefusesIsCorruption) {
  const workflow::Definition& d = test::golden_definition();
  const std::string id = "G-1";
  // Acknowledged before it was received.
  std::vector<Event> events = test::golden_case_events();
  std::swap(events[0], events[2]);
  std::swap(events[0].at, events[2].at);
  const std::string m = expect_refused(case_bytes(log_payload(d, &id, events)), "acknowledge first");
  EXPECT_NE(m.find("forged: event 1 of 7 is refused on replay (rule transition)"), std::string::npos) << m;
  // A tracker: the closing event by the agent, whom a grant denies it.
  std::vector<Event> tevents = test::golden_tracker_events();
  tevents.back().actor = "s-2";
  const std::string a = expect_refused(tracker_bytes(log_payload(d, nullptr, tevents)), "denied actor");
  EXPECT_NE(a.find("event 9 of 9 is refused on replay (rule actor)"), std::string::npos) << a;
  // A case holding another case's event.
  std::vector<Event> other = test::golden_case_events();
  other[1].case_id = "G-2";
  const std::string o = expect_refused(case_bytes(log_payload(d, &id, other)), "other case");
  EXPECT_NE(o.find("event 2 of 7 is refused on replay (rule case)"), std::string::npos) << o;
  // Events out of order in a tracker.
  std::vector<Event> late = test::golden_tracker_events();
  std::swap(late[1].at, late[2].at);
  expect_refused(tracker_bytes(log_payload(d, nullptr, late)), "out of order");
}

TEST(CaseArchiveForged, AnUnknownWorkflowAnInstantOutOfRangeAndHugeCounts) {
  const workflow::Definition& d = test::golden_definition();
  const std::string id = "G-1";
  const std::string w = expect_refused(case_bytes(log_payload(d, &id, {}, "repair")), "workflow");
  EXPECT_NE(w.find("the saved charter has no workflow 'repair'"), std::string::npos) << w;
  // `at` outside 1400..9999: the instant is the second field of an event.
  const std::string base = log_payload(d, &id, {});
  const std::string prefix = base.substr(0, base.size() - 4);  // up to the event count
  const std::string at = prefix + u32(1) + u32(3) + "G-1" + std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8);
  const std::string a = expect_refused(case_bytes(at), "at");
  EXPECT_NE(a.find("field 'at' holds 9223372036854775807 microseconds"), std::string::npos) << a;
  const std::string n = expect_refused(case_bytes(prefix + u32(4000000000u)), "events");
  EXPECT_NE(n.find("field 'events' claims 4000000000 entries"), std::string::npos) << n;
  // One event, fields claiming more than allowed, then a value claiming more than 1 MiB.
  const std::string ev1 = prefix + u32(1) + u32(3) + "G-1" + std::string(8, '\0') + u32(7) + "receive" + u32(3) + "s-2";
  const std::string f = expect_refused(case_bytes(ev1 + u32(0xFFFFFFFFu)), "fields");
  EXPECT_NE(f.find("field 'fields' claims 4294967295 entries"), std::string::npos) << f;
  const std::string v = expect_refused(case_bytes(ev1 + u32(1) + u32(8) + "severity" + u32(0x7FFFFFFFu)), "value");
  EXPECT_NE(v.find("field 'value' claims 2147483647 entries"), std::string::npos) << v;
  // A case id that is not UTF-8.
  const std::string bad_id = base.substr(0, base.size() - 4 - 4 - id.size()) + u32(3) + "G\xff" "1" + u32(0);
  const std::string u = expect_refused(case_bytes(bad_id), "utf-8");
  EXPECT_NE(u.find("field 'case' is not valid UTF-8 text"), std::string::npos) << u;
}

TEST(CaseArchiveSave, WhatCannotBeLoadedIsNotSaved) {
  // A field value longer than an event-file line.
  Case c(test::golden_definition(), "G-1");
  c.apply(Event{"G-1", test::golden_at("2024-03-11 09:15"), "receive", "s-2",
                {{"severity", "normal"}, {"customer", std::string((1u << 20) + 1, 'x')}}});
  CHARTER_EXPECT_THROW_MSG(to_bytes(c), SerializationError, "field 'value' is longer than 1048576 bytes");
  // A long value within the bound is kept exactly.
  Case ok(test::golden_definition(), "G-1");
  ok.apply(Event{"G-1", test::golden_at("2024-03-11 09:15"), "receive", "s-2",
                 {{"severity", "normal"}, {"customer", std::string(100000, 'y')}}});
  EXPECT_EQ(std::get<Case>(from_bytes(to_bytes(ok, ArchiveFormat::xml))), ok);
}

// ---------------------------------------------------------------------------------------------
// Golden archives (tests/data/, written once by make_golden_archives.cpp)

TEST(CaseArchiveGolden, CaseFilesLoadAndMatch) {
  const Case expected = test::golden_case();
  for (const auto& g : test::golden_case_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const Case c = load_as<Case>(path);
    EXPECT_EQ(c, expected);
    EXPECT_EQ(c.events(), test::golden_case_events());
    // Facts of the golden case: closed by the manager, the reply timer met, the major complaint
    // reported at once, the customer's reply a quarter of a second past eight.
    EXPECT_EQ(c.state(), "closed");
    const CaseStatus s = c.status(test::golden_at("2024-03-13 00:00"));
    EXPECT_TRUE(s.timer("reply")->met);
    EXPECT_EQ(s.escalations.at(0).id, "major_report");
    EXPECT_EQ(c.events()[5].at, test::golden_at("2024-03-12 08:00") + boost::posix_time::microseconds(250000));
    EXPECT_EQ(c.events()[0].fields[1].value, "王先生 <VIP> & \"co\"");
    EXPECT_EQ(to_bytes(expected, g.format), read_all(path));
  }
}

TEST(CaseArchiveGolden, TrackerFilesLoadAndMatch) {
  const Tracker expected = test::golden_tracker();
  for (const auto& g : test::golden_tracker_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const Tracker t = load_as<Tracker>(path);
    EXPECT_EQ(t.case_ids(), (std::vector<std::string>{"G-1", "G-2"}));
    EXPECT_EQ(t.events(), expected.events());
    EXPECT_EQ(t.get("G-2").state(), "open");
    expect_same_tracker(t, expected, test::golden_at("2024-03-11 15:00"));
    EXPECT_EQ(to_bytes(expected, g.format), read_all(path));
  }
}

}  // namespace
}  // namespace charter::io
