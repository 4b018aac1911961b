// Sentence segmentation: ICU's break iterator plus the abbreviation rules.
#include <random>

#include <catch2/catch.hpp>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "extract/segment.h"
#include "test_util.h"

using namespace polex;

namespace {

std::vector<std::string> sentences(const std::string& raw) {
  Document doc = test::default_pipeline().clean("t", raw);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.clean_view(s.begin, s.end));
  return out;
}

// The boundaries ICU's own sentence iterator finds, as byte offsets.
std::vector<uint32_t> icu_boundaries(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getUS(), status));
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::vector<uint32_t> byte_of;  // UTF-16 index -> byte offset
  for (uint32_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c & 0xC0) == 0x80) continue;
    byte_of.push_back(i);
    if (c >= 0xF0) byte_of.push_back(i);  // a surrogate pair
  }
  byte_of.push_back(static_cast<uint32_t>(s.size()));
  it->setText(u);
  std::vector<uint32_t> out;
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) out.push_back(byte_of[p]);
  return out;
}

std::vector<uint32_t> our_boundaries(const std::string& s) {
  std::vector<uint32_t> out;
  sentence_boundaries(s, out);
  return out;
}

}  // namespace

TEST_CASE("sentence boundaries are ICU's on random text of every sentence-break class", "[segment]") {
  // Characters of every Sentence_Break class, the sentence-ending ones often.
  const std::vector<std::string> pieces = {
      ".", ".", ".", "!", "?", " ", " ", " ", "\t", "\u00A0", "a", "b", "x", "A", "B", "T", "1", "2", "0",
      ",", ";", ":", "-", "\u2013", "\"", "'", "(", ")", "[", "]", "\u201C", "\u201D", "\u2018", "\u2019", "\u00AB",
      "\u00BB", "\u00E9", "\u00C9", "\u00DF", "\u4E2D", "\u3002", "\uFF01", "\u2026", "\u203C", "\u00B2", "%", "$",
      "/", "&", "*", "\u0301", "\u00AD", "\u200D", "\u2028", "\u2029", "\u0085", "\n", "\r", "\U0001F600",
      "\U0001D400", "\u0661", "\u0964", "\u061F", "\uFF0E", "\u2024", "\u02BC", "\u05D0"};
  std::mt19937 random(20261123);
  for (int n = 0; n < 60000; ++n) {
    std::string s;
    size_t length = random() % 24;
    // Half of the strings stay clear of the characters handed to ICU.
    bool plain = n % 2 == 0;
    for (size_t k = 0; k < length; ++k) {
      const std::string& piece = pieces[random() % pieces.size()];
      if (plain && (piece == "\u0301" || piece == "\u00AD" || piece == "\u200D" || piece == "\u2028" ||
                    piece == "\u2029" || piece == "\u0085" || piece == "\n" || piece == "\r"))
        continue;
      s += piece;
    }
    INFO("text: \"" << s << "\"");
    REQUIRE(our_boundaries(s) == icu_boundaries(s));
  }
}

TEST_CASE("sentence boundaries are ICU's on the corpus", "[segment][corpus]") {
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().clean(id, bytes);
    for (const Block& block : doc.blocks) {
      std::string text(doc.clean_view(block.content_begin, block.end));
      INFO(id << ": " << text.substr(0, 80));
      CHECK(our_boundaries(text) == icu_boundaries(text));
    }
  }
}

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
