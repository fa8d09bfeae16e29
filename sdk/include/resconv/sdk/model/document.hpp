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

/// An agenda item as the masthead prints it: its number and, when printed under it, its
/// title ("Agenda item 98" / "General and complete disarmament").
struct AgendaItem {
  std::string number;               ///< "98", "25 (b)", "3 (a) and (b)".
  std::optional<std::string> title; ///< "General and complete disarmament"; empty when not printed.

  AgendaItem() = default;
  /// Implicit from a number, so `agenda_items = {"88"}` reads naturally.
  AgendaItem(std::string number_, std::optional<std::string> title_ = std::nullopt)
      : number(std::move(number_)), title(std::move(title_)) {}
  /// Also from a C string, for the same brace lists.
  AgendaItem(const char* number_) : number(number_) {}

  bool operator==(const AgendaItem&) const = default;
};

/// The numbers of a list of agenda items, in order ({"98", "25 (b)"}).
inline std::vector<std::string> agenda_numbers(const std::vector<AgendaItem>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const AgendaItem& item : items)
    out.push_back(item.number);
  return out;
}

/// Descriptive fields of a resolution, or of a publication holding several (see
/// Document::components). Unknown fields are empty optionals (the JSON form writes them
/// as null, never as an empty string).
struct Metadata {
  std::optional<std::string> body;      ///< "General Assembly", "Security Council"...
  std::optional<std::string> symbol;    ///< "A/RES/57/263", "S/RES/2803 (2025)".
  std::optional<std::string> number;    ///< "57/263", "2803 (2025)".
  std::optional<std::string> session;   ///< "Fifty-seventh session".
  std::vector<AgendaItem> agenda_items; ///< {"88", "Title"}, {"25 (b)"}; empty when none.
  std::optional<std::string> title;     ///< "Assistance in mine action".
  std::optional<std::string> adopted;   ///< ISO date (YYYY-MM-DD).
  std::optional<std::string> issued;    ///< ISO date after "Distr.: General".
  std::optional<std::string> origin;    ///< The bracketed committee line, without brackets.
  std::optional<std::string> meeting;   ///< "78th plenary meeting", "10046th meeting".
  /// The vote as the closing line records it: "unanimously", "without vote",
  /// "by 10 votes to none, with 1 abstention (Argentina)".
  std::optional<std::string> vote;
  std::optional<std::string> language; ///< BCP 47 ("en").
  /// The distribution printed after "Distr.:", as a token: "general", "limited",
  /// "restricted".
  std::optional<std::string> distribution;
  /// What the document is, as a token: "resolution", "decision", "draft resolution",
  /// "draft decision"; for a publication holding several, "collection".
  std::optional<std::string> kind;
  /// The sponsors of a draft, as printed ("Argentina, Brazil and Chile: draft
  /// resolution" gives {"Argentina", "Brazil", "Chile"}); empty otherwise.
  std::vector<std::string> sponsors;
  /// The lines of the masthead as printed, in order ("United Nations", "A/RES/78/12",
  /// "Distr.: General", "Original: English"...): what an exporter reproducing the cover
  /// of the document prints, and what the AKN preface keeps. Empty when the source had
  /// no masthead (a model built in code).
  std::vector<std::string> masthead;

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
    {"body", &Metadata::body},         {"symbol", &Metadata::symbol},
    {"number", &Metadata::number},     {"session", &Metadata::session},
    {"title", &Metadata::title},       {"adopted", &Metadata::adopted},
    {"issued", &Metadata::issued},     {"origin", &Metadata::origin},
    {"meeting", &Metadata::meeting},   {"vote", &Metadata::vote},
    {"language", &Metadata::language}, {"distribution", &Metadata::distribution},
    {"kind", &Metadata::kind}};

/// How many of metadata_text_fields come before `agenda_items`. The list fields
/// `sponsors` and `masthead` come after all of them.
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
///
/// A section heading ("A. Implementation") among operative paragraphs whose numbering
/// runs on across it is a `heading` paragraph. A heading that opens paragraphs of its own
/// (a preamble of its own, or numbering that restarts) is a Part.
struct Paragraph {
  /// A numbered or plain paragraph, or a section heading among them ("I. Lights").
  enum class Kind { paragraph, heading };

