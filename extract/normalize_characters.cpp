// Pass 1 of normalization: character repairs that need no layout.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extract/normalize_tables.h"
#include "extract/utf8.h"

namespace polex {
namespace {

// Windows-1252 bytes 0x80-0x9F; the rest of 0xA0-0xFF equals Latin-1.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

// The cp1252 byte a character stands for, or -1.
int cp1252_byte(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  for (int i = 0; i < 32; ++i)
    if (kCp1252High[i] == cp) return 0x80 + i;
  return -1;
}

bool is_lower_letter(char32_t cp) { return u_islower(cp); }
bool is_letter(char32_t cp) { return u_isalpha(cp); }

class CharacterPass {
 public:
  CharacterPass(const Normalizer::Tables& t, Document& doc, PiecewiseText& out)
      : t_(t), doc_(doc), s_(doc.raw.utf8), out_(out) {
    for (int c = 0; c < 256; ++c) plain_[c] = plain_ascii(static_cast<unsigned char>(c));
    // A line break is copied like the rest unless a rule replaces it.
    plain_['\n'] = !t_.replace.count(U'\n');
  }

  void run() {
    out_.reserve(s_.size());
    out_.set_raw_size(static_cast<uint32_t>(s_.size()));
    size_t i = 0;
    while (i < s_.size()) i = step(i);
  }

 private:
  char32_t cp_at(size_t i, int* len) const { return utf8::decode(s_, i, len); }
  char32_t cp_before_out() const {
    if (out_.empty()) return 0;
    int len;
    return utf8::decode_before(out_.text(), out_.size(), &len);
  }

  // ASCII bytes that need no repair: copied in runs.
  static bool plain_ascii(unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '*' && c != '_' && c != '[';
  }

  size_t step(size_t i) {
    unsigned char c = s_[i];
    if (plain_[c] && (pending_closers_.empty() || pending_closers_.front().first != i)) {
      size_t run = i + 1;
      size_t stop = pending_closers_.empty() ? s_.size() : pending_closers_.front().first;
      while (run < stop && plain_[static_cast<unsigned char>(s_[run])]) ++run;  // stop <= size
      // A combining mark after the last letter composes with it (handled below).
      if (run < s_.size() && (s_[run] == '\xCC' || s_[run] == '\xCD') && run - i > 1) --run;
      if (run - i > 1 || !(run < s_.size() && (s_[run] == '\xCC' || s_[run] == '\xCD'))) {
        out_.copy(std::string_view(s_).substr(i, run - i), static_cast<uint32_t>(i));
        return run;
      }
    }
    if (c == '\r') {
      size_t n = (i + 1 < s_.size() && s_[i + 1] == '\n') ? 2 : 1;
      out_.replace("\n", i, i + n);
      return i + n;
    }
    if (c == '&') {
      if (size_t n = entity(i)) return n;
    }
    if (c == '<') {
      if (size_t n = tag(i)) return n;
    }
    if (c == '*' || c == '_') {
      if (size_t n = emphasis(i)) return n;
    }
    if (c == '[') {
      if (size_t n = bracket(i)) return n;
    }
    if (!pending_closers_.empty() && pending_closers_.front().first == i) {
      size_t n = pending_closers_.front().second;
      pending_closers_.erase(pending_closers_.begin());
      return i + n;  // closing emphasis marker: dropped
    }
    int len;
    char32_t cp = cp_at(i, &len);
    if (auto it = t_.replace.find(cp); it != t_.replace.end()) {
      out_.replace(it->second, i, i + len);
      if (cp == 0) ++nul_bytes_;
      return i + len;
    }
    if (c < 0x20 && c != '\n') {  // other control characters carry no text
      out_.replace("", i, i + 1);
      return i + 1;
    }
    if (c < 0x80) {
      // A combining mark (U+0300-U+036F) after an ASCII letter: compose.
      if (i + 1 < s_.size() && (s_[i + 1] == '\xCC' || s_[i + 1] == '\xCD'))
        if (size_t n = compose(i, 1)) return n;
      out_.copy(std::string_view(&s_[i], 1), i);
      return i + 1;
    }
    if (size_t n = mojibake(i)) return n;
    if (size_t n = macroman(i, cp, len)) return n;
    if (size_t n = superscript(i)) return n;
    if (size_t n = compose(i, len)) return n;
    out_.copy(std::string_view(&s_[i], len), i);
    return i + len;
  }

