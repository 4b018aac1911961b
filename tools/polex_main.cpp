// polex: extract policy options, actors and numeric claims from policy reports.
#include <malloc.h>

#include <cstring>
#include <iostream>
#include <string_view>

#include "tools/cli.h"

namespace {

struct Command {
  std::string_view name;
  int (*run)(int, char**);
  std::string_view summary;
};

// One line per subcommand.
constexpr Command kCommands[] = {
    {"extract", polex::cli::run_extract, "annotate documents: schema-1 JSON or JSONL"},
    {"clean", polex::cli::run_clean, "write the cleaned text (with --json, its map to raw offsets)"},
    {"options", polex::cli::run_options, "list the policy options: section, agents, modality, statement"},
    {"claims", polex::cli::run_claims, "list the numeric claims: value, unit, qualifier, year, sentence"},
    {"view", polex::cli::run_view, "one self-contained HTML page showing the extractions"},
    {"validate", polex::cli::run_validate, "check schema-1 files against the JSON Schema and their texts"},
    {"eval", polex::cli::run_eval, "score predictions against gold: P/R/F1 per type and kind"},
};

void print_help(std::ostream& out) {
  out << "Usage: polex COMMAND [options] [FILE...]\n\n"
         "Reads text extracted from PDF policy reports and annotates policy options,\n"
         "actors and numeric claims (schema 1).\n\nCommands:\n";
  for (const Command& c : kCommands) out << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
  out << "\nOptions:\n  -h, --help     show this help (polex COMMAND --help for a command)\n"
         "  --version      show the version\n";
}

// Keeps freed memory in the process between documents: by default glibc gives
// it back after each one and the next document pays a page fault per fresh
// page, which costs as much as normalizing the text. Peak memory is unchanged.
void keep_freed_memory() {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory();
  if (argc < 2) {
    print_help(std::cerr);
    return polex::cli::kExitUsage;
  }
  std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(std::cout);
    return 0;
  }
  if (first == "--version") {
#ifdef POLEX_WITH_MIMALLOC
    std::cout << "polex " << POLEX_VERSION << " (allocator: mimalloc)\n";
#else
    std::cout << "polex " << POLEX_VERSION << " (allocator: the C library's malloc)\n";
#endif
    return 0;
  }
  for (const Command& c : kCommands) {
    if (c.name == first) return c.run(argc - 1, argv + 1);
  }
  std::cerr << "polex: unknown command '" << first << "'\n";
  print_help(std::cerr);
  return polex::cli::kExitUsage;
}
