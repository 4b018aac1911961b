// The whole processing of a document: normalize -> segment -> extract.
//
//   auto pipeline = polex::Pipeline::create(polex::RuleSet::embedded());
//   if (!pipeline.ok()) { report(pipeline.status().message()); }
//   polex::Document doc = pipeline.value().process("report-1", bytes);
//   std::string json = polex::to_json(doc);
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/document.h"
#include "extract/extractor.h"
#include "extract/normalize.h"
#include "extract/rules.h"
#include "extract/segment.h"
#include "extract/status.h"

namespace polex {

struct PipelineOptions {
  bool actors = true;
  bool numeric_claims = true;
  bool policy_options = true;
  // Layout annotations (paragraph, heading, list_item, sentence, furniture,
  // footnote_ref) in the output besides the three extracted types.
  bool layout = true;
};

// Time spent in each stage, summed over the documents processed with it
// (polex_bench_normalize --stages). Stages in the order first met.
class StageTimes {
 public:
  void add(std::string_view stage, double seconds);
  const std::vector<std::pair<std::string, double>>& seconds() const { return seconds_; }

 private:
  std::vector<std::pair<std::string, double>> seconds_;
};

// Immutable after create(); process() is safe to call from many threads.
class Pipeline {
 public:
  static Result<Pipeline> create(const RuleSet& rules, PipelineOptions options = {});

  // Never throws for any input bytes; problems end up in doc.warnings.
  // With `times`, adds the time of each stage to it (one thread per StageTimes).
  Document process(std::string id, std::string_view bytes, StageTimes* times = nullptr) const;
  // Only normalization and segmentation (polex clean).
  Document clean(std::string id, std::string_view bytes, StageTimes* times = nullptr) const;

 private:
  PipelineOptions options_;
  std::shared_ptr<const Normalizer> normalizer_;
  std::shared_ptr<const Segmenter> segmenter_;
  std::vector<std::shared_ptr<const Extractor>> extractors_;
};

}  // namespace polex
