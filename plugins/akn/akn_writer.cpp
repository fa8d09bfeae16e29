// Model -> Akoma Ntoso (AKN4UN). The layout and every name used here are written down in
// formats/akn/spec.md; eIds follow the AKN naming convention and depend only on the model.
#include "akn_format.hpp"
#include "akn_names.hpp"

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <functional>

namespace resconv::akn {

namespace {

using model::Inlines;
using model::Paragraph;

const xmlChar* X(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

struct Tlc {
  std::string kind, eid, href, show_as;
};

class Writer {
public:
  Writer(const model::Document& d, const WriteOptions& options) : m_doc(d), m_options(options) {
    for (const auto& f : d.footnotes)
      m_footnotes.emplace(f.marker, &f);
  }

  XmlDocPtr run() {
    XmlDocPtr doc(xmlNewDoc(X("1.0")));
    xmlNode* root = xmlNewNode(nullptr, X("akomaNtoso"));
    xmlDocSetRootElement(doc.get(), root);
    m_ns = xmlNewNs(root, X(akn_namespace), nullptr);
    xmlSetNs(root, m_ns);
    xmlNode* parent = root;
    if (m_options.publication_wrapper) {
      xmlNode* collection = el(root, "documentCollection");
      set(collection, "name", "publication");
      write_meta(el(collection, "meta"), "/!main", true);
      xmlNode* body = el(collection, "collectionBody");
      xmlNode* component = el(body, "component");
      set(component, "eId", "cmp_1");
      parent = component;
      m_component_prefix = true;
    }
    write_statement(parent);
    return doc;
  }

private:
  // ---------- small helpers ----------

  xmlNode* el(xmlNode* parent, const char* name) { return xmlNewChild(parent, m_ns, X(name), nullptr); }
  static void set(xmlNode* node, const char* name, const std::string& value) {
    xmlSetProp(node, X(name), X(value.c_str()));
  }
  static void text(xmlNode* node, std::string_view value) {
    if (!value.empty())
      xmlAddChild(node, xmlNewTextLen(X(std::string(value).c_str()), static_cast<int>(value.size())));
  }
  xmlNode* text_el(xmlNode* parent, const char* name, std::string_view value) {
    xmlNode* node = el(parent, name);
    text(node, value);
    return node;
  }
  // A unique eId: the wanted one, or it with "_2", "_3"... should the model repeat a number.
  std::string eid(const std::string& wanted) {
    std::string id = wanted;
    for (int n = 2; !m_eids.insert(id).second; ++n)
      id = wanted + "_" + std::to_string(n);
    return id;
  }
  void tlc(const std::string& kind, const std::string& id, const std::string& href,
           const std::string& show_as) {
    for (const auto& t : m_tlcs)
      if (t.eid == id)
        return;
    m_tlcs.push_back({kind, id, href, show_as});
  }
  // Marks the content parts with the document's language (the schema has no xml:lang on
  // the document element itself); nothing when the model does not say.
  void mark_language(xmlNode* node) const {
    if (m_doc.metadata.language)
      xmlNodeSetLang(node, X(m_doc.metadata.language->c_str()));
  }

  // Writes a line template ("Resolution adopted by {the_body} on {date}") into `p`: its words
  // as text, the language's word for "Resolution" as docType, each field by its writer (a
  // field without one is left out, with the space before it).
  void template_line(xmlNode* p, const std::string& pattern,
                     const std::map<std::string, std::function<void(xmlNode*)>>& fields) {
    std::string words;
    auto flush = [&] {
      const std::string& type = m_lang->phrase(language::Phrase::resolution);
      auto at = type.empty() ? std::string::npos : words.find(type);
      if (at == std::string::npos || m_type_written) {
        text(p, words);
      } else {
        m_type_written = true;
        text(p, words.substr(0, at));
        xmlNode* node = text_el(p, "docType", type);
        set(node, "refersTo", "#resolution");
        tlc("TLCConcept", "resolution", "/akn/ontology/concept/un/resolution", "resolution");
        text(p, words.substr(at + type.size()));
      }
      words.clear();
    };
    for (std::size_t i = 0; i < pattern.size();) {
      auto close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
      if (close == std::string::npos) {
        words += pattern[i++];
        continue;
      }
      auto field = fields.find(pattern.substr(i + 1, close - i - 1));
      i = close + 1;
      if (field == fields.end()) {
        while (!words.empty() && words.back() == ' ')
          words.pop_back();
        continue;
      }
      flush();
      field->second(p);
    }
    flush();
  }
  // The ASCII letters and digits of a number for an eId ("(a)" -> "a", "II" -> "II"); a
  // number in another script by its ASCII transliteration ("(أ)" -> "a", "(ب)" -> "b").
  static std::string token(const std::string& num) {
    auto alnum = [](std::string_view s) {
      std::string out;
      for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
          out += c;
      return out;
    };
    std::string out = alnum(num);
    if (out.empty())
      out = alnum(language::ascii_fold(num));
    return out.empty() ? "x" : out;
  }
  const std::string& date() const { return m_date; }

  // ---------- inlines ----------

  // Writes inlines into `parent`; `p_eid` prefixes the eIds of notes and refs inside.
  void inlines(xmlNode* parent, const Inlines& list, const std::string& p_eid, bool in_note = false) {
    for (const auto& in : list) {
      if (const auto* t = std::get_if<model::Text>(&in.value)) {
        text(parent, t->text);
      } else if (const auto* e = std::get_if<model::Emphasis>(&in.value)) {
        inlines(el(parent, "i"), e->content, p_eid, in_note);
      } else if (const auto* s = std::get_if<model::Strong>(&in.value)) {
        inlines(el(parent, "b"), s->content, p_eid, in_note);
      } else if (const auto* r = std::get_if<model::Reference>(&in.value)) {
        xmlNode* ref = el(parent, "ref");
        set(ref, "eId", eid(p_eid + "__ref_" + std::to_string(++m_counters[p_eid + "#ref"])));
        set(ref, "href", symbol_href(r->target));
        inlines(ref, r->content, p_eid, in_note);
      } else if (const auto* f = std::get_if<model::FootnoteRef>(&in.value)) {
        footnote_call(parent, f->marker, p_eid, in_note);
      }
    }
  }

  // The first call of a footnote carries its text (authorialNote); later calls point to it.
  void footnote_call(xmlNode* parent, const std::string& marker, const std::string& p_eid, bool in_note) {
    xmlNode* sup = el(parent, "sup");
    auto first = m_note_eids.find(marker);
    auto note = m_footnotes.find(marker);
    if (first == m_note_eids.end() && note != m_footnotes.end() && !in_note) {
      std::string id = eid(p_eid + "__authorialNote_" + std::to_string(++m_counters[p_eid + "#note"]));
      m_note_eids[marker] = id;
      xmlNode* node = el(sup, "authorialNote");
      set(node, "eId", id);
      set(node, "marker", marker);
      set(node, "placement", "bottom");
      xmlNode* p = el(node, "p");
      std::string pid = eid(id + "__p_1");
      set(p, "eId", pid);
      inlines(p, note->second->content, pid, true);
      return;
    }
    if (first != m_note_eids.end()) {
      xmlNode* ref = el(sup, "noteRef");
      set(ref, "href", "#" + first->second);
      set(ref, "marker", marker);
      set(ref, "placement", "bottom");
      return;
    }
    // A call without a footnote (the model's validator reports it): the marker as printed.
    text(sup, marker);
  }

  xmlNode* paragraph_p(xmlNode* parent, const std::string& id, const Inlines& content) {
    xmlNode* p = el(parent, "p");
    set(p, "eId", eid(id));
    inlines(p, content, id);
    return p;
  }

  // ---------- preface ----------

  // The session as the TLC names it: the session number of "57/263", else the number the
  // language reads in the session name ("Cinquante-septième session" -> 57), else the name.
  std::string session_value() const {
    const model::Metadata& m = m_doc.metadata;
    if (m.number && m.number->find('/') != std::string::npos)
      return m.number->substr(0, m.number->find('/'));
    if (m_lang != nullptr)
      if (auto n = m_lang->parse_session(*m.session))
        return std::to_string(*n);
    return *m.session;
  }

  // The agenda items as refs, joined with the language's list separators.
  void agenda_refs(xmlNode* p, const std::string& pid) {
    const model::Metadata& m = m_doc.metadata;
    // The separators are what join_list puts between placeholders that cannot occur in text.
    std::vector<std::string> holes;
    for (std::size_t i = 0; i < m.agenda_items.size(); ++i)
      holes.push_back("\x1f" + std::to_string(i) + "\x1f");
    std::string joined = m_lang != nullptr ? m_lang->join_list(holes) : std::string();
    std::size_t from = 0;
    for (std::size_t i = 0; i < m.agenda_items.size(); ++i) {
      auto at = joined.find(holes[i], from);
      if (at != std::string::npos) {
        text(p, joined.substr(from, at - from));
        from = at + holes[i].size();
      } else if (i > 0) {
        text(p, ", "); // No language data: a plain list.
      }
      xmlNode* ref = text_el(p, "ref", m.agenda_items[i].number);
      set(ref, "eId", eid(pid + "__ref_" + std::to_string(i + 1)));
      set(ref, "class", "agendaItem");
      set(ref, "href",
          "/akn/un/agenda/" + actor_for(m.body) + "/item_" + number_token(m.agenda_items[i].number));
    }
    if (from < joined.size())
      text(p, joined.substr(from));
  }

  // The body after "adopted by": the name as docAuthority inside the language's form of it
  // ("l'" + "Assemblée générale"), or the whole form where the language declines the name.
  void authority(xmlNode* p) {
    const model::Metadata& m = m_doc.metadata;
    const language::Body* known = m_lang != nullptr ? m_lang->body_named(*m.body) : nullptr;
    std::string form = known != nullptr && !known->definite.empty() ? known->definite : *m.body;
    std::string marked = printed_body(*m.body, m_lang);
    auto at = form.find(marked);
    if (at == std::string::npos) {
      form = marked;
      at = 0;
    }
    text(p, form.substr(0, at));
    xmlNode* node = text_el(p, "docAuthority", marked);
    set(node, "refersTo", "#" + body_eid(m.body));
    text(p, form.substr(at + marked.size()));
  }

  void write_preface(xmlNode* statement) {
    const model::Metadata& m = m_doc.metadata;
    std::vector<std::function<void(xmlNode*, const std::string&)>> lines;
    if (m.session)
      lines.push_back([&](xmlNode* p, const std::string&) {
        xmlNode* s = text_el(p, "session", *m.session);
        set(s, "refersTo", "#session");
        std::string value = session_value();
        set(s, "value", value);
        tlc("TLCEvent", "session",
            "/akn/ontology/event/un/" + actor_for(m.body) + "/session/" + number_token(value), *m.session);
      });
    if (!m.agenda_items.empty())
      lines.push_back([&](xmlNode* p, const std::string& pid) {
        if (m_lang == nullptr) {
          agenda_refs(p, pid);
          return;
        }
        template_line(p,
                      m_lang->line_template(m.agenda_items.size() > 1 ? language::Line::agenda_items
                                                                      : language::Line::agenda_item),
                      {{"items", [&](xmlNode* node) { agenda_refs(node, pid); }}});
      });
    if (m.body || m.adopted)
      lines.push_back([&](xmlNode* p, const std::string&) {
        std::map<std::string, std::function<void(xmlNode*)>> fields;
        if (m.body)
          fields["the_body"] = [&](xmlNode* node) { authority(node); };
        if (m.adopted)
          fields["date"] = [&](xmlNode* node) { adoption_date(node); };
        if (m_lang != nullptr && m.body) {
          template_line(
              p,
              m_lang->line_template(m.adopted ? language::Line::adoption : language::Line::adoption_undated),
              fields);
          return;
        }
        // No body to name (or no language data): the word for "Resolution", then the date.
        if (m_lang != nullptr)
          template_line(p, m_lang->phrase(language::Phrase::resolution), {});
        for (const auto& [name, write] : fields) {
          if (p->children != nullptr)
            text(p, " ");
          write(p);
        }
      });
    if (m.origin)
      lines.push_back([&](xmlNode* p, const std::string& pid) {
        text(p, "[");
        Inlines origin = {model::text(*m.origin)};
        if (m_lang != nullptr)
          recognize::link_references(origin, *m_lang);
        inlines(el(p, "docProponent"), origin, pid);
        text(p, "]");
      });
    if (m.number || m.title)
      lines.push_back([&](xmlNode* p, const std::string&) {
        std::map<std::string, std::function<void(xmlNode*)>> fields;
        if (m.number)
          fields["number"] = [&](xmlNode* node) {
            xmlNode* number = text_el(node, "docNumber", *m.number);
            set(number, "refersTo", "#resolutionNumber");
            tlc("TLCConcept", "resolutionNumber", "/akn/ontology/concept/un/resolutionNumber",
                "resolution number");
          };
        if (m.title)
          fields["title"] = [&](xmlNode* node) { text_el(node, "docTitle", *m.title); };
        // Number and title joined as the language prints them ("57/263. Title", "57/263 - ...").
        if (m_lang != nullptr && m.number && m.title) {
          template_line(p, m_lang->line_template(language::Line::number_title), fields);
          return;
        }
        for (const auto& [name, write] : fields)
          write(p);
      });
    if (lines.empty())
      return;
    xmlNode* preface = el(statement, "preface");
    mark_language(preface);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string pid = eid("preface__p_" + std::to_string(i + 1));
      xmlNode* p = el(preface, "p");
      set(p, "eId", pid);
      lines[i](p, pid);
    }
  }

  // ---------- preamble ----------

  std::string container_name(const Paragraph& p) const {
    if (p.kind == Paragraph::Kind::heading)
      return "heading";
    if (!p.content.empty())
      if (const auto* e = std::get_if<model::Emphasis>(&p.content.front().value))
        return camel_case(model::plain_text(e->content), "preambularParagraph");
    if (m_lang != nullptr) {
      // The lead words the language finds ("Also recalling", "Rappelant en outre").
      std::string text = model::plain_text(p.content);
      language::LeadWords lead = m_lang->lead_words(text);
      if (lead.kind != language::LeadKind::none && lead.end > 0 && lead.end <= text.size())
        return camel_case(text.substr(0, lead.end), "preambularParagraph");
    }
    return "preambularParagraph";
  }

  void block_items(xmlNode* parent, const std::string& prefix, const std::vector<Paragraph>& items) {
    xmlNode* list = el(parent, "blockList");
    std::string list_id = eid(prefix + "__blockList_1");
    set(list, "eId", list_id);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Paragraph& item = items[i];
      xmlNode* node = el(list, "item");
      std::string id = eid(list_id + "__item_" + (item.num ? token(*item.num) : std::to_string(i + 1)));
      set(node, "eId", id);
      if (item.num)
        text_el(node, "num", *item.num);
      paragraph_p(node, id + "__p_1", item.content);
      if (!item.items.empty())
        block_items(node, id, item.items);
    }
  }

