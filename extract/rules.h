// Rule files: declarative data (JSON and word lists) under rules/, compiled
// into matchers once and shared, read-only, by every thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/status.h"

namespace polex {

// The raw rule files of one rule set, keyed by their path relative to the
// rules directory ("numeric/units.json"). JSON files are parsed on load so a
// syntax error is reported at once with its file and line.
class RuleSet {
 public:
  // The default rules compiled into the binary.
  static const RuleSet& embedded();
  // Every *.json and *.txt file under `dir`, recursively. Files missing from
  // `dir` fall back to the embedded defaults, so a directory may override a
  // single file.
  static Result<RuleSet> load_dir(const std::string& dir);
  // From in-memory files (path -> contents); used by embedded() and tests.
  static Result<RuleSet> from_files(std::map<std::string, std::string> files, std::string origin);

  bool has(std::string_view path) const { return files_.count(std::string(path)) > 0; }
  // Parsed JSON of a rule file, or null when absent.
  const nlohmann::json& json(std::string_view path) const;
  // Lines of a text rule file (word lists), without comments (#) and blanks.
  std::vector<std::string> lines(std::string_view path) const;
  // The whole body of a rule file, or empty when absent.
  std::string_view text(std::string_view path) const;
  // Paths of all files, sorted.
  std::vector<std::string> paths() const;
  const std::string& origin() const { return origin_; }

  // An error that names the file, the line of the first occurrence of
  // `needle` in it (when found) and what is wrong: "rules/x.json:12: ...".
  Status error(std::string_view path, std::string_view needle, std::string_view what) const;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, nlohmann::json> parsed_;
  std::string origin_;
};

}  // namespace polex
