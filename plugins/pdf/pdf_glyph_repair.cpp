// Misread glyphs: the font's ToUnicode map against the font program's own cmap and glyph
// names (pdf_glyph_repair.hpp).
#include "pdf_glyph_repair.hpp"

#include <resconv/sdk/utf8.hpp>

#include <poppler/GfxFont.h>
#include <poppler/GfxState.h>
#include <poppler/OutputDev.h>
#include <poppler/PDFDoc.h>
#include <poppler/fofi/FoFiTrueType.h>
#include <poppler/goo/gmem.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cmath>
#include <optional>

namespace resconv::pdf {

namespace {

// A form may hold forms; deeper nesting than this is a hostile file, not a document.
constexpr int kMaxFormDepth = 8;
// Resource dictionaries and fonts looked at per page, a bound on a hostile resource tree.
constexpr int kMaxLookups = 2000;
// Font programs read per document: UN documents use a dozen fonts; past this many a file
// is built to make the reading slow, and the rest of its fonts are taken as their maps say.
constexpr std::size_t kMaxFontsExamined = 256;
// The two readings of a page compute a glyph's origin by the same arithmetic; this much
// (points) absorbs rounding only, far less than the narrowest glyph.
constexpr double kSamePlace = 0.05;
// A word's characters share its baseline; a glyph recorded this far (points) above or
// below it belongs to another line.
constexpr double kSameLine = 1.0;
// Code points a Unicode cmap is read for: the Basic Multilingual Plane, where every letter
// of the six official languages' scripts lies.
constexpr unsigned kLastCodePoint = 0xFFFF;
// A glyph whose "up" leans from the perpendicular of its baseline by more than this (the
// cosine of the angle between them) is drawn slanted: an oblique synthesised for a font
// with no italic face (Cairo and Word shear by 0.2, a cosine of about 0.2); upright text
// leans by rounding only.
constexpr double kMinSlant = 0.1;

std::string utf8_of(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The text a code point stands for as letters: a ligature ("ﬁ", U+FB01) as its letters.
std::optional<std::string> letters_of(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status))
    return std::nullopt;
  icu::UnicodeString s = nfkc->normalize(icu::UnicodeString(c), status);
  if (U_FAILURE(status) || s.isEmpty())
    return std::nullopt;
  for (int32_t i = 0; i < s.length();) {
    UChar32 l = s.char32At(i);
    if (!u_isalpha(l) && u_getCombiningClass(l) == 0)
      return std::nullopt;
    i += U16_LENGTH(l);
  }
  return utf8_of(s);
}

// The font program's Unicode cmap: (3,10) UCS-4, (3,1) BMP, or a Unicode-platform one.
int unicode_cmap(const FoFiTrueType& tt) {
  for (auto [platform, encoding] : {std::pair{3, 10}, std::pair{3, 1}})
    if (int i = tt.findCmap(platform, encoding); i >= 0)
      return i;
  for (int i = 0; i < tt.getNumCmaps(); ++i)
    if (tt.getCmapPlatform(i) == 0)
      return i;
  return -1;
}

// Glyph names that spell the letters of a glyph with no cmap entry: the single letters,
// and the ligatures of f (named by the letters they join, with or without "_", as the
// Adobe glyph naming rules write them). Ligatures are not in a cmap: a layout engine
// reaches them through the font's substitutions.
std::vector<std::string> spelled_names() {
  std::vector<std::string> names;
  for (char c = 'a'; c <= 'z'; ++c) {
    names.emplace_back(1, c);
    names.emplace_back(1, static_cast<char>(c - 'a' + 'A'));
  }
  for (const char* l : {"ff", "fi", "fl", "ffi", "ffl", "f_f", "f_i", "f_l", "f_f_i", "f_f_l"})
    names.emplace_back(l);
  return names;
}

std::string letters_of_name(const std::string& name) {
  std::string out;
  for (char c : name)
    if (c != '_')
      out += c;
  return out;
}

// A glyph's advance in thousandths of the font size, and its text by the ToUnicode map.
struct Reading {
  int width = 0;
  Unicode first = 0; ///< The first character of its text.
  int length = 0;    ///< The characters of its text.
};

std::optional<Reading> read_code(const GfxFont& font, unsigned code, bool two_bytes) {
  char bytes[2] = {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  CharCode read = 0;
  const Unicode* u = nullptr;
  int n = 0;
  double dx = 0, dy = 0, ox = 0, oy = 0;
  int used = two_bytes ? font.getNextChar(bytes, 2, &read, &u, &n, &dx, &dy, &ox, &oy)
                       : font.getNextChar(bytes + 1, 1, &read, &u, &n, &dx, &dy, &ox, &oy);
  if (used <= 0 || read != code || u == nullptr || n <= 0)
    return std::nullopt;
  Reading r;
  r.width = static_cast<int>(std::lround(dx * 1000));
  r.first = u[0];
  r.length = n;
  return r;
}

// The second reading of a page: where each glyph of a repaired font is drawn, and its code.
class CodeRecorder final : public OutputDev {
public:
  CodeRecorder(const std::vector<std::unique_ptr<GlyphRepair::Font>>& fonts,
               std::multimap<long, GlyphRepair::Drawn>& drawn, std::multimap<long, double>* slanted)
      : m_fonts(fonts), m_drawn(drawn), m_slanted(slanted) {}
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return false; }
  void drawChar(GfxState* state, double x, double y, double, double, double, double, CharCode c, int,
                const Unicode*, int) override {
    const std::shared_ptr<GfxFont>& font = state->getFont();
    if (!font)
      return;
    if (m_slanted != nullptr && leans(state)) {
      double ox = 0, oy = 0;
      state->transform(x, y, &ox, &oy);
      m_slanted->emplace(std::lround(ox * 100), oy);
    }
    if (m_font == nullptr || m_font_id != *font->getID()) {
      m_font = nullptr;
      m_font_id = *font->getID();
      for (const auto& f : m_fonts)
        if (f->id == m_font_id)
          m_font = f.get();
    }
    if (m_font == nullptr || m_font->fixed.count(c) == 0)
      return;
    double dx = 0, dy = 0;
    state->transform(x, y, &dx, &dy);
    m_drawn.emplace(std::lround(dx * 100), GlyphRepair::Drawn{dx, dy, m_font, c});
  }

private:
  // The text matrix and the CTM together: the glyph's baseline and "up" on the page.
  static bool leans(const GfxState* state) {
    const double* t = state->getTextMat();
    const double* m = state->getCTM();
    double bx = t[0] * m[0] + t[1] * m[2], by = t[0] * m[1] + t[1] * m[3];
    double ux = t[2] * m[0] + t[3] * m[2], uy = t[2] * m[1] + t[3] * m[3];
    double lengths = std::hypot(bx, by) * std::hypot(ux, uy);
    return lengths > 0 && std::abs(bx * ux + by * uy) / lengths > kMinSlant;
  }

  const std::vector<std::unique_ptr<GlyphRepair::Font>>& m_fonts;
  std::multimap<long, GlyphRepair::Drawn>& m_drawn;
  std::multimap<long, double>* m_slanted;
  const GlyphRepair::Font* m_font = nullptr;
  Ref m_font_id = Ref::INVALID();
};

} // namespace

