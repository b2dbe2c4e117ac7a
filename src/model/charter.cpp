#include "charter/model/charter.hpp"

#include <iterator>
#include <stdexcept>

#include "charter/error.hpp"
#include "charter/io/charter_file.hpp"

namespace charter::data {
// Generated at configure time from data/charter/builtin.yaml (see CMakeLists.txt).
extern const char* const builtin_charter_yaml;
}  // namespace charter::data

namespace charter {

struct Charter::Data {
  LocalizedText name;
  std::map<std::string, calendar::BusinessCalendar> calendars;
  org::Organization organization;
  std::map<std::string, workflow::Definition> workflows;
  std::vector<standard::Standard> standards;
  std::vector<cycle::Cycle> cycles;
  std::vector<cycle::SurveyDesign> surveys;
  std::optional<org::AppraisalScheme> appraisal;
};

Charter::Charter() : data_(std::make_shared<Data>()) {}

Charter::Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
                 org::Organization organization)
    : Charter(std::move(name), std::move(calendars), std::move(organization), {}) {}

Charter::Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
                 org::Organization organization, std::map<std::string, workflow::Definition> workflows)
    : Charter(std::move(name), std::move(calendars), std::move(organization), std::move(workflows), {}) {}

Charter::Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
                 org::Organization organization, std::map<std::string, workflow::Definition> workflows,
                 std::vector<standard::Standard> standards)
    : Charter(std::move(name), std::move(calendars), std::move(organization), std::move(workflows),
              std::move(standards), {}) {}

Charter::Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
                 org::Organization organization, std::map<std::string, workflow::Definition> workflows,
                 std::vector<standard::Standard> standards, std::vector<cycle::Cycle> cycles)
    : Charter(std::move(name), std::move(calendars), std::move(organization), std::move(workflows),
              std::move(standards), std::move(cycles), {}, std::nullopt) {}

Charter::Charter(LocalizedText name, std::map<std::string, calendar::BusinessCalendar> calendars,
                 org::Organization organization, std::map<std::string, workflow::Definition> workflows,
                 std::vector<standard::Standard> standards, std::vector<cycle::Cycle> cycles,
                 std::vector<cycle::SurveyDesign> surveys, std::optional<org::AppraisalScheme> appraisal) {
  for (std::size_t i = 0; i < surveys.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (surveys[i].id() == surveys[j].id()) {
        throw std::invalid_argument("survey '" + surveys[i].id() + "' is given twice");
      }
    }
  }
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (cycles[i].id() == cycles[j].id()) {
        throw std::invalid_argument("cycle '" + cycles[i].id() + "' is given twice");
      }
    }
  }
  if (auto problems = cycle::validate_references(cycles); !problems.empty()) {
    std::vector<cycle::CycleProblem> listed;
    for (auto& p : problems) listed.push_back({p.cycle + ": " + p.path, std::move(p.message)});
    throw cycle::CycleError("(references between cycles)", std::move(listed));
  }
  for (std::size_t i = 0; i < standards.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (standards[i].id() == standards[j].id()) {
        throw std::invalid_argument("standard '" + standards[i].id() + "' is given twice");
      }
    }
  }
  for (const auto& [id, definition] : workflows) {
    if (id != definition.id()) {
      throw std::invalid_argument("workflow '" + definition.id() + "' is filed under the id '" + id + "'");
    }
  }
  data_ = std::make_shared<Data>(
      Data{std::move(name), std::move(calendars), std::move(organization), std::move(workflows),
           std::move(standards), std::move(cycles), std::move(surveys), std::move(appraisal)});
}

Charter Charter::parse(std::string_view text, std::string_view source) {
  return io::parse_charter(text, source);
}

Charter Charter::load(const std::string& path) { return io::load_charter(path); }

const LocalizedText& Charter::name() const { return data_->name; }

const calendar::BusinessCalendar& Charter::calendar(const std::string& id) const {
  auto it = data_->calendars.find(id);
  if (it == data_->calendars.end()) {
    std::string known;
    for (const auto& [k, v] : data_->calendars) known += (known.empty() ? "" : ", ") + k;
    throw UnknownIdError("unknown calendar '" + id + "' (this charter has: " +
                         (known.empty() ? "none" : known) + ")");
  }
  return it->second;
}

