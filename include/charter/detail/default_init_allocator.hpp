#pragma once
// An allocator whose vectors leave new elements default-initialised: `resize(n)` on a vector of
// numbers allocates without writing anything, where std::allocator would zero every element.
//
// For columns that are filled row by row right after sizing (Tracker::status): a million-row
// table is some 400 MB, and zeroing it first on one thread took as long as filling it on all of
// them. Fresh pages are then touched first by the threads that fill them, in parallel.
// Everything else is std::allocator's: `v.resize(n, x)`, `v.push_back(x)` and `v.assign(...)`
// behave as usual, and a class type is still default-constructed.

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace charter::detail {

template <class T>
class DefaultInitAllocator : public std::allocator<T> {
  using Base = std::allocator<T>;

 public:
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };

  DefaultInitAllocator() noexcept = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>& other) noexcept : Base(other) {}

  /// Called for a vector's new element without a value: default-initialise it (no write for a
  /// number) instead of value-initialising it (zero).
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::allocator_traits<Base>::construct(static_cast<Base&>(*this), p, std::forward<Args>(args)...);
  }
};

}  // namespace charter::detail
