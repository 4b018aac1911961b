// Actors (guidelines §4, §6, §7): the extractor on small texts built for one
// behaviour each, rule files changing what is found, and the floors on the
// bundled corpus + gold.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "annotations/evaluate.h"
#include "annotations/json_writer.h"
#include "extract/actor_lexicon.h"
#include "extract/actors.h"
#include "test_util.h"

using namespace polex;

namespace {

struct Found {
  std::string text, category, canonical;
};

std::vector<Found> actors_in(const Document& doc) {
  std::vector<Found> out;
  for (const Annotation& a : doc.annotations)
    if (a.type == "actor") out.push_back({a.text, a.attrs["category"], a.attrs["canonical"]});
  return out;
}

std::vector<Found> extract(const std::string& text) { return actors_in(test::default_pipeline().process("t", text)); }

// "text|canonical" of every actor, in order: compact to compare.
std::vector<std::string> mentions(const std::string& text) {
  std::vector<std::string> out;
  for (const Found& f : extract(text)) out.push_back(f.text + "|" + f.canonical);
  return out;
}

}  // namespace

// ------------------------------------------------------------ gazetteers

TEST_CASE("countries resolve their aliases, typos and accents to one canonical", "[actors]") {
  CHECK(mentions("The U.S. and the USA, America and the United Sates met Mexico, México and Mekxico.") ==
        std::vector<std::string>{"U.S.|United States", "USA|United States", "America|United States",
                                 "United Sates|United States", "Mexico|Mexico", "México|Mexico", "Mekxico|Mexico"});
}

