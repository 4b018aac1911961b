// The literal prefilter of the policy cues: it may let through a sentence
// that no pattern matches, never rule out a pattern that RE2 matches.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/policy_prefilter.h"
#include "extract/rules.h"
#include "test_util.h"

using namespace polex;

namespace {

RE2::Options case_insensitive() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  return o;
}

std::vector<std::string> patterns_of(const nlohmann::json& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c["pattern"].get<std::string>());
  return out;
}

// Every pattern RE2 matches in `text` is a candidate.
void check_no_false_rejection(const LiteralPrefilter& filter, const std::vector<std::unique_ptr<RE2>>& regexes,
                              const std::string& text) {
  uint64_t candidates = filter.candidates(text);
  bool any = false;
  for (size_t i = 0; i < regexes.size(); ++i) {
    if (!RE2::PartialMatch(text, *regexes[i])) continue;
    any = true;
    INFO("pattern " << i << " in: " << text);
    CHECK(((candidates >> i) & 1) == 1);
  }
  if (any) CHECK(filter.may_match(text));
}

}  // namespace

TEST_CASE("prefilter: atoms come from the patterns, and a text without them is ruled out") {
  auto filter = LiteralPrefilter::build({"\\bshould\\b", "\\bit is (?:very )?(?:important|vital) to\\b"},
                                        case_insensitive());
  REQUIRE(filter);
  CHECK(filter->candidates("We SHOULD act.") == 1);
  CHECK(filter->candidates("It is vital to act.") == 2);
  CHECK(filter->candidates("The weather was fine.") == 0);
  CHECK_FALSE(filter->may_match("The weather was fine."));
  // Both conditions of the second pattern are needed: "it is" alone is not enough.
  CHECK(filter->candidates("It is raining.") == 0);
}

TEST_CASE("prefilter: characters RE2 folds to ASCII letters make every pattern a candidate") {
  // (Without \\b: RE2's \\b is ASCII, so "\\bshould" never matches "\xC5\xBFhould".)
  auto filter = LiteralPrefilter::build({"should", "keep"}, case_insensitive());
  REQUIRE(filter);
  REQUIRE(RE2::PartialMatch("They \xC5\xBFhould go.", RE2("should", case_insensitive())));  // long s
  REQUIRE(RE2::PartialMatch("\xE2\x84\xAA" "eep it.", RE2("keep", case_insensitive())));  // Kelvin sign
  CHECK(filter->candidates("They \xC5\xBFhould go.") == 3);
  CHECK(filter->candidates("\xE2\x84\xAA" "eep it.") == 3);
  CHECK(filter->candidates("They could go.") == 0);
}

TEST_CASE("prefilter: a pattern with no literal atom makes the prefilter useless, so none is built") {
  CHECK(LiteralPrefilter::build({"[a-z]+"}, case_insensitive()) == nullptr);
  auto mixed = LiteralPrefilter::build({"[a-z]+", "\\bmust\\b"}, case_insensitive());
  REQUIRE(mixed);
  CHECK(mixed->candidates("nothing here") == 1);  // the first is always a candidate
}

TEST_CASE("prefilter: never rules out a cue or an exclusion that RE2 matches in the corpus") {
  const RuleSet& rules = RuleSet::embedded();
  const nlohmann::json& sentences = rules.json("policy/sentences.json");
  for (const char* key : {"cues", "exclusions"}) {
    std::vector<std::string> patterns = patterns_of(sentences[key]);
    auto filter = LiteralPrefilter::build(patterns, case_insensitive());
    REQUIRE(filter);
    std::vector<std::unique_ptr<RE2>> regexes;
    for (const std::string& p : patterns) regexes.push_back(std::make_unique<RE2>(p, case_insensitive()));
    size_t texts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::data_dir() + "/corpus")) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path());
      std::stringstream all;
      all << in.rdbuf();
      // Lines and pairs of lines: texts with and without the cues.
      std::vector<std::string> lines;
      std::string line;
      while (std::getline(all, line)) lines.push_back(line);
      for (size_t i = 0; i < lines.size(); ++i) {
        check_no_false_rejection(*filter, regexes, lines[i]);
        if (i + 1 < lines.size()) check_no_false_rejection(*filter, regexes, lines[i] + " " + lines[i + 1]);
        texts += 2;
      }
    }
    CHECK(texts > 1000);
  }
}
