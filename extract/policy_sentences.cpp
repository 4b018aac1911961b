#include "extract/policy_sentences.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace polex {
namespace {

bool word_byte(unsigned char c) { return std::isalpha(c) || c == '\'' || c == '-' || c >= 0x80; }

// The grammatical subject word right before byte `pos` (skipping adverbs and
// auxiliaries from rules), lower case; empty when there is none.
std::string subject_before(const PolicyRules& rules, std::string_view s, size_t pos) {
  size_t i = pos;
  for (int words = 0; words < 6; ++words) {
    while (i > 0 && s[i - 1] == ' ') --i;
    size_t end = i;
    while (i > 0 && word_byte(static_cast<unsigned char>(s[i - 1]))) --i;
    if (i == end) return "";
    std::string w(s.substr(i, end - i));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!rules.subject_skip.count(w)) return w;
  }
  return "";
}

using Range = std::pair<size_t, size_t>;

// Byte ranges of every exclusion that applies in `s`.
std::vector<Range> exclusion_ranges(const PolicyRules& rules, std::string_view s) {
  std::vector<Range> out;
  std::vector<int> hits;
  if (!rules.exclusion_set->Match(s, &hits)) return out;
  for (int h : hits) {
    const PolicyRules::Exclusion& ex = rules.exclusions[static_cast<size_t>(h)];
    std::vector<Range> lifts;
    if (ex.unless) {
      re2::StringPiece m;
      size_t pos = 0;
      while (pos <= s.size() && ex.unless->Match(s, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
        size_t b = static_cast<size_t>(m.data() - s.data());
        lifts.emplace_back(b, b + m.size());
        pos = b + std::max<size_t>(m.size(), 1);
      }
    }
    re2::StringPiece m;
    size_t pos = 0;
    while (pos <= s.size() && ex.re->Match(s, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = static_cast<size_t>(m.data() - s.data());
      size_t e = b + m.size();
      bool lifted = std::any_of(lifts.begin(), lifts.end(), [&](const Range& l) { return l.first < e && b < l.second; });
      if (!lifted) out.emplace_back(b, e);
      pos = b + std::max<size_t>(m.size(), 1);
    }
  }
  return out;
}

bool vetoed(const PolicyRules& rules, std::string_view s) {
  return std::any_of(rules.sentence_vetoes.begin(), rules.sentence_vetoes.end(),
                     [&](const std::unique_ptr<RE2>& veto) { return RE2::PartialMatch(s, *veto); });
}

// The cues to try on `s`, in rule order: those the prefilter lets through
// (some may not match), else those the cue set matches.
void cues_to_try(const PolicyRules& rules, std::string_view s, std::vector<int>& out) {
  out.clear();
  if (rules.cue_prefilter) {
    for (uint64_t bits = rules.cue_prefilter->candidates(s); bits != 0; bits &= bits - 1)
      out.push_back(std::countr_zero(bits));
    return;
  }
  rules.cue_set->Match(s, &out);
  std::sort(out.begin(), out.end());
}

}  // namespace

std::optional<DeonticCue> classify_sentence(const PolicyRules& rules, std::string_view s, bool strict) {
  std::vector<int> tries;
  cues_to_try(rules, s, tries);
  if (tries.empty()) return std::nullopt;
  // The vetoes and the exclusions matter once a cue matches: computed then.
  std::optional<std::vector<Range>> excluded;
  std::optional<DeonticCue> best;
  for (int h : tries) {  // rule order: recommend_verb cues come first
    const PolicyRules::Cue& cue = rules.cues[static_cast<size_t>(h)];
    if (best && best->kind == "recommend_verb" && cue.kind != "recommend_verb") break;
    re2::StringPiece m;
    size_t pos = 0;
    while (pos <= s.size() && cue.re->Match(s, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
      if (!excluded) {
        if (strict && vetoed(rules, s)) return std::nullopt;
        excluded = exclusion_ranges(rules, s);
      }
      size_t b = static_cast<size_t>(m.data() - s.data());
      size_t e = b + m.size();
      pos = b + std::max<size_t>(m.size(), 1);
      bool vetoed = std::any_of(excluded->begin(), excluded->end(), [&](const Range& r) { return r.first < e && b < r.second; });
      if (vetoed) continue;
      if (strict && cue.agentive && rules.private_subjects.count(subject_before(rules, s, b))) continue;
      // Keep the earliest surviving cue within a kind.
      if (!best || (best->kind == cue.kind && b < best->begin) || (cue.kind == "recommend_verb" && best->kind != cue.kind))
        best = DeonticCue{cue.kind, cue.modality, b, e};
      break;
    }
  }
  return best;
}

}  // namespace polex
