#include "annotations/html_viewer.h"

#include <algorithm>
#include <map>

namespace polex {

namespace {

using nlohmann::json;

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\f': out += '\n'; break;  // the page label marks the break
      default: out += c;
    }
  }
}

// JSON inside <script>: "</" would end the element early.
std::string script_json(const json& value) {
  std::string s = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '!')) {
      out += "\\u003c";
      continue;
    }
    out += s[i];
  }
  return out;
}

// Outer annotations first (by type priority) when two have the same span.
int type_rank(const std::string& type) {
  const auto& types = html_highlight_types();
  return static_cast<int>(std::find(types.begin(), types.end(), type) - types.begin());
}

constexpr const char* kStyle = R"css(
:root { --panel: 24rem; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd; padding: .5rem 1rem; margin-right: var(--panel); }
header h1 { font-size: 1.1rem; margin: 0 0 .3rem; }
.filters label { margin-right: 1rem; white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; padding: 0 .3rem; border-radius: 3px; }
main { margin-right: var(--panel); padding: 1rem; }
table.index { border-collapse: collapse; margin-bottom: 1rem; background: #fff; }
table.index th, table.index td { border: 1px solid #ddd; padding: .2rem .6rem; text-align: right; }
table.index th:first-child, table.index td:first-child { text-align: left; }
section.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin-bottom: 1.5rem; padding: .5rem 1rem; }
section.doc h2 { font-size: 1rem; margin: .3rem 0; }
.counts { color: #555; font-size: .9rem; margin: 0 0 .5rem; }
pre.text { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.6 ui-monospace, "DejaVu Sans Mono", monospace; margin: 0; }
mark.a { background: transparent; color: inherit; border-radius: 2px; cursor: pointer; }
mark.t-policy_option, .swatch.t-policy_option { background: #fff1b8; }
mark.t-actor, .swatch.t-actor { background: #d0e8ff; border-bottom: 2px solid #1c6dd0; }
mark.t-numeric_claim, .swatch.t-numeric_claim { background: #c9f2d0; border-bottom: 2px solid #2b8a3e; font-weight: 600; }
mark.t-furniture, .swatch.t-furniture { background: #eceff1; color: #888; }
mark.a.current { outline: 2px solid #e8590c; }
body.hide-policy_option mark.t-policy_option, body.hide-actor mark.t-actor,
body.hide-numeric_claim mark.t-numeric_claim, body.hide-furniture mark.t-furniture {
  background: transparent; border-bottom-color: transparent; font-weight: inherit; color: inherit; cursor: text; }
.page-label { display: inline-block; user-select: none; color: #fff; background: #868e96; font: 11px/1.4 system-ui, sans-serif; padding: 0 .4rem; border-radius: 8px; margin: .3rem 0; }
aside { position: fixed; top: 0; right: 0; bottom: 0; width: var(--panel); overflow: auto; background: #fff; border-left: 1px solid #ddd; padding: .8rem 1rem; font-size: .9rem; }
aside h3 { font-size: .95rem; margin: .8rem 0 .2rem; }
aside .hint { color: #777; }
aside table { border-collapse: collapse; width: 100%; }
aside td { border-top: 1px solid #eee; padding: .15rem .3rem; vertical-align: top; word-break: break-word; }
aside td:first-child { color: #555; white-space: nowrap; }
aside blockquote { margin: .2rem 0; padding: .2rem .5rem; background: #f6f6f6; white-space: pre-wrap; }
)css";

constexpr const char* kScript = R"js(
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("polex-data").textContent);
  var types = data.types;
  var body = document.body;
  var boxes = document.querySelectorAll(".filters input[data-type]");

  function shownTypes() {
    return types.filter(function (t) { return !body.classList.contains("hide-" + t); });
  }
  function update() {
    var shown = shownTypes();
    body.dataset.shown = shown.join(",");
    boxes.forEach(function (b) { b.checked = shown.indexOf(b.dataset.type) >= 0; });
    var n = 0;
    data.documents.forEach(function (d) { shown.forEach(function (t) { n += d.counts[t] || 0; }); });
    document.getElementById("shown-count").textContent = n + " highlighted";
  }
  function setShown(list) {
    types.forEach(function (t) { body.classList.toggle("hide-" + t, list.indexOf(t) < 0); });
    update();
  }
  // #types=a,b (only these) or #hide=a,b; also as ?types= / ?hide= query parameters.
  function fromAddress() {
    var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search.replace(/^\?/, ""));
    if (params.has("types")) {
      setShown(params.get("types").split(",").filter(function (t) { return types.indexOf(t) >= 0; }));
    } else if (params.has("hide")) {
      var hide = params.get("hide").split(",");
      setShown(types.filter(function (t) { return hide.indexOf(t) < 0; }));
    } else {
      update();
    }
  }
  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      body.classList.toggle("hide-" + b.dataset.type, !b.checked);
      update();
      history.replaceState(null, "", "#types=" + shownTypes().join(","));
    });
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();

  var panel = document.getElementById("details");
  var pinned = null;
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function show(mark) {
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    panel.textContent = "";
    var doc = data.documents[+mark.closest("section.doc").dataset.doc];
    // The mark under the pointer and the visible ones around it, innermost first.
    for (var m = mark; m && m.tagName === "MARK"; m = m.parentElement.closest("mark.a")) {
      var a = doc.annotations[+m.dataset.i];
      if (body.classList.contains("hide-" + a[0])) continue;
      m.classList.add("current");
      panel.appendChild(el("h3", a[0] + "  [" + a[1] + ", " + a[2] + ")"));
      panel.appendChild(el("blockquote", a[3]));
      var table = el("table");
      Object.keys(a[4]).forEach(function (k) {
        var row = el("tr"), v = a[4][k];
        row.appendChild(el("td", k));
        row.appendChild(el("td", typeof v === "string" ? v : JSON.stringify(v)));
        table.appendChild(row);
      });
      panel.appendChild(table);
    }
    if (!panel.firstChild) panel.appendChild(el("p", "Nothing visible here.")).className = "hint";
  }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark.a");
    if (m && !pinned) show(m);
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark.a");
    pinned = m && pinned !== m ? m : null;
    if (m) show(m);
  });
})();
)js";

struct Shown {
  const Annotation* a;
  int index;  // into the document's data list
};

// The document's text with nested <mark>s. Annotations that cross are split:
// the inner one is closed and reopened around the end of the outer one.
void render_text(const Document& doc, const std::vector<Shown>& shown, std::string& out) {
  std::vector<uint32_t> cuts;
  for (const Shown& s : shown) {
    cuts.push_back(s.a->byte_start);
    cuts.push_back(s.a->byte_end);
  }
  std::map<uint32_t, int> pages;  // byte -> page number
  for (const Annotation& a : doc.annotations)
    if (a.type == "page" && a.attrs.contains("number")) {
      pages[a.byte_start] = a.attrs["number"].get<int>();
      cuts.push_back(a.byte_start);
    }
  const std::string& raw = doc.raw.utf8;
  cuts.push_back(static_cast<uint32_t>(raw.size()));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto open_tag = [&](const Shown& s) {
    out += "<mark class=\"a t-";
    out += s.a->type;
    out += "\" data-i=\"";
    out += std::to_string(s.index);
    out += "\">";
  };
  std::vector<const Shown*> stack;
  size_t next = 0;
  uint32_t pos = 0;
  for (uint32_t cut : cuts) {
    append_escaped(out, std::string_view(raw).substr(pos, cut - pos));
    pos = cut;
    // Close what ends here, reopening what was opened inside it but goes on.
    size_t first_ended = stack.size();
    for (size_t k = 0; k < stack.size(); ++k)
      if (stack[k]->a->byte_end <= cut) {
        first_ended = k;
        break;
      }
    std::vector<const Shown*> reopen;
    while (stack.size() > first_ended) {
      out += "</mark>";
      if (stack.back()->a->byte_end > cut) reopen.push_back(stack.back());
      stack.pop_back();
    }
    for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) {
      open_tag(**it);
      stack.push_back(*it);
    }
    if (auto p = pages.find(cut); p != pages.end())
      out += "<span class=\"page-label\" data-page=\"" + std::to_string(p->second) + "\">page " +
             std::to_string(p->second) + "</span>\n";
    while (next < shown.size() && shown[next].a->byte_start == cut) {
      open_tag(shown[next]);
      stack.push_back(&shown[next]);
      ++next;
    }
  }
  while (!stack.empty()) {
    out += "</mark>";
    stack.pop_back();
  }
}

}  // namespace

const std::vector<std::string>& html_highlight_types() {
  static const std::vector<std::string> kTypes = {"policy_option", "actor", "numeric_claim", "furniture"};
  return kTypes;
}

std::string render_html(const std::vector<const Document*>& docs, const HtmlOptions& options) {
  const auto& types = html_highlight_types();
  json data = {{"types", types}, {"documents", json::array()}};
  std::map<std::string, size_t> totals;
  std::string sections, index_rows;
  for (size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = *docs[d];
    std::vector<Shown> shown;
    json list = json::array();
    std::map<std::string, size_t> counts;
    size_t pages = 0;
    for (const Annotation& a : doc.annotations) {
      if (a.type == "page") ++pages;
      if (a.byte_end <= a.byte_start || std::find(types.begin(), types.end(), a.type) == types.end()) continue;
      shown.push_back({&a, static_cast<int>(list.size())});
      list.push_back({a.type, a.start, a.end, a.text, a.attrs});
      ++counts[a.type];
      ++totals[a.type];
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Shown& x, const Shown& y) {
      if (x.a->byte_start != y.a->byte_start) return x.a->byte_start < y.a->byte_start;
      if (x.a->byte_end != y.a->byte_end) return x.a->byte_end > y.a->byte_end;
      return type_rank(x.a->type) < type_rank(y.a->type);
    });
    json count_json = json::object();
    std::string count_line, cells;
    for (const std::string& t : types) {
      count_json[t] = counts[t];
      if (!count_line.empty()) count_line += " · ";
      count_line += "<span class=\"swatch t-" + t + "\">" + t + "</span> " + std::to_string(counts[t]);
      cells += "<td>" + std::to_string(counts[t]) + "</td>";
    }
    if (pages) count_line += " · " + std::to_string(pages) + " pages";
    data["documents"].push_back({{"id", doc.id}, {"counts", count_json}, {"annotations", std::move(list)}});
    std::string anchor = "doc-" + std::to_string(d);
    std::string id_html;
    append_escaped(id_html, doc.id);
    index_rows += "<tr><td><a href=\"#" + anchor + "\" onclick=\"document.getElementById('" + anchor +
                  "').scrollIntoView();return false\">" + id_html + "</a></td>" + cells + "</tr>\n";
    sections += "<section class=\"doc\" id=\"" + anchor + "\" data-doc=\"" + std::to_string(d) + "\" data-id=\"" +
                id_html + "\">\n<h2>" + id_html + "</h2>\n<p class=\"counts\">" + count_line +
                "</p>\n<pre class=\"text\">";
    render_text(doc, shown, sections);
    sections += "</pre>\n</section>\n";
  }
  std::string title;
  append_escaped(title, options.title);
  std::string out;
  out.reserve(sections.size() * 2 + 16384);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'\">\n<title>";
  out += title;
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<header>\n<h1>" + title + "</h1>\n<div class=\"filters\">";
  for (const std::string& t : types)
    out += "<label><input type=\"checkbox\" data-type=\"" + t + "\" checked> <span class=\"swatch t-" + t + "\">" + t +
           "</span> " + std::to_string(totals[t]) + "</label>";
  out += "<span id=\"shown-count\"></span></div>\n</header>\n<aside id=\"details\"><p class=\"hint\">"
         "Point at a highlight to see its attributes; click to pin.</p></aside>\n<main>\n"
         "<table class=\"index\">\n<tr><th>document</th>";
  for (const std::string& t : types) out += "<th>" + t + "</th>";
  out += "</tr>\n" + index_rows + "</table>\n" + sections + "</main>\n";
  out += "<script type=\"application/json\" id=\"polex-data\">" + script_json(data) + "</script>\n<script>";
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace polex
