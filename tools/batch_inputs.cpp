#include "tools/batch_inputs.h"

#include "extract/pdf_input.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/cli.h"

namespace polex::cli {

namespace fs = std::filesystem;

// A directory being walked: its entries sorted by name, so the order does not
// depend on the file system.
struct InputLister::DirFrame {
  fs::path dir;
  std::string rel;  // relative to the walk's root, "" for the root, else ending in '/'
  std::vector<std::string> names;
  size_t pos = 0;
  bool listed = false;
};

InputLister::InputLister(InputSpec spec) : spec_(std::move(spec)) {
  if (!spec_.files_from.empty()) {
    if (spec_.files_from == "-") {
      list_ = &std::cin;
    } else {
      list_file_ = std::make_unique<std::ifstream>(spec_.files_from);
      list_ = list_file_.get();
    }
  }
  if (!spec_.records.empty()) {
    if (spec_.records == "-") {
      records_ = &std::cin;
    } else {
      records_file_ = std::make_unique<std::ifstream>(spec_.records, std::ios::binary);
      records_ = records_file_.get();
    }
  }
}

InputLister::~InputLister() = default;

bool InputLister::next(InputItem* item) {
  while (next_unsharded(item)) {
    if (listed_++ % spec_.shard_count != spec_.shard_index) continue;
    item->index = kept_++;
    return true;
  }
  return false;
}

namespace {

InputItem error_item(std::string source, std::string error) {
  InputItem item;
  item.kind = InputItem::Kind::kError;
  item.id = document_id(source);
  item.source = std::move(source);
  item.text = std::move(error);
  return item;
}

std::string without_extension(const std::string& rel) {
  size_t slash = rel.rfind('/');
  size_t dot = rel.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == slash + 1 ||
      (slash == std::string::npos && dot == 0))
    return rel;
  return rel.substr(0, dot);
}

}  // namespace

bool InputLister::next_unsharded(InputItem* item) {
  for (;;) {
    if (!walk_.empty()) {
      if (next_from_walk(item)) return true;
      continue;  // the walk ended
    }
    if (path_pos_ < spec_.paths.size()) {
      if (expand_path(spec_.paths[path_pos_++], item)) return true;
      continue;
    }
    if (list_ && !list_done_) {
      if (list_file_ && !*list_file_) {
        list_done_ = true;
        *item = error_item(spec_.files_from, "cannot read the file list");
        return true;
      }
      std::string line;
      if (!std::getline(*list_, line)) {
        list_done_ = true;
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      if (expand_path(line, item)) return true;
      continue;
    }
    if (records_ && !records_done_) {
      if (records_file_ && !*records_file_) {
        records_done_ = true;
        *item = error_item(spec_.records, "cannot read the records file");
        return true;
      }
      std::string line;
      if (!std::getline(*records_, line)) {
        records_done_ = true;
        continue;
      }
      ++record_line_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      *item = InputItem{};
      item->kind = InputItem::Kind::kRecord;
      std::string line_number = ":" + std::to_string(record_line_);
      bool from_stdin = spec_.records == "-";
      item->source = (from_stdin ? std::string("stdin") : spec_.records) + line_number;
      // Until the record is decoded; kept when it has no id.
      item->id = (from_stdin ? std::string("stdin") : fs::path(spec_.records).filename().string()) + line_number;
      item->text = std::move(line);
      return true;
    }
    return false;
  }
}

bool InputLister::expand_path(const std::string& path, InputItem* item) {
  if (path == "-") {
    *item = InputItem{};
    item->kind = InputItem::Kind::kStdin;
    item->id = "stdin";
    item->source = "-";
    return true;
  }
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    auto frame = std::make_unique<DirFrame>();
    frame->dir = path;
    walk_.push_back(std::move(frame));
    return false;  // the walk lists the files
  }
  *item = InputItem{};
  item->kind = InputItem::Kind::kFile;
  item->id = document_id(path);
  item->source = path;
  return true;  // a missing file fails when it is read, with the reason
}

bool InputLister::next_from_walk(InputItem* item) {
  DirFrame& frame = *walk_.back();
  if (!frame.listed) {
    frame.listed = true;
    std::error_code ec;
    fs::directory_iterator it(frame.dir, ec);
    if (ec) {
      std::string source = frame.dir.string();
      walk_.pop_back();
      *item = error_item(source, "cannot list directory: " + ec.message());
      item->id = source;
      return true;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.') frame.names.push_back(std::move(name));  // hidden files are skipped
    }
    std::sort(frame.names.begin(), frame.names.end());
  }
  while (frame.pos < frame.names.size()) {
    const std::string& name = frame.names[frame.pos++];
    fs::path full = frame.dir / name;
    std::string rel = frame.rel + name;
    std::error_code ec;
    fs::file_status link = fs::symlink_status(full, ec);
    fs::file_status target = fs::status(full, ec);
    if (fs::is_directory(target)) {
      if (fs::is_symlink(link)) continue;  // never follow directory links: they can loop
      auto child = std::make_unique<DirFrame>();
      child->dir = full;
      child->rel = rel + "/";
      walk_.push_back(std::move(child));
      return false;  // the caller continues with the child
    }
    bool with_dirs = spec_.glob.find('/') != std::string::npos;
    if (fnmatch(spec_.glob.c_str(), with_dirs ? rel.c_str() : name.c_str(), 0) != 0) continue;
    *item = InputItem{};
    item->kind = InputItem::Kind::kFile;
    item->id = without_extension(rel);
    item->source = full.string();
    return true;
  }
  walk_.pop_back();
  return false;
}

