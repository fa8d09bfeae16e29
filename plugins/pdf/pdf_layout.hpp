#pragma once
// Layout analysis of UN PDF pages: Poppler's words -> lines -> blocks for the recogniser,
// with page furniture, footnote areas, superscript footnote calls and italics found from
// positions, sizes and fonts. Poppler-free: the importer fills `Word`s, so the rules can be
// tested on hand-made pages.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace resconv::pdf {

/// One word as Poppler boxes it. Coordinates in points, origin top left.
struct Word {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0; ///< Font size.
  /// Font name ("TimesNewRomanPS-ItalicMT"), held by the caller (a document uses a few
  /// fonts; its words are copied several times during the analysis) for as long as the
  /// words are used.
  std::string_view font;
  bool space_after = false; ///< Poppler saw a space after the word.
  /// Drawn slanted (an oblique synthesised for a face with no italic): emphasis, like an
  /// italic font.
  bool slanted = false;
};

struct Page {
  int number = 0; ///< 1-based.
  double width = 0, height = 0;
  std::vector<Word> words;
};

/// What the analysis found, for `resconv inspect` (notes with code pdf.layout).
struct LayoutReport {
  bool enabled = false;
  std::vector<Diagnostic> notes;
};

/// Turns pages into recogniser blocks: masthead and body paragraphs (with page and box),
/// then each page's footnotes (continued across pages). Furniture is dropped.
/// `each_line`: every segment is a block of its own (for pages set without paragraph
/// spacing or indents, where the lines of a paragraph cannot be told from paragraphs).
std::vector<recognize::Block> analyse(const std::vector<Page>& pages, const std::string& file,
                                      LayoutReport& report, bool each_line = false);

/// True for fonts whose name says italic or oblique.
bool is_italic_font(std::string_view font);
/// True for fonts whose name says bold (or black, heavy, semibold).
bool is_bold_font(std::string_view font);

} // namespace resconv::pdf
