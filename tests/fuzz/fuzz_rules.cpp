// libFuzzer target: mutated rule files. The input is "PATH\nBODY": BODY
// replaces the rule file PATH (e.g. "numeric/units.json") of the embedded
// rules; RuleSet::from_files and Pipeline::create must then either fail with
// an error naming that file or build a pipeline that processes a sample text.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "extract/pipeline.h"
#include "fuzz_check.h"

namespace polex {
std::map<std::string, std::string> embedded_rule_files();  // rules_embedded.cpp (generated)
}  // namespace polex

namespace {

constexpr const char* kWords = "lexicon/english_words.txt";

// A report-like sample that touches every extractor.
constexpr std::string_view kSample =
    "1. Introduction\n\n"
    "The Ministry of Finance and the World Bank estimate that emissions fell by 12.5 percent\n"
    "between 2010 and 2015, to about US$3 billion (Mr. Smith, U.S. Treasury).1\n\n"
    "Recommendations\n"
    "\xE2\x80\xA2 Governments should introduce a carbon tax of $40 per tonne by 2030.\n"
    "\xE2\x80\xA2 The European Union must expand support for low-income households.\n\n"
    "It is recommended that Mexico's Congress adopt a national strategy; two-thirds of\n"
    "respondents (n = 1,200) agreed. See page 4.\n\n"
    "4\n";

// The embedded rule files, with the word list cut short so each run stays
// fast (unless the word list is the file being mutated).
const std::map<std::string, std::string>& base_files() {
  static const std::map<std::string, std::string> kFiles = [] {
    std::map<std::string, std::string> files = polex::embedded_rule_files();
    std::string words;
    size_t n = 0;
    for (const std::string& w : polex::RuleSet::embedded().lines(kWords)) {
      if (++n % 32 == 0) words += w + "\n";
    }
    files[kWords] = words;
    return files;
  }();
  return kFiles;
}

polex::PipelineOptions options_for(std::string_view path) {
  polex::PipelineOptions o;
  o.actors = path.rfind("actors/", 0) == 0;
  o.numeric_claims = path.rfind("numeric/", 0) == 0;
  o.policy_options = path.rfind("policy/", 0) == 0;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos || nl == 0) return 0;
  std::string path(input.substr(0, nl));
  std::map<std::string, std::string> files = base_files();
  bool known = files.count(path) > 0;
  files[path] = std::string(input.substr(nl + 1));
  auto rules = polex::RuleSet::from_files(std::move(files), "fuzz-rules");
  if (!rules.ok()) {
    if (rules.status().message().find(path) == std::string::npos) polex::fuzz::fail("rule error does not name the file:", rules.status().message());
    return 0;
  }
  auto pipeline = polex::Pipeline::create(rules.value(), options_for(path));
  if (!pipeline.ok()) {
    // Every rule error names the file it is in.
    if (known && pipeline.status().message().find(path) == std::string::npos)
      polex::fuzz::fail("rule error does not name the file:", pipeline.status().message());
    return 0;
  }
  polex::Document doc = pipeline.value().process("fuzz", kSample);
  polex::fuzz::check_document(doc);
  return 0;
}
