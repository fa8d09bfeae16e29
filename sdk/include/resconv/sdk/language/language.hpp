#pragma once
/// \file language.hpp
/// Everything a language changes in a resolution, in one place: the wording of the
/// masthead and closing (typed phrases and line templates), the lead words of preambular
/// and operative paragraphs, months and date patterns, the ordinal words of session names,
/// numbering styles, ISO codes and the job-number suffix. One JSON file per language
/// (`<data>/lang/<code>.json`, sources in `formats/common/lang/`, described in
/// docs/languages.md): adding a language is adding a file. Importers, the recogniser and
/// exporters ask this module; no language knowledge lives in their code.
///
/// A Language is immutable once loaded and may be shared by threads.

#include <resconv/sdk/language/text.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::language {

/// A missing or malformed language file, or a code no file answers; the message names
/// the file or the code.
class LanguageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Words and short phrases of the masthead, closing and references, by role. The English
/// wording is given for each; every language file defines every phrase (a missing one is a
/// load error naming the file and the phrase).
enum class Phrase {
  united_nations,   ///< "United Nations" (first masthead line).
  distribution,     ///< "Distr." (the word that starts the distribution field).
  general,          ///< "General" (distribution).
  limited,          ///< "Limited" (distribution of drafts).
  restricted,       ///< "Restricted".
  original,         ///< "Original:" (drafts: "Original: English").
  session,          ///< "session" (ends a session name).
  agenda_item,      ///< "Agenda item".
  agenda_items,     ///< "Agenda items".
  and_word,         ///< "and" (last separator of a list).
  resolution,       ///< "Resolution" (capitalised, as a title: "Resolution 2803 (2025)").
  resolution_word,  ///< "resolution" (in running text: "resolution 55/2").
  resolutions_word, ///< "resolutions".
  decision,         ///< "Decision".
  adopted,          ///< "Adopted" (starts a closing: "Adopted at the 631st meeting").
  adopted_by,       ///< "adopted by the" (an adoption line worded otherwise than its template).
  on_date,          ///< "on" (before the adoption date).
  at_its,           ///< "at its" (before a council's meeting).
  at_the,           ///< "at the" (a closing's meeting).
  meeting,          ///< "meeting".
  plenary_meeting,  ///< "plenary meeting".
  vote,             ///< "vote" ("without a vote").
  unanimously,      ///< "unanimously".
  annex,            ///< "Annex".
  appendix,         ///< "Appendix".
  please_recycle,   ///< "Please recycle" (page furniture).
  draft_resolution, ///< "draft resolution" (a draft's masthead: "Argentina and Chile: draft resolution").
  draft_decision,   ///< "draft decision".
};

/// The number of Phrase values.
inline constexpr std::size_t phrase_count = static_cast<std::size_t>(Phrase::draft_decision) + 1;

/// The JSON key of a phrase in a language file ("united_nations", "and_word").
std::string_view phrase_key(Phrase phrase) noexcept;

/// Lines of the masthead and closing that a language words as a whole, with fields in
/// braces. The same template spells a line (exporters) and reads it back (recogniser).
/// Fields: {body} (a body's name), {the_body} (its name after "by": "the General
/// Assembly", "l'Assemblée générale"), {date}, {meeting} (as printed: "58th plenary
/// meeting"), {items} (agenda items as a list), {number}, {title}, {ordinal} (a session's
/// ordinal words), {distribution} (general/limited/restricted word).
enum class Line {
  distribution,        ///< "Distr.: {distribution} {date}".
  session,             ///< "{ordinal} session".
  agenda_item,         ///< "Agenda item {items}".
  agenda_items,        ///< "Agenda items {items}".
  adoption,            ///< "Resolution adopted by {the_body} on {date}".
  adoption_undated,    ///< "Resolution adopted by {the_body}".
  council_adoption,    ///< "Adopted by {the_body} at its {meeting}, on {date}".
  council_undated,     ///< "Adopted by {the_body} at its {meeting}".
  number_title,        ///< "{number}. {title}".
  number_title_year,   ///< "Resolution {number} {title}" (SC numbers with a year).
  closing_council,     ///< "Adopted at the {meeting}" (the vote follows).
  closing_council_bare ///< "Adopted" (no meeting; the vote follows).
};

/// The number of Line values.
inline constexpr std::size_t line_count = static_cast<std::size_t>(Line::closing_council_bare) + 1;

/// The JSON key of a line template ("council_adoption").
std::string_view line_key(Line line) noexcept;

