// AKN4UN rules the schema cannot express, and the text conservation invariant.
#include "akn_format.hpp"
#include "akn_names.hpp"

#include <resconv/sdk/model/builder.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <functional>

namespace resconv::akn {

namespace {

// A bare superscript number is read as a footnote call, apart from the word before it.
bool block_element(std::string_view n) {
  return !is_inline_element(n) || n == "sup";
}

// Text of the whole file in document order; block edges (p, num, notes...) separate words.
void collect_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content != nullptr)
        out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      bool block = block_element(name_of(c));
      if (block)
        out += ' ';
      collect_text(c, out);
      if (block)
        out += ' ';
    }
  }
}

// Words for the conservation check, the same on both sides: runs of letters and digits;
// each CJK character a word of its own (Chinese has no spaces, and markup may sit between
// any two characters: "由<docAuthority>大会</docAuthority>"); typographic apostrophes
// separate ("l’<docAuthority>Assemblée"), as the ASCII one does. Other non-ASCII characters
// (letters of every script, Arabic punctuation) belong to the word they touch.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x80) {
      if (std::isalnum(u))
        word += text[i];
      else
        end_word();
      ++i;
      continue;
    }
    std::size_t length = 1;
    char32_t c = language::first_code_point(std::string_view(text).substr(i), &length);
    length = std::max<std::size_t>(length, 1);
    if (c == U'\u2019' || c == U'\u02BC') {
      end_word();
    } else if (language::is_cjk(c)) {
      end_word();
      out.push_back(text.substr(i, length));
    } else {
      word += text.substr(i, length);
    }
    i += length;
  }
  end_word();
  return out;
}

struct ModelText {
  std::string out;
  std::set<std::string> called;
  std::map<std::string, const model::Footnote*> notes;

  // A footnote's text stands at its first call from the text; a call inside a footnote's
  // text only points to its note (`in_note`), as the writer does.
  void inlines(const model::Inlines& list, bool in_note = false) {
    for (const auto& in : list) {
      if (const auto* t = std::get_if<model::Text>(&in.value))
        out += t->text;
      else if (const auto* e = std::get_if<model::Emphasis>(&in.value))
        inlines(e->content, in_note);
      else if (const auto* s = std::get_if<model::Strong>(&in.value))
        inlines(s->content, in_note);
      else if (const auto* r = std::get_if<model::Reference>(&in.value))
        inlines(r->content, in_note);
      else if (const auto* f = std::get_if<model::FootnoteRef>(&in.value)) {
        auto it = notes.find(f->marker);
        if (!in_note && it != notes.end() && called.insert(f->marker).second) {
          out += ' ';
          inlines(it->second->content, true);
          out += ' ';
        }
      }
    }
  }
  // Paragraphs as the writer orders them: number, text, what it quotes, the texts it adopts
  // (`adopted`, for the document's own operative paragraphs), then its items.
  void paragraphs(const std::vector<model::Paragraph>& list, const model::Document* adopted = nullptr) {
    for (const auto& p : list) {
      out += ' ' + p.num.value_or("") + ' ';
      inlines(p.content);
      out += ' ';
      paragraphs(p.quoted);
      if (adopted != nullptr && p.kind == model::Paragraph::Kind::paragraph)
        for (const auto& a : adopted->annexes)
          if (a.adopted_in && *a.adopted_in == p.num.value_or("") && placed.insert(&a).second)
            annex(a);
      paragraphs(p.items);
    }
  }
  void parts(const std::vector<model::Part>& list) {
    for (const auto& part : list) {
      line(part.num);
      inlines(part.heading);
      out += ' ';
      paragraphs(part.preamble);
      paragraphs(part.operative);
      parts(part.parts);
    }
  }
  void annex(const model::Annex& a) {
    line(a.heading);
    line(a.title);
    line(a.formula);
    paragraphs(a.preamble);
    paragraphs(a.operative);
    parts(a.parts);
  }
  void line(const std::optional<std::string>& s) {
    if (s)
      out += ' ' + *s + ' ';
  }
  std::set<const model::Annex*> placed; // Adopted texts written in the body.
};

