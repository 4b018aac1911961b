#include "extract/clean_text.h"

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

void CleanText::copy_composed(const CleanText& inner, uint32_t b, uint32_t e) {
  text_.append(inner.text_, b, e - b);
  raw_begin_.insert(raw_begin_.end(), inner.raw_begin_.begin() + b, inner.raw_begin_.begin() + e);
  raw_end_.insert(raw_end_.end(), inner.raw_end_.begin() + b, inner.raw_end_.begin() + e);
}

void CleanText::replace_composed(std::string_view s, const CleanText& inner, uint32_t b, uint32_t e) {
  if (b < e) {
    replace(s, inner.raw_begin_[b], inner.raw_end_[e - 1]);
  } else {
    uint32_t p = inner.raw_position(b);
    replace(s, p, p);
  }
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

void CleanText::compose(const CleanText& inner) {
  for (size_t i = 0; i < text_.size(); ++i) {
    uint32_t b = raw_begin_[i], e = raw_end_[i];
    if (b < e) {
      raw_begin_[i] = inner.raw_begin_[b];
      raw_end_[i] = inner.raw_end_[e - 1];
    } else {
      uint32_t p = inner.raw_position(b);
      raw_begin_[i] = raw_end_[i] = p;
    }
  }
  raw_size_ = inner.raw_size_;
}

}  // namespace polex
