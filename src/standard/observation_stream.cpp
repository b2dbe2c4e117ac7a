#include "charter/standard/observation_stream.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"
#include "charter/detail/random.hpp"

namespace charter::standard {

namespace {

using charter::detail::Micros;
constexpr Micros kMinute = 60 * charter::detail::kMicrosPerSecond;
constexpr Micros kHour = 60 * kMinute;
constexpr Micros kDay = 24 * kHour;

using Random = charter::detail::SplitMix;

// Observation kinds with their share of a day, in thousandths.
struct KindShare {
  const char* kind;
  int share;
};
constexpr KindShare kKinds[] = {
    {"call", 340}, {"visit", 100},  {"enquiry", 150},      {"order", 80},          {"web_message", 80},
    {"video_session", 30}, {"shipment", 60}, {"packing", 50}, {"checkout", 50},   {"repair_request", 10},
    {"return_request", 30}, {"consignment", 10}, {"data_request", 10},
};

// Sentences of a service transcript; the first is the greeting (文明用语, S1 p1 ch15).
const std::vector<std::string> kSentences = {
    "请问有什么可以帮您？", "请稍等。", "对不起，让您久等了。", "请您先看一下须知。", "不客气。",
    "我们帮您办。", "请放心。", "您慢走。", "我理解您的心情。", "有不懂的地方您尽管问。",
};
// Forbidden phrases as staff type them: with any punctuation or spacing (服务忌语).
const std::vector<std::string> kRude = {"喂,干什么", "喂，干什么？", "喂 干什么", "叫什么，等一会儿", "神经病"};

class Writer {
 public:
  Writer(const calendar::BusinessCalendar& zone) : index_(zone.index()) {}

  // Local wall time of a UTC instant, "YYYY-MM-DD HH:MM:SS".
  std::string local(Micros utc) const {
    const Micros l = index_.utc_to_local(utc);
    Micros day = l / kDay;
    Micros rest = l % kDay;
    if (rest < 0) {
      rest += kDay;
      --day;
    }
    const boost::gregorian::date d = boost::gregorian::date(1970, 1, 1) + boost::gregorian::days(day);
    const long secs = static_cast<long>(rest / charter::detail::kMicrosPerSecond);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02ld:%02ld:%02ld", static_cast<int>(d.year()),
                  static_cast<int>(d.month()), static_cast<int>(d.day()), secs / 3600, secs / 60 % 60, secs % 60);
    return buf;
  }

 private:
  const charter::detail::CalendarIndex& index_;
};

const char* yes_no(bool v) { return v ? "yes" : "no"; }

}  // namespace

