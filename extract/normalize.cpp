#include "extract/normalize.h"

#include <algorithm>

#include "extract/normalize_tables.h"
#include "extract/utf8.h"

namespace polex {
namespace {

constexpr const char* kCharacters = "normalize/characters.json";
constexpr const char* kMarkup = "normalize/markup.json";
constexpr const char* kLayout = "normalize/layout.json";
constexpr const char* kWords = "lexicon/english_words.txt";

// Reads a list of strings at j[key] into `out`.
template <typename Insert>
Status read_strings(const RuleSet& rules, const char* file, const nlohmann::json& j, const char* key, Insert insert) {
  if (!j.contains(key) || !j[key].is_array()) return rules.error(file, key, std::string("\"") + key + "\" must be a list of strings");
  for (const auto& v : j[key]) {
    if (!v.is_string()) return rules.error(file, key, std::string("\"") + key + "\" holds a non-string");
    insert(v.get<std::string>());
  }
  return {};
}

// The single code point of `s`, or 0 if it is not exactly one.
char32_t single_code_point(const std::string& s) {
  RawText r = decode_raw(s);
  if (r.length() != 1 || r.invalid_sequences) return 0;
  int len;
  return utf8::decode(r.utf8, 0, &len);
}

Status load_characters(const RuleSet& rules, Normalizer::Tables& t) {
  const nlohmann::json& j = rules.json(kCharacters);
  if (!j.is_object()) return rules.error(kCharacters, "", "missing or not a JSON object");
  if (!j.contains("replace") || !j["replace"].is_object()) return rules.error(kCharacters, "replace", "\"replace\" must be an object");
  for (const auto& [from, to] : j["replace"].items()) {
    char32_t cp = single_code_point(from);
    if ((!cp && from != std::string(1, '\0')) || !to.is_string())
      return rules.error(kCharacters, from, "\"replace\" keys must be single characters and values strings");
    t.replace[cp] = to.get<std::string>();
  }
  if (!j.contains("macroman") || !j["macroman"].is_array()) return rules.error(kCharacters, "macroman", "\"macroman\" must be a list");
  for (const auto& r : j["macroman"]) {
    std::string from = r.value("from", ""), when = r.value("when", "");
    char32_t cp = single_code_point(from);
    if (!cp || (when != "after_lower" && when != "before_letter"))
      return rules.error(kCharacters, from, "macroman rule needs one-character \"from\" and \"when\": after_lower|before_letter");
    t.macroman[cp] = {r.value("to", ""), when == "after_lower" ? MacRomanContext::kAfterLower : MacRomanContext::kBeforeLetter};
  }
  std::string digits = j.value("superscript_digits", "");
  RawText d = decode_raw(digits);
  if (d.length() != 10) return rules.error(kCharacters, "superscript_digits", "\"superscript_digits\" must list 10 characters, 0 to 9");
  for (size_t i = 0, n = 0; i < d.utf8.size(); ++n) {
    int len;
    t.superscript_digit[utf8::decode(d.utf8, i, &len)] = static_cast<int>(n);
    i += len;
  }
  return {};
}

Status load_markup(const RuleSet& rules, Normalizer::Tables& t) {
  const nlohmann::json& j = rules.json(kMarkup);
  if (!j.is_object()) return rules.error(kMarkup, "", "missing or not a JSON object");
  auto into = [](std::unordered_set<std::string>& set) { return [&set](std::string s) { set.insert(std::move(s)); }; };
  if (Status s = read_strings(rules, kMarkup, j, "drop_tags", into(t.drop_tags)); !s.ok()) return s;
  if (Status s = read_strings(rules, kMarkup, j, "break_tags", into(t.break_tags)); !s.ok()) return s;
  if (Status s = read_strings(rules, kMarkup, j, "block_tags", into(t.block_tags)); !s.ok()) return s;
  if (!j.contains("entities") || !j["entities"].is_object()) return rules.error(kMarkup, "entities", "\"entities\" must be an object");
  for (const auto& [name, value] : j["entities"].items()) {
    if (!value.is_string()) return rules.error(kMarkup, name, "entity values must be strings");
    t.entities[name] = value.get<std::string>();
  }
  return {};
}

Status load_layout(const RuleSet& rules, Normalizer::Tables& t) {
  const nlohmann::json& j = rules.json(kLayout);
  if (!j.is_object()) return rules.error(kLayout, "", "missing or not a JSON object");
  auto into = [](std::unordered_set<std::string>& set) { return [&set](std::string s) { set.insert(std::move(s)); }; };
  if (Status s = read_strings(rules, kLayout, j, "bullets", [&](std::string b) { t.bullets.push_back(std::move(b)); }); !s.ok()) return s;
  std::sort(t.bullets.begin(), t.bullets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const std::string& b : t.bullets)
    if (!b.empty()) t.bullet_first_byte[static_cast<unsigned char>(b[0])] = true;
  if (Status s = read_strings(rules, kLayout, j, "continuation_words", into(t.continuation_words)); !s.ok()) return s;
  if (Status s = read_strings(rules, kLayout, j, "year_prepositions", into(t.year_prepositions)); !s.ok()) return s;
  if (Status s = read_strings(rules, kLayout, j, "keep_hyphen_prefixes", into(t.keep_hyphen_prefixes)); !s.ok()) return s;
  for (auto [key, target] : {std::pair{"numbered_item", &t.numbered_item}, std::pair{"markdown_heading", &t.markdown_heading}}) {
    std::string pattern = j.value(key, "");
    auto re = std::make_unique<RE2>(pattern, RE2::Quiet);
    if (pattern.empty() || !re->ok())
      return rules.error(kLayout, key, std::string("bad pattern \"") + key + "\": " + (pattern.empty() ? "missing" : re->error()));
    *target = std::move(re);
  }
  t.running_header_min_repeats = j.value("running_header_min_repeats", 3);
  t.heading_max_words = j.value("heading_max_words", 14);
  t.heading_max_chars = j.value("heading_max_chars", 100);
  return {};
}

}  // namespace

Normalizer::~Normalizer() = default;

Result<std::shared_ptr<const Normalizer>> Normalizer::create(const RuleSet& rules) {
  auto tables = std::make_unique<Tables>();
  if (Status s = load_characters(rules, *tables); !s.ok()) return s;
  if (Status s = load_markup(rules, *tables); !s.ok()) return s;
  if (Status s = load_layout(rules, *tables); !s.ok()) return s;
  tables->words.assign_lines(rules.text(kWords));
  std::shared_ptr<Normalizer> n(new Normalizer());
  n->tables_ = std::move(tables);
  return std::shared_ptr<const Normalizer>(std::move(n));
}

bool Normalizer::is_word(std::string_view word) const { return tables_->words.contains(word); }

size_t WordList::hash(std::string_view w) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<size_t>(h ^ (h >> 29));
}

