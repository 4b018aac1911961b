#include "annotations/brat_writer.h"

#include <array>
#include <map>
#include <vector>

#include "annotations/schema_validate.h"

namespace polex {

namespace {

using nlohmann::json;

// "numeric_claim" + "kind" -> "NumericClaimKind".
std::string attribute_name(std::string_view type, std::string_view key) {
  std::string out;
  bool upper = true;
  for (std::string_view part : {type, std::string_view("_"), key}) {
    for (char c : part) {
      if (c == '_') {
        upper = true;
      } else {
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
      }
    }
  }
  return out;
}

// type -> (attribute key -> allowed values), read from the embedded schema:
// every "$defs/<type>_attrs" property with an "enum" of strings.
const std::map<std::string, std::map<std::string, std::vector<std::string>>>& enumerated_attributes() {
  static const auto kAttributes = [] {
    std::map<std::string, std::map<std::string, std::vector<std::string>>> out;
    json schema = json::parse(schema_1_json(), nullptr, false);
    if (!schema.is_object() || !schema.contains("$defs")) return out;
    for (const auto& [name, def] : schema["$defs"].items()) {
      static constexpr std::string_view kSuffix = "_attrs";
      if (name.size() <= kSuffix.size() || name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
        continue;
      std::string type = name.substr(0, name.size() - kSuffix.size());
      auto& keys = out[type];  // every type with an attrs definition is a brat entity type
      if (!def.contains("properties")) continue;
      for (const auto& [key, prop] : def["properties"].items()) {
        if (!prop.contains("enum")) continue;
        std::vector<std::string> values;
        for (const json& v : prop["enum"])
          if (v.is_string()) values.push_back(v.get<std::string>());
        if (!values.empty()) keys[key] = std::move(values);
      }
    }
    return out;
  }();
  return kAttributes;
}

bool is_line_break(uint32_t cp) { return cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x0B || cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

// Decodes the code point at byte i of valid UTF-8 and advances i.
uint32_t next_code_point(const std::string& s, size_t& i) {
  unsigned char c = s[i];
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// A value as the text of a note: strings bare, everything else as JSON; no
// line breaks or tabs (the format is line- and tab-delimited).
std::string note_value(const json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace

bool is_layout_type(std::string_view type) {
  static constexpr std::array<std::string_view, 7> kLayout = {"paragraph", "heading", "list_item", "sentence",
                                                              "footnote_ref", "furniture", "page"};
  for (std::string_view t : kLayout)
    if (t == type) return true;
  return false;
}

BratFiles to_brat(const Document& doc) {
  BratFiles files;
  files.txt = doc.raw.utf8;
  const std::string& raw = doc.raw.utf8;
  const auto& enums = enumerated_attributes();
  std::string& ann = files.ann;
  int t_id = 0, a_id = 0, note_id = 0;
  for (const Annotation& a : doc.annotations) {
    if (is_layout_type(a.type) || a.byte_end <= a.byte_start) continue;
    // Fragments: the span cut at line breaks, empty pieces dropped.
    std::string offsets, text;
    size_t i = a.byte_start, piece_begin = i;
    uint32_t cp = a.start, piece_cp = cp;
    auto flush = [&](size_t end_byte, uint32_t end_cp) {
      if (end_byte == piece_begin) return;
      if (!offsets.empty()) {
        offsets += ';';
        text += ' ';
      }
      offsets.append(std::to_string(piece_cp)).append(" ").append(std::to_string(end_cp));
      text.append(raw, piece_begin, end_byte - piece_begin);
    };
    while (i < a.byte_end) {
      size_t at = i;
      uint32_t c = next_code_point(raw, i);
      if (is_line_break(c)) {
        flush(at, cp);
        piece_begin = i;
        piece_cp = cp + 1;
      }
      ++cp;
    }
    flush(a.byte_end, cp);
    if (offsets.empty()) continue;  // only line breaks
    std::string id = "T";
    id += std::to_string(++t_id);
    ann.append(id).append("\t").append(a.type).append(" ").append(offsets).append("\t").append(text).append("\n");
    std::string notes;
    auto type_enums = enums.find(a.type);
    for (const auto& [key, value] : a.attrs.items()) {
      bool enumerated = type_enums != enums.end() && type_enums->second.count(key) && value.is_string();
      if (enumerated) {
        ann.append("A").append(std::to_string(++a_id)).append("\t").append(attribute_name(a.type, key));
        ann.append(" ").append(id).append(" ").append(value.get<std::string>()).append("\n");
      } else {
        if (!notes.empty()) notes += "; ";
        notes.append(key).append("=").append(note_value(value));
      }
    }
    if (!notes.empty())
      ann.append("#").append(std::to_string(++note_id)).append("\tAnnotatorNotes ").append(id).append("\t").append(notes).append("\n");
  }
  return files;
}

std::string brat_annotation_conf() {
  const auto& enums = enumerated_attributes();
  std::string out = "# brat configuration for polex output (schema 1), generated by polex.\n[entities]\n";
  for (const auto& [type, keys] : enums) out.append(type).append("\n");
  // Actors and numeric claims sit inside policy options.
  out += "\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n";
  for (const auto& [type, keys] : enums) {
    for (const auto& [key, values] : keys) {
      out.append(attribute_name(type, key)).append("\tArg:").append(type).append(", Value:");
      for (size_t i = 0; i < values.size(); ++i) out.append(i ? "|" : "").append(values[i]);
      out += '\n';
    }
  }
  return out;
}

}  // namespace polex
