// Model -> PDF in the layout of a printed UN resolution, with Cairo's PDF surface and Pango
// (72 dpi, so sizes are points). Lines are placed one by one so that paragraphs split across
// pages and each footnote sits at the foot of the page that first calls it, continuing on
// the next page when it does not fit. The page style is data (formats/pdf/style.json).
#include "pdf_format.hpp"
#include "pdf_style.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/canonical.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/language.hpp>
#include <resconv/sdk/version.hpp>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <map>
#include <memory>
#include <set>

namespace resconv::pdf {

namespace {

using model::Inlines;
using model::Paragraph;

struct GFree {
  void operator()(gpointer p) const noexcept {
    if (p != nullptr)
      g_object_unref(p);
  }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GFree>;

std::string escape(std::string_view text) {
  gchar* e = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string out(e);
  g_free(e);
  return out;
}

// Pango markup for inlines, with the byte offsets (in the layout's text) of footnote calls.
struct Markup {
  std::string markup;
  int plain = 0;
  std::vector<std::pair<int, std::string>> calls;
};

void build(const Inlines& list, Markup& m, const Style& st) {
  for (const auto& in : list) {
    if (const auto* t = std::get_if<model::Text>(&in.value)) {
      m.markup += escape(t->text);
      m.plain += static_cast<int>(t->text.size());
    } else if (const auto* e = std::get_if<model::Emphasis>(&in.value)) {
      m.markup += "<i>";
      build(e->content, m, st);
      m.markup += "</i>";
    } else if (const auto* s = std::get_if<model::Strong>(&in.value)) {
      m.markup += "<b>";
      build(s->content, m, st);
      m.markup += "</b>";
    } else if (const auto* r = std::get_if<model::Reference>(&in.value)) {
      // A document symbol is never broken across lines ("A/AC." / "105/1162").
      m.markup += "<span allow_breaks=\"false\">";
      build(r->content, m, st);
      m.markup += "</span>";
    } else if (const auto* f = std::get_if<model::FootnoteRef>(&in.value)) {
      m.calls.emplace_back(m.plain, f->marker);
      m.markup += "<span size=\"" + std::to_string(static_cast<int>(st.call_size * PANGO_SCALE)) +
                  "\" rise=\"" + std::to_string(static_cast<int>(st.call_rise * PANGO_SCALE)) + "\">" +
                  escape(f->marker) + "</span>";
      m.plain += static_cast<int>(f->marker.size());
    }
  }
}

std::string long_date(const std::string& iso, const language::Language* lang) {
  if (!model::is_iso_date(iso) || lang == nullptr)
    return iso;
  return lang->spell_date(iso);
}

class Renderer {
public:
  Renderer(const model::Document& d, const Style& st, cairo_t* cr, int total_pages)
      : m_doc(d), m_st(st), m_cr(cr), m_total(total_pages) {
    m_fontmap = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(m_fontmap), 72.0);
    m_ctx = pango_font_map_create_context(m_fontmap);
    if (m_cr != nullptr)
      pango_cairo_update_context(m_cr, m_ctx);
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
    try {
      m_lang = &recognize::document_language(d);
    } catch (const language::LanguageError&) {
      m_lang = nullptr;
    }
  }
  ~Renderer() {
    g_object_unref(m_ctx);
    g_object_unref(m_fontmap);
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  int run() {
    start_page();
    masthead();
    flow_body(m_doc.formula, m_doc.preamble, m_doc.operative, true);
    closing();
    for (const auto& a : m_doc.annexes) {
      finish_page();
      start_page();
      annex(a);
    }
    finish_page();
    return m_page;
  }

private:
  std::string phrase(const char* role, const char* fallback) const {
    if (m_lang == nullptr)
      return fallback;
    std::string_view r = role;
    if (r == "distribution_line")
      return m_lang->spell(language::Line::distribution,
                           {{"distribution", m_lang->phrase(language::Phrase::general)}});
    static const std::pair<std::string_view, std::string_view> renamed[] = {
        {"agenda", "agenda_item"}, {"agenda_plural", "agenda_items"}, {"and", "and_word"}, {"on", "on_date"}};
    for (const auto& [old_name, new_name] : renamed)
      if (r == old_name)
        r = new_name;
    for (std::size_t i = 0; i < language::phrase_count; ++i)
      if (language::phrase_key(static_cast<language::Phrase>(i)) == r)
        if (const auto& p = m_lang->phrase(static_cast<language::Phrase>(i)); !p.empty())
          return p;
    return fallback;
  }

  LayoutPtr layout(const std::string& markup, double size, double width, double indent = 0,
                   bool justify = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
    LayoutPtr l(pango_layout_new(m_ctx));
    PangoFontDescription* font = pango_font_description_from_string(m_st.font.c_str());
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD);
    pango_layout_set_indent(l.get(), static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_justify(l.get(), justify);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_markup(l.get(), markup.c_str(), -1);
    return l;
  }

  // Draws a whole layout at (x, top); returns the height used.
  double draw_block(PangoLayout* l, double x, double top, double pitch) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    double y = top;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double baseline = (pango_layout_iter_get_baseline(it) - logical.y) / static_cast<double>(PANGO_SCALE);
      if (m_cr != nullptr) {
        cairo_move_to(m_cr, x + logical.x / static_cast<double>(PANGO_SCALE), y + baseline);
        pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
      }
      y += std::max(pitch, logical.height / static_cast<double>(PANGO_SCALE));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return y - top;
  }

