// Shared plumbing of the polex subcommands: option parsing, input, output.
// Only tools/ turns errors into messages and exit codes.
#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "extract/pipeline.h"
#include "extract/rules.h"

namespace polex::cli {

namespace po = boost::program_options;

// Exit codes: 0 all documents fine, 1 some input failed, 2 usage or rule error.
constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;

// Parses argv for one subcommand; prints help or the error. Returns nullopt
// when the command should exit with *exit_code.
std::optional<po::variables_map> parse(int argc, char** argv, const std::string& usage, po::options_description& options,
                                       po::positional_options_description& positional, int* exit_code);

// The pipeline compiled from --rules DIR (or the embedded rules) with these
// options. Prints the error (a bad rule file names its file and line).
std::optional<Pipeline> load_pipeline(const po::variables_map& vm, const PipelineOptions& options = {});

// Reads a whole file ("-" = stdin). Returns false and sets *error on failure.
bool read_input(const std::string& path, std::string* bytes, std::string* error);

// The document id of a path: the file name without its extension.
std::string document_id(const std::string& path);

// The output stream: -o FILE or stdout. Prints the error and returns nullptr on failure.
std::ostream* open_output(const po::variables_map& vm, std::unique_ptr<std::ostream>* holder);

// Subcommands.
int run_extract(int argc, char** argv);
int run_clean(int argc, char** argv);
int run_options(int argc, char** argv);
int run_view(int argc, char** argv);
int run_validate(int argc, char** argv);
int run_claims(int argc, char** argv);
int run_eval(int argc, char** argv);

}  // namespace polex::cli
