// The HTML page in a real browser: headless Chromium loads `polex view`'s
// page, runs its script, and we read the resulting DOM: highlights for every
// extraction, and a filter given in the address applied. A screenshot is saved
// under the build directory (build/browser/) for people to look at.
// Skipped, with a message, when Chromium is not installed.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <re2/re2.h>

#include "test_util.h"

namespace {

std::string capture(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::string path = capture(std::string("command -v ") + name + " 2>/dev/null");
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
    if (!path.empty()) return path;
  }
  return "";
}

// Headless Chromium on a file URL with `mode` (--dump-dom or --screenshot=...);
// a fresh profile each time, nothing fetched from the network.
std::string chromium(const std::string& exe, const std::string& profile, const std::string& mode, const std::string& url) {
  std::string cmd = "timeout 120 " + exe +
                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                    " --disable-background-networking --disable-component-update --disable-sync"
                    " --window-size=1400,1000 --user-data-dir=" + profile + " " + mode + " '" + url + "' 2>/dev/null";
  return capture(cmd);
}

// Distinct highlighted annotations per type: (document index, data-i) pairs.
std::map<std::string, size_t> highlights(const std::string& dom) {
  std::map<std::string, std::set<std::pair<int, int>>> seen;
  RE2 section("(<section class=\"doc\" id=\"doc-)(\\d+)\""), mark("(<mark class=\"a t-)([a-z_]+)[^\"]*\" data-i=\"(\\d+)\"");
  std::vector<std::pair<size_t, int>> starts;  // offset of each section -> its index
  re2::StringPiece rest(dom), opening;
  int index = 0;
  while (RE2::FindAndConsume(&rest, section, &opening, &index))
    starts.emplace_back(static_cast<size_t>(opening.data() - dom.data()), index);
  rest = dom;
  std::string mark_type;
  while (RE2::FindAndConsume(&rest, mark, &opening, &mark_type, &index)) {
    int doc = -1;
    for (const auto& [pos, i] : starts)
      if (pos < static_cast<size_t>(opening.data() - dom.data())) doc = i;
    seen[mark_type].insert({doc, index});
  }
  std::map<std::string, size_t> counts;
  for (const auto& [type, set] : seen) counts[type] = set.size();
  return counts;
}

std::string body_tag(const std::string& dom) {
  size_t b = dom.find("<body");
  return b == std::string::npos ? "" : dom.substr(b, dom.find('>', b) - b + 1);
}

}  // namespace

TEST_CASE("the HTML page works in headless Chromium: highlights and filters", "[outputs][html][browser]") {
  std::string exe = find_chromium();
  if (exe.empty()) {
    WARN("skipped: Chromium is not installed (Debian package chromium)");
    return;
  }
  namespace fs = std::filesystem;
  fs::path build_dir = fs::path(POLEX_BINARY).parent_path().parent_path();
  fs::path out_dir = build_dir / "browser";
  fs::create_directories(out_dir);
  fs::path page = out_dir / "report.html";
  std::string corpus = polex::test::data_dir() + "/corpus/";
  std::string inputs = corpus + "002_221d781ef658cb20.txt " + corpus + "005_north_american_ledger.txt";
  REQUIRE(std::system((std::string(POLEX_BINARY) + " view " + inputs + " -o " + page.string()).c_str()) == 0);

  // What the page should show, from the JSON of the same run.
  std::map<std::string, size_t> expected;
  std::string jsonl = capture(std::string(POLEX_BINARY) + " extract --format jsonl " + inputs);
  size_t lines = 0;
  for (size_t at = 0, nl; (nl = jsonl.find('\n', at)) != std::string::npos; at = nl + 1, ++lines) {
    nlohmann::json doc = nlohmann::json::parse(jsonl.substr(at, nl - at));
    for (const auto& a : doc["annotations"])
      if (a["end"] > a["start"]) ++expected[a["type"].get<std::string>()];
  }
  REQUIRE(lines == 2);
  REQUIRE(expected["policy_option"] > 0);
  REQUIRE(expected["numeric_claim"] > 0);

  std::string profile = (out_dir / "profile").string();
  fs::remove_all(profile);
  std::string url = "file://" + fs::absolute(page).string();

  // Unfiltered: the script ran, every extraction is highlighted.
  std::string dom = chromium(exe, profile, "--dump-dom", url);
  REQUIRE(dom.find("</html>") != std::string::npos);
  std::string body = body_tag(dom);
  CHECK(body.find("data-shown=\"policy_option,actor,numeric_claim,furniture\"") != std::string::npos);
  CHECK(body.find("hide-") == std::string::npos);
  auto counts = highlights(dom);
  for (const char* type : {"policy_option", "actor", "numeric_claim", "furniture"}) {
    INFO(type);
    CHECK(counts[type] == expected[type]);
  }
  size_t all = expected["policy_option"] + expected["actor"] + expected["numeric_claim"] + expected["furniture"];
  CHECK(dom.find("id=\"shown-count\">" + std::to_string(all) + " highlighted<") != std::string::npos);

  // Filtered from the address: only numeric claims stay highlighted.
  fs::remove_all(profile);
  std::string filtered = chromium(exe, profile, "--dump-dom", url + "#types=numeric_claim");
  body = body_tag(filtered);
  CHECK(body.find("data-shown=\"numeric_claim\"") != std::string::npos);
  for (const char* hidden : {"hide-policy_option", "hide-actor", "hide-furniture"}) CHECK(body.find(hidden) != std::string::npos);
  CHECK(body.find("hide-numeric_claim") == std::string::npos);
  CHECK(filtered.find("id=\"shown-count\">" + std::to_string(expected["numeric_claim"]) + " highlighted<") !=
        std::string::npos);
  fs::remove_all(profile);
  std::string hidden = chromium(exe, profile, "--dump-dom", url + "#hide=actor");
  CHECK(body_tag(hidden).find("data-shown=\"policy_option,numeric_claim,furniture\"") != std::string::npos);

  // A screenshot for people, of the filtered page.
  fs::path shot = out_dir / "report.png";
  fs::remove(shot);
  fs::remove_all(profile);
  chromium(exe, profile, "--screenshot=" + shot.string(), url + "#types=policy_option,numeric_claim");
  CHECK(fs::exists(shot));
  CHECK(fs::file_size(shot) > 10000);
  fs::remove_all(profile);
}
