// Throughput of the pipeline over a corpus directory, repeated to a target size.
//   polex_bench_normalize CORPUS_DIR [MB=50] [--full] [--stages] [--keep-memory]
// Without --full: normalize + segment (polex clean). With --full: every extractor
// and the JSON. With --stages: also the time and MB/s of each stage.
// --keep-memory: glibc keeps freed memory instead of giving it back to the
// system after each document; by default (as in the polex CLI today) every
// document's buffers are faulted in afresh, which costs about as much as
// normalization itself on a virtual machine.
// MB/s are given by the wall clock and by the CPU time of the process: on a
// shared machine the CPU figure is the steadier one.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <malloc.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "annotations/json_writer.h"
#include "extract/pipeline.h"

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MB] [--full] [--stages]\n", argv[0]);
    return 2;
  }
  double target_mb = argc > 2 && argv[2][0] != '-' ? std::atof(argv[2]) : 50;
  bool full = false, stages = false, keep_memory = false;
  for (int i = 2; i < argc; ++i) {
    full |= std::string(argv[i]) == "--full";
    stages |= std::string(argv[i]) == "--stages";
    keep_memory |= std::string(argv[i]) == "--keep-memory";
  }
  if (keep_memory) {
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
  }
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
  auto create_t0 = std::chrono::steady_clock::now();
  auto pipeline = polex::Pipeline::create(polex::RuleSet::embedded());
  double create_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - create_t0).count();
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.status().message().c_str());
    return 2;
  }
  polex::StageTimes times;
  polex::StageTimes* timed = stages ? &times : nullptr;
  size_t bytes = 0, n = 0, annotations = 0;
  double cpu0 = cpu_seconds();
  auto t0 = std::chrono::steady_clock::now();
  while (bytes < target_mb * 1e6) {
    const std::string& d = docs[n % docs.size()];
    if (full) {
      polex::Document doc = pipeline.value().process("bench", d, timed);
      annotations += doc.annotations.size();
      auto j0 = std::chrono::steady_clock::now();
      annotations += polex::to_json(doc).size() > 0;
      if (timed) times.add("json", std::chrono::duration<double>(std::chrono::steady_clock::now() - j0).count());
    } else {
      polex::Document doc = pipeline.value().clean("bench", d, timed);
      annotations += doc.sentences.size();
    }
    bytes += d.size();
    ++n;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = cpu_seconds() - cpu0;
  std::printf("%s%s: %zu documents, %.1f MB in %.2f s: %.1f MB/s, %.0f docs/s (%zu items); %.1f MB per CPU second\n",
              full ? "full pipeline + JSON" : "normalize + segment", keep_memory ? " (memory kept)" : "", n, bytes / 1e6, s, bytes / 1e6 / s, n / s, annotations,
              bytes / 1e6 / cpu);
  if (stages) {
    double mb = bytes / 1e6, staged = 0;
    std::printf("  %-20s %8.3f s (once)\n", "Pipeline::create", create_s);
    for (const auto& [stage, seconds] : times.seconds()) {
      std::printf("  %-20s %8.3f s %6.1f%% %9.1f MB/s\n", stage.c_str(), seconds, 100 * seconds / s, mb / seconds);
      staged += seconds;
    }
    std::printf("  %-20s %8.3f s %6.1f%%\n", "(outside stages)", s - staged, 100 * (s - staged) / s);
  }
  return 0;
}
