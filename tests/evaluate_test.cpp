// Scoring (guidelines §6): alignment, tolerances, tallies, attribute folding,
// input errors, gold checks, and agreement with the reference scorer score.py.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "annotations/evaluate.h"
#include "annotations/evaluate_compare.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace polex::eval;

json ann(const std::string& type, int start, int end, json attrs = json::object()) {
  return {{"type", type}, {"start", start}, {"end", end}, {"text", std::string(end - start, 'x')}, {"attrs", attrs}};
}

json doc(const std::string& id, json annotations, int length = 1000) {
  if (!annotations.is_array()) annotations = json::array();  // `{}` reads as an empty object
  return {{"schema", 1}, {"document", {{"id", id}, {"length", length}}}, {"annotations", annotations}};
}

DocumentSet set_of(std::vector<json> docs, Role role = Role::kPrediction) {
  std::string text;
  for (const json& d : docs) text += d.dump() + "\n";
  auto set = parse_documents(text, "test.jsonl", true, role);
  REQUIRE(set.ok());
  return std::move(set).value();
}

Evaluation score(std::vector<json> gold, std::vector<json> pred, EvalOptions options = {}) {
  auto ev = evaluate(set_of(gold, Role::kGold), set_of(pred), options);
  REQUIRE(ev.ok());
  return std::move(ev).value();
}

void check_counts(const Evaluation& ev, const std::string& key, int64_t tp, int64_t fp, int64_t fn) {
  INFO(key);
  REQUIRE(ev.scores.count(key));
  const Counts& c = ev.scores.at(key);
  CHECK(c.tp == tp);
  CHECK(c.fp == fp);
  CHECK(c.fn == fn);
}

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("polex_eval_test_" + std::to_string(std::rand()) + "_" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name, const std::string& content = "") const {
    std::string p = (path / name).string();
    if (!content.empty()) std::ofstream(p, std::ios::binary) << content;
    return p;
  }
};

Run run_shell(const std::string& cmd, const TempDir& tmp) {
  std::string err_file = tmp.file("stderr.txt");
  FILE* p = popen((cmd + " 2>" + err_file).c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, polex::test::read_file(err_file)};
}

std::string polex_cmd(const std::string& args) { return std::string(POLEX_BINARY) + " " + args; }

}  // namespace

TEST_CASE("alignment is one-to-one, greedy, largest overlap first", "[evaluate]") {
  // P1 overlaps A and B by 5; P2 is exactly A. A takes P2 (overlap 10), so B gets P1.
  auto ev = score({doc("d", {ann("actor", 10, 20), ann("actor", 20, 30)})},
                  {doc("d", {ann("actor", 15, 25), ann("actor", 10, 20)})});
  check_counts(ev, "actor", 2, 0, 0);
  // Two predictions of one gold: one matches, the other is spurious.
  ev = score({doc("d", {ann("actor", 0, 10)})}, {doc("d", {ann("actor", 0, 10), ann("actor", 2, 8)})});
  check_counts(ev, "actor", 1, 1, 0);
  REQUIRE(ev.spurious.size() == 1);
  CHECK(ev.spurious[0].annotation.start == 2);
  // Touching spans do not overlap; types never cross.
  ev = score({doc("d", {ann("actor", 0, 10)})}, {doc("d", {ann("actor", 10, 12), ann("numeric_claim", 0, 10)})});
  check_counts(ev, "actor", 0, 1, 1);
  check_counts(ev, "numeric_claim", 0, 1, 0);
  // Every scored type has a row, even when empty; layout types are not scored.
  CHECK(ev.scores.count("policy_option"));
  ev = score({doc("d", {})}, {doc("d", {ann("sentence", 0, 10)})});
  CHECK(ev.spurious.empty());
}

