#include "pdf_text_device.hpp"
#include <resconv/sdk/utf8.hpp>

#include <poppler/GfxFont.h>
#include <poppler/GfxState.h>

#include <algorithm>
#include <cmath>

namespace resconv::pdf {

const char* describe(Unseen why) {
  switch (why) {
  case Unseen::invisible:
    return "invisible (render mode 3)";
  case Unseen::transparent:
    return "transparent";
  case Unseen::same_colour:
    return "in the colour of what is under it";
  case Unseen::clipped:
    return "clipped away";
  case Unseen::tiny:
    return "smaller than 1 pt";
  }
  return "unseen";
}

namespace {

bool close_colours(const GfxRGB& a, double r, double g, double b) {
  return std::abs(colToDbl(a.r) - r) < kMinColourDifference &&
         std::abs(colToDbl(a.g) - g) < kMinColourDifference &&
         std::abs(colToDbl(a.b) - b) < kMinColourDifference;
}

} // namespace

ReadingDevice::ReadingDevice() : TextOutputDev(nullptr, false, 0, false, false) {}

void ReadingDevice::startPage(int pageNum, GfxState* state, XRef* xref) {
  m_width = state != nullptr ? state->getPageWidth() : 0;
  m_height = state != nullptr ? state->getPageHeight() : 0;
  m_regions.clear();
  m_forgot = false;
  m_images = 0;
  m_runs.clear();
  m_unseen_glyphs = m_off_page = 0;
  m_in_run = false;
  TextOutputDev::startPage(pageNum, state, xref);
}

void ReadingDevice::add_region(GfxState* state, double x0, double y0, double x1, double y1, bool known) {
  double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
  state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
  Region r{std::max(x0, cx0), std::max(y0, cy0), std::min(x1, cx1), std::min(y1, cy1), known, 1, 1, 1};
  if (!(r.x1 - r.x0 >= kMinGroundExtent && r.y1 - r.y0 >= kMinGroundExtent))
    return; // nothing painted (also NaN), or a line
  if (known) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    r.r = colToDbl(rgb.r);
    r.g = colToDbl(rgb.g);
    r.b = colToDbl(rgb.b);
  }
  if (m_regions.size() >= kMaxRegions) {
    m_regions.erase(m_regions.begin());
    m_forgot = true;
  }
  m_regions.push_back(r);
}

void ReadingDevice::add_path_region(GfxState* state) {
  const GfxPath* path = state->getPath();
  if (path == nullptr || state->getFillOpacity() < kMinVisibleOpacity)
    return;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int i = 0; i < path->getNumSubpaths(); ++i) {
    const GfxSubpath* sub = path->getSubpath(i);
    for (int k = 0; k < sub->getNumPoints(); ++k) {
      double x = 0, y = 0;
      state->transform(sub->getX(k), sub->getY(k), &x, &y);
      x0 = std::min(x0, x);
      y0 = std::min(y0, y);
      x1 = std::max(x1, x);
      y1 = std::max(y1, y);
    }
  }
  // Only an opaque fill of a plain colour says what the text above it lies on.
  bool known = state->getFillColorSpace()->getMode() != csPattern && state->getFillOpacity() >= 1.0;
  add_region(state, x0, y0, x1, y1, known);
}

void ReadingDevice::add_unit_square_region(GfxState* state) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (double ux : {0.0, 1.0})
    for (double uy : {0.0, 1.0}) {
      double x = 0, y = 0;
      state->transform(ux, uy, &x, &y);
      x0 = std::min(x0, x);
      y0 = std::min(y0, y);
      x1 = std::max(x1, x);
      y1 = std::max(y1, y);
    }
  add_region(state, x0, y0, x1, y1, false);
}

void ReadingDevice::fill(GfxState* state) {
  add_path_region(state);
  TextOutputDev::fill(state);
}

void ReadingDevice::eoFill(GfxState* state) {
  add_path_region(state);
  TextOutputDev::eoFill(state);
}

void ReadingDevice::drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height,
                                  bool invert, bool interpolate, bool inlineImg) {
  ++m_images;
  add_unit_square_region(state);
  TextOutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
}

void ReadingDevice::drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                              GfxImageColorMap* colorMap, bool interpolate, const int* maskColors,
                              bool inlineImg) {
  ++m_images;
  add_unit_square_region(state);
  TextOutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
}

// Shadings and patterns paint the clipping area (Gfx sets it to the filled path) in
// colours that vary: what lies there is not known. Nothing is drawn.
bool ReadingDevice::paint_unknown(GfxState* state) {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  state->getClipBBox(&x0, &y0, &x1, &y1);
  add_region(state, x0, y0, x1, y1, false);
  return true;
}

bool ReadingDevice::tilingPatternFill(GfxState* state, Gfx*, Catalog*, GfxTilingPattern*, const double*, int,
                                      int, int, int, double, double) {
  return paint_unknown(state);
}
bool ReadingDevice::functionShadedFill(GfxState* state, GfxFunctionShading*) {
  return paint_unknown(state);
}
bool ReadingDevice::axialShadedFill(GfxState* state, GfxAxialShading*, double, double) {
  return paint_unknown(state);
}
bool ReadingDevice::radialShadedFill(GfxState* state, GfxRadialShading*, double, double) {
  return paint_unknown(state);
}
bool ReadingDevice::gouraudTriangleShadedFill(GfxState* state, GfxGouraudTriangleShading*) {
  return paint_unknown(state);
}
bool ReadingDevice::patchMeshShadedFill(GfxState* state, GfxPatchMeshShading*) {
  return paint_unknown(state);
}

