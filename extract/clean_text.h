// Clean text plus the exact map back to the raw input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polex {

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

  // The same two, for text built from an inner CleanText (positions in
  // inner.text()) but mapped at once to inner's raw input: what compose()
  // would give, without a second pass over the map.
  void copy_composed(const CleanText& inner, uint32_t b, uint32_t e);
  void replace_composed(std::string_view s, const CleanText& inner, uint32_t b, uint32_t e);
  uint32_t raw_size() const { return raw_size_; }

  // Rewrites this map through `inner`: this text was built from inner.text()
  // (its spans are positions in inner.text()); the result maps to inner's raw.
  void compose(const CleanText& inner);

  const std::vector<uint32_t>& raw_begin() const { return raw_begin_; }
  const std::vector<uint32_t>& raw_end() const { return raw_end_; }

 private:
  std::string text_;
  std::vector<uint32_t> raw_begin_;
  std::vector<uint32_t> raw_end_;
  uint32_t raw_size_ = 0;
};

}  // namespace polex
