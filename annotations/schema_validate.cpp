#include "annotations/schema_validate.h"

#include <cmath>
#include <set>

#include <re2/re2.h>

namespace polex {

using nlohmann::json;

struct SchemaValidator::Compiled {
  json root;
  // Compiled `pattern`s, keyed by the address of the schema node holding them
  // (nodes of `root` never move once it is built).
  std::map<const json*, std::unique_ptr<RE2>> patterns;
};

namespace {

const std::set<std::string, std::less<>> kKeywords = {
    "$schema", "$id", "$comment", "title", "description", "$defs", "type", "enum", "const", "properties",
    "required", "additionalProperties", "items", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minLength", "maxLength", "pattern", "$ref", "allOf", "anyOf", "oneOf", "not", "if",
    "then", "else"};

// JSON pointer escaping of one reference token (RFC 6901).
std::string escape_token(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Resolves a local "#/..." reference, or returns nullptr.
const json* resolve(const json& root, const std::string& ref) {
  if (ref == "#") return &root;
  if (ref.rfind("#/", 0) != 0) return nullptr;
  try {
    const json& target = root.at(json::json_pointer(ref.substr(1)));
    return &target;
  } catch (const json::exception&) {
    return nullptr;
  }
}

// Checks every keyword of a schema node and compiles its patterns.
Status compile(const json& root, const json& node, const std::string& where,
               std::map<const json*, std::unique_ptr<RE2>>& patterns) {
  if (node.is_boolean()) return {};
  if (!node.is_object()) return Status::error("schema " + where + ": a schema must be an object or a boolean");
  for (const auto& [key, value] : node.items()) {
    std::string at = where + "/" + escape_token(key);
    if (!kKeywords.count(key)) return Status::error("schema " + at + ": unsupported keyword '" + key + "'");
    if (key == "properties" || key == "$defs") {
      if (!value.is_object()) return Status::error("schema " + at + ": must be an object");
      for (const auto& [name, sub] : value.items()) {
        Status s = compile(root, sub, at + "/" + escape_token(name), patterns);
        if (!s.ok()) return s;
      }
    } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
      if (!value.is_array() || value.empty()) return Status::error("schema " + at + ": must be a non-empty array");
      for (size_t i = 0; i < value.size(); ++i) {
        Status s = compile(root, value[i], at + "/" + std::to_string(i), patterns);
        if (!s.ok()) return s;
      }
    } else if (key == "items" || key == "additionalProperties" || key == "not" || key == "if" || key == "then" ||
               key == "else") {
      Status s = compile(root, value, at, patterns);
      if (!s.ok()) return s;
    } else if (key == "$ref") {
      if (!value.is_string() || !resolve(root, value.get<std::string>()))
        return Status::error("schema " + at + ": $ref must be a local reference (#/...) that exists");
    } else if (key == "pattern") {
      if (!value.is_string()) return Status::error("schema " + at + ": must be a string");
      auto re = std::make_unique<RE2>(value.get<std::string>(), RE2::Quiet);
      if (!re->ok()) return Status::error("schema " + at + ": bad pattern: " + re->error());
      patterns[&value] = std::move(re);
    } else if (key == "type") {
      static const std::set<std::string> kTypes = {"null", "boolean", "object", "array", "number", "string", "integer"};
      std::vector<json> names = value.is_array() ? value.get<std::vector<json>>() : std::vector<json>{value};
      for (const json& n : names)
        if (!n.is_string() || !kTypes.count(n.get<std::string>()))
          return Status::error("schema " + at + ": unknown type " + n.dump());
    } else if (key == "required" || key == "enum") {
      if (!value.is_array()) return Status::error("schema " + at + ": must be an array");
    } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
      if (!value.is_number()) return Status::error("schema " + at + ": must be a number");
    } else if (key == "minItems" || key == "maxItems" || key == "minLength" || key == "maxLength") {
      if (!value.is_number_integer() || value.get<int64_t>() < 0)
        return Status::error("schema " + at + ": must be a non-negative integer");
    }
  }
  return {};
}

bool is_integer(const json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

bool has_type(const json& v, const std::string& type) {
  if (type == "integer") return is_integer(v);
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "boolean") return v.is_boolean();
  return v.is_null();
}

std::string type_name(const json& v) {
  if (v.is_number()) return is_integer(v) ? "integer" : "number";
  return v.type_name();
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string shorten(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() <= 60) return s;
  size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // a character boundary
  return s.substr(0, cut) + "...";
}

class Checker {
 public:
  Checker(const SchemaValidator::Compiled& compiled, size_t max_errors) : c_(compiled), max_(max_errors) {}

