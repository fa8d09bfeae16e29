#pragma once
/// \file validate.hpp
/// Consistency checks on a model value, reported as diagnostics.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/model/document.hpp>

#include <string>

namespace resconv::model {

/// Checks a document and reports each problem to `sink` with `file` as location:
///  - `model.footnote-missing` (error): a footnote is called but not defined;
///  - `model.footnote-unused` (warning): a footnote is defined but never called;
///  - `model.footnote-duplicate` (error): two footnotes share a marker;
///  - `model.duplicate-number` (warning): two sibling paragraphs share a number;
///  - `model.empty-paragraph` (warning): a paragraph without text and without items;
///  - `model.bad-date` (error): `adopted` or `issued` is not a valid ISO date;
///  - `model.no-operative` (warning): the document has no operative paragraph.
/// Returns the number of errors reported. Thread-safe for distinct sinks.
int validate(const Document& document, DiagnosticSink& sink, const std::string& file = {});

/// Whether the document holds any resolution structure: a paragraph, a part or an annex,
/// of its own or in one of its components. Importers refuse a text without it
/// (`<id>.no-structure`) rather than return an empty document.
bool has_structure(const Document& document) noexcept;

/// The characters that no output may carry: what XML 1.0 forbids (NUL and the other C0
/// controls except tab, line feed and carriage return; U+FFFE and U+FFFF) and bytes that
/// are not well-formed UTF-8. A JSON `\u0000` or a U+FFFE in a text file would otherwise cut
/// a C string short or make an ill-formed AKN or DOCX. Every text of a document is checked
/// at one place: Importer::run() replaces them in what it returns, Exporter::run() in a
/// copy of what it is given, each with the warning `model.unsafe-character`, so no exporter
/// ever sees one.
/// The number of such characters in `text` (an ill-formed byte counts as one).
std::size_t count_unsafe_characters(std::string_view text) noexcept;
/// The number of such characters in all the texts of `document`.
std::size_t count_unsafe_characters(const Document& document) noexcept;
/// Replaces each such character in all the texts of `document` with U+FFFD (the
/// replacement character), so no word is lost. Returns how many were replaced.
std::size_t replace_unsafe_characters(Document& document);
/// The warning both run()s report after replacing `count` characters in `file`.
void report_unsafe_characters(DiagnosticSink& sink, std::size_t count, const std::string& file);

/// True when `date` is a valid calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view date) noexcept;

} // namespace resconv::model
