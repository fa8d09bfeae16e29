// Akoma Ntoso -> model. Our own AKN4UN output maps back exactly; foreign AKN (other
// document types, other profiles, the WD17 draft namespace) is read as far as it maps to a
// resolution: hierarchy elements become paragraphs, containers are flattened, and every
// element that has no place is counted and reported (akn.unmapped). No text is dropped
// silently.
#include "akn_format.hpp"
#include "akn_names.hpp"

#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/model/builder.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace resconv::akn {

namespace {

using model::Inlines;
using model::Paragraph;

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that hold paragraphs of their own (containers to flatten).
bool container_element(std::string_view n) {
  return is_one_of(n, {"section",
                       "article",
                       "chapter",
                       "part",
                       "title",
                       "book",
                       "tome",
                       "division",
                       "subdivision",
                       "subsection",
                       "subchapter",
                       "subpart",
                       "subtitle",
                       "hcontainer",
                       "level",
                       "rule",
                       "subrule",
                       "clause",
                       "subclause",
                       "transitional",
                       "proviso",
                       "container",
                       "blockContainer",
                       "debateSection",
                       "administrationOfOath",
                       "rollCall",
                       "prayers",
                       "oralStatements",
                       "writtenStatements",
                       "personalStatements",
                       "ministerialStatements",
                       "resolutions",
                       "nationalInterest",
                       "declarationOfVote",
                       "communication",
                       "petitions",
                       "papers",
                       "noticesOfMotion",
                       "questions",
                       "address",
                       "proceduralMotions",
                       "pointOfOrder",
                       "adjournment",
                       "speechGroup",
                       "speech",
                       "question",
                       "answer",
                       "other",
                       "scene",
                       "introduction",
                       "background",
                       "arguments",
                       "remedies",
                       "motivation",
                       "decision",
                       "recitals",
                       "citations",
                       "wrapUp",
                       "intro",
                       "longTitle",
                       "coverPage",
                       "quotedStructure",
                       "embeddedStructure",
                       "subFlow",
                       "tblock",
                       "foreign",
                       "block",
                       "toc",
                       "tocItem",
                       "table",
                       "tr",
                       "td",
                       "th",
                       "ul",
                       "ol",
                       "li",
                       "blockList",
                       "item",
                       "listIntroduction",
                       "listWrapUp"});
}

// Divisions a resolution has too (its headings are kept): flattening them loses nothing.
bool resolution_like(std::string_view n) {
  return is_one_of(n, {"section",
                       "subsection",
                       "article",
                       "chapter",
                       "part",
                       "title",
                       "division",
                       "subdivision",
                       "hcontainer",
                       "container",
                       "clause",
                       "subclause",
                       "level",
                       "book",
                       "tome",
                       "subchapter",
                       "subpart",
                       "subtitle",
                       "rule",
                       "subrule",
                       "blockContainer",
                       "blockList",
                       "item",
                       "intro",
                       "wrapUp",
                       "listIntroduction",
                       "listWrapUp",
                       "recitals",
                       "citations",
                       "longTitle",
                       "coverPage",
                       "tblock",
                       "quotedStructure",
                       "embeddedStructure",
                       "block"});
}

bool paragraph_element(std::string_view n);

// Block elements whose text is kept where they stand.
bool known_block(std::string_view n) {
  return resolution_like(n) || paragraph_element(n) ||
         is_one_of(n, {"p", "num", "heading", "subheading", "content", "quotedText", "toc", "tocItem",
                       "table", "tr", "td", "th", "ul", "ol", "li"});
}

bool paragraph_element(std::string_view n) {
  return is_one_of(n, {"paragraph", "subparagraph", "point", "alinea", "indent", "list", "sublist", "recital",
                       "citation"});
}

class Reader {
public:
  Reader(DiagnosticSink& sink, const std::string& file) : m_sink(sink), m_file(file) {}

  model::Document run(xmlDoc* doc) {
    xmlNode* root = xmlDocGetRootElement(doc);
    if (root == nullptr || name_of(root) != "akomaNtoso" || !is_akn_namespace(root))
      throw ConversionError("akn.not-akn", "not an Akoma Ntoso 3.0 document (root element '" +
                                               std::string(name_of(root)) + "')");
    for (xmlNode* e : elements(root))
      if (name_of(e) == "documentCollection" && component_documents(root, e).size() > 1)
        return read_collection(root, e);
      else if (name_of(e) == "documentCollection" && attr(e, "name") == "collection")
        return read_collection(root, e);
    xmlNode* document = find_document(root);
    if (document == nullptr)
      throw ConversionError("akn.not-akn", "the akomaNtoso element holds no document");
    return read_document(document);
  }

