#include "extract/policy_options.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "extract/policy_layout.h"
#include "extract/policy_rules.h"
#include "extract/policy_sentences.h"

namespace polex {
namespace {

using policy::is_space;
using policy::kNone;
using policy::LayoutView;

constexpr const char* kNumbered = "#";  // the bullet style of numbered items

// Clean bytes that make up an option's statement (an option may skip text
// interleaved in it: a pull quote, the rest of a paragraph it interrupts).
struct Piece {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Option {
  uint32_t begin = 0;  // the span, clean bytes
  uint32_t end = 0;
  std::string kind;
  std::string modality;  // from the sentence cue; derived from the statement when empty
  std::vector<Piece> pieces;
  std::string statement;
  uint32_t raw_begin = kNone;  // raw byte start when it lies outside the clean text (a detached bullet)
  std::optional<DeonticCue> cue;  // of a sentence option, bytes relative to pieces[0].begin
  std::string section;            // a list item's heading ("Key Recommendations for Mexico")
  uint32_t section_block = kNone;  // the block that names it
  uint32_t anchor = kNone;         // where to look up the section when not named (an announcing sentence)
};


std::string first_word(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && !std::isalpha(static_cast<unsigned char>(s[i]))) {
    if (static_cast<unsigned char>(s[i]) >= 0x80 || std::isdigit(static_cast<unsigned char>(s[i]))) return "";
    ++i;
  }
  size_t b = i;
  while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '-')) ++i;
  return std::string(s.substr(b, i - b));
}

// Collapses runs of white space to one space and trims.
std::string one_line(std::string_view s) {
  std::string out;
  out.resize(s.size());
  char* o = out.data();
  size_t n = 0;
  bool gap = false;  // white space since the last byte written
  for (char c : s) {
    if (is_space(c)) {
      gap = n > 0;
      continue;
    }
    if (gap) {
      o[n++] = ' ';
      gap = false;
    }
    o[n++] = c;
  }
  out.resize(n);
  return out;
}

// The title of a heading on one line, without a closing colon.
std::string title_of(std::string_view heading) {
  std::string title = one_line(heading);
  while (!title.empty() && (title.back() == ':' || title.back() == ' ')) title.pop_back();
  return title;
}

class PolicyOptionsExtractor : public Extractor {
 public:
  explicit PolicyOptionsExtractor(std::shared_ptr<const PolicyRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "policy_options"; }
  void extract(Document& doc) const override;

 private:
  void find_markers(const LayoutView& v, std::vector<Option>& out) const;
  // The first match of rules_->marker_label in text from byte pos.
  // `next`: per first letter of a label, its next occurrence, kept between
  // calls so that the text is read once however many labels it holds.
  bool next_marker_label(std::string_view text, size_t pos, re2::StringPiece* m, std::vector<size_t>& next) const;
  uint32_t marker_end(const LayoutView& v, uint32_t content, std::vector<Piece>& pieces) const;
  void find_lists(const LayoutView& v, std::vector<Option>& out) const;
  // Reads the items of a list that starts at block `first`; `heading` is the
  // block of its heading, or kNone for a list announced by a sentence.
  void read_list(const LayoutView& v, uint32_t first, uint32_t heading, std::vector<bool>& used,
                 std::vector<Option>& out) const;
  void find_sentences(const LayoutView& v, const std::vector<Option>& covering, std::vector<Option>& out) const;
  void describe(const LayoutView& v, std::vector<Option>& options, Document& doc) const;
  // The rest of a sentence that a side heading cut at the end of `block`.
  std::optional<Piece> continuation_after(const LayoutView& v, uint32_t block) const;
  // Takes a pull quote printed inside option o out of its statement and adds it as an option of its own.
  void split_pull_quote(const LayoutView& v, Option& o, std::vector<Option>& out) const;

