#include "annotations/json_writer.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract/bytewise.h"

namespace polex {

nlohmann::json to_json_value(const Document& doc) {
  nlohmann::json out;
  out["schema"] = 1;
  nlohmann::json meta = {{"id", doc.id}, {"length", doc.raw.length()}};
  if (doc.raw.encoding != "utf-8") meta["encoding"] = doc.raw.encoding;
  if (!doc.warnings.empty()) meta["warnings"] = doc.warnings;
  out["document"] = std::move(meta);
  nlohmann::json list = nlohmann::json::array();
  for (const Annotation& a : doc.annotations) {
    nlohmann::json j = {{"type", a.type}, {"start", a.start}, {"end", a.end}, {"text", a.text},
                        {"byte_start", a.byte_start}, {"byte_end", a.byte_end}};
    if (a.clean_end > a.clean_start) {
      j["clean_start"] = a.clean_start;
      j["clean_end"] = a.clean_end;
    }
    if (!a.attrs.empty()) j["attrs"] = a.attrs;
    list.push_back(std::move(j));
  }
  out["annotations"] = std::move(list);
  return out;
}

namespace {

// Bytes that make append_string stop and look: control characters, '"', '\\',
// and the last bytes of U+0085 (C2 85) and of U+2028/U+2029 (E2 80 A8/A9). The
// last bytes, not the lead ones: E2 80 also opens curly quotes and dashes, which
// typeset text is full of.
constexpr std::array<bool, 256> kLookAt = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = t[0x85] = t[0xA8] = t[0xA9] = true;
  return t;
}();

// Index of the first byte of s at or after i that append_string must look at.
// Sixteen (SSE2) or eight bytes at a time: texts are long and seldom need escaping.
size_t skip_plain(std::string_view s, size_t i) {
#ifdef __SSE2__
  const __m128i control_max = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                nel = _mm_set1_epi8(static_cast<char>(0x85)), low_bit = _mm_set1_epi8(1),
                a8 = _mm_set1_epi8(static_cast<char>(0xA8));
  for (; i + 16 <= s.size(); i += 16) {
    __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i look = _mm_cmpeq_epi8(_mm_min_epu8(w, control_max), w);  // a byte <= 0x1F
    look = _mm_or_si128(look, _mm_cmpeq_epi8(w, quote));
    look = _mm_or_si128(look, _mm_cmpeq_epi8(w, backslash));
    look = _mm_or_si128(look, _mm_cmpeq_epi8(w, nel));
    look = _mm_or_si128(look, _mm_cmpeq_epi8(_mm_andnot_si128(low_bit, w), a8));  // A8 or A9
    if (int mask = _mm_movemask_epi8(look)) return i + std::countr_zero(static_cast<unsigned>(mask));
  }
#else
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_byte = [](uint64_t w, uint8_t b) {  // a high bit set where a byte of w equals b
    uint64_t x = w ^ (kOnes * b);
    return (x - kOnes) & ~x & kHigh;
  };
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t control = (w - kOnes * 0x20) & ~w & kHigh;  // a byte below 0x20
    uint64_t a8_a9 = has_byte(w & ~(kOnes * 0x01), 0xA8);  // A8 or A9: equal once the low bit is cleared
    if (control | has_byte(w, '"') | has_byte(w, '\\') | has_byte(w, 0x85) | a8_a9) break;
  }
#endif
  while (i < s.size() && !kLookAt[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// The escape of the Unicode line break whose last byte is s[i], or nullptr.
const char* unicode_break_escape(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (at(i) == 0x85) return i >= 1 && at(i - 1) == 0xC2 ? "\\u0085" : nullptr;
  if (i < 2 || at(i - 2) != 0xE2 || at(i - 1) != 0x80) return nullptr;
  return at(i) == 0xA8 ? "\\u2028" : "\\u2029";
}

// Appends s as a JSON string, escaped as nlohmann's dump escapes it and, besides,
// U+2028, U+2029 and U+0085. REQUIRES: s is valid UTF-8 (the raw text is
// repaired on load; attribute strings are checked by the caller).
void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;
  for (size_t i = skip_plain(s, 0); i < s.size(); i = skip_plain(s, i + 1)) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      // U+2028, U+2029 and U+0085 are line breaks to readers that split lines
      // with Unicode rules (Python's splitlines): escape them to keep JSONL lines whole.
      const char* escape = unicode_break_escape(s, i);
      if (!escape) continue;
      size_t lead = i - (c == 0x85 ? 1 : 2);
      out.append(s.data() + run, lead - run);
      out += escape;
      run = i + 1;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_number(std::string& out, uint32_t n) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

// Whether s is valid UTF-8 (no overlongs, surrogates or truncated sequences).
bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      // ASCII eight bytes at a time: attribute strings are mostly ASCII.
      while (i + 8 <= s.size() && (bytewise::load8(s.data() + i) & bytewise::kHighBits) == 0) i += 8;
      continue;
    }
    int need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    else return false;
    if (i + need >= s.size()) return false;
    for (int k = 1; k <= need; ++k) {
      unsigned char t = s[i + k];
      if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) return false;
    }
    i += need + 1;
  }
  return true;
}

