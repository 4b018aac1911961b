// polex eval: precision, recall and F1 of predictions against gold annotations (guidelines §6).
#include <cstdio>
#include <iomanip>
#include <optional>
#include <sstream>

#include "annotations/evaluate.h"
#include "annotations/evaluate_compare.h"
#include "tools/cli.h"

namespace polex::cli {
namespace {

constexpr int kExitRegressed = 3;

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

// An annotation's text on one line, cut at 100 bytes (at a character boundary).
std::string one_line(const std::string& text) {
  size_t cut = text.size();
  if (cut > 100) {
    cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out = text.substr(0, cut) + (cut < text.size() ? "..." : "");
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

// One line per missed or spurious annotation: where, the raw text, the attributes that decide a match.
void print_misses(std::ostream& out, const char* title, const std::vector<eval::Miss>& misses, size_t max) {
  out << "\n-- " << title << " (" << std::min(max, misses.size()) << " of " << misses.size() << ")\n";
  for (size_t i = 0; i < misses.size() && i < max; ++i) {
    const eval::EvalAnnotation& a = misses[i].annotation;
    out << misses[i].doc_id << "  " << a.type << " [" << a.start << "," << a.end << ")  \"" << one_line(a.text) << "\"";
    for (const char* key : {"kind", "value", "value_max", "unit", "qualifier", "category", "canonical"}) {
      auto it = a.attrs.find(key);
      if (it != a.attrs.end()) out << "  " << key << "=" << eval::python_str(*it);
    }
    out << "\n";
  }
}

// One line per attribute a matched prediction got wrong: the gold's value and the prediction's.
void print_attribute_errors(std::ostream& out, const char* title, const std::vector<eval::AttributeError>& errors,
                            size_t max) {
  out << "\n-- " << title << " (" << std::min(max, errors.size()) << " of " << errors.size() << ")\n";
  for (size_t i = 0; i < errors.size() && i < max; ++i) {
    const eval::AttributeError& e = errors[i];
    auto gold = e.gold.attrs.find(e.key);
    out << e.doc_id << "  " << e.gold.type << " [" << e.gold.start << "," << e.gold.end << ")  \""
        << one_line(e.gold.text) << "\"  " << e.key << ": gold="
        << (gold == e.gold.attrs.end() ? std::string() : eval::python_str(*gold)) << " predicted=" << e.predicted
        << "\n";
  }
}

std::string signed3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+7.3f", x);
  return buf;
}

// Before and after, side by side, with the change; keys whose figures did not move are marked "=".
void print_comparison(std::ostream& out, const eval::Comparison& c, size_t max) {
  out << std::left << std::setw(32) << "type" << std::right << std::setw(8) << "before" << std::setw(8) << "after"
      << std::setw(8) << "change" << "   tp/fp/fn after\n";
  for (const eval::ScoreChange& s : c.scores) {
    double before = eval::round4(s.attribute ? s.before_attr.accuracy() : s.before.f1());
    double after = eval::round4(s.attribute ? s.after_attr.accuracy() : s.after.f1());
    out << std::left << std::setw(32) << ((s.attribute ? "attr " : "") + s.key) << std::right << "  "
        << fixed3(before) << "  " << fixed3(after) << " " << (before == after ? "      =" : signed3(after - before));
    if (s.attribute)
      out << "   " << s.after_attr.right << "/" << s.after_attr.total;
    else
      out << "   " << s.after.tp << "/" << s.after.fp << "/" << s.after.fn;
    out << "\n";
  }
  print_misses(out, "found (missed by the baseline, matched now)", c.found, max);
  print_misses(out, "lost (matched by the baseline, missed now)", c.lost, max);
  print_misses(out, "new spurious", c.new_spurious, max);
  print_misses(out, "spurious no more", c.fixed_spurious, max);
  print_attribute_errors(out, "attributes broken", c.attributes_broken, max);
  print_attribute_errors(out, "attributes fixed (the baseline's wrong value shown)", c.attributes_fixed, max);
  out << "\n" << (c.regressed() ? "REGRESSED: some score is lower than the baseline's" : "no score is lower than the baseline's")
      << "\n";
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
      "With --baseline OLD (earlier predictions, e.g. before a rule change), shows both\n"
      "scores side by side and what changed: gold annotations found and lost, spurious\n"
      "ones added and removed, attributes broken and fixed.\n"
      "Exit status: 0 scored, 1 unreadable, malformed or inconsistent input, 2 usage error,\n"
      "3 with --fail-on-regression when a score is lower than the baseline's.";
  po::options_description options("Options");
  options.add_options()
      ("gold", po::value<std::string>(), "gold annotations")
      ("pred", po::value<std::string>(), "predicted annotations")
      ("json", "write the scores as JSON")
      ("misses", po::value<size_t>(), "list the first N missed and N spurious annotations (with --baseline:\n"
                                       "N of each kind of change; default 20)")
      ("baseline", po::value<std::string>(), "earlier predictions to compare with")
      ("fail-on-regression", "with --baseline: exit 3 when any F1 or attribute accuracy is lower")
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

  std::optional<eval::DocumentSet> baseline;
  if (vm->count("baseline")) {
    auto loaded = load((*vm)["baseline"].as<std::string>(), eval::Role::kPrediction);
    if (!loaded.ok()) {
      std::cerr << "polex: baseline: " << loaded.status().message() << "\n";
      return kExitInputFailed;
    }
    for (const auto& w : loaded.value().warnings) std::cerr << "polex: baseline: warning: " << w << "\n";
    baseline = std::move(loaded).value();
  } else if (vm->count("fail-on-regression")) {
    std::cerr << "polex: --fail-on-regression needs --baseline\n";
    return kExitUsage;
  }

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

  if (baseline) {
    auto before = eval::evaluate(gold.value(), *baseline, eopts);
    if (!before.ok()) {
      std::cerr << "polex: baseline: " << before.status().message() << "\n";
      return kExitUsage;
    }
    eval::Comparison comparison = eval::compare(before.value(), ev);
    size_t items = vm->count("misses") ? (*vm)["misses"].as<size_t>() : 20;
    if (vm->count("json"))
      std::cout << eval::to_json(comparison, items).dump(1) << "\n";
    else
      print_comparison(std::cout, comparison, items);
    return vm->count("fail-on-regression") && comparison.regressed() ? kExitRegressed : kExitOk;
  }

  size_t misses = vm->count("misses") ? (*vm)["misses"].as<size_t>() : 0;
  if (vm->count("json")) {
    std::cout << eval::to_json(ev, misses).dump(1) << "\n";
    return kExitOk;
  }
  print_table(std::cout, ev);
  if (misses) {
    print_misses(std::cout, "missed (gold without a match)", ev.missed, misses);
    print_misses(std::cout, "spurious (predictions without a match)", ev.spurious, misses);
    print_attribute_errors(std::cout, "wrong attributes (matched, attribute differs)", ev.wrong_attributes, misses);
  }
  return kExitOk;
}

}  // namespace polex::cli
