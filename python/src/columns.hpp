#pragma once
// numpy columns from C++ vectors, shared by the blocks that answer with tables (Tracker.status,
// Findings.columns).
//
//   column(v, "int64")  copies a vector of plain numbers into a new 1-D array of that dtype; the
//                       element sizes must match (the caller names the dtype of T).
//   object_column(n)    a new 1-D object array of n Nones, filled with set_object; repeated
//                       values (state names, staff ids) are one shared Python object.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstring>
#include <vector>

namespace charter::python {

template <class T, class Allocator>
pybind11::array column(const std::vector<T, Allocator>& v, const char* dtype) {
  pybind11::array out(pybind11::dtype(dtype), std::vector<pybind11::ssize_t>{static_cast<pybind11::ssize_t>(v.size())});
  if (!v.empty()) std::memcpy(out.mutable_data(), v.data(), v.size() * sizeof(T));
  return out;
}

inline pybind11::array object_column(std::size_t n) {
  return pybind11::array(pybind11::dtype("object"), std::vector<pybind11::ssize_t>{static_cast<pybind11::ssize_t>(n)});
}

/// Stores a reference to `value` at a[i] (an object array), releasing what was there.
inline void set_object(pybind11::array& a, std::size_t i, const pybind11::handle& value) {
  auto** p = static_cast<PyObject**>(a.mutable_data());
  PyObject* old = p[i];
  p[i] = value.inc_ref().ptr();
  Py_XDECREF(old);
}

}  // namespace charter::python
