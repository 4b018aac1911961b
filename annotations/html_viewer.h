// A single self-contained HTML page for people: each document's raw text with
// its extractions highlighted by type, a side panel with the attributes of
// what the pointer is on (click pins it), type filters, per-document counts.
// CSS and JavaScript are inline; the page fetches nothing.
//
//   std::string html = polex::render_html({&doc1, &doc2}, {.title = "Run 12"});
//
// Filters can be set from the address: `report.html#types=policy_option,actor`
// shows only those types, `#hide=furniture` hides some. The page reflects the
// filter in <body data-shown="..."> and in one `hide-<type>` class per hidden
// type.
#pragma once

#include <string>
#include <vector>

#include "extract/document.h"

namespace polex {

struct HtmlOptions {
  std::string title = "polex report";
};

// The annotation types the page highlights and can filter, in legend order.
const std::vector<std::string>& html_highlight_types();

std::string render_html(const std::vector<const Document*>& docs, const HtmlOptions& options = {});

}  // namespace polex
