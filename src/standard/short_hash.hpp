#pragma once
// A hash and an equality for the short names the evaluation looks up once or more per
// observation.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace charter::standard {

// Names in observations (kinds, staff, units, channels) are short: the length and the first
// and last eight bytes (overlapping below 16) say almost everything, for a few multiplications.
// Collisions only cost time: every table using it compares the names it finds.
inline std::uint64_t short_hash(std::string_view s) {
  const std::size_t n = s.size();
  std::uint64_t a = 0, b = 0;
  if (n >= 8) {
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, s.data(), 4);
    std::memcpy(&y, s.data() + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {  // an empty name (an observation without a kind) hashes as zeros
    a = static_cast<unsigned char>(s[0]) | std::uint64_t{static_cast<unsigned char>(s[n / 2])} << 8 |
        std::uint64_t{static_cast<unsigned char>(s[n - 1])} << 16;
  }
  std::uint64_t h = (a ^ (n * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
  h = ((h << 31) | (h >> 33)) ^ (b * 0x94D049BB133111EBull);
  h *= 0xD6E8FEB86659FD93ull;
  return h ^ (h >> 32);
}

// Equality of two names, inline: below 16 bytes two overlapping loads compare all of it, where a
// call to memcmp would cost more than the comparison (names are compared tens of millions of
// times an evaluation).
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
  if (n >= 8) {
    std::uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 8);
    std::memcpy(&b0, b.data(), 8);
    std::memcpy(&a1, a.data() + n - 8, 8);
    std::memcpy(&b1, b.data() + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    std::uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 4);
    std::memcpy(&b0, b.data(), 4);
    std::memcpy(&a1, a.data() + n - 4, 4);
    std::memcpy(&b1, b.data() + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace charter::standard
