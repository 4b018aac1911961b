// brat standoff (https://brat.nlplab.org/standoff.html) for a processed
// document, so annotators can correct extractions in brat or import them into
// INCEpTION: DOC.txt (the raw text the offsets count in) beside DOC.ann.
//
//   T1<TAB>numeric_claim 2863 2870;2871 2881<TAB>roughly 40 percent
//   A1<TAB>NumericClaimKind T1 percent
//   #1<TAB>AnnotatorNotes T1<TAB>value=40
//
// Offsets are code points of the raw text, as brat counts them. brat's format
// is line-oriented, so a span that crosses line breaks is written as a
// discontinuous annotation: one fragment per line, fragment texts joined by a
// space. Enumerated attributes (those the schema lists values for: kind,
// category, qualifier, modality) become brat attributes named <Type><Key>;
// every other attribute becomes an AnnotatorNotes line "key=value; ...".
#pragma once

#include <string>

#include "extract/document.h"

namespace polex {

struct BratFiles {
  std::string txt;  // the raw text (valid UTF-8)
  std::string ann;
};

// True for the annotation types of the document's layout (paragraph,
// heading, list_item, sentence, footnote_ref, furniture): left out of brat
// files, where they would bury the extractions.
bool is_layout_type(std::string_view type);

// The .txt and .ann of a document: every non-layout annotation with a
// non-empty span.
BratFiles to_brat(const Document& doc);

// brat's annotation.conf for these files: the entity types and, from the
// embedded schema, the attributes and their values.
std::string brat_annotation_conf();

}  // namespace polex