// The words of one deliberation, or of a publication and then each of its deliberations.
void document_text(const model::Document& d, ModelText& t) {
  const model::Metadata& m = d.metadata;
  if (!d.is_collection()) {
    for (const auto& f : d.footnotes)
      t.notes.emplace(f.marker, &f);
    // Calls first, to know which footnotes sit in meta/notes (they come first in the file).
    ModelText probe = t;
    probe.paragraphs(d.preamble);
    probe.paragraphs(d.operative, &d);
    probe.parts(d.parts);
    for (const auto& a : d.annexes)
      if (!probe.placed.count(&a))
        probe.annex(a);
    std::vector<const model::Footnote*> uncalled;
    for (const auto& f : d.footnotes)
      if (!probe.called.count(f.marker) && t.called.insert(f.marker).second)
        uncalled.push_back(&f);
    for (const auto* f : uncalled) {
      t.out += ' ';
      t.inlines(f->content, true);
      t.out += ' ';
    }
  }
  if (!m.masthead.empty()) {
    for (const auto& line : m.masthead)
      t.line(line);
  } else {
    t.line(m.session);
    for (const auto& a : m.agenda_items)
      t.line(a.number);
    for (const auto& a : m.agenda_items)
      t.line(a.title);
    if (m.body)
      t.line(printed_body(*m.body, document_language(d)));
    t.line(m.origin);
    for (const auto& sponsor : m.sponsors)
      t.line(sponsor);
    t.line(m.number);
    t.line(m.title);
  }
  if (d.is_collection()) {
    for (const auto& c : d.components) {
      ModelText own;
      document_text(c, own);
      t.out += ' ' + own.out + ' ';
    }
    return;
  }
  t.line(d.formula);
  t.paragraphs(d.preamble);
  t.paragraphs(d.operative, &d);
  t.parts(d.parts);
  t.line(m.meeting);
  t.line(m.vote);
  for (const auto& a : d.annexes)
    if (!t.placed.count(&a))
      t.annex(a);
}

} // namespace

std::vector<std::string> content_words(xmlDoc* doc) {
  std::string text;
  if (xmlNode* root = xmlDocGetRootElement(doc))
    collect_text(root, text);
  return words_of(text);
}

std::vector<std::string> model_words(const model::Document& d) {
  ModelText t;
  document_text(d, t);
  return words_of(t.out);
}

namespace {

void walk(xmlNode* node, const std::function<void(xmlNode*)>& visit) {
  for (xmlNode* e : elements(node)) {
    visit(e);
    walk(e, visit);
  }
}

bool well_formed_eid(const std::string& id) {
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0])))
    return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '!' ||
          c == '@'))
      return false;
  return id.back() != '_';
}

