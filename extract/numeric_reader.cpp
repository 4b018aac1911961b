#include "extract/numeric_reader.h"

#include <cmath>
#include <cstring>

#include "extract/bytewise.h"

namespace polex {

std::string_view kind_name(NumericKind kind) {
  switch (kind) {
    case NumericKind::kPercent:
      return "percent";
    case NumericKind::kMoney:
      return "money";
    case NumericKind::kCount:
      return "count";
    case NumericKind::kMeasure:
      return "measure";
    case NumericKind::kRatio:
      return "ratio";
    case NumericKind::kMultiplier:
      return "multiplier";
    case NumericKind::kRank:
      return "rank";
  }
  return "count";
}

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// `s` with its ASCII letters lower-cased (other bytes as they are) into out.
void fold_ascii(std::string_view s, std::string& out) {
  out.assign(s);
  char* p = out.data();
  const size_t n = out.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x = bytewise::load8(p + i);
    uint64_t upper = bytewise::bytes_in_range(x, 'A', 'Z');
    if (upper == 0) continue;
    x |= upper >> 2;  // 0x80 >> 2 = 0x20: 'A' -> 'a'
    std::memcpy(p + i, &x, 8);
  }
  for (; i < n; ++i)
    if (p[i] >= 'A' && p[i] <= 'Z') p[i] = static_cast<char>(p[i] - 'A' + 'a');
}

// A number as written: token range [first, last) and what it is made of.
struct Num {
  size_t first = 0;
  size_t last = 0;
  double value = 0;
  double scale = 1;       // the scale word applied (2.5 million: 1e6)
  bool words = false;     // written in words (seventeen)
  bool scaled = false;    // a scale word applied
  bool fraction = false;  // one-third, a quarter, half
  bool hyphen_fraction = false;
  bool qualified_only = false;  // "once": a number only after a qualifier
  bool integer = true;
};

// What read() builds before it turns into a Quantity.
struct Reading {
  Quantity q;
  size_t first_token = 0;       // qualifier included
  size_t last_token = 0;        // exclusive
  size_t number_token = 0;      // first token of the (first) number
  bool unit_after = false;      // the unit/percent/currency follows the number (list sharing)
  bool weak_qualifier = false;  // a prepositional qualifier (under, about, some)
  bool from_before = false;
};

// The parser's working memory, kept by a NumericScratch between calls.
struct ParserBuffers {
  std::vector<NumToken> tokens;
  std::string folded;
  std::vector<std::string_view> lower;
  std::vector<bool> title;
  std::vector<Reading> readings;
};

class Parser {
 public:
  Parser(const NumericLexicon& lex, std::string_view text, ParserBuffers& buffers)
      : lex_(lex), text_(text), t_(buffers.tokens), folded_(buffers.folded), lower_(buffers.lower),
        title_(buffers.title), readings_(buffers.readings) {
    tokenize_numeric(text, t_);
    fold_ascii(text, folded_);
    lower_.clear();
    lower_.reserve(t_.size());
    for (const auto& tok : t_) lower_.push_back(std::string_view(folded_).substr(tok.begin, tok.end - tok.begin));
    mark_titles();
  }

  void run(std::vector<Quantity>& out) {
    std::vector<Reading>& readings = readings_;
    readings.clear();
    size_t i = 0;
    while (i < t_.size()) {
      if (could_start(i)) {
        Reading r;  // only where a quantity may start: most tokens cannot
        if (try_at(i, r)) {
          readings.push_back(std::move(r));
          i = readings.back().last_token;
          continue;
        }
      }
      ++i;
    }
    share_units(readings);
    out.clear();
    out.reserve(readings.size());
    for (auto& r : readings) {
      r.q.begin = t_[r.first_token].begin;
      r.q.end = t_[r.last_token - 1].end;
      r.q.number_begin = t_[r.number_token].begin;
      r.q.number_end = t_[r.number_token].end;
      if (!r.q.claim && r.q.excluded == "year") {
        size_t p = r.first_token;
        if (p > 0 && is_hyphen(p - 1)) --p;  // mid-2011
        r.q.time_year = p > 0 && is_word(p - 1) && lex_.year_prepositions.count(lower_[p - 1]) > 0;
      }
      if (title_[r.number_token] && r.q.claim) {
        r.q.claim = false;
        r.q.excluded = "title";
      }
      if (r.q.kind == NumericKind::kCount && r.q.claim) r.q.noun = noun_after(r.last_token);
      out.push_back(std::move(r.q));
    }
  }

 private:
  // ---- token helpers ----
  bool ok(size_t i) const { return i < t_.size(); }
  bool is_word(size_t i) const { return ok(i) && t_[i].kind == NumTokKind::kWord; }
  bool is_num(size_t i) const { return ok(i) && t_[i].kind == NumTokKind::kNumber; }
  bool is(size_t i, std::string_view s) const { return ok(i) && lower_[i] == s; }
  bool glued(size_t i) const { return ok(i) && !t_[i].space_before; }
  bool is_hyphen(size_t i) const {
    return ok(i) && (lower_[i] == "-" || lower_[i] == "\xE2\x80\x90" || lower_[i] == "\xE2\x80\x91");
  }
  bool is_dash(size_t i) const {
    return ok(i) && (is_hyphen(i) || lower_[i] == "\xE2\x80\x93" || lower_[i] == "\xE2\x80\x94");
  }
  std::string_view raw(size_t i) const { return text_.substr(t_[i].begin, t_[i].end - t_[i].begin); }
  bool capitalized(size_t i) const { return is_word(i) && raw(i)[0] >= 'A' && raw(i)[0] <= 'Z'; }