  // Where a directive names who is to act, as byte offsets in its sentence:
  // the subject before the cue (after an introductory phrase or a semicolon),
  // or, for a passive ("should be expanded by Congress"), the `by` phrase.
  std::pair<size_t, size_t> subject_zone(std::string_view s, const DeonticCue& cue) const {
    re2::StringPiece after(s.data() + cue.end, s.size() - cue.end);
    if (RE2::PartialMatch(after, *rules_->passive)) {
      size_t by = s.find(" by ", cue.end);
      if (by == std::string_view::npos) return {0, 0};
      size_t stop = s.find_first_of(",;", by);
      return {by + 4, stop == std::string_view::npos ? s.size() : stop};
    }
    std::string_view cue_text = s.substr(cue.begin, cue.end - cue.begin);
    if (cue_text.size() > 4 && cue_text.substr(cue_text.size() - 4) == " for") {
      size_t to = s.find(" to ", cue.end);  // "it is important for the U.S. to ..."
      return {cue.end, to == std::string_view::npos ? s.size() : to};
    }
    size_t begin = 0;
    size_t semicolon = s.rfind(';', cue.begin);
    if (semicolon != std::string_view::npos) begin = semicolon + 1;
    std::string opener = first_word(s.substr(begin));
    for (char& c : opener) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t comma = s.find(',', begin);
    if (rules_->introductory_words.count(opener) && comma != std::string_view::npos && comma < cue.begin) begin = comma + 1;
    return {begin, cue.begin};
  }
  // True iff the unfinished text [b, e) goes on in block `next`: the next
  // block starts in lower case, or the text stops on a word that cannot end
  // a sentence ("... with the" | "United States ...").
  bool continues_into(const LayoutView& v, uint32_t b, uint32_t e, const Block& next) const {
    if (v.starts_lower(next.content_begin, next.end)) return true;
    const std::string& text = v.text();
    if (e > b && text[e - 1] == ',') return true;
    uint32_t w = e;
    while (w > b && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
    std::string last(text.substr(w, e - w));
    for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return !last.empty() && rules_->continuation_words.count(last) > 0;
  }
  // True iff the terminator ending just before clean position t follows an abbreviation.
  bool after_abbreviation(const LayoutView& v, uint32_t t) const {
    const std::string& text = v.text();
    uint32_t dot = t;
    while (dot > 0 && text[dot - 1] != '.') --dot;
    if (dot == 0 || t - dot > 4) return false;
    uint32_t w = dot - 1;
    while (w > 0 && (std::isalpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '.')) --w;
    return rules_->is_abbreviation(std::string_view(text).substr(w, dot - 1 - w));
  }
  // True iff s opens with the gerund of an imperative verb ("Creating joint funds ...").
  bool opens_gerund(std::string_view s) const {
    std::string w = first_word(s);
    if (w.size() < 6 || w.compare(w.size() - 3, 3, "ing") != 0) return false;
    std::string stem = w.substr(0, w.size() - 3);
    if (rules_->is_imperative_verb(stem) || rules_->is_imperative_verb(stem + "e")) return true;
    return stem.size() > 2 && stem[stem.size() - 1] == stem[stem.size() - 2] &&
           rules_->is_imperative_verb(stem.substr(0, stem.size() - 1));  // "planning"
  }
  // True iff s opens with an imperative verb, maybe after an adverb ("Significantly expand ...").
  bool opens_imperative(std::string_view s) const {
    std::string w = first_word(s);
    if (w.size() > 3 && w.compare(w.size() - 2, 2, "ly") == 0) {
      size_t at = s.find(w) + w.size();
      w = first_word(s.substr(at));
    }
    if (!rules_->is_imperative_verb(w)) return false;
    size_t at = s.find(w) + w.size();
    std::string next = first_word(s.substr(at));
    if (at < s.size() && (s[at] == '\'' || s.substr(at, 3) == "\xE2\x80\x99")) return false;  // "Support's"
    return !rules_->imperative_blockers.count(next);
  }
  // Length of the bullet glyphs (and spaces) at the start of s.
  size_t bullets_prefix(std::string_view s) const;
  // Number of bullets in a block that holds nothing else (a bullet the PDF
  // detached from its text), 0 otherwise.
  int detached_bullets(const LayoutView& v, const Block& b) const;
  std::string item_bullet(const LayoutView& v, const Block& b) const;
  // Where the items of one block start: `begin`, then every sentence that
  // opens a raw line with an imperative verb (at most `max` starts).
  std::vector<uint32_t> item_starts(const LayoutView& v, uint32_t begin, uint32_t end, int max) const;
  static constexpr int kMaxItemsPerBlock = 50;
  // True iff the first sentence of block b is a recommend_verb or directive sentence.
  bool prescribes_first(const LayoutView& v, const Block& b) const;
  // Standalone bullet glyphs in a raw gap between blocks; *last = raw byte of the last one.
  int raw_bullets(const LayoutView& v, std::string_view gap, uint32_t* last) const;

  // A block longer than this between two list items is body text: the list ended.
  static constexpr uint32_t kMaxInterruptionBytes = 200;

  std::shared_ptr<const PolicyRules> rules_;
};

size_t PolicyOptionsExtractor::bullets_prefix(std::string_view s) const {
  size_t i = 0;
  for (;;) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t n = rules_->bullet_length(s.substr(i));
    if (n == 0) break;
    // A glyph that is also a letter or punctuation of prose ("-", ")") only
    // counts when a space follows.
    if (i + n < s.size() && !is_space(s[i + n])) break;
    i += n;
  }
  while (i < s.size() && is_space(s[i])) ++i;
  re2::StringPiece rest(s.data() + i, s.size() - i);
  if (i == 0 && rules_->numbering && RE2::Consume(&rest, *rules_->numbering)) i = static_cast<size_t>(rest.data() - s.data());
  return i;
}

int PolicyOptionsExtractor::detached_bullets(const LayoutView& v, const Block& b) const {
  std::string_view s = v.view(b.begin, b.end);
  int count = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    size_t n = rules_->bullet_length(s.substr(i));
    if (n == 0) return 0;
    ++count;
    i += n;
  }
  return count;
}

std::string PolicyOptionsExtractor::item_bullet(const LayoutView& v, const Block& b) const {
  if (!b.bullet.empty()) return b.bullet;
  std::string_view s = v.view(b.begin, b.end);
  size_t n = rules_->bullet_length(s);
  if (n > 0 && n < s.size() && is_space(s[n])) return std::string(s.substr(0, n));
  re2::StringPiece rest(s.data(), s.size());
  if (rules_->numbering && RE2::Consume(&rest, *rules_->numbering)) return kNumbered;
  return "";
}

// ---------------------------------------------------------------- markers

