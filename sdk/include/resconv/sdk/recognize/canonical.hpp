#pragma once
/// \file canonical.hpp
/// The printed outline of a resolution: the lines a canonical rendering prints around its
/// paragraphs (the masthead and preface before them, the closing after), worded in the
/// document's language from its language file (language::Language's line templates), so
/// that the recogniser reads them back into the same metadata. Every exporter that prints
/// a masthead (text, DOCX, PDF, AKN's preface) prints these lines.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/document.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resconv::recognize {

/// One line before the formula and what it carries.
struct CanonicalLine {
  /// Which metadata the line shows.
  enum class Role { symbol, distribution, session, agenda, agenda_title, adoption, origin, number_title };
  Role role;        ///< Which metadata the line shows.
  std::string text; ///< The line as printed.
};

/// The masthead and preface lines of `metadata` in `language`, in print order; fields that
/// are absent give no line.
std::vector<CanonicalLine> canonical_preface(const model::Metadata& metadata,
                                             const language::Language& language);

/// The closing line ("78th plenary meeting", "Adopted at the 631st meeting unanimously."),
/// or nothing when there is neither meeting nor vote.
std::optional<std::string> canonical_closing(const model::Metadata& metadata,
                                             const language::Language& language);

/// "20 December 2002" / "20 décembre 2002" for "2002-12-20"; other text unchanged.
std::string canonical_date(const std::string& iso, const language::Language& language);

/// True when the meeting is not a plenary one (a council's): its adoption and closing lines
/// read "Adopted by the Security Council at its 631st meeting ...".
bool is_council_meeting(const model::Metadata& metadata, const language::Language& language);

/// The language a document is printed in: the one its metadata names (BCP 47 fallback:
/// "fr-CA" -> fr); when it names none, the one its text reads as (language::detect). A
/// language with no data file is reported to `sink` (warning `language.unknown`, naming
/// `source`) and the text decides. Throws LanguageError only when no language data is
/// installed at all.
const language::Language& document_language(const model::Document& document, DiagnosticSink* sink = nullptr,
                                            const std::string& source = {});

} // namespace resconv::recognize
