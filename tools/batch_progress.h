// A one-line progress bar on stderr (documents, MB, MB/s, ETA), drawn only
// when stderr is a terminal; messages printed through it do not garble it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace polex::cli {

class Progress {
 public:
  // enabled: draw the bar (callers pass isatty(stderr) unless told otherwise).
  explicit Progress(bool enabled);
  // Totals, when known, give the bar its length and the ETA.
  void set_totals(uint64_t documents, uint64_t bytes);
  void add(uint64_t bytes) {
    ++documents_;
    bytes_ += bytes;
  }
  // Redraws the bar, at most ten times a second unless forced.
  void draw(bool force = false);
  // Prints a line of text above the bar.
  void message(const std::string& line);
  // Erases the bar for good.
  void finish();

 private:
  void erase();

  bool enabled_;
  bool drawn_ = false;
  uint64_t documents_ = 0, bytes_ = 0;
  uint64_t total_documents_ = 0, total_bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace polex::cli