TEST_CASE("numeric claims match on kind and value within 0.5%", "[evaluate]") {
  json money = {{"kind", "money"}, {"value", 200}};
  auto with = [](json attrs, const char* key, json value) {
    attrs[key] = value;
    return attrs;
  };
  auto matches = [&](json gold_attrs, json pred_attrs) {
    auto ev = score({doc("d", {ann("numeric_claim", 0, 10, gold_attrs)})},
                    {doc("d", {ann("numeric_claim", 2, 12, pred_attrs)})});
    return ev.scores.at("numeric_claim").tp == 1;
  };
  CHECK(matches(money, money));
  CHECK(matches(money, with(money, "value", 201)));       // |1| <= 0.005 * 201
  CHECK(matches(money, with(money, "value", 199)));       // |1| <= 0.005 * 200
  CHECK_FALSE(matches(money, with(money, "value", 201.01)));
  CHECK(matches(money, with(money, "value", "200")));     // a numeric string, as Python's float() reads it
  CHECK_FALSE(matches(money, with(money, "value", "n/a")));
  CHECK_FALSE(matches(money, with(money, "kind", "count")));
  CHECK_FALSE(matches(money, json{{"kind", "money"}}));   // no value
  CHECK(matches(json{{"kind", "rank"}}, json{{"kind", "rank"}, {"value", nullptr}}));  // both without value
  json range = with(money, "value_max", 300);
  CHECK(matches(range, with(money, "value_max", 301)));
  CHECK_FALSE(matches(range, money));                     // the gold's value_max must be predicted
  CHECK(matches(money, range));                           // a predicted value_max the gold lacks is not checked
  CHECK_FALSE(matches(range, with(money, "value_max", 310)));
}

TEST_CASE("policy options need an overlap of half the longer span", "[evaluate]") {
  auto matches = [](int start, int end) {
    auto ev = score({doc("d", {ann("policy_option", 0, 100, {{"kind", "directive"}})})},
                    {doc("d", {ann("policy_option", start, end, {{"kind", "directive"}})})});
    return ev.scores.at("policy_option").tp == 1;
  };
  CHECK(matches(0, 50));
  CHECK_FALSE(matches(0, 49));
  CHECK(matches(0, 200));
  CHECK_FALSE(matches(0, 201));
  CHECK(matches(50, 150));
  CHECK_FALSE(matches(51, 150));
}

TEST_CASE("per-kind tallies: tp and fn by the gold's kind, fp by the prediction's", "[evaluate]") {
  auto ev = score({doc("d", {ann("policy_option", 0, 100, {{"kind", "directive"}}),
                             ann("policy_option", 200, 300, {{"kind", "recommend_verb"}}),
                             ann("numeric_claim", 400, 410, {{"value", 3}})})},
                  {doc("d", {ann("policy_option", 0, 100, {{"kind", "recommend_verb"}}),
                             ann("policy_option", 500, 600, {{"kind", "should"}}),
                             ann("numeric_claim", 700, 710, {{"kind", "count"}, {"value", 3}})})});
  check_counts(ev, "policy_option", 1, 1, 1);
  check_counts(ev, "policy_option/directive", 1, 0, 0);
  check_counts(ev, "policy_option/recommend_verb", 0, 0, 1);
  check_counts(ev, "policy_option/should", 0, 1, 0);
  check_counts(ev, "numeric_claim/?", 0, 0, 1);
  check_counts(ev, "numeric_claim/count", 0, 1, 0);
  CHECK_FALSE(ev.scores.count("actor/?"));
  CHECK(ev.scores.at("policy_option").precision() == Approx(0.5));
  CHECK(ev.scores.at("policy_option/directive").f1() == 1.0);
  CHECK(ev.scores.at("policy_option/should").f1() == 0.0);
  // policy_option.kind accuracy: the matched pair disagrees.
  CHECK(ev.attributes.at("policy_option.kind").right == 0);
  CHECK(ev.attributes.at("policy_option.kind").total == 1);
}

TEST_CASE("attribute accuracy folds case, accents, compatibility forms and spaces", "[evaluate]") {
  auto ev = score({doc("d", {ann("actor", 0, 6, {{"category", "country"}, {"canonical", "México"}}),
                             ann("actor", 10, 16, {{"category", "country"}, {"canonical", "Straße"}}),
                             ann("actor", 20, 26, {{"category", "person"}, {"canonical", "ﬁnance"}}),
                             ann("actor", 30, 36, {{"category", "person"}, {"canonical", ""}}),
                             ann("numeric_claim", 40, 46, {{"kind", "count"}, {"value", 1}, {"unit", nullptr}}),
                             ann("numeric_claim", 50, 56, {{"kind", "count"}, {"value", 2}})})},
                  {doc("d", {ann("actor", 0, 6, {{"category", " COUNTRY\n"}, {"canonical", "MEXICO"}}),
                             ann("actor", 10, 16, {{"category", "country"}, {"canonical", "STRASSE"}}),
                             ann("actor", 20, 26, {{"category", "country"}, {"canonical", "Finance"}}),
                             ann("actor", 30, 36, {{"category", "person"}}),
                             ann("numeric_claim", 40, 46, {{"kind", "count"}, {"value", 1}}),
                             ann("numeric_claim", 50, 56, {{"kind", "count"}, {"value", 2}, {"qualifier", "about"}})})});
  check_counts(ev, "actor", 4, 0, 0);
  CHECK(ev.attributes.at("actor.canonical").right == 4);   // a missing attribute equals ""
  CHECK(ev.attributes.at("actor.category").right == 3);
  CHECK(ev.attributes.at("actor.category").total == 4);
  // The gold's null unit is Python's "None", a missing prediction is "": wrong.
  CHECK(ev.attributes.at("numeric_claim.unit").right == 0);
  CHECK(ev.attributes.at("numeric_claim.unit").total == 1);
  // A qualifier the gold lacks is not counted.
  CHECK_FALSE(ev.attributes.count("numeric_claim.qualifier"));
}