  // Longest phrase of `table` starting at token i; *n gets its token count.
  template <typename V>
  const V* phrase(const PhraseTable<V>& table, size_t i, size_t* n) const {
    const V* best = nullptr;
    if (!ok(i) || !table.may_start(lower_[i])) return nullptr;
    std::string& exact = scratch_exact_;
    std::string& lower = scratch_lower_;
    exact.clear();
    lower.clear();
    for (size_t k = 0; k < table.max_tokens() && ok(i + k); ++k) {
      if (k > 0 && t_[i + k].newline_before && t_[i + k].kind == NumTokKind::kPunct) break;
      exact += raw(i + k);
      lower += lower_[i + k];
      if (const V* v = table.find(exact, lower)) {
        best = v;
        *n = k + 1;
      }
    }
    return best;
  }
  template <typename V>
  bool has_phrase(const PhraseTable<V>& table, size_t i, size_t* n = nullptr) const {
    size_t dummy = 0;
    return phrase(table, i, n ? n : &dummy) != nullptr;
  }

  // Only numbers and the words and signs in lex_.starters open a quantity.
  bool could_start(size_t i) const {
    if (t_[i].kind == NumTokKind::kNumber) return true;
    if (starter(i)) return true;
    // "a" and "an" are everywhere: they open a quantity only before a number word (a billion, a quarter).
    return is_article(i) && ok(i + 1) && starter(i + 1);
  }
  bool starter(size_t i) const { return lex_.starter_shapes.maybe(lower_[i]) && lex_.starters.count(lower_[i]) > 0; }

  // ---- quoted titles: numbers inside cited titles are not claims ----
  void mark_titles() {
    title_.assign(t_.size(), false);
    for (size_t i = 0; i < t_.size(); ++i) {
      if (lower_[i] != "\xE2\x80\x9C" && lower_[i] != "\"") continue;
      size_t j = i + 1;
      while (j < t_.size() && lower_[j] != "\xE2\x80\x9D" && lower_[j] != "\"" && j - i < 40) ++j;
      if (j >= t_.size() || j - i >= 40) continue;
      int long_words = 0, caps = 0;
      for (size_t k = i + 1; k < j; ++k) {
        if (is_word(k) && t_[k].end - t_[k].begin >= 5) {
          ++long_words;
          if (capitalized(k)) ++caps;
        }
      }
      if (long_words >= 2 && caps * 10 >= long_words * 8) {
        for (size_t k = i + 1; k < j; ++k) title_[k] = true;
      }
      i = j;
    }
  }

  // ---- numbers ----
  const ScaleWord* scale_at(size_t i, bool money, size_t* n) const {
    if (!ok(i)) return nullptr;
    size_t len = 0;
    const ScaleWord* s = phrase(lex_.scales, i, &len);
    if (s && s->glued_only && glued(i)) {
      *n = len;
      return s;
    }
    if (s && !s->glued_only) {
      *n = len;
      return s;
    }
    if (const ScaleWord* m = phrase(lex_.money_scales, i, &len);
        m && (money || (glued(i) && is_word(i + len) && !glued(i + len) &&
                        lex_.scale_letter_nouns.count(lower_[i + len])))) {  // 45m people
      *n = len;
      return m;
    }
    return nullptr;
  }

  double cardinal(size_t i) const {
    if (!is_word(i)) return -1;
    auto it = lex_.cardinals.find(lower_[i]);
    return it == lex_.cardinals.end() ? -1 : it->second;
  }
  double tens(size_t i) const {
    if (!is_word(i)) return -1;
    auto it = lex_.tens.find(lower_[i]);
    return it == lex_.tens.end() ? -1 : it->second;
  }
  double fraction_denominator(size_t i) const {
    if (!is_word(i)) return -1;
    auto it = lex_.fractions.find(lower_[i]);
    return it == lex_.fractions.end() ? -1 : it->second;
  }
  // A currency sign written before an amount ($, US$, C $). A sign that opens
  // with letters must open a word, and across a space not be an article:
  // "Mexico's $5 billion" and "a $3 million grant" are US dollars, not S$ and A$.
  const CurrencyForm* currency_sign_before(size_t i, size_t* n) const {
    const CurrencyForm* sign = phrase(lex_.currency_symbols, i, n);
    if (!sign || *n < 2 || !is_word(i)) return sign;
    bool after_apostrophe = i > 0 && glued(i) && (lower_[i - 1] == "'" || lower_[i - 1] == "\xE2\x80\x99");
    if (after_apostrophe || (!glued(i + 1) && is_article(i))) return nullptr;
    return sign;
  }
  bool is_article(size_t i) const { return is_word(i) && lex_.articles.count(lower_[i]) > 0; }
  bool is_hundred(size_t i) const { return is_word(i) && lex_.hundreds.count(lower_[i]) > 0; }

  // A fraction word at i, after an optional hyphen: returns its token index or kNone.
  size_t fraction_at(size_t i, bool* hyphen) const {
    *hyphen = false;
    if (is_dash(i) && fraction_denominator(i + 1) > 0 && (glued(i) || t_[i + 1].space_before)) {
      *hyphen = true;
      return i + 1;
    }
    return fraction_denominator(i) > 0 ? i : kNone;
  }

