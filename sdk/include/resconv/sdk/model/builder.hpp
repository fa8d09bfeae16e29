#pragma once
/// \file builder.hpp
/// Building and normalising model values. Normal form: adjacent Text merged, empty Text and
/// empty containers dropped, runs of white space collapsed to one space, paragraph content
/// trimmed at both ends. Importers normalise what they build, so that two importers that
/// see the same document produce equal models.

#include <resconv/sdk/model/document.hpp>

#include <string>
#include <string_view>

namespace resconv::model {

/// Plain text.
Inline text(std::string value);
/// Italics.
Inline emphasis(Inlines content);
/// Bold.
Inline strong(Inlines content);
/// A footnote call with the printed marker ("1", "*").
Inline footnote_ref(std::string marker);
/// A cited UN document: `target` is its symbol, `content` the text as printed.
Inline reference(std::string target, Inlines content);

/// Brings a sequence into normal form without trimming its ends.
void normalize(Inlines& inlines);
/// Normal form plus trimming of leading and trailing white space.
void normalize_trimmed(Inlines& inlines);
/// Normalises every paragraph, footnote, annex and metadata string of a document; turns
/// empty metadata strings into absent values.
void normalize(Document& document);

/// Collapses white space runs to single spaces and trims both ends.
std::string collapse_space(std::string_view text);

/// The text of a sequence with markup removed. Footnote calls are left out; references
/// contribute their printed text.
std::string plain_text(const Inlines& inlines);

/// Appends text to a sequence, merging with a trailing Text.
void append_text(Inlines& inlines, std::string_view value);

/// Fluent construction of a Document for importers and tests.
/// Not thread-safe; build() may be called once.
class DocumentBuilder {
public:
  /// Sets the metadata.
  DocumentBuilder& metadata(Metadata value);
  /// Sets the formula ("The General Assembly,").
  DocumentBuilder& formula(std::string value);
  /// Adds a preambular paragraph.
  DocumentBuilder& preamble(Inlines content);
  /// Adds an operative paragraph; `num` empty for an unnumbered one.
  DocumentBuilder& operative(std::optional<std::string> num, Inlines content,
                             std::vector<Paragraph> items = {});
  /// Adds a footnote (call it from the text with footnote_ref(marker)).
  DocumentBuilder& footnote(std::string marker, Inlines content);
  /// Adds an annex.
  DocumentBuilder& annex(Annex value);
  /// Returns the normalised document.
  Document build();

private:
  Document m_document;
};

} // namespace resconv::model
