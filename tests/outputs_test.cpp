// Outputs for tools and people: the JSON Schema and its validator, span
// checks, CSV and brat round trips, the HTML page's structure, PDF input.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "annotations/brat_writer.h"
#include "annotations/csv_writer.h"
#include "annotations/html_viewer.h"
#include "annotations/json_writer.h"
#include "annotations/schema_validate.h"
#include "extract/pdf_input.h"
#include "pdf_fixture.h"
#include "test_util.h"

namespace {

using nlohmann::json;
using polex::ValidationError;

using polex::test::Run;
using polex::test::run_polex;

std::string temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("polex_outputs_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

bool has_program(const std::string& name) { return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0; }

std::string messages(const std::vector<ValidationError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.path + ": " + e.message + "\n";
  return s;
}

std::vector<ValidationError> validate(const json& schema, const json& instance) {
  auto v = polex::SchemaValidator::create(schema);
  REQUIRE(v.ok());
  return v.value().validate(instance);
}

// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, in_quotes = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      quoted = false;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty() && field.empty()) rows.pop_back();
  return rows;
}

const polex::Document& corpus_doc(const std::string& id) {
  static std::map<std::string, polex::Document> docs;
  auto it = docs.find(id);
  if (it == docs.end()) {
    std::string bytes = polex::test::read_file(polex::test::data_dir() + "/corpus/" + id + ".txt");
    it = docs.emplace(id, polex::test::default_pipeline().process(id, bytes)).first;
  }
  return it->second;
}

}  // namespace

TEST_CASE("the embedded schema is the annotations/schema.json file and compiles", "[outputs][schema]") {
  std::string file = polex::test::read_file(polex::test::data_dir() + "/../annotations/schema.json");
  CHECK(json::parse(polex::schema_1_json()) == json::parse(file));
  auto v = polex::SchemaValidator::create(json::parse(polex::schema_1_json()));
  REQUIRE(v.ok());
  CHECK(json::parse(polex::schema_1_json())["$schema"] == "https://json-schema.org/draft/2020-12/schema");
}

TEST_CASE("every corpus output and every gold file validates, spans included", "[outputs][schema]") {
  const auto& validator = polex::SchemaValidator::schema_1();
  for (const auto& [id, bytes] : polex::test::corpus()) {
    polex::Document doc = polex::test::default_pipeline().process(id, bytes);
    json j = json::parse(polex::to_json(doc));
    INFO(id);
    CHECK(messages(validator.validate(j)).empty());
    CHECK(messages(polex::check_spans(j, &doc.raw)).empty());
    json gold = json::parse(polex::test::read_file(polex::test::data_dir() + "/gold/" + id + ".json"));
    CHECK(messages(validator.validate(gold)).empty());
    CHECK(messages(polex::check_spans(gold, &doc.raw)).empty());
  }
}

TEST_CASE("the schema rejects what the guidelines forbid", "[outputs][schema]") {
  const auto& validator = polex::SchemaValidator::schema_1();
  json good = json::parse(polex::to_json(corpus_doc("002_221d781ef658cb20")));
  REQUIRE(validator.validate(good).empty());
  auto first_of = [&](const json& doc, const std::string& type) {
    for (size_t i = 0; i < doc["annotations"].size(); ++i)
      if (doc["annotations"][i]["type"] == type) return i;
    FAIL("no " << type);
    return size_t{0};
  };
  size_t claim = first_of(good, "numeric_claim"), option = first_of(good, "policy_option");
  json bad = good;
  bad["schema"] = 2;
  CHECK(messages(validator.validate(bad)).find("/schema") != std::string::npos);
  bad = good;
  bad["annotations"][claim]["attrs"]["kind"] = "percentage";
  auto errors = validator.validate(bad);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/annotations/" + std::to_string(claim) + "/attrs/kind");
  bad = good;
  bad["annotations"][claim]["attrs"].erase("value");
  CHECK(messages(validator.validate(bad)).find("missing required property 'value'") != std::string::npos);
  bad = good;
  bad["annotations"][option]["attrs"]["modality"] = "shall";
  CHECK(validator.validate(bad).size() == 1);
  bad = good;
  bad["annotations"][0]["start"] = -1;
  CHECK(validator.validate(bad).size() == 1);
  bad = good;
  bad["document"].erase("length");
  CHECK(validator.validate(bad).size() == 1);
  bad = good;  // money needs an ISO currency code
  json money = {{"type", "numeric_claim"}, {"start", 0}, {"end", 1}, {"text", "x"},
                {"attrs", {{"kind", "money"}, {"value", 5}, {"unit", "dollars"}}}};
  bad["annotations"] = json::array({money});
  CHECK(validator.validate(bad).size() == 1);
  money["attrs"]["unit"] = "USD";
  bad["annotations"] = json::array({money});
  CHECK(validator.validate(bad).empty());
  // The record `polex extract` writes for an input it could not read.
  json record = {{"schema", 1}, {"document", {{"id", "missing"}}}, {"error", "no such file"}};
  CHECK(validator.validate(record).empty());
  record["error"] = 3;
  CHECK(validator.validate(record).size() == 1);
  // Extra keys are allowed anywhere.
  bad = good;
  bad["annotations"][0]["rule"] = "anything";
  bad["extra"] = {1, 2};
  CHECK(validator.validate(bad).empty());
}