/// A deliberative body as this language prints it.
struct Body {
  std::string name;          ///< "Assemblée générale".
  std::string definite;      ///< After "adopted by": "l'Assemblée générale" (name if none).
  std::string symbol_prefix; ///< "A/RES/" (empty when the body has no such series).
  std::string id;            ///< Language-independent key ("general-assembly").
  /// The formula that names it: "The General Assembly,", "L'Assemblée générale,", "大会，".
  std::string formula;
};

/// A date found in text.
struct DateMatch {
  std::string iso;       ///< "2002-12-20".
  std::size_t begin = 0; ///< Byte offset of the match.
  std::size_t end = 0;   ///< Byte offset one past the match.
};

/// What a paragraph's lead words are.
enum class LeadKind { none, preambular, operative };

/// The lead words of a paragraph ("Also recalling", "Prie en outre", "وإذ تشير").
struct LeadWords {
  LeadKind kind = LeadKind::none;
  std::string word;    ///< The lead word as listed, folded ("recalling").
  std::size_t end = 0; ///< Byte length of the lead words in the text, modifiers included.
};

/// A paragraph or item number at the start of a paragraph.
struct Marker {
  bool item = false;      ///< An item ("(a)", "a)", "(أ)"), not an operative number ("1.").
  std::string num;        ///< As printed, without the space after it: "1", "(a)", "a)", "(أ)".
  std::size_t length = 0; ///< Bytes of the marker and its separator in the text.
  /// The item's style: 'a' letters, 'i' Roman numerals, 'A' capitals, '1' digits; 0 for
  /// operative numbers.
  char style = 0;
  int value = 0;     ///< 1 for "(a)", "(i)", "(أ)", "1"; 0 when unknown.
  std::string inner; ///< The label without its brackets: "a", "iv", "أ", "1".
};

/// The fields of a line matched against a template.
using Fields = std::map<std::string, std::string>;

/// One language's data and rules.
class Language {
public:
  /// The language for a BCP 47 tag, with fallback to its primary subtag: "fr-CA" -> "fr".
  /// Throws LanguageError naming the tag and the data folder when no file answers; there is
  /// never a silent fallback to another language.
  static const Language& for_code(std::string_view tag);
  /// The language of `among` a BCP 47 tag names, with the same fallback as for_code()
  /// ("fr-CA" -> "fr", case and "_" ignored), or nullptr.
  static const Language* find(std::string_view tag, const std::vector<Language>& among);
  /// The installed languages (every file of `<data>/lang`), sorted by code, loaded once per
  /// process (thread-safe). Throws LanguageError (remembered and rethrown to every caller).
  static const std::vector<Language>& installed();
  /// Reads `<dir>/lang/<code>.json`. Throws LanguageError naming the file.
  static Language load(const std::filesystem::path& data_dir, std::string_view code);
  /// Reads one language file. Throws LanguageError naming the file.
  static Language load_file(const std::filesystem::path& file);
  /// Every language file of `<dir>/lang`, sorted by code. Throws LanguageError.
  static std::vector<Language> load_all(const std::filesystem::path& data_dir);

  // ----- identity -----
  const std::string& code() const noexcept;       ///< ISO 639-1 / BCP 47 primary: "fr".
  const std::string& iso639_2() const noexcept;   ///< "fra" (AKN FRBRlanguage, IRIs).
  const std::string& name() const noexcept;       ///< Autonym: "Français".
  const std::string& job_suffix() const noexcept; ///< Job-number suffix letter: "F".
  Script script() const noexcept;                 ///< Main script.
  bool right_to_left() const noexcept;            ///< Arabic.
  /// False where words are not separated by spaces (Chinese): lines join without a space.
  bool spaces_between_words() const noexcept;

