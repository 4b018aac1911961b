#include "annotations/csv_writer.h"

namespace polex {

namespace {

void append_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string attr_text(const nlohmann::json& attrs, const char* key) {
  auto it = attrs.find(key);
  if (it == attrs.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string csv_header() {
  std::string out;
  for (size_t i = 0; i < kCsvColumns.size(); ++i) {
    if (i) out += ',';
    out += kCsvColumns[i];
  }
  return out + "\r\n";
}

std::string to_csv_rows(const Document& doc) {
  static constexpr const char* kAttrColumns[] = {"kind", "category", "canonical", "value", "value_max",
                                                 "unit", "qualifier", "noun", "modality", "statement"};
  std::string out;
  for (const Annotation& a : doc.annotations) {
    append_field(out, doc.id);
    out += ',';
    append_field(out, a.type);
    out += ',' + std::to_string(a.start) + ',' + std::to_string(a.end) + ',';
    append_field(out, a.text);
    for (const char* key : kAttrColumns) {
      out += ',';
      append_field(out, attr_text(a.attrs, key));
    }
    out += ',';
    if (!a.attrs.empty()) append_field(out, a.attrs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out += "\r\n";
  }
  return out;
}

}  // namespace polex