TEST_CASE("a name broken over a line is one mention whose text keeps the break", "[actors]") {
  auto found = extract("Both the United\nStates and the Inter-American\nDevelopment Bank agreed.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "United\nStates");
  CHECK(found[1].canonical == "Inter-American Development Bank");
  CHECK(found[1].category == "intl_org");
}

TEST_CASE("compounds split: U.S.-Mexico and U.S.Mexico are two mentions, U.S.-Mexican one", "[actors]") {
  CHECK(mentions("U.S.-Mexico relations improved.") == std::vector<std::string>{"U.S.|United States", "Mexico|Mexico"});
  CHECK(mentions("U.S.Mexico trade grew.") == std::vector<std::string>{"U.S.|United States", "Mexico|Mexico"});
  CHECK(mentions("The U.S.-Mexican border is long.") == std::vector<std::string>{"U.S.|United States"});
}

TEST_CASE("possessives and attributive uses are mentions of the name only", "[actors]") {
  CHECK(mentions("Mexico’s judicial reform and Mexico's growth help U.S. exports.") ==
        std::vector<std::string>{"Mexico|Mexico", "Mexico|Mexico", "U.S.|United States"});
}

TEST_CASE("places, demonyms, currencies and agreements are not actors", "[actors]") {
  CHECK(extract("Mexican and American officials met in Mexico City and Brownsville, Texas, near the Gulf of "
                "Mexico, to discuss NAFTA, the U.S.-Mexico-Canada Agreement and the Merida Initiative.")
            .empty());
  CHECK(extract("The peso fell against the U.S. dollar. New Mexico voted.").empty());
}

TEST_CASE("the longest name wins: names inside a name are no mentions of their own", "[actors]") {
  CHECK(mentions("The Mexico Institute and the U.S.-Mexico Border Health Commission met.") ==
        std::vector<std::string>{"Mexico Institute|Mexico Institute",
                                 "U.S.-Mexico Border Health Commission|U.S.-Mexico Border Health Commission"});
}

TEST_CASE("acronyms and expansions share the canonical name", "[actors]") {
  auto found = extract("U.S. Customs and Border Protection (CBP) recorded more encounters. CBP said so.");
  REQUIRE(found.size() == 3);
  for (const Found& f : found) CHECK(f.canonical == "U.S. Customs and Border Protection");
  CHECK(found[1].text == "CBP");
}

TEST_CASE("an acronym defined in the document resolves its later mentions", "[actors]") {
  auto found = extract("The Binational Water Institute (BWI) met in May. Later the BWI published data.");
  REQUIRE(found.size() == 3);
  CHECK(found[0].canonical == "Binational Water Institute");
  CHECK(found[0].category == "organization");
  CHECK(found[2].text == "BWI");
  CHECK(found[2].canonical == "Binational Water Institute");
}

TEST_CASE("bare Congress takes the country its sentence names", "[actors]") {
  auto mexican = extract("Mexico’s reforms stalled in Congress for years.");
  REQUIRE(mexican.size() == 2);
  CHECK(mexican[1].canonical == "Mexican Congress");
  auto american = extract("Congress should fund the program.");
  REQUIRE(american.size() == 1);
  CHECK(american[0].canonical == "United States Congress");
  // A qualified name keeps its country whatever the sentence says.
  auto qualified = extract("Mexico lobbied the U.S. Congress.");
  REQUIRE(qualified.size() == 2);
  CHECK(qualified[1].canonical == "United States Congress");
}

TEST_CASE("a generic ministry takes the country of its sentence", "[actors]") {
  auto found = extract("Investment is tracked by Mexico’s Ministry of Economy.");
  REQUIRE(found.size() == 2);
  CHECK(found[1].canonical == "Secretaría de Economía");
  CHECK(found[1].category == "gov_body");
}

// ------------------------------------------------------------ organizations

TEST_CASE("organizations are found by their head words", "[actors]") {
  auto found = extract("Analysts at the Laurentide Institute for Continental Studies, the Ocotillo Policy Center and "
                       "the Secretariat of Border Affairs disagreed.");
  REQUIRE(found.size() == 3);
  CHECK(found[0].canonical == "Laurentide Institute for Continental Studies");
  CHECK(found[1].text == "Ocotillo Policy Center");
  CHECK(found[1].category == "organization");
  CHECK(found[2].text == "Secretariat of Border Affairs");
  CHECK(found[2].category == "gov_body");
}

TEST_CASE("companies are found by their legal and business heads", "[actors]") {
  auto found = extract("Singapore\u2019s Temasek Holdings and Okapi Capital Partners launched a fund with Norsk Kraft GmbH.");
  std::vector<std::string> names;
  for (const Found& f : found) names.push_back(f.text + "|" + f.category);
  CHECK(names == std::vector<std::string>{"Singapore|country", "Temasek Holdings|organization",
                                          "Okapi Capital Partners|organization", "Norsk Kraft GmbH|organization"});
}

TEST_CASE("regional organizations beyond the Americas and think tanks named Forum", "[actors]") {
  auto found = extract("Brussels should coordinate with ECOWAS, SADC and the Atlantic Policy Forum on the border.");
  std::vector<std::string> names;
  for (const Found& f : found) names.push_back(f.text + "|" + f.category + "|" + f.canonical);
  CHECK(names == std::vector<std::string>{
                     "ECOWAS|intl_org|Economic Community of West African States",
                     "SADC|intl_org|Southern African Development Community",
                     "Atlantic Policy Forum|organization|Atlantic Policy Forum"});
}

TEST_CASE("generic bodies and programs named by their head are not organizations", "[actors]") {
  CHECK(extract("The Steering Committee for the Study met the Working Group.").empty());
  CHECK(mentions("The Sunnylands Process and the U.S.-Mexico Smart Border Accord continued.").empty());
}

// ------------------------------------------------------------------ people

TEST_CASE("a person's title is not in the span - a surname resolves to the full name", "[actors]") {
  auto found = extract("His predecessor, Felipe Calderón, chose force. President Calderón later said so. "
                       "The Calderon strategy failed.");
  REQUIRE(found.size() == 3);
  CHECK(found[1].text == "Calderón");
  for (const Found& f : found) CHECK(f.canonical == "Felipe Calderón");
}

TEST_CASE("a title after a coordinated name opens a mention of its own", "[actors]") {
  CHECK(mentions("Chancellor Olaf Scholz and Prime Minister Giorgia Meloni met in Rome in June.") ==
        std::vector<std::string>{"Olaf Scholz|Olaf Scholz", "Giorgia Meloni|Giorgia Meloni"});
  CHECK(mentions("Presidents Bush and Obama met President Calderón.") ==
        std::vector<std::string>{"Bush|George W. Bush", "Obama|Barack Obama", "Calderón|Felipe Calderón"});
}

TEST_CASE("a surname the gazetteer knows is the document's own person when named in full", "[actors]") {
  auto found = extract("Jonathan Fox, Fellow, Woodrow Wilson Center\n\nAs Fox argued, migrants organize.");
  std::vector<std::string> people;
  for (const Found& f : found)
    if (f.category == "person") people.push_back(f.text + "|" + f.canonical);
  CHECK(people == std::vector<std::string>{"Jonathan Fox|Jonathan Fox", "Fox|Jonathan Fox"});
}

TEST_CASE("a person met by title and surname is the same person later", "[actors]") {
  CHECK(mentions("Mr. Okafor testified. Okafor said the Bank of Mexico should cut rates.") ==
        std::vector<std::string>{"Okafor|Okafor", "Okafor|Okafor", "Bank of Mexico|Banco de México"});
}

TEST_CASE("bylines, participant lists and citations name people", "[actors]") {
  auto byline = extract("Introduction\n\nBy Duncan Wood and Christopher E. Wilson\nOnce every twelve years, elections coincide.");
  REQUIRE(byline.size() == 2);
  CHECK(byline[0].canonical == "Duncan Wood");
  CHECK(byline[1].canonical == "Christopher E. Wilson");

  auto list = extract("Participants\n\nAlan Stoga, President, Zemi Communications\nChappell Lawson, Associate Professor, "
                      "Massachusetts Institute of Technology\n");
  REQUIRE(list.size() == 4);
  CHECK(list[0].canonical == "Alan Stoga");
  CHECK(list[1].canonical == "Zemi Communications");
  CHECK(list[2].canonical == "Chappell Lawson");
  CHECK(list[2].category == "person");
  CHECK(list[3].category == "organization");

  auto notes = extract("Notes\n\n3 Hey-Kyung Koh Chin, ed., Open Doors. New York: Institute of International "
                       "Education, 2002.\n\n4 Ana Ruiz, Tomás Vega and Rosa Ibarra Quintero, “The Remittance Towns,” 2022.");
  std::vector<std::string> people;
  for (const Found& f : notes)
    if (f.category == "person") people.push_back(f.canonical);
  CHECK(people == std::vector<std::string>{"Hey-Kyung Koh Chin", "Ana Ruiz", "Tomás Vega", "Rosa Ibarra Quintero"});
}

TEST_CASE("an inverted citation names the person in reading order", "[actors]") {
  auto found = extract("Sources\n\nPassel, Jeffrey S., “Estimates of the Size of the Undocumented Population,” 2005.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Passel, Jeffrey S.");
  CHECK(found[0].canonical == "Jeffrey S. Passel");
  CHECK(found[0].category == "person");
}

TEST_CASE("coordinated department names are two bodies", "[actors]") {
  CHECK(mentions("The Department of State and Homeland Security disagreed.") ==
        std::vector<std::string>{"Department of State|United States Department of State",
                                 "Homeland Security|U.S. Department of Homeland Security"});
  CHECK(mentions("El Salvador President Nayib Bukele met Presidents Obama and Bush.") ==
        std::vector<std::string>{"El Salvador|El Salvador", "Nayib Bukele|Nayib Bukele", "Obama|Barack Obama",
                                 "Bush|George W. Bush"});
}

TEST_CASE("names inside the quoted title of a cited work are not mentions", "[actors]") {
  CHECK(mentions("1 U.S. Census Bureau, “Trade in Goods with Mexico,” 2024.") ==
        std::vector<std::string>{"U.S. Census Bureau|United States Census Bureau"});
  // A pull quote is no title: its names count.
  CHECK(mentions("“Migrants in the United States sent a record $63.3 billion home to Mexico in 2023.”") ==
        std::vector<std::string>{"United States|United States", "Mexico|Mexico"});
}

TEST_CASE("quotation marks, all-caps forms and particles are each found once and in order", "[actors]") {
  // The finders visit only the tokens indexed for them: quotes, phrase starts
  // through an all-caps word's other forms, and lower-case name particles.
  CHECK(mentions("“The Mexico Report,” “Canada Today,” and the Bank of Mexico met with Mexico.") ==
        std::vector<std::string>{"Mexico|Mexico", "Canada|Canada", "Bank of Mexico|Banco de México", "Mexico|Mexico"});
  CHECK(mentions("REPORT OF THE UNITED STATES DEPARTMENT OF STATE AND MEXICO\n\n"
                 "Juan de la Garza (JDG) met the Instituto Nacional de Migración (INM). Later de la Garza and the INM spoke.") ==
        std::vector<std::string>{"UNITED STATES DEPARTMENT OF STATE|United States Department of State", "MEXICO|Mexico",
                                 "Juan de la Garza|Juan de la Garza", "JDG|Juan de la Garza",
                                 "Instituto Nacional de Migración|Instituto Nacional de Migración",
                                 "INM|Instituto Nacional de Migración", "de la Garza|Juan de la Garza",
                                 "INM|Instituto Nacional de Migración"});
}

TEST_CASE("fold_token_key into a reused buffer equals the returned fold", "[actors]") {
  std::string buffer = "left over from an earlier, longer key";
  for (std::string_view word : {"plain", "Calderón", "O’Neil", "Peña", "Ǆemal", "Cafe\u0301", "𝐀𝐁𝐂", ""}) {
    fold_token_key(word, buffer);
    CHECK(buffer == fold_token_key(word));
  }
}

TEST_CASE("a country listed among states is the state", "[actors]") {
  CHECK(extract("Exporters in Michigan, Ohio, Iowa, New Hampshire, and Georgia depend on trade.").empty());
  CHECK(mentions("Georgia and Armenia signed.") == std::vector<std::string>{"Georgia|Georgia", "Armenia|Armenia"});
}

// ------------------------------------------------------------ rule files

TEST_CASE("a rule file changes what is extracted", "[actors][rules]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "polex_actors_rules_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "actors");
  // A new gazetteer file (one new organization) and a new title word.
  std::ofstream(dir / "actors" / "extra.json")
      << R"({"category": "organization", "entries": [{"canonical": "Frontera Data Lab", "aliases": ["FDL"]}]})";
  nlohmann::json patterns = RuleSet::embedded().json("actors/patterns.json");
  REQUIRE(patterns.contains("person_titles"));
  patterns["person_titles"].push_back("Commander");
  std::ofstream(dir / "actors" / "patterns.json") << patterns.dump(1);

  const std::string text = "FDL staff met Commander Okonkwo in Brasilia.";
  CHECK(extract(text).empty());

  auto rules = RuleSet::load_dir(dir.string());
  REQUIRE(rules.ok());
  auto pipeline = Pipeline::create(rules.value());
  REQUIRE(pipeline.ok());
  auto found = actors_in(pipeline.value().process("t", text));
  REQUIRE(found.size() == 2);
  CHECK(found[0].canonical == "Frontera Data Lab");
  CHECK(found[0].category == "organization");
  CHECK(found[1].text == "Okonkwo");
  CHECK(found[1].category == "person");
  fs::remove_all(dir);
}