TEST_CASE("the validator implements its JSON Schema keywords", "[outputs][schema]") {
  CHECK(validate({{"type", "integer"}}, 40.0).empty());  // 40.0 is an integer in JSON Schema
  CHECK(validate({{"type", "integer"}}, 40.5).size() == 1);
  CHECK(validate({{"type", json::array({"string", "null"})}}, nullptr).empty());
  CHECK(validate({{"const", 1}}, 1.0).empty());
  CHECK(validate({{"enum", {"a", "b"}}}, "c").size() == 1);
  CHECK(validate({{"minLength", 2}}, "é").size() == 1);  // counted in characters
  CHECK(validate({{"maxLength", 1}}, "é").empty());
  CHECK(validate({{"pattern", "^[A-Z]{3}$"}}, "USD").empty());
  CHECK(validate({{"pattern", "^[A-Z]{3}$"}}, "US$").size() == 1);
  CHECK(validate({{"minimum", 0}, {"exclusiveMaximum", 10}}, 10).size() == 1);
  CHECK(validate({{"minItems", 1}, {"maxItems", 2}}, json::array()).size() == 1);
  CHECK(validate({{"items", {{"type", "string"}}}}, {"a", 1, "b"})[0].path == "/1");
  json props = {{"properties", {{"a/b", {{"type", "string"}}}}}, {"additionalProperties", false}};
  CHECK(validate(props, {{"a/b", 1}})[0].path == "/a~1b");
  CHECK(validate(props, {{"c", 1}})[0].path == "/c");
  json alt = {{"anyOf", {{{"type", "string"}}, {{"type", "integer"}}}}};
  CHECK(validate(alt, 1).empty());
  CHECK(validate(alt, 1.5).size() == 1);
  json one = {{"oneOf", {{{"type", "number"}}, {{"type", "integer"}}}}};
  CHECK(validate(one, 1.5).empty());
  CHECK(validate(one, 1).size() == 1);  // both match
  CHECK(validate({{"not", {{"type", "string"}}}}, "x").size() == 1);
  json cond = {{"if", {{"properties", {{"k", {{"const", "m"}}}}}}},
               {"then", {{"required", {"u"}}}},
               {"else", {{"required", {"v"}}}}};
  CHECK(validate(cond, {{"k", "m"}, {"u", 1}}).empty());
  CHECK(validate(cond, {{"k", "m"}, {"v", 1}}).size() == 1);
  CHECK(validate(cond, {{"k", "n"}, {"v", 1}}).empty());
  json refs = {{"$defs", {{"pos", {{"type", "integer"}, {"minimum", 1}}}}}, {"items", {{"$ref", "#/$defs/pos"}}}};
  CHECK(validate(refs, {1, 0})[0].path == "/1");
  CHECK(validate(true, 1).empty());
  CHECK(validate(false, 1).size() == 1);
  // What the validator does not implement is refused, not ignored.
  auto unsupported = polex::SchemaValidator::create({{"properties", {{"a", {{"format", "email"}}}}}});
  REQUIRE(!unsupported.ok());
  CHECK(unsupported.status().message().find("#/properties/a/format") != std::string::npos);
  CHECK(!polex::SchemaValidator::create({{"$ref", "#/$defs/missing"}}).ok());
  CHECK(!polex::SchemaValidator::create({{"$ref", "https://example.com/s.json"}}).ok());
  CHECK(!polex::SchemaValidator::create({{"pattern", "("}}).ok());
  CHECK(!polex::SchemaValidator::create({{"type", "float"}}).ok());
}

