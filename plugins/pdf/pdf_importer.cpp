#include "pdf_format.hpp"
#include "pdf_layout.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

namespace resconv::pdf {

namespace {

// Poppler reports its errors through one process-wide function; each import collects the
// messages of its own thread, so nothing is printed raw and parallel imports stay apart.
thread_local std::vector<std::string>* t_poppler_messages = nullptr;

void poppler_message(const std::string& message, void*) {
  if (t_poppler_messages != nullptr && t_poppler_messages->size() < 100)
    t_poppler_messages->push_back(message);
}

struct PopplerCapture {
  std::vector<std::string> messages;
  PopplerCapture() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(poppler_message, nullptr); });
    t_poppler_messages = &messages;
  }
  ~PopplerCapture() { t_poppler_messages = nullptr; }
  PopplerCapture(const PopplerCapture&) = delete;
  PopplerCapture& operator=(const PopplerCapture&) = delete;
  std::string summary() const {
    return messages.empty() ? std::string() : " (Poppler: " + messages.front() + ")";
  }
};

// UTF-16 (poppler::ustring) to UTF-8. poppler's own to_utf8() opens an iconv converter on
// every call, which cost more than all of the layout analysis; an unpaired surrogate
// becomes U+FFFD.
void append_utf8(std::string& out, const poppler::ustring& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < to && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(s[i + 1]) - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
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
}

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

// One Poppler word, split where its glyphs change font ("lit" in bold, ";" in roman), using
// the glyphs' own boxes.
void add_word(const poppler::text_box& box, std::vector<Word>& out) {
  poppler::ustring text = box.text();
  auto b = box.bbox();
  std::size_t n = text.size();
  // One piece per run of glyphs in the same font (a word may change font mid-way).
  std::vector<std::string> fonts(n);
  for (std::size_t i = 0; i < n; ++i)
    fonts[i] = box.get_font_name(static_cast<int>(i));
  std::size_t start = 0;
  std::string piece;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i < n && fonts[i] == fonts[start])
      continue;
    piece.clear();
    append_utf8(piece, text, start, i);
    std::string t = model::collapse_space(piece);
    double x0 = start == 0 ? b.x() : box.char_bbox(start).x();
    double x1 = i == n ? b.right() : box.char_bbox(i - 1).right();
    if (!t.empty())
      out.push_back(
          {t, x0, b.y(), x1, b.bottom(), box.get_font_size(), fonts[start], i == n && box.has_space_after()});
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
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc)
    throw ConversionError("pdf.corrupt", "cannot read the PDF: damaged or truncated" + capture.summary());
  if (doc->is_locked())
    throw ConversionError("pdf.encrypted", "the PDF is encrypted and needs a password");
  int count = doc->pages();
  if (count <= 0)
    throw ConversionError("pdf.corrupt", "the PDF has no pages" + capture.summary());
  std::int64_t max_pages = options.has("max-pages") ? options.get_int("max-pages") : 2000;
  if (max_pages < 1)
    throw ConversionError("pdf.option", "max-pages must be at least 1");
  if (count > max_pages)
    throw ConversionError("pdf.too-many-pages", "the PDF has " + std::to_string(count) +
                                                    " pages, more than max-pages (" +
                                                    std::to_string(max_pages) + ")");

  std::vector<Page> pages;
  std::size_t words = 0;
  std::vector<int> empty_pages;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    Page page;
    page.number = i + 1;
    if (!p) {
      sink.warning("pdf.page", "page " + std::to_string(i + 1) + " cannot be read",
                   {input.name(), i + 1, 0, -1});
      pages.push_back(page);
      continue;
    }
    auto rect = p->page_rect();
    page.width = rect.width();
    page.height = rect.height();
    for (auto& box : p->text_list(poppler::page::text_list_include_font))
      add_word(box, page.words);
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