  // One document element: a statement (another type is read as one, with a warning), or a
  // documentCollection named "collection".
  model::Document read_document(xmlNode* document) {
    if (name_of(document) == "documentCollection")
      return read_collection(document, document);
    if (name_of(document) != "statement")
      m_sink.warning("akn.not-resolution",
                     "a <" + std::string(name_of(document)) + "> document is read as a resolution", {m_file});
    m_meta.kind = kind_of_statement(attr(document, "name"));
    read_meta(child(document, "meta"));
    for (xmlNode* part : elements(document)) {
      std::string_view n = name_of(part);
      if (n == "meta" || n == "components")
        continue;
      if (n == "preface" || n == "coverPage")
        read_preface(part);
      else if (n == "preamble")
        read_preamble(part, m_doc.formula, m_doc.preamble);
      else if (n == "conclusions")
        read_conclusions(part);
      else if (n == "attachments")
        read_attachments(part);
      else
        read_body(part, m_doc.operative, &m_doc.parts, true); // mainBody, body, judgmentBody, ...
    }
    finish();
    return std::move(m_doc);
  }

  // A publication of several deliberations: its own meta and masthead, and each component
  // document read by a reader of its own (their eIds, references and notes are their own).
  model::Document read_collection(xmlNode* root, xmlNode* collection) {
    m_meta.kind = "collection";
    read_meta(child(collection, "meta"));
    for (xmlNode* part : elements(collection)) {
      std::string_view n = name_of(part);
      if (n == "preface" || n == "coverPage")
        read_preface(part);
      else if (n != "meta" && n != "collectionBody" && n != "components")
        for (xmlNode* e : elements(part))
          unmapped(name_of(e));
    }
    for (xmlNode* document : component_documents(root, collection)) {
      Reader reader(m_sink, m_file);
      m_doc.components.push_back(reader.read_document(document));
    }
    finish();
    return std::move(m_doc);
  }

  // The documents of a collection's components, embedded or referred to (documentRef)
  // within the same file, in order.
  static std::vector<xmlNode*> component_documents(xmlNode* root, xmlNode* collection) {
    std::vector<xmlNode*> found;
    if (xmlNode* body = child(collection, "collectionBody"))
      for (xmlNode* component : elements(body))
        for (xmlNode* d : elements(component)) {
          if (name_of(d) != "documentRef") {
            found.push_back(d);
            continue;
          }
          if (xmlNode* target = resolve_local(root, attr(d, "href")))
            for (xmlNode* inner : elements(target))
              found.push_back(inner);
        }
    // References to IRIs: the documents of the file's own components, in order.
    // (WD17 files keep them beside the collection, under the root.)
    if (found.empty())
      if (xmlNode* components =
              child(collection, "components") ? child(collection, "components") : child(root, "components"))
        for (xmlNode* component : elements(components))
          for (xmlNode* inner : elements(component))
            found.push_back(inner);
    return found;
  }

private:
  xmlNode* find_document(xmlNode* root) {
    for (xmlNode* e : elements(root)) {
      if (name_of(e) != "documentCollection")
        return e;
      // The "publication" wrapper: the one document of its one component.
      std::vector<xmlNode*> found = component_documents(root, e);
      return found.empty() ? nullptr : found.front();
    }
    return nullptr;
  }

  // The element whose eId (or older id/GUID) is the fragment of `href` ("#cmp_1").
  static xmlNode* resolve_local(xmlNode* root, const std::string& href) {
    if (href.size() < 2 || href.front() != '#')
      return nullptr;
    std::string id = href.substr(1);
    xmlNode* found = nullptr;
    std::function<void(xmlNode*)> search = [&](xmlNode* node) {
      for (xmlNode* e : elements(node)) {
        if (found != nullptr)
          return;
        if (attr(e, "eId") == id || attr(e, "id") == id || attr(e, "GUID") == id) {
          found = e;
          return;
        }
        search(e);
      }
    };
    search(root);
    return found;
  }

  void unmapped(std::string_view name) { ++m_unmapped[std::string(name)]; }

  // ---------- meta ----------

