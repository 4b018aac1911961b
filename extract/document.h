// One document as it moves through the pipeline:
// load -> normalize (CleanText) -> segment -> extract -> write.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "annotations/annotation.h"
#include "extract/clean_text.h"
#include "extract/raw_text.h"

namespace polex {

// Layout blocks found by the normalizer, in clean-text bytes.
// kFurniture: a running header or footer kept as its own block, so that actor
// names in it are found; no other extractor reads it.
enum class BlockKind { kParagraph, kHeading, kListItem, kFurniture };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  uint32_t begin = 0;          // clean bytes, half-open; includes the bullet
  uint32_t end = 0;
  uint32_t content_begin = 0;  // after the bullet glyph and its spaces
  std::string bullet;          // the glyph ("•", "-", ")", ...) or empty
};

struct Sentence {
  uint32_t begin = 0;  // clean bytes, half-open
  uint32_t end = 0;
  uint32_t block = 0;  // index into Document::blocks
};

struct Document {
  std::string id;
  RawText raw;
  CleanText clean;
  std::vector<Block> blocks;
  std::vector<Sentence> sentences;
  // Every annotation, raw offsets filled; extractors append through add().
  std::vector<Annotation> annotations;
  std::vector<std::string> warnings;

  // Adds an annotation for the clean span [b, e) and returns it. Fills the raw
  // code-point and byte offsets, `text`, and the clean offsets in attrs-free
  // fields. REQUIRES: b < e <= clean.size(), both on character boundaries.
  Annotation& add(std::string type, uint32_t b, uint32_t e, nlohmann::json attrs = nlohmann::json::object());
  // Adds an annotation for the raw byte span [b, e) (furniture, footnote markers).
  Annotation& add_raw(std::string type, uint32_t b, uint32_t e, nlohmann::json attrs = nlohmann::json::object());

  // Text of a clean span.
  std::string_view clean_view(uint32_t b, uint32_t e) const {
    return std::string_view(clean.text()).substr(b, e - b);
  }
};

}  // namespace polex
