#pragma once
/// \file language.hpp
/// Language data for the recogniser: lead words of preambular and operative paragraphs,
/// month names and masthead phrases. One JSON file per language
/// (`<data>/lang/<code>.json`, sources in `formats/common/lang/`), so a language is added
/// as data, not code.

#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::recognize {

/// Thrown when a language file is missing or malformed; the message names the file.
class LanguageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The word lists of one language. Words are stored lowercase. Immutable once loaded,
/// so one instance may be shared by threads.
struct LanguageData {
  std::string code;                 ///< BCP 47 ("en").
  std::set<std::string> preambular; ///< Lead words of preambular paragraphs ("recalling").
  std::set<std::string> operative;  ///< Lead words of operative paragraphs ("decides").
  /// Adverbs that may precede a lead word ("also", "further", "strongly").
  std::set<std::string> modifiers;
  std::vector<std::string> months; ///< Twelve month names, January first.
  /// Deliberative bodies as printed ("General Assembly") with the symbol prefix of their
  /// resolutions ("A/RES/"; empty when the body has no such series).
  std::vector<std::pair<std::string, std::string>> bodies;
  /// Phrases of the masthead and closing, by role ("distribution" -> "Distr.",
  /// "agenda" -> "Agenda item", "adopted_by" -> "adopted by the", "plenary_meeting",
  /// "annex", "resolution_word" as in "resolution 55/2"...). See formats/common/lang/en.json.
  std::vector<std::pair<std::string, std::string>> phrases;

  /// The phrase for `role`, or an empty view.
  std::string_view phrase(std::string_view role) const noexcept;
  /// The articles a formula may start with: the "article" phrase split at "|"
  /// ("La|El" -> {"La", "El"}).
  std::vector<std::string> articles() const;
  /// The lowercase lead word of a paragraph's plain text, after skipping modifiers
  /// ("Also recalling" -> "recalling"), or empty when the first words are in no list.
  std::string lead_word(std::string_view paragraph_text) const;
  /// 1-based month number for a month name (case-insensitive), or 0.
  int month_number(std::string_view name) const noexcept;

  /// Reads `<dir>/lang/<code>.json`. Throws LanguageError.
  static LanguageData load(const std::filesystem::path& data_dir, const std::string& code);
  /// Every language file in `<dir>/lang`, sorted by code. Throws LanguageError.
  static std::vector<LanguageData> load_all(const std::filesystem::path& data_dir);
  /// The languages of the installed data folder, loaded once per process (thread-safe).
  static const std::vector<LanguageData>& installed();
};

} // namespace resconv::recognize
