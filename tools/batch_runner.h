// Runs one function over a stream of inputs on N threads and hands the results
// back on the calling thread, in input order unless told otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tools/batch_inputs.h"

namespace polex::cli {

// What became of one input.
struct DocOutcome {
  uint64_t index = 0;
  std::string id;
  std::string source;
  std::string output;  // what to write for it (a JSON line, clean text, ...)
  std::string error;   // non-empty: the input failed and `output` is unused
  std::vector<std::string> warnings;
  uint64_t bytes = 0;  // input bytes read
  std::vector<std::pair<std::string, uint64_t>> annotations;  // count per type
};

struct RunnerOptions {
  unsigned jobs = 1;
  bool ordered = true;
  // Most inputs listed but not yet delivered: bounds the memory held by
  // queued inputs, documents in work and the reordering buffer.
  size_t window = 16;
  // How often `idle` is called while waiting (progress updates).
  std::chrono::milliseconds tick{100};
};

// Lists inputs with `next` (on one producer thread), runs `work` on each (on
// `jobs` worker threads, concurrently), and calls `deliver` on the calling
// thread for every outcome: in listing order when options.ordered. `idle` is
// called on the calling thread after each batch of deliveries and at every tick.
// `work` must not throw; an exception it lets through becomes the outcome's error.
void run_parallel(const RunnerOptions& options, const std::function<bool(InputItem*)>& next,
                  const std::function<DocOutcome(InputItem&)>& work,
                  const std::function<void(DocOutcome&)>& deliver, const std::function<void()>& idle);

}  // namespace polex::cli
