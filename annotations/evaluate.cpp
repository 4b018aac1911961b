#include "annotations/evaluate.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extract/raw_text.h"

namespace polex::eval {
namespace {

namespace fs = std::filesystem;

bool is_scored_type(std::string_view type) {
  return std::find(std::begin(kScoredTypes), std::end(kScoredTypes), type) != std::end(kScoredTypes);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Python's str.isspace() for one code point: bidi class WS, B or S, or category Zs.
bool is_python_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  UCharDirection d = u_charDirection(c);
  return u_charType(c) == U_SPACE_SEPARATOR || d == U_WHITE_SPACE_NEUTRAL || d == U_BLOCK_SEPARATOR ||
         d == U_SEGMENT_SEPARATOR;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_python_space(static_cast<unsigned char>(c)); });
}

size_t code_point_count(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A short, one-line rendering of a text for messages.
std::string shown(std::string_view s, size_t max_code_points = 60) {
  std::string out = "\"";
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && n++ == max_code_points) {
      out += "...";
      break;
    }
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '"' || c == '\\') (out += '\\') += static_cast<char>(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string span_label(const EvalAnnotation& a) {
  return a.type + " [" + std::to_string(a.start) + "," + std::to_string(a.end) + ")";
}

// Python's repr() of a str: single quotes unless the text has ' and no ".
std::string python_repr_str(const std::string& s) {
  char q = (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) ? '"' : '\'';
  std::string out(1, q);
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == q || ch == '\\') (out += '\\') += ch;
    else if (ch == '\n') out += "\\n";
    else if (ch == '\r') out += "\\r";
    else if (ch == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + q;
}

std::string python_repr(const nlohmann::json& v) { return v.is_string() ? python_repr_str(v.get<std::string>()) : python_str(v); }

// Python's repr() of a float: shortest round-trip digits, exponent form
// outside 1e-4 <= |x| < 1e16.
std::string python_float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  size_t e_pos = sci.find('e');
  std::string digits = sci.substr(0, e_pos);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int exponent = std::stoi(sci.substr(e_pos + 1));
  int decpt = exponent + 1;
  int n = static_cast<int>(digits.size());
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return sign + "0." + std::string(-decpt, '0') + digits;
    if (decpt >= n) return sign + digits + std::string(decpt - n, '0') + ".0";
    return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  std::string out = sign + digits.substr(0, 1);
  if (n > 1) out += "." + digits.substr(1);
  char ebuf[16];
  std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  return out + ebuf;
}

// Python's float(str): optional sign, digits with single underscores between
// them, inf/infinity/nan; surrounding whitespace allowed.
bool parse_python_float(std::string s, double* out) {
  size_t b = 0, e = s.size();
  while (b < e && is_python_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_python_space(static_cast<unsigned char>(s[e - 1]))) --e;
  s = s.substr(b, e - b);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.erase(0, 1);
  }
  std::string lower = s;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "inf" || lower == "infinity") {
    *out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (lower == "nan") {
    *out = std::nan("");
    return true;
  }
  std::string plain;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      bool between = i > 0 && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
                     std::isdigit(static_cast<unsigned char>(s[i + 1]));
      if (!between) return false;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
      return false;
    plain += c;
  }
  if (plain.empty()) return false;
  double v = 0;
  auto r = std::from_chars(plain.data(), plain.data() + plain.size(), v, std::chars_format::general);
  if (r.ec == std::errc::invalid_argument || r.ptr != plain.data() + plain.size()) return false;
  if (r.ec == std::errc::result_out_of_range) v = std::strtod(plain.c_str(), nullptr);  // Python: inf or 0
  *out = negative ? -v : v;
  return true;
}

// Python's float(x) for a JSON value; false where Python raises.
bool python_float(const nlohmann::json& v, double* out) {
  if (v.is_boolean()) {
    *out = v.get<bool>() ? 1.0 : 0.0;
    return true;
  }
  if (v.is_number()) {
    *out = v.get<double>();
    return true;
  }
  if (v.is_string()) return parse_python_float(v.get<std::string>(), out);
  return false;
}

