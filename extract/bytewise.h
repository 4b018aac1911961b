// Bytewise tests on eight bytes at once (SWAR): the high bit of each byte of
// the result tells whether that byte of x passes. Exact for every byte value:
// no sum carries into the next byte. The scanners of the normalizer, the
// segmenter and the numeric reader skip ordinary text with them.
#pragma once

#include <cstdint>
#include <cstring>

namespace polex::bytewise {

constexpr uint64_t kHighBits = 0x8080808080808080ull, kLowBits = 0x7F7F7F7F7F7F7F7Full;

// c in every byte.
constexpr uint64_t bytes_of(unsigned char c) { return 0x0101010101010101ull * c; }

// The eight bytes at p, in memory order (the first byte lowest on little-endian machines).
inline uint64_t load8(const void* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Bytes of x equal to c.
constexpr uint64_t bytes_equal(uint64_t x, unsigned char c) {
  uint64_t v = x ^ bytes_of(c);  // zero bytes where x has c
  return ~(((v & kLowBits) + kLowBits) | v | kLowBits);
}

// Bytes of x in [lo, hi] (both below 0x80).
constexpr uint64_t bytes_in_range(uint64_t x, unsigned char lo, unsigned char hi) {
  uint64_t low = x & kLowBits;  // sums below stay within their byte
  uint64_t at_least_lo = low + bytes_of(static_cast<unsigned char>(0x80 - lo));
  uint64_t above_hi = low + bytes_of(static_cast<unsigned char>(0x7F - hi));
  return at_least_lo & ~above_hi & ~x & kHighBits;
}

}  // namespace polex::bytewise