uint32_t PolicyOptionsExtractor::marker_end(const LayoutView& v, uint32_t content, std::vector<Piece>& pieces) const {
  const auto& blocks = v.doc().blocks;
  uint32_t bi = v.block_at(content);
  if (bi != kNone && v.skipped(blocks[bi])) {
    // The label ends its block and a running header follows: the text is after it.
    bi = v.next_block(bi);
    if (bi == kNone) return content;
    content = blocks[bi].content_begin;
  }
  uint32_t limit = bi == kNone ? static_cast<uint32_t>(v.text().size()) : blocks[bi].end;
  uint32_t piece_begin = content;
  uint32_t pos = content;
  uint32_t end = content;
  int sentences = 0;
  for (;;) {
    uint32_t t = v.next_terminator(pos, limit);
    if (t == kNone) {
      // The block ends inside the option: it goes on in the next block when
      // that block continues the sentence.
      end = v.trim_end(piece_begin, limit);
      uint32_t nb = bi == kNone ? kNone : v.next_block(bi);
      if (nb != kNone && blocks[nb].kind != BlockKind::kHeading && !v.ends_with_terminator(piece_begin, limit) &&
          continues_into(v, piece_begin, end, blocks[nb])) {
        pieces.push_back({piece_begin, end});
        bi = nb;
        piece_begin = blocks[nb].content_begin;
        pos = piece_begin;
        limit = blocks[nb].end;
        continue;
      }
      break;
    }
    uint32_t q = v.skip_space(t, limit);
    bool flow_break = q >= limit || v.layout_break(t, q);
    // A period the segmenter did not take as a sentence end: an abbreviation
    // ("U.S. cooperation") unless a full word ends there and the next word is
    // lower case — the paragraph the marker interrupted goes on.
    if (!flow_break && !v.is_sentence_end(t) && !(v.starts_lower(q, limit) && !after_abbreviation(v, t))) {
      pos = t;
      continue;
    }
    end = t;
    ++sentences;
    if (flow_break || sentences >= rules_->max_marker_sentences || v.starts_lower(q, limit)) break;
    pos = t;
  }
  pieces.push_back({piece_begin, end});
  return end;
}

bool PolicyOptionsExtractor::next_marker_label(std::string_view text, size_t pos, re2::StringPiece* m,
                                               std::vector<size_t>& next) const {
  const RE2& re = *rules_->marker_label;
  re2::StringPiece input(text.data(), text.size());
  if (rules_->marker_first_bytes.empty()) return re.Match(input, pos, text.size(), RE2::UNANCHORED, m, 1);
  // The leftmost match is the anchored match at the first start that has one;
  // a start is a label's first letter after a non-word byte (the pattern's \b).
  // The next occurrence of each first letter comes from memchr.
  auto word_byte = [](unsigned char c) { return std::isalnum(c) || c == '_'; };
  const std::vector<char>& firsts = rules_->marker_first_bytes;
  auto find_from = [&](char c, size_t from) {
    size_t at = text.find(c, from);
    return at == std::string_view::npos ? text.size() : at;
  };
  if (next.size() != firsts.size()) next.assign(firsts.size(), 0);
  for (size_t k = 0; k < firsts.size(); ++k)
    if (next[k] < pos) next[k] = find_from(firsts[k], pos);
  for (;;) {
    size_t k = static_cast<size_t>(std::min_element(next.begin(), next.end()) - next.begin());
    size_t b = next[k];
    if (b >= text.size()) return false;
    next[k] = find_from(firsts[k], b + 1);
    if (b > 0 && word_byte(static_cast<unsigned char>(text[b - 1]))) continue;
    if (re.Match(input, b, text.size(), RE2::ANCHOR_START, m, 1)) return true;
  }
}