  void read_meta(xmlNode* meta) {
    if (meta == nullptr)
      return;
    std::map<std::string, std::string> tlc_show_as, tlc_href;
    for (xmlNode* refs : elements(meta))
      if (name_of(refs) == "references")
        for (xmlNode* t : elements(refs)) {
          tlc_show_as["#" + attr(t, "eId")] = attr(t, "showAs");
          tlc_href["#" + attr(t, "eId")] = attr(t, "href");
        }
    if (xmlNode* identification = child(meta, "identification")) {
      if (xmlNode* work = child(identification, "FRBRWork")) {
        for (xmlNode* e : elements(work)) {
          std::string_view n = name_of(e);
          if (n == "FRBRalias" && attr(e, "name") == "symbol")
            m_symbol = attr(e, "value");
          else if (n == "FRBRnumber" && has_attr(e, "showAs"))
            m_frbr_number = attr(e, "showAs");
          else if (n == "FRBRdate" && attr(e, "name") == "adoption")
            m_frbr_date = attr(e, "date");
          else if (n == "FRBRauthor") {
            // The author's name, unless it is the generic organisation our writer uses for
            // a document whose body is unknown.
            auto it = tlc_show_as.find(attr(e, "href"));
            if (it != tlc_show_as.end() && !it->second.empty() && tlc_href[it->first] != unknown_body_href)
              m_frbr_author = it->second;
          }
        }
      }
      if (xmlNode* expression = child(identification, "FRBRExpression"))
        if (xmlNode* language = child(expression, "FRBRlanguage"))
          m_language = language_from_iso639_2(attr(language, "language"));
    }
    if (xmlNode* publication = child(meta, "publication"); publication && has_attr(publication, "date"))
      m_issued = attr(publication, "date");
    for (xmlNode* e : elements(meta)) {
      if (name_of(e) == "notes")
        for (xmlNode* note : elements(e))
          if (name_of(note) == "note") {
            m_meta_note_ids["#" + attr(note, "eId")] = m_meta_notes.size();
            m_meta_notes.push_back({attr(note, "marker"), blocks_inlines(note)});
          }
      if (name_of(e) == "proprietary")
        for (xmlNode* model : elements(e)) {
          if (!is_resconv(model))
            continue;
          if (xmlNode* order = child(model, "footnoteOrder"))
            for (xmlNode* f : elements(order))
              m_order.push_back(attr(f, "marker"));
          if (xmlNode* metadata = child(model, "metadata"))
            m_metadata_difference = metadata;
        }
    }
  }

  static bool is_resconv(xmlNode* node) {
    return node->ns != nullptr && node->ns->href != nullptr &&
           std::string_view(reinterpret_cast<const char*>(node->ns->href)) == resconv_namespace;
  }

  // The writer's resconv:metadata (what the markup does not give back), applied last.
  void apply_metadata_difference(model::Metadata& m) const {
    if (m_metadata_difference == nullptr)
      return;
    auto values = [](xmlNode* list) {
      std::vector<std::string> out;
      for (xmlNode* e : elements(list))
        out.push_back(attr(e, "value"));
      return out;
    };
    for (xmlNode* e : elements(m_metadata_difference)) {
      std::string_view n = name_of(e);
      if (n == "field") {
        for (const model::MetadataTextField& field : model::metadata_text_fields)
          if (attr(e, "name") == field.name) {
            if (attr(e, "absent") == "true")
              (m.*field.member).reset();
            else
              m.*field.member = attr(e, "value");
          }
      } else if (n == "agendaItems") {
        m.agenda_items.clear();
        for (xmlNode* item : elements(e))
          m.agenda_items.emplace_back(
              attr(item, "number"),
              has_attr(item, "title") ? std::optional<std::string>(attr(item, "title")) : std::nullopt);
      } else if (n == "sponsors") {
        m.sponsors = values(e);
      } else if (n == "masthead") {
        m.masthead = values(e);
      }
    }
  }

  // ---------- inlines ----------

