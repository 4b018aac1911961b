#include "extract/actor_lexicon.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "extract/utf8.h"

namespace polex {

namespace {

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c));
}
bool is_apostrophe(char32_t c) { return c == '\'' || c == U'\u2019' || c == U'\u2018'; }

char32_t at(std::string_view s, size_t i, int* len) {
  if (i >= s.size()) {
    *len = 0;
    return 0;
  }
  return utf8::decode(s, i, len);
}

}  // namespace

namespace {

// fold_token_key() through ICU: NFD, marks dropped, ’ and ‘ -> '.
std::string fold_with_icu(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_SUCCESS(status)) {
    decomposed = nfd->normalize(source, status);
  }
  if (U_FAILURE(status)) decomposed = source;
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x2019 || c == 0x2018) c = '\'';
    utf8::append(out, static_cast<char32_t>(c));
  }
  return out;
}

// The fold of each code point of Latin, Greek, Cyrillic, general punctuation
// and currency (U+0080..U+04FF, U+1E00..U+1EFF, U+2000..U+20CF), computed once with ICU. A text of such code
// points folds one code point at a time: NFD decomposes each on its own, and
// the canonical reordering it then does only moves combining marks, which the
// fold drops. Code points whose decomposition holds a combining character
// that is no mark are left to ICU.
class FoldTable {
 public:
  static constexpr char32_t kEnd = 0x20D0;
  FoldTable() : begin_(kEnd + 1, 0) {
    for (char32_t c = 0x80; c < kEnd; ++c) {
      begin_[c] = static_cast<uint32_t>(pool_.size());
      const bool listed = c < 0x500 || (c >= 0x1E00 && c < 0x1F00) || c >= 0x2000;
      if (!listed || !per_code_point(c)) {
        pool_ += kSlow;
        continue;
      }
      pool_ += fold_with_icu(utf8::encode(c));
    }
    begin_[kEnd] = static_cast<uint32_t>(pool_.size());
  }
  // The fold of c (in range), or kSlow.
  std::string_view fold(char32_t c) const { return std::string_view(pool_).substr(begin_[c], begin_[c + 1] - begin_[c]); }
  static constexpr std::string_view kSlow = std::string_view("\0", 1);

 private:
  static bool per_code_point(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return false;
    icu::UnicodeString d = nfd->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    if (U_FAILURE(status)) return false;
    for (int32_t i = 0; i < d.length();) {
      UChar32 x = d.char32At(i);
      i += U16_LENGTH(x);
      if (u_getCombiningClass(x) != 0 && u_charType(x) != U_NON_SPACING_MARK) return false;
    }
    return true;
  }
  std::string pool_;
  std::vector<uint32_t> begin_;
};

const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

}  // namespace

std::string fold_token_key(std::string_view text) {
  std::string out;
  fold_token_key(text, out);
  return out;
}

void fold_token_key(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  out.assign(text.substr(0, i));
  if (i == text.size()) return;
  const FoldTable& table = fold_table();
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    // Well-formed two- and three-byte sequences only; anything else goes to ICU.
    char32_t c = 0;
    int len = 0;
    auto continuation = [&](size_t k) { return k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80; };
    if (b >= 0xC2 && b <= 0xDF && continuation(i + 1)) {
      c = ((b & 0x1F) << 6) | (text[i + 1] & 0x3F);
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF && continuation(i + 1) && continuation(i + 2)) {
      c = ((b & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
      len = 3;
      if (c < 0x800) {
        out = fold_with_icu(text);
        return;
      }
    } else {
      out = fold_with_icu(text);
      return;
    }
    std::string_view folded = c < FoldTable::kEnd ? table.fold(c) : FoldTable::kSlow;
    if (folded == FoldTable::kSlow) {
      out = fold_with_icu(text);
      return;
    }
    out += folded;
    i += len;
  }
}

size_t ActorVocabulary::KeyHash::operator()(std::string_view s) const {
  const uint64_t h = key_hash(s.data(), s.size(), key_bits(s.data(), s.size()));
  return static_cast<size_t>(h ^ (h >> 32));
}

ActorVocabulary::ActorVocabulary() {
  key_begin_.reserve(4097);
  slots_.resize(16384);
  tags_.resize(slots_.size());
  mask_ = slots_.size() - 1;
  shift_ = 64 - 14;
}

void ActorVocabulary::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  tags_.assign(slots_.size(), 0);
  mask_ = slots_.size() - 1;
  --shift_;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    const std::string_view key = std::string_view(pool_).substr(key_begin_[slot.id - 1], slot.size);
    const uint64_t h = key_hash(key.data(), key.size(), slot.bits);
    size_t i = h >> shift_;
    while (slots_[i].id != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
    tags_[i] = tag_of(h);
  }
}

