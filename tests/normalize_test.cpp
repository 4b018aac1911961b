// Each repair of the normalizer, with cases taken from the development corpus.
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include "test_util.h"

using namespace polex;
using test::clean;

namespace {

const Document& corpus_doc(const std::string& id) {
  static std::map<std::string, Document> docs;
  auto it = docs.find(id);
  if (it == docs.end()) {
    for (const auto& [doc_id, bytes] : test::corpus())
      if (doc_id == id) it = docs.emplace(id, test::default_pipeline().clean(id, bytes)).first;
  }
  REQUIRE(it != docs.end());
  return it->second;
}

std::vector<const Annotation*> of_type(const Document& doc, const std::string& type) {
  std::vector<const Annotation*> out;
  for (const Annotation& a : doc.annotations)
    if (a.type == type) out.push_back(&a);
  return out;
}

}  // namespace

TEST_CASE("lines are joined into paragraphs - paragraph, heading and list boundaries kept", "[normalize]") {
  Document doc = test::default_pipeline().clean("t",
      "Background in Brief\n\nEvery twelve years the two countries go to the\n\npolls at the same time.\n"
      "The next paragraph starts here and it is long enough to be a paragraph line.\n\n"
      "• First item of a list that\ngoes on.\n• Second item.\n");
  const std::string& t = doc.clean.text();
  // A short line ending a sentence ends its paragraph.
  CHECK(t == "Background in Brief\n\nEvery twelve years the two countries go to the polls at the same time.\n\n"
             "The next paragraph starts here and it is long enough to be a paragraph line.\n\n"
             "• First item of a list that goes on.\n\n• Second item.");
  REQUIRE(doc.blocks.size() == 5);
  CHECK(doc.blocks[0].kind == BlockKind::kHeading);
  CHECK(doc.blocks[1].kind == BlockKind::kParagraph);
  CHECK(doc.blocks[2].kind == BlockKind::kParagraph);
  CHECK(doc.blocks[3].kind == BlockKind::kListItem);
  CHECK(doc.blocks[3].bullet == "•");
  CHECK(doc.clean_view(doc.blocks[3].content_begin, doc.blocks[3].end) == "First item of a list that goes on.");
}

TEST_CASE("end-of-line hyphenation is undone only where a word was split", "[normalize]") {
  CHECK(clean("a very impor-\ntant issue") == "a very important issue");
  CHECK(clean("increasing cooper-\nation between") == "increasing cooperation between");
  CHECK(clean("Strengthen business-to-\nbusiness ties") == "Strengthen business-to-business ties");
  CHECK(clean("revive dialogue about U.S.-\nMexico economic integration") ==
        "revive dialogue about U.S.-Mexico economic integration");
  CHECK(clean("existing bodies, like the Inter-\nParliamentary Group") == "existing bodies, like the Inter-Parliamentary Group");
  CHECK(clean("other non-\ngovernmental ties") == "other non-governmental ties");
  // Evidence from the document itself: the compound is written elsewhere with its hyphen.
  CHECK(clean("a well-known case and a well-\nknown fact") == "a well-known case and a well-known fact");
}

TEST_CASE("split drop caps are repaired", "[normalize]") {
  CHECK(clean(" W e propose that policymakers in both countries") == "We propose that policymakers in both countries");
  CHECK(clean("Executive Summary\n T he United States and Mexico need one another.") ==
        "Executive Summary\n\nThe United States and Mexico need one another.");
  CHECK(clean("many c ompanies in the region") == "many companies in the region");
  CHECK(clean("National S ecurity and trade") == "National Security and trade");
  // Not drop caps: real one-letter words and initials.
  CHECK(clean("Plan B is a fallback and a new plan") == "Plan B is a fallback and a new plan");
  CHECK(clean("A new vision for energy") == "A new vision for energy");
}

TEST_CASE("a missing space after a sentence end is inserted", "[normalize]") {
  CHECK(clean("areas of collaboration.There is no single issue") == "areas of collaboration. There is no single issue");
  CHECK(clean("as friendly as Mexico.And in an era") == "as friendly as Mexico. And in an era");
  CHECK(clean("the bilateral agenda,but a series") == "the bilateral agenda, but a series");
  CHECK(clean("the U.S.Mexico border and www.wilsoncenter.org today") == "the U.S.Mexico border and www.wilsoncenter.org today");
}

