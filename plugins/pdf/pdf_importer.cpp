#include "pdf_format.hpp"
#include <resconv/sdk/utf8.hpp>
#include "pdf_glyph_repair.hpp"
#include "pdf_layout.hpp"
#include "pdf_text_device.hpp"

#include <resconv/sdk/language/text.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

// Poppler's core API (libpoppler-private-dev), not poppler-cpp: poppler-cpp gives font
// names only after scanning every font of the document and resolving each one that is not
// embedded through fontconfig, which made an import twice as slow as pdftotext; the text
// layer's own words carry their font (bench/README.md).
#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <set>
#include <unordered_set>

namespace resconv::pdf {

namespace {

// Poppler reports its errors through one process-wide function; each import collects the
// messages of its own thread, so nothing is printed raw and parallel imports stay apart.
thread_local std::vector<std::string>* t_poppler_messages = nullptr;

void poppler_message(ErrorCategory, Goffset position, const char* message) {
  if (t_poppler_messages == nullptr || t_poppler_messages->size() >= 100 || message == nullptr)
    return;
  t_poppler_messages->push_back(position >= 0 ? "error (" + std::to_string(position) + "): " + message
                                              : std::string("error: ") + message);
}

struct PopplerCapture {
  std::vector<std::string> messages;
  PopplerCapture() {
    // Poppler's global parameters, set up once and kept for the life of the process (an
    // initer counts its users; poppler-cpp, used by the tests, shares the count).
    static const GlobalParamsIniter initer(poppler_message);
    setErrorCallback(poppler_message);
    t_poppler_messages = &messages;
  }
  ~PopplerCapture() { t_poppler_messages = nullptr; }
  PopplerCapture(const PopplerCapture&) = delete;
  PopplerCapture& operator=(const PopplerCapture&) = delete;
  std::string summary() const {
    return messages.empty() ? std::string() : " (Poppler: " + messages.front() + ")";
  }
};

// The names of the fonts an import meets, each stored once; words view them.
class FontNames {
public:
  std::string_view of(const TextFontInfo* info) {
    for (const auto& [known, name] : m_page) // A page uses a few fonts.
      if (known == info)
        return name;
    const GooString* name = info != nullptr ? info->getFontName() : nullptr;
    std::string_view stored = *m_names.insert(name != nullptr ? name->toStr() : std::string()).first;
    m_page.emplace_back(info, stored);
    return stored;
  }
  /// Poppler frees a page's font records with the page: forget them.
  void next_page() { m_page.clear(); }

private:
  std::unordered_set<std::string> m_names; // Node-based: a stored name never moves.
  std::vector<std::pair<const TextFontInfo*, std::string_view>> m_page;
};

// A font with a broken ToUnicode map turns letters into others ("afirmando que" comes out
// as "aiirmando uue"). Latin-script languages almost never double "i" or "u" inside a
// lowercase word; many such words mean the text layer is not to be trusted.
void warn_broken_encoding(const std::vector<Page>& pages, const std::string& name, DiagnosticSink& sink) {
  std::size_t words = 0, odd = 0;
  std::vector<std::string> examples;
  for (const auto& page : pages)
    for (const auto& w : page.words) {
      ++words;
      const std::string& t = w.text;
      if (t.size() < 3 || !std::all_of(t.begin(), t.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80 || c == ',' || c == '.';
          }))
        continue;
      bool roman = t.find_first_not_of("ivxlcdm.,") == std::string::npos;
      if (!roman && (t.find("ii") != std::string::npos || t.find("uu") != std::string::npos)) {
        ++odd;
        if (examples.size() < 3)
          examples.push_back(t);
      }
    }
  if (odd >= 5 && odd * 200 >= words) {
    std::string list;
    for (const auto& e : examples)
      list += (list.empty() ? "\"" : ", \"") + e + "\"";
    sink.warning("pdf.broken-encoding",
                 "the text layer looks garbled (" + std::to_string(odd) + " words such as " + list +
                     "): a font's ToUnicode map is probably broken; check the text against the printed page",
                 {name});
  }
}

// What the glyph repair changed: one note per misread glyph, with its evidence.
void report_repairs(const GlyphRepair& repair, const std::string& name, DiagnosticSink& sink) {
  if (repair.fixes().empty())
    return;
  for (const GlyphFix& f : repair.fixes()) {
    std::string widths;
    if (f.named_width > 0)
      widths = "; advance " + std::to_string(f.width) + "/1000 em, \"" + f.was + "\" has " +
               std::to_string(f.named_width) + "/1000";
    sink.note("pdf.glyph-repair",
              "font " + f.font + ": glyph " + std::to_string(f.code) + " is \"" + f.is + "\" by the font's " +
                  f.evidence + ", not \"" + f.was + "\" as its ToUnicode map says" + widths,
              {name});
  }
  sink.note(
      "pdf.glyph-repair",
      std::to_string(repair.repaired_count()) +
          " character(s) read as the font program names their glyphs, not as the broken ToUnicode map says",
      {name});
}

// Whether a page is in a script whose fonts have no italic face (Arabic, Chinese): their
// emphasis is an oblique synthesised by slanting the glyphs, which only the glyphs' text
// matrices show. Latin and Cyrillic faces name their italics, so their pages need not be
// read again for it.
bool sets_obliques(TextWordList& list) {
  for (int w = 0; w < list.getLength(); ++w) {
    const TextWord* word = list.get(w);
    for (int k = 0; k < word->getLength(); ++k) {
      language::Script script = language::script_of(static_cast<char32_t>(*word->getChar(k)));
      if (script == language::Script::arabic || script == language::Script::han)
        return true;
    }
  }
  return false;
}

// The page as it reads: words are placed in a frame turned so that the page's main text
// runs left to right, top to bottom (a landscape page shown with /Rotate 90, text set
// sideways by its text matrix). `rotation` is Poppler's TextWord rotation (0-3, quarter
// turns clockwise) of the page's main text; width and height are the displayed page's.
struct Frame {
  int rotation = 0;
  double width = 0, height = 0;
  // Device point -> frame point.
  void map(double x, double y, double& u, double& v) const {
    switch (rotation) {
    case 1: // text runs down the page; lines follow leftwards
      u = y;
      v = width - x;
      break;
    case 2: // upside down
      u = width - x;
      v = height - y;
      break;
    case 3: // text runs up the page; lines follow rightwards
      u = height - y;
      v = x;
      break;
    default:
      u = x;
      v = y;
    }
  }
  void map_box(double x0, double y0, double x1, double y1, double& u0, double& v0, double& u1,
               double& v1) const {
    double a = 0, b = 0, c = 0, d = 0;
    map(x0, y0, a, b);
    map(x1, y1, c, d);
    u0 = std::min(a, c);
    u1 = std::max(a, c);
    v0 = std::min(b, d);
    v1 = std::max(b, d);
  }
  double frame_width() const { return rotation % 2 == 1 ? height : width; }
  double frame_height() const { return rotation % 2 == 1 ? width : height; }
};

// The rotation carried by most characters of the page.
int main_rotation(TextWordList& list) {
  std::size_t chars[4] = {0, 0, 0, 0};
  for (int w = 0; w < list.getLength(); ++w) {
    const TextWord* word = list.get(w);
    chars[word->getRotation() & 3] += static_cast<std::size_t>(std::max(word->getLength(), 0));
  }
  return static_cast<int>(std::max_element(chars, chars + 4) - chars);
}

// One Word per run of characters in the same font (a word may change font mid-way: "lit"
// in bold, ";" in roman), using the glyphs' own boxes.
void add_word(const TextWord* word, const Frame& frame, std::vector<Word>& out, FontNames& fonts,
              GlyphRepair& repair) {
  int n = word->getLength();
  double bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;
  word->getBBox(&bx0, &by0, &bx1, &by1);
  if (frame.rotation != 0)
    frame.map_box(bx0, by0, bx1, by1, bx0, by0, bx1, by1);
  // A run of one font may be partly slanted (a synthesised oblique uses the upright face).
  std::vector<bool> slanted(static_cast<std::size_t>(std::max(n, 0)));
  for (int k = 0; k < n; ++k)
    slanted[static_cast<std::size_t>(k)] = repair.slanted(*word, k);
  int start = 0;
  std::string piece;
  for (int i = 1; i <= n; ++i) {
    if (i < n &&
        (word->getFontInfo(i) == word->getFontInfo(start) ||
         fonts.of(word->getFontInfo(i)) == fonts.of(word->getFontInfo(start))) &&
        slanted[static_cast<std::size_t>(i)] == slanted[static_cast<std::size_t>(start)])
      continue;
    piece.clear();
    for (int k = start; k < i; ++k) {
      if (const std::string* right = repair.repaired(*word, k))
        piece += *right;
      else
        append_utf8(piece, *word->getChar(k));
    }
    std::string t = model::collapse_space(piece);
    double x0 = bx0, x1 = bx1, ignore = 0;
    if (frame.rotation == 0) {
      if (start > 0)
        word->getCharBBox(start, &x0, &ignore, &ignore, &ignore);
      if (i < n)
        word->getCharBBox(i - 1, &ignore, &ignore, &x1, &ignore);
    } else if (start > 0 || i < n) {
      // The piece's glyphs, turned into the frame (for a word set along the frame's lines
      // they follow each other along u).
      x0 = INFINITY;
      x1 = -INFINITY;
      for (int k : {start, i - 1}) {
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, u0 = 0, u1 = 0;
        word->getCharBBox(k, &c0, &c1, &c2, &c3);
        frame.map_box(c0, c1, c2, c3, u0, ignore, u1, ignore);
        x0 = std::min(x0, u0);
        x1 = std::max(x1, u1);
      }
    }
    if (!t.empty())
      out.push_back({std::move(t), x0, by0, x1, by1, word->getFontSize(), fonts.of(word->getFontInfo(start)),
                     i == n && word->hasSpaceAfter(), slanted[static_cast<std::size_t>(start)]});
    start = i;
  }
}

// Image XObjects a page's resources hold, also inside its forms (each object looked at
// once; at most kMaxResourceLookups entries, a bound on a hostile resource tree).
constexpr int kMaxResourceLookups = 10000;

bool is_jpx(const Object& filter) {
  if (filter.isName("JPXDecode"))
    return true;
  if (filter.isArray())
    for (int i = 0; i < filter.arrayGetLength(); ++i)
      if (filter.arrayGetNF(i).isName("JPXDecode"))
        return true;
  return false;
}

std::size_t count_images(Dict* resources, std::set<int>& seen, int& budget, bool& jpx) {
  if (resources == nullptr)
    return 0;
  Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict())
    return 0;
  std::size_t n = 0;
  Dict* dict = xobjects.getDict();
  for (int i = 0; i < dict->getLength() && budget > 0; ++i, --budget) {
    const Object& ref = dict->getValNF(i);
    if (ref.isRef() && !seen.insert(ref.getRef().num).second)
      continue;
    Object x = dict->getVal(i);
    if (!x.isStream())
      continue;
    Object subtype = x.streamGetDict()->lookup("Subtype");
    if (subtype.isName("Image")) {
      ++n;
      jpx = jpx || is_jpx(x.streamGetDict()->lookup("Filter"));
    } else if (subtype.isName("Form")) {
      Object inner = x.streamGetDict()->lookup("Resources");
      if (inner.isDict())
        n += count_images(inner.getDict(), seen, budget, jpx);
    }
  }
  return n;
}