uint32_t ActorVocabulary::intern(const std::string& key) {
  const size_t i = slot_of(key);
  if (slots_[i].id != 0) return slots_[i].id;
  pool_ += key;
  key_begin_.push_back(static_cast<uint32_t>(pool_.size()));
  slots_[i] = Slot{key_bits(key.data(), key.size()), size(), static_cast<uint32_t>(key.size())};
  tags_[i] = tag_of(key_hash(key.data(), key.size(), slots_[i].bits));
  if (key.size() == 1) byte_ids_[static_cast<unsigned char>(key[0])] = size();
  if (size() * 4 > slots_.size()) grow();
  return size();
}

bool ActorVocabulary::is_dotted_word(std::string_view w) const {
  return !dotted_words_.empty() && w.size() <= 8 && dotted_words_.find(w) != dotted_words_.end();
}

std::vector<uint32_t> ActorVocabulary::intern_phrase(std::string_view phrase) {
  std::vector<uint32_t> ids;
  TokenizeInput in;
  in.clean = phrase;
  // Tokenize against this vocabulary, then intern each token's key.
  std::vector<ActorToken> tokens = tokenize_for_actors(in, *this);
  for (const ActorToken& t : tokens) {
    ids.push_back(intern(fold_token_key(phrase.substr(t.begin, t.end - t.begin))));
  }
  return ids;
}

namespace {

// ASCII byte classes for the tokenizer's hot loops; bytes >= 0x80 take the slow path.
enum ByteClass : uint8_t { kLower = 1, kUpper = 2, kDigit = 4, kSpace = 8 };
constexpr uint8_t kLetterClass = kLower | kUpper;
constexpr uint8_t kAlnumClass = kLower | kUpper | kDigit;

constexpr std::array<uint8_t, 256> make_byte_classes() {
  std::array<uint8_t, 256> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kUpper;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  for (char c : {' ', '\n', '\t', '\r'}) classes[static_cast<unsigned char>(c)] = kSpace;
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClasses = make_byte_classes();

uint8_t byte_class(std::string_view s, size_t i) { return kByteClasses[static_cast<unsigned char>(s[i])]; }

// The number of ASCII lower-case letters from s[k] on, eight bytes at a time
// (most of a word's letters); adds kLower to `seen` if there are any. It may
// stop early (fewer than eight bytes left): the caller goes on byte by byte.
size_t lower_case_run(std::string_view s, size_t k, uint8_t& seen) {
  if constexpr (std::endian::native != std::endian::little) return 0;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t run = 0;
  while (k + run + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + k + run, 8);
    // Per byte below 0x80: high bit of x + 0x1F set iff x >= 'a', of x + 0x05
    // iff x > 'z'. (A byte >= 0x80 may carry into the bytes after it, which
    // do not count: the run ends at it.)
    const uint64_t lower = (w + 0x1F1F1F1F1F1F1F1Full) & ~(w + 0x0505050505050505ull) & ~w & kHigh;
    if (lower == kHigh) {
      run += 8;
      continue;
    }
    run += static_cast<size_t>(std::countr_zero(~lower & kHigh)) / 8;
    break;
  }
  if (run > 0) seen |= kLower;
  return run;
}

// Lower-cases the ASCII letters of `key` from byte `from` on, in place.
void lower_ascii_from(std::string& key, size_t from) {
  for (size_t i = from; i < key.size(); ++i) {
    if (key[i] >= 'A' && key[i] <= 'Z') key[i] = static_cast<char>(key[i] - 'A' + 'a');
  }
}

}  // namespace