  // Returns true iff `v` is valid; appends what is wrong to `errors` (when given).
  bool check(const json& schema, const json& v, const std::string& path, std::vector<ValidationError>* errors,
             int depth = 0) const {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail(errors, path, "no value is allowed here");
      return schema.get<bool>();
    }
    if (depth > 64) {  // a $ref cycle that never consumes the instance
      fail(errors, path, "schema recursion too deep");
      return false;
    }
    bool ok = true;
    auto bad = [&](const std::string& p, const std::string& message) {
      ok = false;
      fail(errors, p, message);
    };
    if (auto it = schema.find("$ref"); it != schema.end()) {
      ok &= check(*resolve(c_.root, it->get<std::string>()), v, path, errors, depth + 1);
    }
    if (auto it = schema.find("type"); it != schema.end()) {
      bool any = false;
      if (it->is_array()) {
        for (const json& t : *it) any |= has_type(v, t.get<std::string>());
      } else {
        any = has_type(v, it->get<std::string>());
      }
      if (!any) {
        bad(path, "expected " + (it->is_array() ? it->dump() : it->get<std::string>()) + ", got " + type_name(v));
        return false;  // the other keywords would only repeat the problem
      }
    }
    if (auto it = schema.find("const"); it != schema.end() && v != *it)
      bad(path, "must be " + shorten(*it) + ", got " + shorten(v));
    if (auto it = schema.find("enum"); it != schema.end()) {
      bool found = false;
      for (const json& e : *it) found |= (v == e);
      if (!found) bad(path, shorten(v) + " is not one of " + shorten(*it));
    }
    if (v.is_number()) {
      double d = v.get<double>();
      if (auto it = schema.find("minimum"); it != schema.end() && d < it->get<double>())
        bad(path, shorten(v) + " is less than " + it->dump());
      if (auto it = schema.find("maximum"); it != schema.end() && d > it->get<double>())
        bad(path, shorten(v) + " is greater than " + it->dump());
      if (auto it = schema.find("exclusiveMinimum"); it != schema.end() && d <= it->get<double>())
        bad(path, shorten(v) + " is not greater than " + it->dump());
      if (auto it = schema.find("exclusiveMaximum"); it != schema.end() && d >= it->get<double>())
        bad(path, shorten(v) + " is not less than " + it->dump());
    }
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (auto it = schema.find("minLength"); it != schema.end() && code_points(s) < it->get<size_t>())
        bad(path, "string shorter than " + it->dump() + " characters");
      if (auto it = schema.find("maxLength"); it != schema.end() && code_points(s) > it->get<size_t>())
        bad(path, "string longer than " + it->dump() + " characters");
      if (auto it = schema.find("pattern"); it != schema.end() && !RE2::PartialMatch(s, *c_.patterns.at(&*it)))
        bad(path, shorten(v) + " does not match " + it->dump());
    }
    if (v.is_object()) {
      if (auto it = schema.find("required"); it != schema.end())
        for (const json& name : *it)
          if (!v.contains(name.get<std::string>())) bad(path, "missing required property '" + name.get<std::string>() + "'");
      const json* props = nullptr;
      if (auto it = schema.find("properties"); it != schema.end()) props = &*it;
      auto extra = schema.find("additionalProperties");
      for (const auto& [key, value] : v.items()) {
        std::string sub = path + "/" + escape_token(key);
        if (props && props->contains(key)) {
          ok &= check(props->at(key), value, sub, errors, depth + 1);
        } else if (extra != schema.end()) {
          ok &= check(*extra, value, sub, errors, depth + 1);
        }
      }
    }
    if (v.is_array()) {
      if (auto it = schema.find("minItems"); it != schema.end() && v.size() < it->get<size_t>())
        bad(path, "fewer than " + it->dump() + " items");
      if (auto it = schema.find("maxItems"); it != schema.end() && v.size() > it->get<size_t>())
        bad(path, "more than " + it->dump() + " items");
      if (auto it = schema.find("items"); it != schema.end())
        for (size_t i = 0; i < v.size() && !full(errors); ++i)
          ok &= check(*it, v[i], path + "/" + std::to_string(i), errors, depth + 1);
    }
    if (auto it = schema.find("allOf"); it != schema.end())
      for (const json& sub : *it) ok &= check(sub, v, path, errors, depth + 1);
    if (auto it = schema.find("anyOf"); it != schema.end()) {
      bool any = false;
      for (const json& sub : *it) any = any || check(sub, v, path, nullptr, depth + 1);
      if (!any) bad(path, "matches none of the anyOf alternatives");
    }
    if (auto it = schema.find("oneOf"); it != schema.end()) {
      size_t n = 0;
      for (const json& sub : *it) n += check(sub, v, path, nullptr, depth + 1);
      if (n != 1) bad(path, "matches " + std::to_string(n) + " oneOf alternatives, not exactly one");
    }
    if (auto it = schema.find("not"); it != schema.end() && check(*it, v, path, nullptr, depth + 1))
      bad(path, "must not match " + shorten(*it));
    if (auto it = schema.find("if"); it != schema.end()) {
      bool cond = check(*it, v, path, nullptr, depth + 1);
      auto branch = schema.find(cond ? "then" : "else");
      if (branch != schema.end()) ok &= check(*branch, v, path, errors, depth + 1);
    }
    return ok;
  }

 private:
  bool full(const std::vector<ValidationError>* errors) const { return errors && errors->size() >= max_; }
  void fail(std::vector<ValidationError>* errors, const std::string& path, const std::string& message) const {
    if (errors && errors->size() < max_) errors->push_back({path, message});
  }

  const SchemaValidator::Compiled& c_;
  size_t max_;
};

}  // namespace

