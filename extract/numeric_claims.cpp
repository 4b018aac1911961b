#include "extract/numeric_claims.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "extract/numeric_lexicon.h"
#include "extract/numeric_reader.h"

namespace polex {

namespace {

// An earlier annotation (an actor, a footnote reference) by clean position.
// It names the annotation by index: add() may reallocate doc.annotations.
struct Mark {
  uint32_t pos = 0;  // clean bytes
  uint32_t end = 0;
  size_t index = 0;  // in doc.annotations
};

// What a claim records of an actor: its canonical name, else its text.
nlohmann::json actor_value(const Annotation& a) {
  return a.attrs.contains("canonical") ? a.attrs["canonical"] : nlohmann::json(a.text);
}

nlohmann::json number_json(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return static_cast<int64_t>(v);
  return v;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True iff `s` has at least `min` words of at least two letters (ASCII
// letters or any multi-byte character); stops reading once it has.
bool has_words(std::string_view s, int min) {
  if (min <= 0) return true;
  int words = 0, run = 0;
  for (char c : s) {
    if (is_ascii_letter(c) || (static_cast<unsigned char>(c) & 0x80)) {
      ++run;
    } else {
      if (run >= 2 && ++words >= min) return true;
      run = 0;
    }
  }
  return words + (run >= 2 ? 1 : 0) >= min;
}

class NumericClaimsExtractor : public Extractor {
 public:
  explicit NumericClaimsExtractor(std::shared_ptr<const NumericLexicon> lexicon)
      : lex_(lexicon), reader_(std::move(lexicon)) {}

  std::string_view name() const override { return "numeric_claims"; }

  void extract(Document& doc) const override {
    // Copy what we need from earlier annotations: add() may reallocate them.
    std::vector<Mark> actors, footnotes;
    for (size_t i = 0; i < doc.annotations.size(); ++i) {
      const Annotation& a = doc.annotations[i];
      std::string_view type = a.type;
      if (type == "actor" && a.clean_end > a.clean_start) {
        actors.push_back({a.clean_start, a.clean_end, i});
      } else if (type == "footnote_ref" && a.attrs.contains("number")) {
        footnotes.push_back({a.clean_start, a.clean_end, i});
      }
    }
    // Sorted by position, so each sentence finds its own by binary search:
    // a scan of all of them per claim would be quadratic in one-paragraph documents.
    auto by_pos = [](const Mark& a, const Mark& b) { return a.pos < b.pos; };
    std::stable_sort(actors.begin(), actors.end(), by_pos);
    std::stable_sort(footnotes.begin(), footnotes.end(), by_pos);
    auto first_at = [](const std::vector<Mark>& marks, uint32_t pos) {
      return std::partition_point(marks.begin(), marks.end(), [pos](const Mark& m) { return m.pos < pos; });
    };
    NumericScratch scratch;
    std::vector<Quantity> found;
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      if (s.block < doc.blocks.size() &&
          (doc.blocks[s.block].kind == BlockKind::kHeading || doc.blocks[s.block].kind == BlockKind::kFurniture)) {
        continue;
      }
      std::string_view text = doc.clean_view(s.begin, s.end);
      if (!reader_.may_hold_quantity(text) || !has_words(text, lex_->min_sentence_words)) continue;
      reader_.read(text, scratch, found);
      uint32_t limit = si + 1 < doc.sentences.size() ? doc.sentences[si + 1].begin : s.end + 1;
      for (size_t k = 0; k < found.size(); ++k) {
        const Quantity& q = found[k];
        if (!q.claim) continue;
        if (table_cell(doc, s.begin + q.number_begin, s.begin + q.number_end)) continue;
        nlohmann::json attrs = nlohmann::json::object();
        attrs["kind"] = std::string(kind_name(q.kind));
        attrs["value"] = number_json(q.value);
        if (q.value_max) attrs["value_max"] = number_json(*q.value_max);
        if (!q.qualifier.empty()) attrs["qualifier"] = q.qualifier;
        if (!q.unit.empty()) attrs["unit"] = q.unit;
        if (!q.noun.empty()) attrs["noun"] = q.noun;
        if (auto year = year_of(found, k)) attrs["year"] = *year;
        nlohmann::json names = nlohmann::json::array();
        for (auto a = first_at(actors, s.begin); a != actors.end() && a->pos < s.end; ++a) {
          if (a->end > s.end) continue;
          nlohmann::json value = actor_value(doc.annotations[a->index]);
          if (std::find(names.begin(), names.end(), value) == names.end()) names.push_back(std::move(value));
        }
        if (!names.empty()) attrs["actors"] = std::move(names);
        if (auto f = first_at(footnotes, s.begin + q.end); f != footnotes.end() && f->pos <= limit) {
          attrs["footnote"] = doc.annotations[f->index].attrs.at("number");
        }
        doc.add("numeric_claim", s.begin + q.begin, s.begin + q.end, std::move(attrs));
      }
    }
  }

 private:
  // The year a figure refers to: the nearest year after it with no other
  // figure in between, else the nearest before it; only years that name a
  // time ("in 2023", "by 2030"), not starting points or dates ("since 1966").
  static std::optional<int> year_of(const std::vector<Quantity>& qs, size_t k) {
    auto is_year = [](const Quantity& q) { return !q.claim && q.time_year && q.value >= 1000; };
    for (size_t j = k + 1; j < qs.size(); ++j) {
      if (is_year(qs[j])) return static_cast<int>(qs[j].value);
      if (qs[j].claim) break;
    }
    for (size_t j = k; j-- > 0;) {
      if (is_year(qs[j])) return static_cast<int>(qs[j].value);
      if (qs[j].claim) break;
    }
    return std::nullopt;
  }

  // True iff the number at clean [b, e) is set off on its raw line by a column
  // gap, a tab or a markdown cell wall (|): a table cell, not prose.
  bool table_cell(const Document& doc, uint32_t b, uint32_t e) const {
    if (e <= b) return false;
    RawSpan span = doc.clean.to_raw(b, e);
    const std::string& raw = doc.raw.utf8;
    auto gap = [&](int64_t i, int step) {
      int spaces = 0;
      for (; i >= 0 && i < static_cast<int64_t>(raw.size()); i += step) {
        char c = raw[i];
        if (c == '\t' || c == '|') return true;  // a column gap or a markdown cell wall
        if (c == ' ') {
          ++spaces;
          continue;
        }
        if (c == '\n' || c == '\r') return false;  // indentation or line end, not a column
        return spaces >= lex_->table_min_gap;
      }
      return false;
    };
    return gap(static_cast<int64_t>(span.begin) - 1, -1) || gap(span.end, 1);
  }

  std::shared_ptr<const NumericLexicon> lex_;
  NumericReader reader_;
};

}  // namespace

Result<std::unique_ptr<Extractor>> make_numeric_claims_extractor(const RuleSet& rules) {
  auto lexicon = NumericLexicon::load(rules);
  if (!lexicon.ok()) return lexicon.status();
  return std::unique_ptr<Extractor>(std::make_unique<NumericClaimsExtractor>(lexicon.value()));
}

}  // namespace polex
