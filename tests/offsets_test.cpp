// Offsets are sacred: every span of every document of the corpus satisfies
// raw[start:end] == text, and the clean -> raw map is exact.
#include <catch2/catch.hpp>

#include "annotations/json_writer.h"
#include "test_util.h"

using namespace polex;

namespace {

void check_document(const Document& doc) {
  INFO(doc.id);
  REQUIRE(doc.clean.raw_begin().size() == doc.clean.size());
  REQUIRE(doc.clean.raw_end().size() == doc.clean.size());
  for (const Annotation& a : doc.annotations) {
    INFO(a.type << " [" << a.start << "," << a.end << ")");
    REQUIRE(a.start <= a.end);
    REQUIRE(a.end <= doc.raw.length());
    REQUIRE(test::cp_slice(doc.raw, a.start, a.end) == a.text);
    REQUIRE(doc.raw.utf8.substr(a.byte_start, a.byte_end - a.byte_start) == a.text);
  }
  // Every clean byte maps inside the raw input, on character boundaries, in order within a block.
  const std::string& text = doc.clean.text();
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t b = doc.clean.raw_begin()[i], e = doc.clean.raw_end()[i];
    REQUIRE(b <= e);
    REQUIRE(e <= doc.raw.utf8.size());
  }
  // A clean character copied verbatim is the raw character it maps to.
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t b = doc.clean.raw_begin()[i], e = doc.clean.raw_end()[i];
    unsigned char raw_char = doc.raw.utf8[b < doc.raw.utf8.size() ? b : 0];
    if (e == b + 1 && raw_char > ' ') {  // whitespace and controls are folded on purpose
      INFO("clean byte " << i);
      REQUIRE(doc.raw.utf8[b] == text[i]);
    }
  }
  // Blocks and sentences are non-empty spans of the clean text that map to raw text starting
  // and ending with the same characters.
  for (const Sentence& s : doc.sentences) {
    REQUIRE(s.begin < s.end);
    REQUIRE(s.end <= text.size());
    RawSpan r = doc.clean.to_raw(s.begin, s.end);
    REQUIRE(r.begin < r.end);
  }
}

}  // namespace

TEST_CASE("every span of the corpus satisfies raw[start:end] == text", "[offsets][corpus]") {
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().process(id, bytes);
    REQUIRE(doc.raw.length() > 0);
    REQUIRE(!doc.sentences.empty());
    check_document(doc);
    // The JSON round-trips the same spans.
    nlohmann::json j = to_json_value(doc);
    REQUIRE(j["document"]["length"] == doc.raw.length());
    REQUIRE(j["annotations"].size() == doc.annotations.size());
  }
}

TEST_CASE("clean --json map reproduces the raw offsets of every clean character", "[offsets][corpus]") {
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().clean(id, bytes);
    nlohmann::json j = clean_to_json(doc);
    uint32_t expected_clean = 0;
    for (const auto& seg : j["map"]) {
      REQUIRE(seg[0].get<uint32_t>() == expected_clean);
      REQUIRE(seg[1].get<uint32_t>() >= seg[0].get<uint32_t>());
      REQUIRE(seg[3].get<uint32_t>() <= doc.raw.length());
      expected_clean = seg[1];
    }
    RawText clean_as_raw = decode_raw(doc.clean.text());
    REQUIRE(expected_clean == clean_as_raw.length());
  }
}

TEST_CASE("hostile inputs keep offsets exact", "[offsets]") {
  const std::vector<std::string> inputs = {
      "", std::string("a\0b\nc", 5), "\xff\xfe", "caf\xc3", "bad \xc0\xaf overlong\n\nnext para",
      "\xed\xa0\x80 lone surrogate", "\xef\xbb\xbf" "BOM line\r\nCRLF line\rCR line", "\xe2\x80", "x-\n", "-\n\n-",
      "W", "1\n2\n3", "the U.S.\n\n\n\n12\n\nnext", std::string(10000, 'a'), "\xc2\xa0\xc2\xad\xef\xac\x81"};
  for (const std::string& in : inputs) {
    Document doc = test::default_pipeline().process("t", in);
    check_document(doc);
  }
}

