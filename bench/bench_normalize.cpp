// Throughput of the pipeline over a corpus directory, repeated to a target size.
//   polex_bench_normalize CORPUS_DIR [MB=50] [--full]
// Without --full: normalize + segment (polex clean). With --full: every extractor.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "annotations/json_writer.h"
#include "extract/pipeline.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MB] [--full]\n", argv[0]);
    return 2;
  }
  double target_mb = argc > 2 && argv[2][0] != '-' ? std::atof(argv[2]) : 50;
  bool full = std::string(argv[argc - 1]) == "--full";
  std::vector<std::string> docs;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    docs.push_back(s.str());
  }
  if (docs.empty()) {
    std::fprintf(stderr, "no .txt files in %s\n", argv[1]);
    return 2;
  }
  auto pipeline = polex::Pipeline::create(polex::RuleSet::embedded());
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.status().message().c_str());
    return 2;
  }
  size_t bytes = 0, n = 0, annotations = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (bytes < target_mb * 1e6) {
    const std::string& d = docs[n % docs.size()];
    if (full) {
      polex::Document doc = pipeline.value().process("bench", d);
      annotations += doc.annotations.size();
      annotations += polex::to_json(doc).size() > 0;
    } else {
      polex::Document doc = pipeline.value().clean("bench", d);
      annotations += doc.sentences.size();
    }
    bytes += d.size();
    ++n;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s: %zu documents, %.1f MB in %.2f s: %.1f MB/s, %.0f docs/s (%zu items)\n",
              full ? "full pipeline + JSON" : "normalize + segment", n, bytes / 1e6, s, bytes / 1e6 / s, n / s, annotations);
  return 0;
}