TEST_CASE("Python semantics: str(), fold(), round()", "[evaluate]") {
  CHECK(python_str(json(1800000000000.0)) == "1800000000000.0");
  CHECK(python_str(json(1e16)) == "1e+16");
  CHECK(python_str(json(1234567890123456.0)) == "1234567890123456.0");
  CHECK(python_str(json(0.0001)) == "0.0001");
  CHECK(python_str(json(0.00001)) == "1e-05");
  CHECK(python_str(json(-2.5)) == "-2.5");
  CHECK(python_str(json(0.1)) == "0.1");
  CHECK(python_str(json(40)) == "40");
  CHECK(python_str(json(true)) == "True");
  CHECK(python_str(json(nullptr)) == "None");
  CHECK(python_str(json::parse(R"(["a", 1, null, "it's"])")) == R"(['a', 1, None, "it's"])");
  CHECK(fold("  Ｍéxico\u00a0") == "mexico");
  CHECK(fold("STRASSE") == fold("Straße"));
  CHECK(fold("\t Hello ") == "hello");
  CHECK(round4(2.0 / 3.0) == 0.6667);
  CHECK(round4(0.03125) == 0.0312);  // an exact tie rounds to even, as Python does
  CHECK(round4(1.0) == 1.0);
}

TEST_CASE("documents: missing predictions, documents not in the gold, --only, --docs", "[evaluate]") {
  std::vector<json> gold = {doc("a", {ann("actor", 0, 5)}), doc("b", {ann("actor", 0, 5), ann("actor", 9, 12)})};
  auto ev = score(gold, {doc("a", {ann("actor", 0, 5)}), doc("z", {ann("actor", 0, 5)})});
  check_counts(ev, "actor", 1, 0, 2);
  CHECK(ev.without_prediction == std::vector<std::string>{"b"});
  CHECK(ev.not_in_gold == std::vector<std::string>{"z"});
  CHECK(ev.documents == 2);
  REQUIRE(ev.missed.size() == 2);
  CHECK(ev.missed[0].doc_id == "b");
  EvalOptions only_a;
  only_a.docs = std::vector<std::string>{"a"};
  check_counts(score(gold, {}, only_a), "actor", 0, 0, 1);
  EvalOptions only_actor;
  only_actor.only = "actor";
  auto ev_only = score(gold, {}, only_actor);
  CHECK(ev_only.scores.size() == 1);
  EvalOptions bad_type;
  bad_type.only = "actors";
  CHECK_FALSE(evaluate(set_of(gold, Role::kGold), set_of({}), bad_type).ok());
  EvalOptions bad_doc;
  bad_doc.docs = std::vector<std::string>{"nope"};
  auto r = evaluate(set_of(gold, Role::kGold), set_of({}), bad_doc);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("nope") != std::string::npos);
}

TEST_CASE("malformed input is an error naming the file, line and annotation", "[evaluate]") {
  std::string good = doc("a", {ann("actor", 0, 5)}).dump();
  auto r = parse_documents(good + "\n{\"schema\": 1, \"document\": \n", "pred.jsonl", true, Role::kPrediction);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("pred.jsonl:2: malformed JSON", 0) == 0);
  r = parse_documents(good + "\n" + good, "two.json", false, Role::kPrediction);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("two.json") != std::string::npos);
  r = parse_documents(R"({"schema": 1, "annotations": []})", "x.json", false, Role::kPrediction);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("document") != std::string::npos);
  r = parse_documents(R"({"document": {"id": "a"}, "annotations": [{"type": "sentence"}, {"type": "actor", "start": "3", "end": 5}]})",
                      "x.json", false, Role::kPrediction);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("annotation 1") != std::string::npos);
  // Gold annotations carry their text; predictions need not.
  std::string no_text = R"({"document": {"id": "a"}, "annotations": [{"type": "actor", "start": 3, "end": 5}]})";
  CHECK(parse_documents(no_text, "x.json", false, Role::kPrediction).ok());
  CHECK_FALSE(parse_documents(no_text, "x.json", false, Role::kGold).ok());
  CHECK_FALSE(parse_documents(R"({"schema": 2, "document": {"id": "a"}, "annotations": []})", "x.json", false,
                              Role::kPrediction).ok());
  // JSONL splits at \n only: U+2028, U+2029 and U+0085 inside strings are text
  // (score.py's str.splitlines() breaks such lines; JSON writers leave them unescaped).
  json odd = doc("a", {ann("actor", 0, 5)});
  odd["annotations"][0]["text"] = "U.S.\u2028\u0085x";
  auto odd_set = parse_documents(odd.dump() + "\n", "p.jsonl", true, Role::kPrediction);
  REQUIRE(odd_set.ok());
  CHECK(odd_set.value().docs.at("a").annotations.at(0).text == "U.S.\u2028\u0085x");
  // A repeated id: the last one wins, with a warning.
  auto twice = parse_documents(good + "\n" + doc("a", {}).dump() + "\n", "p.jsonl", true, Role::kPrediction);
  REQUIRE(twice.ok());
  CHECK(twice.value().docs.at("a").annotations.empty());
  CHECK(twice.value().warnings.size() == 1);
}

