// The word tables of the numeric claims extractor, compiled once from
// rules/numeric/*.json: number words, scales, fractions, ordinals, qualifiers,
// currencies, units, percent forms and the context cues that tell a claim
// from a year, a date, a duration or an identifier.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

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

 private:
  std::unordered_map<std::string, V> exact_;
  std::unordered_map<std::string, V> folded_;
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
  std::unordered_map<std::string, double> cardinals, tens, hundreds, fractions, ordinals, qualified_only;
  PhraseTable<ScaleWord> scales;
  PhraseTable<ScaleWord> money_scales;
  std::unordered_set<std::string> ordinal_suffixes, articles;
  // qualifiers.json
  PhraseTable<std::string> qualifiers_before, qualifiers_after;
  PhraseTable<bool> prepositional_qualifiers;  // 'under one roof' qualifies nothing
  // currencies.json
  PhraseTable<CurrencyForm> currency_symbols, currency_names;
  std::unordered_set<std::string> currency_codes;  // upper case
  // units.json, percent.json
  PhraseTable<std::string> units, rate_units, percent_forms;
  std::unordered_set<std::string> rate_connectors;
  std::unordered_map<std::string, std::string> rate_periods;
  // context.json
  int year_min = 1500, year_max = 2100;
  std::unordered_set<std::string> year_prepositions, decade_suffixes, months, duration_nouns, identifier_nouns,
      list_marker_after, count_compound_suffixes, noun_stop_words;
  double min_word_count = 10;
  size_t max_noun_words = 4;
  PhraseTable<bool> ratio_in_words, ratio_followers;
  double max_denominator = 1000;
  std::unordered_set<std::string> fold_forms, times_forms, comparison_words, not_comparatives;
  std::string comparative_suffix;
  std::unordered_map<std::string, double> multiplier_always, multiplier_when_compared;
  PhraseTable<bool> rank_superlatives, rank_followers, rank_nouns;
  std::unordered_set<std::string> rank_verbs;
  int table_min_gap = 3;
  int min_sentence_words = 3;
};

}  // namespace polex
