#pragma once
/// \file canonical.hpp
/// The lines a canonical rendering prints around a resolution's paragraphs (the masthead
/// and preface before them, the closing after), worded so that the recogniser reads them
/// back into the same metadata. The text and DOCX exporters print them; English wording.

#include <resconv/sdk/model/document.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resconv::recognize {

/// One line before the formula and what it carries.
struct CanonicalLine {
  /// Which metadata the line shows.
  enum class Role { symbol, distribution, session, agenda, adoption, origin, number_title };
  Role role;        ///< Which metadata the line shows.
  std::string text; ///< The line as printed.
};

/// The masthead and preface lines of `metadata`, in print order; fields that are absent
/// give no line.
std::vector<CanonicalLine> canonical_preface(const model::Metadata& metadata);

/// The closing line ("78th plenary meeting", "Adopted at the 631st meeting unanimously."),
/// or nothing when there is neither meeting nor vote.
std::optional<std::string> canonical_closing(const model::Metadata& metadata);

/// "20 December 2002" for "2002-12-20"; other text unchanged.
std::string canonical_date(const std::string& iso);

} // namespace resconv::recognize