bool is_none(const nlohmann::json* v) { return v == nullptr || v->is_null(); }

// Python's == between two JSON values (nullptr = a missing key = None).
bool python_equal(const nlohmann::json* a, const nlohmann::json* b) {
  if (is_none(a) || is_none(b)) return is_none(a) && is_none(b);
  bool a_num = a->is_number() || a->is_boolean(), b_num = b->is_number() || b->is_boolean();
  if (a_num || b_num) {
    if (!a_num || !b_num) return false;
    if ((a->is_number_integer() || a->is_boolean()) && (b->is_number_integer() || b->is_boolean())) {
      auto as_int = [](const nlohmann::json& v) {
        return v.is_boolean() ? (v.get<bool>() ? 1.0L : 0.0L)
               : v.is_number_unsigned() ? static_cast<long double>(v.get<uint64_t>())
                                        : static_cast<long double>(v.get<int64_t>());
      };
      return as_int(*a) == as_int(*b);
    }
    double x = 0, y = 0;
    python_float(*a, &x);
    python_float(*b, &y);
    return x == y;
  }
  return *a == *b;
}

const nlohmann::json* find_attr(const nlohmann::json& attrs, const char* key) {
  auto it = attrs.find(key);
  return it == attrs.end() ? nullptr : &*it;
}

int64_t overlap(const EvalAnnotation& a, const EvalAnnotation& b) {
  return std::max<int64_t>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

// The per-kind tally key: "policy_option/directive"; "?" for no kind.
std::string kind_key(const std::string& type, const nlohmann::json& attrs) {
  const nlohmann::json* kind = find_attr(attrs, "kind");
  return type + "/" + (kind ? python_str(*kind) : std::string("?"));
}

// The attributes compared over matched pairs, per type.
std::vector<const char*> compared_attributes(const std::string& type) {
  if (type == "actor") return {"canonical", "category"};
  if (type == "numeric_claim") return {"qualifier", "unit"};
  return {"kind", "statement"};
}

// Greedy one-to-one matching, largest overlap first; ties by gold, then prediction index.
std::vector<std::pair<size_t, size_t>> align(const std::vector<const EvalAnnotation*>& gold,
                                             const std::vector<const EvalAnnotation*>& pred) {
  std::vector<std::tuple<int64_t, size_t, size_t>> candidates;
  for (size_t gi = 0; gi < gold.size(); ++gi)
    for (size_t pi = 0; pi < pred.size(); ++pi)
      if (annotations_match(*gold[gi], *pred[pi])) candidates.emplace_back(-overlap(*gold[gi], *pred[pi]), gi, pi);
  std::sort(candidates.begin(), candidates.end());
  std::vector<bool> used_gold(gold.size()), used_pred(pred.size());
  std::vector<std::pair<size_t, size_t>> pairs;
  for (const auto& [neg_overlap, gi, pi] : candidates) {
    if (used_gold[gi] || used_pred[pi]) continue;
    used_gold[gi] = used_pred[pi] = true;
    pairs.emplace_back(gi, pi);
  }
  return pairs;
}

Status read_file(const fs::path& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(path.string() + ": cannot read file");
  std::ostringstream s;
  s << in.rdbuf();
  *bytes = s.str();
  return {};
}

Status parse_one(std::string_view text, const std::string& source, Role role, DocumentSet& set) {
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string hint;
    if (std::string_view(e.what()).find("end of input") != std::string_view::npos &&
        text.find('\n') != std::string_view::npos && text.find("\n{") != std::string_view::npos)
      hint = " (several documents in one file? name it .jsonl)";
    return Status::error(source + ": malformed JSON: " + e.what() + hint);
  }
  auto doc = document_from_json(value, source, role);
  if (!doc.ok()) return doc.status();
  add_document(set, std::move(doc).value());
  return {};
}

}  // namespace

std::string python_str(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::string: return v.get<std::string>();
    case nlohmann::json::value_t::null: return "None";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case nlohmann::json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return python_float_repr(v.get<double>());
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + python_repr(v[i]);
      return out + "]";
    }
    case nlohmann::json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        out += (first ? "" : ", ") + python_repr_str(k) + ": " + python_repr(item);
        first = false;
      }
      return out + "}";
    }
    default: return "";
  }
}

