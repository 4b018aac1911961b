#include "extract/polex.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "annotations/json_writer.h"
#include "extract/document.h"
#include "extract/pipeline.h"
#include "extract/rules.h"

namespace polex {

const char* library_version() { return POLEX_VERSION; }

const std::string& Extraction::id() const { return doc_->id; }
uint32_t Extraction::length() const { return doc_->raw.length(); }
const std::vector<Annotation>& Extraction::annotations() const { return doc_->annotations; }
const std::vector<std::string>& Extraction::warnings() const { return doc_->warnings; }
const std::string& Extraction::raw_text() const { return doc_->raw.utf8; }
const std::string& Extraction::clean_text() const { return doc_->clean.text(); }

std::vector<Annotation> Extraction::annotations_of(std::string_view type) const {
  std::vector<Annotation> out;
  for (const Annotation& a : doc_->annotations) {
    if (a.type == type) out.push_back(a);
  }
  return out;
}

std::string Extraction::json(int indent) const {
  JsonOptions options;
  options.indent = indent < 0 ? -1 : indent;
  return to_json(*doc_, options);
}

nlohmann::json Extraction::json_value() const { return to_json_value(*doc_); }
nlohmann::json Extraction::clean_json() const { return clean_to_json(*doc_); }

Result<Engine> Engine::create(const EngineOptions& options) {
  PipelineOptions pipeline_options;
  pipeline_options.actors = options.actors;
  pipeline_options.numeric_claims = options.numeric_claims;
  pipeline_options.policy_options = options.policy_options;
  pipeline_options.layout = options.layout;
  std::optional<RuleSet> loaded;  // rules_dir overrides; the pipeline keeps no reference to it
  if (!options.rules_dir.empty()) {
    Result<RuleSet> rules = RuleSet::load_dir(options.rules_dir);
    if (!rules.ok()) return rules.status();
    loaded = std::move(rules).value();
  }
  Result<Pipeline> pipeline = Pipeline::create(loaded ? *loaded : RuleSet::embedded(), pipeline_options);
  if (!pipeline.ok()) return pipeline.status();
  return Engine(std::make_shared<const Pipeline>(std::move(pipeline).value()));
}

Extraction Engine::extract(std::string_view text, std::string id) const {
  return Extraction(std::make_shared<const Document>(pipeline_->process(std::move(id), text)));
}

Extraction Engine::clean(std::string_view text, std::string id) const {
  return Extraction(std::make_shared<const Document>(pipeline_->clean(std::move(id), text)));
}

Result<Extraction> Engine::extract_file(const std::string& path) const {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::error(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::error(path + (std::filesystem::exists(path, ec) ? ": cannot read file" : ": no such file"));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::error(path + ": read error");
  return extract(bytes, std::filesystem::path(path).stem().string());
}

}  // namespace polex