TEST_CASE("no surface form of the embedded gazetteers names two entities", "[actors][rules]") {
  const RuleSet& rules = RuleSet::embedded();
  std::map<std::string, std::string> owner;  // folded form -> canonical
  int forms = 0;
  for (const std::string& path : rules.paths()) {
    if (path.rfind("actors/", 0) != 0 || path == "actors/patterns.json" || path.size() < 5 ||
        path.compare(path.size() - 5, 5, ".json") != 0)
      continue;
    const nlohmann::json& j = rules.json(path);
    for (const auto& e : j["entries"]) {
      std::string canonical = e["canonical"];
      std::vector<std::string> all;
      if (j.value("category", "") != "none") all.push_back(canonical);
      for (const auto& a : e.value("aliases", nlohmann::json::array())) all.push_back(a);
      for (const std::string& form : all) {
        ++forms;
        auto [it, fresh] = owner.emplace(fold_token_key(form), canonical);
        INFO(path << ": '" << form << "' is also '" << it->second << "'");
        CHECK((fresh || it->second == canonical));
      }
    }
  }
  CHECK(forms > 1000);
}

TEST_CASE("a broken gazetteer entry is reported with its file and line", "[actors][rules]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "polex_actors_bad_rules";
  fs::remove_all(dir);
  fs::create_directories(dir / "actors");
  std::ofstream(dir / "actors" / "bad.json")
      << "{\"category\": \"organization\",\n \"entries\": [\n  {\"canonical\": \"X\", \"category\": \"club\"}\n ]}";
  auto rules = RuleSet::load_dir(dir.string());
  REQUIRE(rules.ok());
  auto extractor = make_actors_extractor(rules.value());
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().message().find("actors/bad.json:3") != std::string::npos);
  CHECK(extractor.status().message().find("club") != std::string::npos);
  fs::remove_all(dir);
}

// ------------------------------------------------------------ corpus floors

TEST_CASE("actors on the bundled corpus meet the issue's floors", "[actors][corpus]") {
  // Scored as guidelines §6 say (polex eval): overlap, one-to-one, largest overlap first.
  auto gold = eval::load_documents(test::data_dir() + "/gold", eval::Role::kGold);
  REQUIRE(gold.ok());
  eval::DocumentSet pred;
  for (const auto& [id, bytes] : test::corpus()) {
    auto parsed = eval::document_from_json(to_json_value(test::default_pipeline().process(id, bytes)), id,
                                           eval::Role::kPrediction);
    REQUIRE(parsed.ok());
    eval::add_document(pred, std::move(parsed).value());
  }
  auto ev = eval::evaluate(gold.value(), pred);
  REQUIRE(ev.ok());
  const eval::Counts& actors = ev.value().scores.at("actor");
  INFO("actor P " << actors.precision() << " R " << actors.recall() << " F1 " << actors.f1());
  REQUIRE(actors.tp > 0);
  CHECK(actors.f1() >= 0.92);
  CHECK(ev.value().attributes.at("actor.canonical").accuracy() >= 0.95);
  CHECK(ev.value().attributes.at("actor.category").accuracy() >= 0.95);
}
