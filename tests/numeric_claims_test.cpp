// Numeric claims (guidelines §5): values, kinds, spans, exclusions, the
// beyond-peer attrs (year, actors, footnote), rules as data, and the quality
// floors of issue 4 on the bundled development gold.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "annotations/evaluate.h"
#include "annotations/json_writer.h"
#include "extract/numeric_claims.h"
#include "extract/numeric_lexicon.h"
#include "extract/numeric_reader.h"
#include "test_util.h"

using namespace polex;
using nlohmann::json;

namespace {

struct Claim {
  std::string text, kind, qualifier, unit;
  double value = 0;
  std::optional<double> value_max;
  json attrs;
};

// The numeric claims polex extracts from `raw`, in order.
std::vector<Claim> claims(const std::string& raw) {
  Document doc = test::default_pipeline().process("t", raw);
  std::vector<Claim> out;
  for (const Annotation& a : doc.annotations) {
    if (a.type != "numeric_claim") continue;
    Claim c;
    c.text = a.text;
    c.kind = a.attrs["kind"];
    c.value = a.attrs["value"].get<double>();
    if (a.attrs.contains("value_max")) c.value_max = a.attrs["value_max"].get<double>();
    c.qualifier = a.attrs.value("qualifier", "");
    c.unit = a.attrs.value("unit", "");
    c.attrs = a.attrs;
    out.push_back(c);
  }
  return out;
}

// The one claim in `raw`; fails the test when there is not exactly one.
Claim only(const std::string& raw) {
  auto cs = claims(raw);
  INFO(raw);
  REQUIRE(cs.size() == 1);
  return cs[0];
}

bool near(double a, double b) { return std::fabs(a - b) <= 0.005 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

TEST_CASE("digits, decimals, scale words and number words", "[numeric]") {
  auto c = only("Mexican students in the United States include 12,518 undergraduates.");
  CHECK(c.kind == "count");
  CHECK(c.value == 12518);
  CHECK(c.attrs["noun"] == "undergraduates");
  c = only("The country exported goods worth $17.9 billion last year.");
  CHECK((c.kind == "money" && c.value == 17.9e9 && c.unit == "USD" && c.text == "$17.9 billion"));
  c = only("The economy will have eleven million workers by then.");
  CHECK((c.kind == "count" && c.value == 11e6));
  c = only("The chain is worth a half-trillion dollars a year.");
  CHECK((c.kind == "money" && c.value == 5e11 && c.text == "a half-trillion dollars"));
  c = only("They ship one million tons of grain through the port.");
  CHECK((c.kind == "measure" && c.value == 1e6 && c.unit == "ton"));
  c = only("The two countries trade more than a billion dollars in goods each day.");
  CHECK((c.kind == "money" && c.value == 1e9 && c.qualifier == "more_than" && c.text == "more than a billion dollars"));
  c = only("The trade grew 5.3% over that period, analysts said.");
  CHECK((c.kind == "percent" && near(c.value, 5.3)));
}

TEST_CASE("other converters and styles: space-grouped digits, scale letters before people", "[numeric]") {
  auto c = only("The government plans to hire 12 000 nurses over the period.");
  CHECK((c.kind == "count" && c.value == 12000 && c.text == "12 000"));
  c = only("The census counted 1\u202F234\u00A0567 residents in the region.");  // narrow and plain no-break spaces
  CHECK(c.value == 1234567);
  c = only("Some 45m people live within reach of the coast today.");
  CHECK((c.kind == "count" && c.value == 45e6 && c.qualifier == "approximately"));
  c = only("The new tower of the port authority is 45m tall.");
  CHECK((c.kind == "measure" && c.unit == "meter" && c.value == 45));
  // Numbers in a row are a list, not one grouped number; a leading 0 never groups.
  auto cs = claims("The thresholds of the scheme were set at 10 100 1000 units for each of the firms.");
  CHECK((cs.empty() || cs[0].value != 10100));
  cs = claims("The values ranged over 0 250 and more in the sample of the survey.");
  for (const auto& x : cs) CHECK(x.text != "0 250");
}

TEST_CASE("ranges carry value_max and share scale and unit", "[numeric]") {
  auto c = only("Consumers send six to nine billion dollars south every year.");
  CHECK((c.kind == "money" && c.value == 6e9 && c.value_max == 9e9 && c.unit == "USD"));
  c = only("Projects were valued at between $8 and $10 billion in total.");
  CHECK((c.value == 8e9 && c.value_max == 1e10 && c.text == "between $8 and $10 billion"));
  c = only("The plan could create 2.1–3.4 million jobs over the period.");
  CHECK((c.kind == "count" && c.value == 2.1e6 && c.value_max == 3.4e6));
  c = only("Realized investment is typically 30 to 40 percent lower than announced.");
  CHECK((c.kind == "percent" && c.value == 30 && c.value_max == 40));
}

TEST_CASE("lists sharing a unit give one claim per number", "[numeric]") {
  auto cs =
      claims("The comparable figures for China, Brazil, and India are four, three, and two percent respectively.");
  REQUIRE(cs.size() == 3);
  CHECK((cs[0].text == "four" && cs[0].kind == "percent" && cs[0].value == 4));
  CHECK((cs[1].text == "three" && cs[1].value == 3));
  CHECK((cs[2].text == "two percent" && cs[2].value == 2));
}

TEST_CASE("money: currencies, codes, names and prices", "[numeric]") {
  auto c = only("The fund would issue $75 billion dollars of securities backed by oil.");
  CHECK((c.value == 75e9 && c.unit == "USD" && c.text == "$75 billion dollars"));
  c = only("Natural gas sold for $13 per million British Thermal Units in Asia.");
  CHECK((c.value == 13 && c.text == "$13 per million British Thermal Units"));
  c = only("The average monthly transfer is roughly 6,500 pesos for most families.");
  CHECK((c.unit == "MXN" && c.value == 6500 && c.qualifier == "approximately"));
  c = only("The expansion cost CAD 34 billion and took six years to finish.");
  CHECK((c.unit == "CAD" && c.value == 34e9));
  c = only("The loan of US$ 150 million was approved by the bank.");
  CHECK((c.unit == "USD" && c.value == 150e6));
  c = only("The grant of €2 million went to the region.");
  CHECK(c.unit == "EUR");
  // Letters before a dollar sign are a currency only when they open the sign:
  // a possessive's "s" and an article are not S$ and A$.
  c = only("Mexico's $5 billion budget grew quickly that year.");
  CHECK((c.unit == "USD" && c.text == "$5 billion"));
  c = only("Mexico\u2019s $5 billion budget grew quickly that year.");
  CHECK((c.unit == "USD" && c.text == "$5 billion"));
  c = only("A $3 million grant was given to the city council.");
  CHECK((c.unit == "USD" && c.text == "$3 million"));
  c = only("The firms launched a $1.5 billion fund for the region.");
  CHECK((c.unit == "USD" && c.text == "$1.5 billion"));
  c = only("The ticket cost A$200 for each of the visitors.");
  CHECK(c.unit == "AUD");
  c = only("Canada spent C $ 16.4 million on the new program.");
  CHECK(c.unit == "CAD");
  c = only("Brazil's R$ 40 billion plan was approved by the congress.");
  CHECK((c.unit == "BRL" && c.value == 40e9));
}

TEST_CASE("measures with units and rates", "[numeric]") {
  auto c = only("While the 2,000-mile border often captures attention, trade matters more.");
  CHECK((c.kind == "measure" && c.value == 2000 && c.unit == "mile" && c.text == "2,000-mile"));
  c = only("The two countries share a 2,000\nmile border and much more.");
  CHECK((c.unit == "mile" && c.text == "2,000\nmile"));
  c = only("Canada produced 800,000 barrels per day of heavy crude in the west.");
  CHECK((c.unit == "barrel/day" && c.value == 800000));
  c = only("The field pumps about 1.2 million bpd according to the ministry.");
  CHECK((c.unit == "barrel/day" && c.value == 1.2e6 && c.qualifier == "approximately"));
  c = only("Pipeline exports averaged 7.1 billion cubic feet per day that year.");
  CHECK((c.unit == "cubic foot/day" && c.value == 7.1e9));
}

TEST_CASE("ratios, multipliers and ranks", "[numeric]") {
  CHECK(near(only("Together they buy nearly one-third of all U.S. exports.").value, 0.3333));
  CHECK(only("A quarter of all U.S. immigrants are from that country.").value == 0.25);
  CHECK(only("Today one in ten Americans are of that descent.").value == 0.1);
  CHECK(near(only("Only 1 in 6 adults in the region has a bank account.").value, 1.0 / 6));
  auto c = only("Today less than half the states have implemented the new code.");
  CHECK((c.kind == "ratio" && c.value == 0.5 && c.qualifier == "less_than"));
  c = only("The volume of trade grew more than seven-fold during those years.");
  CHECK((c.kind == "multiplier" && c.value == 7 && c.qualifier == "more_than"));
  c = only("Pacific ports grew 1.7 times faster than the Gulf ports did.");
  CHECK((c.kind == "multiplier" && c.value == 1.7 && c.text == "1.7 times faster"));
  CHECK(only("Average wait times at the busiest ports doubled in that decade.").value == 2);
  c = only("Emissions must fall by a factor of three over the decade.");
  CHECK((c.kind == "multiplier" && c.value == 3 && c.text == "a factor of three"));
  c = only("Mexico is the second largest export market for these goods.");
  CHECK((c.kind == "rank" && c.value == 2 && c.text == "second largest"));
  c = only("Despite proximity, Mexico is now ninth among countries with students abroad.");
  CHECK((c.kind == "rank" && c.value == 9 && c.text == "ninth"));
}

TEST_CASE("qualifiers are in the span and in attrs", "[numeric]") {
  CHECK(only("Indeed, roughly 40 percent of all content is American.").qualifier == "approximately");
  CHECK(only("During his tenure, an estimated 79,000 people were murdered.").qualifier == "approximately");
  CHECK(only("The army mobilized up to 55,000 troops at one point.").qualifier == "up_to");
  CHECK(only("A component crosses the border as many as eight times before assembly.").qualifier == "up_to");
  auto c = only("The agreements reach a combined fifty-plus nations on four continents.");
  CHECK((c.value == 50 && c.qualifier == "more_than" && c.text == "fifty-plus"));
  CHECK(only("Workers must earn no less than $16 per hour under the rules.").qualifier == "at_least");
  CHECK(only("Net migration flows are close to zero at the moment.").qualifier == "nearly");
  // A qualifier counts only when it touches the number.
  CHECK(only("It has not much more than the support of 50 percent of voters.").qualifier.empty());
}

TEST_CASE("not claims: years, dates, durations, identifiers, list numbers, vague and small counts", "[numeric]") {
  CHECK(claims("Elections in both countries in 2012 present an opportunity.").empty());
  CHECK(claims("The agreement entered into force on July 1, 2020, after the review.").empty());
  CHECK(claims("Every twelve years the two countries go to the polls at the same time.").empty());
  CHECK(claims("Over the past six years the two governments built a three-year program.").empty());
  CHECK(claims("Mexico hosted the G-20 and fought COVID-19 and H1N1 with its 3x1 program and 287(g) rules.").empty());
  CHECK(claims("See Chapter 4 of the agreement, Section 232 and Working Paper 14, pp. 7–8.").empty());
  CHECK(claims("The plan included 1) dismantling networks; 2) building institutions.").empty());
  CHECK(claims("Billions of dollars and millions of immigrants cross in multi-billion dollar trade.").empty());
  CHECK(claims("The two countries agreed on three main areas and nine background papers.").empty());
  CHECK(claims("One option would be to hold one of the most important summits.").empty());
  CHECK(claims("For the first time in the 21st Century, the first step was taken in the 1990s.").empty());
  CHECK(claims("Wages in Mexico grew during the Great Recession under one roof.").empty());
  CHECK(claims("Trade in dollars grew after the crisis, but not at double-digit rates.").empty());
}

TEST_CASE("names and references that look like numbers are not claims", "[numeric]") {
  CHECK(claims("The 5G rollout reached the 4G networks of 3M and its 401k plans.").empty());
  CHECK(claims("Delegates met at COP 26 and again at the EU 27 summit in Brussels.").empty());
  CHECK(claims("For details call 202-691-4000 or write to the program office.").empty());
  CHECK(claims("Smith, J. Journal of Economics 12(3): 45–67, published by the press.").empty());
  CHECK(claims("| Brazil | 1,450 | 34% |\n| Mexico | 680 | 16% |\n").empty());
  auto c = only("The Colombian government set aside COP 1.2 trillion for the program.");
  CHECK((c.kind == "money" && c.unit == "COP" && c.value == 1.2e12));
}

TEST_CASE("extraction damage is read as the author meant", "[numeric]") {
  // "by 2015.1": the year 2015 and footnote 1, not the decimal 2015.1.
  auto cs = claims("Costs are expected to be 25 percent higher by 2015.1 The simple math is clear.");
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].value == 25);
  CHECK(cs[0].attrs["year"] == 2015);
  CHECK(cs[0].attrs["footnote"] == 1);
  CHECK(claims("Violence rose sharply in 200616 and in the years 20002006 as well.").empty());
}

