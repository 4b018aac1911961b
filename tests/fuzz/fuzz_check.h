// The fuzz targets' oracle: a broken document invariant aborts, so libFuzzer
// keeps the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "document_invariants.h"

namespace polex::fuzz {

[[noreturn]] inline void fail(const std::string& what, const std::string& detail = "") {
  std::fprintf(stderr, "polex fuzz: %s %s\n", what.c_str(), detail.c_str());
  std::abort();
}

inline void check_document(const Document& doc) {
  std::string violation = test::invariant_violation(doc);
  if (!violation.empty()) fail("invariant violated:", violation);
}

}  // namespace polex::fuzz