// The five words before word k, to find the place a conservation error names.
std::string words_before(const std::vector<std::string>& words, std::size_t k) {
  std::string out;
  for (std::size_t i = k >= 5 ? k - 5 : 0; i < k; ++i)
    out += (out.empty() ? "" : " ") + words[i];
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

int check_rules(xmlDoc* doc, DiagnosticSink& sink, const std::string& file) {
  int errors = 0;
  auto error = [&](const char* code, const std::string& message, const xmlNode* where) {
    ++errors;
    sink.error(code, message, {file, 0, where ? static_cast<int>(xmlGetLineNo(where)) : 0, -1});
  };
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr)
    return 1;

  // eIds: unique and well-formed; all ids known for local references.
  std::map<std::string, xmlNode*> ids;
  walk(root, [&](xmlNode* e) {
    if (!has_attr(e, "eId"))
      return;
    std::string id = attr(e, "eId");
    if (!well_formed_eid(id))
      error("akn.eid", "eId '" + id + "' is not well-formed", e);
    if (!ids.emplace(id, e).second)
      error("akn.eid",
            "eId '" + id + "' is used twice (first on line " + std::to_string(xmlGetLineNo(ids[id])) + ")",
            e);
  });

  // refersTo, local href and source point to something that exists.
  walk(root, [&](xmlNode* e) {
    for (const char* name : {"refersTo", "href", "source", "by"}) {
      if (!has_attr(e, name))
        continue;
      std::istringstream values(attr(e, name));
      std::string value;
      while (values >> value) {
        if (value.front() != '#')
          continue;
        if (!ids.count(value.substr(1)))
          error("akn.unresolved",
                std::string(name) + " '" + value + "' on <" + std::string(name_of(e)) +
                    "> resolves to nothing",
                e);
      }
    }
  });

  // FRBR IRIs agree with FRBRdate and FRBRnumber, and nest work > expression > manifestation.
  walk(root, [&](xmlNode* identification) {
    if (name_of(identification) != "identification")
      return;
    xmlNode* work = child(identification, "FRBRWork");
    xmlNode* expression = child(identification, "FRBRExpression");
    xmlNode* manifestation = child(identification, "FRBRManifestation");
    if (work == nullptr || expression == nullptr || manifestation == nullptr)
      return;
    std::string work_uri = attr(child(work, "FRBRuri"), "value");
    std::string date = attr(child(work, "FRBRdate"), "date");
    if (!work_uri.empty() && !date.empty() && work_uri.find("/" + date + "/") == std::string::npos &&
        !(work_uri.size() > date.size() &&
          work_uri.compare(work_uri.size() - date.size(), date.size(), date) == 0))
      error("akn.frbr", "work IRI '" + work_uri + "' does not hold its FRBRdate " + date, work);
    if (xmlNode* number = child(work, "FRBRnumber")) {
      std::string value = attr(number, "value");
      if (work_uri.size() < value.size() + 1 ||
          work_uri.compare(work_uri.size() - value.size(), value.size(), value) != 0)
        error("akn.frbr", "work IRI '" + work_uri + "' does not end with its FRBRnumber " + value, number);
    }
    std::string work_this = attr(child(work, "FRBRthis"), "value");
    if (!starts_with(work_this, work_uri + "/"))
      error("akn.frbr", "FRBRthis '" + work_this + "' is not inside the work IRI", work);
    std::string expression_uri = attr(child(expression, "FRBRuri"), "value");
    if (!starts_with(expression_uri, work_uri + "/") || expression_uri.find('@') == std::string::npos)
      error("akn.frbr",
            "expression IRI '" + expression_uri + "' does not extend the work IRI with a language",
            expression);
    std::string expression_this = attr(child(expression, "FRBRthis"), "value");
    if (!starts_with(expression_this, expression_uri + "/"))
      error("akn.frbr", "expression FRBRthis '" + expression_this + "' is not inside the expression IRI",
            expression);
    std::string manifestation_uri = attr(child(manifestation, "FRBRuri"), "value");
    if (!starts_with(manifestation_uri, expression_uri))
      error("akn.frbr", "manifestation IRI '" + manifestation_uri + "' does not extend the expression IRI",
            manifestation);
  });

  // Text conservation: every word the model holds stands in the file, in order.
  DiagnosticCollector quiet;
  try {
    model::Document d = read_akn(doc, quiet, file);
    std::vector<std::string> expected = model_words(d);
    std::vector<std::string> present = content_words(doc);
    std::size_t k = 0;
    for (const auto& w : present)
      if (k < expected.size() && w == expected[k])
        ++k;
    if (k < expected.size())
      error("akn.text-conservation",
            "text is out of order or lost: word " + std::to_string(k + 1) + " of " +
                std::to_string(expected.size()) + " ('" + expected[k] + "', after '" +
                words_before(expected, k) + "') is not where the document structure puts it",
            nullptr);
  } catch (const ConversionError& e) {
    error(e.code().c_str(), e.what(), nullptr);
  }
  return errors;
}

} // namespace resconv::akn
