// Word-level matching for the actors extractor: a tokenizer for clean text
// and a phrase trie over token ids, so that every gazetteer, title list and
// head-word list is one hash lookup per token on the hot path.
//
//   ActorVocabulary vocab;
//   PhraseTrie trie;
//   trie.add(vocab.intern_phrase("United States"), 7);
//   ...
//   std::vector<ActorToken> tokens = tokenize_for_actors(text, vocab);
//   PhraseTrie::Match m = trie.longest(tokens, i, tokens.size());
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace polex {

enum class TokenKind : uint8_t { kWord, kAbbrev, kNumber, kPunct };

// One token of clean text. Keys fold accents ("Calderón" -> "Calderon") and
// curly apostrophes, but keep case: names are recognized by their capitals.
// Packed into 24 bytes: a document has one per five bytes of text.
struct ActorToken {
  uint32_t begin = 0;  // clean bytes, half-open
  uint32_t end = 0;
  // Vocabulary ids (0 = unknown): the key as written, and for an all-caps word
  // the title-case and lower-case forms ("MEXICO" -> "Mexico", "OF" -> "of").
  uint32_t id = 0;
  uint32_t alt_id = 0;
  uint32_t lower_id = 0;
  TokenKind kind = TokenKind::kPunct;
  bool capitalized : 1 = false;         // first letter upper case
  bool all_caps : 1 = false;            // two or more letters, all upper case
  bool line_break_before : 1 = false;   // a raw line break in the gap before it
  bool block_break_before : 1 = false;  // a paragraph break ("\n\n") before it
};

// Folds a token's text into its lookup key: Latin accents removed, ’ and ‘ -> '.
std::string fold_token_key(std::string_view text);
// The same into `out` (replaced), reusing its capacity.
void fold_token_key(std::string_view text, std::string& out);

// Interns token keys. Built once from the rules; read-only afterwards.
class ActorVocabulary {
 public:
  ActorVocabulary();
  // Id of `key`, creating it if needed. Build time only.
  uint32_t intern(const std::string& key);
  // Id of `key`, or 0. Inline: the tokenizer asks once per token.
  uint32_t find(std::string_view key) const {
    const size_t n = key.size();
    if (n == 1) return byte_ids_[static_cast<unsigned char>(key[0])];
    if (n > 8 || n == 0) return slots_[slot_of(key)].id;
    // A short key: the small tag array first (a miss mostly ends there, in
    // cache), then one word compared per slot whose tag matches.
    const uint64_t bits = key_bits(key.data(), n);
    const uint64_t h = key_hash(key.data(), n, bits);
    const uint16_t tag = tag_of(h);
    for (size_t i = h >> shift_;; i = (i + 1) & mask_) {
      if (tags_[i] == tag) {
        const Slot& slot = slots_[i];
        if (slot.bits == bits && slot.size == n) return slot.id;
      } else if (tags_[i] == 0) {
        return 0;
      }
    }
  }
  // Number of ids handed out (ids run from 1 to size()).
  uint32_t size() const { return static_cast<uint32_t>(key_begin_.size() - 1); }
  // Token ids of a rule phrase ("U.S. Department of State"), interning them.
  std::vector<uint32_t> intern_phrase(std::string_view phrase);
  // Words written with a final period that belong to the word ("Mr.", "Corp.").
  void add_dotted_word(const std::string& word_with_period) { dotted_words_.insert(word_with_period); }
  bool is_dotted_word(std::string_view w) const;

 private:
  // Transparent hashing: lookups by string_view allocate nothing.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const;
  };
  // Open addressing, at most a quarter full, so that a miss (half the tokens
  // of a text) mostly ends at its first probe. A key of up to 8 bytes is
  // held in the slot itself: a hit compares one word, without the pool.
  struct Slot {
    uint64_t bits = 0;  // the key's bytes, little-endian (its first 8 if longer)
    uint32_t id = 0;    // 0 = empty
    uint32_t size = 0;  // the key's length
  };
  static uint64_t load64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t load32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  // Slot::bits of a key: its bytes read with loads that stay inside it.
  static uint64_t key_bits(const char* p, size_t n) {
    if (n >= 8) return load64(p);
    if (n >= 4) return load32(p) | (load32(p + n - 4) << ((n - 4) * 8));
    if (n == 0) return 0;
    const uint64_t a = static_cast<unsigned char>(p[0]);
    const uint64_t b = static_cast<unsigned char>(p[n / 2]);
    const uint64_t c = static_cast<unsigned char>(p[n - 1]);
    return a | (b << (n / 2 * 8)) | (c << ((n - 1) * 8));
  }
  // A key's hash; its top bits are its table position.
  static uint64_t key_hash(const char* p, size_t n, uint64_t bits) {
    uint64_t h = (bits ^ (static_cast<uint64_t>(n) << 56)) * 0x9E3779B97F4A7C15ull;
    for (size_t i = 8; i < n; i += 8) {
      h = (h ^ (h >> 29) ^ load64(p + (i + 8 <= n ? i : n - 8))) * 0xFF51AFD7ED558CCDull;
    }
    return h;
  }
  // A few hash bits other than the position's, never 0 (0 = empty slot).
  static uint16_t tag_of(uint64_t h) { return static_cast<uint16_t>(h | 1); }
  // The slot holding `key`, or the empty slot where it would go.
  size_t slot_of(std::string_view key) const {
    const char* p = key.data();
    const size_t n = key.size();
    const uint64_t bits = key_bits(p, n);
    for (size_t i = key_hash(p, n, bits) >> shift_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == 0) return i;
      if (slot.bits == bits && slot.size == n && (n <= 8 || same_tail(slot.id, p, n))) return i;
    }
  }
  // The bytes after the first 8 of key `id` equal p[8, n).
  bool same_tail(uint32_t id, const char* p, size_t n) const {
    return std::memcmp(pool_.data() + key_begin_[id - 1] + 8, p + 8, n - 8) == 0;
  }
  void grow();
  // The keys back to back (long keys compare their tails here).
  std::string pool_;
  std::vector<uint32_t> key_begin_{0};  // id - 1 -> offset in pool_; one past the last
  std::vector<Slot> slots_;
  std::vector<uint16_t> tags_;            // per slot: tag_of(its key's hash), 0 = empty
  size_t mask_ = 0;                       // slots_.size() - 1
  int shift_ = 64;                        // 64 - log2(slots_.size())
  std::array<uint32_t, 256> byte_ids_{};  // the ids of one-byte keys
  std::unordered_set<std::string, KeyHash, std::equal_to<>> dotted_words_;
};

