#include "extract/policy_layout.h"

#include <algorithm>
#include <cctype>

namespace polex::policy {
namespace {

// Closing quotes and brackets that may follow a sentence's final period.
size_t closer_length(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']') return 1;
  if (s.substr(0, 3) == "\xE2\x80\x9D" || s.substr(0, 3) == "\xE2\x80\x99") return 3;  // ” ’
  return 0;
}

}  // namespace

LayoutView::LayoutView(const Document& doc) : doc_(doc), text_(doc.clean.text()) {
  for (const Annotation& a : doc.annotations)
    if (a.type == "footnote_ref" && a.attrs.contains("number") && a.attrs["number"].is_number_integer())
      footnotes_.insert(a.attrs["number"].get<int>());
  ends_.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) ends_.push_back(trim_end(s.begin, s.end));
  std::sort(ends_.begin(), ends_.end());
}

uint32_t LayoutView::block_at(uint32_t pos) const {
  const auto& blocks = doc_.blocks;
  auto it = std::upper_bound(blocks.begin(), blocks.end(), pos, [](uint32_t p, const Block& b) { return p < b.begin; });
  if (it == blocks.begin()) return kNone;
  --it;
  return pos < it->end ? static_cast<uint32_t>(it - blocks.begin()) : kNone;
}

uint32_t LayoutView::next_block(uint32_t i) const {
  for (uint32_t k = i + 1; k < doc_.blocks.size(); ++k)
    if (!skipped(doc_.blocks[k])) return k;
  return kNone;
}

uint32_t LayoutView::next_terminator(uint32_t p, uint32_t limit) const {
  for (uint32_t i = p; i < limit; ++i) {
    char c = text_[i];
    if (c != '.' && c != '!' && c != '?') continue;
    uint32_t e = i + 1;
    while (e < limit) {
      size_t n = closer_length(view(e, limit));
      if (n == 0) break;
      e += static_cast<uint32_t>(n);
    }
    if (e >= limit || is_space(text_[e])) return e;
  }
  return kNone;
}

bool LayoutView::ends_with_terminator(uint32_t b, uint32_t e) const {
  e = trim_end(b, e);
  while (e > b) {
    if (closer_length(view(e - 1, e)) == 1) {
      --e;
      continue;
    }
    if (e - b >= 3 && closer_length(view(e - 3, e)) == 3) {
      e -= 3;
      continue;
    }
    break;
  }
  return e > b && (text_[e - 1] == '.' || text_[e - 1] == '!' || text_[e - 1] == '?');
}

bool LayoutView::starts_lower(uint32_t p, uint32_t limit) const {
  while (p < limit && !std::isalpha(static_cast<unsigned char>(text_[p])) && static_cast<unsigned char>(text_[p]) < 0x80) ++p;
  return p < limit && std::islower(static_cast<unsigned char>(text_[p]));
}

bool LayoutView::layout_break(uint32_t a, uint32_t q) const {
  if (a == 0 || q >= text_.size()) return true;
  uint32_t rb = doc_.clean.raw_end()[a - 1];
  uint32_t re = doc_.clean.raw_begin()[q];
  if (re <= rb) return false;
  std::string_view raw = std::string_view(doc_.raw.utf8).substr(rb, re - rb);
  int newlines = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\n') continue;
    if (++newlines >= 2) return true;
    if (i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t')) return true;
  }
  return false;
}

bool LayoutView::at_raw_line_start(uint32_t p) const {
  uint32_t r = doc_.clean.raw_position(p);
  const std::string& raw = doc_.raw.utf8;
  while (r > 0 && (raw[r - 1] == ' ' || raw[r - 1] == '\t')) --r;
  return r == 0 || raw[r - 1] == '\n';
}

std::string_view LayoutView::raw_gap_before(uint32_t i) const {
  const auto& blocks = doc_.blocks;
  uint32_t re = doc_.clean.raw_begin()[blocks[i].begin];
  uint32_t rb = i == 0 ? 0 : doc_.clean.raw_end()[blocks[i - 1].end - 1];
  if (re <= rb) return {};
  return std::string_view(doc_.raw.utf8).substr(rb, re - rb);
}

bool LayoutView::heading_like(const Block& b) const {
  if (b.kind == BlockKind::kHeading) return true;
  if (b.kind != BlockKind::kParagraph || b.end - b.content_begin > kMaxHeadingBytes) return false;
  return !ends_with_terminator(b.content_begin, b.end);
}

bool LayoutView::names_section(const Block& b) const {
  uint32_t e = trim_end(b.content_begin, b.end);
  if (e <= b.content_begin) return false;
  std::string_view title = view(b.content_begin, e);
  unsigned char first = static_cast<unsigned char>(title.front());
  unsigned char last = static_cast<unsigned char>(title.back());
  if (!std::isupper(first) && !std::isdigit(first)) return false;
  if (title.substr(0, 3) == "By ") return false;  // a byline
  if (last == ',' || last == ';' || std::isdigit(last)) return false;  // a fragment, a chart's years
  if (static_cast<size_t>(std::count(title.begin(), title.end(), ' ')) >= kMaxTitleWords) return false;
  if (title.find(", the ") != std::string_view::npos) return false;  // a sentence fragment
  size_t w = title.size();
  while (w > 0 && std::isalpha(static_cast<unsigned char>(title[w - 1]))) --w;
  static const std::set<std::string_view> kOpenEnds = {"the", "of", "and", "or", "in", "to", "for", "a",
                                                      "an", "with", "on", "by", "from", "that", "as", "at"};
  return !kOpenEnds.count(title.substr(w));
}

bool LayoutView::is_footnote(const Block& b) const {
  uint32_t p = b.begin;
  int number = 0;
  while (p < b.end && p - b.begin < 3 && std::isdigit(static_cast<unsigned char>(text_[p])))
    number = number * 10 + (text_[p++] - '0');
  if (p == b.begin || p >= b.end || (text_[p] != '.' && text_[p] != ' ')) return false;
  return footnotes_.count(number) > 0;
}

}  // namespace polex::policy
