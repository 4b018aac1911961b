// polex extract: schema-1 JSON for each input document.
#include "annotations/json_writer.h"
#include "tools/batch.h"
#include "tools/cli.h"

namespace polex::cli {

namespace {

// Annotations per type; a handful of types, so a linear scan.
std::vector<std::pair<std::string, uint64_t>> count_types(const Document& doc) {
  std::vector<std::pair<std::string, uint64_t>> counts;
  for (const Annotation& a : doc.annotations) {
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == a.type; });
    if (it == counts.end()) counts.emplace_back(a.type, 1);
    else ++it->second;
  }
  return counts;
}

}  // namespace

int run_extract(int argc, char** argv) {
  const std::string usage =
      "Usage: polex extract [options] [FILE|DIR...]\n\n"
      "Writes one schema-1 JSON document per input, in input order. An input that\n"
      "cannot be read yields {\"schema\":1,\"document\":{\"id\":...},\"error\":...} and exit code 1.";
  po::options_description options("Options");
  po::positional_options_description positional;
  add_batch_options(options, positional);
  options.add_options()
      ("format,f", po::value<std::string>()->default_value("json"), "json (pretty, one per input) or jsonl (one per line)")
      ("rules", po::value<std::string>(), "rules directory (default: the embedded rules)")
      ("no-layout", "leave out layout annotations (paragraph, heading, sentence, furniture, footnote_ref)");
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  std::string format = (*vm)["format"].as<std::string>();
  if (format != "json" && format != "jsonl") {
    std::cerr << "polex: --format must be json or jsonl\n";
    return kExitUsage;
  }
  auto rules = load_rules(*vm);
  if (!rules) return kExitUsage;
  PipelineOptions popts;
  popts.layout = !vm->count("no-layout");
  auto pipeline = Pipeline::create(*rules, popts);
  if (!pipeline.ok()) {
    std::cerr << "polex: " << pipeline.status().message() << "\n";
    return kExitUsage;
  }
  JsonOptions jopts;
  jopts.indent = format == "json" ? 1 : -1;
  const Pipeline& shared = pipeline.value();  // immutable: one for all threads
  DocumentHandler handler;
  handler.process = [&](const std::string& id, std::string_view bytes, DocOutcome* outcome) {
    Document doc = shared.process(id, bytes);
    outcome->output = to_json(doc, jopts);
    outcome->output += '\n';
    outcome->warnings = std::move(doc.warnings);
    outcome->annotations = count_types(doc);
  };
  handler.error_record = error_record_json;
  handler.extension = ".json";
  return run_batch(*vm, usage, handler);
}

}  // namespace polex::cli
