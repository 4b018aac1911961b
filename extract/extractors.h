// The default extractors, in the order the pipeline runs them.
#pragma once

#include <string_view>
#include <vector>

#include "extract/extractor.h"

namespace polex {

struct ExtractorEntry {
  std::string_view name;  // "actors", "numeric_claims", "policy_options"
  ExtractorFactory make;
};

// Actors first: numeric claims and policy options read the actors found.
const std::vector<ExtractorEntry>& default_extractors();

}  // namespace polex