GlyphRepair::GlyphRepair() = default;
GlyphRepair::~GlyphRepair() = default;

bool GlyphRepair::examine(XRef* xref, Dict* resources) {
  bool uses_fixed = false;
  int budget = kMaxLookups;
  walk(xref, resources, 0, budget, uses_fixed);
  return uses_fixed;
}

void GlyphRepair::walk(XRef* xref, Dict* resources, int depth, int& budget, bool& uses_fixed) {
  if (resources == nullptr || depth > kMaxFormDepth)
    return;
  Object fonts = resources->lookup("Font");
  if (fonts.isDict()) {
    Dict* dict = fonts.getDict();
    for (int i = 0; i < dict->getLength() && budget > 0; ++i, --budget) {
      const Object& ref = dict->getValNF(i);
      if (!ref.isRef())
        continue; // a font written in place has no identity to find its glyphs by
      Ref r = ref.getRef();
      if (m_seen.size() < kMaxFontsExamined && m_seen.insert({r.num, r.gen}).second) {
        Object font = dict->getVal(i);
        if (font.isDict())
          examine_font(xref, dict->getKey(i), r, font.getDict());
      }
      for (const auto& f : m_fonts)
        uses_fixed = uses_fixed || f->id == r;
    }
  }
  Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict())
    return;
  Dict* dict = xobjects.getDict();
  for (int i = 0; i < dict->getLength() && budget > 0; ++i, --budget) {
    Object x = dict->getVal(i);
    if (!x.isStream() || !x.streamGetDict()->lookup("Subtype").isName("Form"))
      continue;
    Object inner = x.streamGetDict()->lookup("Resources");
    if (inner.isDict())
      walk(xref, inner.getDict(), depth + 1, budget, uses_fixed);
  }
}

