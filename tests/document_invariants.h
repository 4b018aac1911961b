// What every processed document must satisfy, whatever the input bytes:
// offsets in range and on character boundaries, annotation text equal to the
// raw slice, valid UTF-8 everywhere, JSON that parses back. Shared by the
// hostile-input tests and the fuzz targets.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "annotations/json_writer.h"
#include "extract/document.h"
#include "extract/raw_text.h"

namespace polex::test {

inline bool on_boundary(std::string_view s, size_t b) {
  return b == 0 || b >= s.size() || (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80;
}

inline bool valid_utf8(std::string_view s) {
  RawText r = decode_raw(s);
  return r.invalid_sequences == 0 && r.encoding == "utf-8" && r.utf8 == s;
}

// The first broken invariant of `doc`, or "" when there is none.
inline std::string invariant_violation(const Document& doc) {
  const std::string& raw = doc.raw.utf8;
  const std::string& clean = doc.clean.text();
  const auto& rb = doc.clean.raw_begin();
  const auto& re = doc.clean.raw_end();
  if (doc.raw.cp_of_byte.size() != raw.size() + 1) return "cp_of_byte size";
  if (!valid_utf8(raw)) return "raw text is not valid UTF-8";
  if (!valid_utf8(clean)) return "clean text is not valid UTF-8";
  if (rb.size() != clean.size() || re.size() != clean.size()) return "clean map size";
  for (size_t i = 0; i < clean.size(); ++i)
    if (rb[i] > re[i] || re[i] > raw.size()) return "clean byte " + std::to_string(i) + " maps out of the raw text";
  for (const Block& b : doc.blocks) {
    std::string where = "block " + std::to_string(b.begin) + ".." + std::to_string(b.end);
    if (!(b.begin <= b.content_begin && b.content_begin <= b.end && b.end <= clean.size())) return where + " out of range";
    if (!on_boundary(clean, b.begin) || !on_boundary(clean, b.end)) return where + " splits a character";
  }
  for (const Sentence& s : doc.sentences) {
    std::string where = "sentence " + std::to_string(s.begin) + ".." + std::to_string(s.end);
    if (!(s.begin < s.end && s.end <= clean.size() && s.block < doc.blocks.size())) return where + " out of range";
    if (!on_boundary(clean, s.begin) || !on_boundary(clean, s.end)) return where + " splits a character";
  }
  for (const Annotation& a : doc.annotations) {
    std::string where = a.type + " " + std::to_string(a.start) + ".." + std::to_string(a.end);
    if (!(a.start <= a.end && a.end <= doc.raw.length())) return where + ": code points out of range";
    if (!(a.byte_start <= a.byte_end && a.byte_end <= raw.size())) return where + ": bytes out of range";
    if (!on_boundary(raw, a.byte_start) || !on_boundary(raw, a.byte_end)) return where + ": splits a raw character";
    if (doc.raw.to_cp(a.byte_start) != a.start || doc.raw.to_cp(a.byte_end) != a.end) return where + ": bytes and code points differ";
    if (a.text != std::string_view(raw).substr(a.byte_start, a.byte_end - a.byte_start)) return where + ": text is not the raw slice";
    if (!(a.clean_start <= a.clean_end && a.clean_end <= clean.size())) return where + ": clean offsets out of range";
    if (!on_boundary(clean, a.clean_start) || !on_boundary(clean, a.clean_end)) return where + ": splits a clean character";
  }
  // Both writers: the one-line JSON parses back (nlohmann rejects invalid
  // UTF-8) and equals the pretty one.
  try {
    nlohmann::json line = nlohmann::json::parse(to_json(doc));
    if (line["annotations"].size() != doc.annotations.size()) return "JSON lost annotations";
    if (line["document"]["length"] != doc.raw.length()) return "JSON length";
    if (nlohmann::json::parse(to_json(doc, JsonOptions{1})) != line) return "pretty and one-line JSON differ";
    (void)clean_to_json(doc).dump();
  } catch (const std::exception& e) {
    return std::string("JSON: ") + e.what();
  }
  return "";
}

}  // namespace polex::test
