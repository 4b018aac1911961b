// What changed between two evaluations against the same gold: the baseline
// (e.g. the output of the rules before an edit) and the current predictions.
// Rule writers read it to see at once what got better and what got worse:
//
//   auto before = polex::eval::evaluate(gold, baseline_predictions);
//   auto after = polex::eval::evaluate(gold, predictions);
//   polex::eval::Comparison diff = polex::eval::compare(before.value(), after.value());
//
// Annotations are identified by document, type, span and (for predictions)
// kind and value, so a prediction that moved or changed value counts as one
// spurious annotation gone and another one new.
#pragma once

#include <string>
#include <vector>

#include "annotations/evaluate.h"

namespace polex::eval {

struct ScoreChange {
  std::string key;  // "actor", "numeric_claim/percent", "actor.canonical" (attributes), ...
  Counts before, after;                 // for scores
  AttributeTally before_attr, after_attr;  // for attributes
  bool attribute = false;
};

struct Comparison {
  std::vector<ScoreChange> scores;       // every score and attribute key of either evaluation, in report order
  std::vector<Miss> found;               // gold missed by the baseline, matched now
  std::vector<Miss> lost;                // gold matched by the baseline, missed now
  std::vector<Miss> new_spurious;        // predictions without a match now, not in the baseline
  std::vector<Miss> fixed_spurious;      // the baseline's predictions without a match, gone now
  std::vector<AttributeError> attributes_fixed;   // wrong in the baseline, right (or unmatched) now
  std::vector<AttributeError> attributes_broken;  // wrong now, not wrong in the baseline
  // True when some F1 or attribute accuracy is lower than in the baseline.
  bool regressed() const;
};

Comparison compare(const Evaluation& before, const Evaluation& after);

// The comparison for machines: {"scores": {key: {"before": {...}, "after": {...}}},
// "attribute_accuracy": {key: {"before", "after"}}, and the first max_items of each list}.
nlohmann::json to_json(const Comparison& comparison, size_t max_items);

}  // namespace polex::eval
