// Tokens of the numeric reader: numbers (digits with thousands separators and
// decimals), words (runs of letters) and single punctuation characters, with
// byte offsets into the text they were read from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polex {

enum class NumTokKind : uint8_t { kNumber, kWord, kPunct };

struct NumToken {
  NumTokKind kind = NumTokKind::kPunct;
  uint32_t begin = 0;  // bytes, half-open
  uint32_t end = 0;
  bool space_before = false;  // whitespace separates it from the previous token
  bool newline_before = false;
  // kNumber only.
  double value = 0;
  int int_digits = 0;         // digits before the decimal point
  bool grouped = false;       // 12,518
  bool decimal = false;       // 2.55
  bool leading_zero = false;  // 07 (an identifier or a date part, never a quantity)
};

// Splits `text` into tokens; whitespace only sets space_before. Never fails.
std::vector<NumToken> tokenize_numeric(std::string_view text);
// The same into `out` (cleared first), reusing its memory.
void tokenize_numeric(std::string_view text, std::vector<NumToken>& out);

}  // namespace polex