  // Numbers in words: "seventeen", "one hundred and six", "a billion", "a half-trillion".
  bool word_number(size_t i, Num& n, bool money) const {
    enum Last { kStart, kArticle, kUnit, kTeen, kTens, kHundred, kScale, kAnd };
    Last last = kStart;
    double total = 0, group = 0;
    size_t k = i;
    size_t end = i;
    if (is_article(k)) {
      size_t len = 0;
      bool hy = false;
      bool next_ok = is_hundred(k + 1) || scale_at(k + 1, money, &len) || fraction_at(k + 1, &hy) != kNone;
      if (!next_ok) return false;
      group = 1;
      last = kArticle;
      ++k;
    }
    while (ok(k)) {
      double v = cardinal(k);
      size_t len = 0;
      const ScaleWord* s = nullptr;
      if (v >= 0 && (last == kStart || last == kHundred || last == kScale || last == kAnd ||
                     (last == kTens && v > 0 && v < 10))) {
        group += v;
        last = v < 10 ? kUnit : kTeen;
        end = ++k;
      } else if ((v = tens(k)) >= 0 && (last == kStart || last == kHundred || last == kScale || last == kAnd)) {
        group += v;
        last = kTens;
        end = ++k;
      } else if (is_hundred(k) && (last == kUnit || last == kTeen || last == kTens || last == kArticle)) {
        group = (group == 0 ? 1 : group) * 100;
        last = kHundred;
        end = ++k;
      } else if ((last == kUnit || last == kTeen || last == kTens || last == kHundred || last == kArticle) &&
                 (s = scale_at(k, money, &len)) != nullptr && !s->glued_only) {
        total += (group == 0 ? 1 : group) * s->value;
        group = 0;
        n.scaled = true;
        n.scale = s->value;
        last = kScale;
        k += len;
        end = k;
      } else if (is(k, "and") && (last == kHundred || last == kScale) && (cardinal(k + 1) > 0 || tens(k + 1) > 0)) {
        last = kAnd;
        ++k;
      } else if (is_dash(k) && last == kTens && cardinal(k + 1) > 0 && cardinal(k + 1) < 10) {
        ++k;  // twenty-one, fifty - two
      } else {
        break;
      }
    }
    if (last == kStart) return false;
    if (last == kArticle) {
      end = k;  // "a" + fraction/scale handled by the caller
      if (end == i + 1) {
        n.first = i;
        n.last = end;
        n.value = 1;
        n.words = true;
        return true;
      }
    }
    n.first = i;
    n.last = end;
    n.value = total + group;
    n.words = true;
    return true;
  }

  // A number at token i in digits or words, with scale words and fractions.
  bool number(size_t i, Num& n, bool money) const {
    if (!ok(i)) return false;
    n = Num();
    n.first = i;
    if (is_num(i)) {
      const NumToken& tok = t_[i];
      n.value = tok.value;
      n.integer = !tok.decimal;
      n.last = i + 1;
      // Digit fractions: 3/4, 10 1/2 (never dates: the denominator is small and unique).
      if (is(i + 1, "/") && glued(i + 1) && is_num(i + 2) && glued(i + 2) && !tok.decimal && !t_[i + 2].decimal &&
          t_[i + 2].value >= 2 && t_[i + 2].value <= 16 && tok.value < t_[i + 2].value && !is(i + 3, "/")) {
        n.value = tok.value / t_[i + 2].value;
        n.fraction = true;
        n.integer = false;
        n.last = i + 3;
      } else if (is_num(i + 1) && t_[i + 1].space_before && is(i + 2, "/") && glued(i + 2) && is_num(i + 3) &&
                 glued(i + 3) && !t_[i + 1].decimal && t_[i + 3].value >= 2 && t_[i + 3].value <= 16 &&
                 t_[i + 1].value < t_[i + 3].value && !tok.decimal && !is(i + 4, "/")) {
        n.value = tok.value + t_[i + 1].value / t_[i + 3].value;
        n.integer = false;
        n.last = i + 4;
      }
      // Glued scale (10k, 1.2b, 10M) or spaced scale words (2.5 million).
      size_t len = 0;
      while (ok(n.last)) {
        size_t at = n.last;
        if (is_hyphen(at) && glued(at) && is_word(at + 1) && glued(at + 1)) at = at + 1;  // 1.5-billion
        const ScaleWord* s = scale_at(at, money, &len);
        if (!s) break;
        if (s->glued_only && at != n.last) break;
        n.value *= s->value;
        n.scale *= s->value;
        n.scaled = true;
        n.last = at + len;
      }
      // "3 hundred", "322 hundred"
      if (!n.scaled && is_hundred(n.last)) {
        n.value *= 100;
        n.scale = 100;
        n.scaled = true;
        ++n.last;
      }
    } else {
      if (!word_number(i, n, money)) {
        // "half" alone, "half a million"
        if (is(i, "half")) {
          n.first = i;
          n.last = i + 1;
          n.value = 0.5;
          n.fraction = true;
          n.integer = false;
          n.words = true;
          size_t len = 0;
          const ScaleWord* s = nullptr;
          if (is_article(i + 1) && (s = scale_at(i + 2, money, &len)) != nullptr) {
            n.value = 0.5 * s->value;
            n.scale = s->value;
            n.scaled = true;
            n.fraction = false;
            n.last = i + 2 + len;
          } else if ((s = scale_at(i + 1, money, &len)) != nullptr && !s->glued_only) {  // half a million
            n.value = 0.5 * s->value;
            n.scale = s->value;
            n.scaled = true;
            n.fraction = false;
            n.last = i + 1 + len;
          }
          return true;
        }
        // "quarter million": a bare fraction word only before a scale word.
        size_t sl = 0;
        const ScaleWord* qs = nullptr;
        if (fraction_denominator(i) > 2 && cardinal(i) < 0 && (qs = scale_at(i + 1, money, &sl)) != nullptr &&
            !qs->glued_only && lex_.ordinals.count(lower_[i]) == 0) {
          n.first = i;
          n.last = i + 1 + sl;
          n.value = qs->value / fraction_denominator(i);
          n.scale = qs->value;
          n.scaled = true;
          n.words = true;
          n.integer = false;
          return true;
        }
        auto it = is_word(i) ? lex_.qualified_only.find(lower_[i]) : lex_.qualified_only.end();
        if (it != lex_.qualified_only.end()) {
          n.first = i;
          n.last = i + 1;
          n.value = it->second;
          n.words = true;
          n.qualified_only = true;
          return true;
        }
        return false;
      }
    }
    // Fractions after a small number word or an article: one-third, two thirds, a quarter.
    bool hyphen = false;
    size_t f = kNone;
    if (n.words && !n.scaled && n.integer && n.value >= 1 && n.value <= 20 &&
        (f = fraction_at(n.last, &hyphen)) != kNone) {
      n.value = n.value / fraction_denominator(f);
      n.fraction = true;
      n.hyphen_fraction = hyphen;
      n.integer = false;
      n.last = f + 1;
      // a half-trillion, a half dozen
      size_t len = 0;
      size_t at = is_hyphen(n.last) && glued(n.last) ? n.last + 1 : n.last;
      if (const ScaleWord* s = scale_at(at, money, &len); s && !s->glued_only) {
        n.value *= s->value;
        n.scale = s->value;
        n.scaled = true;
        n.fraction = false;
        n.last = at + len;
      }
    } else if (!n.scaled && n.integer && is(n.last, "and") && (is_article(n.last + 1) || cardinal(n.last + 1) == 1) &&
               fraction_denominator(n.last + 2) > 0) {
      // one and a half (million)
      n.value += 1 / fraction_denominator(n.last + 2);
      n.integer = false;
      n.last += 3;
      size_t len = 0;
      if (const ScaleWord* s = scale_at(n.last, money, &len); s && !s->glued_only) {
        n.value *= s->value;
        n.scale = s->value;
        n.scaled = true;
        n.last += len;
      }
    }
    if (n.words && n.value == 1 && !n.scaled && !n.fraction && is_article(n.first)) return false;  // a lone "a"
    return n.last > n.first;
  }