std::string fold(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    size_t b = 0, e = s.size();
    while (b < e && is_python_space(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && is_python_space(static_cast<unsigned char>(s[e - 1]))) --e;
    std::string out(s.substr(b, e - b));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(text, status) : text;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_getCombiningClass(c) == 0) kept.append(c);
    i += U16_LENGTH(c);
  }
  kept.foldCase(U_FOLD_CASE_DEFAULT);
  int32_t b = 0, e = kept.length();
  while (b < e && is_python_space(kept.char32At(b))) b += U16_LENGTH(kept.char32At(b));
  while (e > b && is_python_space(kept.char32At(e - 1))) e -= U16_LENGTH(kept.char32At(e - 1));
  std::string out;
  kept.tempSubStringBetween(b, e).toUTF8String(out);
  return out;
}

double round4(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", x);
  return std::strtod(buf, nullptr);
}

bool close_values(const nlohmann::json* x, const nlohmann::json* y) {
  if (is_none(x) || is_none(y)) return is_none(x) && is_none(y);
  double a = 0, b = 0;
  if (!python_float(*x, &a) || !python_float(*y, &b)) return false;
  if (a == b) return true;
  return std::abs(a - b) <= 0.005 * std::max(std::abs(a), std::abs(b));
}

bool annotations_match(const EvalAnnotation& g, const EvalAnnotation& p) {
  if (g.type != p.type || overlap(g, p) == 0) return false;
  if (g.type == "numeric_claim") {
    const nlohmann::json* gold_max = find_attr(g.attrs, "value_max");
    return python_equal(find_attr(g.attrs, "kind"), find_attr(p.attrs, "kind")) &&
           close_values(find_attr(g.attrs, "value"), find_attr(p.attrs, "value")) &&
           (gold_max == nullptr || close_values(gold_max, find_attr(p.attrs, "value_max")));
  }
  if (g.type == "policy_option") {
    int64_t longer = std::max(g.end - g.start, p.end - p.start);
    return overlap(g, p) * 2 >= longer;
  }
  return true;
}

double Counts::precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0; }
double Counts::recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0; }
double Counts::f1() const {
  double p = precision(), r = recall();
  return p + r ? 2 * p * r / (p + r) : 0.0;
}
double AttributeTally::accuracy() const { return total ? static_cast<double>(right) / static_cast<double>(total) : 0.0; }

Result<EvalDocument> document_from_json(const nlohmann::json& value, const std::string& source, Role role) {
  auto fail = [&](const std::string& what) { return Status::error(source + ": " + what); };
  if (!value.is_object()) return fail("not a schema-1 document (expected a JSON object)");
  if (auto it = value.find("schema"); it != value.end() && !(it->is_number_integer() && *it == 1))
    return fail("unsupported schema " + it->dump() + " (expected 1)");
  auto doc_it = value.find("document");
  if (doc_it == value.end() || !doc_it->is_object()) return fail("no \"document\" object");
  auto id_it = doc_it->find("id");
  if (id_it == doc_it->end() || !id_it->is_string()) return fail("no \"document.id\" string");
  EvalDocument doc;
  doc.id = id_it->get<std::string>();
  doc.source = source;
  if (auto len = doc_it->find("length"); len != doc_it->end() && len->is_number_integer()) doc.length = len->get<int64_t>();
  auto anns = value.find("annotations");
  if (anns == value.end() || !anns->is_array()) return fail(doc.id + ": no \"annotations\" array");
  for (size_t i = 0; i < anns->size(); ++i) {
    const nlohmann::json& a = (*anns)[i];
    auto bad = [&](const std::string& what) {
      return fail(doc.id + ": annotation " + std::to_string(i) + ": " + what);
    };
    if (!a.is_object()) return bad("not a JSON object");
    auto type = a.find("type");
    if (type == a.end() || !type->is_string()) return bad("no \"type\" string");
    if (!is_scored_type(type->get<std::string>())) continue;  // layout and other types are not scored
    EvalAnnotation ann;
    ann.type = type->get<std::string>();
    ann.index = i;
    auto start = a.find("start"), end = a.find("end");
    if (start == a.end() || end == a.end() || !start->is_number_integer() || !end->is_number_integer())
      return bad(ann.type + ": \"start\" and \"end\" must be integer code-point offsets");
    ann.start = start->get<int64_t>();
    ann.end = end->get<int64_t>();
    auto text = a.find("text");
    if (text != a.end() && text->is_string()) {
      ann.text = text->get<std::string>();
    } else if (role == Role::kGold) {
      return bad(span_label(ann) + ": gold annotations need their \"text\"");
    }
    if (auto attrs = a.find("attrs"); attrs != a.end()) {
      if (!attrs->is_object()) return bad(span_label(ann) + ": \"attrs\" must be an object");
      ann.attrs = *attrs;
    }
    doc.annotations.push_back(std::move(ann));
  }
  return doc;
}

