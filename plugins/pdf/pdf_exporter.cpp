// Model -> PDF in the layout of a printed UN resolution, with Cairo's PDF surface and Pango
// (72 dpi, so sizes are points). Lines are placed one by one so that paragraphs split across
// pages and each footnote sits at the foot of the page that first calls it, continuing on
// the next page when it does not fit. The page style is data (formats/pdf/style.json).
// Every word the exporter prints itself (masthead, dates, closing, numbers) comes from the
// document's language; an Arabic document is set right to left with its page mirrored.
#include "pdf_format.hpp"
#include "pdf_style.hpp"

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/canonical.hpp>
#include <resconv/sdk/version.hpp>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <iterator>
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

// The byte length of the last UTF-8 character of `text` (0 for empty text).
std::size_t last_character(std::string_view text) {
  std::size_t n = text.empty() ? 0 : 1;
  while (n < text.size() && (static_cast<unsigned char>(text[text.size() - n]) & 0xC0) == 0x80)
    ++n;
  return n;
}

// A footnote call: the marker smaller and raised.
std::string call_markup(const std::string& marker, const Style& st) {
  return "<span size=\"" + std::to_string(static_cast<int>(st.call_size * PANGO_SCALE)) + "\" rise=\"" +
         std::to_string(static_cast<int>(st.call_rise * PANGO_SCALE)) + "\">" + escape(marker) + "</span>";
}

void build(const Inlines& list, Markup& m, const Style& st) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& in = list[i];
    if (const auto* t = std::get_if<model::Text>(&in.value)) {
      // A footnote call stays on the line of the character before it: Pango allows no
      // break inside a span after its first character, so the span starts there.
      bool call_next = i + 1 < list.size() && std::holds_alternative<model::FootnoteRef>(list[i + 1].value);
      std::size_t keep = call_next ? last_character(t->text) : 0;
      std::string_view text(t->text);
      m.markup += escape(text.substr(0, text.size() - keep));
      if (keep > 0)
        m.markup += "<span allow_breaks=\"false\">" + escape(text.substr(text.size() - keep));
      m.plain += static_cast<int>(t->text.size());
      if (keep > 0) {
        const auto& f = std::get<model::FootnoteRef>(list[++i].value);
        m.calls.emplace_back(m.plain, f.marker);
        m.markup += call_markup(f.marker, st) + "</span>";
        m.plain += static_cast<int>(f.marker.size());
      }
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
      m.markup += call_markup(f->marker, st);
      m.plain += static_cast<int>(f->marker.size());
    }
  }
}

std::string trimmed(std::string_view text) {
  auto begin = text.find_first_not_of(' ');
  auto end = text.find_last_not_of(' ');
  return begin == std::string_view::npos ? std::string() : std::string(text.substr(begin, end - begin + 1));
}

// Where a block of text sits on its line, in reading terms: `start` is the left in a
// left-to-right document and the right in a right-to-left one.
enum class Side { start, end, center };

class Renderer {
public:
  Renderer(const model::Document& d, const Style& st, const language::Language& lang, cairo_t* cr,
           int total_pages)
      : m_doc(d), m_st(st), m_lang(lang), m_rtl(lang.right_to_left()), m_cr(cr), m_total(total_pages),
        m_font(st.font_for(language::script_code(lang.script()))),
        m_justify(st.justifies(language::script_code(lang.script()))) {
    m_fontmap = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(m_fontmap), 72.0);
    m_ctx = pango_font_map_create_context(m_fontmap);
    if (m_cr != nullptr)
      pango_cairo_update_context(m_cr, m_ctx);
    // The language picks the glyph variants (Simplified Chinese forms, Arabic shaping
    // rules); the base direction sets every paragraph of an Arabic document right to left,
    // also one that starts with a Latin symbol.
    pango_context_set_language(m_ctx,
                               pango_language_from_string(d.metadata.language.value_or(lang.code()).c_str()));
    pango_context_set_base_dir(m_ctx, m_rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    // Glyphs where the shaper puts them, not rounded to whole points: Arabic letters that
    // join and CJK characters then sit edge to edge, and a reader of the PDF finds no gap
    // inside a word. Latin keeps Pango's rounding (the English pages are unchanged).
    if (st.exact_positions(language::script_code(lang.script())))
      pango_context_set_round_glyph_positions(m_ctx, FALSE);
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
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
    if (m_doc.is_collection()) {
      // A publication: each deliberation on a new page, under its heading and title.
      for (const auto& component : m_doc.components) {
        finish_page();
        start_page();
        deliberation(component);
      }
    } else {
      body(m_doc);
    }
    finish_page();
    return m_page;
  }

private:
  // ---------- mirroring ----------

