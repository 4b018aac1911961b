#include "extract/segment.h"

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extract/bytewise.h"
#include "extract/utf8.h"

namespace polex {
namespace {

constexpr const char* kRuleFile = "segment/abbreviations.json";

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// One break iterator per thread: ICU iterators are not thread-safe, and
// creating one costs far more than cloning it.
icu::BreakIterator* sentence_iterator() {
  static const std::unique_ptr<icu::BreakIterator> kPrototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getUS(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> local(kPrototype ? kPrototype->clone() : nullptr);
  return local.get();
}

// s (valid UTF-8) as UTF-16 in `out`, and for each UTF-16 unit the byte
// offset in s of its character in `byte_of` (one more entry: s.size()).
// One pass, filling both: ICU's own conversion plus a second walk cost more.
void to_utf16(std::string_view s, icu::UnicodeString& out, std::vector<uint32_t>& byte_of) {
  byte_of.resize(s.size() + 1);
  char16_t* buf = out.getBuffer(static_cast<int32_t>(s.size()) + 1);
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      byte_of[n] = static_cast<uint32_t>(i);
      buf[n++] = c;
      ++i;
      continue;
    }
    int len;
    char32_t cp = utf8::decode(s, i, &len);
    byte_of[n] = static_cast<uint32_t>(i);
    if (cp >= 0x10000) {
      buf[n++] = static_cast<char16_t>(0xD7C0 + (cp >> 10));
      byte_of[n] = static_cast<uint32_t>(i);
      buf[n++] = static_cast<char16_t>(0xDC00 | (cp & 0x3FF));
    } else {
      buf[n++] = static_cast<char16_t>(cp);
    }
    i += len;
  }
  byte_of[n] = static_cast<uint32_t>(s.size());
  out.releaseBuffer(static_cast<int32_t>(n));
}

// The boundaries as ICU's iterator finds them (the slow path).
void icu_sentence_boundaries(std::string_view s, std::vector<uint32_t>& out) {
  thread_local icu::UnicodeString utf16;
  thread_local std::vector<uint32_t> byte_of;  // UTF-16 index -> byte offset in s
  icu::BreakIterator* it = sentence_iterator();
  to_utf16(s, utf16, byte_of);
  it->setText(utf16);
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) out.push_back(byte_of[p]);
}

// The Sentence_Break property of UAX #29 (ICU's data, the same the iterator uses).
using SentenceClass = USentenceBreak;

// Table of the ASCII characters, read once from ICU.
const std::array<uint8_t, 128>& ascii_sentence_classes() {
  static const std::array<uint8_t, 128> kTable = [] {
    std::array<uint8_t, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    return t;
  }();
  return kTable;
}

bool is_sentence_term(SentenceClass c) { return c == U_SB_ATERM || c == U_SB_STERM; }
// Classes the rules below leave to ICU: paragraph separators (SB3, SB4, SB11)
// and the characters SB5 makes transparent.
bool needs_icu(SentenceClass c) {
  return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF || c == U_SB_FORMAT || c == U_SB_EXTEND;
}

// Bytes that can be passed over: ASCII characters that neither end a sentence
// nor need ICU. Bytes of other characters are looked at one by one.
const std::array<bool, 256>& passable_bytes() {
  static const std::array<bool, 256> kTable = [] {
    std::array<bool, 256> t{};
    const std::array<uint8_t, 128>& classes = ascii_sentence_classes();
    for (int c = 0; c < 128; ++c) {
      auto sb = static_cast<SentenceClass>(classes[c]);
      t[c] = !is_sentence_term(sb) && !needs_icu(sb);
    }
    return t;
  }();
  return kTable;
}

// The bytes passable_bytes() stops at, when they are exactly the non-ASCII
// bytes and these (what ICU's data says today): tested 8 bytes at a time.
constexpr char kStopBytes[] = {'.', '!', '?', '\n', '\r'};

bool stop_bytes_are_exact() {
  static const bool kExact = [] {
    const std::array<bool, 256>& passable = passable_bytes();
    for (int c = 0; c < 256; ++c) {
      bool stop = c >= 0x80 || std::find(std::begin(kStopBytes), std::end(kStopBytes), static_cast<char>(c)) != std::end(kStopBytes);
      if (stop == passable[c]) return false;
    }
    return true;
  }();
  return kExact;
}

