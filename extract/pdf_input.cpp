#include "extract/pdf_input.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

extern char** environ;

namespace polex {

namespace {

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "polex-pdf-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    fd_ = mkstemp(buf.data());
    if (fd_ >= 0) path_ = buf.data();
  }
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    if (!path_.empty()) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }
  bool write_all(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

 private:
  int fd_ = -1;
  std::string path_;
};

// Runs argv, collecting its stdout and stderr (read together with poll, so
// neither pipe can fill up and stall the child). Returns the exit status, or
// -1 with `out` set to the reason when it could not be started.
int run_program(const std::vector<std::string>& args, std::string* out, std::string* err) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0) {
    *out = std::strerror(errno);
    return -1;
  }
  if (pipe(err_pipe) != 0) {
    *out = std::strerror(errno);
    close(out_pipe[0]);
    close(out_pipe[1]);
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    *out = std::strerror(rc);
    return -1;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {out, err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[k]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[k].fd);
        fds[k].fd = -1;  // poll ignores negative descriptors
        --open_fds;
      }
    }
  }
  for (pollfd& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Result<std::string> pdf_to_text(std::string_view pdf_bytes, const std::string& pdftotext) {
  // pdftotext reads files only, not pipes.
  TempFile file;
  if (!file.ok() || !file.write_all(pdf_bytes)) return Status::error("cannot write a temporary file for the PDF");
  std::string out, err;
  int code = run_program({pdftotext, "-enc", "UTF-8", "-eol", "unix", file.path(), "-"}, &out, &err);
  if (code < 0)
    return Status::error("cannot run " + pdftotext + " (" + out + "); install poppler-utils to read PDF files");
  if (code != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    return Status::error(pdftotext + " failed (exit " + std::to_string(code) + ")" + (err.empty() ? "" : ": " + err));
  }
  return out;
}

bool read_pdf_text(std::string* bytes, std::string* error) {
  if (!looks_like_pdf(*bytes)) return true;
  auto text = pdf_to_text(*bytes);
  if (!text.ok()) {
    *error = text.status().message();
    return false;
  }
  *bytes = std::move(text).value();
  return true;
}

void add_page_annotations(Document& doc) {
  const std::string& raw = doc.raw.utf8;
  if (raw.find('\f') == std::string::npos) return;
  size_t first_new = doc.annotations.size();
  uint32_t begin = 0;
  int number = 0;
  while (begin < raw.size()) {
    size_t ff = raw.find('\f', begin);
    uint32_t end = static_cast<uint32_t>(ff == std::string::npos ? raw.size() : ff);
    doc.add_raw("page", begin, end, {{"number", ++number}});
    if (ff == std::string::npos) break;
    begin = end + 1;
  }
  std::inplace_merge(doc.annotations.begin(), doc.annotations.begin() + static_cast<std::ptrdiff_t>(first_new),
                     doc.annotations.end(), annotation_less);
}

}  // namespace polex