  void write_preamble(xmlNode* parent, const std::string& prefix, const std::optional<std::string>& formula,
                      const std::vector<Paragraph>& paragraphs) {
    if (!formula && paragraphs.empty())
      return;
    xmlNode* preamble = el(parent, "preamble");
    mark_language(preamble);
    if (formula) {
      xmlNode* node = el(preamble, "formula");
      set(node, "name", "enactingFormula");
      std::string id = eid(prefix + "preamble__formula_1");
      set(node, "eId", id);
      paragraph_p(node, id + "__p_1", {model::text(*formula)});
    }
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
      const Paragraph& p = paragraphs[i];
      xmlNode* container = el(preamble, "container");
      std::string id = eid(prefix + "preamble__container_" + std::to_string(i + 1));
      set(container, "name", container_name(p));
      set(container, "eId", id);
      xmlNode* para = el(container, "p");
      std::string pid = eid(id + "__p_1");
      set(para, "eId", pid);
      if (p.num) { // a heading's "I" as a labelled paragraph's "(a)": never dropped
        xmlNode* num = text_el(para, "inline", *p.num);
        set(num, "name", "num");
        if (!p.content.empty())
          text(para, " ");
      }
      inlines(para, p.content, pid);
      if (!p.items.empty())
        block_items(container, id, p.items);
    }
  }

