#include "extract/clean_text.h"

#include <algorithm>

namespace polex {

void CleanText::reserve(size_t n) {
  text_.reserve(n);
  raw_begin_.reserve(n);
  raw_end_.reserve(n);
}

void CleanText::clear() {
  text_.clear();
  raw_begin_.clear();
  raw_end_.clear();
  raw_size_ = 0;
}

void CleanText::copy(std::string_view s, uint32_t raw_b) {
  size_t at = text_.size();
  text_.append(s);
  raw_begin_.resize(text_.size());
  raw_end_.resize(text_.size());
  // One loop per array: with a single store stream each, they vectorize.
  uint32_t* begin = raw_begin_.data() + at;
  for (size_t i = 0; i < s.size(); ++i) begin[i] = raw_b + static_cast<uint32_t>(i);
  uint32_t* end = raw_end_.data() + at;
  for (size_t i = 0; i < s.size(); ++i) end[i] = raw_b + 1 + static_cast<uint32_t>(i);
}

void CleanText::replace(std::string_view s, uint32_t raw_b, uint32_t raw_e) {
  text_.append(s);
  raw_begin_.insert(raw_begin_.end(), s.size(), raw_b);
  raw_end_.insert(raw_end_.end(), s.size(), raw_e);
}

void CleanText::pop_back(size_t n) {
  text_.resize(text_.size() - n);
  raw_begin_.resize(text_.size());
  raw_end_.resize(text_.size());
}

void CleanText::compose(const PiecewiseText& inner) {
  for (size_t i = 0; i < text_.size(); ++i) {
    uint32_t b = raw_begin_[i], e = raw_end_[i];
    if (b < e) {
      raw_begin_[i] = inner.raw_begin_at(b);
      raw_end_[i] = inner.raw_end_at(e - 1);
    } else {
      uint32_t p = inner.raw_position(b);
      raw_begin_[i] = raw_end_[i] = p;
    }
  }
  raw_size_ = inner.raw_size();
}

void CleanText::assign_composed(PiecewiseText& outer, const PiecewiseText& inner) {
  size_t n = outer.size();
  raw_begin_.clear();
  raw_end_.clear();
  raw_begin_.reserve(n);
  raw_end_.reserve(n);
  for (size_t k = 0; k < outer.pieces_.size(); ++k) {
    const PiecewiseText::Piece& piece = outer.pieces_[k];
    uint32_t length = outer.piece_end(k) - piece.clean_b;
    if (piece.copied) {
      inner.append_map(piece.raw_b, piece.raw_b + length, raw_begin_, raw_end_);
    } else if (piece.raw_b < piece.raw_e) {
      raw_begin_.insert(raw_begin_.end(), length, inner.raw_begin_at(piece.raw_b));
      raw_end_.insert(raw_end_.end(), length, inner.raw_end_at(piece.raw_e - 1));
    } else {
      uint32_t p = inner.raw_position(piece.raw_b);
      raw_begin_.insert(raw_begin_.end(), length, p);
      raw_end_.insert(raw_end_.end(), length, p);
    }
  }
  text_ = std::move(outer.text_);
  outer.clear();
  raw_size_ = inner.raw_size();
}

void CleanText::assign(PiecewiseText& outer) {
  size_t n = outer.size();
  raw_begin_.clear();
  raw_end_.clear();
  raw_begin_.reserve(n);
  raw_end_.reserve(n);
  if (n) outer.append_map(0, static_cast<uint32_t>(n), raw_begin_, raw_end_);
  text_ = std::move(outer.text_);
  raw_size_ = outer.raw_size();
  outer.clear();
}

void PiecewiseText::clear() {
  text_.clear();
  pieces_.clear();
  raw_size_ = 0;
}

void PiecewiseText::copy(std::string_view s, uint32_t raw_b) {
  if (s.empty()) return;
  // A copy that goes on where the last one stopped extends its piece.
  bool extends = !pieces_.empty() && pieces_.back().copied &&
                 pieces_.back().raw_b + (text_.size() - pieces_.back().clean_b) == raw_b;
  if (!extends) pieces_.push_back({static_cast<uint32_t>(text_.size()), raw_b, raw_b, true});
  text_.append(s);
}

void PiecewiseText::replace(std::string_view s, uint32_t raw_b, uint32_t raw_e) {
  if (s.empty()) return;
  pieces_.push_back({static_cast<uint32_t>(text_.size()), raw_b, raw_e, false});
  text_.append(s);
}

void PiecewiseText::pop_back(size_t n) {
  text_.resize(text_.size() - n);
  while (!pieces_.empty() && pieces_.back().clean_b >= text_.size()) pieces_.pop_back();
}

const PiecewiseText::Piece& PiecewiseText::piece_of(uint32_t p) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), p, [](uint32_t q, const Piece& piece) { return q < piece.clean_b; });
  return *(it - 1);
}

uint32_t PiecewiseText::raw_begin_at(uint32_t p) const {
  const Piece& piece = piece_of(p);
  return piece.copied ? piece.raw_b + (p - piece.clean_b) : piece.raw_b;
}

uint32_t PiecewiseText::raw_end_at(uint32_t p) const {
  const Piece& piece = piece_of(p);
  return piece.copied ? piece.raw_b + (p - piece.clean_b) + 1 : piece.raw_e;
}

void PiecewiseText::append_map(uint32_t b, uint32_t e, std::vector<uint32_t>& begin, std::vector<uint32_t>& end) const {
  size_t k = &piece_of(b) - pieces_.data();
  for (uint32_t p = b; p < e; ++k) {
    const Piece& piece = pieces_[k];
    uint32_t upto = std::min(e, piece_end(k));
    uint32_t n = upto - p;
    if (piece.copied) {
      uint32_t r = piece.raw_b + (p - piece.clean_b);
      size_t at = begin.size();
      begin.resize(at + n);
      end.resize(at + n);
      uint32_t* bp = begin.data() + at;
      for (uint32_t i = 0; i < n; ++i) bp[i] = r + i;
      uint32_t* ep = end.data() + at;
      for (uint32_t i = 0; i < n; ++i) ep[i] = r + 1 + i;
    } else {
      begin.insert(begin.end(), n, piece.raw_b);
      end.insert(end.end(), n, piece.raw_e);
    }
    p = upto;
  }
}

}  // namespace polex
