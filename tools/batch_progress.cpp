#include "tools/batch_progress.h"

#include <cstdio>

namespace polex::cli {

Progress::Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

void Progress::set_totals(uint64_t documents, uint64_t bytes) {
  total_documents_ = documents;
  total_bytes_ = bytes;
}

void Progress::erase() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  drawn_ = false;
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = bytes_ / 1e6;
  double rate = seconds > 0 ? mb / seconds : 0;
  char line[256];
  int n = 0;
  if (total_documents_ > 0) {
    constexpr int kWidth = 24;
    // Bytes measure the work better than documents when both are known.
    double done = total_bytes_ > 0 ? static_cast<double>(bytes_) / total_bytes_
                                   : static_cast<double>(documents_) / total_documents_;
    if (done > 1) done = 1;
    int filled = static_cast<int>(done * kWidth);
    char bar[kWidth + 1];
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
    bar[kWidth] = 0;
    double eta = done > 0 ? seconds * (1 - done) / done : 0;
    n = std::snprintf(line, sizeof line, "[%s] %llu/%llu docs  %.1f/%.1f MB  %.1f MB/s  ETA %d:%02d", bar,
                      static_cast<unsigned long long>(documents_), static_cast<unsigned long long>(total_documents_),
                      mb, total_bytes_ / 1e6, rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  } else {
    n = std::snprintf(line, sizeof line, "%llu docs  %.1f MB  %.1f MB/s  %d:%02d",
                      static_cast<unsigned long long>(documents_), mb, rate, static_cast<int>(seconds) / 60,
                      static_cast<int>(seconds) % 60);
  }
  if (n < 0) return;
  std::fprintf(stderr, "\r%s\x1b[K", line);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::message(const std::string& line) {
  erase();
  std::fprintf(stderr, "%s\n", line.c_str());
  if (enabled_) draw(true);
}

void Progress::finish() {
  erase();
  std::fflush(stderr);
  enabled_ = false;
}

}  // namespace polex::cli