  Inlines inlines(const xmlNode* parent) {
    Inlines out;
    for (xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content != nullptr)
          model::append_text(out, reinterpret_cast<const char*>(c->content));
        continue;
      }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      std::string_view n = name_of(c);
      if (n == "i")
        out.push_back(model::Emphasis{inlines(c)});
      else if (n == "b")
        out.push_back(model::Strong{inlines(c)});
      else if (n == "ref") {
        std::string href = attr(c, "href");
        Inlines content = inlines(c);
        if (href.empty() || attr(c, "class") == "agendaItem")
          out.insert(out.end(), content.begin(), content.end());
        else
          out.push_back(model::Reference{symbol_from_href(href), std::move(content)});
      } else if (n == "authorialNote") {
        std::string marker = attr(c, "marker");
        if (marker.empty())
          marker = std::to_string(m_notes.size() + m_meta_notes.size() + 1);
        m_note_markers["#" + attr(c, "eId")] = marker;
        m_notes.push_back({marker, blocks_inlines(c)});
        out.push_back(model::FootnoteRef{marker});
      } else if (n == "noteRef") {
        std::string marker = attr(c, "marker");
        std::string href = attr(c, "href");
        if (marker.empty()) {
          auto it = m_note_markers.find(href);
          marker = it != m_note_markers.end() ? it->second : "?";
        }
        // A note in meta/notes without a marker of its own takes the call's.
        if (auto it = m_meta_note_ids.find(href);
            it != m_meta_note_ids.end() && m_meta_notes[it->second].marker.empty())
          m_meta_notes[it->second].marker = marker;
        out.push_back(model::FootnoteRef{marker});
      } else if (n == "sup" && elements(c).empty() && is_marker(text_of(c))) {
        // A bare superscript number is a footnote call printed as such.
        out.push_back(model::FootnoteRef{model::collapse_space(text_of(c))});
      } else if (n == "eol" || n == "br" || n == "eop") {
        model::append_text(out, " ");
      } else if (capture_structure(c)) {
        continue; // Quoted paragraphs or an adopted text: read into their own place.
      } else {
        // Blocks inside inline content (a quoted structure) keep their text, spaced.
        bool block = !is_inline_element(n);
        if (block && !known_block(n))
          unmapped(n);
        if (block)
          model::append_text(out, " ");
        Inlines content = inlines(c);
        out.insert(out.end(), content.begin(), content.end());
        if (block)
          model::append_text(out, " ");
      }
    }
    return out;
  }

  // The inlines of all blocks below `node`, blocks joined by a space.
  Inlines blocks_inlines(const xmlNode* node) {
    Inlines out;
    bool any_block = false;
    // Notes and line breaks stand inside text (inlines() reads them): not blocks.
    for (xmlNode* e : elements(node))
      if (!is_inline_element(name_of(e)) && !is_one_of(name_of(e), {"authorialNote", "eol", "br", "eop"}) &&
          !capturable(e)) {
        any_block = true;
        break;
      }
    if (!any_block)
      return inlines(node);
    // Text between the blocks (mixed content) is kept too: no word may be lost.
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      Inlines part;
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr)
        model::append_text(part, reinterpret_cast<const char*>(c->content));
      else if (c->type == XML_ELEMENT_NODE && name_of(c) != "num" &&
               !capture_structure(const_cast<xmlNode*>(c)))
        part = blocks_inlines(c);
      model::normalize_trimmed(part);
      if (part.empty())
        continue;
      if (!out.empty())
        model::append_text(out, " ");
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }

  // ---------- quotations, adopted texts ----------

  static bool holds_doc(const xmlNode* e) { return child(const_cast<xmlNode*>(e), "doc") != nullptr; }

  // Whether capture_structure() takes this element where it stands.
  bool capturable(const xmlNode* e) const {
    std::string_view n = name_of(e);
    bool structure = n == "quotedStructure" || n == "embeddedStructure";
    return structure && (holds_doc(e) ? m_adopting && n == "embeddedStructure" : m_quoted != nullptr);
  }

  // An embeddedStructure (or an amendment's quotedStructure) of paragraphs inside the
  // paragraph being read: the paragraphs it quotes. An embeddedStructure holding a doc,
  // inside an operative paragraph of the document's own body: a text it adopts (an Annex
  // with adopted_in). True when taken.
  bool capture_structure(xmlNode* c) {
    if (!capturable(c))
      return false;
    if (!holds_doc(c)) {
      std::vector<Paragraph>* target = m_quoted;
      std::vector<Paragraph> read = quoted_paragraphs(c);
      target->insert(target->end(), std::make_move_iterator(read.begin()),
                     std::make_move_iterator(read.end()));
      return true;
    }
    std::string num = m_adopting_num;
    bool adopting = m_adopting;
    m_adopting = false;
    model::Annex annex = read_annex_doc(child(c, "doc"));
    m_adopting = adopting;
    annex.adopted_in = num;
    m_doc.annexes.push_back(std::move(annex));
    return true;
  }

  std::vector<Paragraph> quoted_paragraphs(xmlNode* structure) {
    bool adopting = m_adopting;
    m_adopting = false;
    std::vector<Paragraph> out;
    for (xmlNode* e : elements(structure)) {
      std::string_view n = name_of(e);
      if (paragraph_element(n)) {
        out.push_back(hierarchy_paragraph(e, false));
      } else if (n == "hcontainer" && attr(e, "name") == "heading") {
        Paragraph heading;
        heading.kind = Paragraph::Kind::heading;
        if (xmlNode* num = child(e, "num"))
          heading.num = plain(inlines(num));
        if (xmlNode* h = child(e, "heading"))
          heading.content = inlines(h);
        out.push_back(std::move(heading));
      } else {
        if (!known_block(n))
          unmapped(n);
        Paragraph p;
        p.content = blocks_inlines(e);
        if (!plain(p.content).empty())
          out.push_back(std::move(p));
      }
    }
    m_adopting = adopting;
    return out;
  }

  static bool is_marker(const std::string& raw) {
    std::string t = model::collapse_space(raw);
    return !t.empty() && t.size() <= 3 &&
           std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  }

  static std::string plain(Inlines in) {
    model::normalize_trimmed(in);
    return model::collapse_space(model::plain_text(in));
  }

  // ---------- preface ----------

  void read_preface(xmlNode* preface) {
    // The masthead as printed: each p one line, or several separated by eol.
    bool masthead = attr(preface, "class") == "masthead";
    for (xmlNode* block : elements(preface)) {
      if (masthead && name_of(block) == "p") {
        std::vector<std::string> lines(1);
        line_texts(block, lines);
        for (auto& line : lines)
          m_meta.masthead.push_back(model::collapse_space(line));
      }
      read_preface_block(block, masthead);
    }
  }

  // The text below `node`, a new line at each eol or br.
  static void line_texts(const xmlNode* node, std::vector<std::string>& lines) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr)
        lines.back() += reinterpret_cast<const char*>(c->content);
      else if (c->type == XML_ELEMENT_NODE && (name_of(c) == "eol" || name_of(c) == "br"))
        lines.emplace_back();
      else if (c->type == XML_ELEMENT_NODE && name_of(c) != "authorialNote")
        line_texts(c, lines);
    }
  }

  static void set_if(std::optional<std::string>& field, std::string value) {
    if (!value.empty())
      field = std::move(value);
  }

  // `masthead`: the block is a masthead line, kept whole; its text needs no other place.
  void read_preface_block(xmlNode* block, bool masthead = false) {
    std::string_view n = name_of(block);
    if (n != "p") {
      // longTitle, container, block...: their paragraphs, and a container named "title".
      if (n == "container" && attr(block, "name") == "title" && !m_meta.title)
        m_meta.title = plain(blocks_inlines(block));
      else
        for (xmlNode* e : elements(block))
          read_preface_block(e, masthead);
      return;
    }
    bool placed = false;
    std::vector<std::string> agenda;
    walk(block, [&](xmlNode* e) {
      std::string_view en = name_of(e);
      if (en == "session") {
        set_if(m_meta.session, plain(inlines(e)));
        placed = true;
      } else if (en == "docAuthority") {
        set_if(m_meta.body, plain(inlines(e)));
        placed = true;
      } else if (en == "docDate" && has_attr(e, "date")) {
        m_meta.adopted = attr(e, "date");
        placed = true;
      } else if (en == "docProponent" && attr(e, "class") == "sponsor") {
        m_meta.sponsors.push_back(plain(inlines(e)));
        placed = true;
      } else if (en == "docProponent") {
        set_if(m_meta.origin, plain(inlines(e)));
        placed = true;
      } else if (en == "inline" && attr(e, "name") == "agendaItemTitle") {
        m_agenda_titles.push_back(plain(inlines(e)));
        placed = true;
      } else if (en == "docNumber") {
        set_if(m_meta.number, plain(inlines(e)));
        placed = true;
      } else if (en == "docTitle") {
        set_if(m_meta.title, plain(inlines(e)));
        placed = true;
      } else if (en == "docType") {
        placed = true;
      } else if (en == "ref" &&
                 (attr(e, "class") == "agendaItem" || attr(e, "href").find("/agenda") != std::string::npos)) {
        agenda.push_back(plain(inlines(e)));
        placed = true;
      }
    });
    m_meta.agenda_items.insert(m_meta.agenda_items.end(), agenda.begin(), agenda.end());
    std::string text = plain(inlines(block));
    if (!placed && text.size() > 2 && text.front() == '[' && text.back() == ']') {
      m_meta.origin = model::collapse_space(text.substr(1, text.size() - 2));
      placed = true;
    }
    if (!masthead && !text.empty())
      m_preface_lines.push_back(text);
    if (!placed && !masthead && !text.empty())
      m_preface_rest.push_back(text);
  }

  template <typename F>
  void walk(xmlNode* node, F&& visit) {
    for (xmlNode* e : elements(node)) {
      visit(e);
      walk(e, visit);
    }
  }

  // ---------- preamble ----------

  void read_preamble(xmlNode* preamble, std::optional<std::string>& formula, std::vector<Paragraph>& out) {
    for (xmlNode* block : elements(preamble)) {
      std::string_view n = name_of(block);
      if (n == "formula") {
        formula = plain(blocks_inlines(block));
      } else if (n == "container" || n == "recital" || n == "citation" || n == "p" || n == "blockContainer") {
        out.push_back(preamble_paragraph(block));
      } else if (n == "recitals" || n == "citations") {
        for (xmlNode* e : elements(block)) {
          std::string_view en = name_of(e);
          if (en == "intro" || en == "recital" || en == "citation" || en == "p")
            out.push_back(preamble_paragraph(e));
          else if (en != "num" && en != "heading")
            unmapped(en);
        }
      } else if (n == "num" || n == "heading") {
        continue;
      } else {
        unmapped(n);
        Paragraph p;
        p.content = blocks_inlines(block);
        out.push_back(std::move(p));
      }
    }
  }

  // Whether a preamble p opens with <inline name="num"> (how the writer keeps a label).
  static bool starts_with_num(xmlNode* p) {
    for (xmlNode* c = p->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && plain_is_blank(c))
        continue;
      return c->type == XML_ELEMENT_NODE && name_of(c) == "inline" && attr(c, "name") == "num";
    }
    return false;
  }

  static bool plain_is_blank(xmlNode* text) {
    for (const xmlChar* c = text->content; c != nullptr && *c != 0; ++c)
      if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r')
        return false;
    return true;
  }

  Paragraph preamble_paragraph(xmlNode* block) {
    Paragraph p;
    Collecting collecting(*this, &p.quoted, false);
    if (name_of(block) == "p") {
      p.content = inlines(block);
      return p;
    }
    bool heading = name_of(block) == "container" && attr(block, "name") == "heading";
    if (heading)
      p.kind = Paragraph::Kind::heading;
    for (xmlNode* e : elements(block)) {
      std::string_view n = name_of(e);
      if (n == "num") {
        p.num = plain(inlines(e));
      } else if (n == "blockList") {
        read_block_list(e, p.items);
      } else {
        Inlines part;
        if (n == "p" && (heading || starts_with_num(e))) {
          // <p><inline name="num">I</inline> Text</p>
          for (xmlNode* c = e->children; c != nullptr; c = c->next) {
            if (name_of(c) == "inline" && attr(c, "name") == "num") {
              p.num = plain(inlines(c));
              continue;
            }
            xmlNode* copy = xmlCopyNode(c, 1);
            xmlNode* holder = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("holder"));
            xmlAddChild(holder, copy);
            Inlines piece = inlines(holder);
            xmlFreeNode(holder);
            part.insert(part.end(), piece.begin(), piece.end());
          }
        } else {
          part = blocks_inlines(e);
        }
        if (!p.content.empty() && !part.empty())
          model::append_text(p.content, " ");
        p.content.insert(p.content.end(), part.begin(), part.end());
      }
    }
    return p;
  }

  void read_block_list(xmlNode* list, std::vector<Paragraph>& out) {
    for (xmlNode* item : elements(list)) {
      if (name_of(item) != "item") {
        Paragraph p;
        p.content = blocks_inlines(item);
        out.push_back(std::move(p));
        continue;
      }
      Paragraph p;
      Collecting collecting(*this, &p.quoted, false);
      for (xmlNode* e : elements(item)) {
        if (name_of(e) == "num")
          p.num = plain(inlines(e));
        else if (name_of(e) == "blockList")
          read_block_list(e, p.items);
        else {
          Inlines part = blocks_inlines(e);
          if (!p.content.empty() && !part.empty())
            model::append_text(p.content, " ");
          p.content.insert(p.content.end(), part.begin(), part.end());
        }
      }
      out.push_back(std::move(p));
    }
  }

  // ---------- body ----------

  // What the paragraph being read collects: the paragraphs it quotes, and whether it may
  // adopt a text (a paragraph of the document's own body). Restored when it is read.
  struct Collecting {
    Reader& reader;
    std::vector<Paragraph>* quoted;
    bool adopting;
    Collecting(Reader& r, std::vector<Paragraph>* q, bool a)
        : reader(r), quoted(r.m_quoted), adopting(r.m_adopting) {
      r.m_quoted = q;
      r.m_adopting = a;
    }
    ~Collecting() {
      reader.m_quoted = quoted;
      reader.m_adopting = adopting;
    }
    Collecting(const Collecting&) = delete;
    Collecting& operator=(const Collecting&) = delete;
  };

  // `parts`: where parts (hcontainer name="part") go; `own`: the document's own body, whose
  // operative paragraphs may adopt texts.
  void read_body(xmlNode* body, std::vector<Paragraph>& out, std::vector<model::Part>* parts = nullptr,
                 bool own = false) {
    for (xmlNode* e : elements(body))
      read_body_element(e, out, parts, own);
  }

  void read_body_element(xmlNode* e, std::vector<Paragraph>& body_out, std::vector<model::Part>* parts,
                         bool own) {
    // Paragraphs after a part are its own (the model prints parts after the paragraphs).
    std::vector<Paragraph>& out = parts != nullptr && !parts->empty() ? parts->back().operative : body_out;
    std::string_view n = name_of(e);
    if (paragraph_element(n)) {
      m_adopting_num.clear();
      Collecting collecting(*this, m_quoted, own);
      out.push_back(hierarchy_paragraph(e, true));
    } else if (n == "hcontainer" && attr(e, "name") == "part" && parts != nullptr) {
      parts->push_back(read_part(e));
    } else if (container_element(n)) {
      // A heading of its own ("I", "A. Funding"), then what it holds.
      Paragraph heading;
      heading.kind = Paragraph::Kind::heading;
      if (xmlNode* num = child(e, "num"))
        heading.num = plain(inlines(num));
      if (xmlNode* h = child(e, "heading"))
        heading.content = inlines(h);
      if (heading.num || !heading.content.empty())
        out.push_back(std::move(heading));
      if (!resolution_like(n))
        unmapped(n);
      read_body(e, out, nullptr, own);
    } else if (n == "num" || n == "heading" || n == "subheading") {
      return;
    } else if (n == "content") {
      read_body(e, out, nullptr, own);
    } else if (n == "p" || n == "block") {
      Paragraph p;
      p.content = inlines(e);
      if (!plain(p.content).empty())
        out.push_back(std::move(p));
    } else {
      unmapped(n);
      Paragraph p;
      p.content = blocks_inlines(e);
      if (!plain(p.content).empty())
        out.push_back(std::move(p));
    }
  }

  // hcontainer name="part": num, heading, its preamble (hcontainer name="preamble"), its
  // paragraphs and its parts.
  model::Part read_part(xmlNode* node) {
    model::Part part;
    for (xmlNode* e : elements(node)) {
      std::string_view n = name_of(e);
      if (n == "num")
        part.num = plain(inlines(e));
      else if (n == "heading")
        part.heading = inlines(e);
      else if (n == "hcontainer" && attr(e, "name") == "preamble")
        for (xmlNode* c : elements(e))
          part.preamble.push_back(part_preamble_paragraph(c));
      else
        read_body_element(e, part.operative, &part.parts, false);
    }
    return part;
  }

  Paragraph part_preamble_paragraph(xmlNode* node) {
    Paragraph p;
    Collecting collecting(*this, &p.quoted, false);
    if (name_of(node) == "hcontainer" && attr(node, "name") == "heading")
      p.kind = Paragraph::Kind::heading;
    for (xmlNode* e : elements(node)) {
      std::string_view n = name_of(e);
      if (n == "num") {
        p.num = plain(inlines(e));
      } else if (n == "heading") {
        append(p.content, inlines(e));
      } else if (n == "content") {
        for (xmlNode* c : elements(e))
          if (name_of(c) == "blockList")
            read_block_list(c, p.items);
          else
            append(p.content, name_of(c) == "p" ? inlines(c) : blocks_inlines(c));
      } else {
        append(p.content, blocks_inlines(e));
      }
    }
    return p;
  }

  // paragraph / point: number, content or list (intro + points), nested hierarchy as items.
  Paragraph hierarchy_paragraph(xmlNode* node, bool top) {
    Paragraph p;
    Collecting collecting(*this, &p.quoted, m_adopting);
    for (xmlNode* e : elements(node)) {
      std::string_view n = name_of(e);
      if (n == "num") {
        std::string num = plain(inlines(e));
        // Operative numbers print with a period ("1."); the model keeps "1".
        if (top && num.size() > 1 && num.back() == '.')
          num.pop_back();
        p.num = num;
        if (top)
          m_adopting_num = num;
      } else if (n == "content" || n == "intro") {
        append(p.content, blocks_inlines(e));
      } else if (n == "list" || n == "blockList") {
        for (xmlNode* item : elements(e)) {
          std::string_view in = name_of(item);
          if (in == "intro" || in == "listIntroduction")
            append(p.content, blocks_inlines(item));
          else if (in == "num" || in == "heading")
            continue;
          else
            p.items.push_back(hierarchy_paragraph(item, false));
        }
      } else if (paragraph_element(n) || container_element(n)) {
        p.items.push_back(hierarchy_paragraph(e, false));
      } else if (n == "heading" || n == "subheading") {
        append(p.content, inlines(e));
      } else {
        append(p.content, blocks_inlines(e));
      }
    }
    return p;
  }

  static void append(Inlines& into, Inlines more) {
    if (!into.empty() && !more.empty())
      model::append_text(into, " ");
    into.insert(into.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }

  // ---------- conclusions, attachments ----------

  void read_conclusions(xmlNode* conclusions) {
    walk(conclusions, [&](xmlNode* e) {
      std::string_view n = name_of(e);
      if (n == "event")
        m_meta.meeting = plain(inlines(e));
      else if (n == "docDate" && has_attr(e, "date"))
        m_closing_date = attr(e, "date");
      else if (n == "inline" && attr(e, "name") == "vote")
        m_meta.vote = plain(inlines(e));
    });
  }

  void read_attachments(xmlNode* attachments) {
    for (xmlNode* attachment : elements(attachments)) {
      xmlNode* doc = nullptr;
      for (xmlNode* e : elements(attachment))
        if (child(e, "meta") != nullptr || name_of(e) == "doc")
          doc = e;
      if (doc == nullptr) {
        unmapped(name_of(attachment));
        continue;
      }
      m_doc.annexes.push_back(read_annex_doc(doc));
    }
  }

  // An annex's or adopted text's doc: heading and title in its preface, its preamble, its
  // paragraphs and parts.
  model::Annex read_annex_doc(xmlNode* doc) {
    model::Annex annex;
    for (xmlNode* part : elements(doc)) {
      std::string_view n = name_of(part);
      if (n == "meta")
        continue;
      if (n == "preface") {
        walk(part, [&](xmlNode* e) {
          if (name_of(e) == "docType")
            annex.heading = plain(inlines(e));
          else if (name_of(e) == "docTitle")
            annex.title = plain(inlines(e));
        });
      } else if (n == "preamble") {
        read_preamble(part, annex.formula, annex.preamble);
      } else if (n == "conclusions" || n == "attachments") {
        unmapped(n);
      } else {
        read_body(part, annex.operative, &annex.parts, false);
      }
    }
    return annex;
  }

  // ---------- finishing ----------

  // The name of a body the preface gives in the form its language uses after "adopted by"
  // (a declined name, see printed_body()); other text as it is.
  static std::string body_name(const std::string& printed, const std::string& code) {
    try {
      const language::Language& lang = language::Language::for_code(code);
      for (const language::Body& body : lang.bodies())
        if (!body.definite.empty() && language::equals_folded(body.definite, printed) &&
            printed_body(body.name, &lang) == body.definite)
          return body.name;
    } catch (const language::LanguageError&) {
      // No file for the language: the printed form is all there is.
    }
    return printed;
  }

  void finish() {
    model::Metadata& m = m_meta;
    if (!m.symbol && m_symbol)
      m.symbol = m_symbol;
    if (!m.number && m_frbr_number)
      m.number = m_frbr_number;
    if (!m.body && m_frbr_author)
      m.body = m_frbr_author;
    if (!m.adopted)
      m.adopted = m_closing_date ? m_closing_date : m_frbr_date;
    m.issued = m_issued;
    m.language = m_language;
    if (m.body && m_language)
      m.body = body_name(*m.body, *m_language);
    // The titles printed under the agenda line, to the items in order.
    std::size_t title = 0;
    for (model::AgendaItem& item : m.agenda_items)
      if (!item.title && title < m_agenda_titles.size())
        item.title = m_agenda_titles[title++];
    // A preface with lines no field takes: all its lines are the masthead, so no word is lost.
    if (!m_preface_rest.empty() && m.masthead.empty())
      m.masthead = m_preface_lines;
    apply_metadata_difference(m);
    m_doc.metadata = m;
    // Footnotes: in the order the proprietary block recorded, else as they appeared.
    std::vector<model::Footnote> all = m_notes;
    for (std::size_t i = 0; i < m_meta_notes.size(); ++i) {
      all.push_back(m_meta_notes[i]);
      if (all.back().marker.empty())
        all.back().marker = "n" + std::to_string(i + 1);
    }
    if (!m_order.empty()) {
      std::vector<model::Footnote> ordered;
      for (const auto& marker : m_order)
        for (auto& f : all)
          if (f.marker == marker && !f.marker.empty()) {
            ordered.push_back(f);
            f.marker.clear();
            break;
          }
      for (auto& f : all)
        if (!f.marker.empty())
          ordered.push_back(f);
      all = std::move(ordered);
    }
    m_doc.footnotes = std::move(all);
    if (!m_preface_rest.empty())
      m_sink.note("akn.preface-text",
                  std::to_string(m_preface_rest.size()) +
                      " preface line(s) with no metadata field (first: \"" + m_preface_rest.front() +
                      "\") are kept with the others as the masthead lines",
                  {m_file});
    for (const auto& [name, count] : m_unmapped)
      m_sink.warning("akn.unmapped",
                     std::to_string(count) + " <" + name +
                         "> element(s) have no place in a resolution; their text "
                         "was kept where they stood",
                     {m_file});
    // Empty paragraphs are the writer's placeholders (an empty mainBody or section).
    auto drop_empty = [](std::vector<Paragraph>& list) {
      list.erase(std::remove_if(list.begin(), list.end(),
                                [](const Paragraph& p) {
                                  return p.kind == Paragraph::Kind::paragraph && !p.num && p.items.empty() &&
                                         model::collapse_space(model::plain_text(p.content)).empty() &&
                                         std::none_of(
                                             p.content.begin(), p.content.end(), [](const model::Inline& i) {
                                               return std::holds_alternative<model::FootnoteRef>(i.value);
                                             });
                                }),
                 list.end());
    };
    drop_empty(m_doc.operative);
    for (auto& a : m_doc.annexes)
      drop_empty(a.operative);
    model::normalize(m_doc);
  }

  DiagnosticSink& m_sink;
  std::string m_file;
  model::Document m_doc;
  model::Metadata m_meta;
  std::optional<std::string> m_symbol, m_frbr_number, m_frbr_date, m_frbr_author, m_issued, m_closing_date;
  std::optional<std::string> m_language;
  std::vector<model::Footnote> m_notes, m_meta_notes;
  std::map<std::string, std::string> m_note_markers;
  std::map<std::string, std::size_t> m_meta_note_ids;
  std::vector<std::string> m_order;
  std::vector<std::string> m_preface_rest;
  std::vector<std::string> m_preface_lines; // Every p of a preface not marked as the masthead.
  std::vector<std::string> m_agenda_titles;
  std::map<std::string, int> m_unmapped;
  xmlNode* m_metadata_difference = nullptr;   // meta/proprietary/resconv:model/resconv:metadata
  std::vector<Paragraph>* m_quoted = nullptr; // Where a quotedStructure's paragraphs go.
  bool m_adopting = false;                    // Whether an embeddedStructure is an adopted text.
  std::string m_adopting_num;                 // The operative paragraph that adopts it.
};

} // namespace

model::Document read_akn(xmlDoc* doc, DiagnosticSink& sink, const std::string& file) {
  return Reader(sink, file).run(doc);
}

model::Metadata read_akn_metadata(xmlNode* document) {
  DiagnosticCollector quiet;
  return Reader(quiet, "").read_document(document).metadata;
}

} // namespace resconv::akn
