// polex extract: schema-1 JSON for each input document.
#include <filesystem>
#include <fstream>

#include "annotations/brat_writer.h"
#include "annotations/csv_writer.h"
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
      ("format,f", po::value<std::string>()->default_value("json"),
       "json (pretty, one per input), jsonl (one per line), csv (one row per annotation) or brat (.txt + .ann per document into -o DIR)")
      ("rules", po::value<std::string>(), "rules directory (default: the embedded rules)")
      ("no-layout", "leave out layout annotations (paragraph, heading, sentence, furniture, footnote_ref)");
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  std::string format = (*vm)["format"].as<std::string>();
  if (format != "json" && format != "jsonl" && format != "csv" && format != "brat") {
    std::cerr << "polex: --format must be json, jsonl, csv or brat\n";
    return kExitUsage;
  }
  po::variables_map batch_vm = *vm;
  std::string brat_dir;
  if (format == "brat") {
    // brat writes files: -o DIR (or --out-dir DIR) names their directory.
    brat_dir = vm->count("out-dir") ? (*vm)["out-dir"].as<std::string>() : vm->count("output") ? (*vm)["output"].as<std::string>() : "";
    std::error_code ec;
    if (brat_dir.empty() || brat_dir == "-" || (std::filesystem::create_directories(brat_dir, ec), !std::filesystem::is_directory(brat_dir, ec))) {
      std::cerr << "polex: --format brat writes .txt and .ann files: give their directory with -o DIR\n";
      return kExitUsage;
    }
    std::ofstream(std::filesystem::path(brat_dir) / "annotation.conf", std::ios::binary) << brat_annotation_conf();
    batch_vm.erase("output");
    batch_vm.erase("out-dir");
    batch_vm.insert({"out-dir", po::variable_value(boost::any(brat_dir), false)});
  }
  PipelineOptions popts;
  popts.layout = !vm->count("no-layout");
  auto pipeline = load_pipeline(*vm, popts);
  if (!pipeline) return kExitUsage;
  JsonOptions jopts;
  jopts.indent = format == "json" ? 1 : -1;
  const Pipeline& shared = *pipeline;  // immutable: one for all threads
  DocumentHandler handler;
  handler.process = [&](const std::string& id, std::string_view bytes, DocOutcome* outcome) {
    Document doc = shared.process(id, bytes);
    if (format == "csv") {
      outcome->output = to_csv_rows(doc);
    } else if (format == "brat") {
      BratFiles files = to_brat(doc);
      std::ofstream(std::filesystem::path(brat_dir) / (id + ".txt"), std::ios::binary) << files.txt;
      outcome->output = std::move(files.ann);
    } else {
      outcome->output = to_json(doc, jopts);
      outcome->output += '\n';
    }
    outcome->warnings = std::move(doc.warnings);
    outcome->annotations = count_types(doc);
  };
  handler.error_record = format == "csv" ? nullptr : error_record_json;  // failures stay on stderr and in the summary
  handler.extension = format == "brat" ? ".ann" : ".json";
  if (format == "csv") handler.header = csv_header();
  return run_batch(batch_vm, usage, handler);
}

}  // namespace polex::cli