namespace {

std::string size_error(uint64_t size, uint64_t max_bytes) {
  return "document is " + std::to_string(size) + " bytes, over --max-doc-bytes " + std::to_string(max_bytes);
}

// Reads all of fd, at most max_bytes (0 = no limit) + 1 bytes.
bool read_fd(int fd, uint64_t max_bytes, std::string* bytes, std::string* error) {
  struct stat st {};
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      *error = "is a directory";
      return false;
    }
    if (S_ISREG(st.st_mode)) {
      if (max_bytes && static_cast<uint64_t>(st.st_size) > max_bytes) {
        *error = size_error(st.st_size, max_bytes);
        return false;
      }
      bytes->reserve(st.st_size);
    }
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::string("cannot read: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    bytes->append(buf, n);
    if (max_bytes && bytes->size() > max_bytes) {
      *error = "document is over --max-doc-bytes " + std::to_string(max_bytes);
      return false;
    }
  }
  return true;
}

bool decode_record(InputItem* item, uint64_t max_bytes, std::string* bytes, std::string* error) {
  nlohmann::json record = nlohmann::json::parse(item->text, nullptr, /*allow_exceptions=*/false);
  std::string().swap(item->text);  // the line is not needed any more
  if (record.is_discarded()) {
    *error = "not a JSON record";
    return false;
  }
  if (!record.is_object()) {
    *error = "a record must be a JSON object {\"id\": ..., \"text\": ...}";
    return false;
  }
  auto id = record.find("id");
  if (id != record.end()) {
    if (id->is_string()) item->id = id->get<std::string>();
    else if (id->is_number_integer()) item->id = id->dump();
    else {
      *error = "the record's \"id\" must be a string or an integer";
      return false;
    }
  }
  auto text = record.find("text");
  if (text == record.end() || !text->is_string()) {
    *error = "the record has no string \"text\"";
    return false;
  }
  std::string& t = text->get_ref<std::string&>();
  if (max_bytes && t.size() > max_bytes) {
    *error = size_error(t.size(), max_bytes);
    return false;
  }
  *bytes = std::move(t);
  return true;
}

}  // namespace

bool load_input(InputItem* item, uint64_t max_bytes, std::string* bytes, std::string* error) {
  switch (item->kind) {
    case InputItem::Kind::kError:
      *error = item->text;
      return false;
    case InputItem::Kind::kRecord:
      return decode_record(item, max_bytes, bytes, error);
    case InputItem::Kind::kStdin:
      return read_fd(STDIN_FILENO, max_bytes, bytes, error) && read_pdf_text(bytes, error);
    case InputItem::Kind::kFile: break;
  }
  int fd = ::open(item->source.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno == ENOENT ? "no such file" : std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  bool ok = read_fd(fd, max_bytes, bytes, error);
  ::close(fd);
  return ok && read_pdf_text(bytes, error);  // a PDF is read as its text
}

bool parse_shard(const std::string& value, uint32_t* index, uint32_t* count) {
  size_t slash = value.find('/');
  if (slash == std::string::npos) return false;
  const char* b = value.data();
  auto [p1, e1] = std::from_chars(b, b + slash, *index);
  auto [p2, e2] = std::from_chars(b + slash + 1, b + value.size(), *count);
  return e1 == std::errc() && e2 == std::errc() && p1 == b + slash && p2 == b + value.size() && *count > 0 &&
         *index < *count;
}

bool parse_byte_count(const std::string& value, uint64_t* bytes) {
  if (value.empty()) return false;
  const char* b = value.data();
  const char* e = b + value.size();
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(b, e, n);
  if (ec != std::errc() || p == b) return false;
  uint64_t scale = 1;
  if (p != e) {
    switch (*p) {
      case 'k': case 'K': scale = 1ull << 10; break;
      case 'm': case 'M': scale = 1ull << 20; break;
      case 'g': case 'G': scale = 1ull << 30; break;
      default: return false;
    }
    ++p;
    if (p != e && (*p == 'B' || *p == 'b')) ++p;
    if (p != e) return false;
  }
  *bytes = n * scale;
  return true;
}

}  // namespace polex::cli
