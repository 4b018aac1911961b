// The public API of the polex library: the one header an application needs.
//
// Load the rules once, then extract from as many texts as you like, from any
// number of threads:
//
//   #include <extract/polex.h>
//
//   auto engine = polex::Engine::create();            // embedded default rules
//   if (!engine.ok()) { report(engine.status().message()); return; }
//   polex::Extraction x = engine.value().extract("The EU should cut emissions by 55% by 2030.");
//   for (const polex::Annotation& a : x.annotations()) use(a.type, a.start, a.end, a.text, a.attrs);
//   std::string line = x.json();                       // schema-1 JSON, one line
//
// Offsets are Unicode code points of the input text (after invalid UTF-8 is
// replaced by U+FFFD), half-open, and `text` is always that slice of the
// input: see the schema in the project's ANNOTATION_GUIDELINES.md.
//
// Stability: this header, annotations/annotation.h and extract/status.h are
// the stable surface; the other installed headers are the implementation and
// may change between versions. The library never prints, exits or throws on
// bad input: errors are Status / Result values.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "annotations/annotation.h"
#include "extract/status.h"

namespace polex {

struct Document;
class Pipeline;

// The version of the library ("0.1.0") and of the JSON schema it writes.
const char* library_version();
inline constexpr int kSchemaVersion = 1;

struct EngineOptions {
  // A rules directory whose files override the embedded defaults file by file
  // (as `polex extract --rules DIR`); empty: the embedded rules only.
  std::string rules_dir;
  bool actors = true;
  bool numeric_claims = true;
  bool policy_options = true;
  // Layout annotations (paragraph, heading, list_item, sentence, furniture,
  // footnote_ref) besides the extracted types.
  bool layout = true;
};

// The result for one document. Cheap to move; immutable.
class Extraction {
 public:
  const std::string& id() const;
  // Length of the input in code points (the `document.length` of the schema).
  uint32_t length() const;
  // Every annotation, sorted by start, then end (schema order).
  const std::vector<Annotation>& annotations() const;
  // The annotations of one type ("actor", "numeric_claim", "policy_option", ...).
  std::vector<Annotation> annotations_of(std::string_view type) const;
  // Problems with the input (invalid UTF-8 replaced, NUL bytes, empty document).
  const std::vector<std::string>& warnings() const;
  // The input as read (valid UTF-8), which the offsets index.
  const std::string& raw_text() const;
  // The cleaned text the extractors read (hyphenation undone, page furniture removed...).
  const std::string& clean_text() const;

  // The schema-1 document: one line when indent < 0, else pretty-printed.
  std::string json(int indent = -1) const;
  nlohmann::json json_value() const;
  // `polex clean --json`: {"id", "text" (clean), "length", "map": [[clean_start,
  // clean_end, raw_start, raw_end], ...]} with code-point offsets on both sides.
  nlohmann::json clean_json() const;

  // The internal document, for code that links the implementation headers.
  const Document& document() const { return *doc_; }

 private:
  friend class Engine;
  explicit Extraction(std::shared_ptr<const Document> doc) : doc_(std::move(doc)) {}
  std::shared_ptr<const Document> doc_;
};

// Compiled rules and extractors. Build once (it compiles every rule), then
// share: all methods are const and safe to call concurrently.
class Engine {
 public:
  // Fails with a message naming the rule file and line when a rule is invalid.
  static Result<Engine> create(const EngineOptions& options = {});

  // Annotates any bytes (never fails: problems become warnings). `id` is the
  // `document.id` of the output.
  Extraction extract(std::string_view text, std::string id = "document") const;
  // Reads and annotates a file; the id is the file name without its extension.
  Result<Extraction> extract_file(const std::string& path) const;
  // Only normalization and segmentation: clean_text(), clean_json(), no annotations.
  Extraction clean(std::string_view text, std::string id = "document") const;

 private:
  explicit Engine(std::shared_ptr<const Pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
  std::shared_ptr<const Pipeline> pipeline_;
};

}  // namespace polex
