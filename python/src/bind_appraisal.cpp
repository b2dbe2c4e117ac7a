// charter.appraisal (types in charter._core.org): the 360-degree staff appraisal
// (include/charter/org/appraisal.hpp). Keyword constructors, pickling through them
// (charter._pickle.construct); the DataFrame forms live in python/charter/appraisal.py.

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cmath>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "charter/org/appraisal.hpp"

namespace charter::python {

namespace py = pybind11;
using namespace charter::org;

namespace {

std::string num(double v) { return py::repr(py::float_(v)).cast<std::string>(); }

// NaN is how a DataFrame says "no data"; the C++ side says it with nullopt.
std::optional<double> present(double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); }

}  // namespace

void bind_appraisal(py::module_& root) {
  py::module_ m = root.def_submodule("org");

  py::enum_<Component> component(m, "Component", "The three views of a 360-degree appraisal.");
  reduce_enum_by_value(component)
      .value("customer", Component::customer, "customer satisfaction (客户满意度)")
      .value("peer", Component::peer, "peer review (同事互评)")
      .value("supervisor", Component::supervisor, "supervisor rating (上级评价)");
  py::enum_<MissingPolicy> missing(m, "MissingPolicy", "What happens when a component has no data.");
  reduce_enum_by_value(missing)
      .value("not_graded", MissingPolicy::not_graded, "no score, no grade; the missing components are named")
      .value("reweight", MissingPolicy::reweight,
             "graded on the present components, weights divided by their sum, flagged partial");

  py::class_<AppraisalWeights> weights(m, "AppraisalWeights", "Weights of the three components; they add up to 1.");
  weights
      .def(py::init([](double customer, double peer, double supervisor) {
             return AppraisalWeights{customer, peer, supervisor};
           }),
           py::arg("customer") = 0.4, py::arg("peer") = 0.3, py::arg("supervisor") = 0.3)
      .def_readonly("customer", &AppraisalWeights::customer)
      .def_readonly("peer", &AppraisalWeights::peer)
      .def_readonly("supervisor", &AppraisalWeights::supervisor)
      .def("of", &AppraisalWeights::of, py::arg("component"))
      .def(py::self == py::self)
      .def("__repr__", [](const AppraisalWeights& w) {
        return "AppraisalWeights(customer=" + num(w.customer) + ", peer=" + num(w.peer) +
               ", supervisor=" + num(w.supervisor) + ")";
      });
  weights.attr("__hash__") = py::none();
  reduce_by_keywords(weights, [](const AppraisalWeights& w) {
    return py::dict(py::arg("customer") = w.customer, py::arg("peer") = w.peer, py::arg("supervisor") = w.supervisor);
  });

  py::class_<Grade> grade(m, "Grade", "A grade: id, label and the lowest score (0–100) that earns it.");
  grade
      .def(py::init([](std::string id, LocalizedText label, double at_least) {
             return Grade{std::move(id), std::move(label), at_least};
           }),
           py::arg("id"), py::arg("label") = LocalizedText{}, py::arg("at_least") = 0.0)
      .def_readonly("id", &Grade::id)
      .def_readonly("label", &Grade::label)
      .def_readonly("at_least", &Grade::at_least)
      .def(py::self == py::self)
      .def("__repr__", [](const Grade& g) { return "Grade(" + quote(g.id) + ", at_least=" + num(g.at_least) + ")"; });
  grade.attr("__hash__") = py::none();
  reduce_by_keywords(grade, [](const Grade& g) {
    return py::dict(py::arg("id") = g.id, py::arg("label") = g.label, py::arg("at_least") = g.at_least);
  });
  m.def("default_grades", &default_grades, "excellent ≥ 90, good ≥ 80, pass ≥ 60, fail ≥ 0.");

  py::class_<AppraisalScheme> scheme(m, "AppraisalScheme", R"doc(A validated 360-degree appraisal scheme.

AppraisalScheme(weights=AppraisalWeights(), grades=default_grades(), missing=MissingPolicy.not_graded)
raises charter.AppraisalError listing every problem with its path.)doc");
  scheme
      .def(py::init([](AppraisalWeights w, std::vector<Grade> grades, MissingPolicy missing) {
             return AppraisalScheme(AppraisalSpec{w, std::move(grades), missing});
           }),
           py::arg("weights") = AppraisalWeights{}, py::arg("grades") = default_grades(),
           py::arg("missing") = MissingPolicy::not_graded)
      .def_property_readonly("weights", &AppraisalScheme::weights)
      .def_property_readonly("grades", &AppraisalScheme::grades)
      .def_property_readonly("missing", &AppraisalScheme::missing)
      .def("grade_of", &AppraisalScheme::grade_of, py::arg("score"), "The grade of a score on 0–100.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const AppraisalScheme& s) {
        std::string g;
        for (const auto& x : s.grades()) g += (g.empty() ? "" : ", ") + x.id + " ≥ " + num(x.at_least);
        return "<charter.org.AppraisalScheme " + num(s.weights().customer) + "/" + num(s.weights().peer) + "/" +
               num(s.weights().supervisor) + "; " + g + "; missing: " + missing_policy_name(s.missing()) + ">";
      });
  scheme.attr("__hash__") = py::none();
  reduce_by_keywords(scheme, [](const AppraisalScheme& s) {
    return py::dict(py::arg("weights") = s.weights(), py::arg("grades") = s.grades(), py::arg("missing") = s.missing());
  });

  py::class_<AppraisalResult> result(m, "AppraisalResult",
                                     "One staff member's appraisal: components, weighted score, grade, what is missing.");
  result
      .def(py::init([](std::string staff, std::optional<double> customer, std::optional<double> peer,
                       std::optional<double> supervisor, std::optional<double> score, std::string grade,
                       std::vector<Component> missing, bool partial) {
             return AppraisalResult{std::move(staff), customer, peer, supervisor, score, std::move(grade),
                                    std::move(missing), partial};
           }),
           py::arg("staff"), py::arg("customer") = py::none(), py::arg("peer") = py::none(),
           py::arg("supervisor") = py::none(), py::arg("score") = py::none(), py::arg("grade") = "",
           py::arg("missing") = std::vector<Component>{}, py::arg("partial") = false)
      .def_readonly("staff", &AppraisalResult::staff)
      .def_readonly("customer", &AppraisalResult::customer)
      .def_readonly("peer", &AppraisalResult::peer)
      .def_readonly("supervisor", &AppraisalResult::supervisor)
      .def_readonly("score", &AppraisalResult::score, "the weighted score; None when not graded")
      .def_readonly("grade", &AppraisalResult::grade, "a grade id; '' when not graded")
      .def_readonly("missing", &AppraisalResult::missing, "components with weight > 0 and no data")
      .def_readonly("partial", &AppraisalResult::partial, "graded on part of the components (reweight)")
      .def_property_readonly("graded", &AppraisalResult::graded)
      .def("__repr__", [](const AppraisalResult& r) {
        return "AppraisalResult(" + quote(r.staff) + ", score=" + (r.score ? num(*r.score) : std::string("None")) +
               ", grade=" + quote(r.grade) + (r.partial ? ", partial=True" : "") + ")";
      });
  reduce_by_keywords(result, [](const AppraisalResult& r) {
    return py::dict(py::arg("staff") = r.staff, py::arg("customer") = r.customer, py::arg("peer") = r.peer,
                    py::arg("supervisor") = r.supervisor, py::arg("score") = r.score, py::arg("grade") = r.grade,
                    py::arg("missing") = r.missing, py::arg("partial") = r.partial);
  });

  py::class_<GradeCount> grade_count(m, "GradeCount", "Staff with one grade.");
  grade_count
      .def(py::init([](std::string grade, long long count) { return GradeCount{std::move(grade), count}; }),
           py::arg("grade"), py::arg("count"))
      .def_readonly("grade", &GradeCount::grade)
      .def_readonly("count", &GradeCount::count)
      .def("__repr__", [](const GradeCount& g) { return "GradeCount(" + quote(g.grade) + ", " + std::to_string(g.count) + ")"; });
  reduce_by_keywords(grade_count, [](const GradeCount& g) {
    return py::dict(py::arg("grade") = g.grade, py::arg("count") = g.count);
  });

  py::class_<AppraisalSummary> summary(m, "AppraisalSummary", "Count per grade for the monthly report.");
  summary
      .def(py::init([](std::vector<GradeCount> grades, long long not_graded, long long partial, long long staff) {
             return AppraisalSummary{std::move(grades), not_graded, partial, staff};
           }),
           py::arg("grades"), py::arg("not_graded") = 0, py::arg("partial") = 0, py::arg("staff") = 0)
      .def_readonly("grades", &AppraisalSummary::grades, "every grade of the scheme in its order, 0 counts included")
      .def_readonly("not_graded", &AppraisalSummary::not_graded)
      .def_readonly("partial", &AppraisalSummary::partial)
      .def_readonly("staff", &AppraisalSummary::staff)
      .def("counts",
           [](const AppraisalSummary& s) {
             py::dict d;
             for (const auto& g : s.grades) d[py::str(g.grade)] = g.count;
             return d;
           },
           "{grade id: count} in the scheme's order.")
      .def("__repr__", [](const AppraisalSummary& s) {
        std::string g;
        for (const auto& x : s.grades) g += x.grade + " " + std::to_string(x.count) + ", ";
        return "<charter.org.AppraisalSummary " + g + "not graded " + std::to_string(s.not_graded) + ">";
      });
  reduce_by_keywords(summary, [](const AppraisalSummary& s) {
    return py::dict(py::arg("grades") = s.grades, py::arg("not_graded") = s.not_graded, py::arg("partial") = s.partial,
                    py::arg("staff") = s.staff);
  });

  m.def("_appraise",
        [](const AppraisalScheme& s, std::vector<std::string> staff,
           py::array_t<double, py::array::c_style | py::array::forcecast> customer,
           py::array_t<double, py::array::c_style | py::array::forcecast> peer,
           py::array_t<double, py::array::c_style | py::array::forcecast> supervisor) {
          const auto n = static_cast<py::ssize_t>(staff.size());
          for (const auto* a : {&customer, &peer, &supervisor}) {
            if (a->ndim() != 1 || a->shape(0) != n) {
              throw std::invalid_argument("appraise: customer, peer and supervisor need one score per staff member");
            }
          }
          auto c = customer.unchecked<1>();
          auto p = peer.unchecked<1>();
          auto v = supervisor.unchecked<1>();
          std::vector<AppraisalInput> inputs(staff.size());
          for (py::ssize_t i = 0; i < n; ++i) {
            inputs[i] = {std::move(staff[i]), present(c(i)), present(p(i)), present(v(i))};
          }
          return appraise(s, inputs);
        },
        py::arg("scheme"), py::arg("staff"), py::arg("customer"), py::arg("peer"), py::arg("supervisor"));
  // appraise_frame's columns, made here: a hundred thousand results read attribute by attribute
  // from Python would take most of a second.
  m.def("_appraisal_columns", [](const std::vector<AppraisalResult>& results) {
    const auto n = static_cast<py::ssize_t>(results.size());
    py::array_t<double> customer(n), peer(n), supervisor(n), score(n);
    py::array_t<bool> partial(n);
    py::list staff, grade, missing;
    const double nan = std::nan("");
    auto c = customer.mutable_unchecked<1>();
    auto p = peer.mutable_unchecked<1>();
    auto v = supervisor.mutable_unchecked<1>();
    auto s = score.mutable_unchecked<1>();
    auto f = partial.mutable_unchecked<1>();
    for (py::ssize_t i = 0; i < n; ++i) {
      const AppraisalResult& r = results[static_cast<std::size_t>(i)];
      staff.append(r.staff);
      c(i) = r.customer.value_or(nan);
      p(i) = r.peer.value_or(nan);
      v(i) = r.supervisor.value_or(nan);
      s(i) = r.score.value_or(nan);
      grade.append(r.grade);
      std::string m;
      for (Component x : r.missing) m += (m.empty() ? "" : ";") + std::string(component_name(x));
      missing.append(m);
      f(i) = r.partial;
    }
    py::dict out;
    out["staff"] = staff;
    out["customer"] = customer;
    out["peer"] = peer;
    out["supervisor"] = supervisor;
    out["score"] = score;
    out["grade"] = grade;
    out["missing"] = missing;
    out["partial"] = partial;
    return out;
  }, py::arg("results"));
  m.def("summarize", &summarize, py::arg("scheme"), py::arg("results"), "Count per grade for the monthly report.");
}

}  // namespace charter::python
