// A tiny PDF writer for tests: pages of text lines in Helvetica, enough for
// pdftotext to read back (so PDF input is tested without LibreOffice).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace polex::test {

// UTF-8 -> a PDF string literal in WinAnsiEncoding (Latin-1 plus curly
// quotes, dashes and bullets); other characters become '?'.
inline std::string pdf_string(const std::string& utf8) {
  std::string out = "(";
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    uint32_t cp = c;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > 1) {
      cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (int k = 1; k < len && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    }
    i += len;
    unsigned code = cp;
    switch (cp) {
      case 0x2018: code = 0x91; break;
      case 0x2019: code = 0x92; break;
      case 0x201C: code = 0x93; break;
      case 0x201D: code = 0x94; break;
      case 0x2022: code = 0x95; break;
      case 0x2013: code = 0x96; break;
      case 0x2014: code = 0x97; break;
      default:
        if (cp > 0xFF || (cp >= 0x80 && cp < 0xA0)) code = '?';
    }
    if (code == '(' || code == ')' || code == '\\') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code < 0x20 || code >= 0x80) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", code);
      out += buf;
    } else {
      out += static_cast<char>(code);
    }
  }
  return out + ")";
}

// A PDF with one page per element of `pages`, each a list of lines.
inline std::string make_pdf(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> objects;  // objects[k] is object k + 1
  std::string kids;
  const size_t first_page = 4;
  for (size_t p = 0; p < pages.size(); ++p) kids += std::to_string(first_page + 2 * p) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (size_t p = 0; p < pages.size(); ++p) {
    std::string content = "BT /F1 11 Tf 14 TL 72 740 Td\n";
    for (const std::string& line : pages[p]) content += pdf_string(line) + " Tj T*\n";
    content += "ET\n";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                      "/Contents " + std::to_string(first_page + 2 * p + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t k = 0; k < objects.size(); ++k) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace polex::test