  // ---- the claim grammar ----
  bool try_at(size_t i, Reading& r) {
    size_t j = i;
    bool between = false;
    if (is(i, "between")) {
      between = true;
      j = i + 1;
    } else {
      size_t n = 0;
      if (const std::string* q = phrase(lex_.qualifiers_before, i, &n)) {
        // A qualifier must touch what it qualifies ("over" in "over the past" qualifies nothing).
        r.q.qualifier = *q;
        size_t pn = 0;
        r.weak_qualifier = phrase(lex_.prepositional_qualifiers, i, &pn) != nullptr && pn == n;
        j = i + n;
      }
    }
    r.from_before = j > 0 && is(j - 1, "from");
    if (!try_core(j, r, between)) return false;
    // "between" belongs to the span only when a range follows it.
    r.first_token = between && !r.q.value_max ? j : i;
    return true;
  }

  bool try_core(size_t j, Reading& r, bool between) {
    if (!ok(j)) return false;
    if (rank(j, r)) return true;
    if (multiplier_word(j, r)) return true;
    // "by a factor of three"
    size_t flen = 0;
    if (has_phrase(lex_.factor_phrases, j, &flen)) {
      Num f;
      if (!number(j + flen, f, false) || f.fraction) return false;
      r.q.kind = NumericKind::kMultiplier;
      r.q.value = f.value;
      r.number_token = f.first;
      r.last_token = f.last;
      return true;
    }
    // Currency written before the amount: $, US$, C $, MXN.
    size_t plen = 0;
    const CurrencyForm* cur = currency_sign_before(j, &plen);
    std::string code;
    if (cur) {
      code = cur->code;
    } else if (is_word(j) && lex_.currency_codes.count(raw(j)) && is_num(j + 1) &&
               !small_bare_integer(j + 1)) {  // "COP 26" names a conference, "MXN 1.1 trillion" is money
      code = std::string(raw(j));
      plen = 1;
    }
    if (!code.empty() && is_num(j + plen)) {
      Num n;
      if (!number(j + plen, n, true)) return false;
      r.number_token = n.first;
      r.q.kind = NumericKind::kMoney;
      r.q.unit = code;
      r.q.value = n.value;
      size_t end = n.last;
      // Range: $8 and $10 billion, $6-9 million.
      size_t sep = end;
      if (!r.from_before && (is(sep, "to") || is_dash(sep) || (between && is(sep, "and")))) {
        size_t k = sep + 1;
        size_t p2 = 0;
        if (currency_sign_before(k, &p2)) k += p2;
        Num m;
        if (number(k, m, true) && m.value > 0) {
          double low = n.value;
          if (!n.scaled && m.scaled && low * m.scale <= m.value * 1.0001) low *= m.scale;
          if (low <= m.value) {
            r.q.value = low;
            r.q.value_max = m.value;
            end = m.last;
          }
        }
      }
      end = money_tail(end, r, true);
      r.last_token = end;
      apply_suffix_qualifier(r);
      return true;
    }
    Num n;
    if (!number(j, n, false)) return false;
    r.number_token = n.first;
    r.q.value = n.value;
    size_t end = n.last;

    // Ratios: one in ten, 1 in 6, nine out of ten.
    size_t len = 0;
    if (n.integer && !n.scaled && n.value >= 0 && has_phrase(lex_.ratio_in_words, end, &len)) {
      Num d;
      if (number(end + len, d, false) && d.integer && d.value > n.value && d.value <= lex_.max_denominator &&
          !year_like(d)) {
        r.q.kind = NumericKind::kRatio;
        r.q.value = n.value / d.value;
        r.last_token = d.last;
        return true;
      }
    }
    // Ranges: six to nine billion, 2.1-3.4 million, between 4 and 6 percent.
    bool range = false;
    if (!r.from_before && (is(end, "to") || (is_dash(end) && !is(end + 1, "-")) || (between && is(end, "and")))) {
      Num m;
      size_t k = end + 1;
      bool parsed = number(k, m, false);
      bool chain = parsed && is_dash(end) && is_hyphen(m.last) && glued(m.last) && is_num(m.last + 1);  // 202-691-4000
      if (parsed && !chain && !(is_dash(end) && (t_[m.first].leading_zero || year_like(m))) && m.words == n.words &&
          !m.qualified_only) {
        double low = n.value;
        if (!n.scaled && m.scaled && low * m.scale <= m.value * 1.0001) low *= m.scale;
        if (year_like(n) && year_like(m)) {
          r.q.claim = false;
          r.q.excluded = "year";
          r.last_token = m.last;
          return true;
        }
        if (low < m.value) {
          r.q.value = low;
          r.q.value_max = m.value;
          n.fraction = n.fraction && m.fraction;
          n.scaled = n.scaled || m.scaled;
          end = m.last;
          range = true;
        }
      }
    }
    // Units after the number.
    size_t at = end;
    bool hyphenated = is_hyphen(at) && glued(at) && is_word(at + 1) && glued(at + 1);
    size_t ua = hyphenated ? at + 1 : at;
    if (phrase(lex_.percent_forms, ua, &len)) {
      r.q.kind = NumericKind::kPercent;
      r.last_token = ua + len;
      r.unit_after = true;
      apply_suffix_qualifier(r);
      return true;
    }
    const CurrencyForm* name = phrase(lex_.currency_names, ua, &len);
    if (name && (!name->needs_scale || n.scaled)) {
      r.q.kind = NumericKind::kMoney;
      r.q.unit = name->code;
      r.q.value *= name->factor;
      if (r.q.value_max) *r.q.value_max *= name->factor;
      r.unit_after = true;
      r.last_token = money_tail(ua + len, r, false);
      apply_suffix_qualifier(r);
      return true;
    }
    // A currency sign after the amount (10 €, 100 ₡), never a letter form (S$).
    if (const CurrencyForm* sign = phrase(lex_.currency_symbols, ua, &len);
        sign && (!is_word(ua) || static_cast<unsigned char>(raw(ua)[0]) >= 0x80) && !(is(ua, "$") && is_num(ua + 1))) {
      r.q.kind = NumericKind::kMoney;
      r.q.unit = sign->code;
      r.unit_after = true;
      r.last_token = ua + len;
      apply_suffix_qualifier(r);
      return true;
    }
    if (is_word(ua) && lex_.currency_codes.count(raw(ua))) {
      r.q.kind = NumericKind::kMoney;
      r.q.unit = std::string(raw(ua));
      r.unit_after = true;
      r.last_token = ua + 1;
      apply_suffix_qualifier(r);
      return true;
    }
    if (const std::string* unit = measure_unit(ua, &len)) {
      r.q.kind = NumericKind::kMeasure;
      r.q.unit = *unit;
      r.unit_after = true;
      r.last_token = ua + len;
      apply_suffix_qualifier(r);
      return true;
    }
    // Multipliers: seven-fold, 1.7 times faster, three times the rate.
    if (is_word(ua) && lex_.fold_forms.count(lower_[ua])) {
      r.q.kind = NumericKind::kMultiplier;
      r.last_token = ua + 1;
      return true;
    }
    if (!range && is_word(at) && lex_.times_forms.count(lower_[at]) && (lower_[at] != "x" || glued(at))) {
      size_t c = at + 1;
      if (is_word(c) && (lex_.comparison_words.count(lower_[c]) || comparative(c))) {
        r.q.kind = NumericKind::kMultiplier;
        // "1.7 times faster", "four times less"; but "three times the rate".
        bool include = comparative(c) || is(c, "more") || is(c, "less") || is(c, "fewer");
        r.last_token = include ? c + 1 : at + 1;
        return true;
      }
    }
    // A fraction: a quarter of, one-third, less than half.
    r.last_token = end;
    if (n.fraction) {
      r.q.kind = NumericKind::kRatio;
      size_t fl = 0;
      bool claim = n.hyphen_fraction || range || !r.q.qualifier.empty() || has_phrase(lex_.ratio_followers, end, &fl);
      if (!claim) {
        r.q.claim = false;
        r.q.excluded = "bare fraction";
      }
      return true;
    }
    // A count, unless context says it is something else.
    r.q.kind = NumericKind::kCount;
    apply_suffix_qualifier(r);
    std::string why = not_a_count(n, r, range);
    if (!why.empty()) {
      r.q.claim = false;
      r.q.excluded = why;
      if (why == "year" || why == "decade") {
        // 1990s: swallow the suffix so it is not read again.
        if (ok(r.last_token) && glued(r.last_token) && lex_.decade_suffixes.count(lower_[r.last_token])) ++r.last_token;
      }
    }
    return true;
  }

