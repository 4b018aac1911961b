// Schema-1 JSON (guidelines §2) for a processed document.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "extract/document.h"

namespace polex {

struct JsonOptions {
  int indent = -1;  // -1: one line (JSONL); >= 0: pretty-printed
};

// The schema-1 document as a JSON value.
nlohmann::json to_json_value(const Document& doc);
// The schema-1 document, serialized.
std::string to_json(const Document& doc, const JsonOptions& options = {});

// `polex clean --json`: the clean text and, for each clean byte, the raw
// code-point span it came from, run-length encoded as segments
// [clean_start, clean_end, raw_start, raw_end] of 1:1 copies or replacements.
nlohmann::json clean_to_json(const Document& doc);

}  // namespace polex
