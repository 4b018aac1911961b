// End-to-end runs of the polex binary: help, version, errors, extract, clean.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace {

using polex::test::Run;
using polex::test::run_polex;

std::string corpus_file(const std::string& id) { return polex::test::data_dir() + "/corpus/" + id + ".txt"; }

}  // namespace

TEST_CASE("polex --help, --version and per-command help", "[cli]") {
  Run help = run_polex("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("extract") != std::string::npos);
  CHECK(help.out.find("clean") != std::string::npos);
  Run version = run_polex("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("polex ", 0) == 0);
  Run extract_help = run_polex("extract --help");
  CHECK(extract_help.exit_code == 0);
  CHECK(extract_help.out.find("--format") != std::string::npos);
  CHECK(run_polex("no-such-command").exit_code == 2);
  CHECK(run_polex("extract --format xml " + corpus_file("002_221d781ef658cb20")).exit_code == 2);
}

TEST_CASE("polex extract writes schema-1 JSON with exact spans", "[cli]") {
  std::string path = corpus_file("002_221d781ef658cb20");
  Run run = run_polex("extract --format jsonl " + path);
  REQUIRE(run.exit_code == 0);
  nlohmann::json doc = nlohmann::json::parse(run.out.substr(0, run.out.find('\n')));
  CHECK(doc["schema"] == 1);
  CHECK(doc["document"]["id"] == "002_221d781ef658cb20");
  polex::RawText raw = polex::decode_raw(polex::test::read_file(path));
  CHECK(doc["document"]["length"] == raw.length());
  for (const auto& a : doc["annotations"])
    CHECK(polex::test::cp_slice(raw, a["start"], a["end"]) == a["text"].get<std::string>());
}

TEST_CASE("a missing file is a clear error - the other inputs are still processed", "[cli]") {
  std::string err = (std::filesystem::temp_directory_path() / "polex_cli_test.err").string();
  Run run = run_polex("extract --format jsonl /no/such/file.txt " + corpus_file("002_221d781ef658cb20"), err);
  CHECK(run.exit_code == 1);
  CHECK(polex::test::read_file(err).find("/no/such/file.txt") != std::string::npos);
  CHECK(run.out.find("002_221d781ef658cb20") != std::string::npos);
}

TEST_CASE("polex clean writes the clean text, and with --json its map", "[cli]") {
  Run text = run_polex("clean " + corpus_file("001_c422b04b80b62ab8"));
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("We propose that policymakers in both countries define the bilateral relationship") != std::string::npos);
  Run json = run_polex("clean --json " + corpus_file("001_c422b04b80b62ab8"));
  REQUIRE(json.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(json.out.substr(0, json.out.find('\n')));
  CHECK(j["text"].get<std::string>().find("We propose") != std::string::npos);
  CHECK(!j["map"].empty());
}

TEST_CASE("an empty file and binary junk get an answer", "[cli]") {
  auto dir = std::filesystem::temp_directory_path();
  std::string empty = (dir / "polex_empty.txt").string(), junk = (dir / "polex_junk.bin").string();
  std::ofstream(empty).close();
  {
    std::ofstream out(junk, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 7919) & 0xFF));
  }
  Run run = run_polex("extract --format jsonl " + empty + " " + junk);
  CHECK(run.exit_code == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 2);
}