void add_document(DocumentSet& set, EvalDocument doc) {
  auto it = set.docs.find(doc.id);
  if (it != set.docs.end()) {
    set.warnings.push_back(doc.source + ": document " + doc.id + " given again (first in " + it->second.source +
                           "); the last one is used");
    it->second = std::move(doc);
    return;
  }
  std::string id = doc.id;
  set.docs.emplace(std::move(id), std::move(doc));
}

Result<DocumentSet> parse_documents(std::string_view text, const std::string& source, bool jsonl, Role role) {
  DocumentSet set;
  if (!jsonl) {
    if (is_blank(text)) return set;
    Status s = parse_one(text, source, role, set);
    if (!s.ok()) return s;
    return set;
  }
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (is_blank(line)) continue;
    Status s = parse_one(line, source + ":" + std::to_string(line_no), role, set);
    if (!s.ok()) return s;
  }
  return set;
}

Result<DocumentSet> load_documents(const std::string& path, Role role) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      std::string name = entry.path().filename().string();
      if (entry.is_regular_file(ec) && (ends_with(name, ".json") || ends_with(name, ".jsonl"))) files.push_back(entry.path());
    }
    if (ec) return Status::error(path + ": cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    DocumentSet set;
    for (const fs::path& file : files) {
      std::string bytes;
      if (Status r = read_file(file, &bytes); !r.ok()) return r;
      auto part = parse_documents(bytes, file.string(), ends_with(file.string(), ".jsonl"), role);
      if (!part.ok()) return part.status();
      for (auto& w : part.value().warnings) set.warnings.push_back(std::move(w));
      for (auto& [id, doc] : part.value().docs) add_document(set, std::move(doc));
    }
    return set;
  }
  if (!fs::exists(path, ec)) return Status::error(path + ": no such file or directory");
  std::string bytes;
  if (Status r = read_file(path, &bytes); !r.ok()) return r;
  return parse_documents(bytes, path, ends_with(path, ".jsonl"), role);
}

std::string to_string(const GoldProblem& p) {
  std::string out = p.source + ": " + p.doc_id;
  if (p.index) out += ": annotation " + std::to_string(*p.index);
  return out + ": " + p.message;
}

