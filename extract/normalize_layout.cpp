// Pass 2 of normalization: lines -> blocks, with the repairs that need layout
// (furniture, headings, bullets, hyphenation, drop caps, glued footnotes).
#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/bytewise.h"
#include "extract/normalize_tables.h"
#include "extract/utf8.h"

namespace polex {
namespace {

enum class LineKind { kBlank, kText, kBulletOnly, kPageNumber, kTableCell, kRunningHeader };

struct Line {
  uint32_t b = 0, e = 0;  // trimmed content, positions of the pass-1 text
  uint32_t newline = 0;   // position of the '\n' ending the line (or text size)
  LineKind kind = LineKind::kBlank;
  size_t bullet_len = 0;  // bytes of the bullet glyph at b, 0 if none
  bool numbered = false;
  bool markdown_heading = false;
  mutable int8_t heading_shape = -1;  // LayoutPass::heading_shaped, once known (0 or 1)
};

constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_alpha(char c) { return is_ascii_lower(c) || is_ascii_upper(c); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool ends_token_punct(char c) { return c == '.' || c == '!' || c == '?' || c == ',' || c == ';'; }

// Bytes where a run of LayoutPass::emit_line stops: spaces, digits, token-ending punctuation.
constexpr std::array<bool, 256> kEndsRun = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c == ' ' || is_digit(static_cast<char>(c)) || ends_token_punct(static_cast<char>(c));
  return t;
}();
// Of the 8 bytes at p (10 readable), those where a run of emit_line stops
// (kStopsRun, or a space with another space one or two bytes on).
uint64_t run_stops(const unsigned char* p) {
  using namespace bytewise;
  uint64_t x = load8(p), next1 = load8(p + 1), next2 = load8(p + 2);
  uint64_t spaces = bytes_equal(x, ' ') & (bytes_equal(next1, ' ') | bytes_equal(next2, ' '));
  uint64_t punct = bytes_equal(x, '.') | bytes_equal(x, '!') | bytes_equal(x, '?') | bytes_equal(x, ',') | bytes_equal(x, ';');
  return spaces | punct | bytes_in_range(x, '0', '9');
}

#if defined(__SSE2__)
// run_stops for the 16 bytes at p (18 readable): a bit for each byte where a run stops.
uint32_t run_stops16(const unsigned char* p) {
  auto load = [](const unsigned char* q) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); };
  auto equal = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  __m128i x = load(p);
  __m128i spaces = _mm_and_si128(equal(x, ' '), _mm_or_si128(equal(load(p + 1), ' '), equal(load(p + 2), ' ')));
  __m128i punct = _mm_or_si128(_mm_or_si128(equal(x, '.'), equal(x, '!')),
                               _mm_or_si128(_mm_or_si128(equal(x, '?'), equal(x, ',')), equal(x, ';')));
  // '0' <= x <= '9' as unsigned bytes: max(x, '0') == x and min(x, '9') == x.
  __m128i digits = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8('0')), x),
                                 _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8('9')), x));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(spaces, _mm_or_si128(punct, digits))));
}
#endif

// The same without the space, which stops a run only in some contexts.
constexpr std::array<bool, 256> kStopsRun = [] {
  std::array<bool, 256> t = kEndsRun;
  t[' '] = false;
  return t;
}();
// Letters, as a table for the word scans.
constexpr std::array<bool, 256> kAsciiAlpha = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = is_ascii_alpha(static_cast<char>(c));
  return t;
}();
bool alpha_at(std::string_view s, size_t k) { return kAsciiAlpha[static_cast<unsigned char>(s[k])]; }
// Whether s holds at least n ASCII letters.
bool has_letters(std::string_view s, size_t n) {
  size_t letters = 0;
  for (char c : s)
    if (kAsciiAlpha[static_cast<unsigned char>(c)] && ++letters >= n) return true;
  return n == 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (is_ascii_upper(c)) c = static_cast<char>(c + 32);
  return out;
}

// Words and hyphenated compounds of the document (letters and '-' only),
// compared without regard to ASCII case: open addressing over views into text
// that outlives the set, so inserting a word allocates nothing. Letters and
// '-' are lower-cased by `| 0x20`, which lets hashing and comparison take
// eight bytes at a time.
class WordEvidence {
 public:
  // Words inserted later are views into a buffer ending at `limit`.
  explicit WordEvidence(const char* limit) : limit_(limit) {}

