// Inputs a PDF converter (or a user) can hand us that are not nice UTF-8
// text: every one must be processed without a crash, with exact offsets and
// valid JSON; big ones in linear time and memory; all of them deterministically.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <tuple>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "annotations/json_writer.h"
#include "document_invariants.h"
#include "extract/utf8.h"
#include "test_util.h"

namespace polex {
std::map<std::string, std::string> embedded_rule_files();  // rules_embedded.cpp (generated)
}  // namespace polex

using namespace polex;
using namespace std::string_literals;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

Document process(std::string_view bytes) { return test::default_pipeline().process("hostile", bytes); }

// Processes `bytes` and checks every document invariant.
Document process_checked(std::string_view bytes) {
  Document doc = process(bytes);
  INFO("input of " << bytes.size() << " bytes");
  CHECK(test::invariant_violation(doc) == "");
  return doc;
}

size_t count_of(const Document& doc, const std::string& type) {
  return std::count_if(doc.annotations.begin(), doc.annotations.end(), [&](const Annotation& a) { return a.type == type; });
}

// A report-like paragraph: every extractor finds something in it.
const std::string kReportText =
    "The Ministry of Finance and the World Bank estimate that emissions fell by 12.5 percent\n"
    "between 2010 and 2015, to about US$3 billion, according to the OECD.\n\n"
    "Recommendations\n\n"
    "\xE2\x80\xA2 Governments should introduce a carbon tax of $40 per tonne by 2030.\n"
    "\xE2\x80\xA2 The European Union should expand support for low-income households.\n\n";

std::string utf16(std::string_view utf8_text, bool little_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  };
  if (bom) put(0xFEFF);
  RawText r = decode_raw(utf8_text);
  for (size_t i = 0; i < r.utf8.size();) {
    int len;
    char32_t c = utf8::decode(r.utf8, i, &len);
    i += len;
    if (c >= 0x10000) {
      put(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      put(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    } else {
      put(static_cast<char16_t>(c));
    }
  }
  return out;
}

// What was found, by type and raw text, for comparing two encodings of one text.
std::vector<std::pair<std::string, std::string>> found(const Document& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Annotation& a : doc.annotations) out.emplace_back(a.type, a.text);
  return out;
}

// What was found, by type and clean span, for comparing two layouts of one text.
std::vector<std::tuple<std::string, uint32_t, uint32_t>> found_clean(const Document& doc) {
  std::vector<std::tuple<std::string, uint32_t, uint32_t>> out;
  for (const Annotation& a : doc.annotations) out.emplace_back(a.type, a.clean_start, a.clean_end);
  return out;
}


// `unit` repeated up to `bytes` bytes.
std::string repeated(const std::string& unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

}  // namespace

