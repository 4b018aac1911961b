// Read-only helpers of the policy options extractor over one normalized
// document: blocks by position, sentence ends, and the raw layout behind the
// clean text (blank lines, indented lines, detached bullets) that tells where
// a marker, a list item or a sentence cut by a side heading ends.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"

namespace polex::policy {

inline constexpr uint32_t kNone = static_cast<uint32_t>(-1);

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Views a document (which must outlive it); every position is a clean byte.
class LayoutView {
 public:
  explicit LayoutView(const Document& doc);

  const std::string& text() const { return text_; }
  const Document& doc() const { return doc_; }
  std::string_view view(uint32_t b, uint32_t e) const { return std::string_view(text_).substr(b, e - b); }

  // Page furniture: never part of an option.
  bool skipped(const Block& b) const { return b.kind == BlockKind::kFurniture; }
  // Index of the block containing clean byte `pos`, or kNone.
  uint32_t block_at(uint32_t pos) const;
  // The next block after index i that is not page furniture, or kNone.
  uint32_t next_block(uint32_t i) const;

  uint32_t trim_end(uint32_t b, uint32_t e) const {
    while (e > b && is_space(text_[e - 1])) --e;
    return e;
  }
  uint32_t skip_space(uint32_t p, uint32_t limit) const {
    while (p < limit && is_space(text_[p])) ++p;
    return p;
  }

  // True iff a sentence of the segmenter ends at pos.
  bool is_sentence_end(uint32_t pos) const { return std::binary_search(ends_.begin(), ends_.end(), pos); }
  // Position just after the next sentence terminator (with closing quotes and
  // brackets) in [p, limit) that is followed by a space or limit; kNone if none.
  uint32_t next_terminator(uint32_t p, uint32_t limit) const;
  // True iff the text of [b, e) ends a sentence (terminal punctuation, maybe closers).
  bool ends_with_terminator(uint32_t b, uint32_t e) const;
  // True iff the first letter at or after p (within limit) is lower case.
  bool starts_lower(uint32_t p, uint32_t limit) const;

  // True iff the raw text between clean positions a (exclusive end of the
  // previous text) and q shows a new text flow: a blank line, or a line that
  // starts indented (PDF converters mark a new column or box so).
  bool layout_break(uint32_t a, uint32_t q) const;
  // True iff clean position p starts a raw line (only spaces before it on its line).
  bool at_raw_line_start(uint32_t p) const;
  // The raw bytes between the end of block i - 1 and the start of block i.
  std::string_view raw_gap_before(uint32_t i) const;

  // A heading, or a short block that reads like one (no sentence end): the
  // normalizer cannot tell every two-line heading from a paragraph.
  bool heading_like(const Block& b) const;
  // True iff a heading block reads as a section title, not a chart title
  // ("Annual FDI Flows, 1994–2003"), a byline or a line of a sidebar the
  // normalizer took for a heading ("In the United States, the creation of the").
  bool names_section(const Block& b) const;
  // A footnote or endnote: a block that opens with the number of a footnote
  // marker of the document ("1. Trilateral summits could ...").
  bool is_footnote(const Block& b) const;

 private:
  static constexpr uint32_t kMaxHeadingBytes = 90;
  static constexpr size_t kMaxTitleWords = 10;
  const Document& doc_;
  const std::string& text_;
  std::vector<uint32_t> ends_;  // sorted sentence ends
  std::set<int> footnotes_;     // numbers of the document's footnote markers
};

}  // namespace polex::policy