  // REQUIRES: w is made of ASCII letters and '-'.
  void insert(std::string_view w) {
    uint64_t head = head_of(w, limit_);
    // Most tokens are a few frequent words, met again and again: a small
    // table of the last short words seen spares the look-up in the big one.
    Recent& recent = recent_[(head * 0x9E3779B97F4A7C15ull) >> 56];
    bool short_word = w.size() <= 8;
    if (short_word && recent.head == head && recent.size == w.size()) return;
    if ((used_ + 1) * 2 > slots_.size()) grow();
    if (place(w, head, hash(w, head, limit_))) ++used_;
    if (short_word) recent = {head, static_cast<uint32_t>(w.size())};
  }
  bool contains(std::string_view w) const {
    if (!insertable(w)) return false;  // never inserted
    return !find(w, w.data() + w.size()).empty();
  }
  // The inserted word equal to w (ASCII case aside), or an empty view; w is
  // insertable and lies before `w_limit`.
  std::string_view find(std::string_view w, const char* w_limit) const {
    if (slots_.empty()) return {};
    uint64_t head = head_of(w, w_limit);
    size_t h = hash(w, head, w_limit);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (!slot.size) return {};
      if (equal(slot, w, head, w_limit)) return std::string_view(data(slot), slot.size);
    }
  }
  static bool insertable(std::string_view w) {
    if (w.empty()) return false;
    for (char c : w)
      if (!is_ascii_alpha(c) && c != '-') return false;
    return true;
  }

 private:
  // 16 bytes, so that the table of a long document stays in cache.
  struct Slot {
    uint64_t head = 0;  // the first 8 bytes, folded: all of a short word
    uint32_t before_limit = 0;  // the word starts this many bytes before limit_
    uint32_t size = 0;  // 0: an empty slot
  };
  const char* data(const Slot& slot) const { return limit_ - slot.before_limit; }
  // Bytes [p, p + n) (n <= 8) lower-cased, as one little-endian word; reads 8
  // bytes at once where they lie before `limit`.
  static uint64_t folded_chunk(const char* p, size_t n, const char* limit) {
    uint64_t mask = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
    uint64_t w = 0;
    if (limit - p >= 8) {
      std::memcpy(&w, p, 8);
    } else {
      for (size_t j = 0; j < n; ++j) w |= uint64_t{static_cast<unsigned char>(p[j])} << (8 * j);
    }
    return (w | 0x2020202020202020ull) & mask;
  }
  static uint64_t head_of(std::string_view w, const char* limit) {
    return folded_chunk(w.data(), std::min<size_t>(8, w.size()), limit);
  }
  static size_t hash(std::string_view w, uint64_t head, const char* limit) {
    uint64_t h = (w.size() * 0x9E3779B97F4A7C15ull ^ head) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    for (size_t k = 8; k < w.size(); k += 8) {
      h = (h ^ folded_chunk(w.data() + k, std::min<size_t>(8, w.size() - k), limit)) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    return static_cast<size_t>(h);
  }
  // Whether the word of `slot` equals b, whose first 8 bytes fold to `head`.
  bool equal(const Slot& slot, std::string_view b, uint64_t head, const char* b_limit) const {
    if (slot.size != b.size() || slot.head != head) return false;
    const char* a = data(slot);
    const char* a_limit = limit_;
    size_t a_size = slot.size;
    for (size_t k = 8; k < a_size; k += 8) {
      size_t n = std::min<size_t>(8, a_size - k);
      if (folded_chunk(a + k, n, a_limit) != folded_chunk(b.data() + k, n, b_limit)) return false;
    }
    return true;
  }
  // Puts w in its slot; false if an equal word is there already.
  bool place(std::string_view w, uint64_t head, size_t h) {
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.size) {
        slot = {head, static_cast<uint32_t>(limit_ - w.data()), static_cast<uint32_t>(w.size())};
        return true;
      }
      if (equal(slot, w, head, limit_)) return false;
    }
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 4096 : old.size() * 2, Slot());
    for (const Slot& slot : old) {
      if (!slot.size) continue;
      std::string_view w(data(slot), slot.size);
      place(w, slot.head, hash(w, slot.head, limit_));
    }
  }
  struct Recent {
    uint64_t head = 0;
    uint32_t size = 0;  // 0: none
  };
  std::array<Recent, 256> recent_{};  // short words already inserted, by their head
  const char* limit_;
  std::vector<Slot> slots_;  // size a power of two, at most half full
  size_t used_ = 0;
};

// Whether a line's text (trimmed) ends a sentence: . ! ? : possibly followed by
// closing quotes or brackets.
bool ends_sentence(std::string_view s) {
  while (!s.empty()) {
    std::string_view tail3 = s.size() >= 3 ? s.substr(s.size() - 3) : std::string_view();
    if (tail3 == "\u201D" || tail3 == "\u2019") { s.remove_suffix(3); continue; }
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') { s.remove_suffix(1); continue; }
    break;
  }
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  // A footnote digit glued to the period still ends it ("partners.1").
  size_t k = s.size();
  while (k > 0 && is_digit(s[k - 1]) && s.size() - k < 3) --k;
  return k < s.size() && k > 0 && (s[k - 1] == '.' || s[k - 1] == ':');
}

bool starts_lower(std::string_view s) {
  if (s.empty()) return false;
  if (is_ascii_lower(s[0])) return true;
  unsigned char c = s[0];
  if (c >= 0xC3 && c <= 0xC5 && s.size() > 1) {  // Latin-1 / Latin Extended-A lower case letters
    int len;
    char32_t cp = utf8::decode(s, 0, &len);
    return (cp >= 0xDF && cp <= 0xFF) || (cp >= 0x100 && cp <= 0x17F && (cp & 1));
  }
  return false;
}

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  if (is_ascii_upper(s[0])) return true;
  unsigned char c = s[0];
  if (c == 0xC3 && s.size() > 1) {
    int len;
    char32_t cp = utf8::decode(s, 0, &len);
    return cp >= 0xC0 && cp <= 0xDE;
  }
  // Opening quotes before a capital.
  if (s.substr(0, 3) == "\u201C" || s.substr(0, 3) == "\u2018") return starts_upper(s.substr(3));
  if (c == '"' || c == '\'' || c == '(') return starts_upper(s.substr(1));
  return false;
}

// The last whitespace-separated token of s.
std::string_view last_token(std::string_view s) {
  size_t k = s.find_last_of(' ');
  return k == std::string_view::npos ? s : s.substr(k + 1);
}

// A bare number line: "12", "2.1%", "$1,200", "830".
bool is_bare_number(std::string_view s) {
  if (s.empty()) return false;
  size_t k = 0;
  if (s[k] == '$' || s[k] == '-' || s[k] == '+' || s[k] == '(') ++k;
  if (s.substr(k, 3) == "\u2013" || s.substr(k, 2) == "\u20AC" || s.substr(k, 2) == "\u00A3") k += (s[k] == '\xE2' ? 3 : 2);
  size_t digits = 0;
  while (k < s.size() && (is_digit(s[k]) || s[k] == ',' || s[k] == '.')) digits += is_digit(s[k++]);
  if (!digits) return false;
  while (k < s.size() && s[k] == ' ') ++k;
  if (k < s.size() && (s[k] == '%' || s[k] == ')')) ++k;
  if (s.substr(k) == "percent") k = s.size();
  if (k < s.size() && (s[k] == '%' || s[k] == ')')) ++k;
  return k == s.size();
}