TEST_CASE("gold spans are checked against their text and the raw text", "[evaluate]") {
  TempDir tmp;
  std::string raw = "Mexico and\nthe U.S. agree.\n";  // 27 code points
  tmp.file("t.txt", raw);
  auto gold_of = [](json annotations, int length) {
    json d = doc("t", annotations, length);
    auto set = parse_documents(d.dump(), "gold/t.json", false, Role::kGold);
    REQUIRE(set.ok());
    return std::move(set).value();
  };
  json mexico = {{"type", "actor"}, {"start", 0}, {"end", 6}, {"text", "Mexico"}};
  json us = {{"type", "actor"}, {"start", 15}, {"end", 19}, {"text", "U.S."}};
  std::string texts = tmp.path.string();
  CHECK(check_gold(gold_of({mexico, us}, 27), &texts).empty());
  CHECK(check_gold(gold_of({mexico, us}, 27)).empty());
  // Off by one: the text no longer matches the raw slice.
  json shifted = us;
  shifted["start"] = 14;
  shifted["end"] = 18;
  auto problems = check_gold(gold_of({mexico, shifted}, 27), &texts);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].index == std::optional<size_t>(1));
  std::string message = to_string(problems[0]);
  CHECK(message.find("gold/t.json") != std::string::npos);
  CHECK(message.find("annotation 1") != std::string::npos);
  CHECK(message.find("\" U.S\"") != std::string::npos);
  // Without the raw text, a text whose length differs from its span is caught.
  json short_text = us;
  short_text["text"] = "US";
  problems = check_gold(gold_of({mexico, short_text}, 27));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("covers 4 code points") != std::string::npos);
  // Spans past document.length, inverted spans, wrong lengths, missing texts.
  json past = {{"type", "actor"}, {"start", 25}, {"end", 30}, {"text", "xxxxx"}};
  CHECK(check_gold(gold_of({past}, 27)).size() == 1);
  json inverted = {{"type", "actor"}, {"start", 5}, {"end", 5}, {"text", ""}};
  CHECK(check_gold(gold_of({inverted}, 27)).size() == 1);
  problems = check_gold(gold_of({mexico}, 28), &texts);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("document.length 28 != 27") != std::string::npos);
  std::string empty_dir = tmp.file("none");
  fs::create_directories(empty_dir);
  CHECK(check_gold(gold_of({mexico}, 27), &empty_dir).size() == 1);
}

TEST_CASE("the bundled gold matches the bundled corpus", "[evaluate][data]") {
  auto gold = load_documents(polex::test::data_dir() + "/gold", Role::kGold);
  REQUIRE(gold.ok());
  CHECK(gold.value().docs.size() == polex::test::corpus().size());
  std::string texts = polex::test::data_dir() + "/corpus";
  auto problems = check_gold(gold.value(), &texts);
  for (const auto& p : problems) UNSCOPED_INFO(to_string(p));
  CHECK(problems.empty());
}

