#include "extract/actor_rules.h"

#include <string_view>
#include <type_traits>

namespace polex {

namespace {

constexpr std::string_view kDir = "actors/";
constexpr std::string_view kPatterns = "actors/patterns.json";
constexpr std::string_view kFirstNames = "actors/first_names.txt";

const std::unordered_set<std::string> kCategories = {"country", "region", "gov_body", "intl_org",
                                                     "organization", "person", "none"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Collects every word of the form "Abc." so the tokenizer keeps its period.
void collect_dotted_words(const nlohmann::json& j, ActorVocabulary& vocab) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    size_t i = 0;
    while (i < s.size()) {
      size_t e = s.find(' ', i);
      if (e == std::string::npos) e = s.size();
      std::string_view w(s.data() + i, e - i);
      if (w.size() >= 3 && w.back() == '.') {
        bool letters = true;
        for (size_t k = 0; k + 1 < w.size(); ++k) {
          unsigned char c = static_cast<unsigned char>(w[k]);
          if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) letters = false;
        }
        if (letters) vocab.add_dotted_word(std::string(w));
      }
      i = e + 1;
    }
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      collect_dotted_words(nlohmann::json(key), vocab);
      collect_dotted_words(value, vocab);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) collect_dotted_words(v, vocab);
  }
}

bool is_acronym(std::string_view s) {
  int upper = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else if (!(c >= '0' && c <= '9') && c != '-') {
      return false;
    }
  }
  return upper >= 2;
}

Status add_word_set(const RuleSet& rules, std::string_view path, const nlohmann::json& j, const char* key,
                    ActorVocabulary& vocab, std::unordered_set<uint32_t>& out) {
  const nlohmann::json& list = j.contains(key) ? j.at(key) : nlohmann::json();
  if (!list.is_array()) return rules.error(path, key, std::string("'") + key + "' must be a list of words");
  for (const auto& w : list) {
    if (!w.is_string()) return rules.error(path, key, std::string("'") + key + "' must hold strings");
    for (uint32_t id : vocab.intern_phrase(w.get<std::string>())) out.insert(id);
  }
  return Status();
}

Status add_phrase_trie(const RuleSet& rules, std::string_view path, const nlohmann::json& j, const char* key,
                       ActorVocabulary& vocab, PhraseTrie& out) {
  const nlohmann::json& list = j.contains(key) ? j.at(key) : nlohmann::json();
  if (!list.is_array()) return rules.error(path, key, std::string("'") + key + "' must be a list of phrases");
  int n = 0;
  for (const auto& w : list) {
    if (!w.is_string()) return rules.error(path, key, std::string("'") + key + "' must hold strings");
    out.add(vocab.intern_phrase(w.get<std::string>()), n++);
  }
  return Status();
}

Status add_head_map(const RuleSet& rules, std::string_view path, const nlohmann::json& j, const char* key,
                    ActorVocabulary& vocab, std::unordered_map<uint32_t, std::string>& out) {
  const nlohmann::json& map = j.contains(key) ? j.at(key) : nlohmann::json();
  if (!map.is_object()) return rules.error(path, key, std::string("'") + key + "' must map head words to categories");
  for (const auto& [word, category] : map.items()) {
    if (word == "_doc") continue;
    if (!category.is_string() || !kCategories.count(category.get<std::string>())) {
      return rules.error(path, word, "unknown category for head word '" + word + "'");
    }
    std::vector<uint32_t> ids = vocab.intern_phrase(word);
    if (ids.size() != 1) return rules.error(path, word, "head '" + word + "' must be one word");
    out[ids[0]] = category.get<std::string>();
  }
  return Status();
}