TEST_CASE("span checks compare offsets with the source text", "[outputs][schema]") {
  const polex::Document& doc = corpus_doc("002_221d781ef658cb20");
  json good = json::parse(polex::to_json(doc));
  REQUIRE(polex::check_spans(good, &doc.raw).empty());
  json bad = good;
  bad["annotations"][5]["text"] = "something else";
  auto errors = polex::check_spans(bad, &doc.raw);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/annotations/5/text");
  CHECK(polex::check_spans(bad, nullptr).empty());  // without the text, only the structure is checked
  bad = good;
  std::swap(bad["annotations"][3], bad["annotations"][40]);
  CHECK(!polex::check_spans(bad, nullptr).empty());
  bad = good;
  bad["document"]["length"] = doc.raw.length() + 1;
  CHECK(polex::check_spans(bad, &doc.raw).size() == 1);
  bad = good;
  bad["annotations"].back()["end"] = doc.raw.length() + 5;
  CHECK(!polex::check_spans(bad, nullptr).empty());
  bad = good;
  bad["annotations"][7]["byte_start"] = bad["annotations"][7]["byte_start"].get<int>() + 1;
  CHECK(polex::check_spans(bad, &doc.raw).size() == 1);
  // Non-ASCII text: code points and bytes differ.
  polex::Document accented = polex::test::default_pipeline().process("t", "Peña Nieto said “roughly 40 percent”.\n");
  json j = json::parse(polex::to_json(accented));
  CHECK(polex::check_spans(j, &accented.raw).empty());
}

TEST_CASE("CSV rows round-trip every annotation", "[outputs][csv]") {
  for (const char* id : {"002_221d781ef658cb20", "005_north_american_ledger"}) {
    const polex::Document& doc = corpus_doc(id);
    std::string csv = polex::csv_header() + polex::to_csv_rows(doc);
    auto rows = parse_csv(csv);
    REQUIRE(rows.size() == doc.annotations.size() + 1);
    REQUIRE(rows[0].size() == polex::kCsvColumns.size());
    for (size_t c = 0; c < polex::kCsvColumns.size(); ++c) CHECK(rows[0][c] == polex::kCsvColumns[c]);
    for (size_t i = 0; i < doc.annotations.size(); ++i) {
      const auto& row = rows[i + 1];
      const polex::Annotation& a = doc.annotations[i];
      REQUIRE(row.size() == polex::kCsvColumns.size());
      CHECK(row[0] == id);
      CHECK(row[1] == a.type);
      CHECK(std::stoul(row[2]) == a.start);
      CHECK(std::stoul(row[3]) == a.end);
      CHECK(row[4] == polex::test::cp_slice(doc.raw, a.start, a.end));
      if (!a.attrs.empty()) CHECK(json::parse(row[15]) == a.attrs);
      if (a.type == "numeric_claim") {
        CHECK(row[5] == a.attrs["kind"].get<std::string>());
        CHECK(json::parse(row[8]) == a.attrs["value"]);
      }
      if (a.type == "actor") CHECK(row[7] == a.attrs["canonical"].get<std::string>());
      if (a.type == "policy_option") CHECK(row[14] == a.attrs["statement"].get<std::string>());
    }
  }
}

