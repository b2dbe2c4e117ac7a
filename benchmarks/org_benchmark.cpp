// Organisation scale: a generated charter file with 5,000 roles and 50,000 staff must load and
// validate in under a second (issue 3). Measured on the project's machine: 2 cores (Intel Xeon),
// Debian 12, g++ 12, Release build; see benchmarks/README.md for the figures.
//
// What is timed:
//   parse_charter/5000_roles_50000_staff   YAML text → validated Charter (libyaml parse, strict
//                                          reading with positions, org::validate, indexing)
//   organization/5000_roles_50000_staff    OrganizationSpec → Organization (validate + index)
//   may_staff                              one permission decision on that organisation

#include <benchmark/benchmark.h>

#include <string>

#include "charter/io/charter_file.hpp"
#include "charter/model/charter.hpp"

namespace {

constexpr int kRoles = 5000;
constexpr int kStaff = 50000;

// A reporting tree (each role reports to role (i − 1) / 8), two duties per role, one responsible
// and one accountable role per action, staff spread over the roles and 50 units.
std::string generated_charter() {
  std::string y = "charter: 1\nname: {en: generated}\norganization:\n  units:\n";
  for (int u = 0; u < 50; ++u) {
    y += "    - {id: u" + std::to_string(u) + (u ? ", parent: u0" : "") + "}\n";
  }
  y += "  roles:\n";
  for (int i = 0; i < kRoles; ++i) {
    const std::string id = "r" + std::to_string(i);
    y += "    - id: " + id + "\n";
    if (i) y += "      reports_to: r" + std::to_string((i - 1) / 8) + "\n";
    y += "      duties:\n";
    y += "        - id: " + id + ".work\n          text: {zh: 处理, en: handles}\n";
    y += "          covers: [{action: a" + std::to_string(i) + ".do, raci: R}, {action: a" +
         std::to_string(i) + ".do, raci: A}]\n";
    y += "        - id: " + id + ".report\n          covers: [{cycle: c" + std::to_string(i) +
         ", raci: A}, {standard: R-05, raci: I}]\n";
  }
  y += "  staff:\n";
  for (int s = 0; s < kStaff; ++s) {
    y += "    - {id: s" + std::to_string(s) + ", name: 员工" + std::to_string(s) + ", roles: [r" +
         std::to_string(s % kRoles) + "], unit: u" + std::to_string(s % 50) +
         ", active: {from: 2024-01-01}}\n";
  }
  return y;
}

const std::string& text() {
  static const std::string t = generated_charter();
  return t;
}

void BM_ParseCharter(benchmark::State& state) {
  for (auto _ : state) {
    charter::Charter c = charter::io::parse_charter(text(), "generated.yaml");
    benchmark::DoNotOptimize(c);
  }
  state.counters["bytes"] = static_cast<double>(text().size());
}
BENCHMARK(BM_ParseCharter)->Name("parse_charter/5000_roles_50000_staff")->Unit(benchmark::kMillisecond);

void BM_Organization(benchmark::State& state) {
  const charter::org::OrganizationSpec spec =
      charter::io::parse_charter(text(), "generated.yaml").organization().spec();
  for (auto _ : state) {
    charter::org::Organization o(spec);
    benchmark::DoNotOptimize(o);
  }
}
BENCHMARK(BM_Organization)->Name("organization/5000_roles_50000_staff")->Unit(benchmark::kMillisecond);

void BM_MayStaff(benchmark::State& state) {
  const charter::Charter c = charter::io::parse_charter(text(), "generated.yaml");
  const auto& org = c.organization();
  int i = 0;
  for (auto _ : state) {
    const std::string id = "s" + std::to_string(i++ % kStaff);
    benchmark::DoNotOptimize(org.may_staff(id, "a17.do"));
  }
}
BENCHMARK(BM_MayStaff)->Name("may_staff");

}  // namespace

BENCHMARK_MAIN();
