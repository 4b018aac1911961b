// Scoring extractions against gold annotations, as guidelines §6 defines it
// and as ../shared/tools/score.py (the reference) computes it:
//
//   auto gold = polex::eval::load_documents("tests/gold", polex::eval::Role::kGold);
//   auto pred = polex::eval::load_documents("out.jsonl", polex::eval::Role::kPrediction);
//   auto problems = polex::eval::check_gold(gold.value());      // spans vs their text
//   auto result = polex::eval::evaluate(gold.value(), pred.value());
//   nlohmann::json j = polex::eval::to_json(result.value());
//
// A prediction matches a gold annotation of the same type when their spans
// overlap and, for numeric_claim, kind and value (and value_max when the gold
// has one) agree within 0.5%; for policy_option, the overlap covers at least
// half of the longer span. Matching is one-to-one, greedy, largest overlap
// first (ties: gold order, then prediction order, as in the files).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/status.h"

namespace polex::eval {

// The scored annotation types, in the order they are reported.
inline constexpr std::string_view kScoredTypes[] = {"policy_option", "actor", "numeric_claim"};

// Gold files are checked strictly (every scored annotation needs integer
// offsets and its text); predictions need only type and offsets.
enum class Role { kGold, kPrediction };

struct EvalAnnotation {
  std::string type;
  int64_t start = 0;
  int64_t end = 0;
  std::string text;                                 // "" when a prediction has none
  nlohmann::json attrs = nlohmann::json::object();
  size_t index = 0;                                 // position in the file's "annotations" array
};

struct EvalDocument {
  std::string id;
  std::optional<int64_t> length;    // document.length when present
  std::string source;               // "FILE" or "FILE:LINE" it was read from
  std::vector<EvalAnnotation> annotations;  // scored types only, in file order
};

struct DocumentSet {
  std::map<std::string, EvalDocument> docs;  // by id
  std::vector<std::string> warnings;         // e.g. a document id given twice (the last one wins)
};

// Reads a directory of schema-1 .json/.jsonl files (sorted by name), a .jsonl
// file, a .json file, or "-" (stdin, JSONL). Malformed JSON and malformed
// documents are errors naming the file and line.
Result<DocumentSet> load_documents(const std::string& path, Role role);
// The same from text already in memory; `jsonl` splits it into lines.
Result<DocumentSet> parse_documents(std::string_view text, const std::string& source, bool jsonl, Role role);
// One schema-1 document value (e.g. polex's own to_json_value output).
Result<EvalDocument> document_from_json(const nlohmann::json& doc, const std::string& source, Role role);
// Adds a document to a set; a repeated id replaces the earlier one (with a warning).
void add_document(DocumentSet& set, EvalDocument doc);

// A gold annotation whose span does not match its text, or a document whose
// length does not match its raw text.
struct GoldProblem {
  std::string source;              // file (and line) of the document
  std::string doc_id;
  std::optional<size_t> index;     // annotation index in the file, if the problem is one annotation's
  std::string message;
};
// Checks every gold span against its own text: 0 <= start < end <= length and
// end - start == the code-point length of `text`. With `texts_dir`, also reads
// the raw text of each document (the file in texts_dir named <id>.txt, or
// <id>.<any>) and requires document.length == its length and raw[start:end] == text.
std::vector<GoldProblem> check_gold(const DocumentSet& gold, const std::string* texts_dir = nullptr);
std::string to_string(const GoldProblem& problem);

struct Counts {
  int64_t tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct AttributeTally {
  int64_t right = 0, total = 0;
  double accuracy() const;
};

struct Miss {
  std::string doc_id;
  EvalAnnotation annotation;
};

// A matched pair whose attribute differs (after folding) from the gold's.
struct AttributeError {
  std::string doc_id;
  EvalAnnotation gold;
  std::string key;        // "canonical", "unit", ...
  std::string predicted;  // Python str() of the prediction's value, "" when absent
};

struct EvalOptions {
  std::optional<std::string> only;             // score one type only
  std::optional<std::vector<std::string>> docs;  // score these gold documents only (in this order)
};

struct Evaluation {
  // "actor", "numeric_claim", "numeric_claim/<kind>", "policy_option", "policy_option/<kind>".
  // Per-kind tallies: tp and fn by the gold's kind, fp by the prediction's kind.
  std::map<std::string, Counts> scores;
  // "actor.canonical", "numeric_claim.unit", ...: over matched pairs whose gold has the attribute.
  std::map<std::string, AttributeTally> attributes;
  std::vector<Miss> missed;    // gold without a match, in document / type / file order
  std::vector<Miss> spurious;  // predictions without a match
  std::vector<AttributeError> wrong_attributes;  // matched pairs, in document / type / gold order
  size_t documents = 0;                       // gold documents scored
  std::vector<std::string> without_prediction;  // scored gold documents absent from the predictions
  std::vector<std::string> not_in_gold;         // predicted documents that are not scored
};

// Errors: an unknown --only type, a --docs id that is not in the gold.
Result<Evaluation> evaluate(const DocumentSet& gold, const DocumentSet& pred, const EvalOptions& options = {});

// score.py's --json layout ({"scores", "attribute_accuracy"}, figures rounded
// to 4 decimals) plus "attribute_counts", "documents" and, with max_misses > 0,
// the first max_misses "missed" and "spurious" annotations.
nlohmann::json to_json(const Evaluation& evaluation, size_t max_misses = 0);

// One missed or spurious annotation, one wrong attribute: {"document", "type",
// "start", "end", "text", and "attrs" or "attribute", "gold", "predicted"}.
nlohmann::json to_json(const Miss& miss);
nlohmann::json to_json(const AttributeError& error);
// The first `max` items of a list, each as above.
template <typename Item>
nlohmann::json first_as_json(const std::vector<Item>& items, size_t max) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < items.size() && i < max; ++i) out.push_back(to_json(items[i]));
  return out;
}

// Helpers shared with the reference's semantics, exposed for tests.
// Rounds like Python's round(x, 4) (correctly rounded, ties to even).
double round4(double x);
// Python's fold(): NFKD, drop combining marks, casefold, strip.
std::string fold(std::string_view s);
// Python's str() of a JSON value (None, True, 1.5, 'a', ...).
std::string python_str(const nlohmann::json& value);
// score.py's close(): both null, or numbers (or numeric strings) within 0.5%.
bool close_values(const nlohmann::json* x, const nlohmann::json* y);
// Whether a prediction matches a gold annotation (§6), ignoring one-to-one-ness.
bool annotations_match(const EvalAnnotation& gold, const EvalAnnotation& pred);

}  // namespace polex::eval