const std::map<std::string, calendar::BusinessCalendar>& Charter::calendars() const {
  return data_->calendars;
}

const org::Organization& Charter::organization() const { return data_->organization; }

const workflow::Definition& Charter::workflow(const std::string& id) const {
  auto it = data_->workflows.find(id);
  if (it == data_->workflows.end()) {
    std::string known;
    for (const auto& [k, v] : data_->workflows) known += (known.empty() ? "" : ", ") + k;
    throw UnknownIdError("unknown workflow '" + id + "' (this charter has: " +
                         (known.empty() ? "none" : known) + ")");
  }
  return it->second;
}

const std::map<std::string, workflow::Definition>& Charter::workflows() const { return data_->workflows; }

const standard::Standard& Charter::standard(const std::string& id) const {
  for (const auto& s : data_->standards) {
    if (s.id() == id) return s;
  }
  std::string known;
  for (const auto& s : data_->standards) known += (known.empty() ? "" : ", ") + s.id();
  throw UnknownIdError("unknown standard '" + id + "' (this charter has: " + (known.empty() ? "none" : known) + ")");
}

const std::vector<standard::Standard>& Charter::standards() const { return data_->standards; }

const cycle::Cycle& Charter::cycle(const std::string& id) const {
  for (const auto& c : data_->cycles) {
    if (c.id() == id) return c;
  }
  std::string known;
  for (const auto& c : data_->cycles) known += (known.empty() ? "" : ", ") + c.id();
  throw UnknownIdError("unknown cycle '" + id + "' (this charter has: " + (known.empty() ? "none" : known) + ")");
}

const std::vector<cycle::Cycle>& Charter::cycles() const { return data_->cycles; }

const cycle::SurveyDesign& Charter::survey(const std::string& id) const {
  for (const auto& s : data_->surveys) {
    if (s.id() == id) return s;
  }
  std::string known;
  for (const auto& s : data_->surveys) known += (known.empty() ? "" : ", ") + s.id();
  throw UnknownIdError("unknown survey '" + id + "' (this charter has: " + (known.empty() ? "none" : known) + ")");
}

const std::vector<cycle::SurveyDesign>& Charter::surveys() const { return data_->surveys; }

const std::optional<org::AppraisalScheme>& Charter::appraisal() const { return data_->appraisal; }

Charter Charter::with_staff(std::vector<org::Staff> staff) const {
  org::OrganizationSpec spec = data_->organization.spec();
  spec.staff.insert(spec.staff.end(), std::make_move_iterator(staff.begin()),
                    std::make_move_iterator(staff.end()));
  org::Organization organization(std::move(spec));  // OrganizationError when invalid
  std::map<std::string, workflow::Definition> workflows;
  for (const auto& [id, definition] : data_->workflows) {
    workflows.emplace(id, workflow::Definition(definition.spec(), data_->calendars, organization));
  }
  std::vector<standard::Standard> standards;
  for (const auto& s : data_->standards) {
    standards.emplace_back(s.spec(), data_->calendars, organization);
  }
  std::vector<cycle::Cycle> cycles;
  for (const auto& c : data_->cycles) {
    cycles.emplace_back(c.spec(), data_->calendars, organization);
  }
  return Charter(data_->name, data_->calendars, std::move(organization), std::move(workflows),
                 std::move(standards), std::move(cycles), data_->surveys, data_->appraisal);
}

bool operator==(const Charter& a, const Charter& b) {
  return a.data_ == b.data_ ||
         (a.data_->name == b.data_->name && a.data_->calendars == b.data_->calendars &&
          a.data_->organization == b.data_->organization && a.data_->workflows == b.data_->workflows &&
          a.data_->standards == b.data_->standards && a.data_->cycles == b.data_->cycles &&
          a.data_->surveys == b.data_->surveys && a.data_->appraisal == b.data_->appraisal);
}

const Charter& builtin() {
  static const Charter charter = Charter::parse(data::builtin_charter_yaml, "data/charter/builtin.yaml");
  return charter;
}

}  // namespace charter