TEST_CASE("invalid UTF-8 of every class becomes U+FFFD per maximal subpart, as Python reads it", "[hostile]") {
  // (bytes, Python's len(bytes.decode("utf-8", "replace"))) around "x" ... "y".
  const std::vector<std::pair<std::string, uint32_t>> cases = {
      {"\x80", 1},                  // lone continuation byte
      {"\xBF\x80", 2},              // two lone continuation bytes
      {"\xC3", 1},                  // truncated 2-byte sequence
      {"\xE2\x82", 1},              // truncated 3-byte sequence
      {"\xF0\x9F\x98", 1},          // truncated 4-byte sequence
      {"\xE2\x82" "a", 2},          // truncated, then ASCII
      {"\xC0\xAF", 2},              // overlong '/' (2 bytes)
      {"\xC1\xBF", 2},              // overlong DEL
      {"\xE0\x80\xAF", 3},          // overlong '/' (3 bytes)
      {"\xF0\x80\x80\xAF", 4},      // overlong '/' (4 bytes)
      {"\xED\xA0\x80", 3},          // lone high surrogate U+D800
      {"\xED\xBF\xBF", 3},          // lone low surrogate U+DFFF
      {"\xED\xA0\xBD\xED\xB8\x80", 6},  // surrogate pair encoded as CESU-8
      {"\xF4\x90\x80\x80", 4},      // above U+10FFFF
      {"\xF5\x80", 2},              // invalid lead byte F5
      {"\xF8\x88\x80\x80\x80", 5},  // old 5-byte form
      {"\xFF\xFE\xFD", 3},          // never-valid bytes (not at the start: no BOM)
  };
  for (const auto& [bad, replaced] : cases) {
    std::string bytes = "Emissions fell by 12 percent x" + bad + "y in 2015.\n";
    INFO("bytes " << nlohmann::json(bytes).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    Document doc = process_checked(bytes);
    CHECK(doc.raw.invalid_sequences > 0);
    CHECK(doc.raw.length() == 30 + replaced + 11);
    CHECK(doc.warnings.size() == 1);
    // The text around the bad bytes is still read: the claim before them is found.
    CHECK(count_of(doc, "numeric_claim") >= 1);
  }
  // Valid 4-byte characters and the largest code point stay as they are.
  Document ok = process_checked("Growth \xF0\x9F\x98\x80 of 5 percent \xF4\x8F\xBF\xBF.\n");
  CHECK(ok.raw.invalid_sequences == 0);
  CHECK(ok.warnings.empty());
}

TEST_CASE("NUL bytes are counted in the raw offsets but kept out of the clean text", "[hostile]") {
  std::string bytes = "Emissions fell by 12 percent\0 in 2015.\0\0\nThe OECD agrees.\n"s;
  Document doc = process_checked(bytes);
  CHECK(doc.raw.length() == bytes.size());
  CHECK(doc.clean.text().find('\0') == std::string::npos);
  CHECK(count_of(doc, "numeric_claim") >= 1);
  Document only_nuls = process_checked(std::string(1000, '\0'));
  CHECK(only_nuls.raw.length() == 1000);
  CHECK(only_nuls.clean.text().empty());
}

TEST_CASE("a byte-order mark is code point 0 of the raw text and not part of the clean text", "[hostile]") {
  Document doc = process_checked("\xEF\xBB\xBF" + kReportText);
  Document plain = process(kReportText);
  CHECK(doc.raw.length() == plain.raw.length() + 1);
  CHECK(doc.clean.text() == plain.clean.text());
  REQUIRE(doc.annotations.size() == plain.annotations.size());
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    CHECK(doc.annotations[i].start == plain.annotations[i].start + 1);
    CHECK(doc.annotations[i].text == plain.annotations[i].text);
  }
}

TEST_CASE("CRLF and CR line ends read like LF line ends", "[hostile]") {
  Document lf = process(kReportText);
  for (const std::string eol : {"\r\n", "\r"}) {
    std::string bytes;
    for (char c : kReportText) bytes += c == '\n' ? eol : std::string(1, c);
    INFO("line end " << (eol.size() == 2 ? "CRLF" : "CR"));
    Document doc = process_checked(bytes);
    CHECK(doc.clean.text() == lf.clean.text());
    CHECK(found_clean(doc) == found_clean(lf));  // same annotations; their raw text keeps the \r
    size_t lines = std::count(kReportText.begin(), kReportText.end(), '\n');
    CHECK(doc.raw.length() == lf.raw.length() + (eol.size() == 2 ? lines : 0));
  }
}

