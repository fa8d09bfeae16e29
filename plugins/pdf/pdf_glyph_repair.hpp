#pragma once
// Glyphs whose ToUnicode entry is wrong. A font's ToUnicode map says which text each glyph
// stands for; some producers write broken maps ("f" read as "i", "q" as "u": "afirmando
// que" comes out as "aiirmando uue"). The embedded font program knows better: its own
// cmap table (Unicode -> glyph) and its glyph names say what each glyph is. Where the two
// disagree about a letter, the glyph is read as the font program names it.
//
// The repair needs each glyph's code, which Poppler's words do not carry: pages that use a
// repaired font are read a second time by a small device that records where each glyph of
// those fonts is drawn and with which code; a word's character is matched to its glyph by
// its position.

#include <poppler/Object.h>
#include <poppler/TextOutputDev.h>

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

class PDFDoc;
class XRef;
class Dict;

namespace resconv::pdf {

/// One glyph a font's ToUnicode map misreads.
struct GlyphFix {
  std::string font;     ///< The font's name ("TimesNewRomanPSMT").
  unsigned code = 0;    ///< The glyph's character code in the PDF.
  std::string was;      ///< What the ToUnicode map says (UTF-8): "i".
  std::string is;       ///< What the font program names it (UTF-8): "f", "fi".
  std::string evidence; ///< How it was found: "cmap", "glyph name".
  /// The glyph's advance and that of the glyph the map names, in thousandths of the font
  /// size (0 when the font has no glyph for the map's text): a misread glyph is often as
  /// wide as what it really is, not as what it was read as.
  int width = 0, named_width = 0;
};

class GlyphRepair {
public:
  GlyphRepair();
  ~GlyphRepair();
  GlyphRepair(const GlyphRepair&) = delete;
  GlyphRepair& operator=(const GlyphRepair&) = delete;

  /// Looks at the fonts of a page (its resources and those of its forms; each font once a
  /// document). True when the page uses a font with a misread glyph.
  bool examine(XRef* xref, Dict* resources);
  /// Reads the page (1-based) again and records its glyphs drawn in a repaired font and,
  /// with `slants`, where glyphs are drawn slanted. Call before the page's words are read;
  /// forgets the previous page's glyphs.
  void record(PDFDoc& doc, int page, bool slants = false);
  /// Forgets the recorded glyphs (a page that needs no repair).
  void clear_page();
  /// The text of character `k` of `word` when its glyph is misread (UTF-8), or nullptr.
  const std::string* repaired(const TextWord& word, int k);

  /// Whether character `k` of `word` is drawn slanted (a synthesised oblique: the text
  /// matrix shears the glyph), as recorded by record(..., true).
  bool slanted(const TextWord& word, int k) const;

  /// Every misread glyph found, by font.
  const std::vector<GlyphFix>& fixes() const { return m_fixes; }
  /// Characters of the document read as their font program names them.
  std::size_t repaired_count() const { return m_repaired; }

  /// A font with misread glyphs: the right text of each misread code.
  struct Font {
    Ref id;
    std::map<unsigned, std::pair<Unicode, std::string>> fixed; ///< code -> (misread as, text)
  };
  /// A glyph of a repaired font as drawn: its origin in device space.
  struct Drawn {
    double x = 0, y = 0;
    const Font* font = nullptr;
    unsigned code = 0;
  };

private:
  const Font* font_of(const TextFontInfo* info);
  void examine_font(XRef* xref, const char* tag, Ref ref, Dict* dict);
  void walk(XRef* xref, Dict* resources, int depth, int& budget, bool& uses_fixed);

  std::vector<std::unique_ptr<Font>> m_fonts; // repaired fonts only
  std::set<std::pair<int, int>> m_seen;       // font objects examined
  std::vector<GlyphFix> m_fixes;
  std::multimap<long, Drawn> m_drawn;    // by x in hundredths of a point
  std::multimap<long, double> m_slanted; // slanted glyphs: x in hundredths of a point -> y
  std::vector<std::pair<const TextFontInfo*, const Font*>> m_infos; // this page's font records
  std::size_t m_repaired = 0;
};

} // namespace resconv::pdf
