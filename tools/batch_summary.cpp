#include "tools/batch_summary.h"

#include <cstdio>

namespace polex::cli {

void Summary::add(const DocOutcome& outcome) {
  bytes_ += outcome.bytes;
  if (!outcome.error.empty()) {
    ++failed_;
    failures_.push_back({outcome.id, outcome.source, outcome.error});
    return;
  }
  if (outcome.warnings.empty()) ++ok_;
  else ++warned_;
  for (const auto& [type, n] : outcome.annotations) annotations_[type] += n;
}

std::string Summary::text(double seconds) const {
  char line[512];
  std::snprintf(line, sizeof line,
                "polex: %llu documents (%llu ok, %llu warned, %llu failed), %.1f MB in %.2f s (%.1f MB/s, %.0f docs/s)",
                static_cast<unsigned long long>(documents()), static_cast<unsigned long long>(ok_),
                static_cast<unsigned long long>(warned_), static_cast<unsigned long long>(failed_), bytes_ / 1e6,
                seconds, seconds > 0 ? bytes_ / 1e6 / seconds : 0.0, seconds > 0 ? documents() / seconds : 0.0);
  std::string out = line;
  if (!annotations_.empty()) {
    out += "\npolex: annotations:";
    for (const auto& [type, n] : annotations_) out += " " + type + " " + std::to_string(n) + ",";
    out.pop_back();
  }
  return out;
}

nlohmann::json Summary::to_json(double seconds) const {
  nlohmann::json failures = nlohmann::json::array();
  for (const Failure& f : failures_) failures.push_back({{"id", f.id}, {"source", f.source}, {"error", f.error}});
  return {{"documents", documents()},
          {"ok", ok_},
          {"warned", warned_},
          {"failed", failed_},
          {"bytes", bytes_},
          {"seconds", seconds},
          {"mb_per_s", seconds > 0 ? bytes_ / 1e6 / seconds : 0.0},
          {"docs_per_s", seconds > 0 ? documents() / seconds : 0.0},
          {"annotations", annotations_},
          {"failures", std::move(failures)}};
}

}  // namespace polex::cli
