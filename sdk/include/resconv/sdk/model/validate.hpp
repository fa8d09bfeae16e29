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

/// True when `date` is a valid calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view date) noexcept;

} // namespace resconv::model
