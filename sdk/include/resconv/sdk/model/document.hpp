#pragma once
/// \file document.hpp
/// The resolution model: one value type that every importer produces and every exporter
/// consumes. No inheritance, no parent pointers; `operator==` compares structurally.

#include <resconv/sdk/model/inline.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace resconv::model {

/// Descriptive fields of a resolution. Unknown fields are empty optionals (the JSON form
/// writes them as null, never as an empty string).
struct Metadata {
  std::optional<std::string> body;       ///< "General Assembly", "Security Council"...
  std::optional<std::string> symbol;     ///< "A/RES/57/263", "S/RES/2803 (2025)".
  std::optional<std::string> number;     ///< "57/263", "2803 (2025)".
  std::optional<std::string> session;    ///< "Fifty-seventh session".
  std::vector<std::string> agenda_items; ///< {"88"}, {"25 (b)"}; empty when none.
  std::optional<std::string> title;      ///< "Assistance in mine action".
  std::optional<std::string> adopted;    ///< ISO date (YYYY-MM-DD).
  std::optional<std::string> issued;     ///< ISO date after "Distr.: General".
  std::optional<std::string> origin;     ///< The bracketed committee line, without brackets.
  std::optional<std::string> meeting;    ///< "78th plenary meeting", "10046th meeting".
  /// The vote as the closing line records it: "unanimously", "without vote",
  /// "by 10 votes to none, with 1 abstention (Argentina)".
  std::optional<std::string> vote;
  std::optional<std::string> language; ///< BCP 47 ("en").

  bool operator==(const Metadata&) const = default;
};

/// One text field of Metadata: its name (in the JSON contract and the dump) and member.
struct MetadataTextField {
  const char* name;                             ///< "body", "symbol"...
  std::optional<std::string> Metadata::*member; ///< &Metadata::body...
};

/// Every text field of Metadata in contract order. The list field `agenda_items` comes
/// between the first `metadata_fields_before_agenda` of them and the rest. Code that
/// walks the metadata (codecs, dumps, comparisons) uses this table, so a new field is
/// added in one place.
inline constexpr MetadataTextField metadata_text_fields[] = {
    {"body", &Metadata::body},       {"symbol", &Metadata::symbol},    {"number", &Metadata::number},
    {"session", &Metadata::session}, {"title", &Metadata::title},      {"adopted", &Metadata::adopted},
    {"issued", &Metadata::issued},   {"origin", &Metadata::origin},    {"meeting", &Metadata::meeting},
    {"vote", &Metadata::vote},       {"language", &Metadata::language}};

/// How many of metadata_text_fields come before `agenda_items`.
inline constexpr std::size_t metadata_fields_before_agenda = 4;

/// A rectangle in PDF points, origin at the top left of the page: {x0, y0, x1, y1}.
using Box = std::array<double, 4>;

/// Where a paragraph came from in a paged source.
struct Provenance {
  int page = 0; ///< 1-based.
  Box box{};    ///< Where on the page, in points from the top left.
  bool operator==(const Provenance&) const = default;
};

/// A preambular or operative paragraph, an item of one, or a section heading.
struct Paragraph {
  /// A numbered or plain paragraph, or a section heading among them ("I. Lights").
  enum class Kind { paragraph, heading };

  Kind kind = Kind::paragraph; ///< Paragraph or heading.
  /// The printed number without its period ("1", "(a)", "(i)"), or empty when unnumbered.
  std::optional<std::string> num;
  Inlines content; ///< The text, with emphasis, calls and references.
  /// Sub-paragraphs: (a), (b)... and their (i), (ii)...
  std::vector<Paragraph> items;
  std::optional<Provenance> provenance; ///< Where it was printed, when imported from a paged source.

  bool operator==(const Paragraph&) const = default;
};

/// One footnote. A footnote called several times is one Footnote.
struct Footnote {
  std::string marker; ///< "1", "2", "*".
  Inlines content;    ///< The text, with emphasis, calls and references.
  bool operator==(const Footnote&) const = default;
};

/// An annex, or a document adopted by the resolution and printed after it, with the same
/// paragraph shapes as the resolution itself.
struct Annex {
  std::optional<std::string> heading; ///< "Annex", "Annex I", "ANNEX 1 - ...".
  std::optional<std::string> title;   ///< "Rules for keepers"; empty when the annex has none.
  std::optional<std::string> formula; ///< A formula of its own, when the annex is itself a resolution.
  std::vector<Paragraph> preamble;    ///< Its preambular paragraphs.
  std::vector<Paragraph> operative;   ///< Its numbered paragraphs, items and headings.

  bool operator==(const Annex&) const = default;
};

/// A whole resolution.
struct Document {
  Metadata metadata;                  ///< Symbol, title, dates, meeting...
  std::optional<std::string> formula; ///< "The General Assembly,".
  std::vector<Paragraph> preamble;    ///< Preambular paragraphs ("Recalling ...,").
  std::vector<Paragraph> operative;   ///< Operative paragraphs, their items, and headings.
  std::vector<Footnote> footnotes;    ///< In order of first appearance.
  std::vector<Annex> annexes;         ///< In printed order.

  bool operator==(const Document&) const = default;
};

} // namespace resconv::model