// Two or more bare numbers separated by spaces and nothing else.
bool is_number_row(std::string_view s) {
  size_t numbers = 0;
  for (size_t k = 0; k < s.size();) {
    size_t e = s.find(' ', k);
    if (e == std::string_view::npos) e = s.size();
    if (e > k) {
      if (!is_bare_number(s.substr(k, e - k))) return false;
      ++numbers;
    }
    k = e + 1;
  }
  return numbers >= 2;
}

// Running-header keys: lines equal up to case and digits get equal keys.
constexpr std::array<unsigned char, 256> kHeaderFold = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(is_digit(static_cast<char>(c)) ? '#' : is_ascii_upper(static_cast<char>(c)) ? c + 32 : c);
  return t;
}();
constexpr uint64_t kFnvBasis = 1469598103934665603ull, kFnvPrime = 1099511628211ull;
uint64_t fold_into(uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ kHeaderFold[static_cast<unsigned char>(c)]) * kFnvPrime;
  return h;
}
uint64_t header_key(std::string_view s) { return fold_into(kFnvBasis, s); }
// Equal for lines with equal header_key; cheap: at most 16 bytes are read.
uint64_t rough_header_key(std::string_view s) {
  size_t n = std::min<size_t>(8, s.size());
  return fold_into(fold_into(kFnvBasis ^ s.size(), s.substr(0, n)), s.substr(s.size() - n));
}

// Counts of 64-bit keys: open addressing, sized once for at most `n` keys.
class KeyCounter {
 public:
  explicit KeyCounter(size_t n) {
    size_t size = 16;
    while (size < 2 * n) size *= 2;
    slots_.assign(size, Slot());
  }
  void add(uint64_t key) {
    for (size_t i = first_slot(key);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.count == 0) slot.key = key;
      if (slot.key == key) {
        ++slot.count;
        return;
      }
    }
  }
  int count(uint64_t key) const {
    for (size_t i = first_slot(key);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.count == 0) return 0;
      if (slot.key == key) return slot.count;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    int count = 0;  // 0: empty
  };
  size_t first_slot(uint64_t key) const { return (key ^ (key >> 31)) & (slots_.size() - 1); }
  std::vector<Slot> slots_;
};

class LayoutPass {
 public:
  LayoutPass(const Normalizer::Tables& t, const PiecewiseText& chars, Document& doc, PiecewiseText& out)
      : t_(t), p_(chars.text()), chars_(chars), doc_(doc), out_(out) {}

  void run() {
    out_.reserve(p_.size());
    out_.set_raw_size(static_cast<uint32_t>(p_.size()));
    split_lines();
    classify_lines();
    build_blocks();
  }

 private:
  // ---- lines ----
  void split_lines() {
    lines_.reserve(p_.size() / 64 + 16);  // a guess: lines of PDF text are short
    size_t i = 0;
    while (i <= p_.size()) {
      size_t nl = p_.find('\n', i);
      if (nl == std::string::npos) nl = p_.size();
      Line line;
      size_t b = i, e = nl;
      while (b < e && p_[b] == ' ') ++b;
      while (e > b && p_[e - 1] == ' ') --e;
      line.b = static_cast<uint32_t>(b);
      line.e = static_cast<uint32_t>(e);
      line.newline = static_cast<uint32_t>(nl);
      line.kind = b == e ? LineKind::kBlank : LineKind::kText;
      lines_.push_back(line);
      if (nl == p_.size()) break;
      i = nl + 1;
    }
  }

  std::string_view text(const Line& l) const { return std::string_view(p_).substr(l.b, l.e - l.b); }

  // Words and hyphenated compounds written inside lines: the document's own
  // evidence for line-end hyphenation and drop caps.
  // Built on first use: most lines never ask.
  void collect_evidence() const {
    evidence_collected_ = true;
    for_each_token([&](std::string_view token, bool compound) {
      if (compound) compounds_.insert(token);
      else doc_words_.insert(token);
    });
  }

  // Calls f(token, compound) for the words and compounds written inside
  // lines: not at a line start, not before a line-end hyphen (fragments).
  template <typename F>
  void for_each_token(F f) const {
    for (const Line& l : lines_) {
      std::string_view s = text(l);
      size_t k = 0;
      while (true) {
        while (k < s.size() && !alpha_at(s, k)) ++k;  // to the start of a token
        if (k == s.size()) break;
        size_t w = k;
        bool compound = false;
        while (true) {  // letters, and hyphens between letters
          while (k < s.size() && alpha_at(s, k)) ++k;
          if (k + 1 >= s.size() || s[k] != '-' || !alpha_at(s, k + 1)) break;
          compound = true;
          k += 2;
        }
        bool line_end_hyphen = k < s.size() && s[k] == '-' && k + 1 == s.size();
        bool line_start = w == 0;
        if (line_end_hyphen || line_start) continue;  // may be a fragment
        f(s.substr(w, k - w), compound);
      }
    }
  }

  bool in_document(std::string_view w) const {
    return w.find('-') == std::string_view::npos && written(w, doc_words_);
  }
  bool compound_in_document(std::string_view w) const {
    return w.find('-') != std::string_view::npos && written(w, compounds_);
  }