TEST_CASE("mojibake and markup are repaired", "[normalize]") {
  CHECK(clean("small producersÕ associations") == "small producers’ associations");
  CHECK(clean("the countryâ€™s “bestâ€\xc2\x9d option") == "the country’s “best” option");
  CHECK(clean("Pe\xc3\x83\xc2\xb1" "a Nieto") == "Peña Nieto");
  CHECK(clean("called it &quot;vital&quot; &amp; urgent &#8212; now") == "called it \"vital\" & urgent — now");
  CHECK(clean("an <u>underlined</u> and <b>bold</b> word") == "an underlined and bold word");
  CHECK(clean("this is **strong** and *emphasis* and __also__") == "this is strong and emphasis and also");
  CHECK(clean("2 * 3 and snake_case_name stay") == "2 * 3 and snake_case_name stay");
  CHECK(clean("see the [Wilson Center](https://www.wilsoncenter.org) site") == "see the Wilson Center site");
  CHECK(clean("## Key Recommendations\n\n- Reform the visa system.") == "Key Recommendations\n\n- Reform the visa system.");
}

TEST_CASE("page furniture is annotated and kept out of sentences", "[normalize]") {
  const std::vector<std::string> bodies = {"Trade grew in every sector of the economy and", "Energy flows are large enough that a policy error",
                                           "Remittances reached a record last year, and"};
  std::string raw;
  for (int page = 1; page <= 3; ++page) {
    raw += "THE LEDGER | POLICY BRIEF 2024\n\n" + bodies[page - 1] + "\n\n                 " + std::to_string(page) +
           "\n" + (page == 3 ? "continues after the page break." : "still goes on.") + "\n\n";
  }
  Document doc = test::default_pipeline().clean("t", raw);
  auto furniture = of_type(doc, "furniture");
  int headers = 0, pages = 0;
  for (const Annotation* a : furniture) {
    headers += a->attrs["kind"] == "running_header";
    pages += a->attrs["kind"] == "page_number";
  }
  CHECK(headers == 3);
  Document chart = test::default_pipeline().clean("t", "Exports grew fast.\n\n0 10 20 30 40\n\n2019 2023\n\nThen it slowed.");
  CHECK(chart.clean.text() == "Exports grew fast.\n\nThen it slowed.");
  CHECK(of_type(chart, "furniture").size() == 2);
  CHECK(pages == 3);
  CHECK(doc.clean.text().find("last year, and continues after the page break.") != std::string::npos);
  for (const Sentence& s : doc.sentences) CHECK(doc.clean_view(s.begin, s.end).find("LEDGER") == std::string::npos);
}

TEST_CASE("footnote markers become footnote_ref annotations", "[normalize]") {
  struct Case { std::string raw, clean; int number; };
  const std::vector<Case> cases = {
      {"of Mexican descent⁸ live", "of Mexican descent live", 8},
      {"bilateral relations.1 The", "bilateral relations. The", 1},
      {"under NAFTA.3 Since then", "under NAFTA. Since then", 3},
      {"will double by 2015.1 Yet", "will double by 2015. Yet", 1},
      {"was founded in 200616 and", "was founded in 2006 and", 16},
      {"a<sup>12</sup> note", "a note", 12},
      {"bilateral relations[4] and", "bilateral relations and", 4},
      {"bilateral relations [5].", "bilateral relations.", 5},
      {"as markdown notes it[^6] too", "as markdown notes it too", 6},
  };
  for (const Case& c : cases) {
    Document doc = test::default_pipeline().clean("t", c.raw);
    INFO(c.raw);
    CHECK(doc.clean.text() == c.clean);
    auto notes = of_type(doc, "footnote_ref");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]->attrs["number"] == c.number);
  }
  // Not footnotes: decimals, identifiers, units.
  for (std::string keep : {"grew 2.55 million", "the G-20 and COVID-19", "H1N1 flu", "20 km² of land", "about 5.3%", "in 2012, and"}) {
    Document doc = test::default_pipeline().clean("t", keep);
    INFO(keep);
    CHECK(of_type(doc, "footnote_ref").empty());
    CHECK(doc.clean.text() == keep);
  }
}

TEST_CASE("Unicode is folded for matchers - raw offsets unchanged", "[normalize]") {
  CHECK(clean("Cafe\xcc\x81 policy") == "Caf\xc3\xa9 policy");                      // NFC
  CHECK(clean("inter\xc2\xad" "national") == "international");                    // soft hyphen
  CHECK(clean("reached 100\xc2\xa0percent") == "reached 100 percent");                             // no-break space
  CHECK(clean("e\xef\xac\x83" "cient of\xef\xac\x81" "ce") == "efficient office");  // ligatures
  CHECK(clean("tab\tseparated") == "tab separated");
  CHECK(clean("“quoted” and ‘single’") == "“quoted” and ‘single’");               // quotes kept
}

