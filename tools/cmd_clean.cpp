// polex clean: the cleaned text (or, with --json, the text and its map to raw offsets).
#include "annotations/json_writer.h"
#include "tools/batch.h"
#include "tools/cli.h"

namespace polex::cli {

int run_clean(int argc, char** argv) {
  const std::string usage =
      "Usage: polex clean [options] [FILE|DIR...]\n\nWrites the cleaned text of each input: lines joined into paragraphs,\n"
      "hyphenation undone, page furniture and footnote markers taken out.";
  po::options_description options("Options");
  po::positional_options_description positional;
  add_batch_options(options, positional);
  options.add_options()
      ("json", "JSON lines: {id, text, length, map} where map lists [clean_start, clean_end, raw_start, raw_end] segments in code points")
      ("rules", po::value<std::string>(), "rules directory (default: the embedded rules)");
  int code = kExitOk;
  auto vm = parse(argc, argv, usage, options, positional, &code);
  if (!vm) return code;
  auto pipeline = load_pipeline(*vm, PipelineOptions{false, false, false, false});
  if (!pipeline) return kExitUsage;
  bool json = vm->count("json");
  const Pipeline& shared = *pipeline;  // immutable: one for all threads
  DocumentHandler handler;
  handler.process = [&](const std::string& id, std::string_view bytes, DocOutcome* outcome) {
    Document doc = shared.clean(id, bytes);
    if (json) outcome->output = clean_to_json(doc).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    else outcome->output = doc.clean.text();
    outcome->output += '\n';
    outcome->warnings = std::move(doc.warnings);
  };
  // Plain text has no room for a record: the error is on stderr and in the summary.
  if (json) {
    handler.error_record = [](const std::string& id, const std::string& error) {
      return nlohmann::ordered_json({{"id", id}, {"error", error}}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
             "\n";
    };
  }
  handler.extension = json ? ".json" : ".txt";
  return run_batch(*vm, usage, handler);
}

}  // namespace polex::cli
