// `polex extract --format csv|brat`: the writers beyond JSON, kept out of
// cmd_extract.cpp so that its format switch stays a few lines.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "extract/document.h"

namespace polex::cli {

// Writes documents in one of the formats of annotations/csv_writer.h and
// annotations/brat_writer.h.
class ExtraFormatWriter {
 public:
  // True for "csv" and "brat".
  static bool supports(const std::string& format);
  // csv: rows on the output stream, the header before the first document.
  // brat: DOC.txt and DOC.ann per document plus annotation.conf, in the
  // directory `out_dir` (created when missing; required).
  // Returns nullptr and sets *error when the directory is unusable.
  static std::unique_ptr<ExtraFormatWriter> create(const std::string& format, const std::string& out_dir,
                                                   std::string* error);

  // Returns false and sets *error when a file cannot be written.
  bool write(const Document& doc, std::ostream& out, std::string* error);

 private:
  std::string format_;
  std::string out_dir_;
  bool header_written_ = false;
};

}  // namespace polex::cli
