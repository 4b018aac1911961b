// Consumer of an installed polex (built by run.cmake with find_package and with
// pkg-config). Exits non-zero, saying why, when the public API misbehaves.
#include <iostream>
#include <string>

#include <extract/polex.h>

namespace {

int fail(const std::string& why) {
  std::cerr << "app: " << why << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  polex::EngineOptions options;
#ifdef POLEX_RULES_DIR
  options.rules_dir = POLEX_RULES_DIR;
#endif
  if (argc > 1) options.rules_dir = argv[1];
  auto engine = polex::Engine::create(options);
  if (!engine.ok()) return fail("create: " + engine.status().message());
  const std::string text = "Emissions fell by 12% between 2010 and 2020.\n";
  polex::Extraction x = engine.value().extract(text, "doc-1");
  if (x.id() != "doc-1") return fail("id");
  if (x.length() != text.size()) return fail("length");
  auto claims = x.annotations_of("numeric_claim");
  if (claims.empty()) return fail("no numeric_claim in: " + x.json());
  for (const polex::Annotation& a : x.annotations()) {
    if (text.substr(a.start, a.end - a.start) != a.text) return fail("offsets of " + a.type);
  }
  nlohmann::json j = nlohmann::json::parse(x.json());
  if (j["schema"] != polex::kSchemaVersion || j["document"]["id"] != "doc-1") return fail("json: " + x.json());
  polex::EngineOptions bad;
  bad.rules_dir = "/nonexistent/polex/rules";
  if (polex::Engine::create(bad).ok()) return fail("a missing rules directory was accepted");
  std::cout << "ok " << polex::library_version() << " " << claims.size() << " numeric claims\n";
  return 0;
}
