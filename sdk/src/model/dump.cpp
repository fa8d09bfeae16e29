#include <resconv/sdk/model/dump.hpp>

#include <sstream>

namespace resconv::model {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string opt(const std::optional<std::string>& s) {
  return s ? quote(*s) : "null";
}

void dump_paragraphs(std::ostringstream& out, const std::vector<Paragraph>& list, const std::string& prefix) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Paragraph& p = list[i];
    out << prefix << "[" << i + 1 << "]";
    if (p.kind == Paragraph::Kind::heading)
      out << " heading";
    out << " num=" << opt(p.num);
    if (p.provenance)
      out << " page=" << p.provenance->page;
    out << " " << dump(p.content) << "\n";
    dump_paragraphs(out, p.quoted, prefix + "[" + std::to_string(i + 1) + "].quoted");
    dump_paragraphs(out, p.items, prefix + "[" + std::to_string(i + 1) + "].items");
  }
}

void dump_parts(std::ostringstream& out, const std::vector<Part>& list, const std::string& prefix) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Part& part = list[i];
    std::string here = prefix + "part[" + std::to_string(i + 1) + "]";
    out << here << " num=" << opt(part.num);
    if (part.provenance)
      out << " page=" << part.provenance->page;
    out << " " << dump(part.heading) << "\n";
    dump_paragraphs(out, part.preamble, here + ".preamble");
    dump_paragraphs(out, part.operative, here + ".operative");
    dump_parts(out, part.parts, here + ".");
  }
}

void dump_list(std::ostringstream& out, const std::string& name, const std::vector<std::string>& list) {
  out << name << " [";
  for (std::size_t k = 0; k < list.size(); ++k)
    out << (k ? ", " : "") << quote(list[k]);
  out << "]\n";
}

void dump_document(std::ostringstream& out, const Document& d, const std::string& at) {
  const Metadata& m = d.metadata;
  for (std::size_t i = 0; i < std::size(metadata_text_fields); ++i) {
    if (i == metadata_fields_before_agenda) {
      out << at << "metadata.agenda_items [";
      for (std::size_t k = 0; k < m.agenda_items.size(); ++k)
        out << (k ? ", " : "") << quote(m.agenda_items[k].number)
            << (m.agenda_items[k].title ? " " + quote(*m.agenda_items[k].title) : std::string());
      out << "]\n";
    }
    out << at << "metadata." << metadata_text_fields[i].name << " " << opt(m.*metadata_text_fields[i].member)
        << "\n";
  }
  dump_list(out, at + "metadata.sponsors", m.sponsors);
  dump_list(out, at + "metadata.masthead", m.masthead);
  out << at << "formula " << opt(d.formula) << "\n";
  dump_paragraphs(out, d.preamble, at + "preamble");
  dump_paragraphs(out, d.operative, at + "operative");
  dump_parts(out, d.parts, at);
  for (const auto& f : d.footnotes)
    out << at << "footnote " << quote(f.marker) << " " << dump(f.content) << "\n";
  for (std::size_t i = 0; i < d.annexes.size(); ++i) {
    const Annex& a = d.annexes[i];
    std::string prefix = at + "annex[" + std::to_string(i + 1) + "]";
    out << prefix << ".heading " << opt(a.heading) << "\n";
    out << prefix << ".title " << opt(a.title) << "\n";
    out << prefix << ".formula " << opt(a.formula) << "\n";
    if (a.adopted_in)
      out << prefix << ".adopted_in " << quote(*a.adopted_in) << "\n";
    dump_paragraphs(out, a.preamble, prefix + ".preamble");
    dump_paragraphs(out, a.operative, prefix + ".operative");
    dump_parts(out, a.parts, prefix + ".");
  }
  for (std::size_t i = 0; i < d.components.size(); ++i)
    dump_document(out, d.components[i], at + "component[" + std::to_string(i + 1) + "].");
}

} // namespace

std::string dump(const Inlines& inlines) {
  std::string out = "[";
  bool first = true;
  for (const Inline& in : inlines) {
    if (!first)
      out += ", ";
    first = false;
    std::visit(
        [&out](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Text>)
            out += "Text " + quote(v.text);
          else if constexpr (std::is_same_v<T, Emphasis>)
            out += "Emph" + dump(v.content);
          else if constexpr (std::is_same_v<T, Strong>)
            out += "Strong" + dump(v.content);
          else if constexpr (std::is_same_v<T, FootnoteRef>)
            out += "Note " + quote(v.marker);
          else
            out += "Ref<" + v.target + ">" + dump(v.content);
        },
        in.value);
  }
  return out + "]";
}

std::string dump(const Document& d) {
  std::ostringstream out;
  dump_document(out, d, "");
  return out.str();
}

} // namespace resconv::model
