#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/project.hpp>

#include <algorithm>

namespace resconv::model {
namespace {

struct Projector {
  bool emphasis, strong, footnotes, references, provenance, items, headings;

  void inlines(Inlines& list) const {
    Inlines out;
    for (Inline& in : list) {
      if (auto* e = std::get_if<Emphasis>(&in.value); e && !emphasis) {
        inlines(e->content);
        out.insert(out.end(), e->content.begin(), e->content.end());
      } else if (auto* s = std::get_if<Strong>(&in.value); s && !strong) {
        inlines(s->content);
        out.insert(out.end(), s->content.begin(), s->content.end());
      } else if (auto* r = std::get_if<Reference>(&in.value); r && !references) {
        inlines(r->content);
        out.insert(out.end(), r->content.begin(), r->content.end());
      } else if (std::holds_alternative<FootnoteRef>(in.value) && !footnotes) {
        continue;
      } else {
        if (auto* e2 = std::get_if<Emphasis>(&in.value))
          inlines(e2->content);
        else if (auto* s2 = std::get_if<Strong>(&in.value))
          inlines(s2->content);
        else if (auto* r2 = std::get_if<Reference>(&in.value))
          inlines(r2->content);
        out.push_back(std::move(in));
      }
    }
    list = std::move(out);
  }

  void paragraphs(std::vector<Paragraph>& list) const {
    if (!headings)
      list.erase(std::remove_if(list.begin(), list.end(),
                                [](const Paragraph& p) { return p.kind == Paragraph::Kind::heading; }),
                 list.end());
    for (auto& p : list) {
      inlines(p.content);
      if (!provenance)
        p.provenance.reset();
      if (!items)
        p.items.clear();
      paragraphs(p.quoted);
      paragraphs(p.items);
    }
  }

  void parts(std::vector<Part>& list) const {
    for (auto& part : list) {
      inlines(part.heading);
      if (!provenance)
        part.provenance.reset();
      paragraphs(part.preamble);
      paragraphs(part.operative);
      parts(part.parts);
    }
  }

  void document(Document& d, const std::vector<std::string>& preserves) const {
    if (!has(preserves, "masthead"))
      d.metadata.masthead.clear();
    if (!has(preserves, "distribution"))
      d.metadata.distribution.reset();
    paragraphs(d.preamble);
    paragraphs(d.operative);
    parts(d.parts);
    if (!footnotes)
      d.footnotes.clear();
    for (auto& f : d.footnotes)
      inlines(f.content);
    if (!has(preserves, "annexes"))
      d.annexes.clear();
    for (auto& a : d.annexes) {
      paragraphs(a.preamble);
      paragraphs(a.operative);
      parts(a.parts);
    }
    for (auto& c : d.components)
      document(c, preserves);
  }

  static bool has(const std::vector<std::string>& list, const char* feature) {
    return std::find(list.begin(), list.end(), feature) != list.end();
  }
};

} // namespace

Document project(Document d, const std::vector<std::string>& preserves) {
  Projector p{Projector::has(preserves, "emphasis"),   Projector::has(preserves, "strong"),
              Projector::has(preserves, "footnotes"),  Projector::has(preserves, "references"),
              Projector::has(preserves, "provenance"), Projector::has(preserves, "items"),
              Projector::has(preserves, "headings")};
  p.document(d, preserves);
  normalize(d);
  return d;
}

} // namespace resconv::model