TEST_CASE("brat standoff round-trips the extractions", "[outputs][brat]") {
  const polex::Document& doc = corpus_doc("002_221d781ef658cb20");
  polex::BratFiles files = polex::to_brat(doc);
  CHECK(files.txt == doc.raw.utf8);
  polex::RawText txt = polex::decode_raw(files.txt);
  // Allowed attribute values, from annotation.conf.
  std::map<std::string, std::set<std::string>> allowed;
  std::istringstream conf(polex::brat_annotation_conf());
  for (std::string line; std::getline(conf, line);) {
    size_t v = line.find(", Value:");
    if (v == std::string::npos) continue;
    std::istringstream values(line.substr(v + 8));
    for (std::string value; std::getline(values, value, '|');) allowed[line.substr(0, line.find('\t'))].insert(value);
  }
  CHECK(allowed.count("NumericClaimKind"));
  std::vector<const polex::Annotation*> expected;
  for (const auto& a : doc.annotations)
    if (!polex::is_layout_type(a.type)) expected.push_back(&a);
  REQUIRE(!expected.empty());
  std::map<std::string, size_t> t_index;
  std::istringstream ann(files.ann);
  size_t t_count = 0, multi_fragment = 0, attributes = 0, notes = 0;
  for (std::string line; std::getline(ann, line);) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, '\t');) cols.push_back(f);
    INFO(line);
    if (line[0] == 'T') {
      REQUIRE(cols.size() == 3);
      REQUIRE(t_count < expected.size());
      const polex::Annotation& a = *expected[t_count];
      t_index[cols[0]] = t_count++;
      std::string type = cols[1].substr(0, cols[1].find(' '));
      CHECK(type == a.type);
      // Fragments: "b e;b e"; their texts joined by spaces give the text field.
      std::istringstream frags(cols[1].substr(type.size() + 1));
      std::string joined;
      uint32_t first = UINT32_MAX, last = 0;
      size_t n = 0;
      for (std::string frag; std::getline(frags, frag, ';'); ++n) {
        uint32_t b = std::stoul(frag.substr(0, frag.find(' '))), e = std::stoul(frag.substr(frag.find(' ') + 1));
        std::string piece = polex::test::cp_slice(txt, b, e);
        CHECK(piece.find('\n') == std::string::npos);
        joined += (joined.empty() ? "" : " ") + piece;
        first = std::min(first, b);
        last = std::max(last, e);
      }
      multi_fragment += n > 1;
      CHECK(joined == cols[2]);
      CHECK(first == a.start);
      CHECK(last == a.end);
    } else if (line[0] == 'A') {
      ++attributes;
      std::istringstream parts(cols[1]);
      std::string name, target, value;
      parts >> name >> target >> value;
      REQUIRE(t_index.count(target));
      CHECK(allowed[name].count(value));
      const polex::Annotation& a = *expected[t_index[target]];
      std::string key = name.find("Kind") != std::string::npos ? "kind"
                        : name.find("Category") != std::string::npos ? "category"
                        : name.find("Qualifier") != std::string::npos ? "qualifier" : "modality";
      CHECK(a.attrs[key] == value);
    } else {
      REQUIRE(line[0] == '#');
      ++notes;
      CHECK(cols[1].rfind("AnnotatorNotes T", 0) == 0);
    }
  }
  CHECK(t_count == expected.size());
  CHECK(multi_fragment > 0);  // policy options run over lines
  CHECK(attributes >= t_count);
  CHECK(notes > 0);
}

