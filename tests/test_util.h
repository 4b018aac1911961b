// Helpers shared by the tests.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/pipeline.h"

namespace polex::test {

inline std::string data_dir() { return POLEX_TEST_DATA_DIR; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The sample corpus bundled with the project: (id, bytes), sorted by id.
inline std::vector<std::pair<std::string, std::string>> corpus() {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& e : std::filesystem::directory_iterator(data_dir() + "/corpus"))
    if (e.path().extension() == ".txt") docs.emplace_back(e.path().stem().string(), read_file(e.path().string()));
  std::sort(docs.begin(), docs.end());
  return docs;
}

inline const Pipeline& default_pipeline() {
  static const Pipeline kPipeline = [] {
    auto p = Pipeline::create(RuleSet::embedded());
    if (!p.ok()) throw std::runtime_error(p.status().message());
    return std::move(p).value();
  }();
  return kPipeline;
}

// raw[start:end] in code points, as Python slices a str.
inline std::string cp_slice(const RawText& raw, uint32_t start, uint32_t end) {
  auto byte_of = [&](uint32_t cp) {
    auto it = std::lower_bound(raw.cp_of_byte.begin(), raw.cp_of_byte.end(), cp);
    return static_cast<size_t>(it - raw.cp_of_byte.begin());
  };
  size_t b = byte_of(start), e = byte_of(end);
  return raw.utf8.substr(b, e - b);
}

// The cleaned text of a string.
inline std::string clean(const std::string& raw) { return default_pipeline().clean("t", raw).clean.text(); }

// What a run of the polex binary printed on stdout, and its exit code (-1: killed).
struct Run {
  int exit_code;
  std::string out;
};

// Runs `polex ARGS` through the shell (ARGS may redirect stdin); stderr goes to err_file.
inline Run run_polex(const std::string& args, const std::string& err_file = "/dev/null") {
  std::string cmd = std::string(POLEX_BINARY) + " " + args + " 2>" + err_file;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct Usage {
  double cpu_seconds = 0;
  long max_rss_kb = 0;
};

// Runs `work` in a forked child and returns the child's CPU time and peak
// memory: CPU time is far steadier than wall time on a loaded machine, and a
// child's peak RSS is not masked by what this process used before.
inline Usage measure_in_child(const std::function<void()>& work) {
  std::fflush(nullptr);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    work();
    _exit(0);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(wait4(pid, &status, 0, &usage) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss};
}

}  // namespace polex::test