TEST_CASE("bad input gets an answer", "[normalize]") {
  Document invalid = test::default_pipeline().clean("t", "bad \xff byte");
  CHECK(invalid.clean.text() == "bad \xef\xbf\xbd byte");
  CHECK(invalid.raw.length() == 10);
  REQUIRE(!invalid.warnings.empty());
  Document empty = test::default_pipeline().clean("t", "");
  CHECK(empty.clean.text().empty());
  CHECK(!empty.warnings.empty());
  Document nul = test::default_pipeline().clean("t", std::string("a\0b", 3));
  CHECK(nul.clean.text() == "ab");
  Document utf16 = test::default_pipeline().clean("t", std::string("\xff\xfeh\0i\0", 6));
  CHECK(utf16.clean.text() == "hi");
  CHECK(utf16.raw.encoding == "utf-16le");
}

TEST_CASE("corpus: no word left split by line-end hyphenation, compounds kept", "[normalize][corpus]") {
  // Every "xxx-\nyyy" of the raw corpus whose joined form is an English word
  // (and not a compound written with its hyphen) comes out joined.
  std::set<std::string> words;
  for (const std::string& w : RuleSet::embedded().lines("lexicon/english_words.txt")) words.insert(w);
  RE2 split("(?:^|[^-a-z])([a-z]{2,})-\\n([a-z]+)");
  int checked = 0;
  for (const auto& [id, bytes] : test::corpus()) {
    const std::string& t = corpus_doc(id).clean.text();
    re2::StringPiece rest(bytes);
    std::string first, second;
    while (RE2::FindAndConsume(&rest, split, &first, &second)) {
      if (!words.count(first + second) || bytes.find(first + "-" + second) != std::string::npos) continue;
      if (first == "non" || first == "self" || first == "pre" || first == "co") continue;  // keep_hyphen_prefixes
      INFO(id << ": " << first << "-" << second);
      CHECK(t.find(first + "-" + second) == std::string::npos);
      CHECK(t.find(first + second) != std::string::npos);
      ++checked;
    }
  }
  CHECK(checked > 50);
  const std::string& d000 = corpus_doc("000_27056bfdf7c6056c").clean.text();
  CHECK(d000.find("business-to-business") != std::string::npos);
  CHECK(d000.find("U.S.-Mexico") != std::string::npos);
  CHECK(d000.find("Inter-Parliamentary") != std::string::npos);
}

TEST_CASE("corpus: every drop cap is repaired", "[normalize][corpus]") {
  RE2 drop_cap("(?:^|\\n)[B-HJ-Z] [a-z]+");  // "A" and "I" are words
  for (const auto& [id, bytes] : test::corpus()) {
    const std::string& t = corpus_doc(id).clean.text();
    INFO(id);
    CHECK(!RE2::PartialMatch(t, drop_cap));
  }
  const std::string& d001 = corpus_doc("001_c422b04b80b62ab8").clean.text();
  CHECK(d001.find("We propose that policymakers") != std::string::npos);
  CHECK(d001.find("The United States and Mexico need one another") != std::string::npos);
}

TEST_CASE("the rules loader reports bad rule files with file and line", "[rules]") {
  auto bad_json = RuleSet::from_files({{"normalize/layout.json", "{\n  \"bullets\": [\n  oops\n]}"}}, "myrules");
  REQUIRE(!bad_json.ok());
  CHECK(bad_json.status().message().find("myrules/normalize/layout.json:3") != std::string::npos);
  std::map<std::string, std::string> files;
  for (const std::string& p : RuleSet::embedded().paths()) files[p] = RuleSet::embedded().json(p).dump(1);
  files["lexicon/english_words.txt"] = "";
  files["normalize/layout.json"] = "{\n \"bullets\": [\"•\"],\n \"numbered_item\": \"([unclosed\"\n}";
  auto set = RuleSet::from_files(files, "myrules");
  REQUIRE(set.ok());
  auto pipeline = Pipeline::create(set.value());
  REQUIRE(!pipeline.ok());
  CHECK(pipeline.status().message().find("myrules/normalize/layout.json:") != std::string::npos);
}