// The first byte at or after i that passable_bytes() does not pass, or s.size().
size_t skip_passable(std::string_view s, size_t i, const std::array<bool, 256>& passable, bool exact) {
  if (exact && std::endian::native == std::endian::little) {
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t x = bytewise::load8(s.data() + i);
      uint64_t stops = x & bytewise::kHighBits;
      for (char c : kStopBytes) stops |= bytewise::bytes_equal(x, static_cast<unsigned char>(c));
      if (stops) return i + static_cast<size_t>(std::countr_zero(stops) / 8);
    }
  }
  while (i < s.size() && passable[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// Reads the classes of the characters of one text for the UAX #29 rules.
class SentenceClasses {
 public:
  explicit SentenceClasses(std::string_view s) : s_(s), ascii_(ascii_sentence_classes()) {}

  // Class of the character at byte i (< size), its length in *len.
  SentenceClass at(size_t i, int* len) const {
    unsigned char c = s_[i];
    if (c < 0x80) {
      *len = 1;
      return static_cast<SentenceClass>(ascii_[c]);
    }
    char32_t cp = utf8::decode(s_, i, len);
    return static_cast<SentenceClass>(u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK));
  }
  // Class of the character ending at byte i (> 0).
  SentenceClass before(size_t i) const {
    unsigned char c = s_[i - 1];
    if (c < 0x80) return static_cast<SentenceClass>(ascii_[c]);
    int len;
    char32_t cp = utf8::decode_before(s_, i, &len);
    return static_cast<SentenceClass>(u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK));
  }

 private:
  std::string_view s_;
  const std::array<uint8_t, 128>& ascii_;
};

// UAX #29 sentence boundaries without separators, format or extend characters.
// A boundary can then only follow "SATerm Close* Sp*" (SB11), at the end of the
// longest such run (SB9, SB10 forbid one inside it), and not when SB6, SB7,
// SB8 or SB8a hold there. False (out unchanged) when the text needs ICU.
bool rule_sentence_boundaries(std::string_view s, std::vector<uint32_t>& out) {
  SentenceClasses classes(s);
  size_t first = out.size();
  auto give_up = [&] {
    out.resize(first);
    return false;
  };
  const std::array<bool, 256>& passable = passable_bytes();
  bool exact = stop_bytes_are_exact();
  int len;
  for (size_t i = 0; i < s.size();) {
    i = skip_passable(s, i, passable, exact);
    if (i == s.size()) break;
    SentenceClass term = classes.at(i, &len);
    if (needs_icu(term)) return give_up();
    size_t term_begin = i;
    i += len;
    if (!is_sentence_term(term)) continue;
    size_t term_end = i;
    // The run after the terminator: Close* then Sp*.
    size_t p = term_end;
    SentenceClass next = U_SB_OTHER;
    bool in_closes = true;
    while (p < s.size()) {
      next = classes.at(p, &len);
      if (next == U_SB_CLOSE && in_closes) {
        p += len;
      } else if (next == U_SB_SP) {
        in_closes = false;
        p += len;
      } else {
        break;
      }
    }
    i = p;
    if (p >= s.size()) break;  // the end of the text is a boundary anyway (SB2)
    if (needs_icu(next)) return give_up();
    bool go_on = false;
    if (next == U_SB_SCONTINUE || is_sentence_term(next)) go_on = true;  // SB8a
    if (term == U_SB_ATERM && p == term_end) {
      if (next == U_SB_NUMERIC) go_on = true;  // SB6: "3.5"
      if (next == U_SB_UPPER && term_begin > 0) {  // SB7: "U.S"
        SentenceClass before = classes.before(term_begin);
        if (before == U_SB_UPPER || before == U_SB_LOWER) go_on = true;
      }
    }
    if (term == U_SB_ATERM && !go_on) {
      // SB8: a lower-case letter comes before any other letter or terminator.
      for (size_t q = p; q < s.size(); q += len) {
        SentenceClass c = classes.at(q, &len);
        if (c == U_SB_OLETTER || c == U_SB_UPPER || is_sentence_term(c) || needs_icu(c)) break;
        if (c == U_SB_LOWER) {
          go_on = true;
          break;
        }
      }
    }
    if (!go_on) out.push_back(static_cast<uint32_t>(p));  // SB11
  }
  if (!s.empty()) out.push_back(static_cast<uint32_t>(s.size()));
  return true;
}

}  // namespace

void sentence_boundaries(std::string_view s, std::vector<uint32_t>& out) {
  out.clear();
  if (!rule_sentence_boundaries(s, out)) icu_sentence_boundaries(s, out);
}