TEST_CASE("wrong attributes of matched pairs are listed with both values", "[evaluate]") {
  json gold = doc("d", {ann("actor", 0, 6, {{"category", "country"}, {"canonical", "Mexico"}}),
                        ann("actor", 10, 14, {{"category", "country"}, {"canonical", "United States"}})});
  json pred = doc("d", {ann("actor", 0, 6, {{"category", "country"}, {"canonical", "MEXICO"}}),  // folded: right
                        ann("actor", 10, 14, {{"category", "intl_org"}, {"canonical", "USA"}})});
  Evaluation ev = score({gold}, {pred});
  REQUIRE(ev.wrong_attributes.size() == 2);
  CHECK(ev.wrong_attributes[0].gold.start == 10);
  CHECK(ev.wrong_attributes[0].key == "canonical");
  CHECK(to_json(ev.wrong_attributes[0])["gold"] == "United States");
  CHECK(ev.wrong_attributes[1].key == "category");
  CHECK(ev.wrong_attributes[1].predicted == "intl_org");
}

TEST_CASE("comparison with a baseline: found, lost, spurious added and removed, attributes", "[evaluate]") {
  json gold = doc("d", {ann("actor", 0, 6, {{"category", "country"}, {"canonical", "Mexico"}}),
                        ann("actor", 10, 14, {{"category", "country"}, {"canonical", "Canada"}}),
                        ann("actor", 20, 24, {{"category", "country"}, {"canonical", "Peru"}}),
                        ann("numeric_claim", 30, 33, {{"kind", "percent"}, {"value", 5}})});
  // The baseline finds the first two actors (one with a wrong canonical) and a spurious claim.
  json before = doc("d", {ann("actor", 0, 6, {{"category", "country"}, {"canonical", "Mexico"}}),
                          ann("actor", 10, 14, {{"category", "country"}, {"canonical", "Chile"}}),
                          ann("numeric_claim", 40, 42, {{"kind", "count"}, {"value", 7}})});
  // Now: the first actor is lost, the third found, the canonical fixed, the
  // claim read right, and the spurious claim gone while another appears.
  json after = doc("d", {ann("actor", 10, 14, {{"category", "country"}, {"canonical", "Canada"}}),
                         ann("actor", 20, 24, {{"category", "country"}, {"canonical", "Peru"}}),
                         ann("numeric_claim", 30, 33, {{"kind", "percent"}, {"value", 5}}),
                         ann("numeric_claim", 50, 52, {{"kind", "count"}, {"value", 9}})});
  Comparison c = compare(score({gold}, {before}), score({gold}, {after}));
  REQUIRE(c.found.size() == 2);  // Peru and the claim
  CHECK(c.found[0].annotation.start == 20);
  CHECK(c.found[1].annotation.type == "numeric_claim");
  REQUIRE(c.lost.size() == 1);
  CHECK(c.lost[0].annotation.start == 0);
  REQUIRE(c.new_spurious.size() == 1);
  CHECK(c.new_spurious[0].annotation.start == 50);
  REQUIRE(c.fixed_spurious.size() == 1);
  CHECK(c.fixed_spurious[0].annotation.start == 40);
  REQUIRE(c.attributes_fixed.size() == 1);
  CHECK(c.attributes_fixed[0].predicted == "Chile");
  CHECK(c.attributes_broken.empty());
  // numeric_claim F1 went from 0 to 2/3; actor stayed at 2/3; canonical accuracy 1/2 -> 1.
  CHECK(!c.regressed());
  json j = to_json(c, 10);
  CHECK(j["scores"]["numeric_claim"]["before"]["f1"] == 0.0);
  CHECK(j["scores"]["numeric_claim"]["after"]["f1"] == 0.6667);
  CHECK(j["attribute_accuracy"]["actor.canonical"]["after"] == 1.0);
  CHECK(j["counts"]["lost"] == 1);
  // The other way round, everything is a regression.
  Comparison back = compare(score({gold}, {after}), score({gold}, {before}));
  CHECK(back.regressed());
  CHECK(back.lost.size() == 2);
  CHECK(back.attributes_broken.size() == 1);
}