TEST_CASE("UTF-16 with a byte-order mark is decoded - offsets count the decoded code points", "[hostile]") {
  std::string text = kReportText + "Cited by the Commission\xE2\x80\x99s \xF0\x9F\x93\x88 report.\n";
  Document utf8_doc = process(text);
  for (bool little_endian : {true, false}) {
    INFO((little_endian ? "UTF-16LE" : "UTF-16BE"));
    Document doc = process_checked(utf16(text, little_endian, true));
    CHECK(doc.raw.encoding == (little_endian ? "utf-16le" : "utf-16be"));
    CHECK(doc.raw.utf8 == text);  // the BOM is the encoding's, not a character
    CHECK(doc.raw.length() == utf8_doc.raw.length());
    CHECK(to_json_value(doc)["document"]["encoding"] == doc.raw.encoding);
    CHECK(found(doc) == found(utf8_doc));
  }
  // An odd trailing byte and a lone surrogate become U+FFFD.
  std::string broken = utf16("ab", true, true) + std::string("\x00\xD8", 2) + "c";
  Document doc = process_checked(broken);
  CHECK(doc.raw.utf8 == "ab\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("UTF-16 without a byte-order mark is recognised by its zero bytes and decoded", "[hostile]") {
  std::string text = kReportText + "Cited by the Commission\xE2\x80\x99s report.\n";
  Document utf8_doc = process(text);
  for (bool little_endian : {true, false}) {
    INFO((little_endian ? "UTF-16LE" : "UTF-16BE"));
    Document doc = process_checked(utf16(text, little_endian, false));
    CHECK(doc.raw.encoding == (little_endian ? "utf-16le" : "utf-16be"));
    CHECK(doc.raw.utf8 == text);
    CHECK(found(doc) == found(utf8_doc));
  }
  // A UTF-8 text with a few NUL bytes in it stays UTF-8.
  std::string nuls = kReportText;
  for (size_t i = 1; i < nuls.size(); i += 40) nuls[i] = '\0';
  CHECK(process_checked(nuls).raw.encoding == "utf-8");
  // Text in a script without zero bytes in UTF-16 (here Korean) cannot be
  // told from bytes: it is read as UTF-8, with replacements and a warning.
  std::string cjk = utf16(repeated("\xED\x95\x9C\xEA\xB5\xAD ", 600), true, false);
  Document cjk_doc = process_checked(cjk);
  CHECK(cjk_doc.raw.encoding == "utf-8");
  CHECK(cjk_doc.raw.invalid_sequences > 0);
  CHECK_FALSE(cjk_doc.warnings.empty());
}

TEST_CASE("a binary file is processed like any text: replacements, a warning, valid output", "[hostile]") {
  // This test program itself, and pseudo-random bytes.
  std::string self = test::read_file("/proc/self/exe").substr(0, 1 << 20);
  REQUIRE(self.size() > 1000);
  Document doc = process_checked(self);
  CHECK(doc.raw.invalid_sequences > 0);
  CHECK_FALSE(doc.warnings.empty());
  std::string noise(1 << 20, '\0');
  uint64_t state = 0x9E3779B97F4A7C15ull;
  for (char& c : noise) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    c = static_cast<char>(state >> 56);
  }
  Document noise_doc = process_checked(noise);
  CHECK(noise_doc.raw.length() > 0);
}

TEST_CASE("an empty file gives an empty document with a warning", "[hostile]") {
  Document doc = process_checked("");
  CHECK(doc.raw.length() == 0);
  CHECK(doc.annotations.empty());
  CHECK(doc.warnings == std::vector<std::string>{"empty document"});
  nlohmann::json j = nlohmann::json::parse(to_json(doc));
  CHECK(j["document"]["length"] == 0);
  CHECK(j["annotations"].empty());
  // Whitespace only: nothing to annotate either.
  CHECK(process_checked(" \n\n\t\r\n  \n").annotations.empty());
}

