// The interface every extractor implements (actors, numeric claims, policy options).
#pragma once

#include <memory>
#include <string_view>

#include "extract/document.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// An extractor is built once from a RuleSet (compiling its matchers) and then
// used, const, by many threads at once.
class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string_view name() const = 0;
  // Appends its annotations to doc through Document::add(). Extractors run in
  // pipeline order (actors, numeric claims, policy options), so each may read
  // the annotations of those before it.
  virtual void extract(Document& doc) const = 0;
};

using ExtractorFactory = Result<std::unique_ptr<Extractor>> (*)(const RuleSet&);

}  // namespace polex