TEST_CASE("polex eval: report, JSON, misses and errors", "[evaluate][cli]") {
  TempDir tmp;
  std::string gold = polex::test::data_dir() + "/gold";
  std::string corpus = polex::test::data_dir() + "/corpus";
  Run self = run_shell(polex_cmd("eval " + gold + " " + gold + " --texts " + corpus), tmp);
  REQUIRE(self.exit_code == 0);
  CHECK(self.out.find("actor") != std::string::npos);
  CHECK(self.out.find("policy_option/directive") != std::string::npos);
  CHECK(self.out.find("attr actor.canonical") != std::string::npos);
  Run as_json = run_shell(polex_cmd("eval --json --misses 3 " + gold + " " + polex::test::data_dir() +
                                    "/eval_cases/missing_docs.jsonl"),
                          tmp);
  REQUIRE(as_json.exit_code == 0);
  json j = json::parse(as_json.out);
  CHECK(j["scores"]["actor"]["fp"] == 2);
  CHECK(j["missed"].size() == 3);
  CHECK(j["spurious"].size() == 2);
  CHECK(j["documents"]["not_in_gold"] == json::array({"999_not_in_gold"}));
  CHECK(as_json.err.find("no prediction") != std::string::npos);
  // --baseline: the comparison, and --fail-on-regression's exit status.
  std::string degraded = polex::test::data_dir() + "/eval_cases/missing_docs.jsonl";
  Run better = run_shell(polex_cmd("eval --fail-on-regression --baseline " + degraded + " " + gold + " " + gold), tmp);
  CHECK(better.exit_code == 0);
  CHECK(better.out.find("-- found (missed by the baseline, matched now)") != std::string::npos);
  CHECK(better.out.find("no score is lower") != std::string::npos);
  Run worse = run_shell(polex_cmd("eval --fail-on-regression --json --baseline " + gold + " " + gold + " " + degraded), tmp);
  CHECK(worse.exit_code == 3);
  CHECK(json::parse(worse.out)["regressed"] == true);
  CHECK(run_shell(polex_cmd("eval --fail-on-regression " + gold + " " + gold), tmp).exit_code == 2);
  Run misses = run_shell(polex_cmd("eval --misses 2 " + gold + " " + polex::test::data_dir() +
                                   "/eval_cases/overlaps.jsonl"),
                         tmp);
  CHECK(misses.out.find("-- missed") != std::string::npos);
  CHECK(misses.out.find("-- spurious") != std::string::npos);

  // A gold file whose span does not match its text: the file and the annotation index.
  json bad = json::parse(polex::test::read_file(gold + "/002_221d781ef658cb20.json"));
  bad["annotations"][4]["start"] = bad["annotations"][4]["start"].get<int>() + 1;
  fs::create_directories(tmp.path / "badgold");
  std::string bad_path = tmp.file("badgold/002_221d781ef658cb20.json", bad.dump(1));
  Run bad_run = run_shell(polex_cmd("eval " + (tmp.path / "badgold").string() + " " + gold), tmp);
  CHECK(bad_run.exit_code == 1);
  CHECK(bad_run.err.find(bad_path + ": 002_221d781ef658cb20: annotation 4") != std::string::npos);
  // The same with --texts: the raw slice is shown.
  bad["annotations"][4]["start"] = bad["annotations"][4]["start"].get<int>() - 1;
  bad["annotations"][4]["text"] = std::string(bad["annotations"][4]["end"].get<int>() - bad["annotations"][4]["start"].get<int>(), 'x');
  tmp.file("badgold/002_221d781ef658cb20.json", bad.dump(1));
  bad_run = run_shell(polex_cmd("eval --texts " + corpus + " " + (tmp.path / "badgold").string() + " " + gold), tmp);
  CHECK(bad_run.exit_code == 1);
  CHECK(bad_run.err.find("annotation 4") != std::string::npos);
  CHECK(bad_run.err.find("does not match the raw text") != std::string::npos);

  std::string broken = tmp.file("broken.jsonl", "{\"schema\": 1,\n");
  Run broken_run = run_shell(polex_cmd("eval " + gold + " " + broken), tmp);
  CHECK(broken_run.exit_code == 1);
  CHECK(broken_run.err.find(broken + ":1: malformed JSON") != std::string::npos);
  // Predictions on stdin.
  Run piped = run_shell("cat " + polex::test::data_dir() + "/eval_cases/duplicates.jsonl | " +
                            polex_cmd("eval --json --only actor " + gold + " -"),
                        tmp);
  REQUIRE(piped.exit_code == 0);
  json pj = json::parse(piped.out);
  CHECK(pj["scores"]["actor"]["tp"] == pj["scores"]["actor"]["fp"]);
  CHECK(pj["scores"]["actor"]["fn"] == 0);
  CHECK(run_shell(polex_cmd("eval " + gold), tmp).exit_code == 2);
  CHECK(run_shell(polex_cmd("eval --only actors " + gold + " " + gold), tmp).exit_code == 2);
  CHECK(run_shell(polex_cmd("eval " + gold + " " + tmp.file("missing.jsonl")), tmp).exit_code == 1);
}