// Appends s as a JSON string; one that is not valid UTF-8 as dump() writes it,
// with U+FFFD for the bad bytes.
void append_checked_string(std::string& out, const std::string& s) {
  if (valid_utf8(s)) append_string(out, s);
  else out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends j as j.dump(-1, ' ', false, replace) would (and U+2028, U+2029, U+0085
// escaped), without the serializer and string that dump() allocates per call.
// Floating-point numbers and strings that are not valid UTF-8 are left to dump().
void append_value(std::string& out, const nlohmann::json& j) {
  using Type = nlohmann::json::value_t;
  switch (j.type()) {
    case Type::null: out += "null"; return;
    case Type::boolean: out += j.get<bool>() ? "true" : "false"; return;
    case Type::number_integer: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, j.get<int64_t>());
      out.append(buf, end);
      return;
    }
    case Type::number_unsigned: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, j.get<uint64_t>());
      out.append(buf, end);
      return;
    }
    case Type::string: append_checked_string(out, j.get_ref<const std::string&>()); return;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& v : j) {
        if (!first) out += ',';
        first = false;
        append_value(out, v);
      }
      out += ']';
      return;
    }
    case Type::object: {
      const auto& members = j.get_ref<const nlohmann::json::object_t&>();
      for (const auto& [key, v] : members)
        if (!valid_utf8(key)) {
          out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          return;
        }
      out += '{';
      bool first = true;
      for (const auto& [key, v] : members) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append_value(out, v);
      }
      out += '}';
      return;
    }
    default: break;
  }
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes `,"key":n` at p, returning the end. Fields go through a stack buffer
// and one append per annotation: appending each piece to the string costs more
// than the JSON of most annotations.
template <size_t N>
char* put_field(char* p, const char (&key)[N], uint32_t n) {
  *p++ = ',';
  *p++ = '"';
  std::memcpy(p, key, N - 1);
  p += N - 1;
  *p++ = '"';
  *p++ = ':';
  return std::to_chars(p, p + 10, n).ptr;
}

// Room for the JSON of doc: its texts and `per_annotation` bytes of fields and
// attributes each, so that the output string seldom grows (each growth copies it).
size_t estimated_size(const Document& doc, size_t per_annotation) {
  size_t size = 256;
  for (const Annotation& a : doc.annotations) size += a.text.size() + per_annotation;
  return size + size / 16;
}

// Pretty output in the layout of nlohmann's dump(indent): members in key order
// (the JSON value's std::map order), one per line, `"key": value`, and empty
// containers as {} and []. Written directly like the one-line writer, because
// building the JSON value first costs several times the whole extraction.
class PrettyWriter {
 public:
  PrettyWriter(std::string& out, int step) : out_(out), step_(step) {}

  void document(const Document& doc) {
    out_ += '{';
    key(1, "annotations", true);
    if (doc.annotations.empty()) {
      out_ += "[]";
    } else {
      out_ += '[';
      for (size_t i = 0; i < doc.annotations.size(); ++i) {
        if (i) out_ += ',';
        newline(2);
        annotation(doc.annotations[i], 2);
      }
      newline(1);
      out_ += ']';
    }
    key(1, "document", false);
    out_ += '{';
    bool first = true;
    if (doc.raw.encoding != "utf-8") {
      key(2, "encoding", first);
      append_string(out_, doc.raw.encoding);
      first = false;
    }
    key(2, "id", first);
    append_string(out_, doc.id);
    key(2, "length", false);
    append_number(out_, doc.raw.length());
    if (!doc.warnings.empty()) {
      key(2, "warnings", false);
      out_ += '[';
      for (size_t i = 0; i < doc.warnings.size(); ++i) {
        if (i) out_ += ',';
        newline(3);
        append_string(out_, doc.warnings[i]);
      }
      newline(2);
      out_ += ']';
    }
    newline(1);
    out_ += '}';
    key(1, "schema", false);
    out_ += '1';
    newline(0);
    out_ += '}';
  }

 private:
  // The members in key order: attrs, byte_end, byte_start, clean_end, clean_start, end, start, text, type.
  void annotation(const Annotation& a, int level) {
    out_ += '{';
    bool first = true;
    if (!a.attrs.empty()) {
      key(level + 1, "attrs", true);
      value(a.attrs, level + 1);
      first = false;
    }
    number(level + 1, "byte_end", a.byte_end, first);
    number(level + 1, "byte_start", a.byte_start, false);
    if (a.clean_end > a.clean_start) {
      number(level + 1, "clean_end", a.clean_end, false);
      number(level + 1, "clean_start", a.clean_start, false);
    }
    number(level + 1, "end", a.end, false);
    number(level + 1, "start", a.start, false);
    key(level + 1, "text", false);
    append_string(out_, a.text);
    key(level + 1, "type", false);
    append_string(out_, a.type);
    newline(level);
    out_ += '}';
  }

