#pragma once
// Pickling of bound types, one piece for every block's bindings. Value types pickle through
// their keyword constructors: __reduce__ gives charter._pickle.construct(cls, kwargs), which
// calls cls(**kwargs), so an unpickled value is validated again like any other; types with a
// binary state name their own charter._pickle function (pickle_fn).

#include <string>

#include <pybind11/pybind11.h>

namespace charter::python {

/// A function of charter._pickle (the module every __reduce__ points at): "construct",
/// "cycle_from_state", …
inline pybind11::object pickle_fn(const char* name) {
  return pybind11::module_::import("charter._pickle").attr(name);
}

/// The __reduce__ tuple of `self` rebuilt as type(self)(**kwargs).
inline pybind11::tuple keyword_reduction(pybind11::handle self, pybind11::dict kwargs) {
  return pybind11::make_tuple(pickle_fn("construct"), pybind11::make_tuple(self.attr("__class__"), std::move(kwargs)));
}

/// Defines __reduce__ on `cls`: `kwargs(value)` gives the keyword arguments.
template <class T, class Kwargs>
void reduce_by_keywords(pybind11::class_<T>& cls, Kwargs kwargs) {
  cls.def("__reduce__", [kwargs](const pybind11::object& self) {
    return keyword_reduction(self, kwargs(self.cast<const T&>()));
  });
}

/// A string as Python's repr writes it, for __repr__ texts: 'li.na'.
inline std::string quote(const std::string& s) {
  return pybind11::repr(pybind11::str(s)).cast<std::string>();
}

}  // namespace charter::python
