// A minimal program on the public API (extract/polex.h): loads the rules once,
// annotates the files given (or a built-in sentence) and prints the extracted
// spans, then the schema-1 JSON of the last document.
//
//   polex_example_extract [--rules DIR] [FILE...]
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "extract/polex.h"

namespace {

void print_spans(const polex::Extraction& x) {
  std::cout << x.id() << ": " << x.length() << " code points\n";
  for (const char* type : {"policy_option", "actor", "numeric_claim"}) {
    for (const polex::Annotation& a : x.annotations_of(type)) {
      std::cout << "  " << type << " [" << a.start << ", " << a.end << ") " << a.text << "\n";
    }
  }
  for (const std::string& w : x.warnings()) std::cout << "  warning: " << w << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  polex::EngineOptions options;
  options.layout = false;  // only the extracted types
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      options.rules_dir = argv[++i];
    } else {
      files.push_back(argv[i]);
    }
  }
  auto engine = polex::Engine::create(options);  // compiles every rule, once
  if (!engine.ok()) {
    std::cerr << "example: " << engine.status().message() << "\n";
    return 2;
  }
  if (files.empty()) {
    polex::Extraction x = engine.value().extract(
        "Governments should introduce a carbon price. Emissions fell by 12% between 2010 and 2020.", "example");
    print_spans(x);
    std::cout << x.json(2) << "\n";
    return 0;
  }
  int exit_code = 0;
  for (const std::string& path : files) {
    auto x = engine.value().extract_file(path);
    if (!x.ok()) {
      std::cerr << "example: " << x.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    print_spans(x.value());
  }
  return exit_code;
}