std::vector<GoldProblem> check_gold(const DocumentSet& gold, const std::string* texts_dir) {
  std::vector<GoldProblem> problems;
  // Raw text files by document id: <id>.txt first, else the first <id>.<ext> by name.
  std::map<std::string, fs::path> texts;
  if (texts_dir) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(*texts_dir, ec))
      if (entry.is_regular_file(ec)) files.push_back(entry.path());
    if (ec) {
      problems.push_back({*texts_dir, "", std::nullopt, "cannot list the texts directory: " + ec.message()});
      return problems;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      auto [it, fresh] = texts.emplace(f.stem().string(), f);
      if (!fresh && f.extension() == ".txt" && it->second.extension() != ".txt") it->second = f;
    }
  }
  for (const auto& [id, doc] : gold.docs) {
    auto report = [&, &d = doc](std::optional<size_t> index, std::string message) {
      problems.push_back({d.source, d.id, index, std::move(message)});
    };
    for (const EvalAnnotation& a : doc.annotations) {
      if (a.start < 0 || a.end <= a.start) {
        report(a.index, span_label(a) + ": empty or inverted span");
        continue;
      }
      if (doc.length && a.end > *doc.length) {
        report(a.index, span_label(a) + ": ends beyond document.length " + std::to_string(*doc.length));
        continue;
      }
      size_t n = code_point_count(a.text);
      if (static_cast<int64_t>(n) != a.end - a.start)
        report(a.index, span_label(a) + ": the span covers " + std::to_string(a.end - a.start) +
                            " code points but its text " + shown(a.text) + " has " + std::to_string(n));
    }
    if (!texts_dir) continue;
    auto file = texts.find(id);
    if (file == texts.end()) {
      report(std::nullopt, "no raw text " + id + ".txt in " + *texts_dir);
      continue;
    }
    std::string bytes;
    if (Status r = read_file(file->second, &bytes); !r.ok()) {
      report(std::nullopt, r.message());
      continue;
    }
    RawText raw = decode_raw(bytes);
    const int64_t length = raw.length();
    if (!doc.length)
      report(std::nullopt, "no document.length (" + file->second.string() + " has " + std::to_string(length) + " code points)");
    else if (*doc.length != length)
      report(std::nullopt, "document.length " + std::to_string(*doc.length) + " != " + std::to_string(length) +
                               " code points of " + file->second.string());
    // Byte offset of every code point, to slice raw[start:end].
    std::vector<size_t> byte_of_cp;
    byte_of_cp.reserve(static_cast<size_t>(length) + 1);
    for (size_t b = 0; b < raw.utf8.size(); ++b)
      if ((static_cast<unsigned char>(raw.utf8[b]) & 0xC0) != 0x80) byte_of_cp.push_back(b);
    byte_of_cp.push_back(raw.utf8.size());
    for (const EvalAnnotation& a : doc.annotations) {
      if (a.start < 0 || a.end <= a.start) continue;  // reported above
      if (a.end > length) {
        report(a.index, span_label(a) + ": ends beyond the " + std::to_string(length) + " code points of " +
                            file->second.string());
        continue;
      }
      size_t b = byte_of_cp[static_cast<size_t>(a.start)], e = byte_of_cp[static_cast<size_t>(a.end)];
      std::string_view slice(raw.utf8.data() + b, e - b);
      if (slice != a.text)
        report(a.index, span_label(a) + ": text " + shown(a.text) + " does not match the raw text " + shown(slice) +
                            " of " + file->second.string());
    }
  }
  return problems;
}

