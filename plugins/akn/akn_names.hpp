#pragma once
// Names and identifiers of the AKN4UN mapping (../../formats/akn/spec.md): actors, FRBR
// IRIs, references to cited documents, languages, container names. Pure functions.

#include <optional>
#include <string>
#include <string_view>

namespace resconv::akn {

/// The organisation href the writer gives a document whose body is unknown; the reader
/// does not take its name for the body.
inline constexpr const char* unknown_body_href = "/akn/ontology/organization/un/unknown-body";

/// The actor of a body for FRBR IRIs: "General Assembly" -> "un-ga"; unknown bodies get a
/// lowercase slug; no body gives "un".
std::string actor_for(const std::optional<std::string>& body);
/// The TLCOrganization eId for a body: "General Assembly" -> "generalAssembly".
std::string body_eid(const std::optional<std::string>& body);
/// camelCase of the ASCII letters of a phrase: "Having considered" -> "havingConsidered";
/// `fallback` when no letter is left.
std::string camel_case(std::string_view phrase, std::string_view fallback);
/// "57/263" -> "57-263", "2803 (2025)" -> "2803-2025"; empty number gives "nn".
std::string number_token(const std::optional<std::string>& number);

/// The Work IRI: /akn/un/statement/deliberation/{actor}/{date}/{number token}.
std::string work_iri(const std::optional<std::string>& body, const std::string& date,
                     const std::optional<std::string>& number);

/// The href of a cited UN document: "/akn/un/doc/" + the symbol with characters outside
/// [A-Za-z0-9./_-] percent-encoded ("S/RES/2803 (2025)" -> "/akn/un/doc/S/RES/2803%20%282025%29").
std::string symbol_href(std::string_view symbol);
/// The symbol back from an href written by symbol_href(); for foreign IRIs, the last path
/// segment with "-" read as "/" ("/akn/un/doc/report/un-ga-c3/2019/A-74-394" -> "A/74/394").
std::string symbol_from_href(std::string_view href);

/// True for the elements text flows through: the schema's inline elements (i, b, u, sup,
/// sub, ref, mref, noteRef, span, inline, docDate, docNumber, session, person, date...).
/// The reader, the AKN4UN rules and the writer's indentation all decide with this one list.
bool is_inline_element(std::string_view name);

/// BCP 47 primary language to ISO 639-2 ("en" -> "eng"); unknown codes pass through;
/// no language gives "und".
std::string language_to_iso639_2(const std::optional<std::string>& language);
/// ISO 639-2 back to BCP 47 ("eng" -> "en", "und" -> none).
std::optional<std::string> language_from_iso639_2(std::string_view code);

/// A spelled-out date in the document's language when known ("20 December 2002"),
/// else the ISO date itself.
std::string long_date(const std::string& iso, const std::optional<std::string>& language);
/// The date when it is a value the schema's xs:date takes (a real YYYY-MM-DD day, year
/// from 0001), else none.
std::optional<std::string> schema_date(const std::optional<std::string>& date);

/// The meeting number of "78th plenary meeting" ("78"), or "".
std::string meeting_number(std::string_view meeting);

} // namespace resconv::akn
