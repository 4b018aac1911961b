#include "extract/policy_prefilter.h"

#include <algorithm>
#include <bit>
#include <deque>

#include <re2/filtered_re2.h>

namespace polex {
namespace {

// Atoms shorter than this are dropped by FilteredRE2 (their node then passes
// every text): a one- or two-letter atom ("a", " ") is in every sentence.
constexpr int kMinAtomBytes = 3;

unsigned char lower_byte(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }


// A subset of the atoms that every match needs one of: with all the other
// atoms present, no pattern passes the filter. Short atoms (" to", "is ",
// "that": common in any text) are left out first, so that a text holding
// none of the rest is rejected in one pass, without evaluating the filter.
// `shortest_first` false: long atoms are left out first, which picks the
// other side of an AND ("it is " AND (important | vital ...)).
std::vector<std::string> key_atoms(const re2::FilteredRE2& filter, const std::vector<std::string>& atoms,
                                   bool shortest_first) {
  std::vector<size_t> order(atoms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return shortest_first ? atoms[a].size() < atoms[b].size() : atoms[a].size() > atoms[b].size();
  });
  std::vector<bool> key(atoms.size(), true);
  std::vector<int> others, potential;
  for (size_t i : order) {
    key[i] = false;
    others.clear();
    for (size_t k = 0; k < atoms.size(); ++k)
      if (!key[k]) others.push_back(static_cast<int>(k));
    filter.AllPotentials(others, &potential);
    if (!potential.empty()) key[i] = true;
  }
  std::vector<std::string> out;
  for (size_t k = 0; k < atoms.size(); ++k)
    if (key[k]) out.push_back(atoms[k]);
  return out;
}

}  // namespace

std::unique_ptr<const LiteralPrefilter> LiteralPrefilter::build(const std::vector<std::string>& patterns,
                                                                const RE2::Options& options) {
  if (patterns.empty() || patterns.size() > kMaxPatterns) return nullptr;
  std::unique_ptr<LiteralPrefilter> p(new LiteralPrefilter());
  p->needs_.assign(patterns.size(), 0);
  // Two key sets per pattern (two conditions, both necessary) while 64 bits hold them.
  const bool two_sets = patterns.size() * 2 <= 64;
  size_t conditions = 0;
  auto add_condition = [&](size_t owner, const std::vector<std::string>& keys) {
    const uint64_t bit = uint64_t{1} << conditions++;
    p->condition_owner_.push_back(static_cast<uint8_t>(owner));
    for (const std::string& atom : keys) {
      auto at = std::find(p->atoms_.begin(), p->atoms_.end(), atom);
      if (at == p->atoms_.end()) {
        p->atoms_.push_back(atom);
        p->atom_conditions_.push_back(bit);
      } else {
        p->atom_conditions_[static_cast<size_t>(at - p->atoms_.begin())] |= bit;
      }
    }
    return bit;
  };
  for (size_t i = 0; i < patterns.size(); ++i) {
    const uint64_t bit = uint64_t{1} << i;
    p->all_ |= bit;
    re2::FilteredRE2 filter(kMinAtomBytes);
    int id = 0;
    if (filter.Add(patterns[i], options, &id) != RE2::NoError) return nullptr;
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    // A pattern that passes with no atom at all, or needs a non-ASCII one
    // (the scan lower-cases ASCII only), is tried on every text.
    std::vector<int> unfiltered;
    filter.AllPotentials({}, &unfiltered);
    bool ascii = std::none_of(atoms.begin(), atoms.end(), [](const std::string& a) {
      return a.empty() || std::any_of(a.begin(), a.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    });
    if (!unfiltered.empty() || atoms.empty() || !ascii) {
      p->always_ |= bit;
      continue;
    }
    std::vector<std::string> keys = key_atoms(filter, atoms, true);
    p->needs_[i] = add_condition(i, keys);
    if (two_sets) {
      std::vector<std::string> other = key_atoms(filter, atoms, false);
      std::sort(keys.begin(), keys.end());
      std::sort(other.begin(), other.end());
      if (other != keys) p->needs_[i] |= add_condition(i, other);
    }
  }
  if (p->always_ == p->all_) return nullptr;
  p->build_automaton();
  return p;
}

void LiteralPrefilter::build_automaton() {
  // The key atoms, and the UTF-8 of the characters a case-insensitive RE2
  // folds to ASCII letters (long s U+017F, Kelvin sign U+212A), which the
  // ASCII lower-casing cannot see: where one occurs, any pattern may match.
  std::vector<std::string> strings = atoms_;
  const size_t folds_from = strings.size();
  strings.push_back("\xC5\xBF");
  strings.push_back("\xE2\x84\xAA");
  // Byte classes: one per byte that occurs in a string; upper-case letters
  // share the class of their lower case.
  uint8_t class_of_lower[256] = {};
  classes_ = 1;
  for (const std::string& a : strings)
    for (char ch : a) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (class_of_lower[c] == 0) class_of_lower[c] = static_cast<uint8_t>(classes_++);
    }
  for (int c = 0; c < 256; ++c) byte_class_[c] = class_of_lower[lower_byte(static_cast<unsigned char>(c))];

  // The trie (state 0 is the root; kNoState: no edge yet).
  constexpr uint32_t kNoState = UINT32_MAX;
  struct Output {
    uint64_t conditions = 0;  // of the atoms ending in the state
    bool fold = false;        // a folding character ends there
  };
  std::vector<Output> outputs(1);
  next_.assign(classes_, kNoState);
  for (size_t id = 0; id < strings.size(); ++id) {
    uint32_t s = 0;
    for (char ch : strings[id]) {
      size_t k = s * classes_ + class_of_lower[static_cast<unsigned char>(ch)];
      if (next_[k] == kNoState) {
        next_[k] = static_cast<uint32_t>(outputs.size());
        outputs.emplace_back();
        next_.resize(next_.size() + classes_, kNoState);
      }
      s = next_[k];
    }
    if (id < folds_from) outputs[s].conditions |= atom_conditions_[id];
    else outputs[s].fold = true;
  }
  // Failure links, breadth first, folded into the goto table (a DFA).
  std::vector<uint32_t> fail(outputs.size(), 0);
  std::deque<uint32_t> queue;
  for (size_t c = 0; c < classes_; ++c) {
    uint32_t& t = next_[c];
    if (t == kNoState) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop_front();
    outputs[s].conditions |= outputs[fail[s]].conditions;
    outputs[s].fold = outputs[s].fold || outputs[fail[s]].fold;
    for (size_t c = 0; c < classes_; ++c) {
      uint32_t& t = next_[s * classes_ + c];
      if (t == kNoState) {
        t = next_[fail[s] * classes_ + c];
      } else {
        fail[t] = next_[fail[s] * classes_ + c];
        queue.push_back(t);
      }
    }
  }
  // Each entry becomes the row offset of its target state, with kAccepting
  // set when something ends there: one load and one test per byte.
  for (uint32_t& t : next_) {
    const Output& o = outputs[t];
    t = static_cast<uint32_t>(t * classes_) | (o.conditions != 0 || o.fold ? kAccepting : 0);
  }
  conditions_at_.resize(outputs.size());
  fold_at_.resize(outputs.size());
  for (size_t s = 0; s < outputs.size(); ++s) {
    conditions_at_[s] = outputs[s].conditions;
    fold_at_[s] = outputs[s].fold ? 1 : 0;
  }
}

