#include "extract/policy_rules.h"

#include <algorithm>
#include <cctype>

namespace polex {
namespace {

constexpr std::string_view kMarkers = "policy/markers.json";
constexpr std::string_view kLists = "policy/lists.json";
constexpr std::string_view kSentences = "policy/sentences.json";
constexpr std::string_view kVerbs = "policy/imperative_verbs.txt";
constexpr std::string_view kDuplicates = "policy/duplicates.json";

RE2::Options regex_options(bool case_sensitive) {
  RE2::Options o;
  o.set_case_sensitive(case_sensitive);
  o.set_log_errors(false);
  return o;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Escapes a literal for use inside an RE2 pattern.
std::string quote(const std::string& s) { return RE2::QuoteMeta(s); }

Result<std::unique_ptr<RE2>> compile_one(const RuleSet& rules, std::string_view file, const std::string& pattern,
                                         bool case_sensitive) {
  auto re = std::make_unique<RE2>(pattern, regex_options(case_sensitive));
  if (!re->ok()) return rules.error(file, pattern.substr(0, 40), "bad pattern: " + re->error());
  return re;
}

// One alternation of the patterns listed under `key` in `file`.
Result<std::unique_ptr<RE2>> compile_alternation(const RuleSet& rules, std::string_view file, const char* key) {
  const nlohmann::json& j = rules.json(file);
  if (!j.contains(key) || !j[key].is_array() || j[key].empty())
    return rules.error(file, key, std::string("missing list '") + key + "'");
  std::string all;
  for (const auto& p : j[key]) {
    if (!p.is_string()) return rules.error(file, key, std::string("'") + key + "' must list strings");
    std::string pattern = p.get<std::string>();
    RE2 probe(pattern, regex_options(false));
    if (!probe.ok()) return rules.error(file, pattern.substr(0, 40), "bad pattern: " + probe.error());
    if (!all.empty()) all += "|";
    all += "(?:" + pattern + ")";
  }
  return compile_one(rules, file, all, false);
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array())
    for (const auto& s : j[key])
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

void longest_first(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
}

Status compile_markers(const RuleSet& rules, PolicyRules& r) {
  const nlohmann::json& j = rules.json(kMarkers);
  if (j.is_null()) return Status::error(std::string("rules/") + std::string(kMarkers) + ": missing");
  // Upper-case labels: every letter upper case, spacing free; case-sensitive
  // ones as written. Both take an optional number and a colon.
  auto alternation = [](const std::vector<std::string>& labels) {
    std::string all;
    for (const std::string& label : labels) {
      std::string p;
      for (char c : label) p += c == ' ' ? std::string("\\s+") : quote(std::string(1, c));
      all += (all.empty() ? "" : "|") + p;
    }
    return all;
  };
  std::string upper = alternation(strings(j, "upper_case_labels"));
  std::string title = alternation(strings(j, "case_sensitive_labels"));
  // Every match opens with a label's first byte, written as is in the pattern.
  bool letters = true;
  for (const char* key : {"upper_case_labels", "case_sensitive_labels"})
    for (const std::string& label : strings(j, key)) {
      unsigned char c = label.empty() ? 0 : static_cast<unsigned char>(label[0]);
      if (!std::isalpha(c) || c >= 0x80) letters = false;
      else if (std::find(r.marker_first_bytes.begin(), r.marker_first_bytes.end(), label[0]) == r.marker_first_bytes.end())
        r.marker_first_bytes.push_back(label[0]);
    }
  if (!letters) r.marker_first_bytes.clear();
  if (upper.empty() && title.empty()) return rules.error(kMarkers, "labels", "no marker labels");
  const std::string number = "(?:\\s+(?:[0-9]{1,2}|[A-Z])[.:)]?)?";
  std::string pattern;
  if (!upper.empty()) pattern += "\\b(?:" + upper + ")" + number + "\\s*(?:[:：]|[–—]\\s|-\\s)";
  if (!title.empty()) pattern += std::string(pattern.empty() ? "" : "|") + "\\b(?:" + title + ")" + number + "\\s*[:：]";
  auto re = compile_one(rules, kMarkers, pattern, true);
  if (!re.ok()) return re.status();
  r.marker_label = std::move(re).value();
  r.marker_glyphs = strings(j, "glyphs");
  longest_first(r.marker_glyphs);
  for (const std::string& w : strings(rules.json("normalize/layout.json"), "continuation_words"))
    r.continuation_words.insert(lower(w));
  const nlohmann::json& abbreviations = rules.json("segment/abbreviations.json");
  for (const char* key : {"never_final", "maybe_final"})
    for (std::string a : strings(abbreviations, key)) {
      if (!a.empty() && a.back() == '.') a.pop_back();
      r.abbreviations.insert(lower(a));
    }
  if (j.contains("max_sentences") && j["max_sentences"].is_number_integer())
    r.max_marker_sentences = j["max_sentences"].get<int>();
  return Status();
}

Status compile_lists(const RuleSet& rules, PolicyRules& r) {
  const nlohmann::json& j = rules.json(kLists);
  if (j.is_null()) return Status::error(std::string("rules/") + std::string(kLists) + ": missing");
  auto heading = compile_alternation(rules, kLists, "headings");
  if (!heading.ok()) return heading.status();
  r.list_heading = std::move(heading).value();
  auto sub = compile_alternation(rules, kLists, "sub_headings");
  if (!sub.ok()) return sub.status();
  r.list_sub_heading = std::move(sub).value();
  auto announcing = compile_alternation(rules, kLists, "announcing");
  if (!announcing.ok()) return announcing.status();
  r.announcing = std::move(announcing).value();
  auto reported = compile_alternation(rules, kLists, "reported");
  if (!reported.ok()) return reported.status();
  r.reported = std::move(reported).value();
  r.bullets = strings(j, "bullets");
  longest_first(r.bullets);
  for (const std::string& b : r.bullets)
    if (!b.empty()) r.bullet_first_byte[static_cast<unsigned char>(b[0])] = true;
  if (j.contains("max_interruptions") && j["max_interruptions"].is_number_integer())
    r.max_interruptions = j["max_interruptions"].get<int>();
  if (j.contains("numbering")) {
    auto numbering = compile_one(rules, kLists, j["numbering"].get<std::string>(), true);
    if (!numbering.ok()) return numbering.status();
    r.numbering = std::move(numbering).value();
  }
  for (const std::string& w : strings(j, "imperative_blockers")) r.imperative_blockers.insert(lower(w));
  if (j.contains("max_intro_paragraphs") && j["max_intro_paragraphs"].is_number_integer())
    r.max_intro_paragraphs = j["max_intro_paragraphs"].get<int>();
  for (const std::string& verb : rules.lines(kVerbs)) r.imperative_verbs.insert(lower(verb));
  if (r.imperative_verbs.empty()) return Status::error(std::string("rules/") + std::string(kVerbs) + ": no verbs");
  return Status();
}

Status compile_sentences(const RuleSet& rules, PolicyRules& r) {
  const nlohmann::json& j = rules.json(kSentences);
  if (j.is_null()) return Status::error(std::string("rules/") + std::string(kSentences) + ": missing");
  if (!j.contains("cues") || !j["cues"].is_array()) return rules.error(kSentences, "cues", "missing list 'cues'");
  r.cue_set = std::make_unique<RE2::Set>(regex_options(false), RE2::UNANCHORED);
  std::vector<std::string> cue_patterns;
  for (const auto& c : j["cues"]) {
    std::string pattern = c.value("pattern", "");
    PolicyRules::Cue cue;
    cue.kind = c.value("kind", "");
    cue.modality = c.value("modality", "");
    cue.agentive = c.value("agentive", false);
    if (cue.kind != "recommend_verb" && cue.kind != "directive")
      return rules.error(kSentences, pattern.substr(0, 40), "cue kind must be recommend_verb or directive");
    auto re = compile_one(rules, kSentences, pattern, false);
    if (!re.ok()) return re.status();
    cue.re = std::move(re).value();
    std::string error;
    if (r.cue_set->Add(pattern, &error) < 0) return rules.error(kSentences, pattern.substr(0, 40), "bad pattern: " + error);
    r.cues.push_back(std::move(cue));
    cue_patterns.push_back(std::move(pattern));
  }
  if (!r.cue_set->Compile()) return rules.error(kSentences, "cues", "cue patterns too large to compile");
  r.cue_prefilter = LiteralPrefilter::build(cue_patterns, regex_options(false));
  r.exclusion_set = std::make_unique<RE2::Set>(regex_options(false), RE2::UNANCHORED);
  if (j.contains("exclusions") && j["exclusions"].is_array()) {
    for (const auto& e : j["exclusions"]) {
      std::string pattern = e.value("pattern", "");
      PolicyRules::Exclusion ex;
      auto re = compile_one(rules, kSentences, pattern, false);
      if (!re.ok()) return re.status();
      ex.re = std::move(re).value();
      if (e.contains("unless")) {
        auto unless = compile_one(rules, kSentences, e["unless"].get<std::string>(), false);
        if (!unless.ok()) return unless.status();
        ex.unless = std::move(unless).value();
      }
      std::string error;
      if (r.exclusion_set->Add(pattern, &error) < 0)
        return rules.error(kSentences, pattern.substr(0, 40), "bad pattern: " + error);
      r.exclusions.push_back(std::move(ex));
    }
  }
  if (!r.exclusion_set->Compile()) return rules.error(kSentences, "exclusions", "exclusions too large to compile");
  // Checked as one alternation (the same errors as the other lists), kept one regex per veto.
  if (auto all = compile_alternation(rules, kSentences, "sentence_vetoes"); !all.ok()) return all.status();
  for (const std::string& pattern : strings(j, "sentence_vetoes")) {
    auto veto = compile_one(rules, kSentences, pattern, false);
    if (!veto.ok()) return veto.status();
    r.sentence_vetoes.push_back(std::move(veto).value());
  }
  r.could = std::make_unique<RE2>("\\b(?:could|might)\\b", regex_options(false));
  r.may = std::make_unique<RE2>("\\bmay\\b", regex_options(true));
  for (const std::string& w : strings(j, "private_subjects")) r.private_subjects.insert(lower(w));
  for (const std::string& w : strings(j, "subject_skip")) r.subject_skip.insert(lower(w));
  for (const std::string& w : strings(j, "introductory_words")) r.introductory_words.insert(lower(w));
  auto passive = compile_one(rules, kSentences, j.value("passive", std::string("^$")), false);
  if (!passive.ok()) return passive.status();
  r.passive = std::move(passive).value();
  return Status();
}

Status compile_duplicates(const RuleSet& rules, PolicyRules& r) {
  const nlohmann::json& j = rules.json(kDuplicates);
  if (j.is_null()) return Status::error(std::string("rules/") + std::string(kDuplicates) + ": missing");
  for (const std::string& w : strings(j, "stopwords")) r.stopwords.insert(lower(w));
  auto number = [&](const char* key, double* out) -> Status {
    if (!j.contains(key)) return Status();
    if (!j[key].is_number() || j[key].get<double>() < 0) return rules.error(kDuplicates, key, std::string("'") + key + "' must be a number >= 0");
    *out = j[key].get<double>();
    return Status();
  };
  double opening = static_cast<double>(r.opening_words);
  for (auto [key, out] : {std::pair<const char*, double*>{"min_containment", &r.min_containment}, {"min_jaccard", &r.min_jaccard},
                          {"opening_words", &opening}, {"opening_min_containment", &r.opening_min_containment}})
    if (Status s = number(key, out); !s.ok()) return s;
  r.opening_words = static_cast<size_t>(opening);
  return Status();
}

}  // namespace

Result<std::shared_ptr<const PolicyRules>> PolicyRules::compile(const RuleSet& rules) {
  auto r = std::make_shared<PolicyRules>();
  if (Status s = compile_markers(rules, *r); !s.ok()) return s;
  if (Status s = compile_lists(rules, *r); !s.ok()) return s;
  if (Status s = compile_sentences(rules, *r); !s.ok()) return s;
  if (Status s = compile_duplicates(rules, *r); !s.ok()) return s;
  return std::shared_ptr<const PolicyRules>(std::move(r));
}

void HashedWordSet::insert(std::string word) {
  size_t hash = word_hash(word);
  if (contains(word, hash)) return;
  if ((count_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), Slot());
    count_ = 0;
    for (Slot& s : old)
      if (s.used) insert(std::move(s.word));
  }
  size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].used) i = (i + 1) & mask;
  slots_[i] = Slot{true, hash, std::move(word)};
  ++count_;
}

bool HashedWordSet::contains(std::string_view word, size_t hash) const {
  if (slots_.empty()) return false;
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].used; i = (i + 1) & mask)
    if (slots_[i].hash == hash && slots_[i].word.size() == word.size() &&
        std::equal(word.begin(), word.end(), slots_[i].word.begin(), [](char a, char b) {
          return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
        }))
      return true;
  return false;
}

bool PolicyRules::is_imperative_verb(std::string_view word) const {
  return imperative_verbs.count(lower(word)) > 0;
}

bool PolicyRules::is_abbreviation(std::string_view word) const {
  if (word.size() <= 1 || word.find('.') != std::string_view::npos) return true;  // initials, "U.S"
  return abbreviations.count(lower(word)) > 0;
}

size_t PolicyRules::bullet_length(std::string_view s) const {
  if (s.empty() || !bullet_first_byte[static_cast<unsigned char>(s[0])]) return 0;
  for (const std::string& b : bullets)
    if (s.substr(0, b.size()) == b) return b.size();
  return 0;
}

}  // namespace polex
