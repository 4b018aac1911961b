// Segmentation of blocks into sentences: ICU's sentence break iterator, with
// abbreviation rules from rules/segment/abbreviations.json so that "U.S.",
// "e.g." or "Jan." never end a sentence when the sentence goes on.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "extract/document.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

class Segmenter {
 public:
  static Result<std::shared_ptr<const Segmenter>> create(const RuleSet& rules);

  // Fills doc.sentences from doc.blocks (headings are one sentence each).
  void segment(Document& doc) const;

 private:
  Segmenter() = default;
  // Abbreviations that never end a sentence ("Mr.", "e.g.").
  std::unordered_set<std::string> never_final_;
  // Abbreviations that end a sentence only before a sentence starter ("U.S.").
  std::unordered_set<std::string> maybe_final_;
  std::unordered_set<std::string> sentence_starters_;
};

}  // namespace polex
