// End-to-end batch runs of the polex binary: every input accounted for,
// determinism across --jobs, shards, --out-dir, records, limits, many files.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace fs = std::filesystem;

namespace {

using polex::test::Run;
using polex::test::run_polex;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A fresh scratch directory for one test.
fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("polex_batch_test_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string corpus_dir() { return polex::test::data_dir() + "/corpus"; }

// The corpus twice, the copy in a subfolder: ten documents of varied sizes.
fs::path doubled_corpus(const std::string& name) {
  fs::path dir = scratch(name);
  for (const auto& [id, bytes] : polex::test::corpus()) {
    write_file(dir / (id + ".txt"), bytes);
    write_file(dir / "copy" / (id + ".txt"), bytes);
  }
  return dir;
}

std::string id_of(const std::string& line) { return nlohmann::json::parse(line)["document"]["id"]; }

}  // namespace

TEST_CASE("batch: every input is accounted for and the summary adds up", "[batch]") {
  fs::path dir = scratch("accounted");
  auto docs = polex::test::corpus();
  for (const auto& [id, bytes] : docs) write_file(dir / "in" / (id + ".txt"), bytes);
  write_file(dir / "in" / "empty.txt", "");
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) & 0xFF);
  write_file(dir / "in" / "junk.txt", junk);
  write_file(dir / "in" / "ignored.md", "not matched by the default --glob");
  write_file(dir / "records.jsonl",
             "{\"id\":\"r1\",\"text\":\"Governments should cut emissions by 40% by 2030.\"}\n"
             "this is not json\n"
             "{\"id\":\"r3\"}\n"
             "[1,2]\n"
             "{\"id\":7,\"text\":\"A short note.\"}\n");
  // 004a is the largest sample document (~60 kB): over the limit.
  std::string args = "extract -f jsonl -j 3 --max-doc-bytes 50K --summary " + (dir / "summary.json").string() + " " +
                     (dir / "in").string() + " /no/such/file.txt --records " + (dir / "records.jsonl").string();
  Run run = run_polex(args);
  CHECK(run.exit_code == 1);
  std::vector<std::string> out = lines(run.out);
  // 5 corpus + empty + junk + missing + 5 records; the .md file is not an input.
  REQUIRE(out.size() == 13);
  std::vector<std::string> ids, errors;
  for (const std::string& line : out) {
    nlohmann::json j = nlohmann::json::parse(line);
    CHECK(j["schema"] == 1);
    ids.push_back(j["document"]["id"]);
    if (j.contains("error")) errors.push_back(j["document"]["id"].get<std::string>() + ": " + j["error"].get<std::string>());
    else CHECK(j.contains("annotations"));
  }
  std::vector<std::string> expected_ids;
  for (const auto& [id, bytes] : docs) expected_ids.push_back(id);
  expected_ids.insert(expected_ids.end(), {"empty", "junk", "file", "r1", "records.jsonl:2", "r3", "records.jsonl:4", "7"});
  CHECK(ids == expected_ids);
  REQUIRE(errors.size() == 5);
  CHECK(errors[0].find("004a_d7333508a1fcb207: document is 59876 bytes, over --max-doc-bytes 51200") == 0);
  CHECK(errors[1] == "file: no such file");
  CHECK(errors[2].rfind("records.jsonl:2: not a JSON record", 0) == 0);
  CHECK(errors[3].rfind("r3: ", 0) == 0);
  CHECK(errors[4].rfind("records.jsonl:4: ", 0) == 0);

  nlohmann::json summary = nlohmann::json::parse(polex::test::read_file((dir / "summary.json").string()));
  CHECK(summary["documents"] == 13);
  CHECK(summary["failed"] == 5);
  CHECK(summary["ok"].get<int>() + summary["warned"].get<int>() + summary["failed"].get<int>() == 13);
  CHECK(summary["warned"].get<int>() >= 1);  // the empty document
  CHECK(summary["failures"].size() == 5);
  CHECK(summary["failures"][1]["source"] == "/no/such/file.txt");
  CHECK(summary["annotations"]["sentence"].get<int>() > 0);
}

