// PiecewiseText keeps its map in pieces; it must map every byte exactly as a
// CleanText built by the same calls, and compose like CleanText::compose.
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "extract/clean_text.h"

using namespace polex;

namespace {

// Applies the same random copies, replacements and pop_backs of `input` to both.
void build_random(std::mt19937& rng, const std::string& input, CleanText& flat, PiecewiseText& pieces) {
  flat.set_raw_size(static_cast<uint32_t>(input.size()));
  pieces.set_raw_size(static_cast<uint32_t>(input.size()));
  for (uint32_t at = 0; at < input.size();) {
    uint32_t n = std::min<uint32_t>(static_cast<uint32_t>(input.size()) - at, 1 + rng() % 7);
    switch (rng() % 5) {
      case 0: case 1:
        flat.copy(std::string_view(input).substr(at, n), at);
        pieces.copy(std::string_view(input).substr(at, n), at);
        break;
      case 2: {
        std::string s(rng() % 3, 'x');
        flat.replace(s, at, at + n);
        pieces.replace(s, at, at + n);
        break;
      }
      case 3:
        flat.replace(" ", at, at);  // an insertion
        pieces.replace(" ", at, at);
        n = 0;
        break;
      default:
        if (flat.size() > 2) {
          flat.pop_back(1);
          pieces.pop_back(1);
        }
        n = 0;
    }
    at += n;
  }
}

}  // namespace

TEST_CASE("PiecewiseText maps every byte as CleanText does", "[clean_text]") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 200; ++round) {
    std::string input(1 + rng() % 200, 'a');
    for (char& c : input) c = static_cast<char>('a' + rng() % 26);
    CleanText flat;
    PiecewiseText pieces;
    build_random(rng, input, flat, pieces);
    REQUIRE(pieces.text() == flat.text());
    for (uint32_t p = 0; p < flat.size(); ++p) {
      REQUIRE(pieces.raw_begin_at(p) == flat.raw_begin()[p]);
      REQUIRE(pieces.raw_end_at(p) == flat.raw_end()[p]);
    }
    for (uint32_t p = 0; p <= flat.size(); ++p) REQUIRE(pieces.raw_position(p) == flat.raw_position(p));

    // A second text built over the first: composed in one pass, or built
    // flat (mapped to the first text's positions) and then composed.
    CleanText outer_flat;
    PiecewiseText outer_pieces;
    build_random(rng, flat.text(), outer_flat, outer_pieces);
    PiecewiseText outer_copy = outer_pieces;
    outer_flat.compose(pieces);
    CleanText composed;
    composed.assign_composed(outer_pieces, pieces);
    REQUIRE(composed.text() == outer_flat.text());
    REQUIRE(composed.raw_begin() == outer_flat.raw_begin());
    REQUIRE(composed.raw_end() == outer_flat.raw_end());
    REQUIRE(composed.raw_size() == outer_flat.raw_size());
    // assign() keeps the map to the first text's positions.
    CleanText assigned;
    assigned.assign(outer_copy);
    assigned.compose(pieces);
    REQUIRE(assigned.raw_begin() == outer_flat.raw_begin());
    REQUIRE(assigned.raw_end() == outer_flat.raw_end());
  }
}
