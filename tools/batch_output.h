// Where a batch run writes: one stream (stdout or -o FILE), or one file per
// document in a directory (--out-dir), each written whole or not at all.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace polex::cli {

// A buffered stream on a file descriptor. Write errors are sticky.
class StreamOutput {
 public:
  StreamOutput() = default;
  StreamOutput(const StreamOutput&) = delete;
  StreamOutput& operator=(const StreamOutput&) = delete;
  ~StreamOutput();

  // Opens path for writing ("" or "-" = stdout). Returns false and sets *error on failure.
  bool open(const std::string& path, std::string* error);
  void write(std::string_view bytes);
  // Writes the buffer out. Returns false once any write failed.
  bool flush();
  // Flushes and closes. Returns false if any write failed; *error says why.
  bool close(std::string* error);

 private:
  int fd_ = -1;
  bool owned_ = false;
  int errno_ = 0;
  std::string buffer_;
};

// One file per document: DIR/<id><extension>, ids with '/' making subfolders.
class DirOutput {
 public:
  // Creates the directory. Returns false and sets *error on failure.
  bool open(const std::string& dir, std::string* error);
  // Writes bytes to the document's file through a temporary name and a
  // rename. A second document with the same file name is refused.
  bool write(const std::string& id, std::string_view extension, std::string_view bytes, std::string* error);

 private:
  std::string dir_;
  std::unordered_set<std::string> written_;
};

// A relative path made from a document id that cannot leave the directory:
// empty, "." and ".." components and control characters are replaced.
std::string safe_relative_path(const std::string& id);

}  // namespace polex::cli
