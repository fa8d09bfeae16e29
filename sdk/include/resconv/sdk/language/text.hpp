#pragma once
/// \file text.hpp
/// Unicode text rules the recogniser, importers and exporters share, built on ICU: case
/// folding, NFC, ASCII folding for identifiers, grapheme-safe truncation, scripts, and the
/// script-aware rules for joining lines and counting words. No hand-written Unicode tables:
/// every property comes from ICU.
///
/// All strings are UTF-8. Invalid UTF-8 is never a reason to throw: ill-formed bytes are
/// treated as U+FFFD.

#include <cstddef>
#include <string>
#include <string_view>

namespace resconv::language {

/// The writing systems the six official languages use, and "other".
enum class Script { latin, cyrillic, arabic, han, other };

/// The ISO 15924 code of a script ("Latn", "Cyrl", "Arab", "Hani", "Zyyy").
std::string_view script_code(Script script) noexcept;

/// The script most letters of `text` are written in (`other` when it holds no letters).
Script dominant_script(std::string_view text);

/// The script of one code point (`other` for digits, punctuation, spaces).
Script script_of(char32_t c);

/// True for Han ideographs, kana, hangul and CJK punctuation: characters that are words
/// on their own and are written without spaces between them.
bool is_cjk(char32_t c);

/// Full Unicode case folding of NFC text, with typographic apostrophes (U+2019, U+02BC) as
/// "'", non-breaking and other spaces as " ", and non-breaking hyphens as "-". Used to
/// compare words: `fold("Évoquant") == fold("évoquant")`.
std::string fold(std::string_view text);

/// Canonical composition (NFC).
std::string nfc(std::string_view text);

/// True when `a` and `b` are equal after fold().
bool equals_folded(std::string_view a, std::string_view b);

/// Lowercase ASCII transliteration for identifiers: "Assemblée générale" ->
/// "assemblee generale", "Генеральная Ассамблея" -> "generalnaa assambleea",
/// "大会" -> "da hui". Non-alphanumeric runs become one space; trimmed.
std::string ascii_fold(std::string_view text);

/// ascii_fold() with the spaces as `separator`: "Assemblée générale" -> "assemblee-generale".
/// Never empty: text with nothing to transliterate gives "x".
std::string ascii_slug(std::string_view text, char separator = '-');

/// At most `max_graphemes` user-perceived characters of `text`, never cutting a combining
/// mark, an emoji sequence or a UTF-8 sequence in two.
std::string truncate_graphemes(std::string_view text, std::size_t max_graphemes);

/// The number of grapheme clusters in `text`.
std::size_t grapheme_count(std::string_view text);

/// True when the first letter of `text` is uppercase / lowercase (Unicode properties;
/// scripts without case give false for both).
bool starts_upper(std::string_view text);
bool starts_lower(std::string_view text);

/// The units text conservation counts: each run of letters or digits of a script that
/// separates words with spaces is one unit, and each CJK character is one unit on its
/// own, so "大会决定" counts 4 and "The General Assembly" 3.
std::size_t count_words(std::string_view text);

/// What goes between two lines of one paragraph when they are joined: "" when either
/// side of the seam is CJK ("决定" + "请秘书长"), else " ". The caller handles hyphens.
std::string_view line_joiner(std::string_view before, std::string_view after);

/// True when a line ending in "-" followed by `after` may be a word broken at the line
/// end: both sides are letters of a script that hyphenates (Latin, Cyrillic). Never for
/// Arabic or CJK, which do not break words with hyphens.
bool may_be_hyphenated(std::string_view before, std::string_view after);

/// True for a right-to-left paragraph by the Unicode bidi rules (first strong character,
/// P2-P3 of UAX #9).
bool is_rtl(std::string_view text);

/// The first code point of `text` (U+FFFD for ill-formed bytes, 0 for empty text) and
/// its length in bytes.
char32_t first_code_point(std::string_view text, std::size_t* length = nullptr) noexcept;

/// The last code point of `text` and its length in bytes.
char32_t last_code_point(std::string_view text, std::size_t* length = nullptr) noexcept;

/// Digits of any script (ASCII, Arabic-Indic U+0660-0669, Extended Arabic-Indic
/// U+06F0-06F9, full-width) as their value 0-9, or -1.
int digit_value(char32_t c) noexcept;

/// `text` with every decimal digit of any script as an ASCII digit ("٢٠٢٣" -> "2023").
std::string ascii_digits(std::string_view text);

} // namespace resconv::language