  Kind kind = Kind::paragraph; ///< Paragraph or heading.
  /// The printed number without its period ("1", "(a)", "(i)"), or empty when unnumbered.
  std::optional<std::string> num;
  Inlines content; ///< The text, with emphasis, calls and references.
  /// Sub-paragraphs: (a), (b)... and their (i), (ii)...
  std::vector<Paragraph> items;
  /// A quotation: the paragraphs this one quotes after its content ("... shall read as
  /// follows:"), as printed: their own numbers ("(a)", "12.") and the quotation marks in
  /// their text. They are not numbered among the document's paragraphs. Printed after
  /// `content`, before `items`.
  std::vector<Paragraph> quoted;
  std::optional<Provenance> provenance; ///< Where it was printed, when imported from a paged source.

  bool operator==(const Paragraph&) const = default;
};

/// A part of a deliberation: a heading with paragraphs of its own ("I. Revised estimates
/// ...", then its own "Recalling ..." and operative paragraphs 1, 2...), in the body or in
/// an annex. Its numbering restarts or runs on as printed (the numbers are kept).
struct Part {
  std::optional<std::string> num;       ///< "I", "A", "1"; empty when the heading has none.
  Inlines heading;                      ///< "Special subjects relating to ..."; may be empty.
  std::vector<Paragraph> preamble;      ///< Its own preambular paragraphs.
  std::vector<Paragraph> operative;     ///< Its operative paragraphs and section headings.
  std::vector<Part> parts;              ///< Parts inside it (A, B under I), after its paragraphs.
  std::optional<Provenance> provenance; ///< Where its heading was printed, from a paged source.

  bool operator==(const Part&) const = default;
};

/// One footnote. A footnote called several times is one Footnote.
struct Footnote {
  std::string marker; ///< "1", "2", "*".
  Inlines content;    ///< The text, with emphasis, calls and references.
  bool operator==(const Footnote&) const = default;
};

/// An annex, or a text the resolution adopts (a declaration, a programme of action,
/// rules), with the same paragraph shapes as the resolution itself.
///
/// An annex is printed after the closing lines. An adopted text printed inside the body,
/// after the operative paragraph that adopts it and without an "Annex" heading ("1. Adopts
/// the following political declaration:"), has `adopted_in` set to that paragraph's number.
struct Annex {
  std::optional<std::string> heading; ///< "Annex", "Annex I", "ANNEX 1 - ..."; empty for an adopted text.
  std::optional<std::string> title;   ///< "Rules for keepers"; empty when the annex has none.
  std::optional<std::string> formula; ///< A formula of its own, when the annex is itself a resolution.
  std::vector<Paragraph> preamble;    ///< Its preambular paragraphs.
  std::vector<Paragraph> operative;   ///< Its numbered paragraphs, items and headings.
  std::vector<Part> parts;            ///< Its parts, after its paragraphs.
  /// For an adopted text printed in the body: the `num` of the operative paragraph after
  /// which it is printed ("1"; "" for an unnumbered one). Empty for an annex proper.
  std::optional<std::string> adopted_in;

  bool operator==(const Annex&) const = default;
};

/// A whole resolution or decision, or a publication holding several (a Collection).
///
/// A **collection** (a UNFCCC report holding its decisions, GA resolutions "A" and "B"
/// under one number) is a Document whose `components` are its deliberations, each a
/// Document of its own; its `metadata` are the publication's (symbol, title, issued,
/// `kind` "collection"), and it has no body of its own (its formula, paragraphs, parts
/// and annexes are empty; footnotes belong to the deliberation that calls them). One type
/// through the plugin interface keeps every importer and exporter signature: a format
/// that cannot hold a collection exports its components one after another, and
/// `convert --split` writes one file per component.
struct Document {
  Metadata metadata;                  ///< Symbol, title, dates, meeting...
  std::optional<std::string> formula; ///< "The General Assembly,".
  std::vector<Paragraph> preamble;    ///< Preambular paragraphs ("Recalling ...,").
  std::vector<Paragraph> operative;   ///< Operative paragraphs, their items, and headings.
  std::vector<Part> parts;            ///< Parts with their own paragraphs, after `operative`.
  std::vector<Footnote> footnotes;    ///< In order of first appearance.
  std::vector<Annex> annexes;         ///< Annexes, and adopted texts printed in the body.
  std::vector<Document> components;   ///< The deliberations of a collection; empty otherwise.

  /// Whether this is a publication holding deliberations (non-empty `components`).
  bool is_collection() const noexcept { return !components.empty(); }

  bool operator==(const Document&) const = default;
};

} // namespace resconv::model
