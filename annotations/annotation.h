// The data model shared by extractors and writers (guidelines §1-2).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace polex {

// One annotation. Offsets are Unicode code points of the raw input, half-open.
// `text` is always raw[start:end]; the pipeline fills it (and the byte offsets)
// from the span, so extractors only set type, span and attrs.
struct Annotation {
  std::string type;        // "numeric_claim", "actor", "policy_option", "sentence", ...
  uint32_t start = 0;      // code points of the raw input
  uint32_t end = 0;
  uint32_t byte_start = 0; // UTF-8 bytes of the (repaired) raw input
  uint32_t byte_end = 0;
  uint32_t clean_start = 0; // bytes of the clean text (empty span for raw-only annotations)
  uint32_t clean_end = 0;
  std::string text;
  nlohmann::json attrs = nlohmann::json::object();
};

// Sort order of the schema: by start, then end, then type for determinism.
inline bool annotation_less(const Annotation& a, const Annotation& b) {
  if (a.start != b.start) return a.start < b.start;
  if (a.end != b.end) return a.end < b.end;
  return a.type < b.type;
}

}  // namespace polex
