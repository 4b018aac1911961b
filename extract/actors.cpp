#include "extract/actors.h"

#include <algorithm>
#include <array>
#include <deque>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/actor_lexicon.h"
#include "extract/actor_rules.h"

namespace polex {

namespace {

// Where a candidate came from; also its strength when two spans tie.
enum class Source : uint8_t { kGazetteer, kExclusionHead, kOrgHead, kPerson, kAffiliation, kAcronym, kSurname };

int priority_of(Source s) {
  switch (s) {
    case Source::kGazetteer: return 4;
    case Source::kExclusionHead: return 3;
    case Source::kOrgHead: return 2;
    case Source::kPerson: return 2;
    default: return 1;
  }
}

const char* source_name(Source s) {
  switch (s) {
    case Source::kGazetteer: return "gazetteer";
    case Source::kExclusionHead: return "not_actor";
    case Source::kOrgHead: return "org_head";
    case Source::kPerson: return "person_name";
    case Source::kAffiliation: return "affiliation";
    case Source::kAcronym: return "acronym";
    case Source::kSurname: return "surname";
  }
  return "";
}

struct Candidate {
  uint32_t tb = 0;  // tokens, half-open
  uint32_t te = 0;
  Source source = Source::kGazetteer;
  int alias = -1;  // gazetteer alias, or -1
  // Views into the rules, the text or Scan::strings: candidates copy cheaply.
  std::string_view category;
  std::string_view canonical;
  // The canonical is the span's own text (canonical_text), made only once the
  // candidate is accepted: most candidates lose an overlap.
  bool canonical_from_span = false;
  bool blocker() const { return category == "none"; }
};

// parse_name() hands a name longer than this (in tokens) to the memoized name_rest().
constexpr size_t kNameRestAfter = 24;

// A person-name shape read at a token: given names, initials, particles, surnames.
struct NameShape {
  uint32_t end = 0;  // after the last name word
  int words = 0;
  int initials = 0;
};

// What the rest of a name adds from some token on (see name_rest()).
struct NameRest {
  int words = -1;  // -1 = not computed yet
  int initials = 0;
  uint32_t end = 0;  // after its last name word, or 0
};

// The per-call state of one document (the extractor itself stays const).
struct Scan {
  std::string_view text;
  std::vector<ActorToken> tokens;
  std::vector<PhraseTrie::Match> gazetteer_at;  // longest gazetteer match at each token
  // Where each finder has work, found in one pass (index_tokens()): most
  // tokens interest none of them.
  std::vector<uint32_t> gazetteer_starts;  // a gazetteer phrase may start here
  std::vector<uint32_t> org_head_words;    // capitalized org / exclusion / head-first words
  std::vector<uint32_t> capitalized_words; // capitalized words and abbreviations
  std::vector<uint32_t> name_words;        // capitalized words and name particles ("de")
  std::vector<uint32_t> demonym_words;     // "Mexican"
  std::vector<uint32_t> quotes;            // opening or straight quotation marks
  std::vector<uint32_t> marker_starts;     // a citation marker may start here
  std::vector<Candidate> candidates;
  std::vector<Candidate> accepted;
  std::vector<int> owner;  // token -> index into accepted, or -1
  std::vector<std::pair<uint64_t, uint64_t>> order;  // resolve(): candidates by strength
  // name_rest() per (token, words so far 0/1/2+, soft): a long run of
  // capitalized words is read once, not once from every word in it.
  mutable std::vector<NameRest> name_rests;
  std::deque<std::string> strings;  // composed canonicals (a deque keeps views valid)
  std::string_view keep(std::string s) { return strings.emplace_back(std::move(s)); }

  // Empties the scan for the next document, keeping the vectors' capacity.
  void reset() {
    tokens.clear();
    gazetteer_at.clear();
    gazetteer_starts.clear();
    org_head_words.clear();
    capitalized_words.clear();
    name_words.clear();
    demonym_words.clear();
    quotes.clear();
    marker_starts.clear();
    candidates.clear();
    accepted.clear();
    owner.clear();
    order.clear();
    name_rests.clear();
    strings.clear();
  }
};

// Documents larger than this (in tokens) leave no scratch behind their thread.
constexpr size_t kScratchTokensKept = size_t{1} << 20;

class ActorsExtractor : public Extractor {
 public:
  explicit ActorsExtractor(std::shared_ptr<const ActorRules> rules) : r_(std::move(rules)) {
    alias_is_person_.reserve(r_->aliases.size());
    for (const ActorAlias& alias : r_->aliases) alias_is_person_.push_back(r_->entries[alias.entry].category == "person");
  }
  std::string_view name() const override { return "actors"; }
  void extract(Document& doc) const override;

 private:
  // --- token predicates ---
  const ActorEntry& entry_of_alias(int alias) const { return r_->entries[r_->aliases[alias].entry]; }
  bool gazetteer_non_person(const Scan& s, size_t k) const;
  bool is_initial(const Scan& s, size_t k) const;
  bool is_name_word(const Scan& s, size_t k, bool first) const;
  bool is_modifier(const Scan& s, size_t k) const;
  bool glued(const Scan& s, size_t k) const { return k > 0 && s.tokens[k].begin == s.tokens[k - 1].end; }
  uint32_t id(const Scan& s, size_t k) const { return k < s.tokens.size() ? s.tokens[k].id : 0; }
  std::string key_of(const Scan& s, uint32_t tb, uint32_t te) const;
  std::string_view token_key(const Scan& s, size_t k, std::string& buffer) const;
  std::string canonical_text(const Scan& s, uint32_t tb, uint32_t te) const;
  std::string_view span_canonical(Scan& s, uint32_t tb, uint32_t te) const;

  // --- candidate finders ---
  void index_tokens(Scan& s) const;
  void find_gazetteer(Scan& s) const;
  void find_org_heads(Scan& s) const;
  bool split_coordinated(Scan& s, size_t begin, size_t head, size_t end) const;
  void find_people(Scan& s) const;
  NameShape parse_name(const Scan& s, size_t i) const;
  NameRest name_rest(const Scan& s, size_t k, int words, bool soft) const;
  bool starts_listed_person(const Scan& s, size_t k) const;
  void add_person(Scan& s, uint32_t tb, uint32_t te) const;
  void add_coordinated_before(Scan& s, size_t start) const;
  size_t add_coordinated_after(Scan& s, size_t end, int min_words) const;
  void add_affiliations(Scan& s, size_t k) const;
  void add_inverted_citation(Scan& s, size_t i) const;

  // --- per-document resolution ---
  void resolve(Scan& s) const;
  void resolve_local_names(Scan& s) const;
  void resolve_context(Scan& s, const Document& doc) const;
  void resolve_units(Scan& s) const;
  void drop_cited_titles(Scan& s) const;
  void drop_listed_states(Scan& s) const;

