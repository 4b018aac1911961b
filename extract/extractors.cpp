#include "extract/extractors.h"

#include "extract/actors.h"
#include "extract/numeric_claims.h"
#include "extract/policy_options.h"

namespace polex {

const std::vector<ExtractorEntry>& default_extractors() {
  static const std::vector<ExtractorEntry> kExtractors = {
      // One line per extractor, in run order.
      {"actors", make_actors_extractor},
      {"numeric_claims", make_numeric_claims_extractor},
      {"policy_options", make_policy_options_extractor},
  };
  return kExtractors;
}

}  // namespace polex
