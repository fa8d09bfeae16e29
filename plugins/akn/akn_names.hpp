#pragma once
// Names and identifiers of the AKN4UN mapping (../../formats/akn/spec.md): actors, FRBR
// IRIs, references to cited documents, languages, container names. Pure functions.

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/document.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace resconv::akn {

/// The language a document is written in: its metadata's language (BCP 47, "fr-CA" read as
/// "fr"), else the language its text reads as; nullptr when neither is known or no
/// language data is installed. The writer words the preface and spells dates in it.
const language::Language* document_language(const model::Document& document);

/// A body by its name in `language` or, failing that, in any installed language
/// ("Assemblée générale", "General Assembly", "大会"); nullptr for a body no file knows.
const language::Body* known_body(std::string_view name, const language::Language* language);

/// The organisation href the writer gives a document whose body is unknown; the reader
/// does not take its name for the body.
inline constexpr const char* unknown_body_href = "/akn/ontology/organization/un/unknown-body";

/// The actor of a body for FRBR IRIs, the same in every language: "General Assembly",
/// "Assemblée générale" and "大会" give "un-ga"; a body no language file knows gets "un-"
/// and the ASCII slug of its name ("un-comite-special"); no body gives "un".
std::string actor_for(const std::optional<std::string>& body);
/// The TLCOrganization eId for a body, the same in every language: "General Assembly" and
/// "Assemblée générale" give "generalAssembly" (from the body's language-independent id);
/// an unknown body the camelCase of its ASCII-folded name.
std::string body_eid(const std::optional<std::string>& body);
/// camelCase of the ASCII-folded letters of a phrase (language::ascii_fold): "Having
/// considered" -> "havingConsidered", "Évoquant" -> "evoquant", "وإذ تشير" -> "waidhTushir";
/// `fallback` when no letter is left.
std::string camel_case(std::string_view phrase, std::string_view fallback);
/// "57/263" -> "57-263", "2803 (2025)" -> "2803-2025"; empty number gives "nn".
std::string number_token(const std::optional<std::string>& number);

/// The Work IRI: /akn/un/statement/deliberation/{actor}/{date}/{number token}.
std::string work_iri(const std::optional<std::string>& body, const std::string& date,
                     const std::optional<std::string>& number);

/// The Work IRI of a publication holding several deliberations (a collection):
/// /akn/un/documentCollection/publication/{actor}/{date}/{symbol token}.
std::string collection_work_iri(const std::optional<std::string>& body, const std::string& date,
                                const std::optional<std::string>& symbol);

/// The `name` of the statement for a document kind: "resolution" (also for no kind),
/// "decision", "resolutionDraft" ("draft resolution"), "decisionDraft" ("draft decision");
/// another kind its camelCase.
std::string statement_name(const std::optional<std::string>& kind);
/// The kind back from a statement's name, for the four names statement_name() gives but
/// "resolution" (the name of any statement with no kind of its own); none otherwise.
std::optional<std::string> kind_of_statement(std::string_view name);

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

/// BCP 47 language to ISO 639-2 as its language file gives it ("en" -> "eng", "fr-CA" ->
/// "fra"); a code no file answers passes through; no language gives "und".
std::string language_to_iso639_2(const std::optional<std::string>& language);
/// ISO 639-2 back to the code of the installed language that has it ("eng" -> "en",
/// "zho" -> "zh"; "und" -> none); a code no file has passes through.
std::optional<std::string> language_from_iso639_2(std::string_view code);

/// A spelled-out date in the document's language when known ("20 December 2002",
/// "20 décembre 2002", "2002年12月20日"), else the ISO date itself.
std::string long_date(const std::string& iso, const std::optional<std::string>& language);

/// The part of a body's name the preface marks as docAuthority, in `language`: the name
/// itself when the form after "adopted by" holds it ("l'Assemblée générale" holds
/// "Assemblée générale"), else that whole form (a language that declines the name). The
/// reader maps the form back to the name; the text-conservation check expects these words.
std::string printed_body(const std::string& body, const language::Language* language);
/// The date when it is a value the schema's xs:date takes (a real YYYY-MM-DD day, year
/// from 0001), else none.
std::optional<std::string> schema_date(const std::optional<std::string>& date);

/// The meeting number of "78th plenary meeting" ("78"), or "".
std::string meeting_number(std::string_view meeting);

} // namespace resconv::akn
