// The account of a batch run: every input is ok, warned or failed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/batch_runner.h"

namespace polex::cli {

class Summary {
 public:
  void add(const DocOutcome& outcome);

  uint64_t documents() const { return ok_ + warned_ + failed_; }
  uint64_t failed() const { return failed_; }

  // One paragraph for stderr.
  std::string text(double seconds) const;
  // {"documents", "ok", "warned", "failed", "bytes", "seconds", "mb_per_s",
  //  "docs_per_s", "annotations": {type: n}, "failures": [{"id", "source", "error"}]}
  nlohmann::json to_json(double seconds) const;

 private:
  struct Failure {
    std::string id, source, error;
  };
  uint64_t ok_ = 0, warned_ = 0, failed_ = 0, bytes_ = 0;
  std::map<std::string, uint64_t> annotations_;
  std::vector<Failure> failures_;
};

}  // namespace polex::cli
