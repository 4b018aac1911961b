// polex options: the policy options of each input as a human-readable list
// (section, agents, modality, statement) — the quick look analysts want.
#include <map>
#include <set>
#include <sstream>

#include "tools/cli.h"

namespace polex::cli {
namespace {

std::string join(const nlohmann::json& names) {
  std::string out;
  for (const auto& n : names) {
    if (!n.is_string()) continue;
    if (!out.empty()) out += ", ";
    out += n.get<std::string>();
  }
  return out;
}

std::string attr(const nlohmann::json& attrs, const char* key) {
  return attrs.contains(key) && attrs[key].is_string() ? attrs[key].get<std::string>() : std::string();
}

// One document: options grouped under their section, in reading order.
void print_document(const Document& doc, const std::set<std::string>& kinds, bool duplicates, std::ostream& out) {
  std::vector<const Annotation*> options;
  for (const Annotation& a : doc.annotations)
    if (a.type == "policy_option") options.push_back(&a);
  size_t shown = 0;
  std::ostringstream body;
  std::string section = "\x01";  // no section printed yet
  for (size_t i = 0; i < options.size(); ++i) {
    const nlohmann::json& attrs = options[i]->attrs;
    std::string kind = attr(attrs, "kind");
    if (!kinds.empty() && !kinds.count(kind)) continue;
    bool duplicate = attrs.contains("duplicate_of");
    if (duplicate && !duplicates) continue;
    std::string s = attr(attrs, "section");
    if (s != section) {
      body << "\n  § " << (s.empty() ? "(before the first heading)" : s) << "\n";
      section = s;
    }
    body << "  " << (i + 1) << ". [" << kind << ", " << attr(attrs, "modality") << "]";
    std::string agents = attrs.contains("agents") ? join(attrs["agents"]) : "";
    if (!agents.empty()) body << " agents: " << agents;
    if (duplicate) body << " (repeats " << attrs["duplicate_of"].get<size_t>() + 1 << ")";
    body << "\n     " << attr(attrs, "statement") << "\n";
    ++shown;
  }
  out << doc.id << ": " << shown << " policy option" << (shown == 1 ? "" : "s") << "\n" << body.str() << "\n";
}

}  // namespace

int run_options(int argc, char** argv) {
  const std::string usage =
      "Usage: polex options [options] FILE...\n\nLists the policy options of each input: section, kind, modality,\n"
      "agents and the statement, numbered in reading order.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "input files ('-' = stdin)")
      ("kind", po::value<std::string>(), "only these kinds, comma-separated: marker,list_item,recommend_verb,directive")
      ("no-duplicates", "leave out options that repeat an earlier one")
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
  std::set<std::string> kinds;
  if (vm->count("kind")) {
    std::stringstream list((*vm)["kind"].as<std::string>());
    for (std::string k; std::getline(list, k, ',');) {
      if (k != "marker" && k != "list_item" && k != "recommend_verb" && k != "directive") {
        std::cerr << "polex: unknown kind '" << k << "'\n";
        return kExitUsage;
      }
      kinds.insert(k);
    }
  }
  PipelineOptions popts;
  popts.numeric_claims = false;
  popts.layout = false;
  auto pipeline = load_pipeline(*vm, popts);
  if (!pipeline) return kExitUsage;
  std::unique_ptr<std::ostream> holder;
  std::ostream* out = open_output(*vm, &holder);
  if (!out) return kExitUsage;
  int exit_code = kExitOk;
  for (const std::string& path : (*vm)["input"].as<std::vector<std::string>>()) {
    std::string bytes, error;
    if (!read_input(path, &bytes, &error)) {
      std::cerr << "polex: " << path << ": " << error << "\n";
      exit_code = kExitInputFailed;
      continue;
    }
    Document doc = pipeline->process(document_id(path), bytes);
    for (const std::string& w : doc.warnings) std::cerr << "polex: " << path << ": warning: " << w << "\n";
    print_document(doc, kinds, !vm->count("no-duplicates"), *out);
  }
  out->flush();
  return exit_code;
}

}  // namespace polex::cli