Status load_gazetteer(const RuleSet& rules, const std::string& path, ActorRules& r) {
  const nlohmann::json& j = rules.json(path);
  if (!j.is_object() || !j.contains("entries") || !j.at("entries").is_array()) {
    return rules.error(path, "entries", "a gazetteer needs \"category\" and a list \"entries\"");
  }
  std::string file_category = j.value("category", "");
  std::string file_country = j.value("country", "");
  for (const auto& e : j.at("entries")) {
    if (!e.is_object() || !e.contains("canonical") || !e.at("canonical").is_string()) {
      return rules.error(path, "canonical", "every entry needs a string \"canonical\"");
    }
    ActorEntry entry;
    entry.canonical = e.at("canonical").get<std::string>();
    entry.category = e.value("category", file_category);
    entry.country = entry.category == "country" ? entry.canonical : e.value("country", file_country);
    if (!kCategories.count(entry.category)) {
      return rules.error(path, entry.canonical, "unknown category '" + entry.category + "' for '" + entry.canonical + "'");
    }
    std::unordered_set<std::string> context_aliases;
    bool all_contextual = e.contains("by_country") && !e.contains("context_aliases");
    if (e.contains("by_country")) {
      if (!e.at("by_country").is_object()) return rules.error(path, entry.canonical, "\"by_country\" must be an object");
      for (const auto& [country, name] : e.at("by_country").items()) {
        if (!name.is_string()) return rules.error(path, entry.canonical, "\"by_country\" values must be names");
        entry.by_country[country] = name.get<std::string>();
      }
    }
    if (e.contains("context_aliases")) {
      for (const auto& a : e.at("context_aliases")) context_aliases.insert(a.get<std::string>());
    }
    uint32_t entry_index = static_cast<uint32_t>(r.entries.size());
    r.entries.push_back(std::move(entry));
    const ActorEntry& stored = r.entries.back();

    std::vector<std::string> forms;
    if (stored.category != "none") forms.push_back(stored.canonical);
    if (e.contains("aliases")) {
      if (!e.at("aliases").is_array()) return rules.error(path, stored.canonical, "\"aliases\" must be a list");
      for (const auto& a : e.at("aliases")) {
        if (!a.is_string()) return rules.error(path, stored.canonical, "aliases must be strings");
        forms.push_back(a.get<std::string>());
      }
    }
    for (const std::string& form : forms) {
      std::vector<uint32_t> ids = r.vocab.intern_phrase(form);
      if (ids.empty()) continue;
      ActorAlias alias;
      alias.entry = entry_index;
      alias.contextual = all_contextual || context_aliases.count(form) > 0;
      alias.acronym = ids.size() == 1 && is_acronym(form);
      // The first file (in path order) that lists a form keeps it.
      if (r.gazetteer.add(ids, static_cast<int>(r.aliases.size()))) r.aliases.push_back(alias);
    }
    if (e.contains("unit_forms")) {
      for (const auto& u : e.at("unit_forms")) {
        std::string key;
        for (uint32_t id : r.vocab.intern_phrase(u.get<std::string>())) key += std::to_string(id) + " ";
        r.unit_forms[key] = entry_index;
      }
    }
    if (e.contains("demonyms")) {
      for (const auto& d : e.at("demonyms")) {
        std::vector<uint32_t> ids = r.vocab.intern_phrase(d.get<std::string>());
        if (!ids.empty()) r.demonyms[ids[0]] = stored.canonical;
      }
    }
  }
  return Status();
}

}  // namespace