  // ----- wording -----
  /// The phrase as printed in this language.
  const std::string& phrase(Phrase phrase) const noexcept;
  /// The template of a line (first form, the one exporters print).
  const std::string& line_template(Line line) const noexcept;
  /// Spells a line: the template with its fields filled in; a field the map lacks is
  /// left empty and the space around it collapsed.
  std::string spell(Line line, const Fields& fields) const;
  /// Matches the whole of `text` (spaces collapsed) against every form of a line's template
  /// (case-insensitively, Unicode); the fields read, or nothing.
  std::optional<Fields> match(Line line, std::string_view text) const;
  /// Articles a formula may start with ("The"; "L'", "Le", "La"; "إن"); an article ending in
  /// an apostrophe joins its noun without a space.
  const std::vector<std::string>& articles() const noexcept;
  /// Strips one leading article and the space after it, if any: "L'Assemblée générale," ->
  /// "Assemblée générale,".
  std::string_view strip_article(std::string_view text) const;
  /// Deliberative bodies, longest names first.
  const std::vector<Body>& bodies() const noexcept;
  /// The body a formula names ("The General Assembly," / "L'Assemblée générale," / "大会，"),
  /// or nullptr. Trailing commas (",", "،", "，") and colons are ignored.
  const Body* body_of_formula(std::string_view formula) const;
  /// The formula for a body: "The General Assembly,", "L'Assemblée générale,".
  std::string formula_for(const Body& body) const;
  /// The body with this name (folded comparison), or nullptr.
  const Body* body_named(std::string_view name) const;
  /// "21 and 34 (c)", "21, 22 y 34": items joined with the list separators.
  std::string join_list(const std::vector<std::string>& items) const;
  /// The items of a list join_list() wrote (spaces around separators optional):
  /// "21 and 34 (c)" -> {"21", "34 (c)"}.
  std::vector<std::string> split_list(std::string_view text) const;
  /// A body's form after "adopted by" when the file does not list it ("the {body}" in
  /// English, the key "definite_default").
  std::string spell_definite(std::string_view body) const;
  /// The mark that ends a closing sentence: "." (key "full_stop"; "。" in Chinese).
  const std::string& full_stop() const noexcept;

  // ----- lead words -----
  /// The lead words at the start of `paragraph_text` (modifiers before or after them are
  /// included: "Also recalling", "Recalls also", "وإذ تشير كذلك"), or kind none.
  LeadWords lead_words(std::string_view paragraph_text) const;
  /// True when `word` (any case) is one of the lists' lead words.
  bool is_operative(std::string_view word) const;
  bool is_preambular(std::string_view word) const;

  // ----- numbers and dates -----
  /// The first date in `text`, by any of the language's date patterns (Western and
  /// Arabic-Indic digits alike).
  std::optional<DateMatch> find_date(std::string_view text) const;
  /// "20 décembre 2002", "2002年12月20日"; text that is not an ISO date comes back as it is.
  std::string spell_date(std::string_view iso) const;
  /// 1-based month for a month name (any form the file lists, any case), or 0.
  int month_number(std::string_view name) const;
  /// The session number of a session name: "Fifty-seventh session" -> 57,
  /// "Cinquante-septième session" -> 57, "第五十七届会议" -> 57; "57th session" -> 57.
  std::optional<int> parse_session(std::string_view session_name) const;
  /// "Fifty-seventh session" for 57 (the session line as printed); digits when the file
  /// lists no ordinal for `n`.
  std::string spell_session(int n) const;
  /// The ordinal words for `n` ("fifty-seventh" as the file spells it), or empty.
  std::string ordinal_words(int n) const;

  // ----- numbering -----
  /// The operative number or item label at the start of `text`, by this language's
  /// numbering styles ("1.", "1 -", "(a)", "a)", "(أ)", "(i)"), or nothing.
  std::optional<Marker> leading_marker(std::string_view text) const;
  /// How an item is printed: "(a)" in English, "a)" in French, Spanish and Russian,
  /// "(أ)" in Arabic, for `style` ('a', 'i', 'A', '1') and 1-based `value`.
  std::string item_label(char style, int value) const;
  /// How an operative number is printed before its text: "1. " or "1 - ".
  std::string operative_label(std::string_view num) const;

  // ----- detection -----
  /// How strongly `text` reads as this language: a score from its script, stop words and
  /// lead words; comparable between languages for the same text.
  double score(std::string_view text) const;

private:
  struct Data;
  explicit Language(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> m; // Immutable: copies share it.
};

/// `n` in Roman numerals, lowercase or uppercase ("iv", "MMXXV"); empty for n < 1. Numbers
/// above 3999 have no standard form: they come back in decimal digits.
std::string roman_numeral(long long n, bool upper);

/// The result of language detection.
struct Detection {
  const Language* language = nullptr; ///< The best language, or nullptr for no text.
  double score = 0;                   ///< Its score.
  double runner_up = 0;               ///< The next language's score.
  /// True when the best clearly wins (used to warn about a wrong explicit language).
  bool clear = false;
};

/// Picks the language of `text` among `languages` (the installed ones by default).
Detection detect(std::string_view text, const std::vector<Language>& languages);
Detection detect(std::string_view text);

} // namespace resconv::language
