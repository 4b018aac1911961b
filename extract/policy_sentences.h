// Deontic sentence classification (guidelines §3 recommend_verb / directive,
// §7): does this sentence prescribe action, with which cue and modality?
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "extract/policy_rules.h"

namespace polex {

struct DeonticCue {
  std::string_view kind;      // "recommend_verb" | "directive" (points into PolicyRules)
  std::string_view modality;  // "should", "must", "need", "recommend"
  size_t begin = 0;           // the cue's bytes in the sentence
  size_t end = 0;
};

// The first cue of `sentence` that survives the exclusions (predictive,
// conditional, descriptive, private-subject uses), recommend_verb cues first.
// Returns nullopt for a sentence that prescribes nothing.
// `strict` = false skips the sentence vetoes and the private-subject check
// (used to read the modality of an option already known to be one).
std::optional<DeonticCue> classify_sentence(const PolicyRules& rules, std::string_view sentence, bool strict = true);

}  // namespace polex