Result<std::shared_ptr<const ActorRules>> compile_actor_rules(const RuleSet& rules) {
  auto r = std::make_shared<ActorRules>();
  std::vector<std::string> gazetteers;
  for (const std::string& path : rules.paths()) {
    if (!starts_with(path, kDir) || !ends_with(path, ".json")) continue;
    collect_dotted_words(rules.json(path), r->vocab);
    if (path != kPatterns) gazetteers.push_back(path);
  }
  if (!rules.has(kPatterns)) return Status::error(rules.origin() + "/" + std::string(kPatterns) + ": missing");

  ActorVocabulary& v = r->vocab;
  r->id_comma = v.intern(",");
  r->id_lparen = v.intern("(");
  r->id_rparen = v.intern(")");
  r->id_hyphen = v.intern("-");
  r->id_and = v.intern("and");
  r->id_amp = v.intern("&");
  r->id_semicolon = v.intern(";");
  r->id_star = v.intern("*");
  r->id_slash = v.intern("/");
  r->id_period = v.intern(".");
  r->id_colon = v.intern(":");
  r->id_open_quote = v.intern("\xE2\x80\x9C");   // “
  r->id_close_quote = v.intern("\xE2\x80\x9D");  // ”
  r->id_straight_quote = v.intern("\"");
  r->id_at = v.intern("at");
  r->id_the = v.intern("the");
  r->id_possessive = v.intern("'s");

  for (const std::string& path : gazetteers) {
    Status s = load_gazetteer(rules, path, *r);
    if (!s.ok()) return s;
  }

  const nlohmann::json& p = rules.json(kPatterns);
  std::string path(kPatterns);
  Status s;
  if (!(s = add_head_map(rules, path, p, "org_heads", v, r->org_heads)).ok()) return s;
  if (!(s = add_head_map(rules, path, p, "head_first", v, r->head_first)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "connectors", v, r->connectors)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "head_first_connectors", v, r->head_first_connectors)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "generic_modifiers", v, r->generic_modifiers)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "role_modifiers", v, r->role_modifiers)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "exclusion_heads", v, r->exclusion_heads)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "function_words", v, r->function_words)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "name_particles", v, r->name_particles)).ok()) return s;
  if (!(s = add_word_set(rules, path, p, "name_stop_words", v, r->name_stop_words)).ok()) return s;
  if (!(s = add_phrase_trie(rules, path, p, "person_titles", v, r->person_titles)).ok()) return s;
  if (!(s = add_phrase_trie(rules, path, p, "person_roles", v, r->person_roles)).ok()) return s;
  if (!(s = add_phrase_trie(rules, path, p, "byline_cues", v, r->byline_cues)).ok()) return s;
  if (!(s = add_phrase_trie(rules, path, p, "citation_markers", v, r->citation_markers)).ok()) return s;
  // Head words and program words never belong to a person's name.
  for (const auto& [id, category] : r->org_heads) r->name_stop_words.insert(id);
  for (uint32_t id : r->exclusion_heads) r->name_stop_words.insert(id);
  // Words a title leaves lower case: the function words and connectors, lower-cased.
  for (const auto& w : p.value("function_words", nlohmann::json::array())) {
    std::string lower = w.get<std::string>();
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    r->minor_words.insert(v.intern(lower));
  }
  for (uint32_t id : r->connectors) r->minor_words.insert(id);

  for (const std::string& name : rules.lines(kFirstNames)) {
    std::vector<uint32_t> ids = v.intern_phrase(name);
    if (ids.size() != 1) return rules.error(kFirstNames, name, "a first name must be one word: '" + name + "'");
    r->first_names.insert(ids[0]);
  }

  r->word_flags.assign(v.size() + 1, 0);
  auto flag_all = [&](const auto& ids, uint32_t flag) {
    for (const auto& id : ids) {
      if constexpr (std::is_same_v<std::decay_t<decltype(id)>, uint32_t>) {
        r->word_flags[id] |= flag;
      } else {
        r->word_flags[id.first] |= flag;
      }
    }
  };
  flag_all(r->first_names, ActorRules::kFirstName);
  flag_all(r->name_particles, ActorRules::kNameParticle);
  flag_all(r->name_stop_words, ActorRules::kNameStopWord);
  flag_all(r->function_words, ActorRules::kFunctionWord);
  flag_all(r->connectors, ActorRules::kConnector);
  flag_all(r->head_first_connectors, ActorRules::kHeadFirstConnector);
  flag_all(r->generic_modifiers, ActorRules::kGenericModifier);
  flag_all(r->role_modifiers, ActorRules::kRoleModifier);
  flag_all(r->exclusion_heads, ActorRules::kExclusionHead);
  flag_all(r->minor_words, ActorRules::kMinorWord);
  flag_all(r->org_heads, ActorRules::kOrgHead);
  flag_all(r->head_first, ActorRules::kHeadFirst);
  flag_all(r->demonyms, ActorRules::kDemonym);
  for (uint32_t id = 1; id <= v.size(); ++id) {
    if (r->person_titles.find_one(id) >= 0) r->word_flags[id] |= ActorRules::kPersonTitle;
    if (r->gazetteer.starts_with(id)) r->word_flags[id] |= ActorRules::kStartsGazetteer;
    if (r->citation_markers.starts_with(id)) r->word_flags[id] |= ActorRules::kStartsCitationMarker;
  }
  return std::shared_ptr<const ActorRules>(std::move(r));
}

}  // namespace polex