TEST_CASE("year and footnote attrs come from the sentence", "[numeric]") {
  auto c = only("Foreign direct investment into Mexico reached $36 billion in 2023, officials said.");
  CHECK(c.attrs["year"] == 2023);
  c = only("Canada admitted 471,550 new permanent residents in 2023 and more since.");
  CHECK(c.attrs["year"] == 2023);
  CHECK_FALSE(only("The fund will hold $5 billion for the region.").attrs.contains("year"));
}

TEST_CASE("actors attr lists the canonical names of actor annotations in the sentence", "[numeric]") {
  Document doc = test::default_pipeline().clean("t", "Mexico shipped 2.9 million light vehicles. Canada did not.");
  // Stand in for the actors extractor, which runs before this one.
  size_t b = 0, e = 6;
  Annotation& a = doc.add("actor", static_cast<uint32_t>(b), static_cast<uint32_t>(e));
  a.attrs["canonical"] = "Mexico";
  auto extractor = make_numeric_claims_extractor(RuleSet::embedded());
  REQUIRE(extractor.ok());
  extractor.value()->extract(doc);
  const Annotation& claim = doc.annotations.back();
  REQUIRE(claim.type == "numeric_claim");
  CHECK(claim.attrs["actors"] == json::array({"Mexico"}));
  CHECK(claim.text == "2.9 million");
}

