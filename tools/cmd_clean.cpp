// polex clean: the cleaned text (or, with --json, the text and its map to raw offsets).
#include "annotations/json_writer.h"
#include "tools/cli.h"

namespace polex::cli {

int run_clean(int argc, char** argv) {
  const std::string usage =
      "Usage: polex clean [options] FILE...\n\nWrites the cleaned text of each input: lines joined into paragraphs,\n"
      "hyphenation undone, page furniture and footnote markers taken out.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "input files ('-' = stdin)")
      ("json", "JSON lines: {id, text, length, map} where map lists [clean_start, clean_end, raw_start, raw_end] segments in code points")
      ("output,o", po::value<std::string>(), "output file (default: stdout)")
      ("rules", po::value<std::string>(), "rules directory (default: the embedded rules)");
  po::positional_options_description positional;
  positional.add("input", -1);
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  if (!vm->count("input")) {
    std::cerr << "polex: no input files\n" << usage << "\n";
    return kExitUsage;
  }
  auto rules = load_rules(*vm);
  if (!rules) return kExitUsage;
  auto pipeline = Pipeline::create(*rules, PipelineOptions{false, false, false, false});
  if (!pipeline.ok()) {
    std::cerr << "polex: " << pipeline.status().message() << "\n";
    return kExitUsage;
  }
  std::unique_ptr<std::ostream> holder;
  std::ostream* out = open_output(*vm, &holder);
  if (!out) return kExitUsage;
  int exit_code = kExitOk;
  bool json = vm->count("json");
  for (const std::string& path : (*vm)["input"].as<std::vector<std::string>>()) {
    std::string bytes, error;
    if (!read_input(path, &bytes, &error)) {
      std::cerr << "polex: " << path << ": " << error << "\n";
      exit_code = kExitInputFailed;
      continue;
    }
    Document doc = pipeline.value().clean(document_id(path), bytes);
    for (const std::string& w : doc.warnings) std::cerr << "polex: " << path << ": warning: " << w << "\n";
    if (json) *out << clean_to_json(doc).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else *out << doc.clean.text() << "\n";
  }
  out->flush();
  return exit_code;
}

}  // namespace polex::cli
