#include "extract/pipeline.h"

#include <algorithm>
#include <chrono>

#include "extract/extractors.h"
#include "extract/pdf_input.h"

namespace polex {
namespace {

bool enabled(const PipelineOptions& o, std::string_view name) {
  if (name == "actors") return o.actors;
  if (name == "numeric_claims") return o.numeric_claims;
  if (name == "policy_options") return o.policy_options;
  return true;
}

const char* block_type(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading: return "heading";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kFurniture: return "running_header";
    case BlockKind::kParagraph: break;
  }
  return "paragraph";
}

// Adds the time since the last lap to a stage, when timing is asked for.
class StageClock {
 public:
  explicit StageClock(StageTimes* times) : times_(times) {
    if (times_) last_ = std::chrono::steady_clock::now();
  }
  void lap(std::string_view stage) {
    if (!times_) return;
    auto now = std::chrono::steady_clock::now();
    times_->add(stage, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  StageTimes* times_;
  std::chrono::steady_clock::time_point last_;
};

// Sorts into the schema's order, stably, as std::stable_sort with
// annotation_less would, but moving each annotation once: an Annotation is
// ~120 bytes, and merge sort moves every element log n times.
void sort_annotations(std::vector<Annotation>& annotations) {
  struct Key {
    uint32_t start, end, index;
  };
  std::vector<Key> keys;
  keys.reserve(annotations.size());
  bool sorted = true;
  for (uint32_t i = 0; i < annotations.size(); ++i) {
    keys.push_back({annotations[i].start, annotations[i].end, i});
    if (i && annotation_less(annotations[i], annotations[i - 1])) sorted = false;
  }
  if (sorted) return;
  std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return annotations[a.index].type < annotations[b.index].type;
  });
  std::vector<Annotation> in_order;
  in_order.reserve(annotations.size());
  for (const Key& k : keys) in_order.push_back(std::move(annotations[k.index]));
  annotations = std::move(in_order);
}

}  // namespace

void StageTimes::add(std::string_view stage, double seconds) {
  for (auto& [name, total] : seconds_) {
    if (name == stage) {
      total += seconds;
      return;
    }
  }
  seconds_.emplace_back(std::string(stage), seconds);
}

namespace {

// entry.make(rules), with a rule value of a type its loader did not expect
// (nlohmann's accessors throw) reported as a rule error instead of a crash.
Result<std::unique_ptr<Extractor>> make_extractor(const ExtractorEntry& entry, const RuleSet& rules) {
  try {
    return entry.make(rules);
  } catch (const nlohmann::json::exception& e) {
    return Status::error("rules for " + std::string(entry.name) + ": a value of the wrong type: " + e.what());
  }
}

}  // namespace

Result<Pipeline> Pipeline::create(const RuleSet& rules, PipelineOptions options) {
  Pipeline p;
  p.options_ = options;
  auto normalizer = Normalizer::create(rules);
  if (!normalizer.ok()) return normalizer.status();
  p.normalizer_ = normalizer.value();
  auto segmenter = Segmenter::create(rules);
  if (!segmenter.ok()) return segmenter.status();
  p.segmenter_ = segmenter.value();
  for (const ExtractorEntry& entry : default_extractors()) {
    if (!enabled(options, entry.name)) continue;
    auto extractor = make_extractor(entry, rules);
    if (!extractor.ok()) return extractor.status();
    p.extractors_.push_back(std::move(extractor).value());
  }
  return p;
}

Document Pipeline::clean(std::string id, std::string_view bytes, StageTimes* times) const {
  StageClock clock(times);
  Document doc;
  doc.id = std::move(id);
  doc.raw = decode_raw(bytes);
  if (doc.raw.utf8.empty()) doc.warnings.push_back("empty document");
  clock.lap("decode");
  normalizer_->normalize(doc);
  clock.lap("normalize");
  segmenter_->segment(doc);
  clock.lap("segment");
  return doc;
}

Document Pipeline::process(std::string id, std::string_view bytes, StageTimes* times) const {
  Document doc = clean(std::move(id), bytes, times);
  StageClock clock(times);
  if (options_.layout) {
    for (const Block& b : doc.blocks) {
      if (b.kind == BlockKind::kFurniture) continue;  // already a `furniture` annotation
      Annotation& a = doc.add(block_type(b.kind), b.begin, b.end);
      if (!b.bullet.empty()) a.attrs["bullet"] = b.bullet;
    }
    for (const Sentence& s : doc.sentences) doc.add("sentence", s.begin, s.end);
    add_page_annotations(doc);  // texts with form feeds: PDF input, pdftotext output
    clock.lap("layout annotations");
  }
  for (const auto& extractor : extractors_) {
    extractor->extract(doc);
    clock.lap(extractor->name());
  }
  if (!options_.layout) {
    std::erase_if(doc.annotations, [](const Annotation& a) {
      return a.type != "actor" && a.type != "numeric_claim" && a.type != "policy_option";
    });
  }
  sort_annotations(doc.annotations);
  clock.lap("sort");
  return doc;
}

}  // namespace polex
