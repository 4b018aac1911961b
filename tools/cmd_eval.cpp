// polex eval: precision, recall and F1 of predictions against gold annotations (guidelines §6).
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "annotations/evaluate.h"
#include "tools/cli.h"

namespace polex::cli {
namespace {

Result<eval::DocumentSet> load(const std::string& path, eval::Role role) {
  if (path != "-") return eval::load_documents(path, role);
  std::string bytes, error;
  if (!read_input(path, &bytes, &error)) return Status::error("stdin: " + error);
  return eval::parse_documents(bytes, "<stdin>", /*jsonl=*/true, role);
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// Like score.py: the 4-decimal rounded figure, shown with 3 decimals.
std::string fixed3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.3f", x);
  return buf;
}

// One line per missed or spurious annotation: where, the raw text, the attributes that decide a match.
void print_misses(std::ostream& out, const char* title, const std::vector<eval::Miss>& misses, size_t max) {
  out << "\n-- " << title << " (" << std::min(max, misses.size()) << " of " << misses.size() << ")\n";
  for (size_t i = 0; i < misses.size() && i < max; ++i) {
    const eval::EvalAnnotation& a = misses[i].annotation;
    std::string text = a.text.size() > 100 ? a.text.substr(0, 100) + "..." : a.text;
    for (char& c : text)
      if (c == '\n') c = ' ';
    out << misses[i].doc_id << "  " << a.type << " [" << a.start << "," << a.end << ")  \"" << text << "\"";
    for (const char* key : {"kind", "value", "value_max", "unit", "qualifier", "category", "canonical"}) {
      auto it = a.attrs.find(key);
      if (it != a.attrs.end()) out << "  " << key << "=" << eval::python_str(*it);
    }
    out << "\n";
  }
}

void print_table(std::ostream& out, const eval::Evaluation& ev) {
  out << std::left << std::setw(32) << "type" << std::right << std::setw(6) << "tp" << std::setw(6) << "fp"
      << std::setw(6) << "fn" << std::setw(7) << "P" << std::setw(7) << "R" << std::setw(7) << "F1" << "\n";
  for (const auto& [key, c] : ev.scores)
    out << std::left << std::setw(32) << key << std::right << std::setw(6) << c.tp << std::setw(6) << c.fp
        << std::setw(6) << c.fn << " " << fixed3(eval::round4(c.precision())) << " " << fixed3(eval::round4(c.recall())) << " "
        << fixed3(eval::round4(c.f1()))
        << "\n";
  for (const auto& [key, t] : ev.attributes)
    out << "attr " << std::left << std::setw(27) << key << std::right << fixed3(eval::round4(t.accuracy())) << "  (" << t.right << "/"
        << t.total << ")\n";
}

}  // namespace

int run_eval(int argc, char** argv) {
  const std::string usage =
      "Usage: polex eval [options] GOLD PRED\n\n"
      "Scores predictions against gold annotations (guidelines section 6): precision, recall\n"
      "and F1 per annotation type and per kind, attribute accuracy over matched pairs.\n"
      "GOLD and PRED are each a directory of schema-1 .json/.jsonl files, a .jsonl file,\n"
      "a .json file, or '-' (JSONL on stdin). Gold spans are checked against their text\n"
      "(and, with --texts, against the raw documents) before scoring.\n"
      "Exit status: 0 scored, 1 unreadable, malformed or inconsistent input, 2 usage error.";
  po::options_description options("Options");
  options.add_options()
      ("gold", po::value<std::string>(), "gold annotations")
      ("pred", po::value<std::string>(), "predicted annotations")
      ("json", "write the scores as JSON")
      ("misses", po::value<size_t>()->default_value(0), "list the first N missed and N spurious annotations")
      ("only", po::value<std::string>(), "score one type: policy_option, actor or numeric_claim")
      ("docs", po::value<std::string>(), "score these gold documents only (comma-separated ids)")
      ("texts", po::value<std::string>(), "directory of the raw texts: check gold spans and lengths against them");
  po::positional_options_description positional;
  positional.add("gold", 1).add("pred", 1);
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  if (!vm->count("gold") || !vm->count("pred")) {
    std::cerr << "polex: eval needs GOLD and PRED\n" << usage << "\n";
    return kExitUsage;
  }
  eval::EvalOptions eopts;
  if (vm->count("only")) eopts.only = (*vm)["only"].as<std::string>();
  if (vm->count("docs")) eopts.docs = split_commas((*vm)["docs"].as<std::string>());

  auto gold = load((*vm)["gold"].as<std::string>(), eval::Role::kGold);
  if (!gold.ok()) {
    std::cerr << "polex: gold: " << gold.status().message() << "\n";
    return kExitInputFailed;
  }
  std::string texts_dir = vm->count("texts") ? (*vm)["texts"].as<std::string>() : std::string();
  auto problems = eval::check_gold(gold.value(), vm->count("texts") ? &texts_dir : nullptr);
  if (!problems.empty()) {
    for (const auto& p : problems) std::cerr << "polex: gold: " << eval::to_string(p) << "\n";
    std::cerr << "polex: " << problems.size() << " problem(s) in the gold; not scoring\n";
    return kExitInputFailed;
  }
  auto pred = load((*vm)["pred"].as<std::string>(), eval::Role::kPrediction);
  if (!pred.ok()) {
    std::cerr << "polex: predictions: " << pred.status().message() << "\n";
    return kExitInputFailed;
  }
  for (const auto& w : gold.value().warnings) std::cerr << "polex: gold: warning: " << w << "\n";
  for (const auto& w : pred.value().warnings) std::cerr << "polex: predictions: warning: " << w << "\n";

  auto result = eval::evaluate(gold.value(), pred.value(), eopts);
  if (!result.ok()) {
    std::cerr << "polex: " << result.status().message() << "\n";
    return kExitUsage;
  }
  const eval::Evaluation& ev = result.value();
  auto join = [](const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
    return s;
  };
  if (!ev.without_prediction.empty())
    std::cerr << "polex: warning: " << ev.without_prediction.size()
              << " gold document(s) have no prediction (scored as all missed): " << join(ev.without_prediction) << "\n";
  if (!ev.not_in_gold.empty())
    std::cerr << "polex: warning: " << ev.not_in_gold.size()
              << " predicted document(s) have no gold (not scored): " << join(ev.not_in_gold) << "\n";

  size_t misses = (*vm)["misses"].as<size_t>();
  if (vm->count("json")) {
    std::cout << eval::to_json(ev, misses).dump(1) << "\n";
    return kExitOk;
  }
  print_table(std::cout, ev);
  if (misses) {
    print_misses(std::cout, "missed (gold without a match)", ev.missed, misses);
    print_misses(std::cout, "spurious (predictions without a match)", ev.spurious, misses);
  }
  return kExitOk;
}

}  // namespace polex::cli