  bool comparative(size_t i) const {
    if (!is_word(i)) return false;
    std::string_view w = lower_[i];
    const std::string& suf = lex_.comparative_suffix;
    return !suf.empty() && w.size() > suf.size() + 2 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0 &&
           !lex_.not_comparatives.count(w);
  }

  // A unit of measure at i (with an optional rate: barrels per day), or nullptr.
  const std::string* measure_unit(size_t i, size_t* n) {
    size_t len = 0;
    if (const std::string* rate = phrase(lex_.rate_units, i, &len)) {
      *n = len;
      return rate;
    }
    const std::string* unit = phrase(lex_.units, i, &len);
    if (!unit) return nullptr;
    // A single-letter form after a space is too ambiguous (5 m, 2 t): only glued.
    if (t_[i].end - t_[i].begin == 1 && len == 1 && t_[i].space_before && is_word(i)) return nullptr;
    size_t k = i + len;
    if (ok(k) && glued(k) && is_num(k)) return nullptr;  // 24703L202 is a code
    if (ok(k + 1) && is_word(k) && lex_.rate_connectors.count(lower_[k])) {
      auto it = lex_.rate_periods.find(lower_[k + 1]);
      if (it != lex_.rate_periods.end() && (lower_[k + 1].size() > 1 || is(k, "/"))) {
        scratch_unit_ = *unit + "/" + it->second;
        *n = len + 2;
        return &scratch_unit_;
      }
    } else if (ok(k + 1) && is(k, "/") && glued(k + 1)) {
      auto it = lex_.rate_periods.find(lower_[k + 1]);
      if (it != lex_.rate_periods.end()) {
        scratch_unit_ = *unit + "/" + it->second;
        *n = len + 2;
        return &scratch_unit_;
      }
    }
    *n = len;
    return unit;
  }

