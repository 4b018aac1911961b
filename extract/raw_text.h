// The raw input as the guidelines count it: code points of valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polex {

// Input bytes decoded into valid UTF-8 plus the byte -> code point index that
// turns any byte offset into the code-point offset of guidelines §1.
// Invalid sequences are replaced by U+FFFD (one per maximal invalid subpart,
// as Python's errors="replace" does), so offsets stay exact on what was read.
struct RawText {
  std::string utf8;
  // cp_of_byte[b] = code-point index of the character containing byte b;
  // size utf8.size() + 1, the last entry is the code-point length.
  std::vector<uint32_t> cp_of_byte;
  size_t invalid_sequences = 0;  // how many were replaced
  std::string encoding = "utf-8";  // "utf-16le"/"utf-16be" when decoded from UTF-16

  uint32_t length() const { return cp_of_byte.empty() ? 0 : cp_of_byte.back(); }
  uint32_t to_cp(uint32_t byte) const { return cp_of_byte[byte]; }
};

// Decodes arbitrary bytes. Never fails: UTF-16 with a BOM, or without one
// when its zero bytes show it, is transcoded; everything else is read as
// UTF-8 with replacement.
RawText decode_raw(std::string_view bytes);

}  // namespace polex