// The pages the page tree really holds (for a /Count that Poppler refuses), counted up to
// `most`; every node visited once.
long count_tree_pages(const Object& node, std::set<int>& seen, long most, int depth) {
  if (!node.isDict() || depth > 1000)
    return 0;
  Object kids = node.dictLookup("Kids");
  if (!kids.isArray())
    return node.dictLookup("Type").isName("Page") ? 1 : 0;
  long n = 0;
  for (int i = 0; i < kids.arrayGetLength() && n < most; ++i) {
    const Object& ref = kids.arrayGetNF(i);
    if (ref.isRef() && !seen.insert(ref.getRef().num).second)
      continue;
    n += count_tree_pages(kids.arrayGet(i, 0), seen, most - n, depth + 1);
  }
  return n;
}

std::string quoted_excerpt(const std::string& text) {
  // Reports quote at most this many bytes of hidden text: enough to recognise it.
  constexpr std::size_t kExcerpt = 80;
  std::string t = model::collapse_space(text);
  if (t.size() > kExcerpt) {
    std::size_t cut = kExcerpt;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80)
      --cut; // not inside a UTF-8 sequence
    t = t.substr(0, cut) + "...";
  }
  return "\"" + t + "\"";
}

std::string point(double v) {
  return std::to_string(std::lround(v));
}

} // namespace

