#include "annotations/json_writer.h"

namespace polex {

nlohmann::json to_json_value(const Document& doc) {
  nlohmann::json out;
  out["schema"] = 1;
  nlohmann::json meta = {{"id", doc.id}, {"length", doc.raw.length()}};
  if (doc.raw.encoding != "utf-8") meta["encoding"] = doc.raw.encoding;
  if (!doc.warnings.empty()) meta["warnings"] = doc.warnings;
  out["document"] = std::move(meta);
  nlohmann::json list = nlohmann::json::array();
  for (const Annotation& a : doc.annotations) {
    nlohmann::json j = {{"type", a.type}, {"start", a.start}, {"end", a.end}, {"text", a.text},
                        {"byte_start", a.byte_start}, {"byte_end", a.byte_end}};
    if (a.clean_end > a.clean_start) {
      j["clean_start"] = a.clean_start;
      j["clean_end"] = a.clean_end;
    }
    if (!a.attrs.empty()) j["attrs"] = a.attrs;
    list.push_back(std::move(j));
  }
  out["annotations"] = std::move(list);
  return out;
}

std::string to_json(const Document& doc, const JsonOptions& options) {
  return to_json_value(doc).dump(options.indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json clean_to_json(const Document& doc) {
  const CleanText& clean = doc.clean;
  nlohmann::json segments = nlohmann::json::array();
  // Group clean bytes into runs of characters with the same kind of mapping.
  const auto& rb = clean.raw_begin();
  const auto& re = clean.raw_end();
  const std::string& text = clean.text();
  uint32_t clean_cp = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    uint32_t cps = 0;
    // A run of verbatim copies: each byte maps to the next raw byte.
    while (j < text.size() && re[j] == rb[j] + 1 && (j == i || rb[j] == re[j - 1])) {
      if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) ++cps;
      ++j;
    }
    if (j == i) {  // one repaired or inserted character (all its bytes share a raw span)
      uint32_t b = rb[i], e = re[i];
      while (j < text.size() && rb[j] == b && re[j] == e) {
        if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) ++cps;
        ++j;
      }
    }
    uint32_t raw_b = doc.raw.to_cp(rb[i]);
    uint32_t raw_e = doc.raw.to_cp(re[j - 1]);
    segments.push_back({clean_cp, clean_cp + cps, raw_b, raw_e});
    clean_cp += cps;
    i = j;
  }
  return {{"id", doc.id}, {"text", text}, {"length", doc.raw.length()}, {"map", std::move(segments)}};
}

}  // namespace polex