  // The style's positions are those of a left-to-right page; a right-to-left page is its
  // mirror image. The left edge of a block `width` wide whose left-to-right left edge is `x`.
  double mirror(double x, double width) const { return m_rtl ? m_st.page_width - x - width : x; }

  PangoAlignment alignment(Side side) const {
    if (side == Side::center)
      return PANGO_ALIGN_CENTER;
    return (side == Side::start) != m_rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  }

  LayoutPtr layout(const std::string& markup, double size, double width, double indent = 0,
                   bool justify = false, Side side = Side::start) {
    LayoutPtr l(pango_layout_new(m_ctx));
    PangoFontDescription* font = pango_font_description_from_string(m_font.c_str());
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD);
    pango_layout_set_indent(l.get(), static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_justify(l.get(), justify && m_justify);
    // The context's base direction for every paragraph, not each one's first letter: in an
    // Arabic document "A/RES/99/101" is a left-to-right run inside a right-to-left line.
    pango_layout_set_auto_dir(l.get(), FALSE);
    pango_layout_set_alignment(l.get(), alignment(side));
    pango_layout_set_markup(l.get(), markup.c_str(), -1);
    return l;
  }

  // The width of a one-line text at `size`, unwrapped.
  double natural_width(const std::string& markup, double size) {
    auto l = layout(markup, size, 0);
    pango_layout_set_width(l.get(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(l.get(), nullptr, &logical);
    return logical.width / static_cast<double>(PANGO_SCALE);
  }

  // Draws a whole layout with its left edge at x (already mirrored); returns the height used.
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

  // Odd pages carry the header and page number on the right, even ones on the left, in
  // either direction (the outer side of a printed sheet).
  void running_header() {
    const model::Metadata& m = m_doc.metadata;
    bool odd = m_page % 2 == 1;
    std::string symbol = m.symbol.value_or(m.number.value_or(""));
    double half = (m_st.right - m_st.masthead_left) / 2;
    if (!symbol.empty()) {
      auto l = layout("<b>" + escape(symbol) + "</b>", m_st.header_size, half, 0, false,
                      odd != m_rtl ? Side::end : Side::start);
      draw_block(l.get(), odd ? m_st.right - half : m_st.masthead_left, m_st.header_top, m_st.header_size);
    }
  }

  void finish_page() {
    // Footnotes from the foot up: the rule, then the notes in call order.
    if (!m_page_notes.empty()) {
      double top = m_st.body_bottom - m_notes_height;
      // The reserved space above the notes holds the rule; the notes start below it. The
      // rule starts this far outside the column, as on printed resolutions.
      constexpr double rule_outdent = 23;
      double width = m_st.right - m_st.left;
      auto rule = layout(escape(m_st.rule), m_st.rule_size, width);
      draw_block(rule.get(), mirror(m_st.left - rule_outdent, width), top + 2, m_st.rule_size);
      double y = top + m_st.note_space_above;
      for (auto& line : m_page_notes) {
        if (m_cr != nullptr) {
          cairo_move_to(m_cr, mirror(m_st.left, width) + line.x, y + line.baseline);
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
    // Wide enough for "999/999" at the footer size.
    constexpr double number_width = 60;
    auto l = layout("<b>" + escape(number) + "</b>", m_st.footer_size, number_width, 0, false,
                    odd != m_rtl ? Side::end : Side::start);
    draw_block(l.get(), odd ? m_st.right - number_width : m_st.masthead_left, m_st.footer_bottom,
               m_st.footer_size);
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
  // for the first time) no longer fits. `x` is the left-to-right position of the block.
  void place(const std::string& markup_text, const std::vector<std::pair<int, std::string>>& calls,
             double size, double pitch, double x, double width, double indent, bool justify = true,
             Side side = Side::start) {
    auto l = layout(markup_text, size, width, indent, justify, side);
    double left = mirror(x, width);
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
        cairo_move_to(m_cr, left + logical.x / static_cast<double>(PANGO_SCALE), m_y + baseline);
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

  // `adopting`: the deliberation's own operative paragraphs, after which the texts they
  // adopt are printed.
  void paragraphs(const std::vector<Paragraph>& list, bool operative, bool adopting = false) {
    for (const auto& p : list) {
      if (p.kind == Paragraph::Kind::heading) {
        std::string text = p.num ? *p.num + (p.content.empty() ? "" : ". ") : "";
        Markup m;
        m.markup = "<b>" + escape(text);
        m.plain = static_cast<int>(text.size());
        build(p.content, m, m_st);
        m.markup += "</b>";
        place(m.markup, m.calls, m_st.heading_size, m_st.line_pitch, m_st.left, m_st.right - m_st.left, 0,
              false, Side::center);
        continue;
      }
      std::string prefix;
      // An operative number as the language prints it ("1. ", "1 - "); a number already
      // in its printed form ("(a)") or a preambular one as it is.
      if (p.num)
        prefix = p.num->front() == '(' || !operative ? *p.num + " " : m_lang.operative_label(*p.num);
      place_inlines(prefix, p.content, m_st.first_line_indent);
      quotation(p.quoted);
      items(p.items, 0);
      if (adopting)
        for (const model::Annex* a : m_adopted)
          if (!m_printed.count(a) && *a->adopted_in == p.num.value_or(""))
            adopted_text(*a);
    }
  }

  // The paragraphs a paragraph quotes: indented, each number as printed ("(a) ", "12. ").
  void quotation(const std::vector<Paragraph>& list, double indent = 0) {
    // How far a quotation stands in from the column, on each level.
    constexpr double quote_indent = 36;
    indent += quote_indent;
    for (const auto& q : list) {
      std::string prefix;
      if (q.num)
        prefix =
            *q.num + (q.num->front() == '(' || q.num->back() == ')' || q.num->back() == '.' ? " " : ". ");
      Markup m;
      m.markup = escape(prefix);
      m.plain = static_cast<int>(prefix.size());
      build(q.content, m, m_st);
      if (q.kind == Paragraph::Kind::heading)
        m.markup = "<b>" + m.markup + "</b>";
      place(m.markup, m.calls, m_st.body_size, m_st.line_pitch, m_st.left + indent,
            m_st.right - m_st.left - indent, m_st.first_line_indent);
      quotation(q.quoted, indent);
      quotation(q.items, indent);
    }
  }

  void items(const std::vector<Paragraph>& list, std::size_t depth) {
    // Unnumbered items are labelled as the language prints them, by depth: (a), (i), (A), (1).
    static constexpr char styles[] = {'a', 'i', 'A', '1'};
    char style = styles[std::min(depth, std::size(styles) - 1)];
    int value = 0;
    for (const auto& item : list) {
      ++value;
      std::string label = item.num ? *item.num : m_lang.item_label(style, value);
      place_inlines(label.empty() ? "" : label + " ", item.content, m_st.item_indent);
      items(item.items, depth + 1);
    }
  }

  void flow_body(const std::optional<std::string>& formula, const std::vector<Paragraph>& preamble,
                 const std::vector<Paragraph>& operative, bool adopting) {
    if (formula)
      place("<i>" + escape(*formula) + "</i>", {}, m_st.body_size, m_st.line_pitch, m_st.left,
            m_st.right - m_st.left, m_st.first_line_indent);
    paragraphs(preamble, false);
    paragraphs(operative, true, adopting);
  }

  // One deliberation of a publication: its heading ("Decision 1/CP.40", larger than the
  // publication's title above it, so the two never read as one line) and title in bold,
  // then its text; its footnotes are its own (their numbers may start again at 1).
  void deliberation(const model::Document& d) {
    const model::Metadata& m = d.metadata;
    std::string kind = m.kind.value_or("");
    if (!kind.empty())
      kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    double column = m_st.right - m_st.left;
    if (m.number)
      place("<b>" + escape(kind.empty() ? *m.number : kind + " " + *m.number) + "</b>", {},
            m_st.adoption_size, m_st.adoption_size * 1.2, m_st.left, column, 0, false);
    if (m.title) {
      m_y += 6;
      place("<b>" + escape(*m.title) + "</b>", {}, m_st.title_size, m_st.title_size * 1.2, m_st.left, column,
            0, false);
    }
    m_y += 8;
    body(d);
  }

  // The text of a deliberation: formula, paragraphs with the texts they adopt, parts,
  // closing, annexes each on a new page.
  void body(const model::Document& d) {
    m_notes.clear();
    m_placed.clear();
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
    m_adopted.clear();
    for (const auto& a : d.annexes)
      if (a.adopted_in)
        m_adopted.push_back(&a);
    flow_body(d.formula, d.preamble, d.operative, true);
    parts(d.parts);
    for (const model::Annex* a : m_adopted)
      if (!m_printed.count(a))
        adopted_text(*a);
    closing(d.metadata);
    for (const auto& a : d.annexes) {
      if (a.adopted_in)
        continue;
      finish_page();
      start_page();
      annex(a);
    }
  }

  // A part: its heading centred in bold ("I. Revised estimates ..."), then its paragraphs.
  void parts(const std::vector<model::Part>& list) {
    for (const auto& part : list) {
      std::string text = part.num ? *part.num + (part.heading.empty() ? "" : ". ") : "";
      Markup m;
      m.markup = "<b>" + escape(text);
      m.plain = static_cast<int>(text.size());
      build(part.heading, m, m_st);
      m.markup += "</b>";
      m_y += m_st.paragraph_space;
      place(m.markup, m.calls, m_st.heading_size, m_st.line_pitch, m_st.left, m_st.right - m_st.left, 0,
            false, Side::center);
      paragraphs(part.preamble, false);
      paragraphs(part.operative, true);
      parts(part.parts);
    }
  }

  // A text adopted in the body, after the paragraph adopting it: its title centred in bold.
  void adopted_text(const model::Annex& a) {
    m_printed.insert(&a);
    if (a.title) {
      m_y += m_st.paragraph_space;
      place("<b>" + escape(*a.title) + "</b>", {}, m_st.heading_size, m_st.line_pitch, m_st.left,
            m_st.right - m_st.left, 0, false, Side::center);
    }
    flow_body(a.formula, a.preamble, a.operative, false);
    parts(a.parts);
  }

  // ---------- masthead, closing, annexes ----------

  // A block at the left-to-right position x, mirrored on a right-to-left page.
  void at(const std::string& markup, double size, double x, double y, double width, Side side = Side::start) {
    auto l = layout(markup, size, width, 0, false, side);
    draw_block(l.get(), mirror(x, width), y, size * 1.2);
  }

  // The masthead and preface: the canonical lines in the document's language, each at its
  // place on a printed resolution's first page.
  void masthead() {
    using Role = recognize::CanonicalLine::Role;
    const model::Metadata& m = m_doc.metadata;
    const Style& st = m_st;
    std::map<Role, std::string> text;
    std::vector<std::string> agenda_titles; // under the agenda line, one line each
    // A draft was not adopted: no adoption line.
    bool draft = m.kind && m.kind->rfind("draft", 0) == 0;
    for (auto& line : recognize::canonical_preface(m, m_lang)) {
      if (draft && line.role == Role::adoption)
        continue;
      if (line.role == Role::agenda_title)
        agenda_titles.push_back(line.text);
      else
        text[line.role] = std::move(line.text);
    }
    auto has = [&](Role r) { return text.count(r) != 0; };
    // Widths of the masthead boxes: the organisation's name and the symbol on one line,
    // the distribution block on the outer side, the session and agenda block.
    // The symbol's box holds the longest symbols ("A/HRC/RES/55/123/Add.1" at 12 pt is about
    // 140 pt); the organisation's name has the rest of the line, which "Организация
    // Объединенных Наций" at 14 pt (about 230 pt) needs.
    constexpr double symbol_width = 150, distribution_width = 150, preface_width = 300, body_gap = 10;
    const double name_width = st.page_width - st.masthead_left - symbol_width - body_gap - st.left;
    double top = st.masthead_top;
    at(escape(m_lang.phrase(language::Phrase::united_nations)), st.organization_size, st.left, top,
       name_width);
    if (has(Role::symbol))
      at(escape(text[Role::symbol]), st.symbol_size, st.page_width - st.masthead_left - symbol_width, top + 1,
         symbol_width, Side::end);
    if (m.body)
      at("<b>" + escape(*m.body) + "</b>", st.masthead_body_size, st.left, top + 24,
         st.distribution_x - st.left - body_gap);
    if (has(Role::distribution)) {
      // "Distr.: General" above the date, as printed.
      std::string line = text[Role::distribution], date;
      if (auto found = m_lang.find_date(line); found && found->begin > 0) {
        date = trimmed(std::string_view(line).substr(found->begin));
        line = trimmed(std::string_view(line).substr(0, found->begin));
      }
      at(escape(line), st.body_size, st.distribution_x, top + 36, distribution_width);
      if (!date.empty())
        at(escape(date), st.body_size, st.distribution_x, top + 48, distribution_width);
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
      m_y += draw_block(l.get(), mirror(x, width), m_y, size * 1.1) + after;
    };
    if (has(Role::session))
      line("<b>" + escape(text[Role::session]) + "</b>", st.body_size, st.masthead_left, preface_width, 1);
    if (has(Role::agenda))
      line(escape(text[Role::agenda]), st.body_size, st.masthead_left, preface_width, 0);
    for (const auto& title : agenda_titles)
      line("<b>" + escape(title) + "</b>", st.body_size, st.masthead_left, preface_width, 0);
    m_y += 16;
    // A draft's sponsors: "Argentina, Brazil and Chile: draft resolution".
    if (!m.sponsors.empty())
      line(escape(m_lang.join_list(m.sponsors) + ": " + m.kind.value_or("draft resolution")), st.body_size,
           st.left, st.right - st.left, 12);
    // The number line without the title ("99/101.", "Resolution 2803 (2025)"): the title is
    // set apart from it.
    std::string number = has(Role::number_title) ? text[Role::number_title] : "";
    bool title_apart = false;
    if (m.title && number.size() > m.title->size() &&
        number.compare(number.size() - m.title->size(), m.title->size(), *m.title) == 0) {
      number = trimmed(std::string_view(number).substr(0, number.size() - m.title->size()));
      title_apart = true;
    }
    double column = st.right - st.left;
    bool council = m.number && m.number->find('(') != std::string::npos;
    if (council && !number.empty())
      line("<b>" + escape(number) + "</b>", st.adoption_size, st.left, column, 12);
    if (has(Role::adoption))
      line("<b>" + escape(text[Role::adoption]) + "</b>", council ? st.title_size : st.adoption_size, st.left,
           column, 12);
    if (has(Role::origin))
      line(escape(text[Role::origin]), st.body_size, st.left, column, 12);
    // The number hangs in the margin before the title when it fits there with this gap.
    constexpr double number_gap = 3;
    bool hangs =
        natural_width("<b>" + escape(number) + "</b>", st.title_size) + number_gap <= st.left - st.number_x;
    if (!council && !number.empty() && (title_apart || !m.title) && hangs) {
      at("<b>" + escape(number) + "</b>", st.title_size, st.number_x, m_y, st.left - st.number_x);
      if (m.title)
        line("<b>" + escape(*m.title) + "</b>", st.title_size, st.left, column, 8);
      else
        m_y += st.title_size * 1.2 + 8;
    } else if (!council && !number.empty()) {
      // A number too wide for the margin, or a language that words number and title as
      // one line: the whole line in the column.
      line("<b>" + escape(text[Role::number_title]) + "</b>", st.title_size, st.left, column, 8);
    } else if (m.title && (title_apart || number.empty())) {
      line("<b>" + escape(*m.title) + "</b>", st.title_size, st.left, column, 8);
    }
    m_lines_on_page = 1; // The formula follows at paragraph distance.
  }

  void closing(const model::Metadata& m) {
    bool council = m.number && m.number->find('(') != std::string::npos;
    std::vector<std::string> lines;
    if (auto c = recognize::canonical_closing(m, m_lang))
      lines.push_back(*c);
    // A General Assembly resolution prints the date under the meeting.
    if (m.meeting && !council && m.adopted && m.body)
      lines.push_back(m_lang.spell_date(*m.adopted));
    if (lines.empty())
      return;
    m_y += m_st.paragraph_space * 2;
    // The closing block runs this far past the column's edge.
    constexpr double closing_overhang = 40;
    double x = m_st.closing_x;
    double width = m_st.right - x + closing_overhang;
    if (m_y + m_st.line_pitch * static_cast<double>(lines.size()) > body_limit()) {
      finish_page();
      start_page();
    }
    for (const auto& text : lines) {
      auto l = layout("<i>" + escape(text) + "</i>", m_st.body_size, width);
      m_y += draw_block(l.get(), mirror(x, width), m_y, m_st.line_pitch);
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
    parts(a.parts);
  }

  const model::Document& m_doc;
  const Style& m_st;
  const language::Language& m_lang;
  bool m_rtl;
  cairo_t* m_cr;
  int m_total;
  std::string m_font;
  bool m_justify;
  PangoFontMap* m_fontmap = nullptr;
  PangoContext* m_ctx = nullptr;
  std::map<std::string, const model::Footnote*> m_notes;
  std::set<std::string> m_placed;
  std::vector<const model::Annex*> m_adopted;
  std::set<const model::Annex*> m_printed;
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

// Sets the catalog's /Lang (the document's language, for screen readers and text-to-speech),
// which Cairo 1.16 has no call for: the entry goes into the catalog dictionary and the
// cross-reference offsets after it move by its length. False when the file does not have
// the form Cairo writes (the PDF is then left as it is).
bool set_language(std::string& pdf, std::string_view tag) {
  if (tag.empty() ||
      tag.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string_view::npos)
    return false;
  const std::string catalog = "/Type /Catalog";
  auto xref = pdf.rfind("\nxref\n");
  auto startxref = pdf.rfind("\nstartxref\n");
  auto at = xref == std::string::npos ? std::string::npos : pdf.rfind(catalog, xref);
  if (at == std::string::npos || xref == std::string::npos || startxref == std::string::npos || at > xref ||
      xref > startxref)
    return false;
  std::size_t insert = at + catalog.size();
  std::string entry = " /Lang (" + std::string(tag) + ")";
  // The table: "xref", "0 N", then N entries of 20 bytes ("0000012345 00000 n \n").
  std::size_t first_entry = pdf.find('\n', xref + 6);
  if (first_entry == std::string::npos)
    return false;
  ++first_entry;
  constexpr std::size_t entry_size = 20, offset_digits = 10;
  for (std::size_t e = first_entry; e + entry_size <= startxref + 1 && pdf.compare(e, 7, "trailer") != 0;
       e += entry_size) {
    if (pdf[e + 17] != 'n')
      continue;
    std::size_t offset = std::stoul(pdf.substr(e, offset_digits));
    if (offset > insert) {
      std::string moved = std::to_string(offset + entry.size());
      if (moved.size() > offset_digits)
        return false;
      pdf.replace(e, offset_digits, std::string(offset_digits - moved.size(), '0') + moved);
    }
  }
  std::size_t number_at = startxref + std::string("\nstartxref\n").size();
  std::size_t number_end = pdf.find('\n', number_at);
  if (number_end == std::string::npos)
    return false;
  std::size_t table = std::stoul(pdf.substr(number_at, number_end - number_at));
  pdf.replace(number_at, number_end - number_at, std::to_string(table + entry.size()));
  pdf.insert(insert, entry);
  return true;
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
  // The document's language, else the one its text reads as (a warning names a language
  // without a data file); no language data at all fails the export.
  const language::Language* found = nullptr;
  try {
    found = &recognize::document_language(document, &sink, output.name());
  } catch (const language::LanguageError& e) {
    throw ConversionError("pdf.language", e.what());
  }
  const language::Language& lang = *found;
  // A first pass counts the pages for "n/N"; the second draws.
  int pages = Renderer(document, style, lang, nullptr, 0).run();
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
    Renderer renderer(document, style, lang, cr, pages);
    renderer.run();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw ConversionError("pdf.cairo", std::string("PDF output failed: ") + cairo_status_to_string(status));
  set_producer(pdf);
  if (!set_language(pdf, document.metadata.language.value_or(lang.code())))
    sink.note("pdf.no-lang", "the PDF has no /Lang entry: its catalog is not in the form expected",
              {output.name()});
  for (const auto& a : document.annexes)
    if (a.formula || !a.preamble.empty())
      sink.note("pdf.annex-layout", "annex preambles are set like the resolution's", {output.name()});
  output.write(pdf);
}

} // namespace resconv::pdf
