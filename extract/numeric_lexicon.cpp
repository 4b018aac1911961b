#include "extract/numeric_lexicon.h"

#include <algorithm>

#include "extract/numeric_tokens.h"

namespace polex {

template <typename V>
void PhraseTable<V>::add(std::string_view form, V value) {
  // Short abbreviations (MW, M, L, kWh, g, km) are case-sensitive; any other
  // form (US$, Canadian dollars, TEUs) matches in any case.
  std::string key;
  bool has_upper = false, letters_only = true;
  for (char c : form) {
    if (c == ' ') continue;
    if (c >= 'A' && c <= 'Z') has_upper = true;
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) letters_only = false;
    key += c;
  }
  std::vector<NumToken> tokens = tokenize_numeric(form);
  max_tokens_ = std::max(max_tokens_, tokens.size());
  if (!tokens.empty()) {
    std::string first(form.substr(tokens[0].begin, tokens[0].end - tokens[0].begin));
    for (char& c : first) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    first_tokens_.insert(std::move(first));
  }
  // Short abbreviations are case-sensitive: 'MW' is not 'mw', 'g' (gram) is not 'G' (5G).
  if (letters_only && (key.size() <= 2 || (has_upper && key.size() <= 3))) {
    exact_.emplace(key, value);
  } else {
    for (char& c : key) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    folded_.emplace(key, std::move(value));
  }
}

template <typename V>
const V* PhraseTable<V>::find(std::string_view exact, std::string_view lower) const {
  if (!exact_.empty()) {
    auto it = exact_.find(exact);
    if (it != exact_.end()) return &it->second;
  }
  auto it = folded_.find(lower);
  return it == folded_.end() ? nullptr : &it->second;
}

template class PhraseTable<ScaleWord>;
template class PhraseTable<std::string>;
template class PhraseTable<CurrencyForm>;
template class PhraseTable<bool>;

namespace {

using nlohmann::json;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads rule files and reports the first problem with its file and line.
class Loader {
 public:
  explicit Loader(const RuleSet& rules) : rules_(rules) {}
  const Status& status() const { return status_; }

  const json& file(std::string_view path) {
    current_file_ = path;
    const json& j = rules_.json(path);
    if (status_.ok() && !j.is_object()) {
      status_ = Status::error("rules/" + std::string(path) + ": missing or not a JSON object");
    }
    return j;
  }
  // j[key] as an object/array, or an error naming the key.
  const json& member(std::string_view path, const json& j, const char* key, bool array) {
    static const json kEmpty = json::object();
    static const json kEmptyArray = json::array();
    if (!j.is_object() || !j.contains(key) || (array ? !j[key].is_array() : !j[key].is_object())) {
      fail(path, key, std::string("expected ") + (array ? "an array" : "an object") + " at \"" + key + "\"");
      return array ? kEmptyArray : kEmpty;
    }
    return j[key];
  }
  void words(std::string_view path, const json& arr, StringSet& out) {
    for (const auto& w : arr) {
      if (!w.is_string()) {
        fail(path, arr.dump().substr(0, 20), "expected strings");
        return;
      }
      out.insert(lower_ascii(w.get<std::string>()));
    }
  }
  void numbers(std::string_view path, const json& obj, StringMap<double>& out) {
    for (const auto& [k, v] : obj.items()) {
      if (!v.is_number()) {
        fail(path, "\"" + k + "\"", "expected a number for \"" + k + "\"");
        return;
      }
      out[lower_ascii(k)] = v.get<double>();
    }
  }
  template <typename V>
  void phrases(std::string_view path, const json& arr, PhraseTable<V>& out, const V& value,
               StringSet* starters = nullptr) {
    for (const auto& w : arr) {
      if (!w.is_string()) {
        fail(path, arr.dump().substr(0, 20), "expected strings");
        return;
      }
      std::string form = w.get<std::string>();
      out.add(form, value);
      if (starters) starters->insert(first_token(form));
    }
  }
  // The lower-cased first token of a form, as the reader's tokenizer cuts it.
  static std::string first_token(std::string_view form) {
    std::vector<NumToken> t = tokenize_numeric(form);
    return t.empty() ? std::string() : lower_ascii(form.substr(t[0].begin, t[0].end - t[0].begin));
  }
  double number(std::string_view path, const json& j, const char* key, double fallback) {
    if (!j.contains(key)) return fallback;
    if (!j[key].is_number()) {
      fail(path, key, std::string("expected a number at \"") + key + "\"");
      return fallback;
    }
    return j[key].get<double>();
  }
  void fail(std::string_view path, std::string_view needle, std::string_view what) {
    if (status_.ok()) status_ = rules_.error(path, needle, what);
  }
  // The file read last: where a value of the wrong type thrown from deep in
  // the reading (an entry that is not an object, a "code" that is a number) is.
  std::string_view current_file() const { return current_file_; }

 private:
  const RuleSet& rules_;
  Status status_;
  std::string_view current_file_;
};

Status read_lexicon(Loader& in, NumericLexicon& lex);

}  // namespace