  // After a money amount: a repeated currency name ($75 billion dollars) and
  // a price's unit ($13 per million British Thermal Units, $16 per hour).
  size_t money_tail(size_t end, Reading& r, bool prefixed) {
    size_t len = 0;
    if (prefixed) {
      if (const CurrencyForm* name = phrase(lex_.currency_names, end, &len); name && name->factor == 1) end += len;
    }
    if (is(end, "per") && is_word(end + 1)) {
      size_t k = end + 1;
      size_t sl = 0;
      if (scale_at(k, false, &sl)) k += sl;
      if (const std::string* u = phrase(lex_.units, k, &len); u && len > 0) {
        return k + len;
      }
      if (!is_word(k) || lex_.noun_stop_words.count(lower_[k])) return end;
      size_t e = k + 1;
      bool caps = capitalized(k);
      while (ok(e) && ((is_hyphen(e) && glued(e) && is_word(e + 1) && glued(e + 1)) || (caps && capitalized(e)))) {
        e += is_hyphen(e) ? 2 : 1;
      }
      return e;
    }
    return end;
  }

  void apply_suffix_qualifier(Reading& r) {
    size_t at = r.last_token;
    size_t len = 0;
    size_t k = is_hyphen(at) && glued(at) ? at + 1 : at;
    if (const std::string* q = phrase(lex_.qualifiers_after, k, &len)) {
      if (k == at && is_word(k) && !is(k, "or")) return;  // "fifty plus" needs the hyphen
      if (r.q.qualifier.empty() || r.q.qualifier == "approximately") r.q.qualifier = *q;
      r.last_token = k + len;
    }
  }

  // Ranks: second largest, ranks seventh, ninth among, third source of oil.
  bool rank(size_t j, Reading& r) {
    double value = -1;
    size_t end = j + 1;
    if (is_word(j)) {
      auto it = lex_.ordinals.find(lower_[j]);
      if (it != lex_.ordinals.end()) value = it->second;
      double tv = tens(j);
      if (tv > 0 && is_dash(j + 1) && is_word(j + 2)) {  // twenty-first
        auto o = lex_.ordinals.find(lower_[j + 2]);
        if (o != lex_.ordinals.end() && o->second < 10) {
          value = tv + o->second;
          end = j + 3;
        }
      }
    } else if (is_num(j) && !t_[j].decimal && is_word(j + 1) && glued(j + 1) &&
               lex_.ordinal_suffixes.count(lower_[j + 1])) {
      value = t_[j].value;
      end = j + 2;
    }
    if (value < 0) return false;
    // Ordinals preceded by a number word are fractions (one third), read elsewhere.
    if (j > 0 && (cardinal(j - 1) >= 0 || is_article(j - 1))) return false;
    size_t len = 0;
    size_t at = is_hyphen(end) && glued(end) ? end + 1 : end;
    bool after_verb = j > 0 && is_word(j - 1) && lex_.rank_verbs.count(lower_[j - 1]);
    if (has_phrase(lex_.rank_superlatives, at, &len) && !(is(at, "most") && !is_word(at + 1))) {
      r.q.kind = NumericKind::kRank;
      r.q.value = value;
      r.number_token = j;
      r.last_token = at + len;
      return true;
    }
    bool cue = after_verb || has_phrase(lex_.rank_followers, end, &len) || has_phrase(lex_.rank_nouns, end, &len);
    r.q.kind = NumericKind::kRank;
    r.q.value = value;
    r.number_token = j;
    r.last_token = end;
    if (!cue) {
      r.q.claim = false;
      r.q.excluded = "sequence ordinal";
    }
    return true;
  }

  // double, doubled, twice, tripled...
  bool multiplier_word(size_t j, Reading& r) {
    if (!is_word(j)) return false;
    auto a = lex_.multiplier_always.find(lower_[j]);
    double v = -1;
    if (a != lex_.multiplier_always.end()) {
      v = a->second;
    } else {
      auto c = lex_.multiplier_when_compared.find(lower_[j]);
      if (c == lex_.multiplier_when_compared.end()) return false;
      if (is_hyphen(j + 1)) return false;  // double-digit
      bool compared = !r.q.qualifier.empty() ||
                      (is_word(j + 1) && (lex_.comparison_words.count(lower_[j + 1]) || comparative(j + 1)));
      if (!compared) return false;
      v = c->second;
    }
    r.q.kind = NumericKind::kMultiplier;
    r.q.value = v;
    r.number_token = j;
    r.last_token = j + 1;
    return true;
  }

  // An integer below 100 with nothing after it that makes it an amount.
  bool small_bare_integer(size_t i) const {
    if (!is_num(i) || t_[i].decimal || t_[i].grouped || t_[i].value >= 100) return false;
    size_t len = 0;
    return !scale_at(i + 1, true, &len) && !phrase(lex_.percent_forms, i + 1, &len);
  }
  // An all-capitals word of two or more letters (COP, EU).
  bool acronym(size_t i) const {
    if (!is_word(i) || t_[i].end - t_[i].begin < 2) return false;
    for (char c : raw(i)) {
      if (c < 'A' || c > 'Z') return false;
    }
    return true;
  }