Result<SchemaValidator> SchemaValidator::create(json schema) {
  auto compiled = std::make_shared<Compiled>();
  compiled->root = std::move(schema);
  Status s = compile(compiled->root, compiled->root, "#", compiled->patterns);
  if (!s.ok()) return s;
  SchemaValidator v;
  v.compiled_ = std::move(compiled);
  return v;
}

const SchemaValidator& SchemaValidator::schema_1() {
  // The embedded schema is tested; failing to compile it is a build defect.
  static const SchemaValidator kValidator = [] {
    auto v = create(json::parse(schema_1_json()));
    return v.ok() ? std::move(v).value() : SchemaValidator{};
  }();
  return kValidator;
}

std::vector<ValidationError> SchemaValidator::validate(const json& instance, size_t max_errors) const {
  std::vector<ValidationError> errors;
  if (!compiled_) {
    errors.push_back({"", "the schema did not compile"});
    return errors;
  }
  Checker(*compiled_, max_errors).check(compiled_->root, instance, "", &errors);
  return errors;
}

std::vector<ValidationError> check_spans(const json& doc, const RawText* raw, size_t max_errors) {
  std::vector<ValidationError> errors;
  auto fail = [&](std::string path, std::string message) {
    if (errors.size() < max_errors) errors.push_back({std::move(path), std::move(message)});
  };
  auto offset = [](const json& a, const char* key) -> int64_t {
    auto it = a.find(key);
    return it != a.end() && it->is_number_integer() && it->get<int64_t>() >= 0 ? it->get<int64_t>() : -1;
  };
  int64_t length = -1;
  if (doc.contains("document") && doc["document"].is_object()) length = offset(doc["document"], "length");
  if (raw && length != static_cast<int64_t>(raw->length()))
    fail("/document/length", "is " + std::to_string(length) + ", the source text has " + std::to_string(raw->length()) +
                                 " code points");
  if (!doc.contains("annotations") || !doc["annotations"].is_array()) return errors;
  // Byte offset of a code point, through the monotonic cp_of_byte index.
  auto byte_of = [&](int64_t cp) {
    auto it = std::lower_bound(raw->cp_of_byte.begin(), raw->cp_of_byte.end(), static_cast<uint32_t>(cp));
    return static_cast<size_t>(it - raw->cp_of_byte.begin());
  };
  int64_t prev_start = -1, prev_end = -1;
  const json& list = doc["annotations"];
  for (size_t i = 0; i < list.size() && errors.size() < max_errors; ++i) {
    const json& a = list[i];
    std::string path = "/annotations/" + std::to_string(i);
    int64_t start = offset(a, "start"), end = offset(a, "end");
    if (start < 0 || end < 0) {
      fail(path, "start and end must be non-negative integers");
      continue;
    }
    if (start > end) fail(path, "start " + std::to_string(start) + " is after end " + std::to_string(end));
    if (length >= 0 && end > length)
      fail(path + "/end", std::to_string(end) + " is past the document length " + std::to_string(length));
    if (start < prev_start || (start == prev_start && end < prev_end))
      fail(path, "not sorted by start, then end (follows [" + std::to_string(prev_start) + ", " +
                     std::to_string(prev_end) + "))");
    prev_start = start;
    prev_end = end;
    if (!raw || start > end || end > static_cast<int64_t>(raw->length())) continue;
    size_t b = byte_of(start), e = byte_of(end);
    std::string_view slice = std::string_view(raw->utf8).substr(b, e - b);
    if (auto t = a.find("text"); t != a.end() && t->is_string() && *t != slice)
      fail(path + "/text", shorten(*t) + " is not the source text at [" + std::to_string(start) + ", " +
                               std::to_string(end) + "): " + shorten(json(std::string(slice))));
    int64_t byte_start = offset(a, "byte_start"), byte_end = offset(a, "byte_end");
    if (a.contains("byte_start") && byte_start != static_cast<int64_t>(b))
      fail(path + "/byte_start", "is " + std::to_string(byte_start) + ", start " + std::to_string(start) +
                                     " is at byte " + std::to_string(b));
    if (a.contains("byte_end") && byte_end != static_cast<int64_t>(e))
      fail(path + "/byte_end", "is " + std::to_string(byte_end) + ", end " + std::to_string(end) + " is at byte " +
                                   std::to_string(e));
  }
  return errors;
}

}  // namespace polex
