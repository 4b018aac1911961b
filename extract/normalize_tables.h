// Compiled form of rules/normalize/*.json and rules/lexicon/, built once by
// Normalizer::create and shared read-only by every thread.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "extract/normalize.h"

namespace polex {

// A large, fixed word list: one buffer holding every word and an
// open-addressing table of views into it, so loading tens of thousands of
// words allocates twice instead of once per word, and lookups take views.
class WordList {
 public:
  // Adds the lines of `text` (a word list file body) as words; the same
  // lines RuleSet::lines reads: without "\r", blank lines and # comments.
  void assign_lines(std::string_view text);
  bool contains(std::string_view w) const;
  size_t size() const { return used_; }

 private:
  struct Slot {
    uint32_t begin = 0;
    uint32_t size = 0;  // 0: an empty slot (words are never empty)
  };
  static size_t hash(std::string_view w);
  void place(uint32_t begin, uint32_t size);
  std::string buffer_;
  std::vector<Slot> slots_;  // size a power of two, at most half full
  size_t used_ = 0;
};

enum class MacRomanContext { kAfterLower, kBeforeLetter };

struct MacRomanRule {
  std::string to;
  MacRomanContext when;
};

struct Normalizer::Tables {
  // Pass 1: characters.
  std::unordered_map<char32_t, std::string> replace;
  std::unordered_map<char32_t, MacRomanRule> macroman;
  std::unordered_map<char32_t, int> superscript_digit;  // glyph -> digit value
  std::unordered_map<std::string, std::string> entities;
  std::unordered_set<std::string> drop_tags, break_tags, block_tags;

  // Pass 2: layout.
  std::vector<std::string> bullets;  // longest first
  std::array<bool, 256> bullet_first_byte{};  // whether some bullet starts with this byte
  std::unique_ptr<RE2> numbered_item;
  std::unique_ptr<RE2> markdown_heading;
  std::unordered_set<std::string> continuation_words;
  std::unordered_set<std::string> year_prepositions;
  std::unordered_set<std::string> keep_hyphen_prefixes;
  int running_header_min_repeats = 3;
  size_t heading_max_words = 14;
  size_t heading_max_chars = 100;

  // Evidence for repairs: the English word list (lower case).
  WordList words;
};

}  // namespace polex

namespace polex {

// Pass 1: characters of doc.raw -> `out` (mapped to raw bytes). Adds
// footnote_ref annotations for superscript markers.
void repair_characters(const Normalizer::Tables& tables, Document& doc, PiecewiseText& out);

// Pass 2: layout of `chars` (the pass-1 text) -> `out`, mapped to positions of
// `chars`, filling doc.blocks and adding furniture and footnote_ref annotations.
void repair_layout(const Normalizer::Tables& tables, const PiecewiseText& chars, Document& doc, PiecewiseText& out);

}  // namespace polex