  // "&quot;", "&#8217;", "&#x2019;" -> the character.
  size_t entity(size_t i) {
    size_t semi = s_.find(';', i + 1);
    if (semi == std::string::npos || semi - i > 12 || semi == i + 1) return 0;
    std::string name = s_.substr(i + 1, semi - i - 1);
    std::string value;
    if (name[0] == '#') {
      char32_t cp = 0;
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      size_t k = hex ? 2 : 1;
      if (k >= name.size()) return 0;
      for (; k < name.size(); ++k) {
        char d = name[k];
        int v = (d >= '0' && d <= '9') ? d - '0'
                : hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f' ? (d | 0x20) - 'a' + 10 : -1;
        if (v < 0 || cp > 0x10FFFF) return 0;
        cp = cp * (hex ? 16 : 10) + v;
      }
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
      if (cp >= 0x80 && cp <= 0x9F) cp = kCp1252High[cp - 0x80];  // as browsers do
      value = utf8::encode(cp);
      if (auto it = t_.replace.find(cp); it != t_.replace.end()) value = it->second;
    } else {
      auto it = t_.entities.find(name);
      if (it == t_.entities.end()) return 0;
      value = it->second;
    }
    out_.replace(value, i, semi + 1);
    return semi + 1;
  }

  // Known HTML tags: dropped, or a line break / blank line; <sup>N</sup> is a footnote.
  size_t tag(size_t i) {
    size_t k = i + 1;
    bool closing = k < s_.size() && s_[k] == '/';
    if (closing) ++k;
    size_t name_b = k;
    while (k < s_.size() && std::isalnum(static_cast<unsigned char>(s_[k]))) ++k;
    if (k == name_b) return 0;
    std::string name = s_.substr(name_b, k - name_b);
    for (char& ch : name) ch = static_cast<char>((ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
    size_t close = s_.find('>', k);
    if (close == std::string::npos || close - i > 300) return 0;
    if (s_.find('<', k) < close || s_.find('\n', k) < close) return 0;
    if (k < close && s_[k] != ' ' && s_[k] != '/' ) return 0;
    size_t end = close + 1;
    if (name == "sup" && !closing) {
      // <sup>12</sup> -> footnote marker 12.
      size_t d = end;
      while (d < s_.size() && std::isdigit(static_cast<unsigned char>(s_[d]))) ++d;
      if (d > end && d - end <= 3 && s_.compare(d, 6, "</sup>") == 0) {
        Annotation& a = doc_.add_raw("footnote_ref", static_cast<uint32_t>(i), static_cast<uint32_t>(d + 6),
                                     {{"number", std::stoi(s_.substr(end, d - end))}});
        a.clean_start = a.clean_end = static_cast<uint32_t>(out_.size());  // pass-1 position; remapped in pass 2
        out_.replace("", i, d + 6);
        return d + 6;
      }
    }
    if (t_.drop_tags.count(name) || name == "sup") {
      out_.replace("", i, end);
    } else if (t_.break_tags.count(name)) {
      out_.replace("\n", i, end);
    } else if (t_.block_tags.count(name)) {
      out_.replace("\n\n", i, end);
    } else {
      return 0;
    }
    return end;
  }

  // Markdown emphasis: **strong**, __strong__, *em*, _em_ within one line.
  size_t emphasis(size_t i) {
    char m = s_[i];
    size_t n = (i + 1 < s_.size() && s_[i + 1] == m) ? 2 : 1;
    if (i + n < s_.size() && s_[i + n] == m) return 0;  // *** or ___: leave alone
    auto is_space_at = [&](size_t k) { return k >= s_.size() || s_[k] == ' ' || s_[k] == '\n' || s_[k] == '\t'; };
    // Opener: followed by a non-space, not preceded by a word character.
    if (is_space_at(i + n)) return 0;
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(s_[i - 1])) || s_[i - 1] == m)) return 0;
    size_t eol = s_.find('\n', i);
    if (eol == std::string::npos) eol = s_.size();
    std::string marker(n, m);
    for (size_t k = s_.find(marker, i + n); k != std::string::npos && k < eol; k = s_.find(marker, k + 1)) {
      bool closer = s_[k - 1] != ' ' && (k + n >= s_.size() || !std::isalnum(static_cast<unsigned char>(s_[k + n])));
      if (closer && (k + n >= s_.size() || s_[k + n] != m)) {
        pending_closers_.push_back({k, n});
        std::sort(pending_closers_.begin(), pending_closers_.end());
        out_.replace("", i, i + n);
        return i + n;
      }
    }
    return 0;
  }