TEST_CASE("the one-line JSON writer and the generic serializer agree", "[json]") {
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().process(id, bytes);
    doc.warnings.push_back("a \"quoted\" warning\twith\x01 control, \u2028 \u2029 and \u0085 breaks");
    if (!doc.annotations.empty()) doc.annotations.back().attrs["note"] = "an attribute with \u2028 and \b";
    std::string line = to_json(doc);
    nlohmann::json fast = nlohmann::json::parse(line);
    CHECK(fast == to_json_value(doc));
    CHECK(line.find("\u2028") == std::string::npos);  // escaped: JSONL readers may split lines there
  }
}

TEST_CASE("the pretty JSON writer lays documents out as the generic serializer does", "[json]") {
  const auto replace = nlohmann::json::error_handler_t::replace;
  for (const auto& [id, bytes] : test::corpus()) {
    Document doc = test::default_pipeline().process(id, bytes);
    for (int indent : {0, 1, 4}) CHECK(to_json(doc, {indent}) == to_json_value(doc).dump(indent, ' ', false, replace));
  }
  // Every kind of attribute value, empty containers, a warning, another encoding,
  // an invalid UTF-8 string, and a document without annotations.
  Document doc = test::default_pipeline().process("kinds", "Canada should cut tariffs by 5%.");
  REQUIRE(!doc.annotations.empty());
  doc.annotations.front().attrs = {{"array", {1, "two", nullptr, true}}, {"empty_array", nlohmann::json::array()},
                                   {"empty_object", nlohmann::json::object()}, {"float", 2.5},
                                   {"nested", {{"b", {{"c", -3}}}, {"a", {nlohmann::json::array()}}}},
                                   {"bad", "caf\xc3"}, {"bad\xff key", 1}};
  doc.warnings = {"first", "second"};
  doc.raw.encoding = "windows-1252";
  for (int indent : {0, 2}) CHECK(to_json(doc, {indent}) == to_json_value(doc).dump(indent, ' ', false, replace));
  Document empty = test::default_pipeline().process("empty", "");
  CHECK(to_json(empty, {1}) == to_json_value(empty).dump(1, ' ', false, replace));
}

TEST_CASE("the pretty JSON writer escapes Unicode line breaks like the one-line writer", "[json]") {
  Document doc = test::default_pipeline().process("breaks", "Canada should act\u2028now.\u2029Next\u0085line.");
  doc.warnings.push_back("a \u2028 warning");
  std::string pretty = to_json(doc, {1});
  CHECK(nlohmann::json::parse(pretty) == to_json_value(doc));
  for (std::string_view raw : {"\u2028", "\u2029", "\u0085"}) CHECK(pretty.find(raw) == std::string::npos);
}

TEST_CASE("the one-line JSON writer escapes at every position of its 16-byte scan", "[json]") {
  // Each character that needs escaping, and look-alikes that must stay as they are
  // (é ends in A9 like U+2029; Å ends in 85 like U+0085; ’ opens with E2 80 like U+2028).
  const std::vector<std::string> specials = {"\"", "\\", "\n", "\t", "\x01", "\x1f", "\u2028", "\u2029",
                                             "\u0085", "é", "Å", "’", "\u20a8", "\x7f"};
  Document doc;
  doc.id = "escapes";
  for (const std::string& special : specials)
    for (size_t pad = 0; pad < 40; ++pad) doc.warnings.push_back(std::string(pad, 'x') + special + "yz");
  std::string line = to_json(doc);
  CHECK(nlohmann::json::parse(line) == to_json_value(doc));
  for (std::string_view raw : {"\u2028", "\u2029", "\u0085", "\n", "\t", "\x01"})
    CHECK(line.find(raw) == std::string::npos);
  for (std::string_view kept : {"é", "Å", "’", "\u20a8"}) CHECK(line.find(kept) != std::string::npos);
}
