#pragma once
/// \file project.hpp
/// Projection of a model onto what a format can hold, for round-trip comparisons:
/// `import_F(export_F(doc)) == project(doc, preserves_F)`.

#include <resconv/sdk/model/document.hpp>

#include <string>
#include <vector>

namespace resconv::model {

/// Returns `document` without what `preserves` does not list. Features: "emphasis",
/// "strong", "footnotes", "references", "provenance", "annexes", "items", "headings",
/// "masthead" (the masthead lines as printed, Metadata::masthead), "distribution"
/// (Metadata::distribution).
/// Other content is kept. The result is normalised.
Document project(Document document, const std::vector<std::string>& preserves);

} // namespace resconv::model