bool ReadingDevice::unseen(GfxState* state, double cx, double cy, Unseen& why) const {
  int render = state->getRender();
  bool fills = (render & 3) == 0 || (render & 3) == 2;
  bool strokes = (render & 3) == 1 || (render & 3) == 2;
  // What lies under the glyph's centre: the last area painted there, else the white page.
  const Region* under = nullptr;
  for (auto it = m_regions.rbegin(); it != m_regions.rend() && under == nullptr; ++it)
    if (cx >= it->x0 && cx <= it->x1 && cy >= it->y0 && cy <= it->y1)
      under = &*it;
  bool on_image = under != nullptr && !under->known;
  if (!fills && !strokes) {
    // An OCR layer lies over (or under) the scan it was read from.
    if (on_image || m_expected_images > m_images)
      return false;
    why = Unseen::invisible;
    return true;
  }
  // The size on the page. A Type 3 font's glyphs are scaled by its own font matrix, where
  // other fonts use a thousandth of the size.
  double size = state->getTransformedFontSize();
  if (const auto& font = state->getFont(); font && font->getType() == fontType3) {
    const double* m = font->getFontMatrix();
    size *= std::hypot(m[2], m[3]) / 0.001;
  }
  if (!(size >= kMinVisibleSize)) {
    why = Unseen::tiny;
    return true;
  }
  double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
  state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
  if (!(cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1)) {
    why = Unseen::clipped;
    return true;
  }
  bool fill_seen = fills && state->getFillOpacity() >= kMinVisibleOpacity;
  bool stroke_seen = strokes && state->getStrokeOpacity() >= kMinVisibleOpacity;
  if (!fill_seen && !stroke_seen) {
    why = Unseen::transparent;
    return true;
  }
  if (under == nullptr && m_forgot)
    return false; // what is under it was forgotten: read it
  if (!m_place_images && m_expected_images > 0)
    return false; // the page's images are not placed: it may lie on one
  if (on_image)
    return false;
  double r = under != nullptr ? under->r : 1, g = under != nullptr ? under->g : 1,
         b = under != nullptr ? under->b : 1;
  auto same = [&](GfxColorSpace* space, bool fill) {
    if (space == nullptr || space->getMode() == csPattern)
      return false; // a pattern's colours are not known here
    GfxRGB rgb;
    if (fill)
      state->getFillRGB(&rgb);
    else
      state->getStrokeRGB(&rgb);
    return close_colours(rgb, r, g, b);
  };
  if ((!fill_seen || same(state->getFillColorSpace(), true)) &&
      (!stroke_seen || same(state->getStrokeColorSpace(), false))) {
    why = Unseen::same_colour;
    return true;
  }
  return false;
}

void ReadingDevice::end_run() {
  m_in_run = false;
}

void ReadingDevice::drawChar(GfxState* state, double x, double y, double dx, double dy, double originX,
                             double originY, CharCode c, int nBytes, const Unicode* u, int uLen) {
  // The glyph in device space: its origin, advance, and "up" (a font size, perpendicular to
  // the baseline).
  double ox = 0, oy = 0, ax = 0, ay = 0, ux = 0, uy = 0, tx = 0, ty = 0;
  state->transform(x, y, &ox, &oy);
  state->transformDelta(dx, dy, &ax, &ay);
  state->textTransformDelta(0, state->getFontSize(), &tx, &ty);
  state->transformDelta(tx, ty, &ux, &uy);
  // Outside the page, or larger than it: TextOutputDev drops these (its own test, repeated
  // here to count them).
  if (!(ox + ax >= 0 && ox <= m_width && oy + ay >= 0 && oy <= m_height && ax <= m_width && ay <= m_height)) {
    ++m_off_page;
    end_run();
    TextOutputDev::incCharCount(nBytes);
    return;
  }
  // The centre of the glyph's body (a third of a font size above the baseline).
  double cx = ox + ax / 2 + ux / 3, cy = oy + ay / 2 + uy / 3;
  Unseen why = Unseen::invisible;
  bool space = uLen == 1 && u[0] == 0x20;
  if (!unseen(state, cx, cy, why)) {
    end_run();
    TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, c, nBytes, u, uLen);
    return;
  }
  TextOutputDev::incCharCount(nBytes);
  double size = std::max(std::hypot(ux, uy), 1e-3);
  double gx0 = std::min({ox, ox + ax, ox + ux, ox + ax + ux});
  double gx1 = std::max({ox, ox + ax, ox + ux, ox + ax + ux});
  double gy0 = std::min({oy, oy + ay, oy + uy, oy + ay + uy});
  double gy1 = std::max({oy, oy + ay, oy + uy, oy + ay + uy});
  if (!space)
    ++m_unseen_glyphs;
  // The same run: the same reason, and next to the run's last glyph.
  bool joins = m_in_run && m_runs.back().why == why && std::abs(cy - m_run_base) < m_run_size &&
               cx >= m_runs.back().x0 - 2 * m_run_size && cx <= m_runs.back().x1 + 2 * m_run_size;
  if (!joins) {
    if (space)
      return; // a run never starts with a space
    if (m_runs.size() >= kMaxRunsPerPage) {
      m_in_run = false;
      return;
    }
    m_runs.push_back({why, {}, gx0, gy0, gx1, gy1, 0});
    m_in_run = true;
    m_run_base = cy;
    m_run_size = size;
  }
  UnseenRun& run = m_runs.back();
  for (int i = 0; i < uLen; ++i)
    append_utf8(run.text, u[i]);
  if (!space)
    ++run.glyphs;
  run.x0 = std::min(run.x0, gx0);
  run.y0 = std::min(run.y0, gy0);
  run.x1 = std::max(run.x1, gx1);
  run.y1 = std::max(run.y1, gy1);
}

} // namespace resconv::pdf
