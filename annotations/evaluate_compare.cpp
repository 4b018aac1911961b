#include "annotations/evaluate_compare.h"

#include <map>
#include <set>
#include <tuple>

namespace polex::eval {
namespace {

// Identity of a gold annotation (its place in the gold file) or of a
// prediction (span plus what decides a match).
using Identity = std::tuple<std::string, std::string, int64_t, int64_t, std::string>;

Identity identity_of(const std::string& doc_id, const EvalAnnotation& a) {
  std::string what;
  for (const char* key : {"kind", "value", "value_max"}) {
    auto it = a.attrs.find(key);
    if (it != a.attrs.end()) what += std::string(key) + "=" + python_str(*it) + ";";
  }
  return {doc_id, a.type, a.start, a.end, what};
}

// The items of `from` whose identity is not among those of `other`.
template <typename Item, typename IdentityOf>
std::vector<Item> not_in(const std::vector<Item>& from, const std::vector<Item>& other, IdentityOf id) {
  std::set<decltype(id(from.front()))> seen;
  for (const Item& item : other) seen.insert(id(item));
  std::vector<Item> out;
  for (const Item& item : from)
    if (!seen.count(id(item))) out.push_back(item);
  return out;
}

Identity miss_identity(const Miss& m) { return identity_of(m.doc_id, m.annotation); }

std::tuple<Identity, std::string> attribute_identity(const AttributeError& e) {
  return {identity_of(e.doc_id, e.gold), e.key};
}

bool lower(double after, double before) { return round4(after) < round4(before); }

}  // namespace

bool Comparison::regressed() const {
  for (const ScoreChange& c : scores) {
    if (c.attribute ? lower(c.after_attr.accuracy(), c.before_attr.accuracy()) : lower(c.after.f1(), c.before.f1()))
      return true;
  }
  return false;
}

Comparison compare(const Evaluation& before, const Evaluation& after) {
  Comparison out;
  std::map<std::string, ScoreChange> scores, attributes;
  for (const auto& [key, c] : before.scores) scores[key].before = c;
  for (const auto& [key, c] : after.scores) scores[key].after = c;
  for (const auto& [key, t] : before.attributes) attributes[key].before_attr = t;
  for (const auto& [key, t] : after.attributes) attributes[key].after_attr = t;
  for (auto& [key, change] : scores) {
    change.key = key;
    out.scores.push_back(change);
  }
  for (auto& [key, change] : attributes) {
    change.key = key;
    change.attribute = true;
    out.scores.push_back(change);
  }
  // A gold annotation missed before and not now was found, and the reverse.
  out.found = not_in(before.missed, after.missed, miss_identity);
  out.lost = not_in(after.missed, before.missed, miss_identity);
  out.new_spurious = not_in(after.spurious, before.spurious, miss_identity);
  out.fixed_spurious = not_in(before.spurious, after.spurious, miss_identity);
  out.attributes_broken = not_in(after.wrong_attributes, before.wrong_attributes, attribute_identity);
  out.attributes_fixed = not_in(before.wrong_attributes, after.wrong_attributes, attribute_identity);
  return out;
}

nlohmann::json to_json(const Comparison& c, size_t max_items) {
  nlohmann::json out;
  out["scores"] = nlohmann::json::object();
  out["attribute_accuracy"] = nlohmann::json::object();
  auto counts = [](const Counts& k) {
    return nlohmann::json{{"tp", k.tp}, {"fp", k.fp}, {"fn", k.fn}, {"precision", round4(k.precision())},
                          {"recall", round4(k.recall())}, {"f1", round4(k.f1())}};
  };
  for (const ScoreChange& s : c.scores) {
    if (s.attribute) {
      out["attribute_accuracy"][s.key] = {{"before", round4(s.before_attr.accuracy())},
                                          {"after", round4(s.after_attr.accuracy())}};
    } else {
      out["scores"][s.key] = {{"before", counts(s.before)}, {"after", counts(s.after)}};
    }
  }
  out["found"] = first_as_json(c.found, max_items);
  out["lost"] = first_as_json(c.lost, max_items);
  out["new_spurious"] = first_as_json(c.new_spurious, max_items);
  out["fixed_spurious"] = first_as_json(c.fixed_spurious, max_items);
  out["attributes_fixed"] = first_as_json(c.attributes_fixed, max_items);
  out["attributes_broken"] = first_as_json(c.attributes_broken, max_items);
  out["counts"] = {{"found", c.found.size()},
                   {"lost", c.lost.size()},
                   {"new_spurious", c.new_spurious.size()},
                   {"fixed_spurious", c.fixed_spurious.size()},
                   {"attributes_fixed", c.attributes_fixed.size()},
                   {"attributes_broken", c.attributes_broken.size()}};
  out["regressed"] = c.regressed();
  return out;
}

}  // namespace polex::eval