TEST_CASE("names and options by the ten thousand stay linear", "[hostile][slow]") {
  // Inputs that used to be quadratic in the extractors: distinct full names
  // (each later surname looked up among all earlier names), one line of
  // capitalized words (a name read from every word in it), and many policy
  // options sharing their words (duplicate linking).
  auto names = [](size_t count) {
    std::string out;
    for (size_t k = 0; k < count; ++k)
      out += "Minister Alma" + std::to_string(k) + "x Ruiz" + std::to_string(k) + "z met the board. ";
    return out;
  };
  auto capitalized = [](size_t count) {
    std::string out;
    for (size_t k = 0; k < count; ++k) out += "Word" + std::to_string(k % 977) + "x ";
    return out;
  };
  auto options = [](size_t count) {
    std::string out;
    for (size_t k = 0; k < count; ++k)
      out += "Governments should fund program number " + std::to_string(k) + " of the regional plan.\n\n";
    return out;
  };
  const size_t small = kSanitized ? 2500 : 10000, large = 4 * small;
  for (const auto& [what, make] : std::vector<std::pair<std::string, std::function<std::string(size_t)>>>{
           {"names", names}, {"capitalized words", capitalized}, {"options", options}}) {
    auto cpu = [&](size_t count) {
      std::string text = make(count);
      return test::measure_in_child([&] { (void)process(text); }).cpu_seconds;
    };
    double s = cpu(small), l = cpu(large);
    INFO(what << ": " << small << " -> " << s << " s, " << large << " -> " << l << " s");
    CHECK(l < 0.5 + 8 * s);  // 4x the input: linear ~4x, quadratic 16x
  }
}

TEST_CASE("a rule value of the wrong type is a rule error naming its file, not a crash", "[hostile][rules]") {
  // Found by fuzz_rules: entries that are strings where objects belong, and a
  // member of the wrong type, made nlohmann's value() throw out of Pipeline::create.
  const nlohmann::json currencies = RuleSet::embedded().json("numeric/currencies.json");
  std::vector<nlohmann::json> broken;
  for (const char* list : {"currencies", "minor_units"}) {
    nlohmann::json j = currencies;
    j[list][0] = "not an object";
    broken.push_back(j);
    j = currencies;
    j[list][0]["code"] = 5;
    broken.push_back(j);
  }
  for (const nlohmann::json& j : broken) {
    std::map<std::string, std::string> f = embedded_rule_files();
    f["numeric/currencies.json"] = j.dump(1);
    auto set = RuleSet::from_files(std::move(f), "rules");
    REQUIRE(set.ok());
    auto refused = Pipeline::create(set.value());
    REQUIRE_FALSE(refused.ok());
    INFO(refused.status().message());
    CHECK(refused.status().message().rfind("rules/numeric/currencies.json", 0) == 0);
  }
}

TEST_CASE("a rule with a catastrophic-backtracking regex runs in linear time (RE2)", "[hostile][rules]") {
  // (a|a)* nested three times takes exponential time in a backtracking engine
  // on "1aaaa...a" with no "b"; RE2 compiles it to an automaton instead.
  nlohmann::json layout = RuleSet::embedded().json("normalize/layout.json");
  layout["numbered_item"] = "^[0-9](?:(?:a|a)*)*(?:a|aa)*b";
  auto with_layout = [&](const nlohmann::json& j) {
    std::map<std::string, std::string> f = embedded_rule_files();
    f["normalize/layout.json"] = j.dump(1);
    return RuleSet::from_files(std::move(f), "rules");
  };
  auto set = with_layout(layout);
  REQUIRE(set.ok());
  auto pipeline = Pipeline::create(set.value());
  REQUIRE(pipeline.ok());
  auto cpu = [&](size_t n) {
    std::string line(n + 2, 'a');
    line.front() = '1';
    line.back() = '\n';
    return test::measure_in_child([&] {
      Document doc = pipeline.value().process("re", line);
      if (doc.raw.length() != n + 2) _exit(1);
    }).cpu_seconds;
  };
  double small = cpu(250000), large = cpu(1000000);
  INFO("250k: " << small << " s, 1M: " << large << " s");
  CHECK(large < 1.0 + 8 * small);  // 4x the input; quadratic or worse would be 16x+
  CHECK(large < 30);

  // An over-large repetition is refused when the rules load, naming the file.
  for (const char* pattern : {"^[0-9]{1001}", "^(?:(?:[0-9]{100}){100}){100}"}) {
    nlohmann::json bad = layout;
    bad["numbered_item"] = pattern;
    auto bad_set = with_layout(bad);
    REQUIRE(bad_set.ok());
    auto refused = Pipeline::create(bad_set.value());
    REQUIRE_FALSE(refused.ok());
    INFO(refused.status().message());
    CHECK(refused.status().message().rfind("rules/normalize/layout.json:", 0) == 0);
    CHECK(refused.status().message().find("numbered_item") != std::string::npos);
  }
}