void GlyphRepair::examine_font(XRef* xref, const char* tag, Ref ref, Dict* dict) {
  std::unique_ptr<GfxFont> font = GfxFont::makeFont(xref, tag, ref, dict);
  if (!font || !font->isOk() || !font->hasToUnicodeCMap())
    return;
  GfxFontType type = font->getType();
  bool cid = type == fontCIDType2 || type == fontCIDType2OT;
  if (!cid && type != fontTrueType && type != fontTrueTypeOT)
    return; // only TrueType programs carry a cmap Poppler can read
  if (cid) {
    // Codes are CIDs only with an Identity CMap (what every producer writes for
    // embedded TrueType).
    Object encoding = dict->lookup("Encoding");
    if (!encoding.isName("Identity-H") && !encoding.isName("Identity-V"))
      return;
  }
  std::optional<std::vector<unsigned char>> program = font->readEmbFontFile(xref);
  if (!program || program->empty())
    return;
  std::unique_ptr<FoFiTrueType> tt = FoFiTrueType::make(program->data(), static_cast<int>(program->size()));
  if (!tt || tt->isOpenTypeCFF())
    return;

  // Glyph -> the code points the font program's cmap gives it.
  std::map<int, std::vector<UChar32>> named;
  if (int cmap = unicode_cmap(*tt); cmap >= 0)
    for (unsigned u = 1; u <= kLastCodePoint; ++u)
      if (int gid = tt->mapCodeToGID(cmap, u); gid > 0)
        named[gid].push_back(static_cast<UChar32>(u));
  // Glyph -> the letters its name spells, for glyphs the cmap does not reach.
  std::map<int, std::string> spelled;
  for (const auto& name : spelled_names())
    if (int gid = tt->mapNameToGID(name.c_str()); gid > 0 && named.count(gid) == 0)
      spelled.emplace(gid, letters_of_name(name));
  if (named.empty() && spelled.empty())
    return;

  // Code -> glyph.
  std::map<unsigned, int> glyph_of;
  if (cid) {
    const auto* cf = static_cast<const GfxCIDFont*>(font.get());
    const int* map = cf->getCIDToGID();
    if (map != nullptr) {
      for (unsigned c = 0; c < cf->getCIDToGIDLen(); ++c)
        if (map[c] > 0)
          glyph_of[c] = map[c];
    } else {
      for (const auto& [gid, _] : named)
        glyph_of[static_cast<unsigned>(gid)] = gid;
      for (const auto& [gid, _] : spelled)
        glyph_of[static_cast<unsigned>(gid)] = gid;
    }
  } else {
    int* map = static_cast<Gfx8BitFont*>(font.get())->getCodeToGIDMap(tt.get());
    if (map != nullptr) {
      for (unsigned c = 0; c < 256; ++c)
        if (map[c] > 0)
          glyph_of[c] = map[c];
      gfree(map);
    }
  }
  std::map<int, unsigned> code_of; // glyph -> its first code, for widths
  for (const auto& [code, gid] : glyph_of)
    code_of.emplace(gid, code);

  auto out = std::make_unique<Font>();
  out->id = ref;
  std::string font_name = font->getName() ? *font->getName() : std::string(tag);
  for (const auto& [code, gid] : glyph_of) {
    std::optional<Reading> reading = read_code(*font, code, cid);
    // Only a single letter the map names is judged: a map that gives punctuation, a space
    // or several characters for a glyph is left as it is.
    if (!reading || reading->length != 1 || !u_isalpha(static_cast<UChar32>(reading->first)))
      continue;
    auto claimed = static_cast<UChar32>(reading->first);
    std::optional<std::string> right;
    std::string evidence;
    if (auto it = named.find(gid); it != named.end()) {
      bool agrees = false;
      for (UChar32 u : it->second)
        agrees = agrees || u == claimed;
      if (agrees)
        continue;
      for (UChar32 u : it->second)
        if (!right)
          right = letters_of(u);
      evidence = "cmap";
    } else if (auto sp = spelled.find(gid); sp != spelled.end()) {
      std::string claimed_text;
      append_utf8(claimed_text, static_cast<char32_t>(claimed));
      if (claimed_text == sp->second)
        continue;
      right = sp->second;
      evidence = "glyph name";
    }
    if (!right)
      continue;
    GlyphFix fix;
    fix.font = font_name;
    fix.code = code;
    append_utf8(fix.was, static_cast<char32_t>(claimed));
    fix.is = *right;
    fix.evidence = evidence;
    fix.width = reading->width;
    // The width of the glyph the map's letter really has in this font.
    if (int cmap = unicode_cmap(*tt); cmap >= 0)
      if (int g = tt->mapCodeToGID(cmap, static_cast<unsigned>(claimed)); g > 0)
        if (auto c = code_of.find(g); c != code_of.end())
          if (auto r = read_code(*font, c->second, cid))
            fix.named_width = r->width;
    out->fixed[code] = {static_cast<Unicode>(claimed), *right};
    m_fixes.push_back(std::move(fix));
  }
  if (!out->fixed.empty())
    m_fonts.push_back(std::move(out));
}