TEST_CASE("table cells and headings are not prose", "[numeric]") {
  CHECK(claims("Goods trade with Mexico ($bn)            614         798\n").empty());
  CHECK(claims("Key Figures for 2024\n\nThe index rose.").empty());
}

TEST_CASE("rules are data: a unit or currency added to the rule files is read", "[numeric]") {
  std::map<std::string, std::string> files;
  const RuleSet& base = RuleSet::embedded();
  for (const std::string& p : base.paths()) files[p] = base.json(p).is_null() ? "" : base.json(p).dump();
  json units = base.json("numeric/units.json");
  units["units"].push_back({{"unit", "furlong"}, {"forms", {"furlong", "furlongs"}}});
  files["numeric/units.json"] = units.dump();
  json currencies = base.json("numeric/currencies.json");
  currencies["currencies"].push_back({{"code", "XAU"}, {"names", {"gold ounces"}}});
  files["numeric/currencies.json"] = currencies.dump();
  for (const std::string& p : base.paths()) {
    if (p.size() > 4 && p.compare(p.size() - 4, 4, ".txt") == 0) {
      std::string body;
      for (const auto& l : base.lines(p)) body += l + "\n";
      files[p] = body;
    }
  }
  auto rules = RuleSet::from_files(files, "test");
  REQUIRE(rules.ok());
  auto lex = NumericLexicon::load(rules.value());
  REQUIRE(lex.ok());
  NumericReader reader(lex.value());
  auto qs = reader.read("The track is 12 furlongs and the prize 300 gold ounces.");
  REQUIRE(qs.size() == 2);
  CHECK((qs[0].kind == NumericKind::kMeasure && qs[0].unit == "furlong"));
  CHECK((qs[1].kind == NumericKind::kMoney && qs[1].unit == "XAU"));
}

