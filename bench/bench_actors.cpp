// Time of the actors extractor alone over a corpus directory, repeated to a
// target size. Documents are normalized and segmented once, outside the clock.
//   polex_bench_actors [--mb 20] CORPUS_DIR|FILE...
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/actors.h"
#include "extract/pipeline.h"

int main(int argc, char** argv) {
  double target_mb = 20;
  std::vector<std::filesystem::path> paths;
  for (int a = 1; a < argc; ++a) {
    if (std::string(argv[a]) == "--mb" && a + 1 < argc) {
      target_mb = std::atof(argv[++a]);
    } else if (std::filesystem::is_directory(argv[a])) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[a])) {
        if (entry.path().extension() == ".txt") paths.push_back(entry.path());
      }
    } else {
      paths.push_back(argv[a]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: %s [--mb 20] CORPUS_DIR|FILE...\n", argv[0]);
    return 2;
  }
  const polex::RuleSet& rules = polex::RuleSet::embedded();
  polex::PipelineOptions clean_only;
  auto pipeline = polex::Pipeline::create(rules, clean_only);
  auto actors = polex::make_actors_extractor(rules);
  if (!pipeline.ok() || !actors.ok()) {
    std::fprintf(stderr, "%s\n", (!pipeline.ok() ? pipeline.status() : actors.status()).message().c_str());
    return 2;
  }
  std::vector<polex::Document> docs;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    docs.push_back(pipeline.value().clean(path.filename().string(), s.str()));
  }
  if (docs.empty()) {
    std::fprintf(stderr, "no documents\n");
    return 2;
  }
  size_t bytes = 0, n = 0, found = 0;
  // CPU time as well as wall time: the machines this runs on are shared.
  auto cpu_seconds = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  const double c0 = cpu_seconds();
  auto t0 = std::chrono::steady_clock::now();
  while (bytes < target_mb * 1e6) {
    polex::Document& doc = docs[n % docs.size()];
    const size_t before = doc.annotations.size();
    actors.value()->extract(doc);
    found += doc.annotations.size() - before;
    doc.annotations.resize(before);
    bytes += doc.raw.utf8.size();
    ++n;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = cpu_seconds() - c0;
  std::printf("actors: %zu documents, %.1f MB in %.2f s (%.2f s CPU): %.1f MB/s, %.1f MB/s of CPU (%zu actors)\n", n,
              bytes / 1e6, s, cpu, bytes / 1e6 / s, bytes / 1e6 / cpu, found);
  return 0;
}