void GlyphRepair::record(PDFDoc& doc, int page, bool slants) {
  clear_page();
  CodeRecorder recorder(m_fonts, m_drawn, slants ? &m_slanted : nullptr);
  doc.displayPage(&recorder, page, 72, 72, 0, false, false, false);
}

void GlyphRepair::clear_page() {
  m_drawn.clear();
  m_slanted.clear();
  m_infos.clear();
}

const GlyphRepair::Font* GlyphRepair::font_of(const TextFontInfo* info) {
  if (info == nullptr)
    return nullptr;
  for (const auto& [known, font] : m_infos)
    if (known == info)
      return font;
  const Font* found = nullptr;
  for (const auto& f : m_fonts)
    if (info->matches(&f->id))
      found = f.get();
  m_infos.emplace_back(info, found);
  return found;
}

bool GlyphRepair::slanted(const TextWord& word, int k) const {
  if (m_slanted.empty())
    return false;
  double edge = word.getEdge(k), base = word.getBaseline();
  bool across = word.getRotation() % 2 == 0;
  double x = across ? edge : base, y = across ? base : edge;
  auto from = m_slanted.lower_bound(std::lround((x - kSamePlace) * 100));
  auto to = m_slanted.upper_bound(std::lround((x + kSamePlace) * 100));
  for (auto it = from; it != to; ++it)
    if (std::abs(it->second - y) <= kSameLine)
      return true;
  return false;
}

const std::string* GlyphRepair::repaired(const TextWord& word, int k) {
  if (m_drawn.empty())
    return nullptr;
  const Font* font = font_of(word.getFontInfo(k));
  if (font == nullptr)
    return nullptr;
  Unicode read = *word.getChar(k);
  double edge = word.getEdge(k), base = word.getBaseline();
  bool across = word.getRotation() % 2 == 0; // text runs along x
  double x = across ? edge : base, y = across ? base : edge;
  auto from = m_drawn.lower_bound(std::lround((x - kSamePlace) * 100));
  auto to = m_drawn.upper_bound(std::lround((x + kSamePlace) * 100));
  for (auto it = from; it != to; ++it) {
    const Drawn& d = it->second;
    if (d.font != font || std::abs(d.x - x) > kSamePlace || std::abs(d.y - y) > kSameLine)
      continue;
    auto fix = font->fixed.find(d.code);
    if (fix == font->fixed.end() || fix->second.first != read)
      continue;
    ++m_repaired;
    return &fix->second.second;
  }
  return nullptr;
}

} // namespace resconv::pdf