  std::shared_ptr<const ActorRules> r_;
  std::vector<char> alias_is_person_;  // per alias: its entry is a person (tested per name word)
};

// ---------------------------------------------------------------- predicates

bool ActorsExtractor::gazetteer_non_person(const Scan& s, size_t k) const {
  const PhraseTrie::Match& m = s.gazetteer_at[k];
  return m.length > 0 && !alias_is_person_[m.payload];
}

bool ActorsExtractor::is_initial(const Scan& s, size_t k) const {
  const ActorToken& t = s.tokens[k];
  return t.kind == TokenKind::kAbbrev && t.capitalized && t.end - t.begin == 2;
}

bool ActorsExtractor::is_name_word(const Scan& s, size_t k, bool first) const {
  const ActorToken& t = s.tokens[k];
  if (t.kind != TokenKind::kWord || !t.capitalized || t.all_caps || t.end - t.begin < 2) return false;
  if (r_->has(t.id, ActorRules::kNameStopWord | ActorRules::kFunctionWord)) return false;
  if (r_->has(t.id, ActorRules::kPersonTitle)) return false;  // "El Salvador President Bukele"
  (void)first;
  if (gazetteer_non_person(s, k)) return false;
  return true;
}

// A word that may stand before an organization's head ("Migration Policy", "U.S.").
bool ActorsExtractor::is_modifier(const Scan& s, size_t k) const {
  const ActorToken& t = s.tokens[k];
  if (t.kind == TokenKind::kAbbrev) return t.capitalized;
  if (t.kind != TokenKind::kWord || !t.capitalized) return false;
  return !r_->has(t.id, ActorRules::kFunctionWord);
}

std::string ActorsExtractor::key_of(const Scan& s, uint32_t tb, uint32_t te) const {
  std::string key;
  for (uint32_t k = tb; k < te; ++k) {
    if (k > tb) key += ' ';
    const ActorToken& t = s.tokens[k];
    key += fold_token_key(s.text.substr(t.begin, t.end - t.begin));
  }
  return key;
}

// fold_token_key() of one token without a copy when it is plain ASCII.
std::string_view ActorsExtractor::token_key(const Scan& s, size_t k, std::string& buffer) const {
  std::string_view text = s.text.substr(s.tokens[k].begin, s.tokens[k].end - s.tokens[k].begin);
  for (unsigned char c : text) {
    if (c >= 0x80) return buffer = fold_token_key(text);
  }
  return text;
}

// The span's text on one line: runs of spaces become one, and an initial glued
// to the next word gets its space ("T.Alexander" -> "T. Alexander").
std::string ActorsExtractor::canonical_text(const Scan& s, uint32_t tb, uint32_t te) const {
  std::string out;
  for (uint32_t k = tb; k < te; ++k) {
    const ActorToken& t = s.tokens[k];
    if (k > tb && (!glued(s, k) || (is_initial(s, k - 1) && t.kind == TokenKind::kWord))) out += ' ';
    out.append(s.text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

// canonical_text() as a view: the text itself when it is already on one line
// with single spaces, else a composed string kept by the scan.
std::string_view ActorsExtractor::span_canonical(Scan& s, uint32_t tb, uint32_t te) const {
  bool plain = true;
  for (uint32_t k = tb + 1; k < te && plain; ++k) {
    const ActorToken& t = s.tokens[k];
    if (glued(s, k)) {
      plain = !(is_initial(s, k - 1) && t.kind == TokenKind::kWord);
    } else {
      plain = t.begin == s.tokens[k - 1].end + 1 && s.text[t.begin - 1] == ' ';
    }
  }
  if (plain) return s.text.substr(s.tokens[tb].begin, s.tokens[te - 1].end - s.tokens[tb].begin);
  return s.keep(canonical_text(s, tb, te));
}

// ------------------------------------------------------------ token index

// One pass over the tokens lists where each finder below has work, instead of
// one pass per finder: a token's rule flags are one array read.
void ActorsExtractor::index_tokens(Scan& s) const {
  const size_t n = s.tokens.size();
  const ActorToken* const tokens = s.tokens.data();
  const uint32_t* const flags = r_->word_flags.data();
  const size_t flag_count = r_->word_flags.size();
  auto flags_of = [&](uint32_t id) { return id < flag_count ? flags[id] : 0u; };
  constexpr uint32_t kPhraseStarts = ActorRules::kStartsGazetteer | ActorRules::kStartsCitationMarker;
  constexpr uint32_t kHeads = ActorRules::kOrgHead | ActorRules::kExclusionHead | ActorRules::kHeadFirst;
  const uint32_t open_quote = r_->id_open_quote, straight_quote = r_->id_straight_quote;
  for (size_t i = 0; i < n; ++i) {
    const ActorToken& t = tokens[i];
    uint32_t f = flags_of(t.id);
    // An all-caps token (the only kind with other forms) also starts the
    // phrases of its other forms, as PhraseTrie::may_start reads it.
    if (t.all_caps) f |= (flags_of(t.alt_id) | flags_of(t.lower_id)) & kPhraseStarts;
    const bool quote = t.id == open_quote || t.id == straight_quote;
    if (f == 0 && !t.capitalized && !quote) continue;
    const auto at = static_cast<uint32_t>(i);
    if (t.kind == TokenKind::kWord && (t.capitalized || (f & ActorRules::kNameParticle))) s.name_words.push_back(at);
    if (f & ActorRules::kStartsGazetteer) s.gazetteer_starts.push_back(at);
    if ((f & ActorRules::kStartsCitationMarker) && i + 2 < n) s.marker_starts.push_back(at);
    if (quote) s.quotes.push_back(at);
    if (f & ActorRules::kDemonym) s.demonym_words.push_back(at);
    if (t.capitalized && (t.kind == TokenKind::kWord || t.kind == TokenKind::kAbbrev)) {
      s.capitalized_words.push_back(at);
      if (t.kind == TokenKind::kWord && t.id != 0 && (f & kHeads)) s.org_head_words.push_back(at);
    }
  }
}

// ------------------------------------------------------------ gazetteers

void ActorsExtractor::find_gazetteer(Scan& s) const {
  const size_t n = s.tokens.size();
  s.gazetteer_at.assign(n, PhraseTrie::Match{});
  for (const uint32_t i : s.gazetteer_starts) {
    const ActorToken& t = s.tokens[i];
    PhraseTrie::Match m = r_->gazetteer.longest(s.tokens, i, n, /*cross_blocks=*/true);
    if (m.length == 0) continue;
    s.gazetteer_at[i] = m;
    const ActorAlias& alias = r_->aliases[m.payload];
    // An acronym inside an all-caps line ("WHO WE ARE") is a word, not a name.
    if (alias.acronym && m.length == 1) {
      auto caps_word = [&](size_t k) {
        const ActorToken& u = s.tokens[k];
        return u.kind == TokenKind::kWord && u.all_caps && u.end - u.begin >= 3 && u.id == 0;
      };
      if ((i > 0 && !t.block_break_before && caps_word(i - 1)) || (i + 1 < n && !s.tokens[i + 1].block_break_before && caps_word(i + 1))) {
        continue;
      }
    }
    // A name written in lower case is a generic noun ("the fed"): aliases match
    // their own case, so only all-caps text reaches here through alt ids.
    const ActorEntry& e = r_->entries[alias.entry];
    Candidate c;
    c.tb = static_cast<uint32_t>(i);
    c.te = static_cast<uint32_t>(i + m.length);
    c.source = Source::kGazetteer;
    c.alias = m.payload;
    c.category = e.category;
    c.canonical = e.canonical;
    s.candidates.push_back(std::move(c));
  }
}

// ------------------------------------------------------ organization heads

void ActorsExtractor::find_org_heads(Scan& s) const {
  const size_t n = s.tokens.size();
  for (const size_t i : s.org_head_words) {
    const ActorToken& t = s.tokens[i];
    auto head = r_->org_heads.find(t.id);
    bool exclusion = r_->has(t.id, ActorRules::kExclusionHead);
    bool first = r_->has(t.id, ActorRules::kHeadFirst);
    if (head == r_->org_heads.end() && !exclusion && !first) continue;

    // Modifiers before the head: capitalized words, "U.S.", hyphen joins ("U.S.-Mexico").
    size_t j = i;
    while (j > 0 && !s.tokens[j].block_break_before) {
      size_t p = j - 1;
      if (is_modifier(s, p)) {
        j = p;
        continue;
      }
      if ((s.tokens[p].id == r_->id_hyphen || s.tokens[p].id == r_->id_amp) && p > 0 && is_modifier(s, p - 1) &&
          !s.tokens[p].block_break_before) {
        j = p - 1;
        continue;
      }
      break;
    }
    const size_t modifiers = i - j;

    if (exclusion) {
      if (modifiers > 0) {
        Candidate c;
        c.tb = static_cast<uint32_t>(j);
        c.te = static_cast<uint32_t>(i + 1);
        c.source = Source::kExclusionHead;
        c.category = "none";
        s.candidates.push_back(std::move(c));
      }
      continue;
    }

    // Tail after the head: "of Public Security", "for Scholars", "de Gobernación".
    size_t end = i + 1;
    if (i + 2 < n && r_->has(s.tokens[i + 1].id, ActorRules::kHeadFirstConnector) && !s.tokens[i + 1].capitalized &&
        !s.tokens[i + 1].block_break_before) {
      size_t k = i + 2;
      while (k < n && !s.tokens[k].block_break_before && !starts_listed_person(s, k)) {
        if (is_modifier(s, k)) {
          end = k + 1;
          ++k;
          continue;
        }
        if ((s.tokens[k].id == r_->id_hyphen && glued(s, k)) ||
            (r_->has(s.tokens[k].id, ActorRules::kConnector) && !s.tokens[k].capitalized && s.tokens[k].id != r_->id_and)) {
          ++k;
          continue;
        }
        // "and" joins two capitalized words ("Agriculture and Rural Development").
        if (s.tokens[k].id == r_->id_and && k + 1 < n && is_modifier(s, k + 1) && end == k) {
          ++k;
          continue;
        }
        break;
      }
    }
    const bool tail = end > i + 1;
    if (modifiers > 0) {
      bool role_only = true;
      for (size_t k = j; k < i; ++k) {
        if (s.tokens[k].kind == TokenKind::kWord && !r_->has(s.tokens[k].id, ActorRules::kRoleModifier)) role_only = false;
      }
      if (role_only) continue;
    }
    std::string_view category;
    if (modifiers == 0) {
      if (!first || !tail) continue;
      category = r_->head_first.at(t.id);
    } else {
      if (head == r_->org_heads.end()) continue;
      category = head->second;
      if (!tail) {
        bool generic = true;
        for (size_t k = j; k < i; ++k) {
          if (s.tokens[k].kind == TokenKind::kWord && !r_->has(s.tokens[k].id, ActorRules::kGenericModifier)) generic = false;
        }
        if (generic) continue;
      }
    }
    if (tail && split_coordinated(s, j, i, end)) continue;
    Candidate c;
    c.tb = static_cast<uint32_t>(j);
    c.te = static_cast<uint32_t>(end);
    c.source = Source::kOrgHead;
    c.category = category;
    c.canonical_from_span = true;
    s.candidates.push_back(std::move(c));
  }
}

// "Department of State and Homeland Security" names two departments when both
// "Department of State" and "Department of Homeland Security" are known.
bool ActorsExtractor::split_coordinated(Scan& s, size_t begin, size_t head, size_t end) const {
  for (size_t a = head + 2; a + 1 < end; ++a) {
    if (id(s, a) != r_->id_and) continue;
    std::vector<uint32_t> left, right;
    for (size_t k = begin; k < a; ++k) left.push_back(s.tokens[k].id);
    for (size_t k = begin; k <= head + 1; ++k) right.push_back(s.tokens[k].id);
    for (size_t k = a + 1; k < end; ++k) right.push_back(s.tokens[k].id);
    int l = r_->gazetteer.find(left), r = r_->gazetteer.find(right);
    if (l < 0 || r < 0) continue;
    for (auto [tb, te, alias] : {std::tuple<size_t, size_t, int>{begin, a, l}, {a + 1, end, r}}) {
      const ActorEntry& e = entry_of_alias(alias);
      Candidate c;
      c.tb = static_cast<uint32_t>(tb);
      c.te = static_cast<uint32_t>(te);
      c.source = Source::kGazetteer;
      c.alias = alias;
      c.category = e.category;
      c.canonical = e.canonical;
      s.candidates.push_back(std::move(c));
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- people

NameShape ActorsExtractor::parse_name(const Scan& s, size_t i) const {
  NameShape shape;
  const size_t n = s.tokens.size();
  size_t k = i;
  bool soft = false;  // the last token was an initial or a particle: the name goes on
  while (k < n) {
    if (k > i + kNameRestAfter) {
      NameRest rest = name_rest(s, k, shape.words, soft);
      shape.words += rest.words;
      shape.initials += rest.initials;
      if (rest.end != 0) shape.end = rest.end;
      break;
    }
    const ActorToken& t = s.tokens[k];
    // A name runs over a line (or column) break only while it is incomplete,
    // and never into the next line's given name ("Berkeley / John A. Cope").
    if (k > i && (t.line_break_before || t.block_break_before)) {
      if (shape.words >= 2 && !soft) break;
      if (r_->has(t.id, ActorRules::kFirstName) && !soft) break;
      if (t.block_break_before && shape.words == 0) break;
    }
    if (is_initial(s, k)) {
      ++shape.initials;
      ++k;
      soft = true;
      continue;
    }
    if (is_name_word(s, k, k == i)) {
      ++shape.words;
      ++k;
      // "Marquez-Hart", "Hey-Kyung": capitalized parts glued by a hyphen.
      while (k + 1 < n && s.tokens[k].id == r_->id_hyphen && glued(s, k) && glued(s, k + 1) &&
             s.tokens[k + 1].kind == TokenKind::kWord && s.tokens[k + 1].capitalized) {
        k += 2;
      }
      shape.end = static_cast<uint32_t>(k);
      soft = false;
      continue;
    }
    if (shape.words >= 1 && r_->has(t.id, ActorRules::kNameParticle) && !t.capitalized) {
      size_t m = k;
      while (m < n && m - k < 2 && r_->has(s.tokens[m].id, ActorRules::kNameParticle)) ++m;
      if (m < n && is_name_word(s, m, false)) {
        k = m;
        soft = true;
        continue;
      }
    }
    break;
  }
  if (shape.end == 0) shape.words = 0;
  return shape;
}

// The rest of parse_name()'s loop from token k (k > i) given the words read
// so far (only 0, 1 or 2+ matter) and `soft`; memoized, so long runs stay linear.
NameRest ActorsExtractor::name_rest(const Scan& s, size_t k0, int words0, bool soft0) const {
  const size_t n = s.tokens.size();
  if (s.name_rests.empty()) s.name_rests.assign(6 * n, NameRest{});
  struct Step {
    size_t state;
    int words, initials;
    uint32_t end;
  };
  std::vector<Step> path;
  size_t k = k0;
  int w = std::min(words0, 2);
  bool soft = soft0;
  NameRest base{0, 0, 0};
  while (k < n) {
    const size_t state = k * 6 + static_cast<size_t>(w) * 2 + soft;
    if (s.name_rests[state].words >= 0) {
      base = s.name_rests[state];
      break;
    }
    const ActorToken& t = s.tokens[k];
    bool stop = false;
    if (t.line_break_before || t.block_break_before) {
      if (w >= 2 && !soft) stop = true;
      if (r_->has(t.id, ActorRules::kFirstName) && !soft) stop = true;
      if (t.block_break_before && w == 0) stop = true;
    }
    if (!stop && is_initial(s, k)) {
      path.push_back({state, 0, 1, 0});
      ++k;
      soft = true;
      continue;
    }
    if (!stop && is_name_word(s, k, false)) {
      size_t next = k + 1;
      while (next + 1 < n && s.tokens[next].id == r_->id_hyphen && glued(s, next) && glued(s, next + 1) &&
             s.tokens[next + 1].kind == TokenKind::kWord && s.tokens[next + 1].capitalized) {
        next += 2;
      }
      path.push_back({state, 1, 0, static_cast<uint32_t>(next)});
      k = next;
      w = std::min(w + 1, 2);
      soft = false;
      continue;
    }
    if (!stop && w >= 1 && r_->has(t.id, ActorRules::kNameParticle) && !t.capitalized) {
      size_t m = k;
      while (m < n && m - k < 2 && r_->has(s.tokens[m].id, ActorRules::kNameParticle)) ++m;
      if (m < n && is_name_word(s, m, false)) {
        path.push_back({state, 0, 0, 0});
        k = m;
        soft = true;
        continue;
      }
    }
    s.name_rests[state] = base;  // the name ends here
    break;
  }
  for (auto step = path.rbegin(); step != path.rend(); ++step) {
    NameRest r;
    r.words = step->words + base.words;
    r.initials = step->initials + base.initials;
    r.end = base.end != 0 ? base.end : step->end;
    s.name_rests[step->state] = r;
    base = r;
  }
  return base;
}

// A line that opens with "Name," (a participant list): no name runs into it.
bool ActorsExtractor::starts_listed_person(const Scan& s, size_t k) const {
  if (!s.tokens[k].line_break_before || !s.tokens[k].capitalized) return false;
  NameShape shape = parse_name(s, k);
  return shape.words >= 2 && id(s, shape.end) == r_->id_comma;
}

void ActorsExtractor::add_person(Scan& s, uint32_t tb, uint32_t te) const {
  if (te <= tb) return;
  Candidate c;
  c.tb = tb;
  c.te = te;
  c.source = Source::kPerson;
  c.category = "person";
  c.canonical_from_span = true;
  s.candidates.push_back(std::move(c));
}

// "A, B, and C, eds.": the names listed before a confirmed one.
void ActorsExtractor::add_coordinated_before(Scan& s, size_t start) const {
  size_t b = start;
  for (int guard = 0; guard < 8 && b >= 2; ++guard) {
    size_t sep = b;
    if (id(s, sep - 1) == r_->id_and || id(s, sep - 1) == r_->id_amp) --sep;
    if (sep > 0 && id(s, sep - 1) == r_->id_comma) --sep;
    if (sep == b) return;
    bool found = false;
    for (size_t st = (sep >= 7 ? sep - 7 : 0); st < sep; ++st) {
      NameShape shape = parse_name(s, st);
      if (shape.words >= 2 && shape.end == sep) {
        add_person(s, static_cast<uint32_t>(st), shape.end);
        b = st;
        found = true;
        break;
      }
    }
    if (!found) return;
  }
}

// "Bush and Obama", "A, B and C": further names after one; returns the end.
size_t ActorsExtractor::add_coordinated_after(Scan& s, size_t end, int min_words) const {
  const size_t n = s.tokens.size();
  for (int guard = 0; guard < 8; ++guard) {
    size_t k = end;
    if (k < n && id(s, k) == r_->id_comma) ++k;
    if (k < n && (id(s, k) == r_->id_and || id(s, k) == r_->id_amp)) ++k;
    if (k == end || k >= n || s.tokens[k].block_break_before) return end;
    // "Chancellor Scholz and Prime Minister Meloni": a title opens a mention of its own.
    if (r_->person_titles.longest(s.tokens, k, n).length > 0) return end;
    NameShape shape = parse_name(s, k);
    if (shape.words < min_words) return end;
    add_person(s, static_cast<uint32_t>(k), shape.end);
    end = shape.end;
  }
  return end;
}

// "Director, Zemi Communications": the organizations after a participant's role.
void ActorsExtractor::add_affiliations(Scan& s, size_t k) const {
  const size_t n = s.tokens.size();
  while (k < n && id(s, k) == r_->id_comma && !s.tokens[k].block_break_before) {
    size_t b = k + 1;
    size_t e = b;
    size_t last = b;
    while (e < n && !(e > b && s.tokens[e].line_break_before) && !s.tokens[e].block_break_before) {
      const ActorToken& t = s.tokens[e];
      if (is_modifier(s, e) || (t.kind == TokenKind::kWord && t.capitalized)) {
        last = e + 1;
        ++e;
        continue;
      }
      if ((r_->has(t.id, ActorRules::kConnector) && !t.capitalized) || (t.id == r_->id_hyphen && glued(s, e))) {
        ++e;
        continue;
      }
      break;
    }
    if (last <= b) return;
    // A second role ("President, CEMEX" is fine; "Professor, Director" is not an org).
    if (r_->person_roles.longest(s.tokens, b, last).length == last - b) return;
    Candidate c;
    c.tb = static_cast<uint32_t>(b);
    c.te = static_cast<uint32_t>(last);
    c.source = Source::kAffiliation;
    c.category = "organization";
    c.canonical_from_span = true;
    s.candidates.push_back(std::move(c));
    k = last;
  }
}

// "Passel, Jeffrey S., “Estimates ...”": surname, comma, given name and
// initials, then the cited work. The canonical puts the name in reading order.
void ActorsExtractor::add_inverted_citation(Scan& s, size_t i) const {
  const size_t n = s.tokens.size();
  if (i + 2 >= n || id(s, i + 1) != r_->id_comma || !is_name_word(s, i, true)) return;
  size_t k = i + 2;
  if (!r_->has(s.tokens[k].id, ActorRules::kFirstName)) return;
  size_t given_end = ++k;
  while (k < n && is_initial(s, k)) given_end = ++k;
  // The work follows: a quotation mark, an editor marker or a year within two tokens.
  bool cited = false;
  for (size_t q = given_end; q < n && q < given_end + 2 && !cited; ++q) {
    const ActorToken& t = s.tokens[q];
    cited = t.id == r_->id_open_quote || t.id == r_->id_straight_quote ||
            r_->citation_markers.longest(s.tokens, q, n).length > 0 ||
            (t.kind == TokenKind::kNumber && t.end - t.begin == 4);
  }
  if (!cited) return;
  Candidate c;
  c.tb = static_cast<uint32_t>(i);
  c.te = static_cast<uint32_t>(given_end);
  c.source = Source::kPerson;
  c.category = "person";
  c.canonical = s.keep(canonical_text(s, static_cast<uint32_t>(i + 2), c.te) + " " + canonical_text(s, c.tb, c.tb + 1));
  s.candidates.push_back(std::move(c));
}

void ActorsExtractor::find_people(Scan& s) const {
  const size_t n = s.tokens.size();
  for (const size_t i : s.capitalized_words) {
    const ActorToken& t = s.tokens[i];

    // Bylines: "By Duncan Wood and Christopher E. Wilson" at the start of a line.
    if (t.line_break_before) {
      PhraseTrie::Match cue = r_->byline_cues.longest(s.tokens, i, n);
      if (cue.length > 0) {
        size_t k = i + cue.length;
        NameShape shape = k < n ? parse_name(s, k) : NameShape{};
        if (shape.words >= 2) {
          add_person(s, static_cast<uint32_t>(k), shape.end);
          add_coordinated_after(s, shape.end, 2);
          continue;
        }
      }
    }

    // Titles: "President Peña Nieto", "Presidents Bush and Obama".
    PhraseTrie::Match title = r_->person_titles.longest(s.tokens, i, n);
    if (title.length > 0 && t.kind == TokenKind::kWord) {
      size_t k = i + title.length;
      NameShape shape = k < n ? parse_name(s, k) : NameShape{};
      if (shape.words >= 1) {
        add_person(s, static_cast<uint32_t>(k), shape.end);
        add_coordinated_after(s, shape.end, 1);
        continue;
      }
    }

    // A name starts with an initial or a name word: elsewhere parse_name()
    // reads nothing and add_inverted_citation() needs a name word.
    if (!is_initial(s, i) && !is_name_word(s, i, true)) continue;
    NameShape shape = parse_name(s, i);
    if (shape.words < 2) {
      add_inverted_citation(s, i);
      continue;
    }
    const bool given = r_->has(t.id, ActorRules::kFirstName) || (is_initial(s, i) && i + 1 < n && r_->has(s.tokens[i + 1].id, ActorRules::kFirstName));
    const bool with_initial = shape.initials > 0 && shape.words >= 2;
    const size_t e = shape.end;
    // Participant lists: "Name, Role, Organization" at the start of a line.
    bool line_start = t.line_break_before || (i > 0 && (id(s, i - 1) == r_->id_star || id(s, i - 1) == r_->id_semicolon));
    bool participant = false;
    if (line_start && shape.words >= 2 && e + 1 < n && id(s, e) == r_->id_comma) {
      PhraseTrie::Match role = r_->person_roles.longest(s.tokens, e + 1, n);
      if (role.length > 0) {
        participant = true;
        add_affiliations(s, e + 1 + role.length);
      }
    }
    // Citations: "Name, “Title,”", "Name, ed.,", "Name.“Title”".
    bool citation = false;
    if (e + 1 < n && (id(s, e) == r_->id_comma || id(s, e) == r_->id_period)) {
      uint32_t next = id(s, e + 1);
      citation = next == r_->id_open_quote || next == r_->id_straight_quote ||
                 (id(s, e) == r_->id_comma && r_->citation_markers.longest(s.tokens, e + 1, n).length > 0);
    }
    if (!(given || with_initial || participant || citation)) continue;
    add_person(s, static_cast<uint32_t>(i), shape.end);
    if (citation) add_coordinated_before(s, i);
  }
}

// ------------------------------------------------------------ resolution

void ActorsExtractor::resolve(Scan& s) const {
  // Longest first, then the stronger source, then the earlier; ties keep the
  // order found. One sort of packed keys (the index makes each unique).
  std::vector<std::pair<uint64_t, uint64_t>>& order = s.order;
  order.resize(s.candidates.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const Candidate& c = s.candidates[k];
    const uint64_t length = c.te - c.tb;
    const uint64_t weakness = static_cast<uint64_t>(7 - priority_of(c.source));
    order[k] = {((UINT32_MAX - length) << 32) | weakness, (static_cast<uint64_t>(c.tb) << 32) | k};
  }
  std::sort(order.begin(), order.end());
  s.owner.assign(s.tokens.size(), -1);
  for (const auto& key : order) {
    Candidate& c = s.candidates[static_cast<uint32_t>(key.second)];
    bool free = true;
    for (uint32_t t = c.tb; t < c.te && free; ++t) free = s.owner[t] < 0;
    if (!free) continue;
    int index = static_cast<int>(s.accepted.size());
    for (uint32_t t = c.tb; t < c.te; ++t) s.owner[t] = index;
    if (c.canonical_from_span) {
      c.canonical = span_canonical(s, c.tb, c.te);
      c.canonical_from_span = false;
    }
    s.accepted.push_back(c);
  }
}

// Acronyms defined in parentheses and surnames of people named in full resolve
// the later (and earlier) mentions of the same document.
void ActorsExtractor::resolve_local_names(Scan& s) const {
  struct Local {
    std::string_view category;
    std::string_view canonical;
    Source source;
  };
  std::unordered_map<std::string, Local> local;
  const size_t n = s.tokens.size();
  auto acronym_like = [&](size_t k) {
    const ActorToken& t = s.tokens[k];
    if (t.kind != TokenKind::kWord || !t.capitalized || t.end - t.begin > 12) return false;
    int upper = 0;
    for (uint32_t b = t.begin; b < t.end; ++b) upper += (s.text[b] >= 'A' && s.text[b] <= 'Z');
    return upper >= 2;
  };
  auto add_local = [&](uint32_t tb, uint32_t te, std::string_view category, std::string_view canonical, Source src) {
    Candidate c;
    c.tb = tb;
    c.te = te;
    c.source = src;
    c.category = category;
    c.canonical = canonical;
    int index = static_cast<int>(s.accepted.size());
    for (uint32_t t = tb; t < te; ++t) s.owner[t] = index;
    s.accepted.push_back(std::move(c));
  };

  // Acronym definitions: "Transnational Criminal Organizations (TCOs)".
  const size_t defined = s.accepted.size();
  for (size_t a = 0; a < defined; ++a) {
    const Candidate c = s.accepted[a];
    if (c.blocker()) continue;
    size_t k = c.te;
    if (k + 2 < n && s.tokens[k].id == r_->id_lparen && acronym_like(k + 1)) {
      uint32_t close = s.tokens[k + 2].id;
      if (close == r_->id_rparen || close == r_->id_hyphen || close == r_->id_comma || close == r_->id_semicolon) {
        local[key_of(s, static_cast<uint32_t>(k + 1), static_cast<uint32_t>(k + 2))] = {c.category, c.canonical, Source::kAcronym};
        if (s.owner[k + 1] < 0) add_local(static_cast<uint32_t>(k + 1), static_cast<uint32_t>(k + 2), c.category, c.canonical, Source::kAcronym);
      }
    }
    // "SEGOB (Secretaría de Gobernación)": the acronym first.
    if (c.tb >= 2 && s.tokens[c.tb - 1].id == r_->id_lparen && c.te < n && s.tokens[c.te].id == r_->id_rparen &&
        acronym_like(c.tb - 2) && s.owner[c.tb - 2] < 0) {
      local[key_of(s, c.tb - 2, c.tb - 1)] = {c.category, c.canonical, Source::kAcronym};
      add_local(c.tb - 2, c.tb - 1, c.category, c.canonical, Source::kAcronym);
    }
  }

  // People named in full: the longest form of each name is its canonical, and
  // its surname forms ("Calderón", "Peña Nieto") point to it.
  struct Full {
    std::vector<std::string> words;
    std::string_view canonical;
    size_t tokens;
  };
  std::vector<Full> fulls;
  std::unordered_map<std::string, std::string_view> surnames;  // "" = ambiguous
  // Surname forms are looked up with at most three tokens (the fill below) or
  // with a whole one-word person mention: longer forms need no key (a name of
  // thousands of words would make a quadratic number of key bytes).
  size_t longest_lookup = 3;
  for (const Candidate& c : s.accepted) {
    if (c.category != "person") continue;
    size_t words = 0;
    for (uint32_t k = c.tb; k < c.te && words < 2; ++k) {
      const ActorToken& t = s.tokens[k];
      words += t.kind == TokenKind::kWord && t.capitalized && !(k > c.tb && s.tokens[k - 1].id == r_->id_hyphen && glued(s, k));
    }
    if (c.source == Source::kGazetteer || words == 1) longest_lookup = std::max<size_t>(longest_lookup, c.te - c.tb);
  }
  for (const Candidate& c : s.accepted) {
    if (c.category != "person") continue;
    Full f;
    std::vector<uint32_t> starts;  // where a surname form may begin: a name word or a particle
    for (uint32_t k = c.tb; k < c.te; ++k) {
      const ActorToken& t = s.tokens[k];
      if (t.kind != TokenKind::kWord || (k > c.tb && s.tokens[k - 1].id == r_->id_hyphen && glued(s, k))) continue;
      if (t.capitalized) {
        f.words.push_back(fold_token_key(s.text.substr(t.begin, t.end - t.begin)));
        starts.push_back(k);
      } else if (r_->has(t.id, ActorRules::kNameParticle) && k > c.tb && !r_->has(s.tokens[k - 1].id, ActorRules::kNameParticle)) {
        starts.push_back(k);  // "von der Leyen", "de la Calle"
      }
    }
    if (f.words.size() < 2) continue;
    f.canonical = c.canonical;
    f.tokens = c.te - c.tb;
    for (size_t w = 1; w < starts.size(); ++w) {
      if (c.te - starts[w] > longest_lookup) continue;
      std::string key = key_of(s, starts[w], c.te);
      auto remember = [&](const std::string& k) {
        auto it = surnames.find(k);
        if (it == surnames.end()) {
          surnames[k] = c.canonical;
        } else if (it->second != c.canonical) {
          it->second = std::string_view();
        }
      };
      remember(key);
      // A surname led by a particle also opens sentences: "Von der Leyen said".
      if (!s.tokens[starts[w]].capitalized && !key.empty()) {
        key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
        remember(key);
      }
    }
    fulls.push_back(std::move(f));
  }
  // The full names by every suffix of their words (hashed), each suffix keeping
  // the first name with the most words, then the most tokens: one probe per
  // mention below instead of a scan of all names (quadratic with many people).
  auto hash_word = [](uint64_t h, const std::string& w) {
    return (h ^ std::hash<std::string>()(w)) * 0x100000001B3ull + 0x9E3779B97F4A7C15ull;
  };
  auto better = [](const Full& f, const Full* best) {
    return !best || f.words.size() > best->words.size() || (f.words.size() == best->words.size() && f.tokens > best->tokens);
  };
  std::unordered_map<uint64_t, const Full*> by_suffix;
  by_suffix.reserve(fulls.size() * 3);
  for (const Full& f : fulls) {
    uint64_t h = 0;
    for (auto w = f.words.rbegin(); w != f.words.rend(); ++w) {
      h = hash_word(h, *w);
      const Full*& best = by_suffix[h];
      if (better(f, best)) best = &f;
    }
  }
  // "Alexander Aleinikoff" and "T. Alexander Aleinikoff" are one person: the
  // longest form wins; so does a full name whose words end with a shorter one's.
  for (Candidate& c : s.accepted) {
    if (c.category != "person" || c.source == Source::kGazetteer) continue;
    std::vector<std::string> words;
    for (uint32_t k = c.tb; k < c.te; ++k) {
      const ActorToken& t = s.tokens[k];
      if (t.kind == TokenKind::kWord && t.capitalized && !(k > c.tb && s.tokens[k - 1].id == r_->id_hyphen && glued(s, k)))
        words.push_back(fold_token_key(s.text.substr(t.begin, t.end - t.begin)));
    }
    auto ends_with_words = [&](const Full& f) {
      return f.words.size() >= words.size() && std::equal(words.rbegin(), words.rend(), f.words.rbegin());
    };
    const Full* best = nullptr;
    if (!words.empty()) {
      uint64_t h = 0;
      for (auto w = words.rbegin(); w != words.rend(); ++w) h = hash_word(h, *w);
      auto found = by_suffix.find(h);
      if (found != by_suffix.end() && ends_with_words(*found->second)) {
        // The best name with these last words, unless it is this very form (or a shorter spelling of it).
        best = found->second;
        if (best->words.size() == words.size() && best->tokens <= c.te - c.tb) best = nullptr;
      } else if (found != by_suffix.end()) {
        for (const Full& f : fulls) {  // a hash collision: scan
          if (!ends_with_words(f)) continue;
          if (f.words.size() == words.size() && f.tokens <= c.te - c.tb) continue;
          if (better(f, best)) best = &f;
        }
      }
    }
    if (best) c.canonical = best->canonical;
    // A lone surname after a title ("Ambassador Pastor") takes its full name.
    if (words.size() == 1) {
      auto it = surnames.find(key_of(s, c.tb, c.te));
      if (it != surnames.end() && !it->second.empty()) c.canonical = it->second;
    }
  }
  // A surname the gazetteer knows ("Fox") is the document's own person when
  // the document names one in full ("Jonathan Fox").
  for (Candidate& c : s.accepted) {
    if (c.category != "person" || c.source != Source::kGazetteer) continue;
    auto it = surnames.find(key_of(s, c.tb, c.te));
    if (it != surnames.end() && !it->second.empty()) c.canonical = it->second;
  }
  // A person met only by title and surname ("Mr. Smith") is "Smith" afterwards.
  for (const Candidate& c : s.accepted) {
    if (c.category != "person" || c.source != Source::kPerson || c.te - c.tb != 1) continue;
    std::string key = key_of(s, c.tb, c.te);
    if (!surnames.count(key)) surnames[key] = c.canonical;
  }
  for (const auto& [key, canonical] : surnames) {
    if (!canonical.empty() && !local.count(key)) local[key] = {"person", canonical, Source::kSurname};
  }
  if (local.empty()) return;
  // The first words of the local names: most capitalized tokens start none.
  std::unordered_set<std::string_view> first_words;
  // Their shapes (first byte, length up to 15), one bit each: a clear bit
  // proves a word none of them, without hashing it.
  std::array<uint64_t, 4096 / 64> first_word_shapes{};
  auto shape_of = [](std::string_view w) {
    return (w.empty() ? size_t{0} : static_cast<unsigned char>(w[0])) * 16 + std::min<size_t>(w.size(), 15);
  };
  for (const auto& [key, value] : local) {
    const std::string_view first = std::string_view(key).substr(0, key.find(' '));
    first_words.insert(first);
    first_word_shapes[shape_of(first) / 64] |= uint64_t{1} << (shape_of(first) % 64);
  }
  auto may_be_first_word = [&](std::string_view w) { return (first_word_shapes[shape_of(w) / 64] >> (shape_of(w) % 64)) & 1; };
  std::string folded;

  // Fill: uncovered capitalized tokens that spell a local name.
  size_t resume = 0;  // a filled name skips the words inside it
  for (const size_t i : s.name_words) {
    if (i < resume || s.owner[i] >= 0) continue;
    const std::string_view word = token_key(s, i, folded);
    if (!may_be_first_word(word) || !first_words.count(word)) continue;
    for (size_t len = std::min<size_t>(3, n - i); len >= 1; --len) {
      bool free = true;
      for (size_t k = i; k < i + len && free; ++k) free = s.owner[k] < 0 && (k == i || !s.tokens[k].block_break_before);
      if (!free) continue;
      auto it = local.find(key_of(s, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)));
      if (it == local.end()) continue;
      // A surname followed by another capitalized name word is someone else ("Wilson Center").
      if (it->second.source == Source::kSurname && i + len < n && is_name_word(s, i + len, false) && glued(s, i + len) == false &&
          !s.tokens[i + len].line_break_before) {
        break;
      }
      add_local(static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), it->second.category, it->second.canonical, it->second.source);
      resume = i + len;
      break;
    }
  }
}

// Bare "Congress" takes the country its sentence names ("Mexico's ... in Congress").
void ActorsExtractor::resolve_context(Scan& s, const Document& doc) const {
  // Mentions that tell a country: countries themselves and bodies or people of one.
  std::vector<size_t> national;
  bool any_contextual = false;
  for (size_t a = 0; a < s.accepted.size(); ++a) {
    const Candidate& c = s.accepted[a];
    if (c.alias < 0) continue;
    if (r_->aliases[c.alias].contextual) {
      any_contextual = true;
    } else if (!entry_of_alias(c.alias).country.empty() && !c.blocker()) {
      national.push_back(a);
    }
  }
  if (!any_contextual) return;
  std::sort(national.begin(), national.end(), [&](size_t x, size_t y) { return s.accepted[x].tb < s.accepted[y].tb; });
  // Where each national mention and each demonym starts, in text order.
  struct Mark {
    uint32_t pos;
    const std::string* country;
  };
  std::vector<Mark> nationals, demonyms;
  nationals.reserve(national.size());
  for (size_t a : national) {
    const Candidate& k = s.accepted[a];
    nationals.push_back({s.tokens[k.tb].begin, &entry_of_alias(k.alias).country});
  }
  for (const size_t k : s.demonym_words) {
    const ActorToken& t = s.tokens[k];
    auto d = r_->demonyms.find(t.id);
    if (d != r_->demonyms.end()) demonyms.push_back({t.begin, &d->second});
  }
  auto by_pos = [](const Mark& m, uint32_t p) { return m.pos < p; };
  for (Candidate& c : s.accepted) {
    if (c.alias < 0 || !r_->aliases[c.alias].contextual) continue;
    const ActorEntry& e = entry_of_alias(c.alias);
    uint32_t pos = s.tokens[c.tb].begin;
    uint32_t sb = 0, se = static_cast<uint32_t>(s.text.size());
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), pos,
                               [](uint32_t p, const Sentence& x) { return p < x.begin; });
    if (it != doc.sentences.begin() && (it - 1)->end > pos) {
      sb = (it - 1)->begin;
      se = (it - 1)->end;
    } else {
      sb = pos > 300 ? pos - 300 : 0;
      se = std::min<uint32_t>(se, pos + 300);
    }
    // Nearest country before it in the sentence, else the nearest after it;
    // demonyms count as well ("the Mexican government ... Congress") and win
    // a tie before it, national mentions a tie after it.
    const std::string* before = nullptr;
    const std::string* after = nullptr;
    uint32_t before_pos = 0, after_pos = UINT32_MAX;
    for (const std::vector<Mark>* marks : {&nationals, &demonyms}) {
      auto next = std::lower_bound(marks->begin(), marks->end(), pos, by_pos);  // first at or after pos
      if (next != marks->begin()) {
        const Mark& m = *(next - 1);
        if (m.pos >= sb && m.pos < se && m.pos >= before_pos) {
          before = m.country;
          before_pos = m.pos;
        }
      }
      if (next != marks->end() && next->pos == pos) ++next;
      if (next != marks->end() && next->pos >= sb && next->pos < se && next->pos < after_pos) {
        after = next->country;
        after_pos = next->pos;
      }
    }
    static const std::string kNone;
    const std::string& country = before && !before->empty() ? *before : after ? *after : kNone;
    auto chosen = e.by_country.find(country);
    c.canonical = chosen != e.by_country.end() ? std::string_view(chosen->second) : std::string_view(e.canonical);
  }
}

// "Center for North American Studies, American University": a unit found by
// pattern takes its parent into its canonical name.
void ActorsExtractor::resolve_units(Scan& s) const {
  const size_t n = s.tokens.size();
  for (Candidate& c : s.accepted) {
    if (c.source != Source::kOrgHead && c.source != Source::kAffiliation) continue;
    size_t k = c.te;
    if (k < n && id(s, k) == r_->id_comma) {
      ++k;
    } else if (k < n && id(s, k) == r_->id_at) {
      ++k;
      if (k < n && id(s, k) == r_->id_the) ++k;
    } else {
      continue;
    }
    if (k >= n || s.owner[k] < 0) continue;
    const Candidate& parent = s.accepted[s.owner[k]];
    if (parent.tb != k || parent.source != Source::kGazetteer ||
        (parent.category != "organization" && parent.category != "gov_body")) {
      continue;
    }
    std::string composed = std::string(c.canonical) + ", " + std::string(parent.canonical);
    std::string key;
    TokenizeInput in;
    in.clean = composed;
    for (const ActorToken& t : tokenize_for_actors(in, r_->vocab)) key += std::to_string(t.id) + " ";
    auto unit = r_->unit_forms.find(key);
    c.canonical = unit != r_->unit_forms.end() ? std::string_view(r_->entries[unit->second].canonical) : s.keep(std::move(composed));
  }
}

// Names inside the quoted title of a cited work are not mentions.
void ActorsExtractor::drop_cited_titles(Scan& s) const {
  const size_t n = s.tokens.size();
  std::vector<char> in_title;
  size_t resume = 0;  // a found title skips the quotation marks inside it
  for (const size_t i : s.quotes) {
    if (i < resume) continue;
    uint32_t open = s.tokens[i].id;
    uint32_t close = open == r_->id_open_quote ? r_->id_close_quote : r_->id_straight_quote;
    // A title may run over a line the layout took for a heading: allow two breaks.
    size_t j = i + 1;
    int breaks = 0;
    while (j < n && j - i < 60 && s.tokens[j].id != close && s.tokens[j].id != open) {
      breaks += s.tokens[j].block_break_before;
      if (breaks > 2) break;
      ++j;
    }
    if (j >= n || s.tokens[j].id != close) continue;
    int capital = 0, total = 0;
    for (size_t k = i + 1; k < j; ++k) {
      const ActorToken& t = s.tokens[k];
      if (t.kind != TokenKind::kWord || t.end - t.begin < 4 || s.owner[k] >= 0) continue;
      if (!t.capitalized && r_->has(t.id, ActorRules::kMinorWord)) continue;
      ++total;
      capital += t.capitalized;
    }
    if (total >= 2 && capital * 10 >= total * 6) {
      if (in_title.empty()) in_title.assign(n, 0);
      for (size_t k = i + 1; k < j; ++k) in_title[k] = 1;
    }
    resume = j + 1;
  }
  // "ed., Perceptions and Misconceptions in U.S.-Mexico Relations, Washington":
  // after an editor marker the title runs to the next comma.
  const PhraseTrie& markers = r_->citation_markers;
  resume = 0;
  for (const size_t i : s.marker_starts) {
    if (i < resume) continue;
    PhraseTrie::Match m = markers.longest(s.tokens, i, n);
    if (m.length == 0 || id(s, i + m.length) != r_->id_comma) continue;
    size_t b = i + m.length + 1;
    size_t e = b;
    while (e < n && e - b < 40 && !s.tokens[e].block_break_before && id(s, e) != r_->id_comma &&
           id(s, e) != r_->id_semicolon && id(s, e) != r_->id_period) {
      ++e;
    }
    if (in_title.empty()) in_title.assign(n, 0);
    for (size_t k = b; k < e; ++k) in_title[k] = 1;
    resume = e + 1;
  }
  if (in_title.empty()) return;
  for (Candidate& c : s.accepted) {
    if (in_title[c.tb]) c.category = "none";
  }
}

// "Michigan, Ohio, ... and Georgia": a country name listed among states is the state.
void ActorsExtractor::drop_listed_states(Scan& s) const {
  const size_t n = s.tokens.size();
  auto is_state = [&](size_t k) {
    if (k >= n || s.owner[k] < 0) return false;
    const Candidate& c = s.accepted[s.owner[k]];
    return c.blocker() && c.source == Source::kGazetteer && c.canonical == "state";
  };
  for (Candidate& c : s.accepted) {
    if (c.category != "country") continue;
    size_t k = c.tb;
    if (k > 0 && (id(s, k - 1) == r_->id_and || id(s, k - 1) == r_->id_comma)) --k;
    if (k > 0 && id(s, k - 1) == r_->id_comma) --k;
    bool listed = k < c.tb && k > 0 && is_state(k - 1);
    size_t e = c.te;
    if (e < n && (id(s, e) == r_->id_and || id(s, e) == r_->id_comma)) ++e;
    if (e < n && id(s, e) == r_->id_and) ++e;
    listed = listed || (e > c.te && is_state(e));
    if (listed) c.category = "none";
  }
}

void ActorsExtractor::extract(Document& doc) const {
  // One scan per thread, reused: a document's vectors are allocated once, not per document.
  thread_local Scan scratch;
  Scan& s = scratch;
  s.reset();
  struct ReleaseLarge {
    Scan& s;
    ~ReleaseLarge() {
      if (s.tokens.capacity() > kScratchTokensKept) s = Scan{};
    }
  } release_large{s};
  s.text = doc.clean.text();
  TokenizeInput in;
  in.clean = s.text;
  in.raw = doc.raw.utf8;
  in.raw_begin = &doc.clean.raw_begin();
  in.raw_end = &doc.clean.raw_end();
  tokenize_for_actors(in, r_->vocab, s.tokens);
  if (s.tokens.empty()) return;
  s.candidates.reserve(s.tokens.size() / 8 + 16);
  index_tokens(s);

  find_gazetteer(s);
  find_org_heads(s);
  find_people(s);
  resolve(s);
  resolve_local_names(s);
  resolve_context(s, doc);
  resolve_units(s);
  drop_cited_titles(s);
  drop_listed_states(s);

  std::sort(s.accepted.begin(), s.accepted.end(), [](const Candidate& a, const Candidate& b) { return a.tb < b.tb; });
  for (const Candidate& c : s.accepted) {
    if (c.blocker()) continue;
    // The fields in key order, each placed at the end without a search.
    nlohmann::json::object_t attrs;
    attrs.emplace_hint(attrs.end(), "canonical", c.canonical);
    attrs.emplace_hint(attrs.end(), "category", c.category);
    attrs.emplace_hint(attrs.end(), "rule", source_name(c.source));
    doc.add("actor", s.tokens[c.tb].begin, s.tokens[c.te - 1].end, nlohmann::json(std::move(attrs)));
  }
}

}  // namespace

Result<std::unique_ptr<Extractor>> make_actors_extractor(const RuleSet& rules) {
  auto compiled = compile_actor_rules(rules);
  if (!compiled.ok()) return compiled.status();
  return std::unique_ptr<Extractor>(new ActorsExtractor(std::move(compiled).value()));
}

}  // namespace polex
