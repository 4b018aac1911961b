// Clean text plus the exact map back to the raw input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polex {

class PiecewiseText;

// A half-open span of the raw input in UTF-8 bytes.
struct RawSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// The text every extractor reads. Each clean byte remembers the raw bytes it
// came from: a copied byte maps to itself, a repaired character (mojibake,
// entity, ligature) maps every byte to the whole raw sequence it replaces, an
// inserted character (a space after "collaboration.") maps to an empty span.
//
// INVARIANT: raw_begin.size() == raw_end.size() == text.size(), and for any
// clean span [b, e) that starts and ends on character boundaries, to_raw(b, e)
// is a span of the raw input on character boundaries.
class CleanText {
 public:
  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }

  // The one function that maps clean -> raw. REQUIRES: b < e <= size().
  RawSpan to_raw(uint32_t b, uint32_t e) const { return {raw_begin_[b], raw_end_[e - 1]}; }
  // Raw byte position of an (empty) clean position p <= size().
  uint32_t raw_position(uint32_t p) const { return p < size() ? raw_begin_[p] : raw_size_; }

  // --- building (used by the normalizer) ---
  void reserve(size_t n);
  // Empties the text, keeping the memory for reuse.
  void clear();
  size_t capacity() const { return text_.capacity(); }
  void set_raw_size(uint32_t n) { raw_size_ = n; }
  // Copies raw bytes [raw_b, raw_b + s.size()) verbatim.
  void copy(std::string_view s, uint32_t raw_b);
  // Appends `s` as a replacement of raw bytes [raw_b, raw_e) (raw_b == raw_e for an insertion).
  void replace(std::string_view s, uint32_t raw_b, uint32_t raw_e);
  // Removes the last n bytes (used when a repair looks back, e.g. a hyphen at a line end).
  void pop_back(size_t n);
  char back() const { return text_.back(); }
  bool empty() const { return text_.empty(); }

  uint32_t raw_size() const { return raw_size_; }

  // Rewrites this map through `inner`: this text was built from inner.text()
  // (its spans are positions in inner.text()); the result maps to inner's raw.
  void compose(const PiecewiseText& inner);

  // Takes the text of `outer` (a text built from inner.text()) with its map
  // carried through `inner` to inner's raw input: what building this from
  // outer's pieces and then compose(inner) would give, in one pass. Leaves
  // outer's text empty.
  void assign_composed(PiecewiseText& outer, const PiecewiseText& inner);
  // Takes the text of `outer` with its map to outer's input, byte by byte.
  void assign(PiecewiseText& outer);

  const std::vector<uint32_t>& raw_begin() const { return raw_begin_; }
  const std::vector<uint32_t>& raw_end() const { return raw_end_; }

 private:
  std::string text_;
  std::vector<uint32_t> raw_begin_;
  std::vector<uint32_t> raw_end_;
  uint32_t raw_size_ = 0;
};

// Text built like a CleanText, by copies and replacements in input order,
// whose map is kept as pieces instead of two entries per byte: a copied run
// is one piece however long. For a pass whose output is read once more and
// mostly copied (pass 1 of the normalizer), writing a map entry per byte
// would cost more than the pass itself.
class PiecewiseText {
 public:
  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  char back() const { return text_.back(); }
  size_t capacity() const { return text_.capacity(); }

  // The raw span of byte p < size(), as CleanText::raw_begin()[p], raw_end()[p].
  uint32_t raw_begin_at(uint32_t p) const;
  uint32_t raw_end_at(uint32_t p) const;
  // As the CleanText functions of the same names.
  RawSpan to_raw(uint32_t b, uint32_t e) const { return {raw_begin_at(b), raw_end_at(e - 1)}; }
  uint32_t raw_position(uint32_t p) const { return p < size() ? raw_begin_at(p) : raw_size_; }
  uint32_t raw_size() const { return raw_size_; }

  // --- building: as CleanText ---
  void reserve(size_t n) { text_.reserve(n); }
  void clear();
  void set_raw_size(uint32_t n) { raw_size_ = n; }
  void copy(std::string_view s, uint32_t raw_b);
  void replace(std::string_view s, uint32_t raw_b, uint32_t raw_e);
  void pop_back(size_t n);

  // Appends the map of bytes [b, e) (b < e <= size()) to `begin` and `end`.
  void append_map(uint32_t b, uint32_t e, std::vector<uint32_t>& begin, std::vector<uint32_t>& end) const;

 private:
  friend class CleanText;

  // Bytes [clean_b, next piece's clean_b) come from raw [raw_b, raw_e) as a
  // whole, or, when copied, byte by byte from raw_b on.
  struct Piece {
    uint32_t clean_b;
    uint32_t raw_b;
    uint32_t raw_e;
    bool copied;
  };
  // The piece holding byte p < size().
  const Piece& piece_of(uint32_t p) const;
  uint32_t piece_end(size_t k) const { return k + 1 < pieces_.size() ? pieces_[k + 1].clean_b : static_cast<uint32_t>(text_.size()); }

  std::string text_;
  std::vector<Piece> pieces_;  // by clean_b, none empty
  uint32_t raw_size_ = 0;
};

}  // namespace polex
