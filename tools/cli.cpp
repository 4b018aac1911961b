#include "tools/cli.h"

#include "extract/pdf_input.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace polex::cli {

std::optional<po::variables_map> parse(int argc, char** argv, const std::string& usage, po::options_description& options,
                                       po::positional_options_description& positional, int* exit_code) {
  options.add_options()("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "polex: " << e.what() << "\n" << usage << "\n" << options;
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << options;
    *exit_code = kExitOk;
    return std::nullopt;
  }
  return vm;
}

std::optional<Pipeline> load_pipeline(const po::variables_map& vm, const PipelineOptions& options) {
  std::optional<RuleSet> loaded;  // --rules DIR; else the embedded rules, not copied
  if (vm.count("rules")) {
    auto rules = RuleSet::load_dir(vm["rules"].as<std::string>());
    if (!rules.ok()) {
      std::cerr << "polex: " << rules.status().message() << "\n";
      return std::nullopt;
    }
    loaded = std::move(rules).value();
  }
  auto pipeline = Pipeline::create(loaded ? *loaded : RuleSet::embedded(), options);
  if (!pipeline.ok()) {
    std::cerr << "polex: " << pipeline.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(pipeline).value();
}

bool read_input(const std::string& path, std::string* bytes, std::string* error) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    *bytes = s.str();
    return read_pdf_text(bytes, error);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::filesystem::exists(path, ec) ? "cannot read file" : "no such file";
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  *bytes = s.str();
  return read_pdf_text(bytes, error);
}

std::string document_id(const std::string& path) {
  if (path == "-") return "stdin";
  return std::filesystem::path(path).stem().string();
}

std::ostream* open_output(const po::variables_map& vm, std::unique_ptr<std::ostream>* holder) {
  if (!vm.count("output") || vm["output"].as<std::string>() == "-") return &std::cout;
  const std::string& path = vm["output"].as<std::string>();
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary);
  if (!*file) {
    std::cerr << "polex: cannot write " << path << "\n";
    return nullptr;
  }
  *holder = std::move(file);
  return holder->get();
}

}  // namespace polex::cli
