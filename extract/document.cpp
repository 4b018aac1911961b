#include "extract/document.h"

namespace polex {

Annotation& Document::add_raw(std::string type, uint32_t b, uint32_t e, nlohmann::json attrs) {
  // Every member given: Annotation's default attrs (an empty object, one
  // allocation) is never made only to be replaced. (Braces, not emplace_back's
  // parentheses: clang 14 has no parenthesized aggregate initialization.)
  annotations.push_back(Annotation{std::move(type), raw.to_cp(b), raw.to_cp(e), b, e, 0u, 0u,
                                   raw.utf8.substr(b, e - b), std::move(attrs)});
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