TEST_CASE("the HTML page nests highlights and keeps the text", "[outputs][html]") {
  // Crossing spans and markup characters in the text.
  polex::Document doc = polex::test::default_pipeline().process(
      "x<y", "We recommend that Mexico & the U.S. cut tariffs by roughly 40 percent <now>.\n\fPage two.\n");
  doc.add_raw("furniture", 10, 25, {{"kind", "test"}});  // crosses the actor "Mexico"
  std::stable_sort(doc.annotations.begin(), doc.annotations.end(), polex::annotation_less);
  std::string html = polex::render_html({&doc}, {.title = "T&T"});
  CHECK(html.find("<title>T&amp;T</title>") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  size_t pre = html.find("<pre class=\"text\">"), pre_end = html.find("</pre>", pre);
  REQUIRE(pre != std::string::npos);
  std::string body = html.substr(pre + 18, pre_end - pre - 18);
  // Tags balance like parentheses; stripped of tags and page labels, the text is the raw text.
  int depth = 0;
  std::string text;
  std::set<std::string> types;
  for (size_t i = 0; i < body.size();) {
    if (body.compare(i, 6, "<mark ") == 0) {
      ++depth;
      size_t t = body.find("t-", i) + 2;
      types.insert(body.substr(t, body.find('"', t) - t));
      i = body.find('>', i) + 1;
    } else if (body.compare(i, 7, "</mark>") == 0) {
      CHECK(--depth >= 0);
      i += 7;
    } else if (body.compare(i, 24, "<span class=\"page-label\"") == 0) {
      i = body.find("</span>", i) + 8;  // and its newline
    } else {
      text += body[i++];
    }
  }
  CHECK(depth == 0);
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}})
    for (size_t p; (p = text.find(from)) != std::string::npos;) text.replace(p, std::string(from).size(), to);
  std::string raw = doc.raw.utf8;
  std::replace(raw.begin(), raw.end(), '\f', '\n');
  CHECK(text == raw);
  CHECK(types.count("numeric_claim"));
  CHECK(types.count("furniture"));
  CHECK(types.count("policy_option"));
  // The data the panel shows is valid JSON with one entry per highlight.
  size_t data = html.find("id=\"polex-data\">") + 16;
  json j = json::parse(html.substr(data, html.find("</script>", data) - data));
  CHECK(j["documents"][0]["id"] == "x<y");
  CHECK(j["documents"][0]["counts"]["numeric_claim"] == 1);
}

TEST_CASE("form feeds become page annotations", "[outputs][pdf]") {
  polex::Document doc = polex::test::default_pipeline().process("p", "First page.\n\fSecond page.\n\f\fFourth.\n\f");
  std::vector<const polex::Annotation*> pages;
  for (const auto& a : doc.annotations)
    if (a.type == "page") pages.push_back(&a);
  REQUIRE(pages.size() == 4);
  for (size_t i = 0; i < pages.size(); ++i) CHECK(pages[i]->attrs["number"] == i + 1);
  CHECK(pages[0]->text == "First page.\n");
  CHECK(pages[1]->text == "Second page.\n");
  CHECK(pages[2]->text.empty());
  CHECK(pages[3]->text == "Fourth.\n");
  CHECK(std::is_sorted(doc.annotations.begin(), doc.annotations.end(), polex::annotation_less));
  polex::Document plain = polex::test::default_pipeline().process("p", "No pages here.\n");
  for (const auto& a : plain.annotations) CHECK(a.type != "page");
  CHECK(polex::looks_like_pdf("%PDF-1.7\n..."));
  CHECK(!polex::looks_like_pdf("Plain text about PDF-1.7"));
}

TEST_CASE("PDF input: polex extracts a PDF it is given, with its pages", "[outputs][pdf]") {
  if (!has_program("pdftotext")) {
    WARN("skipped: pdftotext (Debian poppler-utils) is not installed");
    return;
  }
  // Two pages of the sample corpus (its lines fit a page width).
  std::string text = polex::test::read_file(polex::test::data_dir() + "/corpus/002_221d781ef658cb20.txt");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line) && lines.size() < 100;) lines.push_back(line);
  std::vector<std::vector<std::string>> pages = {{lines.begin(), lines.begin() + 50}, {lines.begin() + 50, lines.end()}};
  std::string dir = temp_dir("pdf");
  std::string pdf_path = dir + "/report.pdf";
  write_file(pdf_path, polex::test::make_pdf(pages));

  auto converted = polex::pdf_to_text(polex::test::read_file(pdf_path));
  REQUIRE(converted.ok());
  const std::string& pdf_text = converted.value();
  CHECK(std::count(pdf_text.begin(), pdf_text.end(), '\f') == 2);
  CHECK(pdf_text.find("The two countries share a 2,000\nmile border") != std::string::npos);

  Run run = run_polex("extract --format jsonl " + pdf_path);
  REQUIRE(run.exit_code == 0);
  json doc = json::parse(run.out.substr(0, run.out.find('\n')));
  CHECK(doc["document"]["id"] == "report");
  polex::RawText raw = polex::decode_raw(pdf_text);
  CHECK(messages(polex::SchemaValidator::schema_1().validate(doc)).empty());
  CHECK(messages(polex::check_spans(doc, &raw)).empty());
  std::vector<int> page_numbers;
  std::set<std::string> claims;
  for (const auto& a : doc["annotations"]) {
    if (a["type"] == "page") page_numbers.push_back(a["attrs"]["number"]);
    if (a["type"] == "numeric_claim") claims.insert(a["text"].get<std::string>());
  }
  CHECK(page_numbers == std::vector<int>{1, 2});
  CHECK(claims.count("2,000\nmile"));
  CHECK(claims.count("second largest"));

  // A broken PDF is an input error, reported, and the others are still processed.
  write_file(dir + "/broken.pdf", "%PDF-1.4\nthis is not a PDF body\n");
  auto broken = polex::pdf_to_text(polex::test::read_file(dir + "/broken.pdf"));
  CHECK(!broken.ok());
  Run both = run_polex("extract --format jsonl " + dir + "/broken.pdf " + pdf_path);
  CHECK(both.exit_code == 1);
  CHECK(both.out.find("\"report\"") != std::string::npos);
  CHECK(!polex::pdf_to_text("%PDF-1.4", "/no/such/pdftotext").ok());
}