uint64_t LiteralPrefilter::patterns_meeting(uint64_t met) const {
  uint64_t found = always_;
  if (met != 0)
    for (size_t i = 0; i < needs_.size(); ++i)
      if (needs_[i] != 0 && (met & needs_[i]) == needs_[i]) found |= uint64_t{1} << i;
  return found;
}

uint64_t LiteralPrefilter::conditions_met(std::string_view text, bool first_only, bool* all_candidates) const {
  *all_candidates = false;
  const uint32_t* next = next_.data();
  uint64_t met = 0;
  uint32_t s = 0;
  for (char ch : text) {
    s = next[s + byte_class_[static_cast<unsigned char>(ch)]];
    if (s & kAccepting) {
      s &= ~kAccepting;
      const size_t state = s / classes_;
      if (fold_at_[state]) {
        *all_candidates = true;
        return met;
      }
      uint64_t added = conditions_at_[state] & ~met;
      if (added == 0) continue;
      met |= added;
      if (!first_only) continue;
      // A new condition completes at most the patterns that own it.
      for (uint64_t bits = added; bits != 0; bits &= bits - 1) {
        const uint64_t need = needs_[condition_owner_[static_cast<size_t>(std::countr_zero(bits))]];
        if ((met & need) == need) return met;
      }
    }
  }
  return met;
}
uint64_t LiteralPrefilter::candidates(std::string_view text) const {
  bool all = false;
  uint64_t met = conditions_met(text, false, &all);
  return all ? all_ : patterns_meeting(met);
}

bool LiteralPrefilter::may_match(std::string_view text) const {
  if (always_ != 0) return true;
  bool all = false;
  uint64_t met = conditions_met(text, true, &all);
  return all || patterns_meeting(met) != 0;
}

}  // namespace polex
