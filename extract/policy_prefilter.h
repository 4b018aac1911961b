// Which of a list of regular expressions may match a text, found cheaply, so
// that most sentences never reach RE2 and the others reach only the patterns
// that can match them. RE2's FilteredRE2 derives from each pattern the
// literal strings ("atoms") a match requires and how they combine (AND/OR);
// of those we keep, per pattern, a set of "key" atoms that every match needs
// one of. An Aho-Corasick automaton looks for all key atoms in one pass over
// the text, lower-cased byte by byte. Nothing is hard-coded: editing the
// patterns in rules/ changes the atoms.
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
  static constexpr size_t kMaxPatterns = 64;

  // The prefilter of `patterns` compiled with `options`; null when it could
  // not rule anything out (more than kMaxPatterns patterns, or a pattern
  // that does not compile): callers then run the regexes on every text.
  static std::unique_ptr<const LiteralPrefilter> build(const std::vector<std::string>& patterns,
                                                       const RE2::Options& options);

  // Bit i set unless pattern i certainly does not match anywhere in `text`.
  uint64_t candidates(std::string_view text) const;
  // False only when no pattern can match `text` (stops at the first candidate).
  bool may_match(std::string_view text) const;

  // The key atoms (lower case) and the conditions (bits) each one meets.
  const std::vector<std::string>& atoms() const { return atoms_; }
  const std::vector<uint64_t>& atom_conditions() const { return atom_conditions_; }
  // Per pattern: the conditions that must all be met for it to be a candidate.
  const std::vector<uint64_t>& needs() const { return needs_; }
  // Patterns that require no ASCII atom: candidates for every text.
  uint64_t always() const { return always_; }

 private:
  LiteralPrefilter() = default;
  // The conditions met by the atoms in `text`; stops early once one pattern is
  // a candidate when `first_only`. *all_candidates: a character RE2 folds to
  // ASCII makes every pattern a candidate.
  uint64_t conditions_met(std::string_view text, bool first_only, bool* all_candidates) const;
  // Bit i set iff pattern i needs no condition, or all of them are in `met`.
  uint64_t patterns_meeting(uint64_t met) const;
  // Builds the goto/failure automaton of atoms_ over byte classes.
  void build_automaton();

  // A condition is one key set of one pattern: met when an atom of the set
  // is in the text. A pattern has one or two (each necessary for a match).
  std::vector<std::string> atoms_;
  std::vector<uint64_t> atom_conditions_;  // per atom
  std::vector<uint64_t> needs_;            // per pattern (0: always a candidate)
  uint64_t always_ = 0;
  uint64_t all_ = 0;  // one bit per pattern
  uint8_t byte_class_[256] = {};  // byte -> class of its lower case (0: in no atom)
  size_t classes_ = 1;
  static constexpr uint32_t kAccepting = 1u << 31;
  // (state row offset = state * classes_) + class -> the next state's row
  // offset, | kAccepting when an atom ends in that state.
  std::vector<uint32_t> next_;
  std::vector<uint64_t> conditions_at_;  // per state: the conditions of the atoms that end there
  std::vector<uint8_t> fold_at_;         // per state: a character RE2 folds to ASCII ends there
  std::vector<uint8_t> condition_owner_;  // per condition bit: its pattern
};

}  // namespace polex
