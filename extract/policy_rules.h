// The compiled rules of the policy options extractor (rules/policy/*): marker
// labels, recommendation-list cues, imperative verbs and the deontic sentence
// lexicon. Built once by compile(), immutable and shared by every thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "extract/policy_prefilter.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// The hash of duplicate detection (FNV-1a) of a word's ASCII lower case:
// computed byte by byte while the word is read, with no lower-cased copy.
constexpr uint64_t kWordHashSeed = 14695981039346656037ull;
constexpr uint64_t kWordHashPrime = 1099511628211ull;
// One byte already in lower case.
inline uint64_t word_hash_step_lower(uint64_t h, unsigned char lower) { return (h ^ lower) * kWordHashPrime; }
inline uint64_t word_hash_step(uint64_t h, unsigned char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
  return word_hash_step_lower(h, c);
}
inline uint64_t word_hash(std::string_view word) {
  uint64_t h = kWordHashSeed;
  for (char c : word) h = word_hash_step(h, static_cast<unsigned char>(c));
  return h;
}

// Lower-case words looked up with their word_hash already computed:
// duplicate detection hashes each word of a statement once.
class HashedWordSet {
 public:
  void insert(std::string word);
  // True iff the ASCII lower case of `word` (word_hash = `hash`) is in the set.
  bool contains(std::string_view word, size_t hash) const;

 private:
  struct Slot {
    bool used = false;
    size_t hash = 0;
    std::string word;
  };
  std::vector<Slot> slots_;  // open addressing, a power of two, at most half full
  size_t count_ = 0;
};

struct PolicyRules {
  // --- markers (rules/policy/markers.json) ---
  std::unique_ptr<RE2> marker_label;       // the label and its colon
  // The bytes a label can start with (its first letters, as the rules write
  // them): marker_label is tried, anchored, only at a word start with one.
  // Empty when a label starts with something else: then it scans the text.
  std::vector<char> marker_first_bytes;
  std::vector<std::string> marker_glyphs;  // longest first
  int max_marker_sentences = 3;
  // Abbreviations (from rules/segment/abbreviations.json, without their final
  // period, lower case): a period after one does not end a marker's text.
  std::unordered_set<std::string> abbreviations;
  // Words after which a line goes on (rules/normalize/layout.json): a marker
  // or item cut after one continues in the next block, whatever its case.
  std::unordered_set<std::string> continuation_words;

  // --- recommendation lists (rules/policy/lists.json) ---
  std::unique_ptr<RE2> list_heading;
  std::unique_ptr<RE2> list_sub_heading;
  std::unique_ptr<RE2> announcing;
  std::unique_ptr<RE2> reported;
  std::vector<std::string> bullets;  // longest first
  bool bullet_first_byte[256] = {};  // the bytes a bullet starts with
  int max_interruptions = 4;
  std::unordered_set<std::string> imperative_verbs;  // lower case
  std::unordered_set<std::string> imperative_blockers;
  std::unique_ptr<RE2> numbering;  // "1. ", "(a) " at an item's start
  int max_intro_paragraphs = 2;

  // --- sentences (rules/policy/sentences.json) ---
  struct Cue {
    std::string kind;      // "recommend_verb" | "directive"
    std::string modality;  // "should", "must", "need", "recommend", ...
    bool agentive = false;  // dropped when its subject is a private actor
    std::unique_ptr<RE2> re;
  };
  struct Exclusion {
    std::unique_ptr<RE2> re;
    std::unique_ptr<RE2> unless;  // may be null
  };
  std::vector<Cue> cues;
  std::unique_ptr<RE2::Set> cue_set;  // index i = cues[i]
  // The cues that may match a sentence (null: run cue_set to know).
  std::unique_ptr<const LiteralPrefilter> cue_prefilter;
  std::vector<Exclusion> exclusions;
  std::unique_ptr<RE2::Set> exclusion_set;
  // One regex per sentence veto: a veto anchored at the start or the end of
  // the sentence is then tried there only, not at every byte.
  std::vector<std::unique_ptr<RE2>> sentence_vetoes;
  std::unordered_set<std::string> private_subjects;
  std::unordered_set<std::string> subject_skip;
  std::unordered_set<std::string> introductory_words;  // a sentence opening with one: subject after the first comma
  std::unique_ptr<RE2> passive;  // right after a cue: "be expanded"
  // Weak modals: the modality of an option with no deontic cue.
  std::unique_ptr<RE2> could;
  std::unique_ptr<RE2> may;

  // --- duplicates (rules/policy/duplicates.json) ---
  HashedWordSet stopwords;  // lower case
  double min_containment = 0.8;
  double min_jaccard = 0.5;
  size_t opening_words = 3;
  double opening_min_containment = 0.5;

  // Compiles the rule files; a bad pattern or a missing key is an error that
  // names the file and line.
  static Result<std::shared_ptr<const PolicyRules>> compile(const RuleSet& rules);

  // True iff `word` (any case) is a base-form verb that opens an imperative.
  bool is_imperative_verb(std::string_view word) const;
  // True iff `word` (any ASCII case, word_hash = `hash`) is a stopword of duplicate detection.
  bool is_stopword(std::string_view word, size_t hash) const { return stopwords.contains(word, hash); }
  // True iff the word before a period (`word`, without the period) is an abbreviation.
  bool is_abbreviation(std::string_view word) const;
  // Length in bytes of the bullet glyph at the start of `s` (0 when none).
  size_t bullet_length(std::string_view s) const;
};

}  // namespace polex