void PolicyOptionsExtractor::find_markers(const LayoutView& v, std::vector<Option>& out) const {
  const std::string& text = v.text();
  re2::StringPiece m;
  size_t pos = 0;
  std::vector<size_t> next;
  while (pos < text.size() && next_marker_label(text, pos, &m, next)) {
    uint32_t label = static_cast<uint32_t>(m.data() - text.data());
    uint32_t label_end = label + static_cast<uint32_t>(m.size());
    pos = label_end;
    // A glyph the PDF left before the label starts the span.
    uint32_t start = label;
    uint32_t p = label;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
    for (const std::string& g : rules_->marker_glyphs) {
      if (p >= g.size() && text.compare(p - g.size(), g.size(), g) == 0 &&
          (p == g.size() || is_space(text[p - g.size() - 1]))) {
        start = p - static_cast<uint32_t>(g.size());
        break;
      }
    }
    // A title-case label must open a line (it may be a word of prose); an
    // upper-case one may sit anywhere (a converter may run a box into a line).
    bool upper = std::none_of(m.begin(), m.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    if (!upper && !v.at_raw_line_start(start)) continue;
    uint32_t content = v.skip_space(label_end, static_cast<uint32_t>(text.size()));
    Option o;
    o.kind = "marker";
    o.begin = start;
    o.end = marker_end(v, content, o.pieces);
    if (o.end <= content) continue;
    out.push_back(std::move(o));
  }
}

// ---------------------------------------------------------------- lists

void PolicyOptionsExtractor::find_lists(const LayoutView& v, std::vector<Option>& out) const {
  const auto& blocks = v.doc().blocks;
  std::vector<bool> used(blocks.size(), false);
  for (uint32_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (v.skipped(b) || used[i]) continue;
    std::string_view text = v.view(b.content_begin, v.trim_end(b.content_begin, b.end));
    if (v.heading_like(b) && RE2::PartialMatch(text, *rules_->list_heading)) {
      read_list(v, i + 1, i, used, out);
      continue;
    }
    if (b.kind == BlockKind::kHeading) continue;
    // A sentence ending in ':' that announces the authors' recommendations.
    if (text.empty() || text.back() != ':') continue;
    size_t last = text.find_last_of(".!?", text.size() - 1);
    std::string_view sentence = last == std::string_view::npos ? text : text.substr(last + 1);
    if (RE2::PartialMatch(sentence, *rules_->announcing) && !RE2::PartialMatch(sentence, *rules_->reported))
      read_list(v, i + 1, kNone, used, out);
  }
}

int PolicyOptionsExtractor::raw_bullets(const LayoutView& v, std::string_view gap, uint32_t* last) const {
  int count = 0;
  size_t i = 0;
  while (i < gap.size()) {
    if (is_space(gap[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < gap.size() && !is_space(gap[j])) ++j;
    std::string_view token = gap.substr(i, j - i);
    size_t n = rules_->bullet_length(token);
    if (n > 0 && n == token.size()) {
      ++count;
      *last = static_cast<uint32_t>(token.data() - v.doc().raw.utf8.data());
    }
    i = j;
  }
  return count;
}

bool PolicyOptionsExtractor::prescribes_first(const LayoutView& v, const Block& b) const {
  uint32_t t = b.content_begin;
  while ((t = v.next_terminator(t, b.end)) != kNone && !v.is_sentence_end(t)) {
  }
  uint32_t e = t == kNone ? v.trim_end(b.content_begin, b.end) : t;
  return classify_sentence(*rules_, v.view(b.content_begin, e)).has_value();
}

std::vector<uint32_t> PolicyOptionsExtractor::item_starts(const LayoutView& v, uint32_t begin, uint32_t end, int max) const {
  std::vector<uint32_t> starts = {begin};
  for (uint32_t p = begin; static_cast<int>(starts.size()) < max;) {
    uint32_t t = v.next_terminator(p, end);
    if (t == kNone) break;
    uint32_t q = v.skip_space(t, end);
    if (q < end && v.at_raw_line_start(q) && opens_imperative(v.view(q, end))) starts.push_back(q);
    p = t;
  }
  return starts;
}

void PolicyOptionsExtractor::read_list(const LayoutView& v, uint32_t first, uint32_t heading, std::vector<bool>& used,
                                       std::vector<Option>& out) const {
  const auto& blocks = v.doc().blocks;
  const bool under_heading = heading != kNone;
  std::string heading_text = under_heading ? title_of(v.view(blocks[heading].content_begin, blocks[heading].end)) : "";
  std::string section = heading_text;
  uint32_t section_block = heading;
  std::string style;        // the bullet of the list's items
  bool bulleted = false;    // items have bullets (attached or detached)
  int items = 0;
  int pending = 0;          // detached bullets waiting for their text
  uint32_t pending_raw = kNone;  // raw byte of the last detached bullet
  int intros = 0;

  // True iff an item of this list follows block k after a few interruptions
  // (footnotes, chart titles, sidebar lines), with no body paragraph between.
  bool gap_footnote = false;  // the current interruption began with a footnote
  auto list_resumes = [&](uint32_t k) {
    int seen = 0;
    bool footnote = gap_footnote;
    for (uint32_t j = k; j != kNone && j < blocks.size(); j = v.next_block(j)) {
      const Block& b = blocks[j];
      if (v.skipped(b)) continue;
      if (j != k) {
        uint32_t last = 0;
        if (raw_bullets(v, v.raw_gap_before(j), &last) > 0 || detached_bullets(v, b) > 0) return true;
        std::string bullet = item_bullet(v, b);
        if (!bullet.empty() && bullet == style) return true;
      }
      if (v.is_footnote(b)) {
        footnote = true;
        if (j == k) gap_footnote = true;
        continue;
      }
      if (++seen > rules_->max_interruptions) return false;
      if (b.kind == BlockKind::kHeading && !footnote) return false;
      if (!v.heading_like(b) && b.end - b.begin > kMaxInterruptionBytes) return false;
    }
    return false;
  };

  auto emit = [&](uint32_t begin, uint32_t content, uint32_t end, uint32_t block) {
    Option o;
    o.kind = "list_item";
    o.begin = begin;
    o.section = section;
    o.section_block = section_block;
    if (!under_heading) o.anchor = blocks[first - 1].begin;
    if (pending == 1) o.raw_begin = pending_raw;
    // An item broken across pages goes on in the next block when it did not
    // end its sentence and the next block continues it.
    uint32_t e = v.trim_end(content, end);
    o.pieces.push_back({content, e});
    uint32_t k = block;
    while (!v.ends_with_terminator(content, e)) {
      uint32_t nb = v.next_block(k);
      if (nb == kNone || blocks[nb].kind != BlockKind::kParagraph || !continues_into(v, content, e, blocks[nb])) break;
      used[nb] = true;
      content = blocks[nb].begin;
      e = v.trim_end(content, blocks[nb].end);
      o.pieces.push_back({content, e});
      k = nb;
    }
    o.end = e;
    if (o.end > o.begin) out.push_back(std::move(o));
    ++items;
    gap_footnote = false;
    return k;
  };

  for (uint32_t k = first; k < blocks.size(); ++k) {
    const Block& b = blocks[k];
    if (v.skipped(b) || used[k]) continue;
    std::string_view content = v.view(b.content_begin, v.trim_end(b.content_begin, b.end));
    uint32_t last = 0;
    if (int n = raw_bullets(v, v.raw_gap_before(k), &last); n > 0) {
      pending += n;
      pending_raw = last;
      bulleted = true;
    }
    if (int n = detached_bullets(v, b); n > 0) {
      pending += n;
      pending_raw = v.doc().clean.raw_begin()[b.begin];
      bulleted = true;
      used[k] = true;
      continue;
    }
    std::string bullet = item_bullet(v, b);
    if (pending == 0 && bullet.empty() && v.heading_like(b)) {
      if (RE2::PartialMatch(content, *rules_->list_sub_heading) || RE2::PartialMatch(content, *rules_->list_heading)) {
        used[k] = true;
        // "for the United States" under "Key Recommendations for Mexico".
        std::string sub = title_of(content);
        section = sub;
        if (!sub.empty() && std::islower(static_cast<unsigned char>(sub[0])) && !heading_text.empty()) {
          size_t cut = heading_text.find(" for ");
          if (cut == std::string::npos) cut = heading_text.find(" to ");
          section = heading_text.substr(0, cut) + " " + sub;
        }
        section_block = k;
        continue;
      }
      if (bulleted && items > 0 && list_resumes(k)) continue;
      break;
    }
    if (!bullet.empty() && pending == 0) {
      if (bulleted && items > 0 && bullet != style) {
        if (list_resumes(k)) continue;  // a numbered note inside a bulleted list
        break;
      }
      style = bullet;
      bulleted = true;
      used[k] = true;
      k = emit(b.begin, b.begin + static_cast<uint32_t>(bullets_prefix(v.view(b.begin, b.end))), b.end, k);
      continue;
    }
    if (pending > 0) {
      // Text of detached bullets: one item per bullet. Several bullets over
      // one block mean the PDF ran their items together: split at line starts
      // that open an imperative sentence.
      used[k] = true;
      uint32_t text_begin = b.begin + static_cast<uint32_t>(bullets_prefix(v.view(b.begin, b.end)));
      std::vector<uint32_t> starts = item_starts(v, text_begin, b.end, pending);
      if (starts.size() > 1) pending = 0;  // the split items start at their text
      for (size_t i = 0; i < starts.size(); ++i) {
        uint32_t e = i + 1 < starts.size() ? starts[i + 1] : b.end;
        k = emit(starts[i], starts[i], e, k);
      }
      pending = 0;
      continue;
    }
    if (bulleted) {
      if (items > 0 && list_resumes(k)) continue;
      break;
    }
    // A list of plain paragraphs: each item opens with an imperative verb;
    // items the PDF ran together split where a line opens another one.
    if (opens_imperative(content)) {
      used[k] = true;
      std::vector<uint32_t> starts = item_starts(v, b.content_begin, b.end, kMaxItemsPerBlock);
      for (size_t i = 0; i < starts.size(); ++i)
        k = emit(starts[i], starts[i], i + 1 < starts.size() ? starts[i + 1] : b.end, k);
      continue;
    }
    // Once a plain list has begun, an item may also name who is to act
    // ("Washington should ..."): a paragraph whose first sentence prescribes.
    // (Not as the first item: prose under a heading such as "Conclusions and
    // Recommendations" would become a list.)
    if (under_heading && !bulleted && items > 0 && prescribes_first(v, b)) {
      used[k] = true;
      k = emit(b.begin, b.content_begin, b.end, k);
      continue;
    }
    // Paragraphs that introduce the list under its heading.
    if (items == 0 && under_heading && intros < rules_->max_intro_paragraphs && !content.empty()) {
      ++intros;
      continue;
    }
    break;
  }
}

// ---------------------------------------------------------------- sentences

// A sentence that opens with a short run-in label ("For the United States: A
// long-term commitment ... is needed.") starts after the label.
uint32_t after_run_in_label(const LayoutView& v, uint32_t begin, uint32_t end) {
  constexpr uint32_t kMaxLabelBytes = 48;
  std::string_view text = v.view(begin, std::min(end, begin + kMaxLabelBytes));
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 2 >= text.size() || text[colon + 1] != ' ') return begin;
  if (text.substr(0, colon).find_first_of(".;,") != std::string_view::npos) return begin;
  unsigned char next = static_cast<unsigned char>(text[colon + 2]);
  if (!std::isupper(next) && next != 0xE2 /* a quote */) return begin;
  return begin + static_cast<uint32_t>(colon + 2);
}

// A colon at a raw line end closes an announcing sentence; what follows on
// the next lines is a list or a run-in heading the normalizer joined to it.
uint32_t before_line_end_colon(const LayoutView& v, uint32_t begin, uint32_t end) {
  std::string_view text = v.view(begin, end);
  for (size_t i = text.find(':'); i != std::string_view::npos && i + 1 < text.size(); i = text.find(':', i + 1)) {
    uint32_t q = v.skip_space(begin + static_cast<uint32_t>(i) + 1, end);
    if (q < end && v.at_raw_line_start(q)) return begin + static_cast<uint32_t>(i) + 1;
  }
  return end;
}

void PolicyOptionsExtractor::find_sentences(const LayoutView& v, const std::vector<Option>& covering,
                                            std::vector<Option>& out) const {
  const auto& blocks = v.doc().blocks;
  // `covering` is sorted by begin; spans of markers and list items.
  size_t c = 0;
  uint32_t continued_until = 0;
  for (const Sentence& s : v.doc().sentences) {
    const Block& b = blocks[s.block];
    if (b.kind == BlockKind::kHeading || v.skipped(b)) continue;
    uint32_t begin = std::max(s.begin, b.content_begin);
    begin = v.skip_space(begin, s.end);
    uint32_t end = v.trim_end(begin, s.end);
    if (end <= begin) continue;
    while (c < covering.size() && covering[c].end <= begin) ++c;
    bool covered = false;
    for (size_t j = c; j < covering.size() && covering[j].begin < end; ++j)
      if (covering[j].end > begin) covered = true;
    if (covered) continue;
    if (begin < continued_until) continue;  // the tail of a sentence already taken
    begin = after_run_in_label(v, begin, end);
    end = before_line_end_colon(v, begin, end);
    std::string_view text = v.view(begin, end);
    if (text.find("....") != std::string_view::npos) continue;  // table of contents
    // A sentence cut by a side heading goes on after it.
    std::optional<Piece> tail;
    std::string joined;
    if (end == v.trim_end(b.content_begin, b.end) && !v.ends_with_terminator(begin, end) && text.back() != ':') {
      tail = continuation_after(v, s.block);
      if (tail) {
        joined = std::string(text) + " " + std::string(v.view(tail->begin, tail->end));
        text = joined;
      }
    }
    auto cue = classify_sentence(*rules_, text);
    if (!cue) continue;
    Option o;
    o.kind = std::string(cue->kind);
    o.modality = std::string(cue->modality);
    o.begin = begin;
    o.end = end;
    o.pieces.push_back({begin, end});
    if (cue->end <= end - begin) o.cue = cue;
    if (tail) {
      o.pieces.push_back(*tail);
      o.end = tail->end;
      continued_until = tail->end;
    }
    split_pull_quote(v, o, out);
    out.push_back(std::move(o));
  }
}

std::optional<Piece> PolicyOptionsExtractor::continuation_after(const LayoutView& v, uint32_t block) const {
  constexpr int kMaxBlocks = 3;
  constexpr uint32_t kMaxOffset = 120;  // a side heading is a line or two
  const auto& blocks = v.doc().blocks;
  const std::string& text = v.text();
  const std::string& raw = v.doc().raw.utf8;
  int seen = 0;
  for (uint32_t j = v.next_block(block); j != kNone && seen < kMaxBlocks; j = v.next_block(j), ++seen) {
    const Block& nb = blocks[j];
    for (uint32_t p = nb.begin; p < nb.end && p - nb.begin < kMaxOffset; ++p) {
      if (p > nb.begin && text[p - 1] != ' ') continue;
      if (!std::islower(static_cast<unsigned char>(text[p]))) continue;
      uint32_t r = v.doc().clean.raw_begin()[p];
      if (r < 2 || raw[r - 1] != ' ' || raw[r - 2] != '\n') continue;
      uint32_t e = v.next_terminator(p, nb.end);
      return Piece{p, e == kNone ? v.trim_end(p, nb.end) : e};
    }
    if (!v.heading_like(nb)) break;
  }
  return std::nullopt;
}

void PolicyOptionsExtractor::split_pull_quote(const LayoutView& v, Option& o, std::vector<Option>& out) const {
  // A pull quote repeating the sentence, printed inside it: the sentence's
  // opening words again, after a layout break, up to a sentence end.
  constexpr size_t kKeyBytes = 40;
  const Piece first = o.pieces.front();
  std::string_view text = v.view(first.begin, first.end);
  if (text.size() < 3 * kKeyBytes) return;
  size_t r = text.find(text.substr(0, kKeyBytes), kKeyBytes);
  if (r == std::string_view::npos) return;
  uint32_t quote = first.begin + static_cast<uint32_t>(r);
  uint32_t before = v.trim_end(first.begin, quote);
  if (!v.layout_break(before, quote)) return;
  uint32_t quote_end = kNone;
  for (uint32_t p = quote; (p = v.next_terminator(p, first.end)) != kNone;) {
    uint32_t q = v.skip_space(p, first.end);
    if (q >= first.end || v.layout_break(p, q) || std::isupper(static_cast<unsigned char>(v.text()[q]))) {
      quote_end = p;
      break;
    }
  }
  if (quote_end == kNone || quote_end >= first.end) return;
  Option pull;
  pull.kind = o.kind;
  pull.modality = o.modality;
  pull.begin = quote;
  pull.end = quote_end;
  pull.pieces.push_back({quote, quote_end});
  out.push_back(std::move(pull));
  std::vector<Piece> pieces = {{first.begin, before}, {v.skip_space(quote_end, first.end), first.end}};
  pieces.insert(pieces.end(), o.pieces.begin() + 1, o.pieces.end());
  o.pieces = std::move(pieces);
}

// ---------------------------------------------------------------- attributes

// A statement's words for duplicate detection, hashed: its opening words in
// order, and its content words (stopwords out) sorted and unique.
struct Words {
  std::vector<uint64_t> opening;
  std::vector<uint64_t> content;
};

// Byte -> its ASCII lower case when it belongs to a word (ASCII letters and
// digits, bytes >= 0x80), 0 otherwise.
struct WordBytes {
  unsigned char lower[256] = {};
  constexpr WordBytes() {
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = lower[c - 'a' + 'A'] = static_cast<unsigned char>(c);
    for (int c = 0x80; c < 256; ++c) lower[c] = static_cast<unsigned char>(c);
  }
};
constexpr WordBytes kWordBytes;

Words words_of(const PolicyRules& rules, std::string_view s) {
  Words out;
  out.content.reserve(s.size() / 4 + 1);
  out.opening.reserve(std::min<size_t>(rules.opening_words, 16));
  // A word is a run of ASCII letters and digits or bytes >= 0x80, lower-cased
  // (ASCII only: in the C and UTF-8 locales tolower leaves other bytes alone).
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = kWordBytes.lower[p[i]];
    if (c == 0) {
      ++i;
      continue;
    }
    size_t b = i;
    uint64_t h = kWordHashSeed;
    do {
      h = word_hash_step_lower(h, c);
      ++i;
    } while (i < n && (c = kWordBytes.lower[p[i]]) != 0);
    if (out.opening.size() < rules.opening_words) out.opening.push_back(h);
    if (!rules.is_stopword(s.substr(b, i - b), h)) out.content.push_back(h);
  }
  std::sort(out.content.begin(), out.content.end());
  out.content.erase(std::unique(out.content.begin(), out.content.end()), out.content.end());
  return out;
}

// True iff two statements with `common` shared content words say nearly the
// same thing. `items`: both are markers or list items, which summaries repeat
// in shorter words.
bool near_duplicate(const PolicyRules& rules, const Words& a, const Words& b, size_t common, bool items) {
  if (a.content.empty() || b.content.empty()) return false;
  double containment = static_cast<double>(common) / static_cast<double>(std::min(a.content.size(), b.content.size()));
  double jaccard = static_cast<double>(common) / static_cast<double>(a.content.size() + b.content.size() - common);
  if (containment >= rules.min_containment && jaccard >= rules.min_jaccard) return true;
  return items && a.opening.size() == rules.opening_words && a.opening == b.opening &&
         containment >= rules.opening_min_containment;
}

// Content word (hash) -> the options that have it: a list per word, linked
// through one array, in an open-addressing table. No allocation per word.
class WordPostings {
 public:
  explicit WordPostings(size_t expected_words) { rehash(std::max<size_t>(64, expected_words * 2)); }

  // The number of options listed under word h, which is created when new;
  // *slot is where to find it until the next call.
  uint32_t size_of(uint64_t h, size_t* slot) {
    if ((used_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(h) & mask;
    while (slots_[i].used && slots_[i].word != h) i = (i + 1) & mask;
    if (!slots_[i].used) {
      slots_[i] = Slot{h, kNone, 0, true};
      ++used_;
    }
    *slot = i;
    return slots_[i].size;
  }
  template <typename F>
  void for_each(size_t slot, F f) const {
    for (uint32_t e = slots_[slot].head; e != kNone; e = entries_[e].next) f(entries_[e].option);
  }
  void add(size_t slot, uint32_t option) {
    entries_.push_back({option, slots_[slot].head});
    slots_[slot].head = static_cast<uint32_t>(entries_.size() - 1);
    ++slots_[slot].size;
  }

 private:
  struct Slot {
    uint64_t word = 0;
    uint32_t head = kNone;  // the latest entry
    uint32_t size = 0;
    bool used = false;
  };
  struct Entry {
    uint32_t option;
    uint32_t next;
  };
  void rehash(size_t size) {
    size_t n = 1;
    while (n < size) n *= 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(n, Slot());
    for (const Slot& s : old) {
      if (!s.used) continue;
      size_t i = static_cast<size_t>(s.word) & (n - 1);
      while (slots_[i].used) i = (i + 1) & (n - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  size_t used_ = 0;
};

// The title of heading block h.
std::string section_title(const LayoutView& v, uint32_t h) {
  const Block& b = v.doc().blocks[h];
  return title_of(v.view(b.content_begin, b.end));
}

void PolicyOptionsExtractor::describe(const LayoutView& v, std::vector<Option>& options, Document& doc) const {
  const auto& blocks = doc.blocks;
  // Actors found before us, by clean position. They name their annotation by
  // index (doc.add() below may reallocate doc.annotations); the canonical
  // name is read only for the actors inside an option.
  struct ActorRef {
    uint32_t begin, end;
    size_t index;  // in doc.annotations
  };
  std::vector<ActorRef> actors;
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    const Annotation& a = doc.annotations[i];
    if (std::string_view(a.type) != "actor" || a.clean_end <= a.clean_start) continue;
    actors.push_back({a.clean_start, a.clean_end, i});
  }
  std::sort(actors.begin(), actors.end(), [](const ActorRef& x, const ActorRef& y) { return x.begin < y.begin; });
  auto canonical_of = [&](const ActorRef& r) -> const std::string& {
    const Annotation& a = doc.annotations[r.index];
    auto it = a.attrs.find("canonical");
    return it != a.attrs.end() && it->is_string() ? it->get_ref<const std::string&>() : a.text;
  };
  auto actors_in = [&](uint32_t b, uint32_t e, std::vector<std::string>& names) {
    auto it = std::lower_bound(actors.begin(), actors.end(), b, [](const ActorRef& x, uint32_t p) { return x.begin < p; });
    for (; it != actors.end() && it->begin < e; ++it) {
      if (it->end > e) continue;
      const std::string& canonical = canonical_of(*it);
      if (std::find(names.begin(), names.end(), canonical) == names.end()) names.push_back(canonical);
    }
  };

  std::vector<uint32_t> headings;
  for (uint32_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].kind == BlockKind::kHeading && v.names_section(blocks[i])) headings.push_back(i);
  auto section_of = [&](uint32_t pos) -> uint32_t {
    auto it = std::upper_bound(headings.begin(), headings.end(), pos,
                               [&](uint32_t p, uint32_t h) { return p < blocks[h].begin; });
    return it == headings.begin() ? kNone : *(it - 1);
  };

  std::vector<Words> words(options.size());
  // Content word -> earlier options that have it, to count shared words
  // without comparing every pair.
  // A word held by more earlier options than kMaxPostings says little about
  // which one is repeated; it is left out so that long documents (thousands
  // of options sharing "should") stay linear. Exact repeats are then found
  // through their statement.
  constexpr size_t kMaxPostings = 256;
  // (The lists are walked newest first: only the set of options they reach matters.)
  WordPostings postings(options.size() * 8);
  // Views into options[].statement: the vector does not change size here.
  std::unordered_map<std::string_view, uint32_t> first_with_statement;
  first_with_statement.reserve(options.size());
  auto is_item = [](const Option& x) { return x.kind == "marker" || x.kind == "list_item"; };
  std::vector<bool> item(options.size());
  std::vector<size_t> statement_hash(options.size(), 0);
  for (size_t i = 0; i < options.size(); ++i) item[i] = is_item(options[i]);
  std::vector<uint32_t> shared(options.size(), 0);
  std::vector<uint32_t> touched;
  for (size_t i = 0; i < options.size(); ++i) {
    Option& o = options[i];
    std::string statement;
    for (const Piece& p : o.pieces) {
      std::string_view s = v.view(p.begin, p.end);
      if (o.kind == "list_item") s.remove_prefix(bullets_prefix(s));
      std::string line = one_line(s);
      if (line.empty()) continue;
      // A drop cap split from its word at the start of a resumed text ("o rganized").
      if (!statement.empty() && line.size() > 3 && line[1] == ' ' && std::islower(static_cast<unsigned char>(line[0])) &&
          line[0] != 'a' && line[0] != 'i' && std::islower(static_cast<unsigned char>(line[2])))
        line.erase(1, 1);
      // A word hyphenated across an interruption ("empha-" ... "sis").
      bool rejoin = statement.size() > 1 && statement.back() == '-' &&
                    std::islower(static_cast<unsigned char>(statement[statement.size() - 2])) &&
                    std::islower(static_cast<unsigned char>(line[0]));
      if (rejoin) statement.pop_back();
      else if (!statement.empty()) statement += ' ';
      statement += line;
    }
    o.statement = std::move(statement);
    words[i] = words_of(*rules_, o.statement);

    nlohmann::json attrs = nlohmann::json::object();
    attrs["kind"] = o.kind;
    attrs["statement"] = o.statement;

    // Modality and where the actors asked to act are named.
    const Piece& first = o.pieces.front();
    std::string_view text = v.view(first.begin, first.end);
    if (!o.cue) {
      // The modality of a marker or list item is that of its first sentence.
      uint32_t t = first.begin;
      while ((t = v.next_terminator(t, first.end)) != kNone && !v.is_sentence_end(t)) {
      }
      if (t != kNone) text = v.view(first.begin, t);
    }
    std::vector<std::string> agents;
    std::string modality = o.modality;
    // The sentence's cue, unless a pull quote taken out has shortened its first piece.
    std::optional<DeonticCue> cue =
        o.cue && o.cue->end <= text.size() ? o.cue : classify_sentence(*rules_, text, false);
    bool imperative = o.kind != "directive" && o.kind != "recommend_verb" &&
                      opens_imperative(text.substr(o.kind == "list_item" ? bullets_prefix(text) : 0));
    if (modality.empty()) {
      if (imperative) modality = "imperative";
      else if (o.kind == "list_item" && opens_gerund(text.substr(bullets_prefix(text)))) modality = "recommend";
      else if (cue) modality = std::string(cue->modality);
      else if (RE2::PartialMatch(text, *rules_->could)) modality = "could";
      else if (RE2::PartialMatch(text, *rules_->may)) modality = "may";
      else modality = "recommend";
    }
    uint32_t section = o.section_block != kNone ? o.section_block : section_of(o.anchor != kNone ? o.anchor : o.begin);
    if (cue && !imperative) {
      if (cue->kind == "recommend_verb") {
        // "We urge the presidents of Mexico and the United States to ...",
        // "We believe that Mexico and the United States should ...".
        uint32_t b = first.begin + static_cast<uint32_t>(cue->begin);
        uint32_t e = first.begin + static_cast<uint32_t>(cue->end);
        size_t stop = v.view(e, first.end).find(" to ");
        actors_in(b, stop == std::string_view::npos ? first.end : e + static_cast<uint32_t>(stop), agents);
      } else {
        auto [b, e] = subject_zone(text, *cue);
        actors_in(first.begin + b, first.begin + e, agents);
      }
    } else if (imperative && section != kNone) {
      actors_in(blocks[section].begin, blocks[section].end, agents);  // "Key Recommendations for Mexico"
    }
    attrs["agents"] = std::move(agents);
    attrs["modality"] = modality;
    if (!o.section.empty()) attrs["section"] = o.section;
    else if (section != kNone) attrs["section"] = section_title(v, section);
    touched.clear();
    for (uint64_t w : words[i].content) {
      size_t slot = 0;
      if (postings.size_of(w, &slot) >= kMaxPostings) continue;
      postings.for_each(slot, [&](uint32_t j) {
        if (shared[j]++ == 0) touched.push_back(j);
      });
      postings.add(slot, static_cast<uint32_t>(i));
    }
    // The earliest option that repeats this one (the least such j: no sort needed).
    statement_hash[i] = std::hash<std::string_view>{}(o.statement);
    uint32_t earliest = kNone;
    for (uint32_t j : touched) {
      if (j >= earliest) continue;
      bool items = item[i] && item[j];
      bool same_statement = statement_hash[j] == statement_hash[i] && options[j].statement == o.statement;
      if (same_statement || near_duplicate(*rules_, words[j], words[i], shared[j], items)) earliest = j;
    }
    if (earliest != kNone) attrs["duplicate_of"] = earliest;
    for (uint32_t j : touched) shared[j] = 0;
    auto same = first_with_statement.emplace(std::string_view(o.statement), static_cast<uint32_t>(i)).first;
    if (!attrs.contains("duplicate_of") && same->second != i) attrs["duplicate_of"] = same->second;
    if (o.raw_begin != kNone && o.raw_begin < doc.clean.raw_begin()[o.begin]) {
      Annotation& a = doc.add_raw("policy_option", o.raw_begin, doc.clean.raw_end()[o.end - 1], std::move(attrs));
      a.clean_start = o.begin;
      a.clean_end = o.end;
    } else {
      doc.add("policy_option", o.begin, o.end, std::move(attrs));
    }
  }
}

void PolicyOptionsExtractor::extract(Document& doc) const {
  LayoutView v(doc);
  std::vector<Option> options;
  find_markers(v, options);
  find_lists(v, options);
  auto by_span = [](const Option& a, const Option& b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; };
  std::sort(options.begin(), options.end(), by_span);
  // A list item that repeats a marker's span is the marker.
  options.erase(std::unique(options.begin(), options.end(),
                            [](const Option& a, const Option& b) { return a.begin < b.end && b.begin < a.end; }),
                options.end());
  std::vector<Option> sentences;
  find_sentences(v, options, sentences);
  options.insert(options.end(), std::make_move_iterator(sentences.begin()), std::make_move_iterator(sentences.end()));
  std::sort(options.begin(), options.end(), by_span);
  // Spans follow the raw text: a clean span that maps to an inverted raw one
  // (text the normalizer moved, such as a running header) is not an option.
  std::erase_if(options, [&](const Option& o) {
    return o.end <= o.begin || doc.clean.raw_begin()[o.begin] >= doc.clean.raw_end()[o.end - 1];
  });
  describe(v, options, doc);
}

}  // namespace

Result<std::unique_ptr<Extractor>> make_policy_options_extractor(const RuleSet& rules) {
  auto compiled = PolicyRules::compile(rules);
  if (!compiled.ok()) return compiled.status();
  return std::unique_ptr<Extractor>(std::make_unique<PolicyOptionsExtractor>(std::move(compiled).value()));
}

}  // namespace polex