std::vector<ActorToken> tokenize_for_actors(const TokenizeInput& in, const ActorVocabulary& vocab) {
  std::vector<ActorToken> tokens;
  tokenize_for_actors(in, vocab, tokens);
  return tokens;
}

void tokenize_for_actors(const TokenizeInput& in, const ActorVocabulary& vocab, std::vector<ActorToken>& tokens) {
  const std::string_view s = in.clean;
  const size_t n = s.size();
  tokens.clear();
  tokens.reserve(n / 5 + 8);
  const bool raw_map = !in.raw.empty() && in.raw_begin != nullptr;
  const uint32_t* raw_begin = raw_map ? in.raw_begin->data() : nullptr;
  const uint32_t* raw_end = raw_map ? in.raw_end->data() : nullptr;
  const char* const raw = in.raw.data();
  const size_t raw_size = in.raw.size();
  // The first token opens a line and a block.
  bool line_break = true;
  bool block_break = true;
  // newline_at: the first raw '\n' at or after raw byte newline_from (raw_size if none).
  size_t newline_from = SIZE_MAX;
  size_t newline_at = 0;
  // A whitespace byte of the gap before a token: "\n" is a paragraph break;
  // another shows a line break when its raw bytes hold one (once is enough).
  auto gap_byte = [&](size_t i) {
    if (s[i] == '\n') {
      block_break = true;
      line_break = true;
      return;
    }
    if (line_break || !raw_map) return;
    const size_t begin = raw_begin[i];
    const size_t end = std::min<size_t>(raw_end[i], raw_size);
    if (begin >= end) return;
    // The first raw newline at or after `begin`: found by memchr once per
    // newline passed, not by a scan of every gap's raw bytes.
    if (begin < newline_from || newline_at < begin) {
      newline_from = begin;
      const void* hit = std::memchr(raw + begin, '\n', raw_size - begin);
      newline_at = hit ? static_cast<size_t>(static_cast<const char*>(hit) - raw) : raw_size;
    }
    if (newline_at < end) line_break = true;
  };
  std::string key;      // the folded key of a token with non-ASCII bytes
  std::string variant;  // title- and lower-case forms of an all-caps key
  size_t i = 0;
  while (i < n) {
    const unsigned char first = static_cast<unsigned char>(s[i]);
    const uint8_t first_class = kByteClasses[first];
    if (first_class & kSpace) {
      gap_byte(i++);
      continue;
    }
    int len = 1;
    char32_t c = first;
    if (first >= 0x80) {
      c = utf8::decode(s, i, &len);
      if (c == 0xA0) {
        for (int k = 0; k < len; ++k) gap_byte(i + k);
        i += len;
        continue;
      }
    }
    // Built in a local (its bit fields stay in registers), appended at the end.
    ActorToken t;
    t.begin = static_cast<uint32_t>(i);
    t.line_break_before = line_break;
    t.block_break_before = block_break;
    line_break = block_break = false;
    bool high = first >= 0x80;  // the token holds a non-ASCII byte: its key needs folding
    if ((first_class & kLetterClass) || (high && is_letter(c))) {
      // A run of single letters each followed by a period is one dotted token ("U.S.").
      size_t j = i;
      size_t dotted_end = 0;
      // (An ASCII letter not followed by a period starts none: skip the loop.)
      const bool maybe_dotted = high || (i + 1 < n && s[i + 1] == '.');
      while (maybe_dotted && j < n) {
        const unsigned char a = static_cast<unsigned char>(s[j]);
        int l1 = 1;
        char32_t letter = a;
        if (a >= 0x80) letter = utf8::decode(s, j, &l1);
        if (!is_letter(letter) || j + l1 >= n || s[j + l1] != '.') break;
        high = high || a >= 0x80;
        dotted_end = j + l1 + 1;
        j = dotted_end;
      }
      if (dotted_end > 0) {
        // Only a run of single letters: "U.S." but not "Mr." (handled below).
        t.kind = TokenKind::kAbbrev;
        t.end = static_cast<uint32_t>(dotted_end);
        t.capitalized = is_upper(c);
      } else {
        size_t k = i;
        uint8_t seen = 0;         // the classes of the ASCII bytes read
        if (!high) {
          // An ASCII first letter is read already: the eight-byte run starts
          // after it, so a capitalized word's lower-case rest is one run.
          seen = first_class;
          k = i + 1;
        }
        bool high_upper = true;   // no lower-case non-ASCII letter
        int high_letters = 0;
        while (k < n) {
          // ASCII letters and digits by table (most of any text).
          k += lower_case_run(s, k, seen);
          uint8_t cls;
          while (k < n && ((cls = byte_class(s, k)) & kAlnumClass)) {
            seen |= cls;
            ++k;
          }
          if (k == n) break;
          const unsigned char b = static_cast<unsigned char>(s[k]);
          if (b < 0x80 && b != '\'') break;
          int l = 0;
          char32_t d = at(s, k, &l);
          if (is_letter(d)) {
            ++high_letters;
            if (!is_upper(d)) high_upper = false;
            high = true;
            k += l;
            continue;
          }
          // Inner apostrophe: "O’Neil" stays one word; "Mexico’s" splits off "’s".
          if (is_apostrophe(d)) {
            int l2 = 0;
            char32_t e = at(s, k + l, &l2);
            if (l2 > 0 && is_letter(e)) {
              int l3 = 0;
              char32_t f = at(s, k + l + l2, &l3);
              bool possessive = (e == 's' || e == 'S') && (l3 == 0 || !is_letter(f));
              if (!possessive) {
                high = high || b >= 0x80;
                k += l;
                continue;
              }
            }
          }
          break;
        }
        t.kind = TokenKind::kWord;
        t.end = static_cast<uint32_t>(k);
        t.capitalized = high ? is_upper(c) : (first_class & kUpper) != 0;
        // All caps: two or more letters, none lower case (so the first is upper case).
        if (t.capitalized && !(seen & kLower) && high_upper) {
          int letters = high_letters;
          for (size_t b = i; b < k && letters < 2; ++b) letters += (byte_class(s, b) & kLetterClass) != 0;
          t.all_caps = letters >= 2;
        }
        // "Mr." "Corp." "eds.": words whose period is part of them.
        if (k < n && s[k] == '.' && vocab.is_dotted_word(s.substr(i, k + 1 - i))) t.end = static_cast<uint32_t>(k + 1);
      }
    } else if (first_class & kDigit) {
      size_t k = i;
      while (k < n) {
        if (byte_class(s, k) & kAlnumClass) {
          ++k;
          continue;
        }
        if (static_cast<unsigned char>(s[k]) < 0x80) break;
        int l = 0;
        char32_t d = utf8::decode(s, k, &l);
        if (!is_letter(d)) break;
        high = true;
        k += l;
      }
      t.kind = TokenKind::kNumber;
      t.end = static_cast<uint32_t>(k);
    } else if (is_apostrophe(c)) {
      // Possessive "’s" as one token; a lone apostrophe otherwise.
      int l2 = 0, l3 = 0;
      char32_t e = at(s, i + len, &l2);
      char32_t f = at(s, i + len + l2, &l3);
      t.kind = TokenKind::kPunct;
      if ((e == 's' || e == 'S') && (l3 == 0 || !is_letter(f))) {
        t.end = static_cast<uint32_t>(i + len + l2);
      } else {
        t.end = static_cast<uint32_t>(i + len);
      }
    } else {
      t.kind = TokenKind::kPunct;
      t.end = static_cast<uint32_t>(i + len);
    }
    std::string_view surface(s.data() + t.begin, t.end - t.begin);
    if (high) {
      fold_token_key(surface, key);
      surface = key;
    }
    t.id = vocab.find(surface);
    if (t.all_caps) {
      variant.assign(surface);
      lower_ascii_from(variant, 1);
      t.alt_id = vocab.find(variant);
      lower_ascii_from(variant, 0);
      t.lower_id = vocab.find(variant);
    }
    i = t.end;
    tokens.push_back(t);
  }
}