TEST_CASE("batch: output is byte-identical for any --jobs - --unordered has the same lines", "[batch]") {
  fs::path dir = doubled_corpus("jobs");
  Run one = run_polex("extract -f jsonl -j 1 " + dir.string());
  REQUIRE(one.exit_code == 0);
  REQUIRE(lines(one.out).size() == 10);
  for (const char* jobs : {"2", "3", "8"}) {
    Run many = run_polex("extract -f jsonl -j " + std::string(jobs) + " " + dir.string());
    CHECK(many.exit_code == 0);
    CHECK(many.out == one.out);
  }
  Run pretty1 = run_polex("extract -j 1 " + dir.string());
  Run pretty4 = run_polex("extract -j 4 " + dir.string());
  CHECK(pretty1.out == pretty4.out);
  Run unordered = run_polex("extract -f jsonl -j 4 --unordered " + dir.string());
  std::vector<std::string> a = lines(one.out), b = lines(unordered.out);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  // The same document gives the same annotations wherever it is in the batch.
  std::vector<std::string> ordered = lines(one.out);
  for (size_t i = 0; i < 5; ++i) {
    nlohmann::json first = nlohmann::json::parse(ordered[i]), copy = nlohmann::json::parse(ordered[5 + i]);
    CHECK(first["annotations"] == copy["annotations"]);
  }
}

TEST_CASE("batch: --shard I/N splits the inputs into disjoint deterministic parts", "[batch]") {
  fs::path dir = doubled_corpus("shard");
  Run all = run_polex("extract -f jsonl -j 2 " + dir.string());
  std::vector<std::string> all_lines = lines(all.out), joined;
  for (int i = 0; i < 3; ++i) {
    Run shard = run_polex("extract -f jsonl -j 2 --shard " + std::to_string(i) + "/3 " + dir.string());
    CHECK(shard.exit_code == 0);
    std::vector<std::string> part = lines(shard.out);
    // Shard i holds inputs i, i+3, i+6, ... in their order.
    for (size_t k = 0; k < part.size(); ++k) CHECK(part[k] == all_lines[i + 3 * k]);
    joined.insert(joined.end(), part.begin(), part.end());
  }
  std::sort(joined.begin(), joined.end());
  std::sort(all_lines.begin(), all_lines.end());
  CHECK(joined == all_lines);
  CHECK(run_polex("extract --shard 3/3 " + dir.string()).exit_code == 2);
  CHECK(run_polex("extract --shard x " + dir.string()).exit_code == 2);
}

TEST_CASE("batch: --out-dir writes one whole file per document, errors beside them", "[batch]") {
  fs::path dir = doubled_corpus("outdir");
  fs::path out = dir.parent_path() / (dir.filename().string() + "_out");
  fs::remove_all(out);
  Run stream = run_polex("extract -f jsonl " + dir.string());
  Run run = run_polex("extract -f jsonl -j 2 --out-dir " + out.string() + " " + dir.string() + " /no/such/doc.txt");
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  std::set<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file()) files.insert(fs::relative(e.path(), out).string());
  CHECK(files.size() == 11);
  CHECK(files.count("doc.error.json") == 1);
  for (const std::string& line : lines(stream.out)) {
    std::string path = (out / (id_of(line) + ".json")).string();
    CHECK(polex::test::read_file(path) == line + "\n");
  }
  nlohmann::json error = nlohmann::json::parse(polex::test::read_file((out / "doc.error.json").string()));
  CHECK(error["error"] == "no such file");
  fs::remove_all(out);
}