// Splits clean text into tokens: words (with inner apostrophes, "O’Neil"),
// dotted abbreviations ("U.S.", "E."), numbers and single punctuation marks;
// a possessive ("’s") is its own token. `raw` and the map give line breaks.
struct TokenizeInput {
  std::string_view clean;
  std::string_view raw;                      // may be empty (no line-break info)
  const std::vector<uint32_t>* raw_begin = nullptr;  // clean byte -> raw byte
  const std::vector<uint32_t>* raw_end = nullptr;
};
std::vector<ActorToken> tokenize_for_actors(const TokenizeInput& in, const ActorVocabulary& vocab);
// The same into `tokens` (cleared first), so a caller can reuse its capacity.
void tokenize_for_actors(const TokenizeInput& in, const ActorVocabulary& vocab, std::vector<ActorToken>& tokens);

// A trie of token-id sequences with an int payload per phrase.
class PhraseTrie {
 public:
  struct Match {
    uint32_t length = 0;  // tokens; 0 = no match
    int payload = -1;
  };
  // Adds a phrase; returns false if it was already present (payload kept).
  bool add(const std::vector<uint32_t>& ids, int payload);
  // Longest phrase starting at tokens[i], not crossing `limit`, nor a paragraph
  // break unless `cross_blocks` (a long name split by a column or page break).
  Match longest(const std::vector<ActorToken>& tokens, size_t i, size_t limit, bool cross_blocks = false) const {
    // Most tokens start no phrase: answered inline, without the walk.
    if (i >= limit || !may_start(tokens[i])) return Match{};
    return walk(tokens, i, limit, cross_blocks);
  }
  // Payload of exactly this id sequence, or -1.
  int find(const std::vector<uint32_t>& ids) const;
  // Payload of the one-token phrase `id`, or -1.
  int find_one(uint32_t id) const {
    uint32_t node = child(0, id);
    return node == 0 ? -1 : nodes_[node];
  }
  // True iff some phrase starts with `id` (a cheap test before longest()).
  bool starts_with(uint32_t id) const { return child(0, id) != 0; }
  // True iff some phrase starts with one of the token's ids (as longest() reads them).
  bool may_start(const ActorToken& t) const {
    return starts_with(t.id) || (t.alt_id != 0 && starts_with(t.alt_id)) || (t.lower_id != 0 && starts_with(t.lower_id));
  }
  bool empty() const { return nodes_.size() <= 1; }

 private:
  uint32_t child(uint32_t node, uint32_t id) const {
    if (node == 0) return id < root_.size() ? root_[id] : 0;
    return id == 0 ? 0 : inner_child(node, id);
  }
  uint32_t inner_child(uint32_t node, uint32_t id) const;
  Match walk(const std::vector<ActorToken>& tokens, size_t i, size_t limit, bool cross_blocks) const;
  void set_child(uint32_t node, uint32_t id, uint32_t next);
  std::vector<int> nodes_{-1};  // payload per node; node 0 is the root
  // Edges from the root, by token id: tested at every token of a document.
  std::vector<uint32_t> root_;
  // Deeper edges: open addressing on (node << 32 | id), at most half full.
  struct Edge {
    uint64_t key = 0;
    uint32_t next = 0;  // 0 = empty
  };
  std::vector<Edge> edges_;
  size_t edge_count_ = 0;
};

}  // namespace polex
