#pragma once
// One bind_<block>() per block, called in dependency order by module.cpp.

#include <pybind11/pybind11.h>

namespace charter::python {

void bind_errors(pybind11::module_& m);
void bind_calendar(pybind11::module_& m);
void bind_deadline(pybind11::module_& m);
void bind_org(pybind11::module_& m);
void bind_workflow(pybind11::module_& m);
void bind_charter(pybind11::module_& m);
void bind_io(pybind11::module_& m);

}  // namespace charter::python