void WordList::assign_lines(std::string_view text) {
  buffer_.assign(text);
  size_t lines = std::count(text.begin(), text.end(), '\n') + 1;
  size_t capacity = 16;
  while (capacity < 2 * lines) capacity *= 2;
  slots_.assign(capacity, Slot());
  used_ = 0;
  for (size_t b = 0; b < buffer_.size();) {
    size_t nl = buffer_.find('\n', b);
    if (nl == std::string::npos) nl = buffer_.size();
    size_t e = nl;
    if (e > b && buffer_[e - 1] == '\r') --e;
    if (e > b && buffer_[b] != '#') place(static_cast<uint32_t>(b), static_cast<uint32_t>(e - b));
    b = nl + 1;
  }
}

void WordList::place(uint32_t begin, uint32_t size) {
  std::string_view w(buffer_.data() + begin, size);
  size_t mask = slots_.size() - 1;
  for (size_t i = hash(w) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.size == 0) {
      slot = {begin, size};
      ++used_;
      return;
    }
    if (std::string_view(buffer_.data() + slot.begin, slot.size) == w) return;
  }
}

bool WordList::contains(std::string_view w) const {
  if (slots_.empty() || w.empty()) return false;
  size_t mask = slots_.size() - 1;
  for (size_t i = hash(w) & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.size == 0) return false;
    if (slot.size == w.size() && std::string_view(buffer_.data() + slot.begin, slot.size) == w) return true;
  }
}

void Normalizer::normalize(Document& doc) const {
  size_t first_pass_notes = doc.annotations.size();
  // The pass-1 text lives only in here: one buffer per thread, reused, so
  // its pages are not mapped and faulted in afresh for every document.
  thread_local PiecewiseText chars;
  chars.clear();
  repair_characters(*tables_, doc, chars);
  size_t superscripts_end = doc.annotations.size();
  // The layout pass maps its text to pass-1 positions, in pieces; the clean
  // text's map to raw is written once, from both passes' pieces.
  thread_local PiecewiseText layout;
  layout.clear();
  repair_layout(*tables_, chars, doc, layout);
  if (superscripts_end == first_pass_notes) {
    doc.clean.assign_composed(layout, chars);
  } else {
    // Footnote markers of pass 1 hold pass-1 positions: each moves to the
    // first clean byte that comes from at or after its position.
    doc.clean.assign(layout);
    const auto& from = doc.clean.raw_begin();
    for (size_t i = first_pass_notes; i < superscripts_end; ++i) {
      Annotation& a = doc.annotations[i];
      auto it = std::lower_bound(from.begin(), from.end(), a.clean_start);
      a.clean_start = a.clean_end = static_cast<uint32_t>(it - from.begin());
    }
    doc.clean.compose(chars);
  }
  constexpr size_t kKeepBytes = size_t{16} << 20;  // a huge document's buffer is not kept
  if (chars.capacity() > kKeepBytes) chars = PiecewiseText();
  if (doc.raw.invalid_sequences)
    doc.warnings.push_back(std::to_string(doc.raw.invalid_sequences) + " invalid UTF-8 sequences replaced by U+FFFD");
}

}  // namespace polex