  // Markdown and bracketed notes: "[12]" or "[^12]" after a word is a footnote
  // marker; "[text](url)" is a link whose text stays.
  size_t bracket(size_t i) {
    size_t k = i + 1;
    if (k < s_.size() && s_[k] == '^') ++k;
    size_t d = k;
    while (d < s_.size() && d - k < 4 && s_[d] >= '0' && s_[d] <= '9') ++d;
    if (d > k && d - k <= 3 && d < s_.size() && s_[d] == ']' && (d + 1 >= s_.size() || s_[d + 1] != '(')) {
      char32_t before = cp_before_out();
      bool after_text = before != 0 && before != ' ' && before != '\n';
      // "relations [3]." : the space before the marker goes with it.
      bool spaced = before == ' ' && out_.size() >= 2 && out_.text()[out_.size() - 2] != ' ' &&
                    (d + 1 >= s_.size() || s_[d + 1] == '.' || s_[d + 1] == ',' || s_[d + 1] == ';' || s_[d + 1] == ' ' ||
                     s_[d + 1] == '\n');
      if (!after_text && !spaced) return 0;
      uint32_t b = static_cast<uint32_t>(i);
      if (spaced && (d + 1 >= s_.size() || s_[d + 1] != ' ')) {
        b = out_.raw_begin_at(static_cast<uint32_t>(out_.size() - 1));
        out_.pop_back(1);
      }
      Annotation& a = doc_.add_raw("footnote_ref", static_cast<uint32_t>(i), static_cast<uint32_t>(d + 1),
                                   {{"number", std::stoi(s_.substr(k, d - k))}});
      a.clean_start = a.clean_end = static_cast<uint32_t>(out_.size());  // pass-1 position; remapped in pass 2
      out_.replace("", b, d + 1);
      return d + 1;
    }
    size_t eol = s_.find('\n', i);
    size_t close = s_.find("](", i);
    if (close == std::string::npos || close > eol || close == i + 1) return 0;
    size_t paren = s_.find(')', close);
    if (paren == std::string::npos || paren > eol || s_.find(' ', close) < paren) return 0;
    if (s_.find('[', i + 1) < close) return 0;
    pending_closers_.push_back({close, paren + 1 - close});
    std::sort(pending_closers_.begin(), pending_closers_.end());
    out_.replace("", i, i + 1);
    return i + 1;
  }

  // UTF-8 read as Windows-1252 ("â€™" -> "’", "Ã©" -> "é").
  size_t mojibake(size_t i) {
    int len;
    char32_t lead = cp_at(i, &len);
    int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
    if (!need) return 0;
    std::string bytes(1, static_cast<char>(lead));
    size_t k = i + len;
    for (int n = 0; n < need; ++n) {
      if (k >= s_.size()) return 0;
      int l;
      int b = cp1252_byte(cp_at(k, &l));
      if (b < 0x80 || b > 0xBF) return 0;
      bytes += static_cast<char>(b);
      k += l;
    }
    RawText check = decode_raw(bytes);
    if (check.invalid_sequences || check.length() != 1) return 0;
    out_.replace(bytes, i, k);
    return k;
  }

