#include "extract/document.h"

namespace polex {

Annotation& Document::add_raw(std::string type, uint32_t b, uint32_t e, nlohmann::json attrs) {
  Annotation a;
  a.type = std::move(type);
  a.byte_start = b;
  a.byte_end = e;
  a.start = raw.to_cp(b);
  a.end = raw.to_cp(e);
  a.text = raw.utf8.substr(b, e - b);
  a.attrs = std::move(attrs);
  annotations.push_back(std::move(a));
  return annotations.back();
}

Annotation& Document::add(std::string type, uint32_t b, uint32_t e, nlohmann::json attrs) {
  RawSpan span = clean.to_raw(b, e);
  Annotation& a = add_raw(std::move(type), span.begin, span.end, std::move(attrs));
  a.clean_start = b;
  a.clean_end = e;
  return a;
}

}  // namespace polex