TEST_CASE("polex validate, claims, view and extract --format csv|brat end to end", "[outputs][cli]") {
  std::string dir = temp_dir("cli");
  std::string input = polex::test::data_dir() + "/corpus/002_221d781ef658cb20.txt";
  Run jsonl = run_polex("extract --format jsonl -o " + dir + "/out.jsonl " + input);
  REQUIRE(jsonl.exit_code == 0);
  Run valid = run_polex("validate " + dir + "/out.jsonl --texts " + polex::test::data_dir() + "/corpus");
  CHECK(valid.exit_code == 0);
  CHECK(valid.out.find("1 document, 1 valid") != std::string::npos);
  std::string bytes = polex::test::read_file(dir + "/out.jsonl");
  size_t at = bytes.find("\"text\":\"");
  REQUIRE(at != std::string::npos);
  bytes[at + 8] = '#';  // the first annotation's text no longer matches the source
  write_file(dir + "/bad.jsonl", bytes);
  Run invalid = run_polex("validate " + dir + "/bad.jsonl --texts " + polex::test::data_dir() + "/corpus");
  CHECK(invalid.exit_code == 1);
  CHECK(invalid.out.find("bad.jsonl:1: /annotations/0/text") != std::string::npos);
  Run pretty = run_polex("validate " + polex::test::data_dir() + "/gold/002_221d781ef658cb20.json");
  CHECK(pretty.exit_code == 0);
  Run schema = run_polex("validate --print-schema");
  CHECK(json::parse(schema.out) == json::parse(polex::schema_1_json()));

  Run claims = run_polex("claims --width 0 " + input);
  CHECK(claims.exit_code == 0);
  CHECK(claims.out.find("claim") != std::string::npos);
  CHECK(claims.out.find("roughly 40 percent") != std::string::npos);
  CHECK(claims.out.find("approximately") != std::string::npos);

  Run view = run_polex("view " + input + " -o " + dir + "/report.html");
  CHECK(view.exit_code == 0);
  CHECK(polex::test::read_file(dir + "/report.html").find("<mark class=\"a t-numeric_claim\"") != std::string::npos);

  Run csv = run_polex("extract --format csv " + input);
  CHECK(csv.exit_code == 0);
  CHECK(parse_csv(csv.out).size() == corpus_doc("002_221d781ef658cb20").annotations.size() + 1);
  Run brat = run_polex("extract --format brat -o " + dir + "/brat " + input);
  CHECK(brat.exit_code == 0);
  CHECK(polex::test::read_file(dir + "/brat/002_221d781ef658cb20.ann") == polex::to_brat(corpus_doc("002_221d781ef658cb20")).ann);
  CHECK(std::filesystem::exists(dir + "/brat/002_221d781ef658cb20.txt"));
  CHECK(std::filesystem::exists(dir + "/brat/annotation.conf"));
  CHECK(run_polex("extract --format brat " + input).exit_code == 2);  // needs -o DIR
}