  // MacRoman punctuation read as Latin-1 ("producersÕ" -> "producers’").
  size_t macroman(size_t i, char32_t cp, int len) {
    auto it = t_.macroman.find(cp);
    if (it == t_.macroman.end()) return 0;
    char32_t before = cp_before_out();
    int l2 = 0;
    char32_t after = i + len < s_.size() ? cp_at(i + len, &l2) : 0;
    bool ok = it->second.when == MacRomanContext::kAfterLower
                  ? is_lower_letter(before) && !is_letter(after)
                  : (before == 0 || before == ' ' || before == '\n' || before == '(') && is_letter(after);
    if (it->second.when == MacRomanContext::kAfterLower && !ok) ok = is_lower_letter(before) && (after == 's' || after == 't');
    if (!ok) return 0;
    out_.replace(it->second.to, i, i + len);
    return i + len;
  }

  // Superscript digits after a word or closing punctuation: a footnote marker.
  size_t superscript(size_t i) {
    size_t k = i;
    int number = 0;
    while (k < s_.size()) {
      int l;
      auto it = t_.superscript_digit.find(cp_at(k, &l));
      if (it == t_.superscript_digit.end()) break;
      number = number * 10 + it->second;
      k += l;
    }
    if (k == i) return 0;
    char32_t before = cp_before_out();
    // "km²" is a unit: a marker follows a word of 3+ letters or punctuation.
    bool after_word = false;
    if (is_letter(before)) {
      const std::string& o = out_.text();
      size_t w = o.size();
      int letters = 0;
      while (w > 0 && std::isalpha(static_cast<unsigned char>(o[w - 1]))) { --w; ++letters; }
      after_word = letters >= 3 || (w > 0 && static_cast<unsigned char>(o[w - 1]) >= 0x80);
    }
    bool after_punct = before == '.' || before == ',' || before == ';' || before == ':' || before == ')' ||
                       before == 0x201D || before == 0x2019 || before == '"' || before == '\'';
    if (!after_word && !after_punct) return 0;
    Annotation& a = doc_.add_raw("footnote_ref", static_cast<uint32_t>(i), static_cast<uint32_t>(k), {{"number", number}});
    a.clean_start = a.clean_end = static_cast<uint32_t>(out_.size());  // pass-1 position; remapped in pass 2
    out_.replace("", i, k);
    return k;
  }

  // A base character followed by combining marks -> NFC.
  size_t compose(size_t i, int len) {
    size_t k = i + len;
    while (k < s_.size()) {
      int l;
      char32_t next = cp_at(k, &l);
      if (!(u_getCombiningClass(next) > 0)) break;
      k += l;
    }
    if (k == i + static_cast<size_t>(len)) return 0;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return 0;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(&s_[i], static_cast<int32_t>(k - i)));
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_FAILURE(status)) return 0;
    std::string composed;
    n.toUTF8String(composed);
    out_.replace(composed, i, k);
    return k;
  }

  const Normalizer::Tables& t_;
  Document& doc_;
  const std::string& s_;
  PiecewiseText& out_;
  std::vector<std::pair<size_t, size_t>> pending_closers_;  // (position, length) of emphasis closers
  bool plain_[256];  // bytes copied in runs without a look at them
  size_t nul_bytes_ = 0;

 public:
  size_t nul_bytes() const { return nul_bytes_; }
};

}  // namespace

void repair_characters(const Normalizer::Tables& tables, Document& doc, PiecewiseText& out) {
  CharacterPass pass(tables, doc, out);
  pass.run();
  if (pass.nul_bytes()) doc.warnings.push_back(std::to_string(pass.nul_bytes()) + " NUL bytes ignored");
}

}  // namespace polex
