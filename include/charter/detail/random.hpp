#pragma once
// The generators' random numbers (complaint, observation and completion streams): splitmix64,
// tiny, fast and the same on every platform — std's distributions are implementation-defined,
// and a generated stream must be the same everywhere for its seed.

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace charter::detail {

class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n); 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    if (hi < lo) throw std::logic_error("SplitMix::between: empty range");
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  /// True with probability per_mille / 1000.
  bool per_mille(int per_mille) { return below(1000) < static_cast<std::uint64_t>(per_mille); }
  /// True with probability percent / 100.
  bool percent(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::uint64_t state_;
};

}  // namespace charter::detail
