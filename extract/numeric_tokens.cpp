#include "extract/numeric_tokens.h"

#include <unicode/uchar.h>

#include <cstdlib>

#include "extract/utf8.h"

namespace polex {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t digits_from(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  return u_isalpha(cp) || cp == 0x00B5;
}

bool is_space_cp(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || u_isUWhiteSpace(cp); }

// The byte length of a space that may separate digit groups at s[k]: a space,
// a no-break space or a (narrow) thin space; 0 if there is none.
size_t group_space(std::string_view s, size_t k) {
  if (k < s.size() && s[k] == ' ') return 1;
  if (s.substr(k, 2) == "\xC2\xA0") return 2;
  if (s.substr(k, 3) == "\xE2\x80\xAF" || s.substr(k, 3) == "\xE2\x80\x89") return 3;
  return 0;
}

// Reads a number at s[i] (a digit, or '.' before a digit): 12,518 / 2.55 / .08.
NumToken read_number(std::string_view s, size_t i) {
  NumToken t;
  t.kind = NumTokKind::kNumber;
  t.begin = static_cast<uint32_t>(i);
  size_t j = i;
  int count = 0;
  uint64_t integer = 0;  // exact while count <= 15
  while (true) {
    size_t n = digits_from(s, j);
    for (size_t k = 0; k < n; ++k) integer = integer * 10 + static_cast<uint64_t>(s[j + k] - '0');
    count += static_cast<int>(n);
    j += n;
    // A thousands group: ",ddd" (exactly three digits) after one to three digits.
    if (j < s.size() && s[j] == ',' && digits_from(s, j + 1) == 3 && count > 0 && (t.grouped || count <= 3)) {
      t.grouped = true;
      ++j;
      continue;
    }
    // Groups set off by spaces (12 000, 1 234 567; SI and European style): one to
    // three leading digits, not 0, then exact three-digit groups, and no further
    // number after them (10 100 1000 is a list of numbers, not one).
    if (!t.grouped && count <= 3 && s[i] != '0') {
      size_t k = j;
      int groups = 0;
      for (size_t gap; (gap = group_space(s, k)) > 0 && digits_from(s, k + gap) == 3; ++groups) k += gap + 3;
      size_t gap = group_space(s, k);
      bool list_goes_on = gap > 0 && k + gap < s.size() && is_digit(s[k + gap]);
      bool decimal_comma = k + 1 < s.size() && s[k] == ',' && is_digit(s[k + 1]);
      if (groups > 0 && !list_goes_on && !decimal_comma) {
        for (size_t d = j; d < k; ++d)
          if (is_digit(s[d])) integer = integer * 10 + static_cast<uint64_t>(s[d] - '0');
        count += groups * 3;
        t.grouped = true;
        j = k;
      }
    }
    break;
  }
  t.int_digits = count;
  t.leading_zero = count > 1 && s[i] == '0';
  if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
    t.decimal = true;
    ++j;
    j += digits_from(s, j);
  }
  if (!t.decimal && count <= 15) {
    t.value = static_cast<double>(integer);  // below 2^53: what strtod gives, without the copy
  } else {
    // The digits without separators, for a correctly rounded strtod.
    std::string digits;
    for (size_t k = i; k < j; ++k)
      if (is_digit(s[k]) || s[k] == '.') digits += s[k];
    t.value = std::strtod(digits.c_str(), nullptr);
  }
  t.end = static_cast<uint32_t>(j);
  return t;
}

}  // namespace

std::vector<NumToken> tokenize_numeric(std::string_view s) {
  std::vector<NumToken> out;
  tokenize_numeric(s, out);
  return out;
}

void tokenize_numeric(std::string_view s, std::vector<NumToken>& out) {
  out.clear();
  out.reserve(s.size() / 4 + 4);
  bool space = false, newline = false;
  size_t i = 0;
  const size_t n = s.size();
  auto ascii_letter = [](unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = 1;
    char32_t cp = c;
    if (c < 0x80) {
      // ASCII: white space is ' ', '\n', '\t', '\r' (other controls are punctuation).
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = true;
        if (c == '\n') newline = true;
        ++i;
        continue;
      }
    } else {
      cp = utf8::decode(s, i, &len);
      if (is_space_cp(cp)) {
        space = true;
        i += len;
        continue;
      }
    }
    const bool first = out.empty();
    const bool prev_is_number = !first && out.back().kind == NumTokKind::kNumber && out.back().end == i;
    NumToken& t = out.emplace_back();
    if (is_digit(s[i]) || (c == '.' && i + 1 < n && is_digit(s[i + 1]) && (i == 0 || space) && !prev_is_number)) {
      t = read_number(s, i);
      if (c == '.') t.int_digits = 0;
    } else if (c < 0x80 ? ascii_letter(c) : is_letter(cp)) {
      size_t j = i + static_cast<size_t>(len);
      while (j < n) {
        unsigned char b = static_cast<unsigned char>(s[j]);
        if (b < 0x80) {  // ASCII fast path
          if (!ascii_letter(b)) break;
          ++j;
          continue;
        }
        int l = 1;
        char32_t d = utf8::decode(s, j, &l);
        if (!is_letter(d)) break;
        j += static_cast<size_t>(l);
      }
      t.kind = NumTokKind::kWord;
      t.begin = static_cast<uint32_t>(i);
      t.end = static_cast<uint32_t>(j);
    } else {
      t.kind = NumTokKind::kPunct;
      t.begin = static_cast<uint32_t>(i);
      t.end = static_cast<uint32_t>(i + static_cast<size_t>(len));
    }
    t.space_before = space || first;
    t.newline_before = newline;
    space = newline = false;
    i = t.end;
  }
}

}  // namespace polex
