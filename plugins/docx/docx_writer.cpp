// Model -> DOCX: paragraphs in UN-template styles (formats/docx/template), numbers typed as
// text, real Word footnotes, document properties; a deterministic zip.
#include "docx_format.hpp"

#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

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

class Writer {
public:
  explicit Writer(const model::Document& d) : m_doc(d) {
    for (const auto& f : d.footnotes)
      m_notes.emplace(f.marker, &f);
  }

  std::string document() {
    const model::Metadata& m = m_doc.metadata;
    using Role = recognize::CanonicalLine::Role;
    plain("UNOrganization", "United Nations");
    if (m.body)
      plain("UNBody", *m.body);
    for (const auto& line : recognize::canonical_preface(m, recognize::document_language(m_doc)))
      plain(line.role == Role::symbol         ? "UNSymbol"
            : line.role == Role::adoption     ? "UNAdoption"
            : line.role == Role::number_title ? "UNTitle"
                                              : "UNMasthead",
            line.text);
    if (m_doc.formula)
      plain("UNFormula", *m_doc.formula);
    paragraphs(m_doc.preamble, false);
    paragraphs(m_doc.operative, true);
    if (auto closing = recognize::canonical_closing(m, recognize::document_language(m_doc)))
      plain("UNClosing", *closing);
    for (const auto& a : m_doc.annexes) {
      m_body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
      plain("UNHeading", a.heading ? *a.heading : "Annex");
      if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos))
        plain("UNHeading", *a.title);
      if (a.formula)
        plain("UNFormula", *a.formula);
      paragraphs(a.preamble, false);
      paragraphs(a.operative, true);
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
           m_body +
           "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1134\" "
           "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
           "</w:body></w:document>";
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
  void plain(const char* style, const std::string& text) {
    m_body +=
        "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>" + run(text, "") + "</w:p>";
  }

  static std::string run(const std::string& text, const std::string& props) {
    return "<w:r>" + (props.empty() ? std::string() : "<w:rPr>" + props + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
  }

  // Inlines as runs; the first call of a footnote is a real Word footnote, later calls a
  // superscript number.
  std::string runs(const model::Inlines& list, const std::string& props) {
    std::string out;
    for (const auto& in : list) {
      if (const auto* t = std::get_if<model::Text>(&in.value))
        out += run(t->text, props);
      else if (const auto* e = std::get_if<model::Emphasis>(&in.value))
        out += runs(e->content, props + "<w:i/>");
      else if (const auto* s = std::get_if<model::Strong>(&in.value))
        out += runs(s->content, props + "<w:b/>");
      else if (const auto* r = std::get_if<model::Reference>(&in.value))
        out += runs(r->content, props);
      else if (const auto* f = std::get_if<model::FootnoteRef>(&in.value))
        out += call(f->marker);
    }
    return out;
  }

  std::string call(const std::string& marker) {
    const std::string sup = "<w:rStyle w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/>";
    auto note = m_notes.find(marker);
    if (note == m_notes.end() || m_called.count(marker))
      return run(marker, sup);
    m_called.insert(marker);
    int id = ++m_next_id;
    // Word numbers footnotes itself; a marker that is not the next number is written out.
    bool automatic = numeric(marker) && std::stoi(marker) == ++m_auto && marker == std::to_string(m_auto);
    if (!automatic && numeric(marker))
      --m_auto;
    std::string ref = "<w:r><w:rPr>" + sup + "</w:rPr><w:footnoteReference " +
                      (automatic ? std::string() : "w:customMarkFollows=\"1\" ") + "w:id=\"" +
                      std::to_string(id) + "\"/>" +
                      (automatic ? std::string() : "<w:t>" + escape(marker) + "</w:t>") + "</w:r>";
    std::string mark = automatic ? "<w:r><w:rPr>" + sup + "</w:rPr><w:footnoteRef/></w:r>"
                                 : "<w:r><w:rPr>" + sup + "</w:rPr><w:t>" + escape(marker) + "</w:t></w:r>";
    m_note_xml += "<w:footnote w:id=\"" + std::to_string(id) +
                  "\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/>"
                  "</w:pPr>" +
                  mark + run(" ", "") + runs(note->second->content, "") + "</w:p></w:footnote>";
    return ref;
  }

  void paragraphs(const std::vector<model::Paragraph>& list, bool operative) {
    for (const auto& p : list) {
      std::string prefix;
      const char* style = "UNParagraph";
      if (p.kind == model::Paragraph::Kind::heading) {
        style = "UNHeading";
        if (p.num)
          prefix = *p.num + (p.content.empty() ? "" : ". ");
      } else if (p.num) {
        prefix = p.num->front() == '(' || !operative ? *p.num + " " : *p.num + ". ";
      }
      m_body += "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>" +
                (prefix.empty() ? std::string() : run(prefix, "")) + runs(p.content, "") + "</w:p>";
      paragraphs(p.items, operative);
    }
  }

  const model::Document& m_doc;
  std::map<std::string, const model::Footnote*> m_notes;
  std::set<std::string> m_called;
  std::string m_body, m_note_xml;
  int m_next_id = 0;
  int m_auto = 0;
};

} // namespace

void DocxExporter::do_export(const model::Document& document, OutputSink& output, const Options&,
                             DiagnosticSink& sink) {
  Writer writer(document);
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
      {"word/styles.xml", read_template("styles.xml")},
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
