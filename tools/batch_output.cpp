#include "tools/batch_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace polex::cli {

namespace {

constexpr size_t kBufferBytes = 1 << 20;
// Pieces at least this long go straight to write(2): copying a document's JSON
// into the buffer would cost more than the system call it saves.
constexpr size_t kDirectBytes = 64 << 10;

// Writes all of bytes to fd. Returns 0 or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(n);
  }
  return 0;
}

}  // namespace

StreamOutput::~StreamOutput() {
  std::string ignored;
  close(&ignored);
}

bool StreamOutput::open(const std::string& path, std::string* error) {
  if (path.empty() || path == "-") {
    fd_ = STDOUT_FILENO;
    return true;
  }
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  owned_ = true;
  return true;
}

void StreamOutput::write(std::string_view bytes) {
  if (errno_) return;
  if (buffer_.size() + bytes.size() > kBufferBytes || bytes.size() >= kDirectBytes) flush();
  if (bytes.size() >= kDirectBytes) {
    if (!errno_) errno_ = write_all(fd_, bytes);
    return;
  }
  buffer_.append(bytes);
}

bool StreamOutput::flush() {
  if (!errno_ && !buffer_.empty()) errno_ = write_all(fd_, buffer_);
  buffer_.clear();
  return errno_ == 0;
}

bool StreamOutput::close(std::string* error) {
  if (fd_ < 0) return errno_ == 0;
  flush();
  if (owned_ && ::close(fd_) != 0 && !errno_) errno_ = errno;
  fd_ = -1;
  if (errno_) *error = std::string("cannot write the output: ") + std::strerror(errno_);
  return errno_ == 0;
}

std::string safe_relative_path(const std::string& id) {
  std::string out;
  size_t begin = 0;
  for (;;) {
    size_t end = id.find('/', begin);
    std::string part = id.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    for (char& c : part)
      if (static_cast<unsigned char>(c) < 0x20 || c == '\\') c = '_';
    if (part.empty() || part == "." || part == "..") part.assign(1, '_');
    if (!out.empty()) out += '/';
    out += part;
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return out;
}

bool DirOutput::open(const std::string& dir, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir, ec)) {
    *error = "cannot create directory " + dir + (ec ? ": " + ec.message() : "");
    return false;
  }
  dir_ = dir;
  return true;
}

bool DirOutput::write(const std::string& id, std::string_view extension, std::string_view bytes,
                      std::string* error) {
  std::string rel = safe_relative_path(id);
  rel.append(extension);
  if (!written_.insert(rel).second) {
    *error = "another document already wrote " + rel + " (duplicate id)";
    return false;
  }
  std::filesystem::path path = std::filesystem::path(dir_) / rel;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::string temp_name = ".";
  temp_name += path.filename().string();
  temp_name += ".tmp";
  std::filesystem::path temp = path.parent_path() / temp_name;
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot write " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  int err = write_all(fd, bytes);
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && std::rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err) {
    std::filesystem::remove(temp, ec);
    *error = "cannot write " + path.string() + ": " + std::strerror(err);
    return false;
  }
  return true;
}

}  // namespace polex::cli
