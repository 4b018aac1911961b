// CSV (RFC 4180) for spreadsheets and pandas: one row per annotation.
//
//   std::string csv = polex::csv_header();
//   for (const auto& doc : docs) csv += polex::to_csv_rows(doc);
//
// Columns (kCsvColumns): document, type, start, end (code points of the raw
// input), text (the raw slice, line breaks included), then the main
// attributes, empty when absent: kind, category, canonical, value, value_max,
// unit, qualifier, noun, modality, statement; last, attrs: all attributes as
// one JSON object. Fields with a comma, quote or line break are quoted, quotes
// doubled; rows end with "\r\n" as the RFC says (Python's csv module and
// pandas read both).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "extract/document.h"

namespace polex {

inline constexpr std::array<std::string_view, 16> kCsvColumns = {
    "document", "type", "start", "end", "text", "kind", "category", "canonical",
    "value", "value_max", "unit", "qualifier", "noun", "modality", "statement", "attrs"};

// The header row.
std::string csv_header();
// One row per annotation of the document, in its order.
std::string to_csv_rows(const Document& doc);

}  // namespace polex
