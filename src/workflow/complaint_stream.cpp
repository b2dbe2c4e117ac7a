#include "charter/workflow/complaint_stream.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/random.hpp"
#include "charter/error.hpp"

namespace charter::workflow {
namespace {

using boost::posix_time::ptime;
using boost::posix_time::seconds;

using Random = charter::detail::SplitMix;

constexpr long long kMinute = 60, kHour = 3600, kDay = 86400;

const char* const kCauses[] = {"wrong item shipped", "late delivery", "rude staff", "billing error",
                               "faulty product", "missing part", "long queue", "no call back"};
const char* const kSolutions[] = {"exchange", "refund", "repair", "apology and voucher", "staff coaching", "re-delivery"};
const char* const kResolutions[] = {"exchanged", "refunded", "repaired", "voucher accepted", "re-delivered", "explained and accepted"};
const char* const kWaitReasons[] = {"photos requested", "receipt requested", "customer unreachable"};

template <std::size_t N>
const char* pick(Random& r, const char* const (&list)[N]) {
  return list[r.below(N)];
}

struct Staffing {
  std::map<std::string, std::vector<std::string>> by_action;  // action → staff who may
};

}  // namespace

std::vector<org::Staff> generated_roster(const org::Organization& organization, int per_role) {
  std::vector<org::Staff> roster;
  for (const auto& role : organization.roles()) {
    const int n = role.headcount ? std::min(per_role, *role.headcount) : per_role;
    for (int i = 1; i <= n; ++i) {
      org::Staff s;
      s.id = role.id + "." + std::to_string(i);
      s.roles = {role.id};
      roster.push_back(std::move(s));
    }
  }
  return roster;
}

std::vector<Event> complaint_stream(const Charter& charter, const ComplaintStreamOptions& o) {
  if (o.start.is_special()) throw std::invalid_argument("complaint_stream: options.start is required");
  if (o.span <= boost::posix_time::time_duration(0, 0, 0)) throw std::invalid_argument("complaint_stream: options.span must be positive");
  const Definition& def = charter.workflow(o.workflow);
  const org::Organization& org = def.organization();
  Staffing staff;
  auto who = [&](Random& r, const std::string& event) -> const std::string& {
    const Transition* row = nullptr;
    for (const auto& t : def.transitions()) {
      if (t.event == event) row = &t;
    }
    if (!row) throw UnknownIdError("workflow '" + def.id() + "' has no event '" + event + "'");
    auto it = staff.by_action.find(row->action);
    if (it == staff.by_action.end()) {
      std::vector<std::string> ids;
      for (const auto& s : org.staff()) {
        if (org.may_staff(s.id, row->action).allowed) ids.push_back(s.id);
      }
      if (ids.empty()) throw UnknownIdError("no staff member may take '" + event + "' (action '" + row->action + "')");
      it = staff.by_action.emplace(row->action, std::move(ids)).first;
    }
    return it->second[r.below(it->second.size())];
  };

  struct Stamped {
    ptime at;
    std::uint64_t seq;
    Event event;
  };
  std::vector<Stamped> out;
  out.reserve(o.complaints * 11);
  std::uint64_t seq = 0;
  const long long span = o.span.total_seconds();
  const int width = std::max<int>(6, static_cast<int>(std::to_string(o.complaints).size()));
  // The unit concerned, by channel (hotline and phone: the call centre; visits: the front desk;
  // web and letters: after-sales), when the workflow has a unit attribute and the organisation
  // those units: the monthly report breaks complaints down by unit. It draws no random number,
  // so every other value of the stream is the same with or without it.
  bool with_unit = std::any_of(def.spec().attributes.begin(), def.spec().attributes.end(),
                               [](const Attribute& a) { return a.id == "unit"; });
  for (const char* u : {"call_centre", "front_desk", "after_sales"}) {
    with_unit = with_unit && std::any_of(org.units().begin(), org.units().end(), [&](const org::Unit& x) { return x.id == u; });
  }
  Random root(o.seed);
  for (std::size_t n = 0; n < o.complaints; ++n) {
    Random r(root.next());
    std::string number = std::to_string(n + 1);
    const std::string id = o.id_prefix + std::string(static_cast<std::size_t>(width) - std::min(number.size(), static_cast<std::size_t>(width)), '0') + number;
    int emitted = 0;
    ptime t = o.start + seconds(r.between(0, span - 1));
    auto emit = [&](const std::string& name, const std::string& actor, std::vector<Field> fields = {}) {
      if (o.max_events_per_complaint > 0 && emitted >= o.max_events_per_complaint) return false;
      out.push_back({t, seq++, Event{id, t, name, actor, std::move(fields)}});
      ++emitted;
      return true;
    };
    auto later = [&](long long lo, long long hi) { t += seconds(r.between(lo, hi)); };

    const int sv = static_cast<int>(r.below(100));
    const std::string severity = sv < 30 ? "minor" : sv < 80 ? "normal" : sv < 95 ? "major" : "critical";
    const int ch = static_cast<int>(r.below(100));
    const std::string channel = ch < 35 ? "hotline" : ch < 60 ? "phone" : ch < 80 ? "web" : ch < 95 ? "visit" : "letter";
    const std::string receiver = who(r, "receive");
    char customer[16];
    std::snprintf(customer, sizeof customer, "K-%05u", static_cast<unsigned>(r.below(50000)));
    std::vector<Field> intake_fields{{"severity", severity}, {"channel", channel}, {"customer", customer}};
    if (with_unit) {
      intake_fields.push_back({"unit", ch < 60 ? "call_centre" : ch < 80 || ch >= 95 ? "after_sales" : "front_desk"});
    }
    if (!emit("receive", receiver, std::move(intake_fields))) continue;
    const ptime intake = t;
    if (severity == "major" || severity == "critical") {
      // most reports go up within minutes; some are late.
      t = intake + seconds(r.per_mille(850) ? r.between(2 * kMinute, 25 * kMinute) : r.between(31 * kMinute, 3 * kHour));
      if (!emit("report", who(r, "report"))) continue;
    }
    // acknowledgement mostly within hours; about 7 % miss the 24 hours.
    t = std::max(t, intake + seconds(r.per_mille(930) ? r.between(10 * kMinute, 20 * kHour) : r.between(24 * kHour + 1, 40 * kHour)));
    if (!emit("acknowledge", who(r, "acknowledge"))) continue;
    later(10 * kMinute, r.per_mille(900) ? 6 * kHour : 30 * kHour);
    if (!emit("investigate", who(r, "investigate"))) continue;
    later(30 * kMinute, 10 * kHour);
    if (!emit("analyse", who(r, "analyse"), {{"cause", pick(r, kCauses)}})) continue;
    if (r.per_mille(150)) {
      later(10 * kMinute, 3 * kHour);
      if (!emit("await_customer", who(r, "await_customer"), {{"reason", pick(r, kWaitReasons)}})) continue;
      later(2 * kHour, 48 * kHour);
      if (!emit("customer_responds", "customer")) continue;
    }
    if (r.per_mille(100)) {
      // an explanation and an agreed next-reply time, mostly kept.
      later(10 * kMinute, 2 * kHour);
      const ptime promised = t + seconds(24 * kHour);
      const ptime wall = charter.calendar(def.spec().calendar).to_local(promised);
      const std::string when = calendar::format_wall(wall);
      if (!emit("explain_delay", who(r, "explain_delay"), {{"explanation", "waiting for the supplier"}, {"next_reply_at", when}})) continue;
      if (r.per_mille(800)) {
        later(2 * kHour, 22 * kHour);  // kept
      } else {
        later(25 * kHour, 40 * kHour);  // missed (R-09 breached)
      }
    }
    auto finish = [&]() {
      later(30 * kMinute, r.per_mille(850) ? 12 * kHour : 40 * kHour);
      if (!emit("propose_solution", who(r, "propose_solution"), {{"solution", pick(r, kSolutions)}})) return false;
      later(10 * kMinute, 4 * kHour);
      if (!emit("implement", who(r, "implement"))) return false;
      later(10 * kMinute, 6 * kHour);
      if (!emit("resolve", who(r, "resolve"), {{"resolution", pick(r, kResolutions)}})) return false;
      later(5 * kMinute, 3 * kHour);
      if (!emit("reply_customer", who(r, "reply_customer"))) return false;
      later(5 * kMinute, 2 * kHour);
      if (!emit("record", who(r, "record"))) return false;
      later(5 * kMinute, 2 * kHour);
      return emit("close", who(r, "close"));
    };
    if (!finish()) continue;
    if (r.per_mille(40)) {
      // The customer is not satisfied: reopened within days, handled again.
      later(1 * kDay, 5 * kDay);
      if (!emit("reopen", who(r, "reopen"), {{"reason", "customer not satisfied"}})) continue;
      later(30 * kMinute, 8 * kHour);
      if (!emit("analyse", who(r, "analyse"), {{"cause", pick(r, kCauses)}})) continue;
      finish();
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Stamped& a, const Stamped& b) {
    return a.at < b.at || (a.at == b.at && a.seq < b.seq);
  });
  // Copied, not moved, in time order: the texts of consecutive events then lie side by side in
  // memory, as they do when an event file is read line by line.
  std::vector<Event> events;
  events.reserve(out.size());
  for (const auto& s : out) events.push_back(s.event);
  return events;
}

}  // namespace charter::workflow
