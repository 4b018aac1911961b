// Numeric claims (guidelines §5): every quantity a report asserts about the
// world, in prose sentences, as `numeric_claim` annotations with attrs kind,
// value, value_max (ranges), qualifier, unit, noun (counts), and, when the
// sentence states them, year (the time the figure refers to), actors (the
// canonical names of the actors in the sentence) and footnote (the number of
// the footnote that sources it).
//
// Reads doc.sentences; skips headings, page furniture and table cells (a
// number set off by a column gap in the raw text). Reads actor and
// footnote_ref annotations added before it, and works without them.
#pragma once

#include <memory>

#include "extract/extractor.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// Compiles rules/numeric/*.json; errors name the rule file and line.
Result<std::unique_ptr<Extractor>> make_numeric_claims_extractor(const RuleSet& rules);

}  // namespace polex
