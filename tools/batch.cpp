#include "tools/batch.h"

#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tools/batch_output.h"
#include "tools/batch_progress.h"
#include "tools/batch_summary.h"
#include "tools/cli.h"

namespace polex::cli {

namespace {

// Warnings beyond this many are only counted (they are in the output anyway).
constexpr int kMaxWarningLines = 20;

// The cores this process may run on (taskset, cgroup cpusets), else all of them.
unsigned default_jobs() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  return std::max(1u, std::thread::hardware_concurrency());
}

// Counts the inputs and their bytes, for the progress bar's ETA. Only when
// listing does not consume stdin and no records are read (they are counted as they come).
bool count_inputs(const InputSpec& spec, uint64_t* documents, uint64_t* bytes) {
  if (spec.files_from == "-" || !spec.records.empty()) return false;
  for (const std::string& p : spec.paths)
    if (p == "-") return false;
  InputLister lister(spec);
  InputItem item;
  while (lister.next(&item)) {
    ++*documents;
    struct stat st {};
    if (item.kind == InputItem::Kind::kFile && ::stat(item.source.c_str(), &st) == 0) *bytes += st.st_size;
  }
  return true;
}

}  // namespace

std::string error_record_json(const std::string& id, const std::string& error) {
  nlohmann::ordered_json record = {{"schema", 1}, {"document", {{"id", id}}}, {"error", error}};
  return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void add_batch_options(po::options_description& options, po::positional_options_description& positional) {
  options.add_options()
      ("input", po::value<std::vector<std::string>>()->multitoken(),
       "input files or directories ('-' = stdin as one document)")
      ("files-from", po::value<std::string>(), "read input paths from FILE, one a line ('-' = stdin)")
      ("records", po::value<std::string>(),
       "read documents from a JSONL FILE of {\"id\": ..., \"text\": ...} records ('-' = stdin)")
      ("glob", po::value<std::string>()->default_value("*.txt"),
       "files taken from directories (walked recursively): a name pattern, or with '/' a relative-path pattern")
      ("jobs,j", po::value<unsigned>()->default_value(0), "worker threads (0 = all cores)")
      ("unordered", "write each document as it finishes instead of in input order")
      ("output,o", po::value<std::string>(), "output file (default: stdout)")
      ("out-dir", po::value<std::string>(), "write one file per document into DIR instead of one stream")
      ("shard", po::value<std::string>(), "process only shard I/N of the inputs (input k when k % N == I; 0 <= I < N)")
      ("max-doc-bytes", po::value<std::string>()->default_value("256M"),
       "refuse documents longer than this (K, M, G suffixes; 0 = no limit)")
      ("summary", po::value<std::string>(), "write the run's summary as JSON to FILE")
      ("quiet,q", "no progress bar, warnings or summary on stderr (errors are still printed)");
  positional.add("input", -1);
}

int run_batch(const po::variables_map& vm, const std::string& usage, const DocumentHandler& handler) {
  auto start = std::chrono::steady_clock::now();
  InputSpec spec;
  if (vm.count("input")) spec.paths = vm["input"].as<std::vector<std::string>>();
  if (vm.count("files-from")) spec.files_from = vm["files-from"].as<std::string>();
  if (vm.count("records")) spec.records = vm["records"].as<std::string>();
  spec.glob = vm["glob"].as<std::string>();
  if (spec.paths.empty() && spec.files_from.empty() && spec.records.empty()) {
    std::cerr << "polex: no input files\n" << usage << "\n";
    return kExitUsage;
  }
  int stdin_users = (spec.files_from == "-") + (spec.records == "-");
  for (const std::string& p : spec.paths) stdin_users += p == "-";
  if (stdin_users > 1) {
    std::cerr << "polex: stdin ('-') can be read only once\n";
    return kExitUsage;
  }
  if (vm.count("shard") && !parse_shard(vm["shard"].as<std::string>(), &spec.shard_index, &spec.shard_count)) {
    std::cerr << "polex: --shard must be I/N with 0 <= I < N\n";
    return kExitUsage;
  }
  uint64_t max_bytes = 0;
  if (!parse_byte_count(vm["max-doc-bytes"].as<std::string>(), &max_bytes)) {
    std::cerr << "polex: --max-doc-bytes must be a byte count (e.g. 1000000, 64M, 1G)\n";
    return kExitUsage;
  }
  if (vm.count("output") && vm.count("out-dir")) {
    std::cerr << "polex: --output and --out-dir exclude each other\n";
    return kExitUsage;
  }
  bool quiet = vm.count("quiet");

  StreamOutput stream;
  DirOutput dir;
  bool to_dir = vm.count("out-dir");
  std::string error;
  if (to_dir ? !dir.open(vm["out-dir"].as<std::string>(), &error)
             : !stream.open(vm.count("output") ? vm["output"].as<std::string>() : "", &error)) {
    std::cerr << "polex: " << error << "\n";
    return kExitUsage;
  }
  if (!to_dir && !handler.header.empty()) stream.write(handler.header);
  std::unique_ptr<std::ofstream> summary_file;
  if (vm.count("summary")) {
    summary_file = std::make_unique<std::ofstream>(vm["summary"].as<std::string>(), std::ios::binary);
    if (!*summary_file) {
      std::cerr << "polex: cannot write " << vm["summary"].as<std::string>() << "\n";
      return kExitUsage;
    }
  }

  RunnerOptions options;
  options.jobs = vm["jobs"].as<unsigned>();
  if (options.jobs == 0) options.jobs = default_jobs();
  options.ordered = !vm.count("unordered");
  options.window = 4 * static_cast<size_t>(options.jobs) + 4;

  Progress progress(!quiet && isatty(STDERR_FILENO));
  if (!quiet && isatty(STDERR_FILENO)) {
    uint64_t documents = 0, bytes = 0;
    if (count_inputs(spec, &documents, &bytes)) progress.set_totals(documents, bytes);
  }

  InputLister lister(spec);
  Summary summary;
  int warning_lines = 0;
  auto next = [&](InputItem* item) { return lister.next(item); };
  auto work = [&](InputItem& item) {
    DocOutcome outcome;
    std::string bytes;
    bool loaded = load_input(&item, max_bytes, &bytes, &outcome.error);
    outcome.id = item.id;
    outcome.source = item.source;
    if (!loaded) return outcome;
    outcome.bytes = bytes.size();
    handler.process(outcome.id, bytes, &outcome);
    return outcome;
  };
  auto deliver = [&](DocOutcome& outcome) {
    if (outcome.error.empty() && to_dir) {
      std::string write_error;
      if (!dir.write(outcome.id, handler.extension, outcome.output, &write_error)) outcome.error = write_error;
    } else if (outcome.error.empty()) {
      stream.write(outcome.output);
    }
    if (!outcome.error.empty()) {
      progress.message("polex: " + outcome.source + ": " + outcome.error);
      if (to_dir) {
        std::string ignored;
        (void)dir.write(outcome.id, ".error.json", error_record_json(outcome.id, outcome.error), &ignored);
      } else if (handler.error_record) {
        stream.write(handler.error_record(outcome.id, outcome.error));
      }
    } else if (!quiet) {
      for (const std::string& w : outcome.warnings) {
        if (warning_lines < kMaxWarningLines) progress.message("polex: " + outcome.source + ": warning: " + w);
        else if (warning_lines == kMaxWarningLines) progress.message("polex: further warnings are only counted");
        ++warning_lines;
      }
    }
    summary.add(outcome);
    progress.add(outcome.bytes);
    std::string().swap(outcome.output);
  };
  auto idle = [&] {
    stream.flush();  // keeps a pipe moving when inputs trickle in
    progress.draw();
  };
  run_parallel(options, next, work, deliver, idle);
  progress.finish();

  int exit_code = summary.failed() ? kExitInputFailed : kExitOk;
  if (!to_dir && !stream.close(&error)) {
    std::cerr << "polex: " << error << "\n";
    exit_code = kExitUsage;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet) std::cerr << summary.text(seconds) << "\n";
  if (summary_file) {
    *summary_file << summary.to_json(seconds).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    summary_file->close();
    if (!*summary_file) {
      std::cerr << "polex: cannot write " << vm["summary"].as<std::string>() << "\n";
      exit_code = kExitUsage;
    }
  }
  return exit_code;
}

}  // namespace polex::cli
