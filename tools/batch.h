// Batch runs shared by `polex extract` and `polex clean`: inputs from files,
// directories, file lists or JSONL records; N threads over one immutable
// pipeline; output in input order; progress, summary, exit code.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <boost/program_options.hpp>

#include "tools/batch_runner.h"

namespace polex::cli {

namespace po = boost::program_options;

// What a subcommand does with each document. Called from many threads at once.
struct DocumentHandler {
  // Processes one document: fills outcome->output (ending in '\n' for a stream),
  // outcome->warnings and outcome->annotations.
  std::function<void(const std::string& id, std::string_view bytes, DocOutcome* outcome)> process;
  // The line written to the output stream for an input that failed; "" for none.
  std::function<std::string(const std::string& id, const std::string& error)> error_record;
  // Extension of the files written into --out-dir (".json", ".txt").
  std::string extension = ".json";
  // Written once at the start of the output stream (CSV's header row).
  std::string header;
};

// {"schema":1,"document":{"id":ID},"error":ERROR} and a newline.
std::string error_record_json(const std::string& id, const std::string& error);

// Adds the batch options (inputs, --jobs, --output, --out-dir, limits, --summary, ...).
void add_batch_options(po::options_description& options, po::positional_options_description& positional);

// Runs the batch the options describe. Returns the exit code: 0 all inputs
// fine, 1 some input failed, 2 usage error or output failure.
int run_batch(const po::variables_map& vm, const std::string& usage, const DocumentHandler& handler);

}  // namespace polex::cli
