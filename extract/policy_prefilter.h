// A cheap test that a text cannot match any of a list of regular
// expressions, so that most sentences never reach RE2. RE2's FilteredRE2
// derives from the patterns themselves the literal strings ("atoms") a match
// requires and how they combine (AND/OR); of those, we keep a set of "key"
// atoms that every match needs one of, and an Aho-Corasick automaton looks
// for them in one pass over the text, lower-cased byte by byte. Nothing is
// hard-coded: editing the patterns in rules/ changes the atoms.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace polex {

class LiteralPrefilter {
 public:
  // The prefilter of `patterns` compiled with `options`; null when it could
  // not reject anything (a pattern requires no literal, an atom is not ASCII,
  // a pattern does not compile): callers then always run the regexes.
  static std::unique_ptr<const LiteralPrefilter> build(const std::vector<std::string>& patterns,
                                                       const RE2::Options& options);

  // False only when no pattern can match anywhere in `text`.
  bool may_match(std::string_view text) const;

  // The key atoms, lower case.
  const std::vector<std::string>& atoms() const { return atoms_; }

 private:
  LiteralPrefilter() = default;
  // Builds the goto/failure automaton of atoms_ over byte classes.
  void build_automaton();

  std::vector<std::string> atoms_;
  uint8_t byte_class_[256] = {};  // byte -> class of its lower case (0: in no atom)
  size_t classes_ = 1;
  static constexpr uint32_t kAccepting = 1u << 31;
  // (state row offset = state * classes_) + class -> the next state's row
  // offset, | kAccepting when an atom ends in that state.
  std::vector<uint32_t> next_;
};

}  // namespace polex
