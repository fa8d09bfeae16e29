#pragma once
// The text layer as a reader sees it: Poppler's TextOutputDev takes every glyph a page
// shows, also those no reader can see (invisible render mode, text in the colour of what is
// under it, text clipped away, sub-point sizes). This device drops those glyphs before
// TextOutputDev builds its words, and says what it dropped; it also notes the glyphs placed
// outside the page (which TextOutputDev drops silently) and whether the page draws images.

#include <poppler/TextOutputDev.h>

#include <cstddef>
#include <string>
#include <vector>

namespace resconv::pdf {

/// Why a glyph is not read.
enum class Unseen {
  /// Render mode 3 or 7 (neither filled nor stroked), unless it may lie over an image: that
  /// is a scan's OCR layer, which the reader sees in the image.
  invisible,
  transparent, ///< Painted with (nearly) zero opacity.
  same_colour, ///< The colour of what is under it (white on white).
  clipped,     ///< Outside the clipping path.
  tiny,        ///< Smaller than kMinVisibleSize.
};

const char* describe(Unseen why);

/// A run of unseen glyphs next to each other on one line, in device space (points from the
/// top left of the page as displayed, rotation applied).
struct UnseenRun {
  Unseen why = Unseen::invisible;
  std::string text; ///< UTF-8, spaces kept.
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::size_t glyphs = 0;
};

/// Glyph font sizes under this are unreadable on paper and on screen at any usual zoom (UN
/// PDFs set footnote calls at 5.5 pt, the smallest text they use); a 0.5 pt line is a
/// hairline.
inline constexpr double kMinVisibleSize = 1.0;
/// A glyph or fill with an opacity under this is not seen (a twentieth of full ink).
inline constexpr double kMinVisibleOpacity = 0.05;
/// Text and what is under it differ by less than this in every RGB channel (0..1): about
/// 13 of 255 levels, the least difference a reader can tell apart in print and on screen.
inline constexpr double kMinColourDifference = 0.05;
/// Filled areas remembered per page to know what lies under each glyph. Past this many the
/// oldest are forgotten, and text matching no remembered area is kept (read as seen): a
/// bound on the work per glyph that never drops visible text.
inline constexpr std::size_t kMaxRegions = 512;
/// Filled areas thinner than this (points) are lines (table rules, underlines, borders), not
/// a ground for text: a glyph on one is larger than it and seen. Not remembering them keeps
/// the tables of annexes (hundreds of rules a page) from slowing every glyph down.
inline constexpr double kMinGroundExtent = 2.0;
/// Unseen runs kept per page for the report (the count of glyphs is always exact).
inline constexpr std::size_t kMaxRunsPerPage = 50;

class ReadingDevice final : public TextOutputDev {
public:
  ReadingDevice();

  /// Before a page is displayed: how many image XObjects its resources hold (drawn before
  /// or after its text; an OCR layer may lie under its scan), and whether they may be
  /// placed. Placing an image makes Poppler read its parameters, which for JPEG 2000 means
  /// decoding the whole image (OpenJPEG): pages holding one are read without placing their
  /// images, and no text on them is judged by the colour under it.
  void expect_images(std::size_t n, bool place) {
    m_expected_images = n;
    m_place_images = place;
  }

  /// What the last page displayed left out or held.
  const std::vector<UnseenRun>& unseen() const { return m_runs; }
  std::size_t unseen_glyphs() const { return m_unseen_glyphs; }
  std::size_t off_page_glyphs() const { return m_off_page; }
  std::size_t images() const { return m_images; }

  // Images and filled areas are needed to know what lies under the text; patterns and
  // shadings are not drawn (they are slow, and an area filled with one is of unknown
  // colour).
  bool needNonText() override { return m_place_images; }
  bool useTilingPatternFill() override { return true; }
  bool useShadedFills(int) override { return true; }
  bool tilingPatternFill(GfxState* state, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int,
                         int, double, double) override;
  bool functionShadedFill(GfxState* state, GfxFunctionShading*) override;
  bool axialShadedFill(GfxState* state, GfxAxialShading*, double, double) override;
  bool axialShadedSupportExtend(GfxState*, GfxAxialShading*) override { return true; }
  bool radialShadedFill(GfxState* state, GfxRadialShading*, double, double) override;
  bool radialShadedSupportExtend(GfxState*, GfxRadialShading*) override { return true; }
  bool gouraudTriangleShadedFill(GfxState* state, GfxGouraudTriangleShading*) override;
  bool patchMeshShadedFill(GfxState* state, GfxPatchMeshShading*) override;

  void startPage(int pageNum, GfxState* state, XRef* xref) override;
  void drawChar(GfxState* state, double x, double y, double dx, double dy, double originX, double originY,
                CharCode c, int nBytes, const Unicode* u, int uLen) override;
  void fill(GfxState* state) override;
  void eoFill(GfxState* state) override;
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inlineImg) override;
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* colorMap,
                 bool interpolate, const int* maskColors, bool inlineImg) override;

private:
  struct Region {
    double x0, y0, x1, y1;
    bool known;     ///< A plain fill of a known colour; false: an image, pattern or shading.
    double r, g, b; ///< Its colour when known.
  };
  void add_region(GfxState* state, double x0, double y0, double x1, double y1, bool known);
  void add_path_region(GfxState* state);
  void add_unit_square_region(GfxState* state);
  bool paint_unknown(GfxState* state);
  /// Whether the glyph whose centre is (cx, cy) cannot be seen, and why.
  bool unseen(GfxState* state, double cx, double cy, Unseen& why) const;
  void end_run();

  double m_width = 0, m_height = 0;
  std::vector<Region> m_regions;
  bool m_forgot = false; ///< Regions were forgotten (kMaxRegions).
  std::size_t m_images = 0, m_expected_images = 0;
  bool m_place_images = true;
  std::vector<UnseenRun> m_runs;
  std::size_t m_unseen_glyphs = 0, m_off_page = 0;
  bool m_in_run = false; ///< The last glyph was unseen, and m_runs.back() is its run.
  double m_run_base = 0, m_run_size = 0;
};

} // namespace resconv::pdf
