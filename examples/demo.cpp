// charter demo: the rulebook's deadlines for complaints received at awkward times, on the
// built-in China calendar (09:00–18:30, Asia/Shanghai, official holidays and make-up days), and
// who answers for complaints in the built-in charter's organisation.
//
// Each deadline is printed with its explanation: the rule, every closed span skipped and why,
// make-up days worked, and the result in local time.

#include <iostream>
#include <string>
#include <vector>

#include "charter/charter.hpp"

namespace cal = charter::calendar;
using boost::posix_time::ptime;

namespace {

// Who answers for complaints in the built-in charter, and where they escalate (S4, S1 p3).
void print_organisation() {
  const charter::Charter& c = charter::builtin();
  const charter::org::Organization& org = c.organization();
  std::cout << "\n════ the built-in charter: " << c.name().both() << "\n";
  for (const char* action : {"complaint.accept", "complaint.escalate", "complaint.resolve"}) {
    const auto accountable = org.accountable_for({charter::org::SubjectKind::action, action});
    std::cout << "\n── " << action << "\n   accountable: "
              << (accountable ? accountable->name.both() : std::string("nobody")) << "\n";
    for (const auto& role : org.responsible_for(action)) {
      std::cout << "   responsible: " << role.name.both() << "; escalates to";
      for (const auto& up : org.escalation_chain(role.id)) std::cout << " → " << up.name.both();
      std::cout << "\n";
    }
  }
  const auto decision = org.may_role("archive_staff", "complaint.escalate");
  std::cout << "\n── may the customer-archive staff escalate a complaint? "
            << (decision.allowed ? "yes" : "no") << ": " << decision.reason << "\n";
}

}  // namespace

int main() {
  const cal::BusinessCalendar cn = cal::china_calendar();

  struct Case {
    const char* what;
    const char* received;  // local wall time in Asia/Shanghai
  };
  const std::vector<Case> cases = {
      {"Friday evening, after closing", "2025-06-13 19:45:00"},
      {"the eve of National Day 2025, an hour before closing", "2025-09-30 17:30:00"},
      {"at lunchtime on a make-up Sunday (调休上班)", "2025-09-28 12:15:00"},
      {"New Year's Eve 2024, late afternoon", "2024-12-31 16:00:00"},
  };
  struct Rule {
    const char* id;
    const char* what;
    const char* text;
  };
  // The built-in charter counts complaint hours on the clock and order rules in business time
  // (shared/domain/seed-rules.md §7); the business-time reading of R-05 is shown beside it,
  // because a charter file may choose it.
  const std::vector<Rule> rules = {
      {"R-05", "reply to the complaint (24小时内回复)", "24 hours"},
      {"R-05", "resolve the complaint (48小时内解决)", "48 hours"},
      {"R-05", "reply, if the charter counts business hours", "24 business hours"},
      {"R-10", "make up the online order the same day (当天下班前配好)", "end of business day"},
      {"R-10", "large or late order, next day at the latest (第二天务必配好)",
       "end of next business day"},
      {"R-23", "monthly quality report (每月底前, 客服质量月度报表)", "end of month"},
  };

  std::cout << "charter demo — deadlines on the built-in calendar '" << cn.name() << "' ("
            << cn.zone() << ", " << cal::format_date(cn.first_day()) << ".."
            << cal::format_date(cn.last_day()) << ")\n";
  for (const Case& c : cases) {
    const ptime received = cn.from_local(cal::parse_date_time(c.received));
    std::cout << "\n════ complaint received " << c.received << " — " << c.what << "\n";
    for (const Rule& r : rules) {
      const cal::Deadline deadline = cal::Deadline::parse(r.text);
      std::cout << "\n── " << r.id << " " << r.what << "\n"
                << deadline.explain(received, cn).text;
    }
  }
  print_organisation();
  return 0;
}