  // Whether w is a token of the document (of `tokens` once all are collected).
  // The words the line-end hyphenations ask about are gathered first and only
  // they are looked for; another word makes all tokens collected.
  bool written(std::string_view w, const WordEvidence& tokens) const {
    if (!WordEvidence::insertable(w)) return false;  // no token is like it
    if (!evidence_collected_) {
      if (!questions_gathered_) gather_questions();
      if (questions_.contains(w)) {
        if (!questions_answered_) answer_questions();
        return answers_.contains(w);
      }
      collect_evidence();
    }
    return tokens.contains(w);
  }

  // The words and compounds hyphen_splits_word asks about for each text line
  // that ends with a hyphen.
  void gather_questions() const {
    questions_gathered_ = true;
    std::vector<std::pair<size_t, size_t>> spans;  // in question_text_
    auto ask = [&](std::string_view w) {
      if (!WordEvidence::insertable(w)) return;
      spans.push_back({question_text_.size(), w.size()});
      question_text_ += w;
      question_lengths_ |= uint64_t{1} << std::min<size_t>(w.size(), 63);
    };
    std::string first, second;
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].kind != LineKind::kText) continue;
      std::string_view sa = text(lines_[i]);
      if (sa.size() < 2 || sa.back() != '-') continue;
      size_t j = i + 1;
      while (j < lines_.size() && lines_[j].kind != LineKind::kText) ++j;
      if (j == lines_.size()) break;
      if (!hyphen_parts(sa, text(lines_[j]), &first, &second)) continue;
      ask(first);
      ask(second);
      ask(first + second);
      ask(first + "-" + second);
    }
    const char* limit = question_text_.data() + question_text_.size();
    questions_ = WordEvidence(limit);
    answers_ = WordEvidence(limit);
    for (auto [b, n] : spans) questions_.insert(std::string_view(question_text_).substr(b, n));
  }
  // Which of them are tokens of the document: one pass over the tokens, which
  // only looks them up in the small table of questions.
  void answer_questions() const {
    questions_answered_ = true;
    const char* text_limit = p_.data() + p_.size();
    for_each_token([&](std::string_view token, bool) {
      if (!(question_lengths_ >> std::min<size_t>(token.size(), 63) & 1)) return;
      std::string_view asked = questions_.find(token, text_limit);
      if (!asked.empty()) answers_.insert(asked);
    });
  }

  bool is_word(const std::string& w) const {
    if (t_.words.contains(w) || in_document(w)) return true;
    // Inflections the word list may lack.
    for (std::string_view suffix : {"s", "es", "ed", "d", "ing", "ly", "al", "ally"}) {
      if (w.size() > suffix.size() + 3 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          t_.words.contains(std::string_view(w).substr(0, w.size() - suffix.size())))
        return true;
    }
    return false;
  }

  size_t bullet_at(std::string_view s) const {
    if (!t_.bullet_first_byte[static_cast<unsigned char>(s[0])]) return 0;
    for (const std::string& b : t_.bullets) {
      if (s.compare(0, b.size(), b) == 0 && (s.size() == b.size() || s[b.size()] == ' ')) return b.size();
    }
    return 0;
  }

  // Running headers and footers are short lines with some letters.
  bool header_candidate(const Line& l) const {
    std::string_view s = text(l);
    return !l.bullet_len && s.size() <= 90 && has_letters(s, 4);
  }

  void classify_lines() {
    // Lines count as repeats when equal up to case and digits (page numbers).
    // Few lines repeat: a rough key (length, first and last bytes) finds the
    // ones that may, and only those are keyed on all their bytes.
    std::vector<uint64_t> keys(lines_.size());
    std::vector<bool> candidate(lines_.size());
    KeyCounter rough(lines_.size());
    for (size_t i = 0; i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (l.kind == LineKind::kBlank) continue;
      std::string_view s = text(l);
      l.bullet_len = bullet_at(s);
      if (l.bullet_len == s.size()) { l.kind = LineKind::kBulletOnly; continue; }
      // Cheap guards before the patterns: numbering starts with a digit, "(" or a
      // letter and ")"/"."; a markdown heading with "#".
      bool maybe_numbered = is_digit(s[0]) || s[0] == '(' || (s.size() > 1 && (s[1] == ')' || s[1] == '.'));
      l.numbered = maybe_numbered && RE2::PartialMatch(s, *t_.numbered_item);
      l.markdown_heading = s[0] == '#' && RE2::PartialMatch(s, *t_.markdown_heading);
      if (header_candidate(l)) {
        candidate[i] = true;
        keys[i] = rough_header_key(s);
        rough.add(keys[i]);
      }
    }
    KeyCounter repeats(lines_.size());
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!candidate[i]) continue;
      if (rough.count(keys[i]) < t_.running_header_min_repeats) {
        candidate[i] = false;  // its whole-line key would be rarer still
        continue;
      }
      keys[i] = header_key(text(lines_[i]));
      repeats.add(keys[i]);
    }
    for (size_t i = 0; i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (l.kind != LineKind::kText) continue;
      std::string_view s = text(l);
      if (candidate[i] && repeats.count(keys[i]) >= t_.running_header_min_repeats) {
        l.kind = LineKind::kRunningHeader;
        continue;
      }
      if (is_number_row(s)) {  // "0 10 20 30", "2019 2023": chart ticks or a table row
        l.kind = LineKind::kTableCell;
        continue;
      }
      if (is_bare_number(s)) {
        // Inside a sentence ("rose to\n12,518\nstudents") it is text.
        bool prev_adjacent = i > 0 && lines_[i - 1].kind == LineKind::kText;
        bool inside = (prev_adjacent && !ends_sentence(text(lines_[i - 1]))) || s.back() == '.';
        if (!inside) {
          bool page = s.size() <= 4 && std::all_of(s.begin(), s.end(), is_digit);
          l.kind = page ? LineKind::kPageNumber : LineKind::kTableCell;
        }
      }
    }
    for (const Line& l : lines_) {
      const char* kind = l.kind == LineKind::kPageNumber ? "page_number"
                         : l.kind == LineKind::kTableCell ? "table_cell"
                         : l.kind == LineKind::kRunningHeader ? "running_header" : nullptr;
      if (kind) add_furniture(l, kind);
    }
  }

  void add_furniture(const Line& l, const char* kind) {
    RawSpan r = chars_.to_raw(l.b, l.e);
    doc_.add_raw("furniture", r.begin, r.end, {{"kind", kind}});
  }

  // ---- headings ----
  // Asked several times of most lines: computed once (lines_ is fixed by then).
  bool heading_shaped(const Line& l) const {
    if (l.heading_shape < 0) l.heading_shape = compute_heading_shaped(l);
    return l.heading_shape;
  }
  bool compute_heading_shaped(const Line& l) const {
    if (l.kind != LineKind::kText || l.bullet_len || l.numbered) return false;
    std::string_view s = text(l);
    if (s.size() > t_.heading_max_chars) return false;
    char last = s.back();
    if (last == '.' || last == ',' || last == ';' || last == '-') return false;
    if (!starts_upper(s) && !is_digit(s[0])) return false;
    size_t words = 0, long_words = 0, capitalized = 0;
    for (size_t k = 0; k < s.size();) {
      while (k < s.size() && s[k] == ' ') ++k;
      size_t w = k;
      while (k < s.size() && s[k] != ' ') ++k;
      if (k == w) break;
      if (++words > t_.heading_max_words) return false;
      std::string_view word = s.substr(w, k - w);
      if (has_letters(word, 4)) {
        ++long_words;
        if (starts_upper(word)) ++capitalized;
      }
    }
    return long_words == 0 ? words <= 3 : capitalized * 10 >= long_words * 6;
  }

  // ---- blocks ----
  struct PendingBlock {
    std::vector<size_t> lines;
    BlockKind kind = BlockKind::kParagraph;
  };

  size_t prev_content(size_t i) const {
    while (i > 0) {
      --i;
      if (lines_[i].kind == LineKind::kText || lines_[i].kind == LineKind::kBulletOnly) return i;
    }
    return SIZE_MAX;
  }
  size_t next_content(size_t i) const {
    for (++i; i < lines_.size(); ++i)
      if (lines_[i].kind == LineKind::kText || lines_[i].kind == LineKind::kBulletOnly) return i;
    return SIZE_MAX;
  }
  bool blank_between(size_t a, size_t b) const {
    for (size_t k = a + 1; k < b; ++k)
      if (lines_[k].kind == LineKind::kBlank) return true;
    return false;
  }

  // A heading: heading-shaped, after a paragraph end, before a new start.
  bool is_heading(size_t i) const {
    const Line& l = lines_[i];
    if (l.markdown_heading) return true;
    if (!heading_shaped(l)) return false;
    size_t p = prev_content(i), n = next_content(i);
    bool after_end = p == SIZE_MAX || blank_between(p, i) || ends_sentence(text(lines_[p])) || is_heading_shaped_alone(p);
    if (!after_end) return false;
    if (n == SIZE_MAX) return true;
    const Line& nl = lines_[n];
    if (nl.kind == LineKind::kBulletOnly || nl.bullet_len || nl.numbered) return true;
    if (ends_sentence(text(l))) return false;
    // A heading broken over two lines: "Economic Cooperation and" / "Job Creation".
    if (t_.continuation_words.count(lower(last_token(text(l)))) && heading_shaped(nl)) return true;
    if (wraps_heading(i, n)) return true;
    return blank_between(i, n) ? !continues(i, n) : starts_upper(text(nl)) && text(nl).size() > text(l).size();
  }
  // A long heading-shaped line wrapped onto the next, adjacent one, after
  // which a paragraph starts: "The Advent of ... of North" / "American Competitiveness".
  bool wraps_heading(size_t i, size_t n) const {
    if (n == SIZE_MAX || blank_between(i, n) || !heading_shaped(lines_[n]) || text(lines_[i]).size() < 40) return false;
    size_t after = next_content(n);
    if (text(lines_[n]).size() >= text(lines_[i]).size()) return false;
    return after == SIZE_MAX || blank_between(n, after) || (starts_upper(text(lines_[after])) && !heading_shaped(lines_[after]));
  }
  bool is_heading_shaped_alone(size_t p) const { return heading_shaped(lines_[p]) && text(lines_[p]).size() < 40; }

  // Whether line b continues the sentence of line a across a blank line.
  bool continues(size_t a, size_t b) const {
    std::string_view sa = text(lines_[a]), sb = text(lines_[b]);
    if (ends_sentence(sa)) return false;
    if (lines_[b].bullet_len || lines_[b].numbered || lines_[b].markdown_heading) return false;
    if (starts_lower(sb)) return true;
    char last = sa.back();
    if (last == ',' || last == '-' || last == ';' || last == '/') return true;
    if (sa.size() >= 3 && (sa.substr(sa.size() - 3) == "\u2014" || sa.substr(sa.size() - 3) == "\u2013")) return true;
    return t_.continuation_words.count(lower(last_token(sa))) > 0;
  }

  void build_blocks() {
    PendingBlock cur;
    std::vector<size_t> deferred;  // running headers met inside a paragraph
    std::vector<size_t> detached_bullets;
    size_t prev = SIZE_MAX;
    auto flush = [&] {
      if (!cur.lines.empty()) emit_block(cur);
      cur = PendingBlock();
      for (size_t h : deferred) emit_block(PendingBlock{{h}, BlockKind::kParagraph}, true);
      deferred.clear();
    };
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kRunningHeader) {
        if (cur.lines.empty()) emit_block(PendingBlock{{i}, BlockKind::kParagraph}, true);
        else deferred.push_back(i);
        continue;
      }
      if (l.kind == LineKind::kBulletOnly) {
        flush();
        detached_bullets.push_back(i);
        prev = SIZE_MAX;
        continue;
      }
      if (l.kind != LineKind::kText) continue;
      bool heading = is_heading(i);
      bool start_new;
      if (prev == SIZE_MAX || l.bullet_len || l.numbered) {
        start_new = true;
      } else if (cur.kind == BlockKind::kHeading) {
        bool wrapped = cur.lines.size() == 1 && (t_.continuation_words.count(lower(last_token(text(lines_[prev])))) ||
                                                 wraps_heading(prev, i));
        start_new = !(heading_shaped(l) && wrapped);
      } else {
        start_new = heading;
      }
      if (!start_new && cur.kind != BlockKind::kHeading) {
        const Line& a = lines_[prev];
        if (blank_between(prev, i)) {
          start_new = !continues(prev, i);
        } else {
          // Adjacent lines: a short line that ends a sentence ends its paragraph.
          std::string_view sa = text(a);
          start_new = ends_sentence(sa) && sa.size() * 10 < typical_width() * 6 && starts_upper(text(l));
        }
      }
      if (start_new) {
        flush();
        cur.kind = heading ? BlockKind::kHeading : (l.bullet_len || l.numbered) ? BlockKind::kListItem : BlockKind::kParagraph;
        if (!detached_bullets.empty() && !heading) {
          // "•\n\n•\n\nWork together ...": an item whose bullet the PDF detached.
          // The bullet stays outside the block; extractors find it in the raw gap.
          cur.kind = BlockKind::kListItem;
          detached_bullets.erase(detached_bullets.begin());
        }
      }
      cur.lines.push_back(i);
      prev = i;
    }
    flush();
  }

  size_t typical_width() {
    if (typical_width_) return typical_width_;
    std::vector<size_t> widths;
    for (const Line& l : lines_)
      if (l.kind == LineKind::kText) widths.push_back(l.e - l.b);
    if (widths.empty()) return typical_width_ = 60;
    auto nth = widths.begin() + widths.size() * 8 / 10;  // the 80th percentile
    std::nth_element(widths.begin(), nth, widths.end());
    typical_width_ = std::max<size_t>(20, *nth);
    return typical_width_;
  }

  // ---- emission ----
  // Appends pass-1 bytes [b, e) / a replacement of them to the output.
  void put_copy(uint32_t b, uint32_t e) { out_.copy(std::string_view(p_).substr(b, e - b), b); }
  void put_replace(std::string_view s, uint32_t b, uint32_t e) { out_.replace(s, b, e); }

  void emit_block(const PendingBlock& block, bool furniture = false) {
    if (!out_.empty()) {
      uint32_t at = lines_[block.lines.front()].b;
      put_replace("\n\n", at, at);
    }
    Block result;
    result.kind = furniture ? BlockKind::kFurniture : block.kind;
    result.begin = static_cast<uint32_t>(out_.size());
    const Line& first = lines_[block.lines.front()];
    uint32_t start = first.b;
    if (first.bullet_len && !furniture) {
      result.bullet = std::string(text(first).substr(0, first.bullet_len));
      put_copy(first.b, first.b + static_cast<uint32_t>(first.bullet_len));
      start = first.b + static_cast<uint32_t>(first.bullet_len);
      while (start < first.e && p_[start] == ' ') ++start;
      put_replace(" ", first.b + static_cast<uint32_t>(first.bullet_len), start);
    } else if (first.markdown_heading) {
      while (start < first.e && (p_[start] == '#' || p_[start] == ' ')) ++start;
    }
    result.content_begin = static_cast<uint32_t>(out_.size());
    for (size_t k = 0; k < block.lines.size(); ++k) {
      const Line& l = lines_[block.lines[k]];
      uint32_t b = k == 0 ? start : l.b;
      if (k > 0) join(lines_[block.lines[k - 1]], l, &b);
      emit_line(b, l.e, k == 0);
    }
    result.end = static_cast<uint32_t>(out_.size());
    if (result.end > result.begin) doc_.blocks.push_back(std::move(result));
  }

  // Between two lines of a block: a space, or nothing after a line-end hyphen
  // (which is dropped when the hyphen only split a word).
  void join(const Line& a, const Line& b, uint32_t* b_start) {
    std::string_view sa = text(a), sb = text(b);
    if (!out_.empty() && out_.back() == '-' && sa.size() >= 2 && sa[sa.size() - 2] != ' ') {
      // "impor-\ntant" -> "important"; "U.S.-\nMexico", "business-to-\nbusiness" keep it.
      if (is_ascii_alpha(sa[sa.size() - 2]) && hyphen_splits_word(sa, sb)) out_.pop_back(1);
      return;
    }
    if (!out_.empty() && (out_.back() == '/' || out_.text().ends_with("\u2014"))) return;
    put_replace(" ", a.newline, a.newline + 1);
  }

  // The two parts of a word hyphenated at the end of line sa ("impor-" and
  // "tant" -> "impor", "tant"), lower case; false if the hyphen cannot split one.
  bool hyphen_parts(std::string_view sa, std::string_view sb, std::string* first, std::string* second) const {
    std::string_view before = last_token(sa);
    before.remove_suffix(1);  // the hyphen
    // business-to-, U.S.-, public/-: a compound already.
    if (before.find_first_of("-./") != std::string_view::npos) return false;
    if (!starts_lower(sb)) return false;
    size_t k = 0;
    while (k < sb.size() && is_ascii_alpha(sb[k])) ++k;
    if (k == 0) return false;
    size_t w = before.size();
    while (w > 0 && is_ascii_alpha(before[w - 1])) --w;
    *first = lower(before.substr(w));
    *second = lower(sb.substr(0, k));
    return true;
  }

  bool hyphen_splits_word(std::string_view sa, std::string_view sb) const {
    std::string first, second;
    if (!hyphen_parts(sa, sb, &first, &second)) return false;
    std::string joined = first + second;
    if (compound_in_document(first + "-" + second)) return false;
    if (in_document(joined)) return true;
    if (t_.keep_hyphen_prefixes.count(first)) return false;
    if (is_word(joined)) return true;
    if (is_word(first) && is_word(second) && first.size() > 2) return false;
    return true;
  }

  // Copies [b, e) of the pass-1 text, repairing inside the line: runs of
  // spaces, drop caps, missing spaces after sentence ends, glued footnotes.
  // Bytes that need no repair are copied in one run, [run_b, k), cut only
  // where a repair happens (one copy per word would cost more than the copy).
  void emit_line(uint32_t b, uint32_t e, bool block_start) {
    std::string_view s = p_;
    uint32_t run_b = b;
    auto flush = [&](uint32_t upto) {
      if (upto > run_b) put_copy(run_b, upto);
    };
    uint32_t k = b;
    if (drop_cap(k, e, block_start)) {
      flush(k + 1);  // the letter; the space after it is dropped
      k = run_b = k + 2;
    }
    while (k < e) {
      char c = s[k];
      if (c == ' ' && plain_space(k, e)) {
        ++k;
        continue;
      }
      if (c == ' ') {
        uint32_t r = k;
        while (r < e && s[r] == ' ') ++r;
        if (r - k > 1) {
          flush(k);
          put_replace(" ", k, r);
          run_b = r;
        }
        k = r;
        if (k < e && may_be_drop_cap(k, e) && drop_cap(k, e, false)) {
          flush(k + 1);
          k = run_b = k + 2;
        }
        continue;
      }
      if (is_digit(c)) {
        uint32_t r = k;
        while (r < e && is_digit(s[r])) ++r;
        if (uint32_t keep = footnote_digits(k, r, e); keep < r - k) {
          uint32_t fb = k + keep;
          flush(fb);
          RawSpan raw = chars_.to_raw(fb, r);
          Annotation& a = doc_.add_raw("footnote_ref", raw.begin, raw.end, {{"number", std::stoi(std::string(s.substr(fb, r - fb)))}});
          a.clean_start = a.clean_end = static_cast<uint32_t>(out_.size());
          put_replace("", fb, r);
          run_b = r;
        }
        k = r;
        continue;
      }
      // A run of characters that need no repair: up to a space that may
      // need one or a digit, or just after punctuation that may end a token.
      uint32_t r = k + 1;
      if (!ends_token_punct(c)) {
        r = run_end(r, e);
        if (r < e && ends_token_punct(s[r])) ++r;
      }
      while (r < e && (static_cast<unsigned char>(s[r]) & 0xC0) == 0x80) ++r;  // whole characters
      k = r;
      if (k < e && ends_token_punct(s[k - 1]) && missing_space(k)) {
        flush(k);
        put_replace(" ", k, k);
        run_b = k;
      }
    }
    flush(e);
  }

  // The first position from r where a run of emit_line stops: a digit,
  // token-ending punctuation, or a space that is not plain. Computed without
  // a branch per byte: spaces come every few bytes, at places hard to predict.
  uint32_t run_end(uint32_t r, uint32_t e) const {
    const auto* s = reinterpret_cast<const unsigned char*>(p_.data());
#if defined(__SSE2__)
    // Sixteen bytes at a time (reading two more for the spaces after them).
    for (; r + 18 <= e; r += 16) {
      if (uint32_t stops = run_stops16(s + r)) return r + static_cast<uint32_t>(std::countr_zero(stops));
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
      // Eight bytes at a time (reading two more for the spaces after them).
      for (; r + 10 <= e; r += 8) {
        if (uint64_t stops = run_stops(s + r)) return r + static_cast<uint32_t>(std::countr_zero(stops) / 8);
      }
    }
    for (; r + 2 < e; ++r) {
      bool space = s[r] == ' ';
      bool stop = kStopsRun[s[r]] | (space & ((s[r + 1] == ' ') | (s[r + 2] == ' ')));
      if (stop) return r;
    }
    while (r < e && (!kEndsRun[s[r]] || (s[r] == ' ' && plain_space(r, e)))) ++r;
    return r;
  }

  // A single space that no drop cap follows ("W e"): nothing to repair.
  bool plain_space(uint32_t k, uint32_t e) const {
    return (k + 1 >= e || p_[k + 1] != ' ') && (k + 2 >= e || p_[k + 2] != ' ');
  }

  // The cheap first test of drop_cap: a letter, a space, a lower-case letter.
  bool may_be_drop_cap(uint32_t k, uint32_t e) const {
    return k + 2 < e && p_[k + 1] == ' ' && is_ascii_alpha(p_[k]) && is_ascii_lower(p_[k + 2]);
  }

  // "collaboration.There", "Mexico.And", "agenda,but": a space is missing.
  bool missing_space(uint32_t k) const {
    std::string_view s = p_;
    char c = s[k - 1];
    if (c == '.' || c == '!' || c == '?') {
      if (k + 1 >= s.size() || !is_ascii_upper(s[k]) || !is_ascii_lower(s[k + 1])) return false;
      // At least two lower-case letters before: not "U.S.Mexico" or "e.g.The".
      return k >= 3 && is_ascii_lower(s[k - 2]) && is_ascii_lower(s[k - 3]) && !has_inner_period(k - 1);
    }
    if (c == ',' || c == ';') {
      return k >= 2 && k + 1 < s.size() && is_ascii_lower(s[k - 2]) && is_ascii_lower(s[k]) && is_ascii_lower(s[k + 1]);
    }
    return false;
  }
  // Whether the token ending at the period at `dot` has another period (a domain, "e.g").
  bool has_inner_period(uint32_t dot) const {
    for (uint32_t j = dot; j > 0;) {
      char c = p_[--j];
      if (c == ' ' || c == '\n') return false;
      if (c == '.' || c == '@' || c == '/') return true;
    }
    return false;
  }

  // "W e propose", "T he", "c ompanies": a letter split from its word. Called
  // at token starts; true when the letter at k joins the word after the space.
  bool drop_cap(uint32_t k, uint32_t e, bool block_start) const {
    std::string_view s = p_;
    if (k + 2 >= e || !is_ascii_alpha(s[k]) || s[k + 1] != ' ' || !is_ascii_lower(s[k + 2])) return false;
    bool capital = is_ascii_upper(s[k]);
    char letter = static_cast<char>(capital ? s[k] + 32 : s[k]);
    bool article = letter == 'a' || letter == 'i';
    // Decided without the word list: "a new", "I think" stay; "T he", "W e"
    // at a paragraph start merge (no one-letter capital word starts one).
    if (article && !(block_start && capital)) return false;
    if (!article && block_start && capital) return true;
    uint32_t r = k + 2;
    while (r < e && is_ascii_alpha(s[r])) ++r;
    std::string fragment = lower(s.substr(k + 2, r - k - 2));
    // The fragment is judged by the word list only: the document holds the fragments themselves.
    if (t_.words.contains(fragment)) return false;
    return is_word(letter + fragment);  // "A n", "I n", "c ompanies", "S ecurity"
  }

  // How many of the digits [k, r) belong to the text; the rest (a suffix) is
  // a footnote marker glued to a word, punctuation or a year.
  uint32_t footnote_digits(uint32_t k, uint32_t r, uint32_t e) const {
    std::string_view s = p_;
    uint32_t n = r - k;
    bool token_end = r == e || s[r] == ' ' || s[r] == ')' || s[r] == ',' || s[r] == ';' || s[r] == ':' ||
                     (s[r] == '.' && (r + 1 == e || s[r + 1] == ' '));
    if (!token_end) return n;
    if (k == 0) return n;
    char before = s[k - 1];
    // "descent8": a lower-case word of three letters or more.
    if (is_ascii_lower(before) && n <= 3) {
      uint32_t w = k;
      while (w > 0 && is_ascii_lower(s[w - 1])) --w;
      bool word = k - w >= 3 && (w == 0 || s[w - 1] == ' ' || s[w - 1] == '\n' || s[w - 1] == '(' || s[w - 1] == '-');
      return word ? 0 : n;
    }
    // "relations.1", "NAFTA.3", "states,2", "(NAFTA)12", "growth”4".
    if ((before == '.' || before == ',' || before == ';' || before == ':' || before == ')' || before == '"' ||
         static_cast<unsigned char>(before) >= 0x80) && n <= 3 && k >= 2) {
      uint32_t q = k - 1;
      if (static_cast<unsigned char>(before) >= 0x80) {
        int len;
        char32_t cp = utf8::decode_before(s, k, &len);
        if (cp != 0x201D && cp != 0x2019) return n;
        q = k - len;
      }
      if (q == 0) return n;
      char c2 = s[q - 1];
      if (is_ascii_alpha(c2) || c2 == ')' || c2 == '%' || static_cast<unsigned char>(c2) >= 0x80) {
        if (c2 == ')' && before == ')') return n;
        return 0;
      }
      // "by 2015.1": a year, a period, a short number, then a new sentence.
      if (before == '.' && is_digit(c2) && n <= 2) {
        uint32_t y = q;
        while (y > 0 && is_digit(s[y - 1])) --y;
        bool alone = y == 0 || (!is_digit(s[y - 1]) && s[y - 1] != '.' && s[y - 1] != ',');
        bool year = alone && q - y == 4 && (s.substr(y, 2) == "19" || s.substr(y, 2) == "20");
        bool sentence_end = r == e || (r + 1 < s.size() && s[r] == ' ' && is_ascii_upper(s[r + 1]));
        return year && sentence_end ? 0 : n;
      }
      return n;
    }
    // "in 200616": a year with its footnote number glued on.
    if (before == ' ' && (n == 5 || n == 6) && (s.substr(k, 2) == "19" || s.substr(k, 2) == "20")) {
      uint32_t w = k - 1;
      while (w > 0 && is_ascii_alpha(s[w - 1])) --w;
      if (t_.year_prepositions.count(lower(s.substr(w, k - 1 - w)))) return 4;
    }
    return n;
  }

  const Normalizer::Tables& t_;
  const std::string& p_;
  const PiecewiseText& chars_;
  Document& doc_;
  PiecewiseText& out_;
  std::vector<Line> lines_;
  // Words and compounds written inside lines (collect_evidence).
  mutable WordEvidence doc_words_{p_.data() + p_.size()}, compounds_{p_.data() + p_.size()};
  mutable bool evidence_collected_ = false;
  // The words asked about by line-end hyphenations, and those of them written (gather_questions).
  mutable std::string question_text_;
  mutable uint64_t question_lengths_ = 0;  // bit n: a word of n bytes (63: longer) is asked about
  mutable WordEvidence questions_{nullptr}, answers_{nullptr};
  mutable bool questions_gathered_ = false, questions_answered_ = false;
  size_t typical_width_ = 0;
};

}  // namespace

void repair_layout(const Normalizer::Tables& tables, const PiecewiseText& chars, Document& doc, PiecewiseText& out) {
  LayoutPass(tables, chars, doc, out).run();
}

}  // namespace polex
