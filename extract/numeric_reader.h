// Reading quantities in a span of text: numbers in digits and words, with
// their scale, unit, currency, qualifier and range, and whether guidelines §5
// count them as numeric claims. Used by the numeric claims extractor (one
// sentence at a time) and by the peer-suite test (one case at a time).
//
//   auto lexicon = NumericLexicon::load(RuleSet::embedded());
//   NumericReader reader(lexicon.value());
//   for (const Quantity& q : reader.read("roughly 40 percent of exports")) ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/numeric_lexicon.h"
#include "extract/numeric_tokens.h"

namespace polex {

enum class NumericKind { kPercent, kMoney, kCount, kMeasure, kRatio, kMultiplier, kRank };
std::string_view kind_name(NumericKind kind);

struct Quantity {
  uint32_t begin = 0;  // bytes of the text read, half-open: qualifier + number + unit
  uint32_t end = 0;
  NumericKind kind = NumericKind::kCount;
  double value = 0;
  std::optional<double> value_max;  // ranges
  std::string qualifier;            // approximately | more_than | ... | empty
  std::string unit;                 // ISO code (money), unit name (measure)
  std::string noun;                 // counted noun (count), when clear
  // False for readings guidelines §5 excludes (years, dates, durations,
  // identifiers, list numbers, small word counts); `excluded` says why.
  bool claim = true;
  std::string excluded;
  // A year (excluded == "year") that names when a figure holds: after "in",
  // "by", "fiscal"... (rules/numeric/context.json), not "since" or a date.
  bool time_year = false;
  uint32_t number_begin = 0;  // the first number's bytes (list sharing, years)
  uint32_t number_end = 0;
};

// Buffers that read() reuses from one call to the next: one per thread.
class NumericScratch {
 public:
  NumericScratch();
  ~NumericScratch();
  NumericScratch(const NumericScratch&) = delete;
  NumericScratch& operator=(const NumericScratch&) = delete;

 private:
  friend class NumericReader;
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

// Immutable; read() is safe from many threads.
class NumericReader {
 public:
  explicit NumericReader(std::shared_ptr<const NumericLexicon> lexicon) : lex_(std::move(lexicon)) {}

  // Every quantity in `text`, left to right, non-overlapping, claims and
  // non-claims alike. Years read as years are returned with claim == false.
  std::vector<Quantity> read(std::string_view text) const;
  // The same into `out` (cleared first), with the working memory of `scratch`.
  void read(std::string_view text, NumericScratch& scratch, std::vector<Quantity>& out) const;

  // False only when `text` certainly holds no quantity: no digit and no
  // number word. A cheap scan that lets callers skip most sentences.
  bool may_hold_quantity(std::string_view text) const;

  const NumericLexicon& lexicon() const { return *lex_; }

 private:
  std::shared_ptr<const NumericLexicon> lex_;
};

}  // namespace polex
