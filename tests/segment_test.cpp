// Sentence segmentation: ICU's break iterator plus the abbreviation rules.
#include <catch2/catch.hpp>

#include "test_util.h"

using namespace polex;

namespace {

std::vector<std::string> sentences(const std::string& raw) {
  Document doc = test::default_pipeline().clean("t", raw);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.clean_view(s.begin, s.end));
  return out;
}

}  // namespace

TEST_CASE("abbreviations do not end a sentence that goes on", "[segment]") {
  CHECK(sentences("The U.S. Congress met in Washington, D.C. on Monday. It adjourned.") ==
        std::vector<std::string>{"The U.S. Congress met in Washington, D.C. on Monday.", "It adjourned."});
  CHECK(sentences("Some sectors (e.g. healthcare) and others, i.e. Trade, grew. Then it fell.") ==
        std::vector<std::string>{"Some sectors (e.g. healthcare) and others, i.e. Trade, grew.", "Then it fell."});
  CHECK(sentences("Mr. Smith and Dr. Jones met Amb. Pascual. They talked.") ==
        std::vector<std::string>{"Mr. Smith and Dr. Jones met Amb. Pascual.", "They talked."});
  CHECK(sentences("See No. 4, pp. 7–8 and Vol. 2 of the report. It was signed Jan. 31 in Ottawa.") ==
        std::vector<std::string>{"See No. 4, pp. 7–8 and Vol. 2 of the report.", "It was signed Jan. 31 in Ottawa."});
  CHECK(sentences("Passel, Jeffrey S. Passel and Christopher E. Wilson wrote it. Done.") ==
        std::vector<std::string>{"Passel, Jeffrey S. Passel and Christopher E. Wilson wrote it.", "Done."});
}

TEST_CASE("sentence-final abbreviations end the sentence before a new one", "[segment]") {
  CHECK(sentences("Exports went to the U.S. The rest went to Asia.") ==
        std::vector<std::string>{"Exports went to the U.S.", "The rest went to Asia."});
  CHECK(sentences("It moved to Washington, D.C. In 2010 it grew.") ==
        std::vector<std::string>{"It moved to Washington, D.C.", "In 2010 it grew."});
}

TEST_CASE("headings are one sentence - list items are segmented inside", "[segment]") {
  CHECK(sentences("Key Recommendations\n\n• Reform the visa system. Expand trusted traveler programs.") ==
        std::vector<std::string>{"Key Recommendations", "Reform the visa system.", "Expand trusted traveler programs."});
}

TEST_CASE("sentences of the corpus never start inside an abbreviation", "[segment][corpus]") {
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().clean(id, bytes);
    for (const Sentence& s : doc.sentences) {
      if (s.begin == doc.blocks[s.block].content_begin) continue;  // list items may start lower case
      std::string_view text = doc.clean_view(s.begin, s.end);
      INFO(id << ": " << text.substr(0, 80));
      // A sentence inside a block that starts with a lower-case word means a wrong split.
      CHECK(!(text[0] >= 'a' && text[0] <= 'z' && text.substr(0, 4) != "e.g." && text.substr(0, 4) != "i.e."));
    }
  }
}
