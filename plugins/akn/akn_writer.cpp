// Model -> Akoma Ntoso (AKN4UN). The layout and every name used here are written down in
// formats/akn/spec.md; eIds follow the AKN naming convention and depend only on the model.
#include "akn_format.hpp"
#include "akn_names.hpp"

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <algorithm>
#include <cctype>
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
    if (m_doc.is_collection()) {
      write_collection(root);
      return doc;
    }
    xmlNode* parent = root;
    if (m_options.publication_wrapper) {
      xmlNode* collection = el(root, "documentCollection");
      set(collection, "name", "publication");
      write_meta(el(collection, "meta"), "/!main", true);
      xmlNode* body = el(collection, "collectionBody");
      xmlNode* component = el(body, "component");
      set(component, "eId", "cmp_1");
      parent = component;
    }
    write_statement(parent);
    return doc;
  }

private:
  // ---------- small helpers ----------

  xmlNode* el(xmlNode* parent, const char* name) { return xmlNewChild(parent, m_ns, X(name), nullptr); }
  static std::string attr_of(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, X(name));
    std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return out;
  }
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
  // In a component of a collection every eId starts with the component's ("cmp_2__"): the
  // schema wants them unique in the whole collection.
  std::string eid(const std::string& wanted) {
    std::string base = wanted.compare(0, m_prefix.size(), m_prefix) == 0 ? wanted : m_prefix + wanted;
    std::string id = base;
    for (int n = 2; !m_eids.insert(id).second; ++n)
      id = base + "_" + std::to_string(n);
    return id;
  }
  // A reference to a TLC or other element of this document by its unprefixed eId.
  std::string local(const std::string& id) const { return "#" + m_prefix + id; }
  void tlc(const std::string& kind, const std::string& unprefixed, const std::string& href,
           const std::string& show_as) {
    std::string id = m_prefix + unprefixed;
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
        set(node, "refersTo", local("resolution"));
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
  // `count` items written by `item(p, i)`, joined as the language joins a list ("21 and
  // 34 (c)", "21 et 34 c)"); a plain comma list without language data. The separators are
  // what join_list puts between placeholders that cannot occur in text.
  void joined_list(xmlNode* p, std::size_t count, const std::function<void(xmlNode*, std::size_t)>& item) {
    std::vector<std::string> holes;
    for (std::size_t i = 0; i < count; ++i)
      holes.push_back("\x1f" + std::to_string(i) + "\x1f");
    std::string joined = m_lang != nullptr ? m_lang->join_list(holes) : std::string();
    std::size_t from = 0;
    for (std::size_t i = 0; i < count; ++i) {
      auto at = joined.find(holes[i], from);
      if (at != std::string::npos) {
        text(p, joined.substr(from, at - from));
        from = at + holes[i].size();
      } else if (i > 0) {
        text(p, ", ");
      }
      item(p, i);
    }
    if (from < joined.size())
      text(p, joined.substr(from));
  }

  // Agenda item i as a ref (its text added by the caller) in the paragraph `pid`.
  xmlNode* agenda_ref(xmlNode* p, std::size_t i, const std::string& pid) {
    const model::Metadata& m = m_doc.metadata;
    xmlNode* ref = el(p, "ref");
    set(ref, "eId", eid(pid + "__ref_" + std::to_string(i + 1)));
    set(ref, "class", "agendaItem");
    set(ref, "href",
        "/akn/un/agenda/" + actor_for(m.body) + "/item_" + number_token(m.agenda_items[i].number));
    return ref;
  }

  // The agenda items as refs, joined with the language's list separators.
  void agenda_refs(xmlNode* p, const std::string& pid) {
    joined_list(p, m_doc.metadata.agenda_items.size(), [&](xmlNode* node, std::size_t i) {
      text(agenda_ref(node, i, pid), m_doc.metadata.agenda_items[i].number);
    });
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
    set(node, "refersTo", local(body_eid(m.body)));
    text(p, form.substr(at + marked.size()));
  }

  void write_preface(xmlNode* statement) {
    const model::Metadata& m = m_doc.metadata;
    std::vector<std::function<void(xmlNode*, const std::string&)>> lines;
    if (m.session)
      lines.push_back([&](xmlNode* p, const std::string&) {
        xmlNode* s = text_el(p, "session", *m.session);
        set(s, "refersTo", local("session"));
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
    // The agenda items' titles as printed under the agenda line, one line each.
    for (const model::AgendaItem& item : m.agenda_items)
      if (item.title)
        lines.push_back([&](xmlNode* p, const std::string&) {
          set(text_el(p, "inline", *item.title), "name", "agendaItemTitle");
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
    if (!m.sponsors.empty())
      lines.push_back([&](xmlNode* p, const std::string&) {
        // The sponsors of a draft, joined as the language joins a list.
        joined_list(p, m.sponsors.size(), [&](xmlNode* node, std::size_t i) {
          set(text_el(node, "docProponent", m.sponsors[i]), "class", "sponsor");
        });
      });
    if (m.number || m.title)
      lines.push_back([&](xmlNode* p, const std::string&) {
        std::map<std::string, std::function<void(xmlNode*)>> fields;
        if (m.number)
          fields["number"] = [&](xmlNode* node) {
            xmlNode* number = text_el(node, "docNumber", *m.number);
            set(number, "refersTo", local("resolutionNumber"));
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
    if (!m.masthead.empty()) {
      write_masthead(statement);
      return;
    }
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

  // ---------- the masthead as printed ----------

  // A field found word for word in the masthead: where, and how its element is made.
  struct Span {
    std::size_t begin = 0, end = 0;
    std::function<xmlNode*(xmlNode*)> open; // Makes the element (text is added after).
  };

  // The masthead as printed (Metadata::masthead): a preface marked class="masthead" with
  // one p per printed line, or per run of lines a field wraps over (the line breaks inside
  // it kept as eol), so the reader gives back the lines exactly. The fields found in the
  // lines word for word are marked where they stand: number, title, session, adoption
  // date, body, origin, agenda items, sponsors. What the lines do not show, the
  // read-back keeps in meta/proprietary (see write_metadata_difference).
  void write_masthead(xmlNode* statement) {
    const model::Metadata& m = m_doc.metadata;
    // The lines joined by one space, and where each line starts in the joined text.
    std::string joined;
    std::vector<std::size_t> starts;
    for (const std::string& line : m.masthead) {
      if (!starts.empty())
        joined += ' ';
      starts.push_back(joined.size());
      joined += line;
    }
    std::vector<Span> spans;
    auto free_at = [&](std::size_t b, std::size_t e) {
      for (const Span& s : spans)
        if (b < s.end && s.begin < e)
          return false;
      return true;
    };
    // The first free occurrence of `value` at or after `from`, word-bounded.
    auto find = [&](const std::string& value, std::size_t from = 0) -> std::optional<std::size_t> {
      if (value.empty())
        return std::nullopt;
      for (auto at = joined.find(value, from); at != std::string::npos; at = joined.find(value, at + 1)) {
        bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(joined[at - 1]));
        std::size_t e = at + value.size();
        bool right = e >= joined.size() || !std::isalnum(static_cast<unsigned char>(joined[e]));
        if (left && right && free_at(at, e))
          return at;
      }
      return std::nullopt;
    };
    auto mark = [&](const std::optional<std::string>& value, std::function<xmlNode*(xmlNode*)> open) {
      if (!value)
        return;
      if (auto at = find(*value))
        spans.push_back({*at, *at + value->size(), std::move(open)});
    };
    mark(m.title, [&](xmlNode* p) { return el(p, "docTitle"); });
    // The number where it heads the title ("99/101. Title") rather than inside the symbol
    // line ("A/RES/99/101"): its last free occurrence before the title, else its first.
    if (m.number) {
      std::optional<std::size_t> best;
      std::size_t title_at = !spans.empty() ? spans.front().begin : joined.size();
      for (auto at = find(*m.number); at && *at < title_at; at = find(*m.number, *at + 1))
        best = at;
      if (!best)
        best = find(*m.number);
      if (best)
        spans.push_back({*best, *best + m.number->size(), [&](xmlNode* p) {
                           xmlNode* node = el(p, "docNumber");
                           set(node, "refersTo", local("resolutionNumber"));
                           tlc("TLCConcept", "resolutionNumber", "/akn/ontology/concept/un/resolutionNumber",
                               "resolution number");
                           return node;
                         }});
    }
    mark(m.session, [&](xmlNode* p) {
      xmlNode* node = el(p, "session");
      set(node, "refersTo", local("session"));
      std::string value = session_value();
      set(node, "value", value);
      tlc("TLCEvent", "session",
          "/akn/ontology/event/un/" + actor_for(m.body) + "/session/" + number_token(value), *m.session);
      return node;
    });
    if (auto date = schema_date(m.adopted); date && m_lang != nullptr)
      mark(m_lang->spell_date(*date), [&, when = *date](xmlNode* p) {
        xmlNode* node = el(p, "docDate");
        set(node, "date", when);
        set(node, "refersTo", local("adoptionDate"));
        tlc("TLCConcept", "adoptionDate", "/akn/ontology/concept/un/adoptionDate", "date of adoption");
        return node;
      });
    if (m.body)
      mark(printed_body(*m.body, m_lang), [&](xmlNode* p) {
        xmlNode* node = el(p, "docAuthority");
        set(node, "refersTo", local(body_eid(m.body)));
        return node;
      });
    mark(m.origin, [&](xmlNode* p) { return el(p, "docProponent"); });
    for (const std::string& sponsor : m.sponsors)
      mark(sponsor, [&](xmlNode* p) {
        xmlNode* node = el(p, "docProponent");
        set(node, "class", "sponsor");
        return node;
      });
    // Agenda numbers after the words of the agenda line ("Agenda item"), in order.
    if (!m.agenda_items.empty() && m_lang != nullptr) {
      const std::string& pattern = m_lang->line_template(
          m.agenda_items.size() > 1 ? language::Line::agenda_items : language::Line::agenda_item);
      std::string label = model::collapse_space(pattern.substr(0, pattern.find('{')));
      std::optional<std::size_t> from = label.empty() ? std::nullopt : find(label);
      for (std::size_t i = 0; from && i < m.agenda_items.size(); ++i) {
        const std::string& number = m.agenda_items[i].number;
        auto at = find(number, *from);
        if (!at)
          break;
        spans.push_back(
            {*at, *at + number.size(), [&, i](xmlNode* p) { return agenda_ref(p, i, m_masthead_pid); }});
        from = *at + number.size();
      }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });

    xmlNode* preface = el(statement, "preface");
    set(preface, "class", "masthead");
    mark_language(preface);
    // The text of [b, e) into `node`, an eol where a printed line ends.
    auto emit = [&](xmlNode* node, std::size_t b, std::size_t e) {
      while (b < e) {
        auto next = std::upper_bound(starts.begin(), starts.end(), b);
        std::size_t line_end = next == starts.end() ? joined.size() : *next - 1; // the joining space
        std::size_t stop = std::min(e, line_end);
        text(node, std::string_view(joined).substr(b, stop - b));
        b = stop;
        if (b < e && b == line_end) {
          el(node, "eol");
          ++b;
        }
      }
    };
    std::size_t line = 0, n = 0, span = 0;
    while (line < starts.size()) {
      // A group: this line and the next ones a span runs into.
      std::size_t last = line;
      auto line_end = [&](std::size_t l) {
        return l + 1 < starts.size() ? starts[l + 1] - 1 : joined.size();
      };
      for (const Span& s : spans)
        while (s.begin < line_end(last) && s.end > line_end(last) && last + 1 < starts.size() &&
               s.begin >= starts[line])
          ++last;
      xmlNode* p = el(preface, "p");
      m_masthead_pid = eid("preface__p_" + std::to_string(++n));
      set(p, "eId", m_masthead_pid);
      std::size_t at = starts[line], end = line_end(last);
      for (; span < spans.size() && spans[span].begin < end; ++span) {
        emit(p, at, spans[span].begin);
        emit(spans[span].open(p), spans[span].begin, spans[span].end);
        at = spans[span].end;
      }
      emit(p, at, end);
      line = last + 1;
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
      xmlNode* p = paragraph_p(node, id + "__p_1", item.content);
      quotation(p, id + "__p_1", item.quoted);
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
      quotation(para, pid, p.quoted);
      if (!p.items.empty())
        block_items(container, id, p.items);
    }
  }

  // ---------- quotations, adopted texts ----------

  // The paragraphs a paragraph quotes, as an embeddedStructure at the end of its p: each a
  // paragraph with its number as printed ("(a)", "12."), headings as hcontainers named
  // "heading". (The schema takes quotedStructure only inside mod, an amendment; a
  // resolution quotes texts it does not amend as well.)
  void quotation(xmlNode* p, const std::string& pid, const std::vector<Paragraph>& quoted) {
    if (quoted.empty())
      return;
    xmlNode* structure = el(p, "embeddedStructure");
    std::string id = eid(pid + "__embeddedStructure_" + std::to_string(++m_counters[pid + "#es"]));
    set(structure, "eId", id);
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      const Paragraph& q = quoted[i];
      std::string base = id + "__" + (q.kind == Paragraph::Kind::heading ? "hcontainer_" : "para_") +
                         (q.num ? token(*q.num) : std::to_string(i + 1));
      if (q.kind == Paragraph::Kind::heading) {
        xmlNode* node = el(structure, "hcontainer");
        std::string hid = eid(base);
        set(node, "eId", hid);
        set(node, "name", "heading");
        if (q.num)
          text_el(node, "num", *q.num);
        if (!q.content.empty())
          inlines(el(node, "heading"), q.content, hid);
        continue;
      }
      xmlNode* node = el(structure, "paragraph");
      std::string qid = eid(base);
      set(node, "eId", qid);
      hierarchy(node, qid, q, false);
    }
  }

  // The adopted texts printed after this operative paragraph (Annex::adopted_in), each an
  // embeddedStructure at the end of its p holding a doc named "adoptedText".
  void adopted_texts(xmlNode* p, const std::string& pid, const std::vector<const model::Annex*>& texts) {
    for (const model::Annex* annex : texts) {
      xmlNode* structure = el(p, "embeddedStructure");
      std::string id = eid(pid + "__embeddedStructure_" + std::to_string(++m_counters[pid + "#es"]));
      set(structure, "eId", id);
      write_annex_doc(structure, id + "__", "adoptedText", "!adopted_" + std::to_string(++m_adopted_written),
                      *annex);
    }
  }

  // The adopted texts that follow the paragraph numbered `num` ("" for an unnumbered one),
  // each given once: the first paragraph that matches takes them.
  std::vector<const model::Annex*> adopted_after(const Paragraph& p) {
    std::vector<const model::Annex*> out;
    for (const model::Annex& annex : m_doc.annexes)
      if (annex.adopted_in && *annex.adopted_in == p.num.value_or("") &&
          m_adopted_placed.insert(&annex).second)
        out.push_back(&annex);
    return out;
  }

  // ---------- main body ----------

  // A paragraph or point: number, then content or a list of its items.
  // `adopted`: the adopted texts printed after it (a paragraph of the document's own body).
  void hierarchy(xmlNode* node, const std::string& id, const Paragraph& p, bool operative_number,
                 const std::vector<const model::Annex*>& adopted = {}) {
    if (p.num)
      text_el(node, "num", operative_number ? *p.num + "." : *p.num);
    // Its text, then what it quotes and the texts it adopts, in one p.
    auto text_p = [&](xmlNode* parent, const std::string& pid) {
      xmlNode* para = paragraph_p(parent, pid, p.content);
      quotation(para, pid, p.quoted);
      adopted_texts(para, pid, adopted);
    };
    if (p.items.empty()) {
      text_p(el(node, "content"), id + "__p_1");
      return;
    }
    xmlNode* list = el(node, "list");
    std::string list_id = eid(id + "__list_1");
    set(list, "eId", list_id);
    if (!p.content.empty() || !p.quoted.empty() || !adopted.empty()) {
      xmlNode* intro = el(list, "intro");
      std::string intro_id = eid(list_id + "__intro");
      set(intro, "eId", intro_id);
      text_p(intro, intro_id + "__p_1");
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

  // `own`: the document's own body, where its adopted texts are printed.
  void write_main_body(xmlNode* parent, const std::string& prefix, const std::vector<Paragraph>& paragraphs,
                       const std::vector<model::Part>& parts, bool own) {
    xmlNode* body = el(parent, "mainBody");
    mark_language(body);
    if (paragraphs.empty() && parts.empty()) {
      // mainBody is mandatory; an empty one holds an empty p.
      xmlNode* p = el(body, "p");
      set(p, "eId", eid(prefix + "mainBody__p_1"));
      return;
    }
    write_paragraphs(body, prefix, paragraphs, own);
    write_parts(body, prefix, parts);
  }

  // Parts: an hcontainer named "part" with its num and heading, its preamble (an hcontainer
  // named "preamble" holding one hcontainer per paragraph, named as the preamble's
  // containers are), its operative paragraphs and its own parts.
  void write_parts(xmlNode* parent, const std::string& prefix, const std::vector<model::Part>& parts) {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const model::Part& part = parts[i];
      xmlNode* node = el(parent, "hcontainer");
      std::string id = eid(prefix + "part_" + (part.num ? token(*part.num) : std::to_string(i + 1)));
      set(node, "eId", id);
      set(node, "name", "part");
      if (part.num)
        text_el(node, "num", *part.num);
      if (!part.heading.empty())
        inlines(el(node, "heading"), part.heading, id);
      if (!part.preamble.empty()) {
        xmlNode* preamble = el(node, "hcontainer");
        std::string pre_id = eid(id + "__preamble");
        set(preamble, "eId", pre_id);
        set(preamble, "name", "preamble");
        for (std::size_t j = 0; j < part.preamble.size(); ++j) {
          const Paragraph& p = part.preamble[j];
          xmlNode* container = el(preamble, "hcontainer");
          std::string cid = eid(pre_id + "__hcontainer_" + std::to_string(j + 1));
          set(container, "eId", cid);
          set(container, "name", container_name(p));
          if (p.num)
            text_el(container, "num", *p.num);
          if (p.kind == Paragraph::Kind::heading) {
            if (!p.content.empty())
              inlines(el(container, "heading"), p.content, cid);
            continue;
          }
          xmlNode* content = el(container, "content");
          xmlNode* para = paragraph_p(content, cid + "__p_1", p.content);
          quotation(para, cid + "__p_1", p.quoted);
          if (!p.items.empty())
            block_items(content, cid, p.items);
        }
      }
      write_paragraphs(node, id + "__", part.operative, false);
      write_parts(node, id + "__", part.parts);
    }
  }

  // Operative paragraphs into `body`; a heading opens a section holding those after it.
  void write_paragraphs(xmlNode* body, const std::string& prefix, const std::vector<Paragraph>& paragraphs,
                        bool own) {
    if (paragraphs.empty())
      return;
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
      hierarchy(node, id, p, true, own ? adopted_after(p) : std::vector<const model::Annex*>{});
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
      set(event, "refersTo", local("meeting"));
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
    set(when, "refersTo", local("adoptionDate"));
    tlc("TLCConcept", "adoptionDate", "/akn/ontology/concept/un/adoptionDate", "date of adoption");
  }

  void frbr(xmlNode* identification, const std::string& work, const std::string& component, bool full) {
    const model::Metadata& m = m_doc.metadata;
    std::string lang = language_to_iso639_2(m.language);
    std::string author = local(body_eid(m.body));
    auto date_el = [&](xmlNode* parent, const std::string& when, const char* name) {
      xmlNode* d = el(parent, "FRBRdate");
      set(d, "date", when);
      set(d, "name", name);
    };
    auto value_el = [&](xmlNode* parent, const char* name, const std::string& value) {
      set(el(parent, name), "value", value);
    };
    const char* date_name = m_doc.is_collection()    ? (schema_date(m.issued) ? "publication" : "unknown")
                            : schema_date(m.adopted) ? "adoption"
                                                     : "unknown";
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
      value_el(w, "FRBRsubtype", m_doc.is_collection() ? "publication" : "deliberation");
      if (m.number) {
        xmlNode* number = el(w, "FRBRnumber");
        set(number, "value", number_token(m.number));
        set(number, "showAs", *m.number);
      }
      value_el(w, "FRBRname", m_doc.is_collection() ? "collection" : statement_name(m.kind));
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
    set(el(f, "FRBRauthor"), "href", local("resconv"));
    if (full)
      value_el(f, "FRBRformat", "xml");
  }

  void write_meta(xmlNode* meta, const std::string& component, bool full) {
    xmlNode* identification = el(meta, "identification");
    set(identification, "source", local("resconv"));
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

  // The TLCs used so far, with the body and resconv (the FRBR authors).
  void write_references(xmlNode* meta) {
    const model::Metadata& m = m_doc.metadata;
    tlc("TLCOrganization", body_eid(m.body),
        m.body ? "/akn/ontology/organization/un/" + actor_for(m.body) : unknown_body_href,
        m.body ? *m.body : "United Nations");
    tlc("TLCOrganization", "resconv", "/akn/ontology/organization/un/resconv", "resconv");
    xmlNode* refs = el(meta, "references");
    set(refs, "source", local("resconv"));
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
      set(notes, "source", local("resconv"));
      // Their eIds first: a note that calls another of them points to it (noteRef).
      std::vector<std::string> ids;
      for (const auto* f : uncalled) {
        ids.push_back(eid("note_" + token(f->marker)));
        m_note_eids.emplace(f->marker, ids.back());
      }
      for (std::size_t i = 0; i < uncalled.size(); ++i) {
        xmlNode* note = el(notes, "note");
        set(note, "eId", ids[i]);
        set(note, "marker", uncalled[i]->marker);
        set(note, "placement", "bottom");
        xmlNode* p = el(note, "p");
        std::string pid = eid(ids[i] + "__p_1");
        set(p, "eId", pid);
        inlines(p, uncalled[i]->content, pid, true);
      }
    }
    if (m_doc.footnotes.empty())
      return;
    xmlNode* order = resconv_child(resconv_model(meta), "footnoteOrder");
    for (const auto& f : m_doc.footnotes)
      xmlSetProp(resconv_child(order, "footnote"), X("marker"), X(f.marker.c_str()));
  }

  void write_annex(xmlNode* attachments, std::size_t index, const model::Annex& annex) {
    xmlNode* attachment = el(attachments, "attachment");
    std::string prefix = "att_" + std::to_string(index + 1);
    set(attachment, "eId", eid(prefix));
    write_annex_doc(attachment, prefix + "__", "annex", "!annex_" + std::to_string(index + 1), annex);
  }

  // An annex or an adopted text as a doc: its heading (docType) and title (docTitle) in the
  // preface, its preamble, its paragraphs and parts in mainBody.
  void write_annex_doc(xmlNode* parent, const std::string& prefix, const char* name,
                       const std::string& component, const model::Annex& annex) {
    xmlNode* doc = el(parent, "doc");
    set(doc, "name", name);
    xmlNode* meta = el(doc, "meta");
    xmlNode* identification = el(meta, "identification");
    set(identification, "source", local("resconv"));
    frbr(identification, m_work, component, false);
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
    write_main_body(doc, prefix, annex.operative, annex.parts, false);
  }

  void write_statement(xmlNode* parent) {
    xmlNode* statement = el(parent, "statement");
    set(statement, "name", statement_name(m_doc.metadata.kind));
    set(statement, "contains", "originalVersion");
    xmlNode* meta = el(statement, "meta");
    write_preface(statement);
    write_preamble(statement, "", m_doc.formula, m_doc.preamble);
    write_main_body(statement, "", m_doc.operative, m_doc.parts, true);
    write_conclusions(statement);
    // Annexes proper, and adopted texts whose paragraph is missing (an invalid model).
    std::vector<const model::Annex*> attached;
    for (const model::Annex& annex : m_doc.annexes)
      if (!m_adopted_placed.count(&annex))
        attached.push_back(&annex);
    if (!attached.empty()) {
      xmlNode* attachments = el(statement, "attachments");
      for (std::size_t i = 0; i < attached.size(); ++i)
        write_annex(attachments, i, *attached[i]);
    }
    write_meta(meta, "/!main", true);
    write_references(meta);
    write_notes_and_order(meta);
    write_metadata_difference(meta, read_akn_metadata(statement));
  }

  // A publication of several deliberations: a documentCollection named "collection" with
  // the publication's meta and masthead, each deliberation a statement in a component of
  // its own (cmp_1, cmp_2...), written by a writer of its own: its eIds, references and
  // footnotes are its own, as a document standing alone would have them.
  void write_collection(xmlNode* root) {
    xmlNode* collection = el(root, "documentCollection");
    set(collection, "name", "collection");
    set(collection, "contains", "originalVersion");
    xmlNode* meta = el(collection, "meta");
    write_preface(collection);
    xmlNode* body = el(collection, "collectionBody");
    for (std::size_t i = 0; i < m_doc.components.size(); ++i) {
      xmlNode* component = el(body, "component");
      set(component, "eId", eid("cmp_" + std::to_string(i + 1)));
      Writer writer(m_doc.components[i], m_options);
      writer.m_ns = m_ns;
      writer.m_prefix = attr_of(component, "eId") + "__";
      writer.write_statement(component);
    }
    write_meta(meta, "/!main", true);
    write_references(meta);
    write_metadata_difference(meta, read_akn_metadata(collection));
  }

  // What the reader would not give back of the model's metadata (a field the markup does
  // not show, a kind the statement's name does not tell, masthead lines, the agenda
  // items' titles...) goes to meta/proprietary as resconv:metadata, field by field; the
  // reader applies it last. An AKN written from a model therefore reads back to it exactly.
  void write_metadata_difference(xmlNode* meta, const model::Metadata& read) {
    const model::Metadata& m = m_doc.metadata;
    xmlNode* node = nullptr;
    auto holder = [&]() -> xmlNode* {
      if (node == nullptr)
        node = resconv_child(resconv_model(meta), "metadata");
      return node;
    };
    for (const model::MetadataTextField& field : model::metadata_text_fields) {
      if (m.*field.member == read.*field.member)
        continue;
      xmlNode* f = resconv_child(holder(), "field");
      xmlSetProp(f, X("name"), X(field.name));
      if (m.*field.member)
        xmlSetProp(f, X("value"), X((m.*field.member)->c_str()));
      else
        xmlSetProp(f, X("absent"), X("true"));
    }
    if (m.agenda_items != read.agenda_items) {
      xmlNode* list = resconv_child(holder(), "agendaItems");
      for (const model::AgendaItem& item : m.agenda_items) {
        xmlNode* e = resconv_child(list, "item");
        xmlSetProp(e, X("number"), X(item.number.c_str()));
        if (item.title)
          xmlSetProp(e, X("title"), X(item.title->c_str()));
      }
    }
    auto lines = [&](const std::vector<std::string>& mine, const std::vector<std::string>& theirs,
                     const char* list_name, const char* item_name) {
      if (mine == theirs)
        return;
      xmlNode* list = resconv_child(holder(), list_name);
      for (const std::string& value : mine)
        xmlSetProp(resconv_child(list, item_name), X("value"), X(value.c_str()));
    };
    lines(m.sponsors, read.sponsors, "sponsors", "sponsor");
    lines(m.masthead, read.masthead, "masthead", "line");
  }

  // meta/proprietary/resconv:model, made on first use.
  xmlNode* resconv_model(xmlNode* meta) {
    if (m_model != nullptr)
      return m_model;
    xmlNode* proprietary = el(meta, "proprietary");
    set(proprietary, "source", local("resconv"));
    m_model = xmlNewChild(proprietary, nullptr, X("model"), nullptr);
    m_resconv_ns = xmlNewNs(m_model, X(resconv_namespace), X("resconv"));
    xmlSetNs(m_model, m_resconv_ns);
    return m_model;
  }
  xmlNode* resconv_child(xmlNode* parent, const char* name) {
    return xmlNewChild(parent, m_resconv_ns, X(name), nullptr);
  }

  const model::Document& m_doc;
  const WriteOptions& m_options;
  const language::Language* m_lang = document_language(m_doc);
  bool m_type_written = false;                    // The docType of the adoption line (one per preface).
  std::string m_masthead_pid;                     // The eId of the masthead line being written.
  std::string m_prefix;                           // "cmp_N__" in a component of a collection.
  std::set<const model::Annex*> m_adopted_placed; // Adopted texts written in the body.
  int m_adopted_written = 0;
  xmlNode* m_model = nullptr; // meta/proprietary/resconv:model, once made.
  xmlNs* m_resconv_ns = nullptr;
  xmlNs* m_ns = nullptr;
  std::map<std::string, const model::Footnote*> m_footnotes;
  std::map<std::string, std::string> m_note_eids;
  std::map<std::string, int> m_counters;
  std::set<std::string> m_eids;
  std::vector<Tlc> m_tlcs;
  // A deliberation's work is dated by its adoption, a publication's by its issue.
  std::string m_date = schema_date(m_doc.is_collection() ? m_doc.metadata.issued : m_doc.metadata.adopted)
                           .value_or("0001-01-01");
  std::string m_work = m_doc.is_collection()
                           ? collection_work_iri(m_doc.metadata.body, m_date, m_doc.metadata.symbol)
                           : work_iri(m_doc.metadata.body, m_date, m_doc.metadata.number);
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
