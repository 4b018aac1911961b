// End-to-end benchmark of `polex extract` over a large corpus, and of the peers.
//
//   polex_bench_batch [--mb 100] [--sizes 10,100] [--gb] [--jobs 1,2] [--peers] [--peer-mb 0.5]
//                     [--polex PATH] [--corpus DIR] [--keep]
//
// Builds a corpus in a temporary directory from the sample documents (repeated
// to the largest size asked), runs `polex extract -f jsonl -o /dev/null` over
// prefixes of it as a child process, and prints for each run MB/s and docs/s
// (wall clock, and per CPU second: user + system time of the child, which the
// load of a shared machine does not skew), and the child's peak RSS.
// --gb adds a 1 GB run to the linearity series. --peers runs the Node peers
// (bench/peers/install.sh installs them) on the same documents and prints
// polex's speed as a ratio to each, CPU second against CPU second.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Measure {
  double wall_s = 0, cpu_s = 0;
  long peak_rss_kb = 0;
  int exit_code = -1;
  std::string out;
};

// Runs argv as a child with stdout captured (when capture) and stderr discarded.
Measure run_child(const std::vector<std::string>& argv, bool capture) {
  int pipefd[2] = {-1, -1};
  if (capture && pipe(pipefd) != 0) return {};
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (capture) {
      dup2(pipefd[1], STDOUT_FILENO);
      close(pipefd[0]);
      close(pipefd[1]);
    }
    FILE* null = std::fopen("/dev/null", "w");
    if (null) dup2(fileno(null), STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  Measure m;
  if (capture) {
    close(pipefd[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(pipefd[0], buf, sizeof buf)) > 0) m.out.append(buf, n);
    close(pipefd[0]);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  m.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.cpu_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  m.peak_rss_kb = usage.ru_maxrss;
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return m;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Corpus {
  std::vector<std::string> paths;
  std::vector<uint64_t> cumulative_bytes;  // after each file
};

// Writes the sample documents over and over into dir until `bytes` are written.
Corpus build_corpus(const fs::path& sample_dir, const fs::path& dir, uint64_t bytes) {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& e : fs::directory_iterator(sample_dir))
    if (e.path().extension() == ".txt") docs.emplace_back(e.path().stem().string(), read_file(e.path()));
  std::sort(docs.begin(), docs.end());
  Corpus c;
  if (docs.empty()) return c;
  uint64_t total = 0;
  char name[64];
  for (size_t i = 0; total < bytes; ++i) {
    const auto& [id, text] = docs[i % docs.size()];
    // 1000 files a folder: file systems and `ls` stay quick.
    fs::path sub = dir / std::to_string(i / 1000);
    if (i % 1000 == 0) fs::create_directories(sub);
    std::snprintf(name, sizeof name, "%07zu_", i);
    fs::path p = sub / (name + id + ".txt");
    std::ofstream(p, std::ios::binary) << text;
    total += text.size();
    c.paths.push_back(p.string());
    c.cumulative_bytes.push_back(total);
  }
  return c;
}

// The list file of the corpus prefix holding at least `bytes`; returns its byte and document counts.
std::string write_list(const Corpus& c, const fs::path& dir, uint64_t bytes, uint64_t* got_bytes, size_t* docs) {
  size_t n = std::lower_bound(c.cumulative_bytes.begin(), c.cumulative_bytes.end(), bytes) - c.cumulative_bytes.begin();
  n = std::min(n + 1, c.paths.size());
  fs::path list = dir / ("list_" + std::to_string(bytes) + ".txt");
  std::ofstream out(list);
  for (size_t i = 0; i < n; ++i) out << c.paths[i] << "\n";
  *got_bytes = c.cumulative_bytes[n - 1];
  *docs = n;
  return list.string();
}

struct PolexRun {
  double mb = 0, docs = 0;
  Measure m;
  double mb_per_cpu_s() const { return m.cpu_s > 0 ? mb / m.cpu_s : 0; }
  double mb_per_wall_s() const { return m.wall_s > 0 ? mb / m.wall_s : 0; }
};

PolexRun run_polex(const std::string& polex, const std::string& list, unsigned jobs, uint64_t bytes, size_t docs) {
  PolexRun r;
  r.mb = bytes / 1e6;
  r.docs = docs;
  r.m = run_child({polex, "extract", "-f", "jsonl", "-q", "-j", std::to_string(jobs), "-o", "/dev/null",
                   "--files-from", list},
                  false);
  return r;
}

void print_run(const char* label, unsigned jobs, const PolexRun& r) {
  std::printf("%-12s jobs %-2u %8.1f MB %7.0f docs  wall %7.2f s %7.1f MB/s %7.0f docs/s | cpu %7.2f s %6.1f MB/cpu-s | peak RSS %6.1f MB%s\n",
              label, jobs, r.mb, r.docs, r.m.wall_s, r.mb_per_wall_s(), r.docs / std::max(r.m.wall_s, 1e-9), r.m.cpu_s,
              r.mb_per_cpu_s(), r.m.peak_rss_kb / 1024.0, r.m.exit_code == 0 ? "" : "  (polex FAILED)");
  std::fflush(stdout);
}

std::vector<double> parse_list(const std::string& s) {
  std::vector<double> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item == "all" ? 0 : std::atof(item.c_str()));
  return out;
}

double load_average() {
  double l[1] = {0};
  return getloadavg(l, 1) == 1 ? l[0] : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string polex = POLEX_BENCH_BINARY;
  fs::path sample = POLEX_BENCH_CORPUS;
  double mb = 100, peer_mb = 5, slow_peer_mb = 0.5;
  std::vector<double> sizes = {10, 100};
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<double> jobs = {1, static_cast<double>(cores)};
  bool peers = false, keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--mb") mb = std::atof(value().c_str());
    else if (a == "--sizes") sizes = parse_list(value());
    else if (a == "--gb") sizes.push_back(1000);
    else if (a == "--jobs") jobs = parse_list(value());
    else if (a == "--peers") peers = true;
    else if (a == "--peer-mb") peer_mb = std::atof(value().c_str());
    else if (a == "--slow-peer-mb") slow_peer_mb = std::atof(value().c_str());
    else if (a == "--polex") polex = value();
    else if (a == "--corpus") sample = value();
    else if (a == "--keep") keep = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--mb 100] [--sizes 10,100] [--gb] [--jobs 1,%u] [--peers] [--peer-mb 5] [--slow-peer-mb 0.5] "
                   "[--polex PATH] [--corpus DIR] [--keep]\n",
                   argv[0], cores);
      return 2;
    }
  }
  for (double& j : jobs)
    if (j == 0) j = cores;
  double largest = std::max(mb, *std::max_element(sizes.begin(), sizes.end()));
  fs::path dir = fs::temp_directory_path() / ("polex_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::printf("polex benchmark: %s\nbuilding a %.0f MB corpus from %s in %s ...\n", polex.c_str(), largest,
              sample.string().c_str(), dir.string().c_str());
  std::fflush(stdout);
  Corpus corpus = build_corpus(sample, dir / "corpus", static_cast<uint64_t>(largest * 1e6));
  if (corpus.paths.empty()) {
    std::fprintf(stderr, "no .txt files in %s\n", sample.string().c_str());
    return 2;
  }
  std::printf("load average %.1f on %u cores (wall-clock figures suffer from load; per-CPU-second ones much less)\n\n",
              load_average(), cores);

  uint64_t bytes;
  size_t docs;
  // Startup (rules compiled, pipeline built) is paid once per run; the peers'
  // model loading is outside their clock, so the ratios leave it out too.
  std::ofstream(dir / "empty_list.txt").close();
  PolexRun startup = run_polex(polex, (dir / "empty_list.txt").string(), 1, 0, 0);
  std::printf("startup (rules compiled, no document): cpu %.3f s, peak RSS %.1f MB\n\n", startup.m.cpu_s,
              startup.m.peak_rss_kb / 1024.0);
  std::printf("== throughput at %.0f MB ==\n", mb);
  std::string list = write_list(corpus, dir, static_cast<uint64_t>(mb * 1e6), &bytes, &docs);
  PolexRun one, all_cores;
  for (double j : jobs) {
    PolexRun r = run_polex(polex, list, static_cast<unsigned>(j), bytes, docs);
    if (j == 1) one = r;
    if (j == cores) all_cores = r;
    print_run("throughput", static_cast<unsigned>(j), r);
    if (j > 1 && one.m.wall_s > 0)
      std::printf("             speed-up over jobs 1: %.2fx wall\n", one.m.wall_s / r.m.wall_s);
  }

  std::printf("\n== linearity (jobs %u) ==\n", cores);
  for (double s : sizes) {
    if (s == mb && all_cores.m.wall_s > 0) {  // measured above
      print_run("linearity", cores, all_cores);
      continue;
    }
    list = write_list(corpus, dir, static_cast<uint64_t>(s * 1e6), &bytes, &docs);
    print_run("linearity", cores, run_polex(polex, list, cores, bytes, docs));
  }

  if (peers) {
    // wink-nlp and compromise read peer_mb (5 MB, the protocol: enough for
    // both sides' warm-up, a JIT's and RE2's lazily built automata, to fade);
    // Recognizers-Text, at ~0.01 MB per CPU second, reads slow_peer_mb. polex
    // reads the same documents as each peer.
    std::printf("\n== peers on the same documents (ratio = polex MB per CPU-second / peer's) ==\n");
    fs::path runner = fs::path(POLEX_BENCH_SOURCE_DIR) / "peers" / "run_peer.js";
    std::map<double, std::pair<std::string, double>> polex_on;  // size -> document list, polex's rate
    auto polex_rate_on = [&](double size) -> const std::pair<std::string, double>& {
      auto it = polex_on.find(size);
      if (it != polex_on.end()) return it->second;
      std::string size_list = write_list(corpus, dir, static_cast<uint64_t>(size * 1e6), &bytes, &docs);
      PolexRun p = run_polex(polex, size_list, 1, bytes, docs);
      print_run("polex", 1, p);
      double rate = p.mb / std::max(p.m.cpu_s - startup.m.cpu_s, 1e-9);
      std::printf("%-12s %.1f MB/cpu-s on these %.2f MB, without startup\n", "polex", rate, p.mb);
      return polex_on[size] = {size_list, rate};
    };
    for (const char* peer : {"wink", "compromise", "recognizers"}) {
      const auto& [peer_list, polex_rate] = polex_rate_on(std::string(peer) == "recognizers" ? slow_peer_mb : peer_mb);
      Measure m = run_child({"node", runner.string(), peer, peer_list}, true);
      nlohmann::json j = nlohmann::json::parse(m.out, nullptr, false);
      if (m.exit_code != 0 || j.is_discarded()) {
        std::printf("%-12s did not run (bench/peers/install.sh installs the peers)\n", peer);
        continue;
      }
      double peer_mb_done = j["bytes"].get<double>() / 1e6;
      double cpu = j["cpu_s"].get<double>(), wall = j["wall_s"].get<double>();
      double rate = peer_mb_done / std::max(cpu, 1e-9);
      std::printf("%-12s %6.2f MB %5d docs  wall %7.2f s %7.3f MB/s | cpu %7.2f s %7.3f MB/cpu-s | %d entities | polex is %.1fx faster\n",
                  peer, peer_mb_done, j["documents"].get<int>(), wall, peer_mb_done / std::max(wall, 1e-9), cpu, rate,
                  j["entities"].get<int>(), polex_rate / rate);
      std::fflush(stdout);
    }
  }
  if (!keep) fs::remove_all(dir);
  return 0;
}
