// Policy options (guidelines §3, §6, §7): the extractor on small texts built
// for one behaviour each, and the floors on the bundled corpus + gold.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "extract/policy_options.h"
#include "test_util.h"

using namespace polex;

namespace {

std::vector<const Annotation*> options_of(const Document& doc) {
  std::vector<const Annotation*> out;
  for (const Annotation& a : doc.annotations)
    if (a.type == "policy_option") out.push_back(&a);
  return out;
}

std::vector<const Annotation*> extract(const std::string& text) {
  static std::vector<Document> keep;  // the annotations point into these documents
  keep.push_back(test::default_pipeline().process("t", text));
  return options_of(keep.back());
}

std::string kind(const Annotation* a) { return a->attrs["kind"].get<std::string>(); }
std::string statement(const Annotation* a) { return a->attrs["statement"].get<std::string>(); }

// --- scoring as guidelines §6 say: same type, overlap >= half of the longer span,
// each gold annotation matched at most once.
struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

struct Span {
  uint32_t start, end;
  std::string kind, statement;
};

bool matches(const Span& g, const Span& p) {
  uint32_t overlap = std::min(g.end, p.end) > std::max(g.start, p.start) ? std::min(g.end, p.end) - std::max(g.start, p.start) : 0;
  return overlap > 0 && 2 * overlap >= std::max(g.end - g.start, p.end - p.start);
}

std::string fold(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// ------------------------------------------------------------------ markers

TEST_CASE("a marker option runs from its glyph to the end of its statement", "[policy][marker]") {
  auto options = extract(
      "Trade has grown for years.\n\n"
      "» POLICY OPTION: Create a joint export platform by negotiating\n"
      "trade agreements as a bloc.\n\n"
      "The two economies are integrated. Officials meet often.\n");
  REQUIRE(options.size() == 1);
  CHECK(kind(options[0]) == "marker");
  CHECK(options[0]->text == "» POLICY OPTION: Create a joint export platform by negotiating\ntrade agreements as a bloc.");
  CHECK(statement(options[0]) == "Create a joint export platform by negotiating trade agreements as a bloc.");
  CHECK(options[0]->attrs["modality"] == "imperative");
}

TEST_CASE("a marker goes on over a blank line inside its sentence", "[policy][marker]") {
  auto options = extract(
      "Energy matters.\n\n"
      "POLICY OPTION: Build a new vision\n\nfor energy cooperation in North America, recognizing\n"
      "the role of gas.\n\nMexico is at a crossroads.\n");
  REQUIRE(options.size() == 1);
  CHECK(statement(options[0]) == "Build a new vision for energy cooperation in North America, recognizing the role of gas.");
}

TEST_CASE("a marker printed in the middle of a paragraph ends where the paragraph resumes", "[policy][marker]") {
  auto options = extract(
      "Mayors and governors could become more important conduits\n\n"
      ") POLICY OPTION: The two congresses could revitalize their\n"
      "joint group.\n"
      " for government-to-government relations over\ntime. However, existing bodies need to achieve greater\n"
      "institutional solidity.\n");
  REQUIRE(options.size() == 2);
  CHECK(kind(options[0]) == "marker");
  CHECK(statement(options[0]) == "The two congresses could revitalize their joint group.");
  CHECK(options[0]->attrs["modality"] == "could");  // of its first sentence
  CHECK(kind(options[1]) == "directive");
  CHECK(statement(options[1]) == "However, existing bodies need to achieve greater institutional solidity.");
}

TEST_CASE("a marker run into the line of the paragraph it interrupts", "[policy][marker]") {
  auto options = extract(
      "Mayors could become more important conduits ) POLICY OPTION: The U.S. and Mexico should revive\n"
      "the group. for government relations over time.\n");
  REQUIRE(options.size() == 1);
  CHECK(kind(options[0]) == "marker");
  CHECK(statement(options[0]) == "The U.S. and Mexico should revive the group.");
}

TEST_CASE("other labels and numbered recommendations are markers", "[policy][marker]") {
  auto options = extract(
      "Context sentence here.\n\n"
      "■ RECOMMENDATION 3: Congress should fund the border commission. It should\n"
      "report every year.\n\n"
      "More context follows here.\n");
  REQUIRE(options.size() == 1);
  CHECK(kind(options[0]) == "marker");
  CHECK(statement(options[0]) == "Congress should fund the border commission. It should report every year.");
  CHECK(options[0]->attrs["modality"] == "should");
}

TEST_CASE("a label word in prose is not a marker", "[policy][marker]") {
  auto options = extract("The report makes one policy option: a new visa regime is described below.\n");
  for (const Annotation* a : options) CHECK(kind(a) != "marker");
}

// ------------------------------------------------------------------ lists

TEST_CASE("plain paragraphs under a recommendations heading are list items", "[policy][list]") {
  auto options = extract(
      "Key Recommendations\n\n"
      "The elections offer a chance to improve relations; here’s how:\n\n"
      "Create a joint production platform by negotiating\ntrade agreements as a bloc.\n\n"
      "Strengthen support for judicial reform. Target the most\nviolent groups.\n\n"
      "Background\n\n"
      "Create is a verb, and this paragraph is background.\n");
  std::vector<std::string> items;
  for (const Annotation* a : options)
    if (kind(a) == "list_item") items.push_back(statement(a));
  REQUIRE(items.size() == 2);
  CHECK(items[0] == "Create a joint production platform by negotiating trade agreements as a bloc.");
  CHECK(items[1] == "Strengthen support for judicial reform. Target the most violent groups.");
}

TEST_CASE("plain items the PDF ran together split where a line opens another imperative", "[policy][list]") {
  auto options = extract(
      "Top Recommendations\n\n"
      "Create a joint fund for roads.\nExpand trusted shipper programs to all\nports. Train them well.\n\n"
      "Background\n\nText.\n");
  REQUIRE(options.size() == 2);
  CHECK(statement(options[0]) == "Create a joint fund for roads.");
  CHECK(statement(options[1]) == "Expand trusted shipper programs to all ports. Train them well.");
}

TEST_CASE("bulleted items announced by a sentence are list items, the sentence a recommend_verb", "[policy][list]") {
  auto options = extract(
      "We suggest that this agenda include a number of strategies:\n\n"
      "- Developing a joint strategy for public security.\n"
      "- Creating joint funds for infrastructure\ndevelopment.\n\n"
      "Most of these initiatives are cheap.\n");
  REQUIRE(options.size() == 3);
  CHECK(kind(options[0]) == "recommend_verb");
  CHECK(kind(options[1]) == "list_item");
  CHECK(statement(options[1]) == "Developing a joint strategy for public security.");
  CHECK(statement(options[2]) == "Creating joint funds for infrastructure development.");
}

TEST_CASE("bullets the PDF detached from their text still make one item each", "[policy][list]") {
  auto options = extract(
      "Key Recommendations:\n•\n\n•\n\n"
      "Work together with Canada to grow exports.\nInvestments in ports will be crucial.\n"
      "Deepen support for criminal justice\ninstitutions.\n •\n\n"
      "Reform the legal immigration system.\n\n"
      "Next Section\n\nBody text.\n");
  std::vector<const Annotation*> items;
  for (const Annotation* a : options)
    if (kind(a) == "list_item") items.push_back(a);
  REQUIRE(items.size() == 3);
  CHECK(statement(items[0]) == "Work together with Canada to grow exports. Investments in ports will be crucial.");
  CHECK(statement(items[1]) == "Deepen support for criminal justice institutions.");
  CHECK(items[2]->text == "•\n\nReform the legal immigration system.");
}

TEST_CASE("numbered items after an introduction under the heading are list items", "[policy][list]") {
  auto options = extract(
      "What Washington Should Do\n\n"
      "The task force makes the following recommendations.\n\n"
      "1. Fund the customs modernization plan.\n"
      "2. Appoint a border coordinator.\n\n"
      "Background\n\nSupport for the plan has grown.\n");
  REQUIRE(options.size() == 2);
  CHECK(kind(options[0]) == "list_item");
  CHECK(statement(options[0]) == "Fund the customs modernization plan.");
  CHECK(statement(options[1]) == "Appoint a border coordinator.");
  CHECK(options[1]->attrs["section"] == "What Washington Should Do");
}

TEST_CASE("someone else's list is not the authors' recommendations", "[policy][list]") {
  auto options = extract(
      "The president announced his strategy. The strategy included the following six areas:\n"
      "• better government planning;\n"
      "• a commitment to protect human rights.\n");
  for (const Annotation* a : options) CHECK(kind(a) != "list_item");
}

// ------------------------------------------------------------------ sentences

TEST_CASE("recommending verbs and deontic sentences", "[policy][sentence]") {
  auto options = extract(
      "We recommend that the governments commission a task force. "
      "The United States should expand its visa program. "
      "Growth should slow to about 2 percent in 2025. "
      "This development, should it come to pass, will drive investment. "
      "Companies often need to maintain separate lines. "
      "Security will remain important to the relationship. "
      "Reforming the regime for visas is critical. "
      "There is an urgent need to harmonize criteria for visas. "
      "Should the two countries cooperate more? "
      "Officials said the United States must act quickly. "
      "The United States should not wait. "
      "If Congress passes the bill, officials must act. "
      "The region will need an estimated $210 billion of investment by 2030. "
      "The banks committed $12 billion, far less than half of what is required. "
      "What is urgently needed now is a strategy for the border.\n");
  std::vector<std::pair<std::string, std::string>> got;
  for (const Annotation* a : options) got.emplace_back(kind(a), a->attrs["modality"].get<std::string>());
  std::vector<std::pair<std::string, std::string>> want = {
      {"recommend_verb", "recommend"}, {"directive", "should"}, {"directive", "need"}, {"directive", "need"},
      {"directive", "should"}, {"directive", "need"}};
  CHECK(got == want);
}

TEST_CASE("agents are the actors asked to act", "[policy][agents]") {
  auto options = extract(
      "We urge the governments of Mexico and Canada to sign the accord. "
      "To increase its clout, Mexico must join more missions. "
      "The accord should be ratified by Canada, as soon as possible. "
      "Trade with Mexico has grown, so it is important for Canada to invest more.\n");
  REQUIRE(options.size() == 4);
  CHECK(options[0]->attrs["agents"] == nlohmann::json({"Mexico", "Canada"}));
  CHECK(options[1]->attrs["agents"] == nlohmann::json({"Mexico"}));
  CHECK(options[2]->attrs["agents"] == nlohmann::json({"Canada"}));
  CHECK(options[3]->attrs["agents"] == nlohmann::json({"Canada"}));
}

TEST_CASE("a repeated recommendation links to its first statement", "[policy][duplicate]") {
  auto options = extract(
      "Top Recommendations\n\n"
      "Strengthen business-to-business ties to revive dialogue on integration.\n\n"
      "Economic Cooperation\n\n"
      ") POLICY OPTION: Strengthen business-to-business ties to revive\ndialogue on integration.\n");
  REQUIRE(options.size() == 2);
  CHECK(!options[0]->attrs.contains("duplicate_of"));
  CHECK(options[1]->attrs["duplicate_of"] == 0);
  CHECK(options[1]->attrs["section"] == "Economic Cooperation");
}

TEST_CASE("a bad rule pattern is an error naming its file", "[policy][rules]") {
  const RuleSet& embedded = RuleSet::embedded();
  std::map<std::string, std::string> files;
  for (const std::string& path : embedded.paths()) {
    if (path.size() > 5 && path.substr(path.size() - 5) == ".json") {
      files[path] = embedded.json(path).dump(2);
    } else {
      std::string joined;
      for (const std::string& line : embedded.lines(path)) joined += line + "\n";
      files[path] = joined;
    }
  }
  nlohmann::json sentences = embedded.json("policy/sentences.json");
  sentences["cues"].push_back({{"kind", "directive"}, {"modality", "must"}, {"pattern", "(unclosed"}});
  files["policy/sentences.json"] = sentences.dump(2);
  auto rules = RuleSet::from_files(files, "test");
  REQUIRE(rules.ok());
  auto extractor = make_policy_options_extractor(rules.value());
  REQUIRE(!extractor.ok());
  CHECK_THAT(extractor.status().message(), Catch::Contains("policy/sentences.json"));
}

// ------------------------------------------------------------------ corpus floors

TEST_CASE("policy options on the bundled corpus meet the issue's floors", "[policy][corpus]") {
  std::map<std::string, Counts> by_kind;
  int matched = 0, statements_ok = 0;
  for (const auto& [id, bytes] : test::corpus()) {
    nlohmann::json gold_doc = nlohmann::json::parse(test::read_file(test::data_dir() + "/gold/" + id + ".json"));
    std::vector<Span> gold, pred;
    for (const auto& a : gold_doc["annotations"])
      if (a["type"] == "policy_option")
        gold.push_back({a["start"], a["end"], a["attrs"]["kind"], a["attrs"]["statement"]});
    Document doc = test::default_pipeline().process(id, bytes);
    for (const Annotation* a : options_of(doc)) pred.push_back({a->start, a->end, kind(a), statement(a)});
    std::vector<bool> used(pred.size(), false);
    for (const Span& g : gold) {
      bool found = false;
      for (size_t i = 0; i < pred.size() && !found; ++i) {
        if (used[i] || !matches(g, pred[i])) continue;
        used[i] = found = true;
        ++matched;
        if (fold(g.statement) == fold(pred[i].statement)) ++statements_ok;
        // Per kind as the scorer counts: a match of another kind is a miss and a false alarm.
        if (pred[i].kind == g.kind) {
          ++by_kind[g.kind].tp;
        } else {
          ++by_kind[g.kind].fn;
          ++by_kind[pred[i].kind].fp;
        }
      }
      if (!found) ++by_kind[g.kind].fn;
    }
    for (size_t i = 0; i < pred.size(); ++i)
      if (!used[i]) ++by_kind[pred[i].kind].fp;
  }
  Counts sentences;
  for (const char* k : {"recommend_verb", "directive"}) {
    sentences.tp += by_kind[k].tp;
    sentences.fp += by_kind[k].fp;
    sentences.fn += by_kind[k].fn;
  }
  for (const auto& [k, c] : by_kind) INFO(k << ": P " << c.precision() << " R " << c.recall());
  CHECK(by_kind["marker"].recall() == 1.0);
  CHECK(by_kind["marker"].precision() >= 0.98);
  CHECK(by_kind["list_item"].recall() == 1.0);
  CHECK(by_kind["list_item"].precision() >= 0.98);
  CHECK(sentences.f1() >= 0.85);
  REQUIRE(matched > 0);
  CHECK(static_cast<double>(statements_ok) / matched >= 0.9);
}

// Regression: a marker label that ends its block before a repeated running
// header once produced a span whose raw start came after its end.
TEST_CASE("policy options keep the offset invariant on scrambled layouts", "[policy][offsets]") {
  const std::vector<std::string> tokens = {
      "POLICY OPTION:", ") ", "» ", "•", "●●", "\n", "\n\n", " ", "Key Recommendations", "We recommend that",
      "should", "must", "need to", "Create", "Expand", "the", "U.S.", ".", ":", "1.", "(a)", "-", "Mexico",
      "United States", "é", "“", "”", "’", "12\n", "   ", "?", "Recommendation 3:", "for the United States\n",
      "empha-\n", " sis", "—"};
  uint64_t seed = 7;
  auto next = [&seed](uint64_t n) {  // a fixed LCG: the same documents on every run
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  for (int doc_index = 0; doc_index < 200; ++doc_index) {
    std::string raw;
    for (uint64_t i = 0, n = next(200); i < n; ++i) raw += tokens[next(tokens.size())] + std::string(next(2) ? " " : "\n");
    Document doc = test::default_pipeline().process("scrambled", raw);
    for (const Annotation* a : options_of(doc)) {
      INFO("document " << doc_index << " [" << a->start << "," << a->end << ")");
      REQUIRE(a->start < a->end);
      REQUIRE(test::cp_slice(doc.raw, a->start, a->end) == a->text);
    }
  }
}
