// charter.org: roles, duties, units, staff, grants, the organisation and its decisions.
//
// The value types are immutable from Python (read-only attributes, keyword constructors) and
// pickle through their constructors, which works under every pickle protocol.

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/org/organization.hpp"

namespace charter::python {

namespace py = pybind11;
using namespace charter::org;

namespace {

// Pickles a value type by calling its class with the constructor's arguments.
template <class T, class Args>
void reduce_by_constructor(py::class_<T>& cls, Args args) {
  cls.def("__reduce__", [args](const py::object& self) {
    return py::make_tuple(self.attr("__class__"), args(self.cast<const T&>()));
  });
}


}  // namespace

void bind_org(py::module_& root) {
  py::module_ m = root.def_submodule("org", "Roles, duties, units, staff and permissions.");

  py::class_<LocalizedText> text(root, "LocalizedText", "A label in Chinese and English.");
  text.def(py::init([](std::string zh, std::string en) { return LocalizedText{std::move(zh), std::move(en)}; }),
           py::arg("zh") = "", py::arg("en") = "")
      .def_readonly("zh", &LocalizedText::zh)
      .def_readonly("en", &LocalizedText::en)
      .def("preferred", &LocalizedText::preferred, "English when present, otherwise Chinese.")
      .def("__str__", &LocalizedText::both)
      .def("__repr__", [](const LocalizedText& t) {
        return "LocalizedText(zh=" + quote(t.zh) + ", en=" + quote(t.en) + ")";
      })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_constructor(text, [](const LocalizedText& t) { return py::make_tuple(t.zh, t.en); });

  py::enum_<Raci> raci(m, "Raci", "The RACI letter of a responsibility.");
  reduce_enum_by_value(raci)
      .value("responsible", Raci::responsible, "R: does the work; may perform the action")
      .value("accountable", Raci::accountable, "A: answers for the outcome; one per subject")
      .value("consulted", Raci::consulted, "C: is asked before; no right to act")
      .value("informed", Raci::informed, "I: is told after; no right to act");
  py::enum_<SubjectKind> subject_kind(m, "SubjectKind", "What a responsibility is about.");
  reduce_enum_by_value(subject_kind)
      .value("action", SubjectKind::action, "a workflow action, e.g. complaint.escalate")
      .value("standard", SubjectKind::standard, "a service standard by rule id, e.g. R-05")
      .value("cycle", SubjectKind::cycle, "a recurring obligation by id, e.g. R-23");

  py::class_<Subject> subject(m, "Subject");
  subject.def(py::init([](SubjectKind kind, std::string id) { return Subject{kind, std::move(id)}; }),
              py::arg("kind"), py::arg("id"))
      .def_readonly("kind", &Subject::kind)
      .def_readonly("id", &Subject::id)
      .def("__str__", &Subject::text)
      .def("__repr__", [](const Subject& s) {
        return std::string("Subject(SubjectKind.") + subject_kind_name(s.kind) + ", " + quote(s.id) + ")";
      })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__hash__", [](const Subject& s) { return py::hash(py::make_tuple(static_cast<int>(s.kind), s.id)); });
  reduce_by_constructor(subject, [](const Subject& s) { return py::make_tuple(s.kind, s.id); });

  py::class_<Responsibility> resp(m, "Responsibility");
  resp.def(py::init([](Subject s, Raci r) { return Responsibility{std::move(s), r}; }),
           py::arg("subject"), py::arg("raci"))
      .def_readonly("subject", &Responsibility::subject)
      .def_readonly("raci", &Responsibility::raci)
      .def("__repr__", [](const Responsibility& r) {
        return "Responsibility(" + r.subject.text() + ", " + std::string(1, raci_letter(r.raci)) + ")";
      })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_constructor(resp, [](const Responsibility& r) { return py::make_tuple(r.subject, r.raci); });

  py::class_<Duty> duty(m, "Duty", "One duty of a role: the rule as written and what it covers.");
  duty.def(py::init([](std::string id, LocalizedText text, std::vector<Responsibility> covers) {
             return Duty{std::move(id), std::move(text), std::move(covers)};
           }),
           py::kw_only(), py::arg("id"), py::arg("text") = LocalizedText{},
           py::arg("covers") = std::vector<Responsibility>{})
      .def_readonly("id", &Duty::id)
      .def_readonly("text", &Duty::text)
      .def_property_readonly("covers", [](const Duty& d) { return d.covers; })
      .def("__repr__", [](const Duty& d) { return "<charter.org.Duty " + d.id + ">"; })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_keywords(duty, [](const Duty& d) {
    py::dict kw;
    kw["id"] = d.id;
    kw["text"] = d.text;
    kw["covers"] = d.covers;
    return kw;
  });

  py::class_<Role> role(m, "Role", "A role: its place in the reporting lines and its duties.");
  role.def(py::init([](std::string id, LocalizedText name, std::string reports_to,
                       std::optional<int> headcount, std::vector<Duty> duties) {
             return Role{std::move(id), std::move(name), std::move(reports_to), headcount, std::move(duties)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name") = LocalizedText{}, py::arg("reports_to") = "",
           py::arg("headcount") = py::none(), py::arg("duties") = std::vector<Duty>{})
      .def_readonly("id", &Role::id)
      .def_readonly("name", &Role::name)
      .def_readonly("reports_to", &Role::reports_to)
      .def_readonly("headcount", &Role::headcount)
      .def_property_readonly("duties", [](const Role& r) { return r.duties; })
      .def("__repr__", [](const Role& r) { return "<charter.org.Role " + r.id + ">"; })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_keywords(role, [](const Role& r) {
    py::dict kw;
    kw["id"] = r.id;
    kw["name"] = r.name;
    kw["reports_to"] = r.reports_to;
    kw["headcount"] = r.headcount;
    kw["duties"] = r.duties;
    return kw;
  });

  py::class_<Unit> unit(m, "Unit", "A department, branch or team.");
  unit.def(py::init([](std::string id, LocalizedText name, std::string parent,
                       std::optional<boost::gregorian::date> since) {
             return Unit{std::move(id), std::move(name), std::move(parent), since};
           }),
           py::kw_only(), py::arg("id"), py::arg("name") = LocalizedText{}, py::arg("parent") = "",
           py::arg("since") = std::nullopt)
      .def_readonly("id", &Unit::id)
      .def_readonly("name", &Unit::name)
      .def_readonly("parent", &Unit::parent)
      .def_readonly("since", &Unit::since, "The first day the unit exists (a date), or None: always.")
      .def("__repr__", [](const Unit& u) { return "<charter.org.Unit " + u.id + ">"; })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_keywords(unit, [](const Unit& u) {
    py::dict kw;
    kw["id"] = u.id;
    kw["name"] = u.name;
    kw["parent"] = u.parent;
    kw["since"] = u.since;
    return kw;
  });

  py::class_<Staff> staff(m, "Staff",
                          "A person, their roles, unit and active period. name and phone are "
                          "personal data: repr() and errors show them masked.");
  staff.def(py::init([](std::string id, std::string name, std::string phone, std::vector<std::string> roles,
                        std::string unit, std::optional<boost::gregorian::date> active_from,
                        std::optional<boost::gregorian::date> active_until) {
              return Staff{std::move(id), std::move(name), std::move(phone), std::move(roles),
                           std::move(unit), ActivePeriod{active_from, active_until}};
            }),
            py::kw_only(), py::arg("id"), py::arg("name") = "", py::arg("phone") = "",
            py::arg("roles") = std::vector<std::string>{}, py::arg("unit") = "",
            py::arg("active_from") = py::none(), py::arg("active_until") = py::none())
      .def_readonly("id", &Staff::id)
      .def_readonly("name", &Staff::name)
      .def_readonly("phone", &Staff::phone)
      .def_property_readonly("roles", [](const Staff& s) { return s.roles; })
      .def_readonly("unit", &Staff::unit)
      .def_property_readonly("active_from", [](const Staff& s) { return s.active.from; })
      .def_property_readonly("active_until", [](const Staff& s) { return s.active.until; })
      .def_property_readonly("masked_name", [](const Staff& s) { return mask_name(s.name); })
      .def_property_readonly("masked_phone", [](const Staff& s) { return mask_phone(s.phone); })
      .def("is_active", [](const Staff& s, const boost::gregorian::date& d) { return s.active.contains(d); },
           py::arg("day"))
      .def("__repr__", [](const Staff& s) {
        return "<charter.org.Staff " + s.id + " " + mask_name(s.name) + ">";
      })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_keywords(staff, [](const Staff& s) {
    py::dict kw;
    kw["id"] = s.id;
    kw["name"] = s.name;
    kw["phone"] = s.phone;
    kw["roles"] = s.roles;
    kw["unit"] = s.unit;
    kw["active_from"] = s.active.from;
    kw["active_until"] = s.active.until;
    return kw;
  });

  py::class_<Grant> grant(m, "Grant", "An explicit permission (allow=True) or denial beside the duties.");
  grant.def(py::init([](std::string role, std::string action, bool allow, std::string reason) {
              return Grant{std::move(role), std::move(action), allow, std::move(reason)};
            }),
            py::kw_only(), py::arg("role"), py::arg("action"), py::arg("allow") = true, py::arg("reason") = "")
      .def_readonly("role", &Grant::role)
      .def_readonly("action", &Grant::action)
      .def_readonly("allow", &Grant::allow)
      .def_readonly("reason", &Grant::reason)
      .def("__repr__", [](const Grant& g) {
        return "<charter.org.Grant " + g.role + (g.allow ? " may " : " may not ") + g.action + ">";
      })
      .def(py::self == py::self)
      .def(py::self != py::self);
  reduce_by_keywords(grant, [](const Grant& g) {
    py::dict kw;
    kw["role"] = g.role;
    kw["action"] = g.action;
    kw["allow"] = g.allow;
    kw["reason"] = g.reason;
    return kw;
  });

  py::class_<Decision>(m, "Decision", "The answer to 'may X do Y', with the reason.")
      .def_readonly("allowed", &Decision::allowed)
      .def_readonly("reason", &Decision::reason)
      .def_readonly("source", &Decision::source, "'duty:<id>', 'grant:<role>/<action>' or ''")
      .def("__bool__", [](const Decision& d) { return d.allowed; })
      .def("__repr__", [](const Decision& d) {
        return std::string("<charter.org.Decision ") + (d.allowed ? "allowed" : "denied") + ": " + d.reason + ">";
      });

  py::class_<Holder>(m, "Holder", "A responsibility as held: role, duty and RACI letter.")
      .def_readonly("role", &Holder::role)
      .def_readonly("duty", &Holder::duty)
      .def_readonly("raci", &Holder::raci)
      .def("__repr__", [](const Holder& h) {
        return "<charter.org.Holder " + h.role + " " + std::string(1, raci_letter(h.raci)) + " via " + h.duty + ">";
      });

  auto subject_of = [](py::handle x) -> Subject {
    if (py::isinstance<Subject>(x)) return x.cast<Subject>();
    return Subject{SubjectKind::action, x.cast<std::string>()};
  };

  py::class_<Organization> org(m, "Organization", R"doc(
Units, roles, staff and grants, validated as a whole.

Building one reports every problem at once (charter.OrganizationError, with .problems).
Permissions follow from responsibilities: a duty that makes a role responsible (R) or
accountable (A) for an action is the right to perform it; an explicit grant adds one; a denying
grant takes it away and wins.
)doc");
  org.def(py::init([](std::vector<Unit> units, std::vector<Role> roles, std::vector<Staff> staff,
                      std::vector<Grant> grants) {
            return Organization(OrganizationSpec{std::move(units), std::move(roles), std::move(staff), std::move(grants)});
          }),
          py::kw_only(), py::arg("units") = std::vector<Unit>{}, py::arg("roles") = std::vector<Role>{},
          py::arg("staff") = std::vector<Staff>{}, py::arg("grants") = std::vector<Grant>{})
      .def_property_readonly("units", [](const Organization& o) { return o.units(); })
      .def_property_readonly("roles", [](const Organization& o) { return o.roles(); })
      .def_property_readonly("staff", [](const Organization& o) { return o.staff(); })
      .def_property_readonly("grants", [](const Organization& o) { return o.grants(); })
      .def("role", &Organization::role, py::arg("id"), py::return_value_policy::copy)
      .def("unit", &Organization::unit, py::arg("id"), py::return_value_policy::copy)
      .def("staff_member", &Organization::staff_member, py::arg("id"), py::return_value_policy::copy)
      .def("duty", &Organization::duty, py::arg("id"), py::return_value_policy::copy)
      .def("escalation_chain",
           [](const Organization& o, py::handle r) {
             return o.escalation_chain(py::isinstance<Role>(r) ? r.cast<const Role&>().id : r.cast<std::string>());
           },
           py::arg("role"), "The roles above a role, nearest first, to the top.")
      .def("holders", [subject_of](const Organization& o, py::handle s) { return o.holders(subject_of(s)); },
           py::arg("subject"), "Every holder of a subject (a Subject, or an action id).")
      .def("responsible_for", &Organization::responsible_for, py::arg("action"),
           "Roles responsible (R) for an action.")
      .def("accountable_for",
           [subject_of](const Organization& o, py::handle s) { return o.accountable_for(subject_of(s)); },
           py::arg("subject"), "The role accountable (A) for a subject (or an action id), or None.")
      .def("roles_of",
           [](const Organization& o, py::handle s) {
             return o.roles_of(py::isinstance<Staff>(s) ? s.cast<const Staff&>().id : s.cast<std::string>());
           },
           py::arg("staff"))
      .def("staff_in",
           [](const Organization& o, py::handle r, const std::string& unit,
              std::optional<boost::gregorian::date> on) {
             return o.staff_in(py::isinstance<Role>(r) ? r.cast<const Role&>().id : r.cast<std::string>(), unit, on);
           },
           py::arg("role"), py::arg("unit") = "", py::arg("on") = py::none(),
           "Staff holding a role, in a unit or below it, active on a date.")
      .def("may",
           [](const Organization& o, py::handle who, const std::string& action,
              std::optional<boost::gregorian::date> on) {
             if (py::isinstance<Staff>(who)) return o.may_staff(who.cast<const Staff&>().id, action, on);
             if (py::isinstance<Role>(who)) return o.may_role(who.cast<const Role&>().id, action);
             const std::string id = who.cast<std::string>();
             if (o.has_staff(id)) return o.may_staff(id, action, on);
             if (o.has_role(id)) return o.may_role(id, action);
             throw UnknownIdError("'" + id + "' is neither a staff member nor a role");
           },
           py::arg("who"), py::arg("action"), py::arg("on") = py::none(),
           "May a staff member or role (object or id) perform an action? Returns a Decision.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Organization& o) {
        return "<charter.org.Organization " + std::to_string(o.units().size()) + " units, " +
               std::to_string(o.roles().size()) + " roles, " + std::to_string(o.staff().size()) + " staff>";
      })
      .def("__reduce__", [](const Organization& o) {
        return py::make_tuple(py::module_::import("charter._pickle").attr("from_state"),
                              py::make_tuple(1, py::bytes(io::to_bytes(o, io::ArchiveFormat::binary))));
      });
}

}  // namespace charter::python