namespace {

size_t edge_hash(uint64_t key) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32); }

}  // namespace

uint32_t PhraseTrie::inner_child(uint32_t node, uint32_t id) const {
  if (edges_.empty()) return 0;
  const uint64_t key = (static_cast<uint64_t>(node) << 32) | id;
  const size_t mask = edges_.size() - 1;
  for (size_t i = edge_hash(key) & mask;; i = (i + 1) & mask) {
    const Edge& e = edges_[i];
    if (e.next == 0) return 0;
    if (e.key == key) return e.next;
  }
}

void PhraseTrie::set_child(uint32_t node, uint32_t id, uint32_t next) {
  if (node == 0) {
    if (id >= root_.size()) root_.resize(id + 1, 0);
    root_[id] = next;
    return;
  }
  if ((edge_count_ + 1) * 2 > edges_.size()) {
    std::vector<Edge> old = std::move(edges_);
    edges_.assign(old.empty() ? 64 : old.size() * 2, Edge{});
    edge_count_ = 0;
    for (const Edge& e : old) {
      if (e.next != 0) set_child(static_cast<uint32_t>(e.key >> 32), static_cast<uint32_t>(e.key), e.next);
    }
  }
  const uint64_t key = (static_cast<uint64_t>(node) << 32) | id;
  const size_t mask = edges_.size() - 1;
  size_t i = edge_hash(key) & mask;
  while (edges_[i].next != 0) i = (i + 1) & mask;
  edges_[i] = Edge{key, next};
  ++edge_count_;
}