TEST_CASE("the same input gives byte-identical JSON on every run and from every thread", "[hostile][determinism]") {
  std::vector<std::string> inputs;
  for (const auto& [id, bytes] : test::corpus()) inputs.push_back(bytes);
  inputs.push_back(kReportText);
  inputs.push_back(utf16(kReportText, true, true));
  inputs.push_back(std::string("\xC0\xAF\0\r\n", 5) + kReportText);
  std::vector<std::string> expected;
  for (const std::string& in : inputs) expected.push_back(to_json(process(in)));
  // Again in this thread, and from a second pipeline built from the same rules.
  auto second = Pipeline::create(RuleSet::embedded());
  REQUIRE(second.ok());
  for (size_t i = 0; i < inputs.size(); ++i) {
    CHECK(to_json(process(inputs[i])) == expected[i]);
    CHECK(to_json(second.value().process("hostile", inputs[i])) == expected[i]);
  }
  // Four threads on the shared pipeline, each in a different order.
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads, std::vector<std::string>(inputs.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t k = 0; k < inputs.size(); ++k) {
        size_t r = (k + 3 * t) % inputs.size();  // rotated; odd threads backwards
        size_t i = t % 2 ? inputs.size() - 1 - r : r;
        got[t][i] = to_json(process(inputs[i]));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t)
    for (size_t i = 0; i < inputs.size(); ++i) {
      INFO("thread " << t << ", input " << i);
      CHECK(got[t][i] == expected[i]);
    }
}

TEST_CASE("a 200 MB single line is processed - time and memory grow linearly", "[hostile][slow]") {
  // The report text with its line breaks turned into spaces: one paragraph
  // holding every kind of annotation, as a converter that lost all line ends
  // would produce.
  std::string unit = kReportText;
  std::replace(unit.begin(), unit.end(), '\n', ' ');
  // Sanitizers make each byte ~5x slower and bigger: smaller sizes keep the
  // same ratios in a reasonable time.
  const size_t mb = 1 << 20;
  const size_t small = (kSanitized ? 4 : 20) * mb, large = 4 * small;
  auto run = [&](size_t bytes) {
    return test::measure_in_child([&] {
      std::string line = repeated(unit, bytes);
      Document doc = process(line);
      size_t code_points = std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; });
      if (doc.raw.length() != code_points || count_of(doc, "numeric_claim") == 0) _exit(1);
    });
  };
  test::Usage base = test::measure_in_child([&] { std::string line = repeated(unit, 1000); (void)process(line); });
  test::Usage s = run(small), l = run(large);
  INFO("base " << base.max_rss_kb << " kB; " << small / mb << " MB: " << s.cpu_seconds << " s, " << s.max_rss_kb
               << " kB; " << large / mb << " MB: " << l.cpu_seconds << " s, " << l.max_rss_kb << " kB");
  CHECK(l.cpu_seconds < 0.5 + 8 * s.cpu_seconds);  // 4x input; linear ~4x, quadratic 16x
  CHECK(l.max_rss_kb - base.max_rss_kb < 6 * (s.max_rss_kb - base.max_rss_kb));

  // 200 MB of plain words on one line (no sentence end, nothing to extract):
  // one block, one sentence, one pass of every stage over it.
  const size_t huge = 200 * mb;
  test::Usage u = test::measure_in_child([&] {
    std::string line = repeated("lorem ipsum dolor sit amet consectetur adipiscing elit ", huge);
    Document doc = process(line);
    if (doc.raw.length() != line.size() || doc.blocks.size() != 1) _exit(1);
  });
  INFO("200 MB line: " << u.cpu_seconds << " s, " << u.max_rss_kb / 1024 << " MB peak");
  CHECK(u.cpu_seconds < (kSanitized ? 600 : 120));
}
