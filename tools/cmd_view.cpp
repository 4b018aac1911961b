// polex view: one self-contained HTML page showing the inputs' extractions.
#include "annotations/html_viewer.h"
#include "tools/cli.h"

namespace polex::cli {

int run_view(int argc, char** argv) {
  const std::string usage =
      "Usage: polex view [options] FILE... -o report.html\n\n"
      "Annotates the inputs (text or PDF) and writes one HTML page: each document's text with\n"
      "policy options, actors and numeric claims highlighted, type filters, per-document\n"
      "counts, and the attributes of what the pointer is on. The page needs no network.\n"
      "Open it with #types=policy_option,actor (or #hide=furniture) to start filtered.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "input files ('-' = stdin)")
      ("output,o", po::value<std::string>(), "the HTML file (default: stdout)")
      ("title", po::value<std::string>()->default_value("polex report"), "page title")
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
  auto pipeline = load_pipeline(*vm);
  if (!pipeline) return kExitUsage;
  int exit_code = kExitOk;
  std::vector<Document> docs;
  for (const std::string& path : (*vm)["input"].as<std::vector<std::string>>()) {
    std::string bytes, error;
    if (!read_input(path, &bytes, &error)) {
      std::cerr << "polex: " << path << ": " << error << "\n";
      exit_code = kExitInputFailed;
      continue;
    }
    docs.push_back(pipeline->process(document_id(path), bytes));
    for (const std::string& w : docs.back().warnings) std::cerr << "polex: " << path << ": warning: " << w << "\n";
  }
  std::vector<const Document*> pointers;
  for (const Document& d : docs) pointers.push_back(&d);
  std::unique_ptr<std::ostream> holder;
  std::ostream* out = open_output(*vm, &holder);
  if (!out) return kExitUsage;
  HtmlOptions hopts;
  hopts.title = (*vm)["title"].as<std::string>();
  *out << render_html(pointers, hopts);
  out->flush();
  return exit_code;
}

}  // namespace polex::cli
