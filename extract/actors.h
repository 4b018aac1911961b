// Actors extractor (guidelines §4): every mention of a named country, region,
// government body, international organization, organization or person, with
// attrs.category and attrs.canonical (the entity's full standard name).
//
// One pass over the tokens of the clean text finds candidates from
//  - the gazetteers of rules/actors/ (longest match; "none" entries such as
//    "Mexico City" or "NAFTA" hide the shorter names inside them),
//  - organization names by their head word ("... Institute", "Secretariat of ..."),
//  - people by given name, title, initials, bylines, participant lists and citations;
// the longest candidate wins each overlap. Then, per document: acronyms defined
// in parentheses and surnames of the people named in full resolve later
// mentions; bare contextual names ("Congress") take the country of their
// sentence; names inside quoted titles of cited works are dropped.
#pragma once

#include <memory>

#include "extract/extractor.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

Result<std::unique_ptr<Extractor>> make_actors_extractor(const RuleSet& rules);

}  // namespace polex
