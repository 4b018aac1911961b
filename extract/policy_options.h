// Policy options (guidelines §3): every recommended course of action in a
// report, as `policy_option` annotations with attrs
//   kind       marker | list_item | recommend_verb | directive
//   statement  the option as one clean line (bullets and labels stripped)
//   agents     canonical names of the actors asked to act (from `actor` annotations)
//   modality   must | should | could | may | need | recommend | imperative
//   section    the heading the option sits under
//   duplicate_of  index (among this document's options, by position) of an
//                 earlier option with the same or nearly the same statement
//
// Order of work: explicit markers ("POLICY OPTION: ..."), then items of
// recommendation lists, then single sentences with a recommending verb or a
// deontic expression; a sentence inside a marker or list item is not
// annotated again. All cue words, labels, headings, bullets and verbs come
// from rules/policy/.
#pragma once

#include <memory>

#include "extract/extractor.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

Result<std::unique_ptr<Extractor>> make_policy_options_extractor(const RuleSet& rules);

}  // namespace polex