  // ---------- pages ----------

  void start_page() {
    ++m_page;
    m_y = m_page == 1 ? m_st.masthead_top : m_st.body_top;
    m_page_notes.clear();
    m_notes_height = 0;
    m_lines_on_page = 0;
    // Footnote lines that did not fit on the last page open this page's footnote area.
    for (auto& line : m_carried)
      add_note_line(std::move(line));
    m_carried.clear();
    if (m_page > 1)
      running_header();
  }

  void running_header() {
    const model::Metadata& m = m_doc.metadata;
    bool odd = m_page % 2 == 1;
    std::string symbol = m.symbol.value_or(m.number.value_or(""));
    double half = (m_st.right - m_st.masthead_left) / 2;
    if (!symbol.empty()) {
      auto l = layout("<b>" + escape(symbol) + "</b>", m_st.header_size, half, 0, false,
                      odd ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      draw_block(l.get(), odd ? m_st.right - half : m_st.masthead_left, m_st.header_top, m_st.header_size);
    }
  }

  void finish_page() {
    // Footnotes from the foot up: the rule, then the notes in call order.
    if (!m_page_notes.empty()) {
      double top = m_st.body_bottom - m_notes_height;
      // The reserved space above the notes holds the rule; the notes start below it.
      auto rule = layout(escape(m_st.rule), m_st.rule_size, m_st.right - m_st.left);
      draw_block(rule.get(), m_st.left - 23, top + 2, m_st.rule_size);
      double y = top + m_st.note_space_above;
      for (auto& line : m_page_notes) {
        if (m_cr != nullptr) {
          cairo_move_to(m_cr, m_st.left + line.x, y + line.baseline);
          pango_cairo_show_layout_line(m_cr, line.line);
        }
        y += line.height;
      }
    }
    // Page number "n/N" at the foot, on the outer side; the first page has none.
    if (m_page == 1) {
      if (m_cr != nullptr)
        cairo_show_page(m_cr);
      return;
    }
    std::string number = std::to_string(m_page) + "/" + std::to_string(std::max(m_total, m_page));
    bool odd = m_page % 2 == 1;
    auto l = layout("<b>" + escape(number) + "</b>", m_st.footer_size, 60, 0, false,
                    odd ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    draw_block(l.get(), odd ? m_st.right - 60 : m_st.masthead_left, m_st.footer_bottom, m_st.footer_size);
    if (m_cr != nullptr)
      cairo_show_page(m_cr);
  }

  // ---------- footnotes ----------

  struct NoteLine {
    std::shared_ptr<PangoLayout> owner;
    PangoLayoutLine* line = nullptr;
    double height = 0, baseline = 0, x = 0;
  };

  std::vector<NoteLine> note_lines(const model::Footnote& f) {
    Markup m;
    m.markup = "<span size=\"" + std::to_string(static_cast<int>(m_st.marker_size * PANGO_SCALE)) +
               "\" rise=\"" + std::to_string(static_cast<int>(m_st.call_rise * PANGO_SCALE)) + "\">" +
               escape(f.marker) + "</span> ";
    build(f.content, m, m_st);
    std::shared_ptr<PangoLayout> l(layout(m.markup, m_st.note_size, m_st.right - m_st.left).release(),
                                   [](PangoLayout* p) { g_object_unref(p); });
    std::vector<NoteLine> out;
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      NoteLine n;
      n.owner = l;
      n.line = pango_layout_iter_get_line_readonly(it);
      n.height = std::max(m_st.note_pitch, logical.height / static_cast<double>(PANGO_SCALE));
      n.baseline = (pango_layout_iter_get_baseline(it) - logical.y) / static_cast<double>(PANGO_SCALE);
      n.x = logical.x / static_cast<double>(PANGO_SCALE);
      out.push_back(std::move(n));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

  void add_note_line(NoteLine line) {
    if (m_page_notes.empty())
      m_notes_height += m_st.note_space_above;
    m_notes_height += line.height;
    m_page_notes.push_back(std::move(line));
  }

  double body_limit() const { return m_st.body_bottom - m_notes_height; }

  // ---------- placing text ----------

  // Places a paragraph line by line: page breaks where a line (with the footnotes it calls
  // for the first time) no longer fits.
  void place(const std::string& markup_text, const std::vector<std::pair<int, std::string>>& calls,
             double size, double pitch, double x, double width, double indent, bool justify = true,
             PangoAlignment align = PANGO_ALIGN_LEFT) {
    auto l = layout(markup_text, size, width, indent, justify, align);
    if (m_lines_on_page > 0)
      m_y += m_st.paragraph_space;
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      double height = std::max(pitch, logical.height / static_cast<double>(PANGO_SCALE));
      // Footnotes first called on this line.
      std::vector<NoteLine> fresh;
      for (const auto& [offset, marker] : calls)
        if (offset >= line->start_index && offset < line->start_index + line->length &&
            !m_placed.count(marker) && m_notes.count(marker)) {
          auto lines = note_lines(*m_notes[marker]);
          fresh.insert(fresh.end(), lines.begin(), lines.end());
        }
      double fresh_height = 0;
      for (const auto& n : fresh)
        fresh_height += n.height;
      if (!fresh.empty() && m_page_notes.empty())
        fresh_height += m_st.note_space_above;
      if (m_y + height + fresh_height > body_limit() && m_lines_on_page > 0) {
        finish_page();
        start_page();
      }
      double baseline = (pango_layout_iter_get_baseline(it) - logical.y) / static_cast<double>(PANGO_SCALE);
      if (m_cr != nullptr) {
        cairo_move_to(m_cr, x + logical.x / static_cast<double>(PANGO_SCALE), m_y + baseline);
        pango_cairo_show_layout_line(m_cr, line);
      }
      m_y += height;
      ++m_lines_on_page;
      // The new footnotes go to this page as far as they fit; the rest continues overleaf.
      for (const auto& [offset, marker] : calls)
        if (offset >= line->start_index && offset < line->start_index + line->length)
          m_placed.insert(marker);
      for (auto& n : fresh) {
        if (m_y + m_notes_height + n.height + (m_page_notes.empty() ? m_st.note_space_above : 0) >
                m_st.body_bottom &&
            !m_page_notes.empty())
          m_carried.push_back(std::move(n));
        else if (!m_carried.empty())
          m_carried.push_back(std::move(n));
        else
          add_note_line(std::move(n));
      }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void place_inlines(const std::string& prefix, const Inlines& content, double indent, bool italic = false) {
    Markup m;
    m.markup = escape(prefix);
    m.plain = static_cast<int>(prefix.size());
    build(content, m, m_st);
    if (italic)
      m.markup = "<i>" + m.markup + "</i>";
    place(m.markup, m.calls, m_st.body_size, m_st.line_pitch, m_st.left, m_st.right - m_st.left, indent);
  }

  void paragraphs(const std::vector<Paragraph>& list, bool operative) {
    for (const auto& p : list) {
      if (p.kind == Paragraph::Kind::heading) {
        std::string text = p.num ? *p.num + (p.content.empty() ? "" : ". ") : "";
        Markup m;
        m.markup = "<b>" + escape(text);
        m.plain = static_cast<int>(text.size());
        build(p.content, m, m_st);
        m.markup += "</b>";
        place(m.markup, m.calls, m_st.heading_size, m_st.line_pitch, m_st.left, m_st.right - m_st.left, 0,
              false, PANGO_ALIGN_CENTER);
        continue;
      }
      std::string prefix;
      if (p.num)
        prefix = p.num->front() == '(' || !operative ? *p.num + " " : *p.num + ". ";
      place_inlines(prefix, p.content, m_st.first_line_indent);
      items(p.items);
    }
  }

  void items(const std::vector<Paragraph>& list) {
    for (const auto& item : list) {
      place_inlines(item.num ? *item.num + " " : "", item.content, m_st.item_indent);
      items(item.items);
    }
  }

  void flow_body(const std::optional<std::string>& formula, const std::vector<Paragraph>& preamble,
                 const std::vector<Paragraph>& operative, bool) {
    if (formula)
      place("<i>" + escape(*formula) + "</i>", {}, m_st.body_size, m_st.line_pitch, m_st.left,
            m_st.right - m_st.left, m_st.first_line_indent);
    paragraphs(preamble, false);
    paragraphs(operative, true);
  }

  // ---------- masthead, closing, annexes ----------

  void at(const std::string& markup, double size, double x, double y, double width,
          PangoAlignment align = PANGO_ALIGN_LEFT) {
    auto l = layout(markup, size, width, 0, false, align);
    draw_block(l.get(), x, y, size * 1.2);
  }

  void masthead() {
    const model::Metadata& m = m_doc.metadata;
    const Style& st = m_st;
    double top = st.masthead_top;
    at(escape(phrase("united_nations", "United Nations")), st.organization_size, st.left, top, 200);
    if (m.symbol)
      at(escape(*m.symbol), st.symbol_size, st.page_width - st.masthead_left - 200, top + 1, 200,
         PANGO_ALIGN_RIGHT);
    if (m.body)
      at("<b>" + escape(*m.body) + "</b>", st.masthead_body_size, st.left, top + 24,
         st.distribution_x - st.left - 10);
    if (m.issued) {
      at(escape(phrase("distribution_line", "Distr.: General")), st.body_size, st.distribution_x, top + 36,
         150);
      at(escape(long_date(*m.issued, m_lang)), st.body_size, st.distribution_x, top + 48, 150);
    }
    if (m_cr != nullptr) {
      cairo_set_line_width(m_cr, 1.5);
      cairo_move_to(m_cr, st.masthead_left, top + 70);
      cairo_line_to(m_cr, st.page_width - st.masthead_left, top + 70);
      cairo_stroke(m_cr);
    }
    m_y = st.preface_top;
    auto line = [&](const std::string& markup, double size, double x, double width, double after) {
      auto l = layout(markup, size, width, 0, false);
      m_y += draw_block(l.get(), x, m_y, size * 1.1) + after;
    };
    if (m.session)
      line("<b>" + escape(*m.session) + "</b>", st.body_size, st.masthead_left, 300, 1);
    if (!m.agenda_items.empty()) {
      std::string text = phrase(m.agenda_items.size() > 1 ? "agenda_plural" : "agenda",
                                m.agenda_items.size() > 1 ? "Agenda items" : "Agenda item") +
                         " ";
      for (std::size_t i = 0; i < m.agenda_items.size(); ++i)
        text += (i == 0                           ? ""
                 : i + 1 == m.agenda_items.size() ? " " + phrase("and", "and") + " "
                                                  : ", ") +
                m.agenda_items[i];
      line(escape(text), st.body_size, st.masthead_left, 300, 0);
    }
    m_y += 16;
    bool council = m.number && m.number->find('(') != std::string::npos;
    if (council && m.number)
      line("<b>" + escape(phrase("resolution", "Resolution") + " " + *m.number) + "</b>", st.adoption_size,
           st.left, st.right - st.left, 12);
    if (m.body) {
      std::string adoption;
      if (council) {
        adoption = "Adopted by the " + *m.body;
        if (m.meeting)
          adoption += " at its " + *m.meeting;
        if (m.adopted)
          adoption += ", on " + long_date(*m.adopted, m_lang);
      } else {
        adoption =
            phrase("resolution", "Resolution") + " " + phrase("adopted_by", "adopted by the") + " " + *m.body;
        if (m.adopted)
          adoption += " " + phrase("on", "on") + " " + long_date(*m.adopted, m_lang);
      }
      line("<b>" + escape(adoption) + "</b>", council ? st.title_size : st.adoption_size, st.left,
           st.right - st.left, 12);
    }
    if (m.origin)
      line(escape("[" + *m.origin + "]"), st.body_size, st.left, st.right - st.left, 12);
    if (!council && (m.number || m.title)) {
      if (m.number)
        at("<b>" + escape(*m.number + ".") + "</b>", st.title_size, st.number_x, m_y, st.left - st.number_x);
      if (m.title)
        line("<b>" + escape(*m.title) + "</b>", st.title_size, st.left, st.right - st.left, 8);
      else
        m_y += st.title_size * 1.2 + 8;
    } else if (council && m.title) {
      line("<b>" + escape(*m.title) + "</b>", st.title_size, st.left, st.right - st.left, 8);
    }
    m_lines_on_page = 1; // The formula follows at paragraph distance.
  }

  void closing() {
    const model::Metadata& m = m_doc.metadata;
    bool council = m.number && m.number->find('(') != std::string::npos;
    std::vector<std::string> lines;
    if (m.meeting && !council)
      lines.push_back(*m.meeting);
    if (m.meeting && !council && m.adopted)
      lines.push_back(long_date(*m.adopted, m_lang));
    if (m.vote)
      lines.push_back(council || !m.meeting ? phrase("adopted", "Adopted") + " " + *m.vote + "." : *m.vote);
    if (lines.empty())
      return;
    m_y += m_st.paragraph_space * 2;
    double x = m_st.closing_x;
    if (m_y + m_st.line_pitch * static_cast<double>(lines.size()) > body_limit()) {
      finish_page();
      start_page();
    }
    for (const auto& text : lines) {
      auto l = layout("<i>" + escape(text) + "</i>", m_st.body_size, m_st.right - x + 40);
      m_y += draw_block(l.get(), x, m_y, m_st.line_pitch);
    }
    m_lines_on_page += static_cast<int>(lines.size());
  }

  void annex(const model::Annex& a) {
    if (a.heading)
      place("<b>" + escape(*a.heading) + "</b>", {}, m_st.title_size, m_st.title_size * 1.2, m_st.left,
            m_st.right - m_st.left, 0, false);
    if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos)) {
      m_y += 6;
      place("<b>" + escape(*a.title) + "</b>", {}, m_st.title_size, m_st.title_size * 1.2, m_st.left,
            m_st.right - m_st.left, 0, false);
    }
    m_y += 8;
    flow_body(a.formula, a.preamble, a.operative, false);
  }

  const model::Document& m_doc;
  const Style& m_st;
  cairo_t* m_cr;
  int m_total;
  PangoFontMap* m_fontmap = nullptr;
  PangoContext* m_ctx = nullptr;
  const language::Language* m_lang = nullptr;
  std::map<std::string, const model::Footnote*> m_notes;
  std::set<std::string> m_placed;
  int m_page = 0;
  double m_y = 0;
  int m_lines_on_page = 0;
  std::vector<NoteLine> m_page_notes, m_carried;
  double m_notes_height = 0;
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Cairo writes its own name as Producer; the same number of bytes keeps the xref valid.
void set_producer(std::string& pdf) {
  const std::string key = "/Producer (";
  auto at = pdf.find(key);
  if (at == std::string::npos)
    return;
  auto start = at + key.size();
  // The closing parenthesis that matches: cairo's name holds one of its own.
  std::size_t end = start;
  for (int depth = 1; end < pdf.size(); ++end) {
    if (pdf[end] == '\\') {
      ++end;
      continue;
    }
    depth += pdf[end] == '(' ? 1 : pdf[end] == ')' ? -1 : 0;
    if (depth == 0)
      break;
  }
  if (end >= pdf.size())
    return;
  std::string name = std::string("resconv ") + RESCONV_SDK_VERSION_STRING;
  if (name.size() > end - start)
    return;
  name.resize(end - start, ' ');
  pdf.replace(start, end - start, name);
}

} // namespace

void PdfExporter::do_export(const model::Document& document, OutputSink& output, const Options& options,
                            DiagnosticSink& sink) {
  render_pdf(document, output, options, sink);
}

void render_pdf(const model::Document& document, OutputSink& output, const Options& options,
                DiagnosticSink& sink) {
  std::string style_path = options.has("style") ? options.get_string("style") : "";
  Style style = style_path.empty() ? Style::installed() : Style::load(style_path);
  // A first pass counts the pages for "n/N"; the second draws.
  int pages = Renderer(document, style, nullptr, 0).run();
  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_bytes, &pdf, style.page_width, style.page_height);
  const model::Metadata& m = document.metadata;
  if (m.title)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title->c_str());
  if (m.symbol)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, m.symbol->c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "resconv");
  // No clock: the document's own date, so the same input gives the same file.
  std::string date = (m.issued    ? *m.issued
                      : m.adopted ? *m.adopted
                                  : std::string("2000-01-01")) +
                     "T00:00:00Z";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_t* cr = cairo_create(surface);
  {
    Renderer renderer(document, style, cr, pages);
    renderer.run();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw ConversionError("pdf.cairo", std::string("PDF output failed: ") + cairo_status_to_string(status));
  set_producer(pdf);
  for (const auto& a : document.annexes)
    if (a.formula || !a.preamble.empty())
      sink.note("pdf.annex-layout", "annex preambles are set like the resolution's", {output.name()});
  output.write(pdf);
}

} // namespace resconv::pdf