  bool year_like(const Num& n) const {
    return is_num(n.first) && n.last == n.first + 1 && !t_[n.first].grouped && !t_[n.first].decimal &&
           t_[n.first].int_digits == 4 && n.value >= lex_.year_min && n.value <= lex_.year_max;
  }

  // Why a plain number is not a count claim, or "" when it is one.
  std::string not_a_count(const Num& n, Reading& r, bool range) {
    const size_t i = n.first;
    if (is_num(i)) {
      const NumToken& tok = t_[i];
      if (year_like(n)) {
        if (ok(n.last) && glued(n.last) && lex_.decade_suffixes.count(lower_[n.last])) return "decade";
        return "year";
      }
      if (!tok.grouped && !tok.decimal && n.last == i + 1) {
        // Extraction damage: "in 200616" (year + footnote), "20002006" (a range of years).
        double v = tok.value;
        if (tok.int_digits == 8) {
          double a = std::floor(v / 1e4), b = v - a * 1e4;
          if (a >= lex_.year_min && a <= lex_.year_max && b >= lex_.year_min && b <= lex_.year_max) return "year";
        }
        if (tok.int_digits >= 5 && tok.int_digits <= 7 && i > 0 &&
            (lex_.year_prepositions.count(lower_[i - 1]) || lex_.reference_year_prepositions.count(lower_[i - 1]))) {
          double a = std::floor(v / std::pow(10, tok.int_digits - 4));
          if (a >= lex_.year_min && a <= lex_.year_max) return "year";
        }
      }
      if (tok.leading_zero) return "identifier";
      // Chains of numbers joined by hyphens: phone numbers, codes (202-691-4000).
      if ((is_hyphen(n.last) && glued(n.last) && is_num(n.last + 1) && glued(n.last + 1)) ||
          (i > 1 && is_hyphen(i - 1) && !tok.space_before && is_num(i - 2) && !t_[i - 1].space_before)) {
        return "identifier";
      }
      // Glued to letters (H1N1, 3x1) or after a word and a hyphen (G-20, COVID-19).
      if (i > 0 && !tok.space_before && is_word(i - 1)) return "identifier";
      if (i > 1 && !tok.space_before && is_hyphen(i - 1) && !t_[i - 1].space_before && is_word(i - 2)) {
        return "identifier";
      }
      if (ok(n.last) && glued(n.last) && is_word(n.last) && !is_hyphen(n.last)) return "identifier";
      if (ok(n.last) && glued(n.last) && is_num(n.last)) return "identifier";
      // 287(g), and a volume with its issue in a citation: 12(3).
      if (is(n.last, "(") && glued(n.last) && (is_word(n.last + 1) || is_num(n.last + 1)) && is(n.last + 2, ")")) {
        return "identifier";
      }
      // Pages after a citation's volume and issue: 12(3): 45-67.
      if (i > 1 && is(i - 1, ":") && is(i - 2, ")")) return "identifier";
      if (i > 0 && is(i - 1, "(") && is(n.last, ")") && i > 1 && is_num(i - 2) && glued(i - 1)) return "identifier";
      // Dates and times: 9/11, 5/17/2018, 10:30.
      if ((is(n.last, "/") || is(n.last, ":")) && glued(n.last) && is_num(n.last + 1)) return "date";
      if (i > 0 && (is(i - 1, "/") || is(i - 1, ":")) && !tok.space_before && is_num(i - 2)) return "date";
      // Version numbers after a name: Convocation 1.0, Web 2.0.
      if (tok.decimal && std::fmod(tok.value, 1.0) == 0 && i > 0 && capitalized(i - 1)) return "identifier";
      // List numbering: "1." or "1)" opening the text; "2)" mid-text without an opening bracket.
      if (i == 0 && ok(n.last) && lex_.list_marker_after.count(lower_[n.last]) &&
          (n.last + 1 >= t_.size() || is_word(n.last + 1) || is(n.last + 1, "\xE2\x80\x9C"))) {
        return "list number";
      }
      if (is(n.last, ")") && glued(n.last) && !(i > 0 && is(i - 1, "("))) return "list number";
      // A note's number: "3 Daniel Okafor, ..." (prose does not open on a bare digit).
      if (i == 0 && !tok.decimal && !tok.grouped && capitalized(n.last)) return "note number";
    }
    // Dates: March 21, 21 March 2005, February 17-18.
    size_t p = i;
    if (p > 0 && is_word(p - 1) && lex_.months.count(lower_[p - 1]) && capitalized(p - 1)) return "date";
    if (p > 1 && is(p - 1, ".") && is_word(p - 2) && lex_.months.count(lower_[p - 2])) return "date";
    if (is_word(n.last) && lex_.months.count(lower_[n.last]) && capitalized(n.last) && is_num(i)) return "date";
    // Identifiers: Chapter 4, Section 232, pp. 7-8, Working Paper 14.
    size_t q = i;
    if (q > 0 && is(q - 1, ".")) --q;
    if (q > 0 && is_word(q - 1) && lex_.identifier_nouns.count(lower_[q - 1]) && is_num(i)) return "identifier";
    if (q > 0 && is(q - 1, "#")) return "identifier";
    // After an acronym: COP 26, F 35, EU 27 (a name, not a count).
    if (is_num(i) && q == i && i > 0 && acronym(i - 1) && small_bare_integer(i)) return "identifier";
    // Durations (twelve years, a three-year program) and compound adjectives
    // (a two-step strategy, 911-type numbers); a 10,000-strong force is a count.
    size_t k = n.last;
    if (r.last_token == n.last && is_hyphen(k) && glued(k) && is_word(k + 1)) {
      if (lex_.duration_nouns.count(lower_[k + 1])) return "duration";
      if (!lex_.count_compound_suffixes.count(lower_[k + 1])) return "compound";
    }
    if (is_word(k) && lex_.duration_nouns.count(lower_[k])) return "duration";
    if (n.qualified_only && r.q.qualifier.empty()) return "not a number";
    // Word counts: claims from ten on, with a scale word, or qualified.
    bool qualified = !r.q.qualifier.empty() && !r.weak_qualifier;
    if (n.words && !n.scaled && n.value < lex_.min_word_count && !qualified && !range) return "small count";
    if (n.words && n.value == 1 && !n.scaled && r.q.qualifier.empty()) return "small count";
    return "";
  }

