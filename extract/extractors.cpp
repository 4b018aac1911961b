#include "extract/extractors.h"

#include "extract/policy_options.h"

namespace polex {

const std::vector<ExtractorEntry>& default_extractors() {
  static const std::vector<ExtractorEntry> kExtractors = {
      // One line per extractor, in run order.
      {"policy_options", make_policy_options_extractor},
  };
  return kExtractors;
}

}  // namespace polex
