#pragma once
// Reads the masthead and preface lines of a resolution into Metadata. Internal.

#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/language/language.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace resconv::recognize {

class MastheadParser {
public:
  MastheadParser(const language::Language& language, model::Metadata& metadata)
      : m_lang(language), m_meta(metadata) {}

  /// Reads one masthead line or block. Returns false when the text holds no masthead
  /// field (the caller then decides what it is).
  bool feed(std::string_view text);
  /// True right after a number line whose title may continue on the next block.
  bool title_open() const noexcept { return m_title_open; }
  /// Appends a continuation line to the title.
  void continue_title(std::string_view text);
  /// Reads a closing line ("78th plenary meeting 20 December 2002", "Adopted at the 631st
  /// meeting."). Returns false when the text is not one.
  bool feed_closing(std::string_view text);
  /// True when `text` reads as a closing line (without changing anything).
  bool is_closing(std::string_view text) const;
  /// The date of the closing line, if any (used when the adoption line has none).
  const std::optional<std::string>& closing_date() const noexcept { return m_closing_date; }

  /// The body named by a formula ("The General Assembly," -> "General Assembly"), or empty.
  std::string body_from_formula(std::string_view formula) const;
  /// Infers the symbol from body and number when the masthead does not print it.
  void infer_symbol();

private:
  bool take_number_line(std::string_view text);
  bool take_adoption_line(std::string_view text);
  // "Argentina, Brazil and Chile: draft resolution" (or "Draft resolution" alone): the kind
  // and the sponsors of a draft; the draft's title follows on the next lines.
  bool take_draft_line(std::string_view text);
  std::string_view take_body_prefix(std::string_view text);
  bool is_meeting_line(std::string_view text) const;
  std::optional<std::vector<std::string>> agenda_list(std::string_view text) const;
  // Appends a line of agenda item title: to the first item without a title, else the last.
  void add_agenda_title(std::string_view text);
  // Reads "General"/"Limited"/"Restricted" at the start of the text after "Distr.".
  void read_distribution(std::string_view after_word);

  const language::Language& m_lang;
  model::Metadata& m_meta;
  bool m_title_open = false;
  bool m_agenda_open = false;
  bool m_issued_open = false; // "Distr.: General" was read without its date.
  std::optional<std::string> m_closing_date;
};

/// True when `word` reads as a UN document symbol (A/57/444, S/RES/2803, E/CN.4/2003/L.1).
bool is_symbol(std::string_view word) noexcept;

} // namespace resconv::recognize