bool PhraseTrie::add(const std::vector<uint32_t>& ids, int payload) {
  if (ids.empty()) return false;
  uint32_t node = 0;
  for (uint32_t id : ids) {
    uint32_t next = child(node, id);
    if (next == 0) {
      nodes_.push_back(-1);
      next = static_cast<uint32_t>(nodes_.size() - 1);
      set_child(node, id, next);
    }
    node = next;
  }
  if (nodes_[node] >= 0) return false;
  nodes_[node] = payload;
  return true;
}

PhraseTrie::Match PhraseTrie::walk(const std::vector<ActorToken>& tokens, size_t i, size_t limit, bool cross_blocks) const {
  Match best;
  uint32_t node = 0;
  for (size_t k = i; k < limit; ++k) {
    const ActorToken& t = tokens[k];
    if (k > i && t.block_break_before && !cross_blocks) break;
    uint32_t next = child(node, t.id);
    if (next == 0 && t.alt_id != 0) next = child(node, t.alt_id);
    if (next == 0 && t.lower_id != 0) next = child(node, t.lower_id);
    if (next == 0) break;
    node = next;
    if (nodes_[node] >= 0) {
      best.length = static_cast<uint32_t>(k - i + 1);
      best.payload = nodes_[node];
    }
  }
  return best;
}

int PhraseTrie::find(const std::vector<uint32_t>& ids) const {
  uint32_t node = 0;
  for (uint32_t id : ids) {
    node = child(node, id);
    if (node == 0) return -1;
  }
  return nodes_[node];
}

}  // namespace polex