  // ---------- main body ----------

  // A paragraph or point: number, then content or a list of its items.
  void hierarchy(xmlNode* node, const std::string& id, const Paragraph& p, bool operative_number) {
    if (p.num)
      text_el(node, "num", operative_number ? *p.num + "." : *p.num);
    if (p.items.empty()) {
      paragraph_p(el(node, "content"), id + "__p_1", p.content);
      return;
    }
    xmlNode* list = el(node, "list");
    std::string list_id = eid(id + "__list_1");
    set(list, "eId", list_id);
    if (!p.content.empty()) {
      xmlNode* intro = el(list, "intro");
      std::string intro_id = eid(list_id + "__intro");
      set(intro, "eId", intro_id);
      paragraph_p(intro, intro_id + "__p_1", p.content);
    }
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const Paragraph& item = p.items[i];
      xmlNode* point = el(list, "point");
      std::string point_id =
          eid(list_id + "__point_" + (item.num ? token(*item.num) : std::to_string(i + 1)));
      set(point, "eId", point_id);
      hierarchy(point, point_id, item, false);
    }
  }

  void write_main_body(xmlNode* parent, const std::string& prefix, const std::vector<Paragraph>& paragraphs) {
    xmlNode* body = el(parent, "mainBody");
    mark_language(body);
    if (paragraphs.empty()) {
      // mainBody is mandatory; an empty one holds an empty p.
      xmlNode* p = el(body, "p");
      set(p, "eId", eid(prefix + "mainBody__p_1"));
      return;
    }
    xmlNode* section = nullptr;
    std::string section_id;
    std::size_t in_section = 0, sections = 0, top = 0;
    auto close_section = [&] {
      if (section != nullptr && in_section == 0) {
        xmlNode* p = el(el(section, "content"), "p");
        set(p, "eId", eid(section_id + "__p_1"));
      }
    };
    for (const Paragraph& p : paragraphs) {
      if (p.kind == Paragraph::Kind::heading) {
        close_section();
        section = el(body, "section");
        section_id = eid(prefix + "sec_" + (p.num ? token(*p.num) : std::to_string(sections + 1)));
        ++sections;
        in_section = 0;
        set(section, "eId", section_id);
        if (p.num)
          text_el(section, "num", *p.num);
        if (!p.content.empty())
          inlines(el(section, "heading"), p.content, section_id);
        continue;
      }
      xmlNode* where = section != nullptr ? section : body;
      std::size_t ordinal = section != nullptr ? ++in_section : ++top;
      std::string base = section != nullptr ? section_id + "__" : prefix;
      xmlNode* node = el(where, "paragraph");
      std::string id = eid(base + "para_" + (p.num ? token(*p.num) : std::to_string(ordinal)));
      set(node, "eId", id);
      hierarchy(node, id, p, true);
    }
    close_section();
  }

  // ---------- conclusions, meta ----------

  void write_conclusions(xmlNode* statement) {
    const model::Metadata& m = m_doc.metadata;
    if (!m.meeting && !m.vote && !m.adopted)
      return;
    xmlNode* container = el(el(statement, "conclusions"), "container");
    set(container, "name", "conclusion");
    std::string id = eid("conclusions__container_1");
    set(container, "eId", id);
    int n = 0;
    auto p = [&] {
      xmlNode* node = el(container, "p");
      set(node, "eId", eid(id + "__p_" + std::to_string(++n)));
      return node;
    };
    if (m.meeting) {
      xmlNode* event = text_el(p(), "event", *m.meeting);
      set(event, "refersTo", "#meeting");
      std::string number = meeting_number(*m.meeting);
      tlc("TLCEvent", "meeting",
          "/akn/ontology/event/un/" + actor_for(m.body) + "/meeting/" + (number.empty() ? "nn" : number),
          *m.meeting);
    }
    if (m.adopted)
      adoption_date(p());
    if (m.vote) {
      xmlNode* vote = text_el(p(), "inline", *m.vote);
      set(vote, "name", "vote");
    }
  }

  // The adoption date as a docDate when it is a real date; otherwise its text as it is
  // (the model holds what the source said; the schema takes only xs:date values).
  void adoption_date(xmlNode* p) {
    const model::Metadata& m = m_doc.metadata;
    auto date = schema_date(m.adopted);
    if (!date) {
      text(p, *m.adopted);
      return;
    }
    xmlNode* when = text_el(p, "docDate", m_lang != nullptr ? m_lang->spell_date(*date) : *date);
    set(when, "date", *date);
    set(when, "refersTo", "#adoptionDate");
    tlc("TLCConcept", "adoptionDate", "/akn/ontology/concept/un/adoptionDate", "date of adoption");
  }

  void frbr(xmlNode* identification, const std::string& work, const std::string& component, bool full) {
    const model::Metadata& m = m_doc.metadata;
    std::string lang = language_to_iso639_2(m.language);
    std::string author = "#" + body_eid(m.body);
    auto date_el = [&](xmlNode* parent, const std::string& when, const char* name) {
      xmlNode* d = el(parent, "FRBRdate");
      set(d, "date", when);
      set(d, "name", name);
    };
    auto value_el = [&](xmlNode* parent, const char* name, const std::string& value) {
      set(el(parent, name), "value", value);
    };
    const char* date_name = schema_date(m.adopted) ? "adoption" : "unknown";
    xmlNode* w = el(identification, "FRBRWork");
    value_el(w, "FRBRthis", work + "/" + component);
    value_el(w, "FRBRuri", work);
    if (full && m.symbol) {
      xmlNode* alias = el(w, "FRBRalias");
      set(alias, "name", "symbol");
      set(alias, "value", *m.symbol);
    }
    date_el(w, date(), date_name);
    set(el(w, "FRBRauthor"), "href", author);
    value_el(w, "FRBRcountry", "un");
    if (full) {
      value_el(w, "FRBRsubtype", "deliberation");
      if (m.number) {
        xmlNode* number = el(w, "FRBRnumber");
        set(number, "value", number_token(m.number));
        set(number, "showAs", *m.number);
      }
      value_el(w, "FRBRname", "resolution");
    }
    std::string expression = work + "/" + lang + "@";
    xmlNode* e = el(identification, "FRBRExpression");
    value_el(e, "FRBRthis", expression + "/" + component);
    value_el(e, "FRBRuri", expression);
    date_el(e, date(), date_name);
    set(el(e, "FRBRauthor"), "href", author);
    set(el(e, "FRBRlanguage"), "language", lang);
    xmlNode* f = el(identification, "FRBRManifestation");
    value_el(f, "FRBRthis", expression + "/" + component + ".xml");
    value_el(f, "FRBRuri", expression + ".xml");
    date_el(f, m_markup_date, "markup");
    set(el(f, "FRBRauthor"), "href", "#resconv");
    if (full)
      value_el(f, "FRBRformat", "xml");
  }

  void write_meta(xmlNode* meta, const std::string& component, bool full) {
    xmlNode* identification = el(meta, "identification");
    set(identification, "source", "#resconv");
    frbr(identification, m_work, component.substr(1), full);
    if (!full)
      return;
    const model::Metadata& m = m_doc.metadata;
    if (auto issued = schema_date(m.issued)) {
      xmlNode* publication = el(meta, "publication");
      set(publication, "date", *issued);
      set(publication, "name", "unDocumentSymbol");
      set(publication, "showAs", m.symbol ? *m.symbol : m.number ? *m.number : "resolution");
      if (m.symbol)
        set(publication, "number", *m.symbol);
    }
  }

  void write_references(xmlNode* meta) {
    const model::Metadata& m = m_doc.metadata;
    tlc("TLCOrganization", body_eid(m.body),
        m.body ? "/akn/ontology/organization/un/" + actor_for(m.body) : unknown_body_href,
        m.body ? *m.body : "United Nations");
    tlc("TLCOrganization", "resconv", "/akn/ontology/organization/un/resconv", "resconv");
    xmlNode* refs = el(meta, "references");
    set(refs, "source", "#resconv");
    for (const auto& t : m_tlcs) {
      xmlNode* node = el(refs, t.kind.c_str());
      set(node, "eId", t.eid);
      set(node, "href", t.href);
      set(node, "showAs", t.show_as);
    }
  }

  // Footnotes never called in the text have no place to sit: meta/notes keeps them. The
  // model's footnote order goes to proprietary, so that import restores it exactly.
  void write_notes_and_order(xmlNode* meta) {
    std::vector<const model::Footnote*> uncalled;
    for (const auto& f : m_doc.footnotes)
      if (!m_note_eids.count(f.marker))
        uncalled.push_back(&f);
    if (!uncalled.empty()) {
      xmlNode* notes = el(meta, "notes");
      set(notes, "source", "#resconv");
      for (const auto* f : uncalled) {
        xmlNode* note = el(notes, "note");
        std::string id = eid("note_" + token(f->marker));
        set(note, "eId", id);
        set(note, "marker", f->marker);
        set(note, "placement", "bottom");
        paragraph_p(note, id + "__p_1", f->content);
      }
    }
    if (m_doc.footnotes.empty())
      return;
    xmlNode* proprietary = el(meta, "proprietary");
    set(proprietary, "source", "#resconv");
    xmlNode* model = xmlNewChild(proprietary, nullptr, X("model"), nullptr);
    xmlNs* ns = xmlNewNs(model, X(resconv_namespace), X("resconv"));
    xmlSetNs(model, ns);
    xmlNode* order = xmlNewChild(model, ns, X("footnoteOrder"), nullptr);
    for (const auto& f : m_doc.footnotes)
      xmlSetProp(xmlNewChild(order, ns, X("footnote"), nullptr), X("marker"), X(f.marker.c_str()));
  }

  void write_annex(xmlNode* attachments, std::size_t index, const model::Annex& annex) {
    xmlNode* attachment = el(attachments, "attachment");
    std::string prefix = "att_" + std::to_string(index + 1);
    set(attachment, "eId", eid(prefix));
    xmlNode* doc = el(attachment, "doc");
    set(doc, "name", "annex");
    xmlNode* meta = el(doc, "meta");
    xmlNode* identification = el(meta, "identification");
    set(identification, "source", "#resconv");
    frbr(identification, m_work, "!annex_" + std::to_string(index + 1), false);
    prefix += "__";
    if (annex.heading || annex.title) {
      xmlNode* preface = el(doc, "preface");
      int n = 0;
      if (annex.heading) {
        xmlNode* p = el(preface, "p");
        set(p, "eId", eid(prefix + "preface__p_" + std::to_string(++n)));
        text_el(p, "docType", *annex.heading);
      }
      if (annex.title) {
        xmlNode* p = el(preface, "p");
        set(p, "eId", eid(prefix + "preface__p_" + std::to_string(++n)));
        text_el(p, "docTitle", *annex.title);
      }
    }
    write_preamble(doc, prefix, annex.formula, annex.preamble);
    write_main_body(doc, prefix, annex.operative);
  }

  void write_statement(xmlNode* parent) {
    xmlNode* statement = el(parent, "statement");
    set(statement, "name", "resolution");
    set(statement, "contains", "originalVersion");
    xmlNode* meta = el(statement, "meta");
    write_preface(statement);
    write_preamble(statement, "", m_doc.formula, m_doc.preamble);
    write_main_body(statement, "", m_doc.operative);
    write_conclusions(statement);
    if (!m_doc.annexes.empty()) {
      xmlNode* attachments = el(statement, "attachments");
      for (std::size_t i = 0; i < m_doc.annexes.size(); ++i)
        write_annex(attachments, i, m_doc.annexes[i]);
    }
    write_meta(meta, "/!main", true);
    write_references(meta);
    write_notes_and_order(meta);
  }

  const model::Document& m_doc;
  const WriteOptions& m_options;
  const language::Language* m_lang = document_language(m_doc);
  bool m_type_written = false; // The docType of the adoption line (one per preface).
  xmlNs* m_ns = nullptr;
  bool m_component_prefix = false;
  std::map<std::string, const model::Footnote*> m_footnotes;
  std::map<std::string, std::string> m_note_eids;
  std::map<std::string, int> m_counters;
  std::set<std::string> m_eids;
  std::vector<Tlc> m_tlcs;
  std::string m_date = schema_date(m_doc.metadata.adopted).value_or("0001-01-01");
  std::string m_work = work_iri(m_doc.metadata.body, m_date, m_doc.metadata.number);
  std::string m_markup_date = markup_date();

  std::string markup_date() const {
    if (m_options.markup_date == "today") {
      std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
      std::tm tm{};
      gmtime_r(&now, &tm);
      char buffer[16];
      std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
      return buffer;
    }
    return m_options.markup_date.empty() ? m_date : m_options.markup_date;
  }
};

} // namespace

XmlDocPtr write_akn(const model::Document& document, const WriteOptions& options) {
  return Writer(document, options).run();
}

} // namespace resconv::akn
