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

// Interns token keys. Built once from the rules; read-only afterwards.
class ActorVocabulary {
 public:
  ActorVocabulary();
  // Id of `key`, creating it if needed. Build time only.
  uint32_t intern(const std::string& key);
  // Id of `key`, or 0.
  uint32_t find(std::string_view key) const;
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
  // Open addressing, kept at most a quarter full: most tokens of a document
  // are unknown, and a miss should end at the first probe.
  struct Slot {
    uint32_t hash = 0;
    uint32_t id = 0;  // 0 = empty
  };
  size_t slot_of(std::string_view key, uint32_t hash) const;
  void grow();
  std::string_view key(uint32_t id) const {
    return std::string_view(pool_).substr(key_begin_[id - 1], key_begin_[id] - key_begin_[id - 1]);
  }
  // The keys back to back (compact, so a hit's comparison stays in cache).
  std::string pool_;
  std::vector<uint32_t> key_begin_{0};  // id - 1 -> offset in pool_; one past the last
  std::vector<Slot> slots_;
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
  Match longest(const std::vector<ActorToken>& tokens, size_t i, size_t limit, bool cross_blocks = false) const;
  // Payload of exactly this id sequence, or -1.
  int find(const std::vector<uint32_t>& ids) const;
  // Payload of the one-token phrase `id`, or -1.
  int find_one(uint32_t id) const {
    uint32_t node = child(0, id);
    return node == 0 ? -1 : nodes_[node];
  }
  // True iff some phrase starts with `id` (a cheap test before longest()).
  bool starts_with(uint32_t id) const { return child(0, id) != 0; }
  bool empty() const { return nodes_.size() <= 1; }

 private:
  uint32_t child(uint32_t node, uint32_t id) const {
    if (node == 0) return id < root_.size() ? root_[id] : 0;
    return id == 0 ? 0 : inner_child(node, id);
  }
  uint32_t inner_child(uint32_t node, uint32_t id) const;
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