Result<std::shared_ptr<const NumericLexicon>> NumericLexicon::load(const RuleSet& rules) {
  auto lex = std::make_shared<NumericLexicon>();
  Loader in(rules);
  try {
    if (Status status = read_lexicon(in, *lex); !status.ok()) return status;
  } catch (const json::exception& e) {
    in.fail(in.current_file(), "", std::string("a value of the wrong type: ") + e.what());
    return in.status();
  }
  return std::shared_ptr<const NumericLexicon>(std::move(lex));
}

namespace {

// Fills lex from the numeric rule files; the first problem is in.status().
Status read_lexicon(Loader& in, NumericLexicon& lexicon) {
  NumericLexicon* lex = &lexicon;

  const char* kNumbers = "numeric/numbers.json";
  const json& numbers = in.file(kNumbers);
  if (!in.status().ok()) return in.status();
  in.numbers(kNumbers, in.member(kNumbers, numbers, "cardinals", false), lex->cardinals);
  in.numbers(kNumbers, in.member(kNumbers, numbers, "tens", false), lex->tens);
  in.numbers(kNumbers, in.member(kNumbers, numbers, "hundreds", false), lex->hundreds);
  in.numbers(kNumbers, in.member(kNumbers, numbers, "fractions", false), lex->fractions);
  in.numbers(kNumbers, in.member(kNumbers, numbers, "ordinals", false), lex->ordinals);
  in.numbers(kNumbers, in.member(kNumbers, numbers, "qualified_only", false), lex->qualified_only);
  in.words(kNumbers, in.member(kNumbers, numbers, "ordinal_suffixes", true), lex->ordinal_suffixes);
  in.words(kNumbers, in.member(kNumbers, numbers, "articles", true), lex->articles);
  for (const auto& s : in.member(kNumbers, numbers, "scales", true)) {
    ScaleWord w;
    w.value = in.number(kNumbers, s, "value", 0);
    w.glued_only = s.value("glued_only", false);
    w.money_only = s.value("money_only", false);
    if (w.value <= 0) in.fail(kNumbers, "\"scales\"", "a scale needs a positive \"value\"");
    in.phrases(kNumbers, in.member(kNumbers, s, "forms", true), w.money_only ? lex->money_scales : lex->scales, w);
    for (const auto& f : s.value("forms", json::array())) {
      if (f.is_string()) lex->number_words.insert(lower_ascii(f.get<std::string>()));
    }
  }

  const char* kQualifiers = "numeric/qualifiers.json";
  const json& qualifiers = in.file(kQualifiers);
  if (!in.status().ok()) return in.status();
  for (const auto& [name, forms] : in.member(kQualifiers, qualifiers, "before", false).items()) {
    in.phrases(kQualifiers, forms, lex->qualifiers_before, name, &lex->starters);
  }
  for (const auto& [name, forms] : in.member(kQualifiers, qualifiers, "after", false).items()) {
    in.phrases(kQualifiers, forms, lex->qualifiers_after, name);
  }

  if (qualifiers.contains("prepositional")) {
    in.phrases(kQualifiers, qualifiers["prepositional"], lex->prepositional_qualifiers, true);
  }

  const char* kCurrencies = "numeric/currencies.json";
  const json& currencies = in.file(kCurrencies);
  if (!in.status().ok()) return in.status();
  for (const auto& c : in.member(kCurrencies, currencies, "currencies", true)) {
    CurrencyForm form;
    form.code = c.value("code", "");
    form.needs_scale = c.value("needs_scale", false);
    if (form.code.size() != 3) in.fail(kCurrencies, "\"code\"", "each currency needs a 3-letter ISO \"code\"");
    if (c.contains("symbols")) in.phrases(kCurrencies, c["symbols"], lex->currency_symbols, form, &lex->starters);
    if (c.contains("names")) in.phrases(kCurrencies, c["names"], lex->currency_names, form);
  }
  for (const auto& code : in.member(kCurrencies, currencies, "codes", true)) {
    if (!code.is_string() || code.get<std::string>().size() != 3) {
      in.fail(kCurrencies, "\"codes\"", "codes must be 3-letter strings");
      break;
    }
    lex->currency_codes.insert(code.get<std::string>());
    lex->starters.insert(lower_ascii(code.get<std::string>()));
  }
  for (const auto& m : in.member(kCurrencies, currencies, "minor_units", true)) {
    CurrencyForm form;
    form.code = m.value("code", "");
    form.factor = in.number(kCurrencies, m, "factor", 1);
    in.phrases(kCurrencies, in.member(kCurrencies, m, "names", true), lex->currency_names, form);
  }

  const char* kUnits = "numeric/units.json";
  const json& units = in.file(kUnits);
  if (!in.status().ok()) return in.status();
  for (const auto& u : in.member(kUnits, units, "units", true)) {
    in.phrases(kUnits, in.member(kUnits, u, "forms", true), lex->units, u.value("unit", ""));
  }
  for (const auto& u : in.member(kUnits, units, "rate_forms", true)) {
    in.phrases(kUnits, in.member(kUnits, u, "forms", true), lex->rate_units, u.value("unit", ""));
  }
  in.words(kUnits, in.member(kUnits, units, "rate_connectors", true), lex->rate_connectors);
  for (const auto& [k, v] : in.member(kUnits, units, "rate_periods", false).items()) {
    lex->rate_periods[lower_ascii(k)] = v.is_string() ? v.get<std::string>() : "";
  }

  const char* kPercent = "numeric/percent.json";
  const json& percent = in.file(kPercent);
  if (!in.status().ok()) return in.status();
  in.phrases(kPercent, in.member(kPercent, percent, "forms", true), lex->percent_forms, std::string("percent"));

  const char* kContext = "numeric/context.json";
  const json& ctx = in.file(kContext);
  if (!in.status().ok()) return in.status();
  const json& years = in.member(kContext, ctx, "years", false);
  lex->year_min = static_cast<int>(in.number(kContext, years, "min", 1500));
  lex->year_max = static_cast<int>(in.number(kContext, years, "max", 2100));
  in.words(kContext, in.member(kContext, years, "prepositions", true), lex->year_prepositions);
  in.words(kContext, in.member(kContext, years, "reference_prepositions", true), lex->reference_year_prepositions);
  in.words(kContext, in.member(kContext, years, "decade_suffixes", true), lex->decade_suffixes);
  in.words(kContext, in.member(kContext, ctx, "months", true), lex->months);
  in.words(kContext, in.member(kContext, in.member(kContext, ctx, "durations", false), "nouns", true),
           lex->duration_nouns);
  in.words(kContext, in.member(kContext, in.member(kContext, ctx, "identifiers", false), "nouns", true),
           lex->identifier_nouns);
  in.words(kContext, in.member(kContext, in.member(kContext, ctx, "list_markers", false), "after", true),
           lex->list_marker_after);
  const json& counts = in.member(kContext, ctx, "counts", false);
  lex->min_word_count = in.number(kContext, counts, "min_word_value", 10);
  lex->max_noun_words = static_cast<size_t>(in.number(kContext, counts, "max_noun_words", 4));
  in.words(kContext, in.member(kContext, counts, "compound_suffixes", true), lex->count_compound_suffixes);
  in.words(kContext, in.member(kContext, counts, "noun_stop_words", true), lex->noun_stop_words);
  in.words(kContext, in.member(kContext, counts, "scale_letter_nouns", true), lex->scale_letter_nouns);
  const json& ratios = in.member(kContext, ctx, "ratios", false);
  in.phrases(kContext, in.member(kContext, ratios, "in_words", true), lex->ratio_in_words, true);
  in.phrases(kContext, in.member(kContext, ratios, "followers", true), lex->ratio_followers, true);
  lex->max_denominator = in.number(kContext, ratios, "max_denominator", 1000);
  const json& mult = in.member(kContext, ctx, "multipliers", false);
  in.words(kContext, in.member(kContext, mult, "fold_forms", true), lex->fold_forms);
  if (mult.contains("factor_phrases")) {
    in.phrases(kContext, mult["factor_phrases"], lex->factor_phrases, true, &lex->starters);
  }
  in.words(kContext, in.member(kContext, mult, "times_forms", true), lex->times_forms);
  in.numbers(kContext, in.member(kContext, mult, "always", false), lex->multiplier_always);
  in.numbers(kContext, in.member(kContext, mult, "when_compared", false), lex->multiplier_when_compared);
  in.words(kContext, in.member(kContext, mult, "comparison_words", true), lex->comparison_words);
  in.words(kContext, in.member(kContext, mult, "not_comparatives", true), lex->not_comparatives);
  lex->comparative_suffix = mult.value("comparative_suffix", "");
  const json& ranks = in.member(kContext, ctx, "ranks", false);
  in.phrases(kContext, in.member(kContext, ranks, "superlatives", true), lex->rank_superlatives, true);
  in.phrases(kContext, in.member(kContext, ranks, "followers", true), lex->rank_followers, true);
  in.phrases(kContext, in.member(kContext, ranks, "nouns", true), lex->rank_nouns, true);
  in.words(kContext, in.member(kContext, ranks, "verbs", true), lex->rank_verbs);
  lex->table_min_gap = static_cast<int>(in.number(kContext, in.member(kContext, ctx, "tables", false), "min_gap", 3));
  lex->min_sentence_words =
      static_cast<int>(in.number(kContext, in.member(kContext, ctx, "sentences", false), "min_words", 3));

  if (!in.status().ok()) return in.status();
  for (const auto* table : {&lex->cardinals, &lex->tens, &lex->hundreds, &lex->fractions, &lex->ordinals,
                            &lex->qualified_only, &lex->multiplier_always, &lex->multiplier_when_compared}) {
    for (const auto& [word, value] : *table) {
      lex->starters.insert(word);
      lex->number_words.insert(word);
    }
  }
  for (const auto& w : lex->number_words) lex->number_word_shapes.add(w);
  lex->starters.insert("between");
  // Articles open a quantity only before a starter (a billion, an estimated): the reader checks the next token.
  for (const auto& a : lex->articles) lex->starters.erase(a);
  for (const auto& w : lex->starters) lex->starter_shapes.add(w);
  return Status();
}

}  // namespace

}  // namespace polex
