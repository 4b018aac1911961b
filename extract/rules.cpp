#include "extract/rules.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace polex {

std::map<std::string, std::string> embedded_rule_files();  // rules_embedded.cpp (generated)

namespace {

bool is_rule_file(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".json") || ends(".txt");
}

size_t line_at(const std::string& body, size_t byte) {
  byte = std::min(byte, body.size());
  return 1 + std::count(body.begin(), body.begin() + byte, '\n');
}

}  // namespace

Result<RuleSet> RuleSet::from_files(std::map<std::string, std::string> files, std::string origin) {
  RuleSet set;
  set.origin_ = std::move(origin);
  for (const auto& [path, body] : files) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".json") != 0) continue;
    try {
      set.parsed_[path] = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
      std::ostringstream msg;
      msg << set.origin_ << "/" << path << ":" << line_at(body, e.byte == 0 ? 0 : e.byte - 1)
          << ": invalid JSON: " << e.what();
      return Status::error(msg.str());
    }
  }
  set.files_ = std::move(files);
  return set;
}

const RuleSet& RuleSet::embedded() {
  static const RuleSet kEmbedded = [] {
    auto set = from_files(embedded_rule_files(), "rules");
    // The build embeds only files that parsed when they were committed; a
    // failure here is a build defect, so fall back to an empty set.
    return set.ok() ? std::move(set).value() : RuleSet();
  }();
  return kEmbedded;
}

Result<RuleSet> RuleSet::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::error("rules directory not found: " + dir);
  std::map<std::string, std::string> files = embedded_rule_files();
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string rel = fs::relative(it->path(), dir).generic_string();
    if (!is_rule_file(rel)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return Status::error("cannot read rule file: " + it->path().string());
    std::ostringstream body;
    body << in.rdbuf();
    files[rel] = body.str();
  }
  if (ec) return Status::error("cannot list rules directory " + dir + ": " + ec.message());
  return from_files(std::move(files), dir);
}

const nlohmann::json& RuleSet::json(std::string_view path) const {
  static const nlohmann::json kNull;
  auto it = parsed_.find(std::string(path));
  return it == parsed_.end() ? kNull : it->second;
}

std::vector<std::string> RuleSet::lines(std::string_view path) const {
  std::vector<std::string> out;
  std::string_view body = text(path);
  for (size_t b = 0; b < body.size();) {
    size_t nl = body.find('\n', b);
    if (nl == std::string_view::npos) nl = body.size();
    size_t e = nl;
    if (e > b && body[e - 1] == '\r') --e;
    if (e > b && body[b] != '#') out.emplace_back(body.substr(b, e - b));
    b = nl + 1;
  }
  return out;
}

std::string_view RuleSet::text(std::string_view path) const {
  auto it = files_.find(std::string(path));
  return it == files_.end() ? std::string_view() : std::string_view(it->second);
}

std::vector<std::string> RuleSet::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, body] : files_) out.push_back(path);
  return out;
}

Status RuleSet::error(std::string_view path, std::string_view needle, std::string_view what) const {
  std::ostringstream msg;
  msg << origin_ << "/" << path;
  auto it = files_.find(std::string(path));
  if (it != files_.end() && !needle.empty()) {
    size_t at = it->second.find(needle);
    if (at != std::string::npos) msg << ":" << line_at(it->second, at);
  }
  msg << ": " << what;
  return Status::error(msg.str());
}

}  // namespace polex