TEST_CASE("a broken rule file is an error naming the file", "[numeric]") {
  std::map<std::string, std::string> files;
  const RuleSet& base = RuleSet::embedded();
  for (const std::string& p : base.paths()) files[p] = base.json(p).is_null() ? "" : base.json(p).dump();
  json numbers = base.json("numeric/numbers.json");
  numbers["cardinals"]["eleven"] = "11";
  files["numeric/numbers.json"] = numbers.dump();
  auto rules = RuleSet::from_files(files, "test");
  REQUIRE(rules.ok());
  auto extractor = make_numeric_claims_extractor(rules.value());
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().message().find("numeric/numbers.json") != std::string::npos);
}

// ---- the quality floors of issue 4, scored by polex eval (guidelines §6) ----

TEST_CASE("development gold: F1 >= 0.93, recall >= 0.85 per kind, qualifier and unit accuracy >= 0.95",
          "[numeric][gold]") {
  auto gold = eval::load_documents(test::data_dir() + "/gold", eval::Role::kGold);
  REQUIRE(gold.ok());
  eval::DocumentSet pred;
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().process(id, bytes);
    auto parsed = eval::document_from_json(to_json_value(doc), id, eval::Role::kPrediction);
    REQUIRE(parsed.ok());
    eval::add_document(pred, std::move(parsed).value());
  }
  eval::EvalOptions options;
  options.only = "numeric_claim";
  auto ev = eval::evaluate(gold.value(), pred, options);
  REQUIRE(ev.ok());
  const eval::Counts& all = ev.value().scores.at("numeric_claim");
  std::cout << "numeric_claim on the development gold: P " << all.precision() << " R " << all.recall() << " F1 "
            << all.f1() << "\n";
  for (const auto& m : ev.value().missed) std::cout << "  missed: " << m.doc_id << " " << m.annotation.text << "\n";
  for (const auto& m : ev.value().spurious) std::cout << "  spurious: " << m.doc_id << " " << m.annotation.text << "\n";
  CHECK(all.tp > 100);  // the gold is there and was read
  CHECK(all.f1() >= 0.93);
  int kinds = 0;
  for (const auto& [key, counts] : ev.value().scores) {
    if (key.rfind("numeric_claim/", 0) != 0 || counts.tp + counts.fn == 0) continue;
    ++kinds;
    INFO(key << ": recall " << counts.recall());
    CHECK(counts.recall() >= 0.85);
  }
  CHECK(kinds == 7);  // every kind of guidelines §5 is in the development gold
  for (const char* k : {"numeric_claim.qualifier", "numeric_claim.unit"}) {
    INFO(k);
    REQUIRE(ev.value().attributes.count(k));
    CHECK(ev.value().attributes.at(k).total > 0);
    CHECK(ev.value().attributes.at(k).accuracy() >= 0.95);
  }
}
