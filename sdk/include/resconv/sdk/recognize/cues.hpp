#pragma once
/// \file cues.hpp
/// The cues importers read lines and paragraphs by, in one place: how a line ends (a
/// clause, a preambular clause), whether it opens with a paragraph or item number, and how
/// two lines join. The text, PDF and DOCX importers and the recogniser all decide with
/// these, so one document reads the same from any format ("now.”" and "now."" end a
/// clause alike, at a page break as at a line end).

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/recognize/hyphenation.hpp>

#include <string_view>
#include <vector>

namespace resconv::recognize {

/// The character a line ends with for these cues: its last character past trailing spaces,
/// a footnote call of up to three digits printed after punctuation ("now.12", "now.” 12"),
/// closing brackets and closing quotation marks of any script (" ' ” ’ » › ) ] 」 』 ） 】).
/// U+0000 for a line with none.
char32_t closing_character(std::string_view line);

/// Whether `c` ends a clause: the full stop, semicolon, colon, question and exclamation
/// marks, and their Arabic and CJK forms (؛ ؟ 。 ； ： ？ ！).
bool is_clause_end(char32_t c);

/// Whether a line ends a clause (is_clause_end of its closing_character).
bool ends_clause(std::string_view line);

/// Whether a line ends a clause or a preambular clause: also a comma (, ، ， 、), which
/// ends each preambular paragraph ("Recalling its resolution 12/3,").
bool ends_preamble_clause(std::string_view line);

/// Whether a line opens with a paragraph or item number followed by text: any of
/// `languages`' numbering (Language::leading_marker: "1.", "(a)", "a)", "1 -", "(أ)"), else
/// the forms every language shares ("12. ", "(iv) ").
bool starts_with_marker(std::string_view line, const std::vector<language::Language>& languages);

/// How the end of one line (`before`, the text so far) joins the start of the next (`after`).
enum class LineJoin {
  space,         ///< A space between them.
  touching,      ///< Nothing between them: a hyphen kept ("capacity-" "building"), a symbol
                 ///< broken after a slash ("S/INF/" "68"), lines of Chinese.
  hyphen_dropped ///< The line-end hyphen removed: the document writes the word without it.
};

/// The join of two lines: after a hyphen between letters of a script that hyphenates
/// (language::may_be_hyphenated), touching, or hyphen_dropped when `evidence` shows the
/// joined word and never the hyphenated one; after a slash, touching; between lines of
/// Chinese (language::line_joiner), touching; else a space.
LineJoin line_join(std::string_view before, std::string_view after, const HyphenEvidence& evidence);

} // namespace resconv::recognize
