// The word tables of the numeric claims extractor, compiled once from
// rules/numeric/*.json: number words, scales, fractions, ordinals, qualifiers,
// currencies, units, percent forms and the context cues that tell a claim
// from a year, a date, a duration or an identifier.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// Hash containers keyed by std::string that look up std::string_view without
// allocating (C++20 heterogeneous lookup).
// The keys are short words, so a simple multiplicative hash beats a general one.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    size_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
  }
};

// A 1024-bit filter on a word's first and last bytes and length: false means
// the word was never added. Most lookups of the reader miss; the filter
// answers them without hashing the word.
class WordFilter {
 public:
  void add(std::string_view w) { bits_[index(w) >> 6] |= uint64_t{1} << (index(w) & 63); }
  bool maybe(std::string_view w) const { return (bits_[index(w) >> 6] >> (index(w) & 63)) & 1; }

 private:
  static size_t index(std::string_view w) {
    if (w.empty()) return 0;
    size_t first = static_cast<unsigned char>(w.front()), last = static_cast<unsigned char>(w.back());
    return (first * 67 + last * 13 + w.size()) & 1023;
  }
  uint64_t bits_[16] = {};
};

// A set of words (looked up by string_view) behind a WordFilter. Only the
// members below can add words, so the filter always knows every word.
class StringSet {
 public:
  using Set = std::unordered_set<std::string, StringHash, std::equal_to<>>;
  bool insert(std::string w) {
    filter_.add(w);
    return set_.insert(std::move(w)).second;
  }
  // (The filter keeps the word's bit: a stale bit only costs a lookup.)
  size_t erase(const std::string& w) { return set_.erase(w); }
  size_t count(std::string_view w) const { return filter_.maybe(w) && set_.find(w) != set_.end() ? 1 : 0; }
  bool empty() const { return set_.empty(); }
  size_t size() const { return set_.size(); }
  Set::const_iterator begin() const { return set_.begin(); }
  Set::const_iterator end() const { return set_.end(); }

 private:
  Set set_;
  WordFilter filter_;
};

// A map from words (looked up by string_view) behind a WordFilter.
template <typename V>
class StringMap {
 public:
  using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
  using const_iterator = typename Map::const_iterator;
  V& operator[](std::string key) {
    filter_.add(key);
    return map_[std::move(key)];
  }
  bool emplace(std::string key, V value) {
    filter_.add(key);
    return map_.emplace(std::move(key), std::move(value)).second;
  }
  const_iterator find(std::string_view key) const { return filter_.maybe(key) ? map_.find(key) : map_.end(); }
  size_t count(std::string_view key) const { return find(key) != map_.end() ? 1 : 0; }
  bool empty() const { return map_.empty(); }
  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }

 private:
  Map map_;
  WordFilter filter_;
};

// A cheap pre-check before a hash lookup: false means the word is certainly
// not in the set (keyed on the first two bytes and the length).
class ShapeFilter {
 public:
  void add(std::string_view w) { bits_[index(w) >> 6] |= uint64_t{1} << (index(w) & 63); }
  bool maybe(std::string_view w) const { return (bits_[index(w) >> 6] >> (index(w) & 63)) & 1; }
  // The same for a word of `size` bytes whose first two (0 when none) are b0, b1.
  bool maybe(unsigned char b0, unsigned char b1, size_t size) const {
    size_t i = index(b0, b1, size);
    return (bits_[i >> 6] >> (i & 63)) & 1;
  }

 private:
  static size_t index(std::string_view w) {
    if (w.empty()) return 0;
    return index(static_cast<unsigned char>(w[0]), w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0, w.size());
  }
  static size_t index(size_t b0, size_t b1, size_t size) {
    return (((b0 * 31 + b1) & 4095) << 4) | (size < 15 ? size : 15);
  }
  uint64_t bits_[4096 * 16 / 64] = {};
};

// Multi-word forms ("more than", "cubic feet", "US $") looked up token by
// token. A key is the concatenation of the tokens' text without the spaces
// between them, so "per cent" and "percent", "US $" and "US$" are one key.
// Forms written with an upper-case letter match case-sensitively ("MW", "M").
template <typename V>
class PhraseTable {
 public:
  void add(std::string_view form, V value);
  // Value for the exact key, else for the lower-cased key, else nullptr.
  const V* find(std::string_view exact, std::string_view lower) const;
  size_t max_tokens() const { return max_tokens_; }
  // False when no form starts with this (lower-cased) token: skip the lookup.
  bool may_start(std::string_view first_token_lower) const { return first_tokens_.count(first_token_lower) > 0; }

 private:
  StringSet first_tokens_;
  StringMap<V> exact_;
  StringMap<V> folded_;
  size_t max_tokens_ = 1;
};

struct ScaleWord {
  double value = 1;
  bool glued_only = false;  // only written against the digits (10k)
  bool money_only = false;  // only after a currency sign ($5m)
};

struct CurrencyForm {
  std::string code;   // ISO 4217
  double factor = 1;  // minor units: 0.01
  bool needs_scale = false;
};

struct NumericLexicon {
  static Result<std::shared_ptr<const NumericLexicon>> load(const RuleSet& rules);

  // numbers.json
  StringMap<double> cardinals, tens, hundreds, fractions, ordinals, qualified_only;
  PhraseTable<ScaleWord> scales;
  PhraseTable<ScaleWord> money_scales;
  StringSet ordinal_suffixes, articles;
  // qualifiers.json
  PhraseTable<std::string> qualifiers_before, qualifiers_after;
  PhraseTable<bool> prepositional_qualifiers;  // 'under one roof' qualifies nothing
  // currencies.json
  PhraseTable<CurrencyForm> currency_symbols, currency_names;
  StringSet currency_codes;  // upper case
  // units.json, percent.json
  PhraseTable<std::string> units, rate_units, percent_forms;
  StringSet rate_connectors;
  StringMap<std::string> rate_periods;
  // context.json
  int year_min = 1500, year_max = 2100;
  StringSet year_prepositions, reference_year_prepositions, decade_suffixes, months, duration_nouns, identifier_nouns,
      list_marker_after, count_compound_suffixes, noun_stop_words, scale_letter_nouns;
  double min_word_count = 10;
  size_t max_noun_words = 4;
  PhraseTable<bool> ratio_in_words, ratio_followers;
  double max_denominator = 1000;
  StringSet fold_forms, times_forms, comparison_words, not_comparatives;
  std::string comparative_suffix;
  StringMap<double> multiplier_always, multiplier_when_compared;
  PhraseTable<bool> factor_phrases;  // "a factor of" three
  PhraseTable<bool> rank_superlatives, rank_followers, rank_nouns;
  StringSet rank_verbs;
  // Lower-cased tokens that may open a quantity (number words, qualifiers'
  // first words, currency signs...): the reader tries nowhere else.
  StringSet starters;
  ShapeFilter starter_shapes;
  // Words that can be (part of) a number without digits (one, half, first,
  // doubled, million): a sentence with none of them and no digit holds no quantity.
  StringSet number_words;
  ShapeFilter number_word_shapes;
  int table_min_gap = 3;
  int min_sentence_words = 3;
};

}  // namespace polex
