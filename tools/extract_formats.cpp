#include "tools/extract_formats.h"

#include <filesystem>
#include <fstream>

#include "annotations/brat_writer.h"
#include "annotations/csv_writer.h"

namespace polex::cli {

namespace {

bool write_file(const std::filesystem::path& path, const std::string& bytes, std::string* error) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out.flush()) {
    *error = "cannot write " + path.string();
    return false;
  }
  return true;
}

}  // namespace

bool ExtraFormatWriter::supports(const std::string& format) { return format == "csv" || format == "brat"; }

std::unique_ptr<ExtraFormatWriter> ExtraFormatWriter::create(const std::string& format, const std::string& out_dir,
                                                             std::string* error) {
  auto writer = std::unique_ptr<ExtraFormatWriter>(new ExtraFormatWriter());
  writer->format_ = format;
  if (format == "brat") {
    if (out_dir.empty() || out_dir == "-") {
      *error = "--format brat writes .txt and .ann files: give their directory with -o DIR";
      return nullptr;
    }
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (!std::filesystem::is_directory(out_dir, ec)) {
      *error = "cannot create the directory " + out_dir;
      return nullptr;
    }
    writer->out_dir_ = out_dir;
    if (!write_file(std::filesystem::path(out_dir) / "annotation.conf", brat_annotation_conf(), error)) return nullptr;
  }
  return writer;
}

bool ExtraFormatWriter::write(const Document& doc, std::ostream& out, std::string* error) {
  if (format_ == "csv") {
    if (!header_written_) out << csv_header();
    header_written_ = true;
    out << to_csv_rows(doc);
    return true;
  }
  BratFiles files = to_brat(doc);
  std::filesystem::path dir(out_dir_);
  return write_file(dir / (doc.id + ".txt"), files.txt, error) && write_file(dir / (doc.id + ".ann"), files.ann, error);
}

}  // namespace polex::cli
