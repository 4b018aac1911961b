// Segmentation of blocks into sentences: ICU's sentence break iterator, with
// abbreviation rules from rules/segment/abbreviations.json so that "U.S.",
// "e.g." or "Jan." never end a sentence when the sentence goes on.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "extract/document.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// The sentence boundaries of UAX #29 in `s` (valid UTF-8), exactly as ICU's
// sentence BreakIterator finds them: into `out`, the byte offset of every
// boundary after 0, the last one s.size() (none for an empty s).
// Text with paragraph separators, format or extend characters is handed to
// ICU itself; the rest is decided here from the Sentence_Break property,
// without converting the text to UTF-16 or walking ICU's state machine.
void sentence_boundaries(std::string_view s, std::vector<uint32_t>& out);

class Segmenter {
 public:
  static Result<std::shared_ptr<const Segmenter>> create(const RuleSet& rules);

  // Fills doc.sentences from doc.blocks (headings are one sentence each).
  void segment(Document& doc) const;

 private:
  Segmenter() = default;
  // Looked up with string_views of the text, without a copy.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using WordSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;
  // Abbreviations that never end a sentence ("Mr.", "e.g.").
  WordSet never_final_;
  // Abbreviations that end a sentence only before a sentence starter ("U.S.").
  WordSet maybe_final_;
  WordSet sentence_starters_;
};

}  // namespace polex
