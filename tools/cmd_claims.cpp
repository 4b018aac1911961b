// polex claims: the numeric claims of each input as a terminal table.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "tools/cli.h"

namespace polex::cli {
namespace {

size_t width(std::string_view s) {  // in code points: close enough for a terminal
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// s cut to at most `max` code points, "…" marking the cut.
std::string fit(const std::string& s, size_t max) {
  if (width(s) <= max) return s;
  size_t cps = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++cps == max) break;
  }
  return s.substr(0, i) + "…";
}

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string attr(const nlohmann::json& attrs, const char* key) {
  auto it = attrs.find(key);
  if (it == attrs.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_float()) {
    std::ostringstream s;
    s << std::setprecision(12) << it->get<double>();
    return s.str();
  }
  return it->dump();
}

void print_document(const Document& doc, size_t sentence_width, std::ostream& out) {
  const std::vector<std::string> header = {"claim", "kind", "value", "unit", "qualifier", "year", "sentence"};
  std::vector<std::vector<std::string>> rows;
  for (const Annotation& a : doc.annotations) {
    if (a.type != "numeric_claim") continue;
    std::string value = attr(a.attrs, "value");
    if (a.attrs.contains("value_max")) value += "–" + attr(a.attrs, "value_max");
    std::string unit = attr(a.attrs, "unit");
    if (unit.empty()) unit = attr(a.attrs, "noun");
    // The sentence holding the claim (sentences are sorted and disjoint).
    std::string sentence;
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), a.clean_start,
                               [](uint32_t pos, const Sentence& s) { return pos < s.end; });
    if (a.clean_end > a.clean_start && it != doc.sentences.end() && it->begin <= a.clean_start)
      sentence = std::string(doc.clean_view(it->begin, it->end));
    rows.push_back({one_line(a.text), attr(a.attrs, "kind"), value, unit, attr(a.attrs, "qualifier"),
                    attr(a.attrs, "year"), fit(one_line(sentence), sentence_width)});
  }
  out << doc.id << ": " << rows.size() << " numeric claim" << (rows.size() == 1 ? "" : "s") << "\n";
  if (rows.empty()) return;
  std::vector<size_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    widths[c] = width(header[c]);
    for (const auto& r : rows) widths[c] = std::max(widths[c], width(r[c]));
  }
  auto print_row = [&](const std::vector<std::string>& r) {
    out << " ";
    for (size_t c = 0; c < r.size(); ++c) {
      out << " " << r[c];
      if (c + 1 < r.size()) out << std::string(widths[c] - width(r[c]) + 1, ' ');
    }
    out << "\n";
  };
  print_row(header);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& r : rows) print_row(r);
  out << "\n";
}

}  // namespace

int run_claims(int argc, char** argv) {
  const std::string usage =
      "Usage: polex claims [options] FILE...\n\nLists the numeric claims of each input as a table: the claim, its\n"
      "kind, value, unit (or counted noun), qualifier, year, and the sentence it is in.";
  po::options_description options("Options");
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(), "input files ('-' = stdin)")
      ("width", po::value<size_t>()->default_value(80), "cut sentences to this many characters (0: never)")
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
  PipelineOptions popts;
  popts.policy_options = false;
  popts.layout = false;
  auto pipeline = load_pipeline(*vm, popts);
  if (!pipeline) return kExitUsage;
  std::unique_ptr<std::ostream> holder;
  std::ostream* out = open_output(*vm, &holder);
  if (!out) return kExitUsage;
  size_t sentence_width = (*vm)["width"].as<size_t>();
  if (sentence_width == 0) sentence_width = static_cast<size_t>(-1);
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
    print_document(doc, sentence_width, *out);
  }
  out->flush();
  return exit_code;
}

}  // namespace polex::cli
