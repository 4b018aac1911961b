// polex validate: checks schema-1 files against the JSON Schema and, with
// --texts, against the source texts their offsets count in.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "annotations/schema_validate.h"
#include "tools/cli.h"

namespace polex::cli {
namespace {

// The source text of document `id` in `dir`: id.txt, else any id.* file.
std::string find_text(const std::string& dir, const std::string& id) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path txt = fs::path(dir) / (id + ".txt");
  if (fs::is_regular_file(txt, ec)) return txt.string();
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec) && e.path().stem() == id) return e.path().string();
  return "";
}

// The documents of a file: one JSON value, or JSON Lines. Each comes with the
// line it starts on.
bool read_documents(const std::string& bytes, std::vector<std::pair<size_t, nlohmann::json>>* docs, std::string* error) {
  auto whole = nlohmann::json::parse(bytes, nullptr, false);
  if (!whole.is_discarded()) {
    docs->emplace_back(1, std::move(whole));
    return true;
  }
  std::istringstream in(bytes);
  size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      *error = "line " + std::to_string(line_no) + ": not JSON";
      return false;
    }
    docs->emplace_back(line_no, std::move(j));
  }
  return true;
}

}  // namespace

int run_validate(int argc, char** argv) {
  const std::string usage =
      "Usage: polex validate [options] FILE.json|FILE.jsonl...\n\n"
      "Checks schema-1 output against the JSON Schema (annotations/schema.json, embedded;\n"
      "--print-schema writes it) and the offsets: sorted, within the document, and with\n"
      "--texts DIR, text == source[start:end] for the source DIR/<document.id>.txt (or .pdf).\n"
      "Error records ({\"schema\":1,\"document\":{\"id\":...},\"error\":...}) are valid and listed.\n"
      "Exit code 0 when every document is valid, 1 otherwise.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "schema-1 JSON or JSONL files ('-' = stdin)")
      ("texts", po::value<std::string>(), "directory of the source texts")
      ("max-errors", po::value<size_t>()->default_value(20), "errors shown per document")
      ("print-schema", "write the JSON Schema and exit");
  po::positional_options_description positional;
  positional.add("input", -1);
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  if (vm->count("print-schema")) {
    std::cout << schema_1_json();
    return kExitOk;
  }
  if (!vm->count("input")) {
    std::cerr << "polex: no input files\n" << usage << "\n";
    return kExitUsage;
  }
  std::string texts = vm->count("texts") ? (*vm)["texts"].as<std::string>() : "";
  size_t max_errors = (*vm)["max-errors"].as<size_t>();
  const SchemaValidator& validator = SchemaValidator::schema_1();
  size_t total = 0, invalid = 0, failed_inputs = 0;
  int exit_code = kExitOk;
  for (const std::string& path : (*vm)["input"].as<std::vector<std::string>>()) {
    std::string bytes, error;
    std::ifstream in;
    if (path == "-") {
      std::ostringstream s;
      s << std::cin.rdbuf();
      bytes = s.str();
    } else if (in.open(path, std::ios::binary), in) {
      std::ostringstream s;
      s << in.rdbuf();
      bytes = s.str();
    } else {
      std::cerr << "polex: " << path << ": cannot read file\n";
      exit_code = kExitInputFailed;
      continue;
    }
    std::vector<std::pair<size_t, nlohmann::json>> docs;
    if (!read_documents(bytes, &docs, &error)) {
      std::cerr << path << ": " << error << "\n";
      exit_code = kExitInputFailed;
      continue;
    }
    for (const auto& [line, doc] : docs) {
      ++total;
      std::string where = path + ":" + std::to_string(line);
      std::vector<ValidationError> errors = validator.validate(doc, max_errors);
      if (errors.empty() && doc.contains("error")) {  // a valid record of an input polex could not read
        ++failed_inputs;
        std::cout << where << ": error record for '" << doc["document"]["id"].get<std::string>()
                  << "': " << doc["error"].get<std::string>() << "\n";
        continue;
      }
      if (errors.empty()) {
        std::optional<RawText> raw;
        if (!texts.empty()) {
          std::string id = doc["document"]["id"].get<std::string>();
          std::string source = find_text(texts, id), source_bytes;
          if (source.empty() || !read_input(source, &source_bytes, &error)) {
            errors.push_back({"/document/id", "no readable source text for '" + id + "' in " + texts});
          } else {
            raw = decode_raw(source_bytes);
          }
        }
        auto span_errors = check_spans(doc, raw ? &*raw : nullptr, max_errors);
        errors.insert(errors.end(), span_errors.begin(), span_errors.end());
      }
      if (errors.empty()) continue;
      ++invalid;
      exit_code = kExitInputFailed;
      for (const ValidationError& e : errors)
        std::cout << where << ": " << (e.path.empty() ? "/" : e.path) << ": " << e.message << "\n";
    }
  }
  std::cout << total << " document" << (total == 1 ? "" : "s") << ", " << (total - invalid) << " valid";
  if (failed_inputs) std::cout << " (" << failed_inputs << " of them error records of unreadable inputs)";
  std::cout << "\n";
  return exit_code;
}

}  // namespace polex::cli
