#pragma once
/// \file inline.hpp
/// Inline content of paragraphs, footnotes and titles: text with emphasis, footnote calls
/// and references to cited UN documents. Plain values with structural equality.

#include <string>
#include <variant>
#include <vector>

namespace resconv::model {

struct Inline;
/// A sequence of inlines. Normalised sequences (see builder.hpp) never hold two adjacent
/// Text values or an empty Text.
using Inlines = std::vector<Inline>;

/// Literal text, UTF-8.
struct Text {
  std::string text; ///< UTF-8, spaces collapsed.
  bool operator==(const Text&) const = default;
};

/// Italic text (lead words of paragraphs, titles of publications).
struct Emphasis {
  Inlines content; ///< What is italic.
  bool operator==(const Emphasis&) const;
};

/// Bold text.
struct Strong {
  Inlines content; ///< What is bold.
  bool operator==(const Strong&) const;
};

/// A footnote call; `marker` matches Footnote::marker ("1", "*").
struct FootnoteRef {
  std::string marker; ///< The printed call ("1", "*"), matching a Footnote::marker.
  bool operator==(const FootnoteRef&) const = default;
};

/// A UN document or resolution cited in the text. `target` is the document symbol
/// ("A/57/444", "A/RES/55/2", "S/RES/338 (1973)"); `content` is the text as printed
/// ("resolution 55/2").
struct Reference {
  std::string target; ///< The cited symbol ("A/RES/55/2").
  Inlines content;    ///< The text as printed ("55/2").
  bool operator==(const Reference&) const;
};

/// One inline element.
struct Inline {
  std::variant<Text, Emphasis, Strong, FootnoteRef, Reference> value; ///< Which kind, and its content.

  Inline() = default;
  /// Implicit conversions, so `Inlines{Text{"a"}, Emphasis{...}}` reads naturally.
  ///@{
  Inline(Text v) : value(std::move(v)) {}
  Inline(Emphasis v) : value(std::move(v)) {}
  Inline(Strong v) : value(std::move(v)) {}
  Inline(FootnoteRef v) : value(std::move(v)) {}
  Inline(Reference v) : value(std::move(v)) {}
  ///@}

  bool operator==(const Inline&) const = default;
};

inline bool Emphasis::operator==(const Emphasis& o) const {
  return content == o.content;
}
inline bool Strong::operator==(const Strong& o) const {
  return content == o.content;
}
inline bool Reference::operator==(const Reference& o) const {
  return target == o.target && content == o.content;
}

} // namespace resconv::model