  // The counted noun after a count: "79,000 people" -> "people".
  std::string noun_after(size_t k) const {
    if (is_hyphen(k) && glued(k) && is_word(k + 1) && lex_.count_compound_suffixes.count(lower_[k + 1])) k += 2;
    size_t first = k, last = k, words = 0;
    while (ok(k) && words < lex_.max_noun_words) {
      if (is_word(k)) {
        if (lex_.noun_stop_words.count(lower_[k])) break;
        // A plural noun ends the phrase: "immigrants live", "strategies available".
        if (words > 0 && !capitalized(k) && plural(last - 1)) break;
        ++words;
        last = ++k;
        // U.S. / Mexican-born
        while (ok(k + 1) && glued(k) && (is(k, ".") || is_hyphen(k)) && is_word(k + 1) && glued(k + 1)) {
          k += 2;
          last = k;
        }
        if (ok(k) && is(k, ".") && glued(k) && t_[k - 1].end - t_[k - 1].begin == 1) last = ++k;
        continue;
      }
      break;
    }
    if (words == 0) return "";
    return std::string(text_.substr(t_[first].begin, t_[last - 1].end - t_[first].begin));
  }

  bool plural(size_t i) const {
    std::string_view w = lower_[i];
    return is_word(i) && w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's';
  }

  // Lists sharing a unit: "four, three, and two percent respectively" gives
  // the unit of the last number to the bare numbers listed before it.
  void share_units(std::vector<Reading>& rs) {
    for (size_t x = rs.size(); x-- > 0;) {
      Reading& head = rs[x];
      if (!head.unit_after || head.q.value_max || !head.q.claim) continue;
      size_t y = x;
      size_t k = head.number_token;
      while (y > 0) {
        // separators: ",", "and", "or", ", and", "to" (from X to Y percent)
        size_t s = k;
        bool seen = false;
        while (s > 0 && (is(s - 1, ",") || is(s - 1, "and") || is(s - 1, "or") || is(s - 1, "to"))) {
          --s;
          seen = true;
        }
        if (!seen) break;
        Reading& prev = rs[y - 1];
        if (prev.last_token != s || prev.q.kind != NumericKind::kCount || prev.q.value_max) break;
        if (!(prev.q.claim || prev.q.excluded == "small count")) break;
        bool via_to = is(s, "to");
        if (via_to && !prev.from_before) break;
        prev.q.kind = head.q.kind;
        prev.q.unit = head.q.unit;
        prev.q.claim = true;
        prev.q.excluded.clear();
        prev.q.noun.clear();
        k = prev.number_token;
        --y;
        if (via_to) break;
      }
    }
  }

  const NumericLexicon& lex_;
  std::string_view text_;
  std::vector<NumToken>& t_;
  std::string& folded_;  // the text with ASCII letters lower-cased
  std::vector<std::string_view>& lower_;
  std::vector<bool>& title_;
  std::vector<Reading>& readings_;
  std::string scratch_unit_;
  mutable std::string scratch_exact_, scratch_lower_;
};

}  // namespace

namespace {

// Byte classes of the quantity pre-scan: ASCII digits, ASCII letters, the rest.
enum ScanClass : uint8_t { kOtherByte, kDigitByte, kLetterByte };
struct ScanClasses {
  uint8_t of[256] = {};
  constexpr ScanClasses() {
    for (int c = '0'; c <= '9'; ++c) of[c] = kDigitByte;
    for (int c = 'a'; c <= 'z'; ++c) of[c] = of[c - 'a' + 'A'] = kLetterByte;
  }
};
constexpr ScanClasses kScanClasses;

}  // namespace

bool NumericReader::may_hold_quantity(std::string_view text) const {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  constexpr size_t kMaxWord = 24;
  size_t i = 0;
  while (i < n) {
    uint8_t k = kScanClasses.of[p[i]];
    if (k == kOtherByte) {
      ++i;
      continue;
    }
    if (k == kDigitByte) return true;
    // A run of ASCII letters: a number word when its shape and then the set say so.
    size_t b = i;
    do ++i;
    while (i < n && kScanClasses.of[p[i]] == kLetterByte);
    size_t len = i - b;
    if (len >= kMaxWord) continue;
    unsigned char b0 = p[b] | 0x20, b1 = len > 1 ? p[b + 1] | 0x20 : 0;
    if (!lex_->number_word_shapes.maybe(b0, b1, len)) continue;
    char word[kMaxWord];
    for (size_t c = 0; c < len; ++c) word[c] = static_cast<char>(p[b + c] | 0x20);
    if (lex_->number_words.count(std::string_view(word, len)) > 0) return true;
  }
  return false;
}

struct NumericScratch::Buffers : ParserBuffers {};

NumericScratch::NumericScratch() : buffers_(std::make_unique<Buffers>()) {}
NumericScratch::~NumericScratch() = default;

std::vector<Quantity> NumericReader::read(std::string_view text) const {
  NumericScratch scratch;
  std::vector<Quantity> out;
  read(text, scratch, out);
  return out;
}

void NumericReader::read(std::string_view text, NumericScratch& scratch, std::vector<Quantity>& out) const {
  Parser parser(*lex_, text, *scratch.buffers_);
  parser.run(out);
}

}  // namespace polex
