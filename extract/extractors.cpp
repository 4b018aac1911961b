#include "extract/extractors.h"

namespace polex {

const std::vector<ExtractorEntry>& default_extractors() {
  static const std::vector<ExtractorEntry> kExtractors = {
      // One line per extractor, in run order.
  };
  return kExtractors;
}

}  // namespace polex
