// libFuzzer target: arbitrary bytes through the pipeline with ONE extractor
// enabled, POLEX_FUZZ_EXTRACTOR ("actors", "numeric_claims" or
// "policy_options"); built once per extractor so a crash names its owner.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/pipeline.h"
#include "fuzz_check.h"

#ifndef POLEX_FUZZ_EXTRACTOR
#error "define POLEX_FUZZ_EXTRACTOR"
#endif

namespace {

const polex::Pipeline& pipeline() {
  static const polex::Pipeline kPipeline = [] {
    constexpr std::string_view kName = POLEX_FUZZ_EXTRACTOR;
    polex::PipelineOptions options;
    options.actors = kName == "actors";
    options.numeric_claims = kName == "numeric_claims";
    options.policy_options = kName == "policy_options";
    if (!options.actors && !options.numeric_claims && !options.policy_options)
      polex::fuzz::fail("unknown extractor", std::string(kName));
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
