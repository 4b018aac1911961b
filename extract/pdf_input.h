// PDF input: the text of a PDF, as the rest of polex expects it (what a
// converter writes: line breaks where the PDF had them, pages separated by
// form feeds), and the page of every offset as `page` annotations.
//
//   if (polex::looks_like_pdf(bytes)) {
//     auto text = polex::pdf_to_text(bytes);   // runs poppler's pdftotext
//     if (!text.ok()) report(text.status().message());
//     bytes = text.value();
//   }
//   polex::Document doc = pipeline.process(id, bytes);
//   polex::add_page_annotations(doc);          // from the form feeds
//
// The text comes from poppler's `pdftotext` (Debian: poppler-utils), run as
// a subprocess in its default reading-order mode: `-layout` would keep the
// columns of a two-column report side by side on each line and cut every
// sentence into pieces.
#pragma once

#include <string>
#include <string_view>

#include "extract/document.h"
#include "extract/status.h"

namespace polex {

// True iff `bytes` starts like a PDF file ("%PDF-" within the first 1024
// bytes, as readers tolerate leading junk).
bool looks_like_pdf(std::string_view bytes);

// The UTF-8 text of a PDF, pages ended by form feeds ("\f"). Fails when
// pdftotext is not installed or cannot read the file; the message says which.
// `pdftotext` is the program to run (found on PATH).
Result<std::string> pdf_to_text(std::string_view pdf_bytes, const std::string& pdftotext = "pdftotext");

// For readers of input files: when `bytes` is a PDF, replaces it by its text.
// Returns false and sets *error when the PDF cannot be converted; any other
// bytes are left as they are.
bool read_pdf_text(std::string* bytes, std::string* error);

// Adds one `page` annotation per page of a text whose pages are separated by
// form feeds (attrs.number: 1, 2, ...; the span: the page's text, without
// its form feed), keeping doc.annotations sorted. A text without form feeds
// gets none. A trailing form feed ends the last page; it does not open one.
void add_page_annotations(Document& doc);

}  // namespace polex
