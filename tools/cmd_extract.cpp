// polex extract: schema-1 JSON for each input document.
#include "annotations/json_writer.h"
#include "tools/cli.h"
#include "tools/extract_formats.h"

namespace polex::cli {

int run_extract(int argc, char** argv) {
  const std::string usage = "Usage: polex extract [options] FILE...\n\nWrites one schema-1 JSON document per input.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "input files ('-' = stdin)")
      ("format,f", po::value<std::string>()->default_value("json"), "json (pretty, one per input), jsonl (one per line), csv (one row per annotation) or brat (-o DIR)")
      ("output,o", po::value<std::string>(), "output file (default: stdout)")
      ("rules", po::value<std::string>(), "rules directory (default: the embedded rules)")
      ("no-layout", "leave out layout annotations (paragraph, heading, sentence, furniture, footnote_ref)");
  po::positional_options_description positional;
  positional.add("input", -1);
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  std::string format = (*vm)["format"].as<std::string>();
  if (format != "json" && format != "jsonl" && !ExtraFormatWriter::supports(format)) {
    std::cerr << "polex: --format must be json, jsonl, csv or brat\n";
    return kExitUsage;
  }
  if (!vm->count("input")) {
    std::cerr << "polex: no input files\n" << usage << "\n";
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
  std::unique_ptr<std::ostream> holder;
  std::unique_ptr<ExtraFormatWriter> extra;  // csv or brat
  std::string extra_error;
  if (ExtraFormatWriter::supports(format) && !(extra = ExtraFormatWriter::create(format, vm->count("output") ? (*vm)["output"].as<std::string>() : "", &extra_error))) {
    std::cerr << "polex: " << extra_error << "\n";
    return kExitUsage;
  }
  std::ostream* out = format == "brat" ? &std::cout : open_output(*vm, &holder);
  if (!out) return kExitUsage;
  JsonOptions jopts;
  jopts.indent = format == "json" ? 1 : -1;
  int exit_code = kExitOk;
  for (const std::string& path : (*vm)["input"].as<std::vector<std::string>>()) {
    std::string bytes, error;
    if (!read_input(path, &bytes, &error)) {
      std::cerr << "polex: " << path << ": " << error << "\n";
      exit_code = kExitInputFailed;
      continue;
    }
    Document doc = pipeline.value().process(document_id(path), bytes);
    for (const std::string& w : doc.warnings) std::cerr << "polex: " << path << ": warning: " << w << "\n";
    if (!extra) *out << to_json(doc, jopts) << "\n";
    else if (!extra->write(doc, *out, &extra_error)) std::cerr << "polex: " << extra_error << "\n", exit_code = kExitInputFailed;
  }
  out->flush();
  return exit_code;
}

}  // namespace polex::cli
