// libFuzzer target: arbitrary bytes through decoding, normalization and
// segmentation (no extractor), with the layout annotations written as JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/pipeline.h"
#include "fuzz_check.h"

namespace {

const polex::Pipeline& pipeline() {
  static const polex::Pipeline kPipeline = [] {
    polex::PipelineOptions options;
    options.actors = options.numeric_claims = options.policy_options = false;
    auto p = polex::Pipeline::create(polex::RuleSet::embedded(), options);
    if (!p.ok()) polex::fuzz::fail("Pipeline::create", p.status().message());
    return std::move(p).value();
  }();
  return kPipeline;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  polex::Document doc = pipeline().process("fuzz", bytes);
  polex::fuzz::check_document(doc);
  return 0;
}