Result<Evaluation> evaluate(const DocumentSet& gold, const DocumentSet& pred, const EvalOptions& options) {
  if (options.only && !is_scored_type(*options.only))
    return Status::error("unknown annotation type '" + *options.only + "' (policy_option, actor or numeric_claim)");
  std::vector<std::string> ids;
  if (options.docs) {
    for (const std::string& id : *options.docs) {
      if (!gold.docs.count(id)) return Status::error("document " + id + " is not in the gold");
      ids.push_back(id);
    }
  } else {
    for (const auto& [id, doc] : gold.docs) ids.push_back(id);
  }
  Evaluation ev;
  ev.documents = ids.size();
  static const EvalDocument kNoPrediction;
  for (const std::string& id : ids) {
    const EvalDocument& g_doc = gold.docs.at(id);
    auto p_it = pred.docs.find(id);
    if (p_it == pred.docs.end()) ev.without_prediction.push_back(id);
    const EvalDocument& p_doc = p_it == pred.docs.end() ? kNoPrediction : p_it->second;
    for (std::string_view type_view : kScoredTypes) {
      std::string type(type_view);
      if (options.only && type != *options.only) continue;
      std::vector<const EvalAnnotation*> g, p;
      for (const EvalAnnotation& a : g_doc.annotations)
        if (a.type == type) g.push_back(&a);
      for (const EvalAnnotation& a : p_doc.annotations)
        if (a.type == type) p.push_back(&a);
      auto pairs = align(g, p);
      std::vector<bool> matched_gold(g.size()), matched_pred(p.size());
      for (auto [gi, pi] : pairs) matched_gold[gi] = matched_pred[pi] = true;
      std::sort(pairs.begin(), pairs.end());  // gold order, for the list of wrong attributes
      Counts& c = ev.scores[type];
      c.tp += static_cast<int64_t>(pairs.size());
      c.fp += static_cast<int64_t>(p.size() - pairs.size());
      c.fn += static_cast<int64_t>(g.size() - pairs.size());
      if (type == "policy_option" || type == "numeric_claim") {
        for (size_t gi = 0; gi < g.size(); ++gi) {
          Counts& k = ev.scores[kind_key(type, g[gi]->attrs)];
          (matched_gold[gi] ? k.tp : k.fn) += 1;
        }
        for (size_t pi = 0; pi < p.size(); ++pi)
          if (!matched_pred[pi]) ev.scores[kind_key(type, p[pi]->attrs)].fp += 1;
      }
      for (auto [gi, pi] : pairs) {
        for (const char* key : compared_attributes(type)) {
          const nlohmann::json* ga = find_attr(g[gi]->attrs, key);
          if (!ga) continue;
          const nlohmann::json* pa = find_attr(p[pi]->attrs, key);
          AttributeTally& t = ev.attributes[type + "." + key];
          std::string predicted = pa ? python_str(*pa) : std::string();
          bool right = fold(python_str(*ga)) == fold(predicted);
          t.right += right;
          t.total += 1;
          if (!right) ev.wrong_attributes.push_back({id, *g[gi], key, std::move(predicted)});
        }
      }
      for (size_t gi = 0; gi < g.size(); ++gi)
        if (!matched_gold[gi]) ev.missed.push_back({id, *g[gi]});
      for (size_t pi = 0; pi < p.size(); ++pi)
        if (!matched_pred[pi]) ev.spurious.push_back({id, *p[pi]});
    }
  }
  for (const auto& [id, doc] : pred.docs)
    if (!gold.docs.count(id)) ev.not_in_gold.push_back(id);
  return ev;
}

nlohmann::json to_json(const Miss& miss) {
  const EvalAnnotation& a = miss.annotation;
  return {{"document", miss.doc_id}, {"type", a.type}, {"start", a.start}, {"end", a.end},
          {"text", a.text}, {"attrs", a.attrs}};
}

nlohmann::json to_json(const AttributeError& e) {
  auto gold = e.gold.attrs.find(e.key);
  return {{"document", e.doc_id}, {"type", e.gold.type}, {"start", e.gold.start}, {"end", e.gold.end},
          {"text", e.gold.text}, {"attribute", e.key},
          {"gold", gold == e.gold.attrs.end() ? std::string() : python_str(*gold)}, {"predicted", e.predicted}};
}

nlohmann::json to_json(const Evaluation& ev, size_t max_misses) {
  nlohmann::json out;
  out["scores"] = nlohmann::json::object();
  for (const auto& [key, c] : ev.scores)
    out["scores"][key] = {{"tp", c.tp}, {"fp", c.fp}, {"fn", c.fn}, {"precision", round4(c.precision())},
                          {"recall", round4(c.recall())}, {"f1", round4(c.f1())}};
  out["attribute_accuracy"] = nlohmann::json::object();
  out["attribute_counts"] = nlohmann::json::object();
  for (const auto& [key, t] : ev.attributes) {
    if (!t.total) continue;
    out["attribute_accuracy"][key] = round4(t.accuracy());
    out["attribute_counts"][key] = {{"right", t.right}, {"total", t.total}};
  }
  out["documents"] = {{"scored", ev.documents},
                      {"without_prediction", ev.without_prediction},
                      {"not_in_gold", ev.not_in_gold}};
  if (max_misses > 0) {
    out["missed"] = first_as_json(ev.missed, max_misses);
    out["spurious"] = first_as_json(ev.spurious, max_misses);
    out["wrong_attributes"] = first_as_json(ev.wrong_attributes, max_misses);
  }
  return out;
}

}  // namespace polex::eval
