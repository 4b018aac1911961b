#include "extract/actor_lexicon.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
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

std::string fold_token_key(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(text);
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

namespace {

uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint32_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// A fast hash of a short key with fixed-size loads (the last ones overlap).
uint32_t hash_key(std::string_view key) {
  const char* p = key.data();
  const size_t n = key.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ load64(p + i)) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 29;
    }
    h = (h ^ load64(p + n - 8)) * 0xFF51AFD7ED558CCDull;
  } else if (n >= 4) {
    h = (h ^ ((static_cast<uint64_t>(load32(p)) << 32) | load32(p + n - 4))) * 0xFF51AFD7ED558CCDull;
  } else if (n > 0) {
    uint64_t v = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
                 (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) | static_cast<unsigned char>(p[n - 1]);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
  }
  h ^= h >> 32;
  h *= 0xC4CEB9FE1A85EC53ull;
  return static_cast<uint32_t>(h >> 32);
}

// a == b for two keys of n bytes, with the loads of hash_key() (no call to memcmp).
bool same_bytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (load64(a + i) != load64(b + i)) return false;
    }
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

size_t ActorVocabulary::KeyHash::operator()(std::string_view s) const { return hash_key(s); }

ActorVocabulary::ActorVocabulary() {
  key_begin_.reserve(4097);
  slots_.resize(16384);
}

size_t ActorVocabulary::slot_of(std::string_view key, uint32_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return i;
    if (slot.hash == hash) {
      const uint32_t b = key_begin_[slot.id - 1];
      if (key_begin_[slot.id] - b == key.size() && same_bytes(pool_.data() + b, key.data(), key.size())) return i;
    }
  }
}

void ActorVocabulary::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

uint32_t ActorVocabulary::intern(const std::string& key) {
  const uint32_t hash = hash_key(key);
  size_t i = slot_of(key, hash);
  if (slots_[i].id != 0) return slots_[i].id;
  pool_ += key;
  key_begin_.push_back(static_cast<uint32_t>(pool_.size()));
  slots_[i] = Slot{hash, size()};
  if (key.size() == 1) byte_ids_[static_cast<unsigned char>(key[0])] = size();
  if (size() * 4 > slots_.size()) grow();
  return size();
}

uint32_t ActorVocabulary::find(std::string_view key) const {
  // Punctuation, one letter: a table read.
  if (key.size() == 1) return byte_ids_[static_cast<unsigned char>(key[0])];
  return slots_[slot_of(key, hash_key(key))].id;
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
  bool line_break = false;
  bool block_break = false;
  // A whitespace byte of the gap before a token: "\n" is a paragraph break;
  // another shows a line break when its raw bytes hold one (once is enough).
  auto gap_byte = [&](size_t i) {
    if (s[i] == '\n') {
      block_break = true;
      line_break = true;
      return;
    }
    if (line_break || !raw_map) return;
    for (uint32_t r = raw_begin[i], re = raw_end[i]; r < re && r < in.raw.size(); ++r) {
      if (in.raw[r] == '\n') {
        line_break = true;
        return;
      }
    }
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
    const bool first_token = tokens.empty();
    ActorToken& t = tokens.emplace_back();
    t.begin = static_cast<uint32_t>(i);
    t.line_break_before = line_break || first_token;
    t.block_break_before = block_break || first_token;
    line_break = block_break = false;
    bool high = first >= 0x80;  // the token holds a non-ASCII byte: its key needs folding
    if ((first_class & kLetterClass) || (high && is_letter(c))) {
      // A run of single letters each followed by a period is one dotted token ("U.S.").
      size_t j = i;
      size_t dotted_end = 0;
      while (j < n) {
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
        bool high_upper = true;   // no lower-case non-ASCII letter
        int high_letters = 0;
        while (k < n) {
          // ASCII letters and digits by table (most of any text).
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
        t.capitalized = is_upper(c);
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
    std::string_view surface = s.substr(t.begin, t.end - t.begin);
    if (high) {
      key = fold_token_key(surface);
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

PhraseTrie::Match PhraseTrie::longest(const std::vector<ActorToken>& tokens, size_t i, size_t limit,
                                      bool cross_blocks) const {
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
