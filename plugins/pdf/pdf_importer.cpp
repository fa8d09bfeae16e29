#include "pdf_format.hpp"
#include "pdf_layout.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

// Poppler's core API (libpoppler-private-dev), not poppler-cpp: poppler-cpp gives font
// names only after scanning every font of the document and resolving each one that is not
// embedded through fontconfig, which made an import twice as slow as pdftotext; the text
// layer's own words carry their font (bench/README.md).
#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <climits>
#include <memory>
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

void append_utf8(std::string& out, Unicode c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

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

// One Word per run of characters in the same font (a word may change font mid-way: "lit"
// in bold, ";" in roman), using the glyphs' own boxes.
void add_word(const TextWord* word, std::vector<Word>& out, FontNames& fonts) {
  int n = word->getLength();
  double bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;
  word->getBBox(&bx0, &by0, &bx1, &by1);
  int start = 0;
  std::string piece;
  for (int i = 1; i <= n; ++i) {
    if (i < n && (word->getFontInfo(i) == word->getFontInfo(start) ||
                  fonts.of(word->getFontInfo(i)) == fonts.of(word->getFontInfo(start))))
      continue;
    piece.clear();
    for (int k = start; k < i; ++k)
      append_utf8(piece, *word->getChar(k));
    std::string t = model::collapse_space(piece);
    double x0 = bx0, x1 = bx1, ignore = 0;
    if (start > 0)
      word->getCharBBox(start, &x0, &ignore, &ignore, &ignore);
    if (i < n)
      word->getCharBBox(i - 1, &ignore, &ignore, &x1, &ignore);
    if (!t.empty())
      out.push_back({std::move(t), x0, by0, x1, by1, word->getFontSize(), fonts.of(word->getFontInfo(start)),
                     i == n && word->hasSpaceAfter()});
    start = i;
  }
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
  if (count <= 0)
    throw ConversionError("pdf.corrupt", "the PDF has no pages" + capture.summary());
  std::int64_t max_pages = limit_option(options, "max-pages", 2000, 1, INT64_MAX, "pdf.option");
  if (count > max_pages)
    throw ConversionError("pdf.too-many-pages", "the PDF has " + std::to_string(count) +
                                                    " pages, more than max-pages (" +
                                                    std::to_string(max_pages) + ")");

  FontNames fonts; // Outlives `pages`, whose words view the names.
  std::vector<Page> pages;
  std::size_t words = 0;
  std::vector<int> empty_pages;
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
    const PDFRectangle* crop = p->getCropBox();
    page.width = crop->x2 - crop->x1;
    page.height = crop->y2 - crop->y1;
    // Reading order and word building as poppler-cpp's text_list(): no physical layout,
    // 72 dpi, no rotation.
    TextOutputDev text(nullptr, false, 0, false, false);
    doc->displayPage(&text, i + 1, 72, 72, 0, false, false, false);
    if (std::unique_ptr<TextWordList> list = text.makeWordList())
      for (int w = 0; w < list->getLength(); ++w)
        add_word(list->get(w), page.words, fonts);
    fonts.next_page();
    if (page.words.empty())
      empty_pages.push_back(i + 1);
    words += page.words.size();
    pages.push_back(std::move(page));
  }
  for (const auto& m : capture.messages)
    sink.note("pdf.poppler", m, {input.name()});
  if (words == 0)
    throw ConversionError("pdf.no-text-layer", "no text layer (scanned?): the " + std::to_string(count) +
                                                   " page(s) hold only images; run OCR first");
  for (int n : empty_pages)
    sink.warning("pdf.page-no-text", "page " + std::to_string(n) + " has no text layer",
                 {input.name(), n, 0, -1});

  warn_broken_encoding(pages, input.name(), sink);

  LayoutReport report;
  report.enabled = options.has("layout") && options.get_bool("layout");
  std::vector<recognize::Block> blocks = analyse(pages, input.name(), report);
  for (auto& n : report.notes)
    sink.report(std::move(n));

  recognize::RecognizeOptions settings;
  settings.source_name = input.name();
  settings.language = options.has("language") ? options.get_string("language") : "auto";
  settings.link_references = !options.has("link-references") || options.get_bool("link-references");
  settings.infer_plain_footnote_calls = false; // Calls are superscripts in a PDF.
  model::Document document = recognize::recognize(blocks, settings, sink);

  if (document.preamble.empty() && document.operative.empty() && document.annexes.empty())
    throw ConversionError("pdf.no-structure", "no resolution structure found in the text of the PDF");
  if (!document.formula)
    sink.warning("pdf.no-formula", "no formula (\"The General Assembly,\") found; structure is guessed",
                 {input.name()});
  // One publication holding several deliberations (UNFCCC decisions): the model holds one.
  if (document.formula) {
    int formulas = 0;
    for (const auto& b : blocks)
      if (!b.footnote && model::collapse_space(model::plain_text(b.content)) == *document.formula)
        ++formulas;
    if (formulas > 1)
      sink.warning("pdf.several-documents",
                   std::to_string(formulas) +
                       " deliberations in one publication; the first is structured, the "
                       "others follow as its paragraphs",
                   {input.name()});
  }
  return document;
}

} // namespace resconv::pdf
