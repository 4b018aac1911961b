// Normalization: raw PDF-extracted text -> CleanText with an exact offset map.
//
// Two passes, each a CleanText over the one before, composed into one map:
//  1. characters: mojibake, HTML entities and tags, markdown emphasis, Unicode
//     folding (NFC, ligatures, soft hyphens, odd spaces), superscript footnotes;
//  2. layout: lines classified (page furniture, headings, bullets), joined into
//     blocks, end-of-line hyphenation undone, drop caps and missing spaces
//     repaired, footnote digits glued to words taken out.
// Furniture and footnote markers become annotations; they are never deleted
// from the raw offsets, only kept out of the clean text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "extract/document.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

class Normalizer {
 public:
  static Result<std::shared_ptr<const Normalizer>> create(const RuleSet& rules);
  ~Normalizer();

  // Fills doc.clean and doc.blocks from doc.raw, and adds `furniture` and
  // `footnote_ref` annotations.
  void normalize(Document& doc) const;

  // True iff `word` (lower case) is in the English word list.
  bool is_word(std::string_view word) const;

  struct Tables;  // compiled rule tables (normalize_tables.h)

 private:
  Normalizer() = default;
  std::unique_ptr<const Tables> tables_;
};

}  // namespace polex
