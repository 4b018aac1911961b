// Checks schema-1 output: against annotations/schema.json (a JSON Schema,
// draft 2020-12) and against the source text it was made from (spans match).
//
//   auto validator = polex::SchemaValidator::schema_1();
//   for (const auto& e : validator.validate(doc_json)) report(e.path, e.message);
//   for (const auto& e : polex::check_spans(doc_json, &raw)) report(e.path, e.message);
//
// The validator implements the subset of JSON Schema that the schema uses:
// type, enum, const, properties, required, additionalProperties, items,
// minItems, maxItems, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
// minLength, maxLength, pattern (RE2 syntax), $ref to "#/...", $defs, allOf,
// anyOf, oneOf, not, if/then/else. A schema using any other keyword is
// rejected by create(), so nothing is silently left unchecked.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/raw_text.h"
#include "extract/status.h"

namespace re2 {
class RE2;
}

namespace polex {

// One problem: where in the instance (a JSON pointer, "" = the root) and what.
struct ValidationError {
  std::string path;
  std::string message;
};

// The text of annotations/schema.json, embedded at build time.
std::string_view schema_1_json();

class SchemaValidator {
 public:
  // Compiles a schema. Fails on unsupported keywords, bad patterns and $refs
  // that lead nowhere, naming the schema location.
  static Result<SchemaValidator> create(nlohmann::json schema);
  // The embedded schema 1 (compiled once).
  static const SchemaValidator& schema_1();

  // All violations of the schema by `instance`, at most `max_errors`.
  std::vector<ValidationError> validate(const nlohmann::json& instance, size_t max_errors = 100) const;

  struct Compiled;  // the schema and its compiled patterns (defined in the .cpp)

 private:
  std::shared_ptr<const Compiled> compiled_;
};

// Checks what the schema cannot express: every annotation's end <= document
// length and start <= end, annotations sorted by start then end, and, when
// `raw` is given, document.length == the raw code-point length, text ==
// raw[start:end], and byte_start/byte_end (when present) on the same
// characters as start/end.
std::vector<ValidationError> check_spans(const nlohmann::json& doc, const RawText* raw, size_t max_errors = 100);

}  // namespace polex
