// CPU cost of the numeric claims and policy options extractors alone, in process.
//   polex_bench_extractors PATH [MB=20] [--one-paragraph] [--repeat R]
// PATH: a directory of .txt files or one file; its documents are repeated to
// MB megabytes. --one-paragraph joins them with spaces into ONE document of MB
// megabytes (no line breaks: a document-level quadratic loop shows up as a
// lower MB/s than on the separate documents).
// Normalize, segment and the actors extractor run first for each document,
// outside the timed part; numeric claims run before policy options, as in the
// pipeline. Times are the thread's CPU time, less noisy than the wall clock on
// a shared machine. --repeat R runs each extractor R times on every prepared
// document (removing what it added before the next run), so that a profile
// shows mostly the extractors; the MB figures count each run.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extract/numeric_claims.h"
#include "extract/pipeline.h"
#include "extract/policy_options.h"

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> load_documents(const std::filesystem::path& path) {
  std::vector<std::string> docs;
  if (std::filesystem::is_directory(path)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) docs.push_back(read_file(f));
  } else {
    docs.push_back(read_file(path));
  }
  return docs;
}

// The documents joined by single spaces, line breaks made spaces, repeated to `bytes`.
std::string one_paragraph(const std::vector<std::string>& docs, size_t bytes) {
  std::string joined;
  for (const std::string& d : docs) {
    if (!joined.empty()) joined += ' ';
    for (char c : d) {
      bool space = c == '\n' || c == '\r' || c == '\f' || c == '\t' || c == ' ';
      if (space && !joined.empty() && joined.back() == ' ') continue;
      joined += space ? ' ' : c;
    }
  }
  std::string out;
  out.reserve(bytes + joined.size());
  while (out.size() < bytes) {
    if (!out.empty()) out += ' ';
    out += joined;
  }
  return out;
}

struct Timing {
  const char* name;
  double seconds = 0;
  size_t annotations = 0;
};

size_t count_type(const polex::Document& doc, std::string_view type) {
  return static_cast<size_t>(std::count_if(doc.annotations.begin(), doc.annotations.end(),
                                           [&](const polex::Annotation& a) { return a.type == type; }));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR|FILE [MB=20] [--one-paragraph]\n", argv[0]);
    return 2;
  }
  double target_mb = argc > 2 && argv[2][0] != '-' ? std::atof(argv[2]) : 20;
  bool single = false;
  int repeat = 1;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--one-paragraph") single = true;
    if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  std::vector<std::string> docs = load_documents(argv[1]);
  if (docs.empty() || docs[0].empty()) {
    std::fprintf(stderr, "no .txt input in %s\n", argv[1]);
    return 2;
  }
  const polex::RuleSet& rules = polex::RuleSet::embedded();
  polex::PipelineOptions actors_only;
  actors_only.numeric_claims = false;
  actors_only.policy_options = false;
  auto pipeline = polex::Pipeline::create(rules, actors_only);
  auto numeric = polex::make_numeric_claims_extractor(rules);
  auto policy = polex::make_policy_options_extractor(rules);
  for (const polex::Status& s : {pipeline.status(), numeric.status(), policy.status()}) {
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 2;
    }
  }
  size_t target = static_cast<size_t>(target_mb * 1e6);
  if (single) docs = {one_paragraph(docs, target)};

  Timing timings[] = {{"numeric_claims"}, {"policy_options"}};
  const polex::Extractor* extractors[] = {numeric.value().get(), policy.value().get()};
  const char* types[] = {"numeric_claim", "policy_option"};
  size_t bytes = 0, n = 0;
  while (bytes < target) {
    const std::string& text = docs[n % docs.size()];
    polex::Document doc = pipeline.value().process("bench", text);  // untimed: clean, segment, actors
    for (size_t k = 0; k < 2; ++k) {
      const size_t before = doc.annotations.size();
      for (int r = 0; r < repeat; ++r) {
        if (r > 0) doc.annotations.erase(doc.annotations.begin() + static_cast<std::ptrdiff_t>(before), doc.annotations.end());
        double t0 = thread_cpu_seconds();
        extractors[k]->extract(doc);
        timings[k].seconds += thread_cpu_seconds() - t0;
      }
      timings[k].annotations += count_type(doc, types[k]);
    }
    bytes += text.size();
    ++n;
  }
  bytes *= static_cast<size_t>(repeat);
  std::printf("%zu document(s) x %d, %.1f MB%s\n", n, repeat, bytes / 1e6, single ? " (one paragraph)" : "");
  for (const Timing& t : timings)
    std::printf("%-15s %7.3f CPU s  %8.1f MB/s  (%zu annotations)\n", t.name, t.seconds, bytes / 1e6 / t.seconds,
                t.annotations);
  return 0;
}
