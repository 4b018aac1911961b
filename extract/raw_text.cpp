#include "extract/raw_text.h"

#include <algorithm>
#include <cstring>

#include "extract/utf8.h"

namespace polex {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid; in that
// case *bad is the length of the maximal invalid subpart to replace (>= 1).
int valid_sequence(std::string_view s, size_t i, int* bad) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  *bad = 1;
  if (c < 0x80) return 1;
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c == 0xE0) { need = 2; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) need = 2;
  else if (c == 0xED) { need = 2; hi = 0x9F; }  // no surrogates
  else if (c >= 0xEE && c <= 0xEF) need = 2;
  else if (c == 0xF0) { need = 3; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) need = 3;
  else if (c == 0xF4) { need = 3; hi = 0x8F; }
  else return 0;
  for (int k = 1; k <= need; ++k) {
    if (i + k >= s.size()) { *bad = k; return 0; }
    unsigned char t = at(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (t < l || t > h) { *bad = k; return 0; }
  }
  return need + 1;
}

std::string from_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> char32_t {
    unsigned char a = bytes[i], b = bytes[i + 1];
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        utf8::append(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    utf8::append(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  if (bytes.size() % 2) utf8::append(out, 0xFFFD);
  return out;
}

// UTF-16 without a byte-order mark, told by its zero bytes: Latin-script
// text has a zero high byte in most code units, at odd offsets (LE) or even
// ones (BE), and almost never a zero low byte. UTF-8 text, even with stray
// NULs, has no such pattern. Looks at the first 4 KB.
enum class Utf16Guess { kNo, kLittleEndian, kBigEndian };
Utf16Guess guess_utf16(std::string_view bytes) {
  size_t units = std::min<size_t>(bytes.size(), 4096) / 2;
  if (units < 4) return Utf16Guess::kNo;
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < units; ++i) {
    zero_even += bytes[2 * i] == 0;
    zero_odd += bytes[2 * i + 1] == 0;
  }
  auto mostly = [&](size_t n) { return n * 10 >= units * 6; };  // >= 60%
  auto rarely = [&](size_t n) { return n * 20 <= units; };      // <= 5%
  if (mostly(zero_odd) && rarely(zero_even)) return Utf16Guess::kLittleEndian;
  if (mostly(zero_even) && rarely(zero_odd)) return Utf16Guess::kBigEndian;
  return Utf16Guess::kNo;
}

// The end of the run of ASCII bytes starting at i: eight bytes at a time.
size_t ascii_run_end(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (x & 0x8080808080808080ull) break;  // a byte >= 0x80 among these eight
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

}  // namespace

RawText decode_raw(std::string_view bytes) {
  RawText raw;
  std::string transcoded;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE) {
    transcoded = from_utf16(bytes.substr(2), true);
    raw.encoding = "utf-16le";
    bytes = transcoded;
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    transcoded = from_utf16(bytes.substr(2), false);
    raw.encoding = "utf-16be";
    bytes = transcoded;
  } else if (Utf16Guess guess = guess_utf16(bytes); guess != Utf16Guess::kNo) {
    bool little_endian = guess == Utf16Guess::kLittleEndian;
    transcoded = from_utf16(bytes, little_endian);
    raw.encoding = little_endian ? "utf-16le" : "utf-16be";
    bytes = transcoded;
  }
  raw.utf8.reserve(bytes.size());
  raw.cp_of_byte.reserve(bytes.size() + 1);
  uint32_t cp = 0;
  static const std::string kReplacement = utf8::encode(0xFFFD);
  for (size_t i = 0; i < bytes.size();) {
    // Fast path: a run of ASCII bytes maps one byte to one code point.
    size_t run = ascii_run_end(bytes, i);
    if (run > i) {
      raw.utf8.append(bytes.substr(i, run - i));
      size_t at = raw.cp_of_byte.size(), n = run - i;
      raw.cp_of_byte.resize(at + n);
      uint32_t* out = raw.cp_of_byte.data() + at;
      for (size_t k = 0; k < n; ++k) out[k] = cp + static_cast<uint32_t>(k);
      cp += static_cast<uint32_t>(n);
      i = run;
      continue;
    }
    int bad;
    int len = valid_sequence(bytes, i, &bad);
    if (len > 0) {
      raw.utf8.append(bytes.substr(i, len));
      raw.cp_of_byte.insert(raw.cp_of_byte.end(), len, cp);
      i += len;
    } else {
      raw.utf8.append(kReplacement);
      raw.cp_of_byte.insert(raw.cp_of_byte.end(), kReplacement.size(), cp);
      ++raw.invalid_sequences;
      i += bad;
    }
    ++cp;
  }
  raw.cp_of_byte.push_back(cp);
  return raw;
}

}  // namespace polex