// The reference scorer and polex eval on the same inputs: identical counts,
// figures and attribute accuracies. Runs ../shared/tools/score.py (when the
// project sits next to the shared material) and the copy in tests/reference/.
TEST_CASE("polex eval agrees with the reference scorer score.py", "[evaluate][reference]") {
  std::vector<std::string> scripts;
  for (std::string s : {polex::test::data_dir() + "/../../shared/tools/score.py",
                        polex::test::data_dir() + "/reference/score.py"})
    if (fs::exists(s)) scripts.push_back(s);
  if (std::system("python3 -c 'import sys; sys.exit(sys.version_info < (3, 6))' >/dev/null 2>&1") != 0 ||
      scripts.empty()) {
    WARN("SKIPPED: the comparison with score.py needs python3 and tests/reference/score.py");
    return;
  }
  if (scripts.size() == 2 && polex::test::read_file(scripts[0]) != polex::test::read_file(scripts[1]))
    WARN("tests/reference/score.py differs from " << scripts[0] << ": copy it over");
  TempDir tmp;
  std::string data = polex::test::data_dir();
  std::string gold = data + "/gold";
  std::string extraction = tmp.file("extraction.jsonl");
  Run extract = run_shell(polex_cmd("extract --format jsonl -o " + extraction + " " + data + "/corpus/*.txt"), tmp);
  REQUIRE(extract.exit_code == 0);
  struct Case {
    std::string pred, options;
  };
  std::vector<Case> cases = {{extraction, ""},
                             {extraction, "--only policy_option"},
                             {extraction, "--docs 002_221d781ef658cb20,000_27056bfdf7c6056c"},
                             {gold, ""}};
  for (const char* name : {"overlaps", "values", "duplicates", "missing_docs"})
    cases.push_back({data + "/eval_cases/" + name + ".jsonl", ""});
  // The reference runs are slow (quadratic alignment in Python): run them side by side.
  std::string batch;
  std::vector<std::pair<std::string, const Case*>> runs;
  for (const std::string& script : scripts)
    for (const Case& c : cases) {
      std::string out = tmp.file("ref_" + std::to_string(runs.size()));
      batch += "(python3 " + script + " score " + gold + " " + c.pred + " --json " + c.options + " >" + out +
               ".json 2>" + out + ".err; echo $? >" + out + ".rc) & ";
      runs.emplace_back(script, &c);
    }
  REQUIRE(std::system((batch + "wait").c_str()) == 0);
  for (size_t i = 0; i < runs.size(); ++i) {
    const Case& c = *runs[i].second;
    std::string out = tmp.file("ref_" + std::to_string(i));
    INFO(runs[i].first << " score " << gold << " " << c.pred << " " << c.options << "\n"
                       << polex::test::read_file(out + ".err"));
    REQUIRE(polex::test::read_file(out + ".rc") == "0\n");
    Run ours = run_shell(polex_cmd("eval " + gold + " " + c.pred + " --json " + c.options), tmp);
    REQUIRE(ours.exit_code == 0);
    json r = json::parse(polex::test::read_file(out + ".json")), o = json::parse(ours.out);
    std::vector<std::string> ref_keys, our_keys;
    for (const auto& [k, v] : r["scores"].items()) ref_keys.push_back(k);
    for (const auto& [k, v] : o["scores"].items()) our_keys.push_back(k);
    CHECK(ref_keys == our_keys);
    for (const auto& [k, v] : r["scores"].items()) {
      INFO(k);
      if (!o["scores"].contains(k)) continue;
      for (const char* field : {"tp", "fp", "fn", "precision", "recall", "f1"})
        CHECK(v[field].get<double>() == o["scores"][k][field].get<double>());
    }
    CHECK(r["attribute_accuracy"] == o["attribute_accuracy"]);
  }
}
