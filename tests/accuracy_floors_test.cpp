// Accuracy gates: the pipeline over the bundled corpus, scored against the
// bundled gold, must reach every floor in tests/accuracy_floors.json. Floors
// only go up: when a change lifts a score, raise its floor (the test prints
// the ones that can be raised).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "annotations/evaluate.h"
#include "annotations/json_writer.h"
#include "test_util.h"

namespace {

using nlohmann::json;
using namespace polex::eval;

// Headroom above a floor worth raising it for.
constexpr double kRaiseMargin = 0.02;

Evaluation score_corpus() {
  auto gold = load_documents(polex::test::data_dir() + "/gold", Role::kGold);
  REQUIRE(gold.ok());
  DocumentSet pred;
  for (const auto& [id, bytes] : polex::test::corpus()) {
    polex::Document doc = polex::test::default_pipeline().process(id, bytes);
    auto parsed = document_from_json(polex::to_json_value(doc), id, Role::kPrediction);
    REQUIRE(parsed.ok());
    add_document(pred, std::move(parsed).value());
  }
  auto ev = evaluate(gold.value(), pred);
  REQUIRE(ev.ok());
  return std::move(ev).value();
}

void check_floor(const std::string& what, double reached, const json& floor, std::vector<std::string>* raisable) {
  REQUIRE(floor.is_number());
  double f = floor.get<double>();
  INFO(what << ": reached " << reached << ", floor " << f);
  CHECK(reached >= f);
  if (reached >= f + kRaiseMargin) raisable->push_back(what + " " + std::to_string(reached));
}

}  // namespace

TEST_CASE("extraction scores stay above their floors", "[accuracy]") {
  json floors = json::parse(polex::test::read_file(polex::test::data_dir() + "/accuracy_floors.json"));
  REQUIRE(floors.contains("scores"));
  REQUIRE(floors.contains("attribute_accuracy"));
  Evaluation ev = score_corpus();
  std::vector<std::string> raisable;
  for (const auto& [key, metrics] : floors["scores"].items()) {
    INFO("scores." << key);
    // A type or kind without any gold or prediction scores 0 (and a typo in a key fails its floor).
    auto it = ev.scores.find(key);
    const Counts counts = it == ev.scores.end() ? Counts{} : it->second;
    for (const auto& [metric, floor] : metrics.items()) {
      double reached = metric == "precision" ? counts.precision()
                       : metric == "recall"  ? counts.recall()
                       : metric == "f1"      ? counts.f1()
                                             : -1;
      REQUIRE(reached >= 0);  // unknown metric name
      check_floor(key + "." + metric, reached, floor, &raisable);
    }
  }
  for (const auto& [key, floor] : floors["attribute_accuracy"].items()) {
    INFO("attribute_accuracy." << key);
    auto it = ev.attributes.find(key);
    // No matched pair carries the attribute yet (e.g. no actor found): only a zero floor passes.
    check_floor(key, it == ev.attributes.end() ? 0.0 : it->second.accuracy(), floor, &raisable);
  }
  if (!raisable.empty()) {
    std::string list;
    for (const auto& r : raisable) list += "\n  " + r;
    WARN("floors that can be raised in tests/accuracy_floors.json:" << list);
  }
}

TEST_CASE("every type, kind and attribute of the gold has a floor", "[accuracy]") {
  json floors = json::parse(polex::test::read_file(polex::test::data_dir() + "/accuracy_floors.json"));
  auto gold = load_documents(polex::test::data_dir() + "/gold", Role::kGold);
  REQUIRE(gold.ok());
  // Scoring the gold against itself yields every key the gold defines.
  auto self = evaluate(gold.value(), gold.value());
  REQUIRE(self.ok());
  for (const auto& [key, c] : self.value().scores) {
    INFO(key);
    CHECK(floors["scores"].contains(key));
    CHECK(c.f1() == 1.0);
  }
  for (const auto& [key, t] : self.value().attributes) {
    INFO(key);
    CHECK(floors["attribute_accuracy"].contains(key));
  }
}