Probe PdfImporter::do_probe(const ProbeInput& input) const {
  // "%PDF-" may follow a little junk; readers accept it within the first kilobyte.
  return input.head.substr(0, 1024).find("%PDF-") != std::string_view::npos ? Probe::yes : Probe::no;
}

model::Document PdfImporter::do_import(const InputSource& input, const Options& options,
                                       DiagnosticSink& sink) {
  std::string_view bytes = input.bytes();
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    throw ConversionError("pdf.not-pdf", "not a PDF file (no %PDF- header)");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ConversionError("pdf.too-large", "PDF larger than 2 GiB");
  // Every complete PDF ends its last revision with %%EOF. Objects without one: the file
  // was cut short, and Poppler's repair would read only the part that is left.
  if (bytes.rfind("%%EOF") == std::string_view::npos && bytes.find("endobj") != std::string_view::npos)
    throw ConversionError("pdf.truncated", "the PDF is truncated (no %%EOF end marker in its " +
                                               std::to_string(bytes.size()) + " bytes)");
  PopplerCapture capture;
  // The stream reads the input's bytes in place; the document owns the stream.
  auto doc = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted)
      throw ConversionError("pdf.encrypted", "the PDF is encrypted and needs a password");
    throw ConversionError("pdf.corrupt", "cannot read the PDF: damaged or truncated" + capture.summary());
  }
  int count = doc->getNumPages();
  if (count <= 0) {
    // Poppler gives no pages when the page tree's /Count is absurd (more pages than the
    // file has objects): say what the tree really holds.
    std::set<int> seen;
    Object root = doc->getXRef()->getCatalog();
    long held = root.isDict() ? count_tree_pages(root.dictLookup("Pages"), seen, 1000000, 0) : 0;
    if (held > 0)
      throw ConversionError("pdf.corrupt", "the page tree is damaged: its page count does not match the " +
                                               std::to_string(held) + " page(s) it holds" +
                                               capture.summary());
    throw ConversionError("pdf.corrupt", "the PDF has no pages" + capture.summary());
  }
  // The descriptor bounds max-pages (at least 1); Options::parse has checked it.
  std::int64_t max_pages = options.has("max-pages") ? options.get_int("max-pages") : 2000;
  if (count > max_pages)
    throw ConversionError("pdf.too-many-pages", "the PDF has " + std::to_string(count) +
                                                    " pages, more than max-pages (" +
                                                    std::to_string(max_pages) + ")");

  FontNames fonts; // Outlives `pages`, whose words view the names.
  GlyphRepair repair;
  std::vector<Page> pages;
  std::size_t words = 0, images = 0, unseen = 0, off_page = 0;
  std::vector<int> empty_pages, off_pages;
  // Hidden text is reported run by run, up to this many runs a document; the rest is
  // counted in one more line.
  constexpr std::size_t kMaxHiddenReports = 20;
  std::size_t hidden_reports = 0, hidden_more = 0, hidden_more_glyphs = 0;
  for (int i = 0; i < count; ++i) {
    ::Page* p = doc->getPage(i + 1);
    Page page;
    page.number = i + 1;
    if (p == nullptr) {
      sink.warning("pdf.page", "page " + std::to_string(i + 1) + " cannot be read",
                   {input.name(), i + 1, 0, -1});
      pages.push_back(page);
      continue;
    }
    // Reading order and word building as poppler-cpp's text_list(): no physical layout,
    // 72 dpi, the page's own rotation (as pdftotext); the device leaves out what a reader
    // cannot see.
    ReadingDevice text;
    std::set<int> seen;
    int budget = kMaxResourceLookups;
    bool jpx = false;
    std::size_t held_images = count_images(p->getResourceDict(), seen, budget, jpx);
    text.expect_images(held_images, !jpx);
    doc->displayPage(&text, i + 1, 72, 72, 0, false, false, false);
    // A page that uses a font with misread glyphs is read once more for its glyph codes.
    std::unique_ptr<TextWordList> list = text.makeWordList();
    bool misread = repair.examine(doc->getXRef(), p->getResourceDict());
    bool slants = list && sets_obliques(*list);
    if (misread || slants) {
      std::size_t said_before = capture.messages.size(); // Poppler says it all once, above
      repair.record(*doc, i + 1, slants);
      capture.messages.resize(said_before);
    } else {
      repair.clear_page();
    }
    const PDFRectangle* crop = p->getCropBox();
    Frame frame;
    bool turned = p->getRotate() == 90 || p->getRotate() == 270;
    frame.width = turned ? crop->y2 - crop->y1 : crop->x2 - crop->x1;
    frame.height = turned ? crop->x2 - crop->x1 : crop->y2 - crop->y1;
    if (list) {
      frame.rotation = main_rotation(*list);
      for (int w = 0; w < list->getLength(); ++w)
        add_word(list->get(w), frame, page.words, fonts, repair);
    }
    page.width = frame.frame_width();
    page.height = frame.frame_height();
    fonts.next_page();
    images += std::max(text.images(), held_images);
    unseen += text.unseen_glyphs();
    if (text.off_page_glyphs() > 0) {
      off_page += text.off_page_glyphs();
      off_pages.push_back(i + 1);
    }
    for (const UnseenRun& run : text.unseen()) {
      if (hidden_reports == kMaxHiddenReports) {
        ++hidden_more;
        hidden_more_glyphs += run.glyphs;
        continue;
      }
      ++hidden_reports;
      sink.warning("pdf.hidden-text",
                   std::string("hidden text left out (") + describe(run.why) +
                       "): " + quoted_excerpt(run.text) + ", box " + point(run.x0) + " " + point(run.y0) +
                       " " + point(run.x1) + " " + point(run.y1) + " (points from the top left)",
                   {input.name(), i + 1, 0, -1});
    }
    if (page.words.empty())
      empty_pages.push_back(i + 1);
    words += page.words.size();
    pages.push_back(std::move(page));
  }
  if (hidden_more > 0)
    sink.warning("pdf.hidden-text",
                 std::to_string(hidden_more) + " more runs of hidden text (" +
                     std::to_string(hidden_more_glyphs) + " glyphs) left out",
                 {input.name()});
  for (const auto& m : capture.messages)
    sink.note("pdf.poppler", m, {input.name()});
  std::string pages_text = "the " + std::to_string(count) + " page(s)";
  if (words == 0) {
    if (images > 0)
      throw ConversionError("pdf.no-text-layer",
                            "no text layer (scanned?): " + pages_text + " hold only images; run OCR first");
    if (unseen == 0 && off_page == 0)
      throw ConversionError("pdf.no-text", pages_text + " hold no text and no images: nothing to read");
    std::string why;
    if (off_page > 0)
      why = std::to_string(off_page) + " glyph(s) placed outside the page (or larger than it)";
    if (unseen > 0)
      why += (why.empty() ? "" : " and ") + std::to_string(unseen) + " hidden glyph(s) (see pdf.hidden-text)";
    throw ConversionError("pdf.no-visible-text",
                          "no text a reader can see: " + pages_text + " hold only " + why);
  }
  if (off_page > 0)
    sink.warning(
        "pdf.off-page",
        std::to_string(off_page) + " glyph(s) placed outside the page (or larger than it) left out, on " +
            std::to_string(off_pages.size()) + " page(s) from page " + std::to_string(off_pages.front()),
        {input.name(), off_pages.front(), 0, -1});
  for (int n : empty_pages)
    sink.warning("pdf.page-no-text", "page " + std::to_string(n) + " has no text layer",
                 {input.name(), n, 0, -1});

  report_repairs(repair, input.name(), sink);
  warn_broken_encoding(pages, input.name(), sink);

  recognize::RecognizeOptions settings;
  settings.source_name = input.name();
  settings.language = options.has("language") ? options.get_string("language") : "auto";
  settings.link_references = !options.has("link-references") || options.get_bool("link-references");
  settings.infer_plain_footnote_calls = false; // Calls are superscripts in a PDF.
  settings.deliberation_shapes = options.has("shapes") && options.get_bool("shapes");
  bool layout_notes = options.has("layout") && options.get_bool("layout");
  // Blocks from the layout, then the recogniser; its diagnostics are held until the
  // reading is chosen.
  auto read = [&](bool each_line, std::vector<recognize::Block>& blocks, DiagnosticCollector& said) {
    LayoutReport report;
    report.enabled = layout_notes;
    blocks = analyse(pages, input.name(), report, each_line);
    for (auto& n : report.notes)
      said.report(std::move(n));
    return recognize::recognize(blocks, settings, said);
  };
  auto structured = [](const model::Document& d) { return model::has_structure(d); };
  std::vector<recognize::Block> blocks;
  DiagnosticCollector said;
  model::Document document = read(false, blocks, said);
  if (!structured(document)) {
    // Single-spaced pages without paragraph spacing or indents run all their lines into one
    // block: read each line as a paragraph instead (only here, where the document would
    // otherwise be refused, so no document that reads is read differently).
    std::vector<recognize::Block> line_blocks;
    DiagnosticCollector line_said;
    model::Document by_line = read(true, line_blocks, line_said);
    if (structured(by_line)) {
      document = std::move(by_line);
      blocks = std::move(line_blocks);
      said = std::move(line_said);
      said.warning("pdf.no-paragraph-spacing",
                   "the paragraphs are set without spacing or indents: each line is read as a paragraph; "
                   "check paragraphs that run over several lines",
                   {input.name()});
    }
  }
  for (const auto& d : said.diagnostics())
    sink.report(d);
  if (!structured(document))
    throw ConversionError("pdf.no-structure", "no resolution structure found in the text of the PDF");
  bool any_formula = document.formula.has_value() ||
                     std::any_of(document.components.begin(), document.components.end(),
                                 [](const model::Document& c) { return c.formula.has_value(); });
  if (!any_formula)
    sink.warning("pdf.no-formula", "no formula (\"The General Assembly,\") found; structure is guessed",
                 {input.name()});
  // Several formulas in a publication no body profile split into deliberations.
  if (document.formula && !document.is_collection()) {
    int formulas = 0;
    for (const auto& b : blocks)
      if (!b.footnote && model::collapse_space(model::plain_text(b.content)) == *document.formula)
        ++formulas;
    if (formulas > 1)
      sink.warning("pdf.several-documents",
                   std::to_string(formulas) +
                       " formulas in one publication, but no body profile reads the headings of its "
                       "deliberations: the first is structured, the others follow as its paragraphs",
                   {input.name()});
  }
  return document;
}

} // namespace resconv::pdf