  void value(const nlohmann::json& j, int level) {
    if (j.is_object() && !j.empty()) {
      out_ += '{';
      bool first = true;
      for (const auto& [name, v] : j.get_ref<const nlohmann::json::object_t&>()) {
        if (!first) out_ += ',';
        first = false;
        newline(level + 1);
        append_checked_string(out_, name);
        out_ += ": ";
        value(v, level + 1);
      }
      newline(level);
      out_ += '}';
    } else if (j.is_array() && !j.empty()) {
      out_ += '[';
      for (size_t i = 0; i < j.size(); ++i) {
        if (i) out_ += ',';
        newline(level + 1);
        value(j[i], level + 1);
      }
      newline(level);
      out_ += ']';
    } else {
      append_value(out_, j);  // scalars and empty containers print alike in both layouts
    }
  }

  void number(int level, std::string_view name, uint32_t n, bool first) {
    key(level, name, first);
    append_number(out_, n);
  }
  // `,` unless first, then a new line at `level` and `"name": `.
  void key(int level, std::string_view name, bool first) {
    if (!first) out_ += ',';
    newline(level);
    out_ += '"';
    out_ += name;
    out_ += "\": ";
  }
  void newline(int level) {
    out_ += '\n';
    out_.append(static_cast<size_t>(level) * step_, ' ');
  }

  std::string& out_;
  int step_;
};

}  // namespace

std::string to_json(const Document& doc, const JsonOptions& options) {
  if (options.indent >= 0) {
    std::string out;
    out.reserve(estimated_size(doc, 240));
    PrettyWriter(out, options.indent).document(doc);
    return out;
  }
  // One line, written directly: the hot path of batch extraction.
  std::string out;
  out.reserve(estimated_size(doc, 160));
  out += "{\"schema\":1,\"document\":{\"id\":";
  append_string(out, doc.id);
  out += ",\"length\":";
  append_number(out, doc.raw.length());
  if (doc.raw.encoding != "utf-8") {
    out += ",\"encoding\":";
    append_string(out, doc.raw.encoding);
  }
  if (!doc.warnings.empty()) {
    out += ",\"warnings\":[";
    for (size_t i = 0; i < doc.warnings.size(); ++i) {
      if (i) out += ',';
      append_string(out, doc.warnings[i]);
    }
    out += ']';
  }
  out += "},\"annotations\":[";
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    const Annotation& a = doc.annotations[i];
    out += i ? ",{\"type\":" : "{\"type\":";
    append_string(out, a.type);
    char fields[128];  // the longest: 4 keys of <= 11 characters + 4 numbers of <= 10 digits + punctuation
    char* end = put_field(fields, "start", a.start);
    end = put_field(end, "end", a.end);
    out.append(fields, end);
    out += ",\"text\":";
    append_string(out, a.text);
    end = put_field(fields, "byte_start", a.byte_start);
    end = put_field(end, "byte_end", a.byte_end);
    if (a.clean_end > a.clean_start) {
      end = put_field(end, "clean_start", a.clean_start);
      end = put_field(end, "clean_end", a.clean_end);
    }
    out.append(fields, end);
    if (!a.attrs.empty()) {
      out += ",\"attrs\":";
      append_value(out, a.attrs);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

nlohmann::json clean_to_json(const Document& doc) {
  const CleanText& clean = doc.clean;
  nlohmann::json segments = nlohmann::json::array();
  // Group clean bytes into runs of characters with the same kind of mapping.
  const auto& rb = clean.raw_begin();
  const auto& re = clean.raw_end();
  const std::string& text = clean.text();
  uint32_t clean_cp = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    uint32_t cps = 0;
    // A run of verbatim copies: each byte maps to the next raw byte.
    while (j < text.size() && re[j] == rb[j] + 1 && (j == i || rb[j] == re[j - 1])) {
      if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) ++cps;
      ++j;
    }
    if (j == i) {  // one repaired or inserted character (all its bytes share a raw span)
      uint32_t b = rb[i], e = re[i];
      while (j < text.size() && rb[j] == b && re[j] == e) {
        if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) ++cps;
        ++j;
      }
    }
    uint32_t raw_b = doc.raw.to_cp(rb[i]);
    uint32_t raw_e = doc.raw.to_cp(re[j - 1]);
    segments.push_back({clean_cp, clean_cp + cps, raw_b, raw_e});
    clean_cp += cps;
    i = j;
  }
  return {{"id", doc.id}, {"text", text}, {"length", doc.raw.length()}, {"map", std::move(segments)}};
}

}  // namespace polex