std::vector<Observation> observation_stream(const Charter& charter, const calendar::BusinessCalendar& zone,
                                            const ObservationStreamOptions& options) {
  if (options.start.is_special()) throw std::invalid_argument("observation_stream: a start instant is required");
  if (options.span.is_special() || options.span.is_negative()) {
    throw std::invalid_argument("observation_stream: the span must be a duration of zero or more");
  }
  const Micros start = charter::detail::to_micros(options.start, "start");
  const Micros span = std::max<Micros>(options.span.total_microseconds(), 1);
  Random rng(options.seed * 0x2545F4914F6CDD1Dull + 7);
  const Writer write(zone);

  // Units without units below them serve; staff are the charter's, or made up per unit.
  const org::Organization& o = charter.organization();
  std::vector<std::string> units;
  for (const auto& u : o.units()) {
    const bool leaf = std::none_of(o.units().begin(), o.units().end(),
                                   [&](const org::Unit& other) { return other.parent == u.id; });
    if (leaf) units.push_back(u.id);
  }
  if (units.empty()) units.push_back("centre");
  std::vector<std::vector<std::string>> staff(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    for (const auto& s : o.staff()) {
      if (s.unit == units[u]) staff[u].push_back(s.id);
    }
    if (staff[u].empty()) {
      for (int n = 1; n <= 3; ++n) staff[u].push_back(units[u] + "." + std::to_string(n));
    }
  }

  std::vector<Micros> at(options.observations);
  for (auto& t : at) t = start + static_cast<Micros>(rng.below(static_cast<std::uint64_t>(span)));
  std::sort(at.begin(), at.end());
  const int width = std::max<int>(6, static_cast<int>(std::to_string(options.observations).size()));

  std::vector<Observation> out;
  out.reserve(options.observations);
  for (std::size_t k = 0; k < options.observations; ++k) {
    Observation ob;
    const std::string number = std::to_string(k + 1);
    ob.id = options.id_prefix + std::string(static_cast<std::size_t>(width) - number.size(), '0') + number;
    ob.at = charter::detail::from_micros(at[k]);
    const std::size_t u = rng.below(units.size());
    ob.unit = units[u];
    ob.staff = rng.pick(staff[u]);
    int roll = static_cast<int>(rng.below(1000));
    const char* kind = kKinds[0].kind;
    for (const auto& ks : kKinds) {
      if (roll < ks.share) {
        kind = ks.kind;
        break;
      }
      roll -= ks.share;
    }
    ob.kind = kind;
    const std::string k_ = kind;
    auto add = [&](const char* name, std::string value) { ob.fields.push_back({name, std::move(value)}); };
    auto later = [&](Micros lo, Micros hi) { return write.local(at[k] + rng.between(lo, hi)); };
    auto transcript = [&]() {
      std::string t = rng.percent(95) ? "您好，" : "";
      for (int s = 0, n = static_cast<int>(rng.between(1, 3)); s < n; ++s) t += rng.pick(kSentences);
      if (rng.percent(3)) t += rng.pick(kRude) + "。";
      return t;
    };
    if (k_ == "call") {
      ob.channel = "phone";
      const int rings = rng.percent(80) ? static_cast<int>(rng.between(1, 2))
                                       : static_cast<int>(rng.between(3, 7));
      add("rings", rng.percent(1) ? "两" : std::to_string(rings));
      if (rings >= 5) add("apology", yes_no(rng.percent(70)));
      for (const char* f : {"caller_name", "matter", "location", "reason"}) {
        if (rng.percent(97)) add(f, f == std::string("caller_name") ? "王先生" : "已记录");
      }
      add("read_back", yes_no(rng.percent(92)));
      if (rng.percent(30)) add("transcript", transcript());
    } else if (k_ == "visit") {
      ob.channel = "front_desk";
      add("greet_seconds", std::to_string(rng.percent(92) ? rng.between(5, 60) : rng.between(61, 240)));
      if (rng.percent(10)) add("transcript", transcript());
    } else if (k_ == "enquiry") {
      ob.channel = rng.percent(60) ? "phone" : "front_desk";
      const std::int64_t tenths = rng.percent(91) ? rng.between(3, 50) : rng.between(51, 200);
      add("answer_minutes", std::to_string(tenths / 10) + "." + std::to_string(tenths % 10));
    } else if (k_ == "order") {
      ob.channel = rng.percent(95) ? "web" : "phone";
      if (rng.percent(10)) add("size", "large");
      if (rng.percent(97)) add("made_up_at", rng.percent(88) ? later(10 * kMinute, 6 * kHour) : later(20 * kHour, 40 * kHour));
    } else if (k_ == "web_message") {
      ob.channel = "web";
      if (rng.percent(98)) add("answered_at", rng.percent(88) ? later(5 * kMinute, 5 * kHour) : later(18 * kHour, 40 * kHour));
    } else if (k_ == "video_session") {
      ob.channel = "video";
      add("logged_in_at", rng.percent(88) ? later(-25 * kMinute, -10 * kMinute) : later(-9 * kMinute, 0));
    } else if (k_ == "shipment") {
      if (rng.percent(98)) add("phoned_at", rng.percent(90) ? later(5 * kMinute, 2 * kHour) : later(20 * kHour, 30 * kHour));
    } else if (k_ == "packing") {
      const bool present = rng.percent(60);
      add("customer_present", yes_no(present));
      if (!present) {
        const std::string a = rng.pick(staff[u]);
        std::string b = rng.pick(staff[u]);
        if (rng.percent(92)) {
          while (b == a && staff[u].size() > 1) b = rng.pick(staff[u]);
        } else {
          b = a;
        }
        add("signers", a + ";" + b);
      }
    } else if (k_ == "checkout") {
      ob.channel = "front_desk";
      if (rng.percent(97)) {
        add("record_created_at", rng.percent(85) ? later(-700 * kDay, -kDay) : later(-20 * kMinute, 2 * kMinute));
      }
    } else if (k_ == "repair_request") {
      const bool thai = rng.percent(15);
      add("material", thai ? "thai_silver" : (rng.percent(70) ? "sterling_silver" : "gold"));
      add("accepted", yes_no(thai ? rng.percent(10) : rng.percent(95)));
    } else if (k_ == "return_request") {
      const int who = static_cast<int>(rng.below(3));
      const char* type = who == 0 ? "wholesale" : who == 1 ? "retail" : "franchisee";
      add("customer_type", type);
      const bool self = rng.percent(40);
      add("collection", self ? "self" : "shipped");
      const bool fault = rng.percent(50);
      add("reason", fault ? "quality_fault" : "mismatch");
      const bool accepted = who == 0 && self ? rng.percent(8) : rng.percent(85);
      add("accepted", yes_no(accepted));
      if (fault && rng.percent(90)) add("video_checked_at", later(-3 * kDay, -10 * kMinute));
      if (who == 2) add("within_contract_ratio", yes_no(rng.percent(92)));
    } else if (k_ == "consignment") {
      add("numbered_list", yes_no(rng.percent(95)));
      add("customer_signed", yes_no(rng.percent(93)));
    } else {  // data_request
      const int who = static_cast<int>(rng.below(10));
      const char* requester = who < 8 ? "customer" : who < 9 ? "authorised" : "relative";
      add("requester", requester);
      add("accepted", yes_no(who < 9 ? rng.percent(98) : rng.percent(10)));
    }
    out.push_back(std::move(ob));
  }
  return out;
}

}  // namespace charter::standard
