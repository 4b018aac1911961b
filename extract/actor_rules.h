// The compiled rules of the actors extractor: every file under rules/actors/
// turned into token tries and id sets over one vocabulary. Built once by
// compile_actor_rules(); read-only (and so thread-safe) afterwards.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/actor_lexicon.h"
#include "extract/rules.h"
#include "extract/status.h"

namespace polex {

// One named entity of a gazetteer, or (category "none") a name that is no actor.
struct ActorEntry {
  std::string category;   // country | region | gov_body | intl_org | organization | person | none
  std::string canonical;
  // The country it belongs to ("Mexico" for SEGOB and for Mexico itself): a
  // sentence that names it gives bare "Congress" its country.
  std::string country;
  // Country canonical -> this entry's canonical in that country's context.
  std::unordered_map<std::string, std::string> by_country;
};

// One surface form of an entry.
struct ActorAlias {
  uint32_t entry = 0;
  bool contextual = false;  // by_country applies ("Congress", not "U.S. Congress")
  bool acronym = false;     // one all-caps word ("CBP"), guarded in all-caps lines
};

struct ActorRules {
  ActorVocabulary vocab;
  std::vector<ActorEntry> entries;
  std::vector<ActorAlias> aliases;
  PhraseTrie gazetteer;   // payload: index into aliases
  // "Unit, Parent" forms (folded keys joined by spaces) -> entry.
  std::unordered_map<std::string, uint32_t> unit_forms;
  // Demonym token id -> country canonical ("Mexican" -> "Mexico").
  std::unordered_map<uint32_t, std::string> demonyms;

  // Organization names by their head word.
  std::unordered_map<uint32_t, std::string> org_heads;    // "Institute" -> organization
  std::unordered_map<uint32_t, std::string> head_first;   // "Secretariat" (of ...) -> gov_body
  std::unordered_set<uint32_t> connectors;                // inside a name: of, for, de, la
  std::unordered_set<uint32_t> head_first_connectors;     // right after a head: of, for, de
  std::unordered_set<uint32_t> generic_modifiers;         // "National Commission" alone is no name
  std::unordered_set<uint32_t> role_modifiers;            // "Steering Committee for ..." never is
  std::unordered_set<uint32_t> exclusion_heads;           // "... Initiative" is a program
  std::unordered_set<uint32_t> function_words;            // "The", "While": never start a name
  std::unordered_set<uint32_t> minor_words;               // lower-case words a title leaves lower case

  // People.
  std::unordered_set<uint32_t> first_names;
  std::unordered_set<uint32_t> name_particles;  // de, la, van
  std::unordered_set<uint32_t> name_stop_words; // words no person's name contains
  PhraseTrie person_titles;     // President, Ambassador, Prime Minister
  PhraseTrie person_roles;      // Director, Senior Fellow (participant lists)
  PhraseTrie byline_cues;       // By, Prepared by
  PhraseTrie citation_markers;  // ed., eds.

  // Per token id, the sets above that hold it: one array read per test on the hot path.
  enum WordFlag : uint32_t {
    kFirstName = 1u << 0,
    kNameParticle = 1u << 1,
    kNameStopWord = 1u << 2,
    kFunctionWord = 1u << 3,
    kConnector = 1u << 4,
    kHeadFirstConnector = 1u << 5,
    kGenericModifier = 1u << 6,
    kRoleModifier = 1u << 7,
    kExclusionHead = 1u << 8,
    kMinorWord = 1u << 9,
    kOrgHead = 1u << 10,
    kHeadFirst = 1u << 11,
    kDemonym = 1u << 12,
    kPersonTitle = 1u << 13,  // a one-word person title ("President")
    kStartsGazetteer = 1u << 14,       // some gazetteer phrase starts with it
    kStartsCitationMarker = 1u << 15,  // some citation marker starts with it
  };
  std::vector<uint32_t> word_flags;  // token id -> WordFlag bits
  bool has(uint32_t id, uint32_t flags) const { return id < word_flags.size() && (word_flags[id] & flags) != 0; }

  // Ids of punctuation the matchers look for.
  uint32_t id_comma = 0, id_lparen = 0, id_rparen = 0, id_hyphen = 0, id_and = 0, id_amp = 0;
  uint32_t id_semicolon = 0, id_star = 0, id_slash = 0, id_period = 0, id_colon = 0;
  uint32_t id_open_quote = 0, id_close_quote = 0, id_straight_quote = 0, id_at = 0, id_the = 0;
  uint32_t id_possessive = 0;
};

// Reads rules/actors/*.json and first_names.txt. Errors name the file and line.
Result<std::shared_ptr<const ActorRules>> compile_actor_rules(const RuleSet& rules);

}  // namespace polex
