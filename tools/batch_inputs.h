// The inputs of a batch run, listed lazily in a deterministic order: files,
// directories (walked recursively, entries sorted by name), a file list
// (--files-from) and JSONL records ({"id": ..., "text": ...}).
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace polex::cli {

// One input document before it is read. Listing never fails: a path that
// cannot be listed becomes an input of kind kError, so it is accounted for.
struct InputItem {
  enum class Kind { kFile, kStdin, kRecord, kError };
  Kind kind = Kind::kFile;
  uint64_t index = 0;  // position in the run's (sharded) input order
  std::string id;      // document id; for kRecord, replaced by the record's "id" when it has one
  std::string source;  // the path, "-", or "FILE:LINE" of a record
  std::string text;    // kRecord: the JSONL line; kError: the error
};

struct InputSpec {
  std::vector<std::string> paths;  // files, directories, "-" (stdin as one document)
  std::string files_from;          // a file listing paths, one a line ("-" = stdin); "" for none
  std::string records;             // a JSONL file of {"id","text"} records ("-" = stdin); "" for none
  std::string glob = "*.txt";      // file names taken from directories (fnmatch; with '/', the relative path)
  uint32_t shard_index = 0;        // keep input k when k % shard_count == shard_index
  uint32_t shard_count = 1;
};

// Lists the inputs of a spec: positional paths, then --files-from, then
// --records. Not thread-safe: one thread calls next().
class InputLister {
 public:
  explicit InputLister(InputSpec spec);
  ~InputLister();
  // Returns true and fills *item with the next input of this shard, or false at the end.
  bool next(InputItem* item);

 private:
  struct DirFrame;
  bool next_unsharded(InputItem* item);
  // Expands one path (file, directory or "-"): pushes a directory walk or fills *item.
  bool expand_path(const std::string& path, InputItem* item);
  bool next_from_walk(InputItem* item);

  InputSpec spec_;
  size_t path_pos_ = 0;
  std::unique_ptr<std::ifstream> list_file_;
  std::istream* list_ = nullptr;
  bool list_done_ = false;
  std::unique_ptr<std::ifstream> records_file_;
  std::istream* records_ = nullptr;
  bool records_done_ = false;
  uint64_t record_line_ = 0;
  std::vector<std::unique_ptr<DirFrame>> walk_;  // the directories being walked, innermost last
  uint64_t listed_ = 0;                         // inputs listed before sharding
  uint64_t kept_ = 0;                           // inputs of this shard
};

// Reads an input's document bytes (a file, stdin, or the text of a record),
// refusing documents longer than max_bytes (0 = no limit). For a record, also
// sets item->id. Returns false and sets *error when the input cannot be read
// or decoded.
bool load_input(InputItem* item, uint64_t max_bytes, std::string* bytes, std::string* error);

// Parses "I/N" (0 <= I < N). Returns false on a malformed value.
bool parse_shard(const std::string& value, uint32_t* index, uint32_t* count);

// Parses a byte count with an optional K, M or G suffix (powers of 1024).
bool parse_byte_count(const std::string& value, uint64_t* bytes);

}  // namespace polex::cli
