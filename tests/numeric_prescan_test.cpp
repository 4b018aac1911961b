// The numeric reader's pre-scan (may_hold_quantity), checked against a plain
// byte-by-byte reading of its contract on random texts, and its case folding
// (eight bytes at a time) at every alignment.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "extract/numeric_lexicon.h"
#include "extract/numeric_reader.h"

using namespace polex;

namespace {

const NumericReader& reader() {
  static const NumericReader r = [] {
    auto lex = NumericLexicon::load(RuleSet::embedded());
    REQUIRE(lex.ok());
    return NumericReader(lex.value());
  }();
  return r;
}

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The contract, byte by byte: an ASCII digit anywhere, or a run of ASCII
// letters (shorter than 24 bytes) that is a number word in any case.
bool reference_may_hold(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  size_t i = 0;
  while (i < s.size()) {
    if (!ascii_letter(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() && ascii_letter(s[i])) ++i;
    if (i - b >= 24) continue;
    std::string w(s.substr(b, i - b));
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (reader().lexicon().number_words.count(w)) return true;
  }
  return false;
}

// Random texts of words, number words, digits, punctuation, bytes >= 0x80,
// and the bytes next to the ranges the scan tests ('/' ':' '@' '[' '`' '{').
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "the", "Policy", "SHOULD", "seven", "Seven", "TWELVE", "million", "half", "dozen", "a", " ", "  ", ",", ".",
      "/", ":", "@", "[", "`", "{", "\xC3\xA9", "\xE2\x80\x99", "\xEF\xBC\x93", "0", "5", "9", "\t", "\n", "x", "Z"};
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> digit_free(0, 1);
  bool no_digits = digit_free(rng) == 1;
  std::string s;
  for (int k = length(rng); k > 0; --k) {
    const std::string& p = pieces[pick(rng)];
    if (no_digits && p[0] >= '0' && p[0] <= '9') continue;
    s += p;
  }
  return s;
}

}  // namespace

TEST_CASE("numeric pre-scan: may_hold_quantity agrees with a byte-by-byte reading on random texts") {
  std::mt19937 rng(20261123);
  int held = 0, not_held = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string s = random_text(rng);
    bool expected = reference_may_hold(s);
    INFO("text: " << s);
    REQUIRE(reader().may_hold_quantity(s) == expected);
    (expected ? held : not_held)++;
  }
  CHECK(held > 1000);
  CHECK(not_held > 1000);
}

TEST_CASE("numeric pre-scan: every byte position and every byte value around a digit") {
  // A digit or a number word at each offset of texts longer than eight bytes
  // (the scan's word size), and each byte value alone.
  for (size_t len = 1; len <= 20; ++len)
    for (size_t at = 0; at < len; ++at) {
      std::string s(len, '-');
      s[at] = '7';
      CHECK(reader().may_hold_quantity(s));
      s[at] = '-';
      CHECK_FALSE(reader().may_hold_quantity(s));
    }
  for (int c = 0; c < 256; ++c) {
    std::string s = "abc-def-ghi-" + std::string(1, static_cast<char>(c)) + "-jkl";
    CHECK(reader().may_hold_quantity(s) == reference_may_hold(s));
  }
}

TEST_CASE("numeric pre-scan: case folding does not change what is read") {
  // The reader folds ASCII letters eight bytes at a time: upper- and lower-case
  // texts of every length around that size read the same quantities.
  for (size_t pad = 0; pad < 10; ++pad) {
    std::string lower = std::string(pad, ' ') + "about seventeen million tons and 45 percent";
    std::string upper = std::string(pad, ' ') + "ABOUT SEVENTEEN MILLION TONS AND 45 PERCENT";
    auto a = reader().read(lower);
    auto b = reader().read(upper);
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() >= 2);
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].begin == b[i].begin);
      CHECK(a[i].end == b[i].end);
      CHECK(a[i].value == b[i].value);
      CHECK(a[i].kind == b[i].kind);
    }
  }
}