TEST_CASE("batch: --files-from and --records read stdin - a record equals its file", "[batch]") {
  fs::path dir = scratch("stdin");
  std::string path = corpus_dir() + "/002_221d781ef658cb20.txt";
  write_file(dir / "list.txt", path + "\n\n" + corpus_dir() + "/005_north_american_ledger.txt\n");
  Run listed = run_polex("extract -f jsonl --files-from - < " + (dir / "list.txt").string());
  CHECK(listed.exit_code == 0);
  std::vector<std::string> out = lines(listed.out);
  REQUIRE(out.size() == 2);
  CHECK(id_of(out[0]) == "002_221d781ef658cb20");
  CHECK(id_of(out[1]) == "005_north_american_ledger");

  nlohmann::json record = {{"id", "002_221d781ef658cb20"}, {"text", polex::test::read_file(path)}};
  write_file(dir / "records.jsonl", record.dump() + "\n");
  Run records = run_polex("extract -f jsonl --records - < " + (dir / "records.jsonl").string());
  CHECK(records.exit_code == 0);
  CHECK(records.out == out[0] + "\n");
  CHECK(run_polex("extract --records - - < /dev/null").exit_code == 2);  // stdin read twice
}

TEST_CASE("batch: --max-doc-bytes refuses long documents clearly, stdin included", "[batch]") {
  fs::path dir = scratch("limit");
  write_file(dir / "big.txt", std::string(5000, 'a'));
  Run run = run_polex("extract -f jsonl --max-doc-bytes 4K - < " + (dir / "big.txt").string());
  CHECK(run.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(lines(run.out).at(0));
  CHECK(j["document"]["id"] == "stdin");
  CHECK(j["error"].get<std::string>().find("--max-doc-bytes 4096") != std::string::npos);
  CHECK(run_polex("extract -f jsonl --max-doc-bytes 0 - < " + (dir / "big.txt").string()).exit_code == 0);
  CHECK(run_polex("extract --max-doc-bytes lots " + (dir / "big.txt").string()).exit_code == 2);
}

TEST_CASE("batch: a full disk is an error, whether a document's JSON is buffered or written directly", "[batch]") {
  if (!fs::exists("/dev/full")) {
    WARN("skipped: no /dev/full here");
    return;
  }
  fs::path dir = scratch("full_disk");
  write_file(dir / "small.txt", "Governments should cut emissions by 40% by 2030.\n");  // JSON of < 64 KB: buffered
  auto docs = polex::test::corpus();
  write_file(dir / "large.txt", docs.begin()->second);  // JSON of > 64 KB: straight to write(2)
  for (std::string input : {"small.txt", "large.txt"}) {
    for (std::string target : {std::string("-o /dev/full"), std::string("> /dev/full")}) {
      fs::path err = dir / "err.txt";
      Run run = run_polex("extract -f jsonl " + (dir / input).string() + " " + target, err.string());
      CHECK(run.exit_code == 2);
      CHECK(polex::test::read_file(err.string()).find("cannot write the output: No space left on device") != std::string::npos);
    }
  }
}

TEST_CASE("batch: a directory of 10,000 tiny files", "[batch]") {
  fs::path dir = scratch("many");
  char name[32];
  for (int i = 0; i < 10000; ++i) {
    std::snprintf(name, sizeof name, "d%05d.txt", i);
    write_file(dir / name, "The ministry should publish " + std::to_string(i) + " reports by 2030.\n");
  }
  fs::path summary = dir / "summary.json";
  Run run = run_polex("extract -f jsonl -j 2 --no-layout --summary " + summary.string() + " " + dir.string());
  CHECK(run.exit_code == 0);
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() == 10000);
  CHECK(id_of(out.front()) == "d00000");
  CHECK(id_of(out[4321]) == "d04321");
  CHECK(id_of(out.back()) == "d09999");
  nlohmann::json s = nlohmann::json::parse(polex::test::read_file(summary.string()));
  CHECK(s["documents"] == 10000);
  CHECK(s["failed"] == 0);
  fs::remove_all(dir);
}

