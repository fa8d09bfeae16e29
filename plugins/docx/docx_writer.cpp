// Model -> DOCX: paragraphs in UN-template styles (formats/docx/template), numbers typed as
// text, real Word footnotes, document properties; a deterministic zip.
#include "docx_format.hpp"

#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace resconv::docx {

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string read_template(const char* name) {
  auto path = data_directory() / "docx" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConversionError("docx.template", "template part missing: " + path.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool numeric(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// Run formatting, written in the order of CT_RPr (ECMA-376 Part 1, 17.3.2.28): Word refuses
// a run whose properties are out of order.
struct RunStyle {
  bool italic = false, bold = false, note_call = false;
};

class Writer {
public:
  Writer(const model::Document& d, const language::Language& lang) : m_doc(d), m_lang(lang) {
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
  }

  std::string document() {
    if (m_doc.is_collection()) {
      front_matter(m_doc.metadata, true);
      for (const auto& component : m_doc.components) {
        page_break();
        deliberation(component);
      }
    } else {
      front_matter(m_doc.metadata, false);
      body(m_doc);
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
           m_body +
           "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1134\" "
           "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>" +
           // A right-to-left section: pages laid out from the right (CT_SectPr puts it after pgMar).
           (m_lang.right_to_left() ? std::string("<w:bidi/>") : std::string()) +
           "</w:sectPr></w:body></w:document>";
  }

  void page_break() { m_body += "<w:p>" + paragraph_props("") + "<w:r><w:br w:type=\"page\"/></w:r></w:p>"; }

  // The masthead: a publication's lines as printed when the model has them, else the
  // canonical ones;
  // a draft's sponsors line after them; a publication's title under its masthead.
  void front_matter(const model::Metadata& m, bool publication) {
    using Role = recognize::CanonicalLine::Role;
    // A publication's front matter as printed (its lines hold no field a deliberation
    // needs); a resolution's masthead in the canonical form, which reads back into the
    // same metadata (lines as printed may not date the adoption).
    if (publication && !m.masthead.empty()) {
      for (std::size_t i = 0; i < m.masthead.size(); ++i)
        plain(i == 0 ? "UNOrganization" : "UNMasthead", m.masthead[i]);
    } else {
      plain("UNOrganization", m_lang.phrase(language::Phrase::united_nations));
      // The body's name as the masthead's large line, unless the name alone reads as the
      // formula in this language (no article, "大会" / "大会，"): the adoption line names it then.
      if (m.body && m_lang.body_of_formula(*m.body) == nullptr)
        plain("UNBody", *m.body);
      // A draft was not adopted: no adoption line.
      bool draft = m.kind && m.kind->rfind("draft", 0) == 0;
      for (const auto& line : recognize::canonical_preface(m, m_lang))
        if (!draft || line.role != Role::adoption)
          plain(line.role == Role::symbol         ? "UNSymbol"
                : line.role == Role::adoption     ? "UNAdoption"
                : line.role == Role::number_title ? "UNTitle"
                                                  : "UNMasthead",
                line.text);
      if (m.title && (publication || !m.number))
        plain("UNTitle", *m.title);
    }
    if (!m.sponsors.empty())
      plain("UNMasthead", m_lang.join_list(m.sponsors) + ": " + m.kind.value_or("draft resolution"));
  }

  // One deliberation of a publication: its heading ("Decision 2/CMP.16") and title, then its
  // text, with its own footnotes.
  void deliberation(const model::Document& d) {
    m_notes.clear();
    m_called.clear();
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
    const model::Metadata& m = d.metadata;
    std::string kind = m.kind.value_or("");
    if (!kind.empty())
      kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    if (m.number)
      plain("UNHeading", kind.empty() ? *m.number : kind + " " + *m.number);
    if (m.title)
      plain("UNTitle", *m.title);
    body(d, true);
  }

  // The text of one deliberation: formula, paragraphs (adopted texts after the paragraph
  // adopting them), parts, closing, annexes.
  void body(const model::Document& d, bool deliberation = false) {
    m_adopted.clear();
    for (const auto& a : d.annexes)
      if (a.adopted_in)
        m_adopted.push_back(&a);
    if (d.formula)
      plain("UNFormula", *d.formula);
    paragraphs(d.preamble, false);
    paragraphs(d.operative, true, false, true);
    parts(d.parts);
    for (const model::Annex* a : m_adopted)
      if (!m_printed.count(a))
        adopted_text(*a);
    if (auto closing = recognize::canonical_closing(d.metadata, m_lang))
      plain("UNClosing", *closing);
    // A deliberation of a publication has no adoption line: its date is printed under the
    // closing, as the UNFCCC prints it.
    if (deliberation && d.metadata.adopted)
      plain("UNClosing", recognize::canonical_date(*d.metadata.adopted, m_lang));
    for (const auto& a : d.annexes) {
      if (a.adopted_in)
        continue;
      page_break();
      plain("UNHeading", a.heading ? *a.heading : m_lang.phrase(language::Phrase::annex));
      if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos))
        plain("UNHeading", *a.title);
      if (a.formula)
        plain("UNFormula", *a.formula);
      paragraphs(a.preamble, false);
      paragraphs(a.operative, true);
      parts(a.parts);
    }
  }

  // Parts: the heading centred and bold ("I. Revised estimates"), then its paragraphs.
  void parts(const std::vector<model::Part>& list) {
    for (const auto& part : list) {
      std::string head = part.num.value_or("");
      if (part.num && !part.heading.empty())
        head += ". ";
      // Bold by its style (UNHeading), so the runs keep the heading's own emphasis only.
      m_body += "<w:p>" + paragraph_props("UNHeading") + (head.empty() ? std::string() : run(head, {})) +
                runs(part.heading, {}) + "</w:p>";
      paragraphs(part.preamble, false);
      paragraphs(part.operative, true);
      parts(part.parts);
    }
  }

  // A text adopted in the body: its title centred, then its own paragraphs.
  void adopted_text(const model::Annex& a) {
    m_printed.insert(&a);
    if (a.title)
      plain("UNHeading", *a.title);
    if (a.formula)
      plain("UNFormula", *a.formula);
    paragraphs(a.preamble, false);
    paragraphs(a.operative, true);
    parts(a.parts);
  }

  std::string footnotes() const {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/>"
        "</w:r></w:p></w:footnote>";
    out += m_note_xml;
    return out + "</w:footnotes>";
  }

private:
  // A paragraph's properties: its style, and w:bidi (right-to-left) in a right-to-left language.
  std::string paragraph_props(const char* style) const {
    std::string props = *style != '\0' ? "<w:pStyle w:val=\"" + std::string(style) + "\"/>" : std::string();
    if (m_lang.right_to_left())
      props += "<w:bidi/>";
    return props.empty() ? props : "<w:pPr>" + props + "</w:pPr>";
  }

  void plain(const char* style, const std::string& text) {
    m_body += "<w:p>" + paragraph_props(style) + run(text, {}) + "</w:p>";
  }

  // One run. Text in a right-to-left script gets w:rtl (its characters are then laid out
  // right to left and set in the complex-script font), and its emphasis the complex-script
  // toggles too (w:iCs, w:bCs), which Word uses for such runs.
  std::string run(const std::string& text, RunStyle style) const {
    bool rtl = m_lang.right_to_left() && language::is_rtl(text);
    std::string props;
    if (style.note_call)
      props += "<w:rStyle w:val=\"FootnoteReference\"/>";
    if (style.bold)
      props += rtl ? "<w:b/><w:bCs/>" : "<w:b/>";
    if (style.italic)
      props += rtl ? "<w:i/><w:iCs/>" : "<w:i/>";
    if (style.note_call)
      props += "<w:vertAlign w:val=\"superscript\"/>";
    if (rtl)
      props += "<w:rtl/>";
    return "<w:r>" + (props.empty() ? std::string() : "<w:rPr>" + props + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
  }

  // Inlines as runs; the first call of a footnote is a real Word footnote, later calls a
  // superscript number.
  std::string runs(const model::Inlines& list, RunStyle style) {
    std::string out;
    for (const auto& in : list) {
      if (const auto* t = std::get_if<model::Text>(&in.value)) {
        out += run(t->text, style);
      } else if (const auto* e = std::get_if<model::Emphasis>(&in.value)) {
        RunStyle inner = style;
        inner.italic = true;
        out += runs(e->content, inner);
      } else if (const auto* s = std::get_if<model::Strong>(&in.value)) {
        RunStyle inner = style;
        inner.bold = true;
        out += runs(s->content, inner);
      } else if (const auto* r = std::get_if<model::Reference>(&in.value)) {
        out += runs(r->content, style);
      } else if (const auto* f = std::get_if<model::FootnoteRef>(&in.value)) {
        out += call(f->marker);
      }
    }
    return out;
  }

  std::string call(const std::string& marker) {
    RunStyle sup;
    sup.note_call = true;
    const std::string sup_props =
        "<w:rStyle w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/>";
    auto note = m_notes.find(marker);
    if (note == m_notes.end() || m_called.count(marker))
      return run(marker, sup);
    m_called.insert(marker);
    int id = ++m_next_id;
    // Word numbers footnotes itself; a marker that is not the next number is written out.
    bool automatic = numeric(marker) && std::stoi(marker) == ++m_auto && marker == std::to_string(m_auto);
    if (!automatic && numeric(marker))
      --m_auto;
    std::string ref = "<w:r><w:rPr>" + sup_props + "</w:rPr><w:footnoteReference " +
                      (automatic ? std::string() : "w:customMarkFollows=\"1\" ") + "w:id=\"" +
                      std::to_string(id) + "\"/>" +
                      (automatic ? std::string() : "<w:t>" + escape(marker) + "</w:t>") + "</w:r>";
    std::string mark = automatic
                           ? "<w:r><w:rPr>" + sup_props + "</w:rPr><w:footnoteRef/></w:r>"
                           : "<w:r><w:rPr>" + sup_props + "</w:rPr><w:t>" + escape(marker) + "</w:t></w:r>";
    m_note_xml += "<w:footnote w:id=\"" + std::to_string(id) + "\"><w:p>" + paragraph_props("FootnoteText") +
                  mark + run(" ", {}) + runs(note->second->content, {}) + "</w:p></w:footnote>";
    return ref;
  }

  // An item's label as the document's language prints it: as the model has it when the
  // language reads it as an item ("a)", "(أ)", "‘1’"); a label of another language's style
  // re-spelled ("(a)" in a French model -> "a)"); otherwise as the model has it.
  std::string item_label(const std::string& num) const {
    auto item = [&](const language::Language& lang) {
      auto marker = lang.leading_marker(num + " ");
      if (marker && marker->item && marker->style != 0 && marker->value > 0 && marker->length >= num.size())
        return marker;
      return std::optional<language::Marker>();
    };
    if (item(m_lang))
      return num;
    try {
      for (const auto& other : language::Language::installed())
        if (auto marker = item(other))
          return m_lang.item_label(marker->style, marker->value);
    } catch (const language::LanguageError&) {
      // No other language to read it: as the model has it.
    }
    return num;
  }

  // `operative`: in the operative part; `nested`: items of a paragraph ("(a)", "a)", "(أ)");
  // `quote`: paragraphs a paragraph quotes, indented, their numbers as printed; `adopting`:
  // the deliberation's own operative paragraphs, after which its adopted texts are printed.
  void paragraphs(const std::vector<model::Paragraph>& list, bool operative, bool nested = false,
                  bool adopting = false, bool quote = false) {
    for (const auto& p : list) {
      std::string prefix;
      const char* style = quote ? "UNQuote" : "UNParagraph";
      if (p.kind == model::Paragraph::Kind::heading) {
        style = "UNHeading";
        if (p.num)
          prefix = *p.num + (p.content.empty() ? "" : ". ");
      } else if (p.num && quote) {
        prefix = *p.num + (p.num->front() == '(' || p.num->back() == ')' ? " " : ". ");
      } else if (p.num) {
        bool item = nested || p.num->front() == '(' || !operative;
        prefix = item ? item_label(*p.num) + " " : m_lang.operative_label(*p.num);
      }
      m_body += "<w:p>" + paragraph_props(style) + (prefix.empty() ? std::string() : run(prefix, {})) +
                runs(p.content, {}) + "</w:p>";
      paragraphs(p.quoted, operative, false, false, true);
      paragraphs(p.items, operative, true, false, quote);
      if (adopting)
        for (const model::Annex* a : m_adopted)
          if (!m_printed.count(a) && *a->adopted_in == p.num.value_or(""))
            adopted_text(*a);
    }
  }

  const model::Document& m_doc;
  const language::Language& m_lang;
  std::map<std::string, const model::Footnote*> m_notes;
  std::set<std::string> m_called;
  std::vector<const model::Annex*> m_adopted;
  std::set<const model::Annex*> m_printed;
  std::string m_body, m_note_xml;
  int m_next_id = 0;
  int m_auto = 0;
};

// The template's styles with the document's language as the default of every run: w:val,
// and w:eastAsia for Chinese, w:bidi for Arabic (Word checks and shapes each script's text
// by its own attribute).
std::string styles_for(const std::string& styles, const language::Language& lang,
                       const std::optional<std::string>& tag) {
  const std::string code = tag.value_or(lang.code());
  std::string element = "<w:lang w:val=\"" + escape(code) + "\"";
  if (lang.script() == language::Script::han)
    element += " w:eastAsia=\"" + escape(code) + "\"";
  if (lang.right_to_left())
    element += " w:bidi=\"" + escape(code) + "\"";
  element += "/>";
  const std::string defaults = "<w:rPrDefault>";
  auto in_defaults = styles.find(defaults);
  auto at = in_defaults == std::string::npos ? std::string::npos : styles.find("<w:lang ", in_defaults);
  auto end = at == std::string::npos ? std::string::npos : styles.find("/>", at);
  if (end == std::string::npos)
    throw ConversionError("docx.template", "the template's styles.xml has no w:rPrDefault with a w:lang");
  return styles.substr(0, at) + element + styles.substr(end + 2);
}

} // namespace

void DocxExporter::do_export(const model::Document& document, OutputSink& output, const Options&,
                             DiagnosticSink& sink) {
  const language::Language* lang = nullptr;
  try {
    // The metadata's language, else the one the text reads as (a language without a data
    // file is reported as language.unknown).
    lang = &recognize::document_language(document, &sink, output.name());
  } catch (const language::LanguageError& e) {
    throw ConversionError("docx.language", std::string("cannot word the masthead: ") + e.what());
  }
  Writer writer(document, *lang);
  std::string body = writer.document();
  const model::Metadata& m = document.metadata;
  std::string date = (m.issued    ? *m.issued
                      : m.adopted ? *m.adopted
                                  : std::string("2000-01-01")) +
                     "T00:00:00Z";
  std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
      (m.title ? "<dc:title>" + escape(*m.title) + "</dc:title>" : std::string()) +
      (m.symbol ? "<dc:subject>" + escape(*m.symbol) + "</dc:subject>" : std::string()) +
      "<dc:creator>resconv</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date +
      "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date +
      "</dcterms:modified></cp:coreProperties>";
  const std::string rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
       "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
       "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/"
       "><Override "
       "PartName=\"/word/styles.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override "
       "PartName=\"/word/settings.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/"
       "><Override "
       "PartName=\"/word/footnotes.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/"
       "><Override "
       "PartName=\"/docProps/core.xml\" "
       "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"" + rels_ns +
           "\"><Relationship Id=\"rId1\" Type=\"" + type +
           "officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
           "core-properties\" Target=\"docProps/core.xml\"/></Relationships>"},
      {"word/_rels/document.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"" + rels_ns +
           "\"><Relationship Id=\"rId1\" Type=\"" + type +
           "styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" "
           "Type=\"" +
           type + "settings\" Target=\"settings.xml\"/><Relationship Id=\"rId3\" Type=\"" + type +
           "footnotes\" Target=\"footnotes.xml\"/></Relationships>"},
      {"word/document.xml", body},
      {"word/styles.xml", styles_for(read_template("styles.xml"), *lang, document.metadata.language)},
      {"word/settings.xml", read_template("settings.xml")},
      {"word/footnotes.xml", writer.footnotes()},
      {"docProps/core.xml", core},
  };
  if (!document.footnotes.empty())
    for (const auto& f : document.footnotes)
      if (!numeric(f.marker))
        sink.note("docx.custom-mark", "footnote '" + f.marker + "' is written with a custom mark",
                  {output.name()});
  output.write(write_zip(entries));
}

} // namespace resconv::docx
