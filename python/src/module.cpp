#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "charter's compiled core; import the `charter` package instead.";
  charter::python::bind_errors(m);
  charter::python::bind_calendar(m);
  charter::python::bind_deadline(m);
  charter::python::bind_org(m);
  charter::python::bind_workflow(m);
  charter::python::bind_standard(m);
  charter::python::bind_report(m);
  charter::python::bind_survey(m);
  charter::python::bind_appraisal(m);
  charter::python::bind_cycle(m);
  charter::python::bind_notices(m);
  charter::python::bind_charter(m);
  charter::python::bind_io(m);
}