TEST_CASE("batch: polex clean takes the same batch options", "[batch]") {
  fs::path dir = doubled_corpus("clean");
  fs::path out = dir.parent_path() / (dir.filename().string() + "_out");
  fs::remove_all(out);
  Run run = run_polex("clean -j 2 --out-dir " + out.string() + " " + dir.string());
  CHECK(run.exit_code == 0);
  for (const auto& [id, bytes] : polex::test::corpus()) {
    std::string single = run_polex("clean " + corpus_dir() + "/" + id + ".txt").out;
    CHECK(polex::test::read_file((out / (id + ".txt")).string()) == single);
    CHECK(polex::test::read_file((out / "copy" / (id + ".txt")).string()) == single);
  }
  Run json1 = run_polex("clean --json -j 1 " + dir.string() + " /no/such.txt");
  Run json3 = run_polex("clean --json -j 3 " + dir.string() + " /no/such.txt");
  CHECK(json1.exit_code == 1);
  CHECK(json1.out == json3.out);
  CHECK(nlohmann::json::parse(lines(json1.out).back())["error"] == "no such file");
  fs::remove_all(out);
}

namespace {

// Peak memory of one `polex` run (the child's maximum resident set, from wait4).
long peak_rss_kb(const std::string& args) {
  return polex::test::measure_in_child([&] {
           execl("/bin/sh", "sh", "-c", (std::string(POLEX_BINARY) + " " + args + " >/dev/null 2>&1").c_str(),
                 static_cast<char*>(nullptr));
           _exit(127);
         }).max_rss_kb;
}

}  // namespace

TEST_CASE("batch: peak memory does not grow with the number of documents", "[batch][slow]") {
  // 80 and 1,280 copies of the corpus: 16x the documents, the same peak memory
  // (the reordering buffer is bounded and each document is freed once written).
  fs::path few = scratch("rss_few"), many = scratch("rss_many");
  int copies = 0;
  for (fs::path dir : {few, many}) {
    int n = dir == few ? 80 : 1280;
    for (int k = 0; k < n; ++k)
      for (const auto& [id, bytes] : polex::test::corpus()) write_file(dir / std::to_string(k) / (id + ".txt"), bytes);
    copies += n;
  }
  long small = peak_rss_kb("extract -f jsonl -j 2 " + few.string());
  long large = peak_rss_kb("extract -f jsonl -j 2 " + many.string());
  INFO("peak RSS: 80 copies " << small << " kB, 1280 copies " << large << " kB");
  CHECK(large < small + 20 * 1024);  // within 20 MB, though 16x the input
  CHECK(copies == 1360);
  fs::remove_all(few);
  fs::remove_all(many);
}

TEST_CASE("batch: a progress bar on a terminal, none on a pipe", "[batch]") {
  if (std::system("script -qec true /dev/null >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: the progress test needs script(1) (bsdutils) and a pseudo-terminal");
    return;
  }
  fs::path dir = doubled_corpus("progress");
  fs::path log = dir / "tty.log";
  // script(1) runs polex with stderr on a pseudo-terminal and records what it drew.
  std::string cmd = "script -qec '" + std::string(POLEX_BINARY) + " extract -f jsonl -o /dev/null " + dir.string() +
                    "' " + log.string() + " >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(log);
  std::string drawn((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(drawn.find("ETA") != std::string::npos);      // the bar: documents, MB, MB/s, ETA
  CHECK(drawn.find("\x1b[K") != std::string::npos);  // redrawn in place (erase to end of line)
  // On a pipe: the summary only, no bar.
  std::string piped = std::string(POLEX_BINARY) + " extract -f jsonl -o /dev/null " + dir.string() + " 2>&1";
  FILE* p = popen(piped.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string err;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) err.append(buf, n);
  pclose(p);
  CHECK(err.find("ETA") == std::string::npos);
  CHECK(err.find("\x1b[K") == std::string::npos);
  CHECK(err.find("documents") != std::string::npos);  // the summary
  fs::remove_all(dir);
}