namespace {

// The whitespace-delimited word that ends at `end` (exclusive) in s.
std::string_view word_before(std::string_view s, size_t end) {
  while (end > 0 && is_space(s[end - 1])) --end;
  size_t b = end;
  while (b > 0 && !is_space(s[b - 1])) --b;
  return s.substr(b, end - b);
}

std::string_view word_after(std::string_view s, size_t begin) {
  while (begin < s.size() && is_space(s[begin])) ++begin;
  size_t e = begin;
  while (e < s.size() && !is_space(s[e]) && s[e] != ',' && s[e] != '.') ++e;
  return s.substr(begin, e - begin);
}

// The first '.', '!' or '?' of s, or npos: what s.find_first_of(".!?")
// gives, without a memchr call per byte of s.
size_t first_sentence_end(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '.' || s[i] == '!' || s[i] == '?') return i;
  return std::string_view::npos;
}

bool is_initial(std::string_view w) {
  // "S." or "E." (a middle initial), also after an opening parenthesis.
  if (!w.empty() && (w[0] == '(' || w[0] == '[')) w.remove_prefix(1);
  return w.size() == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z';
}

}  // namespace

Result<std::shared_ptr<const Segmenter>> Segmenter::create(const RuleSet& rules) {
  const nlohmann::json& j = rules.json(kRuleFile);
  if (!j.is_object()) return rules.error(kRuleFile, "", "missing or not a JSON object");
  std::shared_ptr<Segmenter> s(new Segmenter());
  auto read = [&](const char* key, WordSet& into) -> Status {
    if (!j.contains(key) || !j[key].is_array()) return rules.error(kRuleFile, key, std::string("\"") + key + "\" must be a list of strings");
    for (const auto& v : j[key]) {
      if (!v.is_string()) return rules.error(kRuleFile, key, std::string("\"") + key + "\" holds a non-string");
      into.insert(v.get<std::string>());
    }
    return {};
  };
  if (Status st = read("never_final", s->never_final_); !st.ok()) return st;
  if (Status st = read("maybe_final", s->maybe_final_); !st.ok()) return st;
  if (Status st = read("sentence_starters", s->sentence_starters_); !st.ok()) return st;
  if (!sentence_iterator()) return Status::error("ICU sentence break iterator unavailable");
  return std::shared_ptr<const Segmenter>(std::move(s));
}

void Segmenter::segment(Document& doc) const {
  const std::string& text = doc.clean.text();
  std::vector<uint32_t> boundaries;  // of one block
  for (uint32_t bi = 0; bi < doc.blocks.size(); ++bi) {
    const Block& block = doc.blocks[bi];
    uint32_t b = block.content_begin, e = block.end;
    if (b >= e || block.kind == BlockKind::kFurniture) continue;  // headers carry no sentences
    if (block.kind == BlockKind::kHeading) {
      doc.sentences.push_back({b, e, bi});
      continue;
    }
    std::string_view s(text.data() + b, e - b);
    size_t first_end = first_sentence_end(s);
    if (first_end == std::string_view::npos || first_end + 1 >= s.size()) {
      // No sentence-ending punctuation before the end: one sentence, no need for ICU.
      size_t se = s.size();
      while (se > 0 && is_space(s[se - 1])) --se;
      if (se > 0) doc.sentences.push_back({b, b + static_cast<uint32_t>(se), bi});
      continue;
    }
    sentence_boundaries(s, boundaries);
    uint32_t start = 0;
    for (uint32_t cut : boundaries) {
      if (cut < s.size()) {
        std::string_view before = word_before(s, cut);
        std::string_view next = word_after(s, cut);
        bool keep_going = false;
        if (next.empty() || !(next[0] >= 'A' && next[0] <= 'Z') ) {
          // Lower case, digits or punctuation next: the sentence goes on,
          // unless the previous sentence clearly ended (". " + quote/digit).
          keep_going = !next.empty() && next[0] >= 'a' && next[0] <= 'z';
        }
        if (never_final_.count(before) || is_initial(before)) keep_going = true;
        if (maybe_final_.count(before) && !sentence_starters_.count(next)) keep_going = true;
        if (keep_going) continue;
      }
      uint32_t sb = start, se = cut;
      while (sb < se && is_space(s[sb])) ++sb;
      while (se > sb && is_space(s[se - 1])) --se;
      if (se > sb) doc.sentences.push_back({b + sb, b + se, bi});
      start = cut;
    }
  }
}

}  // namespace polex
