#pragma once
/// \file recognizer.hpp
/// The recogniser: turns a stream of blocks (text with layout hints) into a Document.
/// The text, PDF and DOCX importers extract blocks in their own way and share this one
/// component, so every importer yields the same model for the same document. Numbering and
/// layout drive it; the language lists (language.hpp) are extra evidence.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/options.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resconv::recognize {

/// One block of the source: a paragraph, a line group, a footnote, as the importer sees it.
struct Block {
  /// The block's content, with emphasis and footnote calls already marked where the source
  /// marks them (italic fonts, superscripts, `*...*`).
  model::Inlines content;
  /// True when the source itself marks this block as a footnote text (a footnote area of a
  /// PDF page, a Word footnote, a line starting with a superscript marker).
  bool footnote = false;
  /// The footnote's marker when `footnote` is true.
  std::string footnote_marker;
  /// True when the source marks this footnote's calls itself (superscripts, Word
  /// footnote references): plain numbers in the text are then never taken as its calls.
  bool calls_marked = false;
  /// A paragraph number the source supplies outside the text (Word list numbering).
  std::optional<std::string> num;
  /// Layout hints; zero when unknown.
  int page = 0;
  int line = 0;                  ///< 1-based first source line, for diagnostics.
  double indent = 0;             ///< Left indent of the first line, in points (or characters).
  double font_size = 0;          ///< Dominant font size.
  bool bold = false;             ///< The whole block is bold (a heading).
  bool centered = false;         ///< The block is centred (a heading, an annex title).
  std::optional<model::Box> box; ///< Where the block was printed, when known.
};

/// Settings of one recognition.
struct RecognizeOptions {
  std::string source_name;       ///< Display name for diagnostics.
  std::string language = "auto"; ///< A language code, or "auto" to choose by lead words.
  /// Find UN document symbols in the text and make them Reference inlines.
  bool link_references = true;
  /// Turn bare numbers that match a footnote marker into footnote calls (for sources
  /// whose footnote calls lost their superscript: "2002, 1"). Never applies to footnotes
  /// whose block has `calls_marked`.
  bool infer_plain_footnote_calls = true;
  /// Read the shapes of contract version 2 into the model: a publication's deliberations
  /// as components, parts, quotations. Off by default until every exporter writes them
  /// (an exporter that does not would drop their words); import option `shapes=true`.
  bool deliberation_shapes = false;
};

/// The recogniser settings of an importer, from the options every recognising importer
/// shares: `language` (a BCP 47 tag or `auto`), `link-references`, `infer-footnote-calls`
/// (each optional). Checks the language before any work: a tag no installed language
/// answers (after the "fr-CA" -> "fr" fallback) throws ConversionError `language.unknown`
/// naming the tag and the installed languages.
RecognizeOptions recognize_options(const Options& options, std::string source_name);

/// Recognises a document. Reports what it could not place as warnings (code prefix
/// `recognize.`); never throws for any block stream, except LanguageError when the
/// language data cannot be loaded. Thread-safe (no shared mutable state).
model::Document recognize(const std::vector<Block>& blocks, const RecognizeOptions& options,
                          DiagnosticSink& sink);

/// Same, with explicit language data (for tests and programs that ship their own lists).
model::Document recognize(const std::vector<Block>& blocks, const RecognizeOptions& options,
                          const std::vector<LanguageData>& languages, DiagnosticSink& sink);

/// Finds UN document symbols and cited resolutions in the text inlines of `content` and
/// wraps them in Reference inlines whose content is the printed number: "A/57/444" ->
/// A/57/444; "resolution 55/2" -> A/RES/55/2; "resolution 338 (1973)" -> S/RES/338 (1973);
/// "resolution 169 (II)" -> A/RES/169 (II). Existing references are left as they are.
void link_references(model::Inlines& content, const LanguageData& language);

} // namespace resconv::recognize
