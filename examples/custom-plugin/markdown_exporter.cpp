#include "markdown_exporter.hpp"

#include <resconv/sdk/model/document.hpp>

#include <cctype>
#include <string>
#include <type_traits>
#include <variant>

namespace markdown {

using namespace resconv::model;

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>')
      out += '\\';
    out += c;
  }
  return out;
}

namespace {

/// A footnote label Markdown accepts: the marker when it is letters and digits, else
/// "note" and its position ("*" becomes [^note1]).
std::string label_for(const Document& document, const std::string& marker) {
  bool plain = !marker.empty();
  for (unsigned char c : marker)
    plain = plain && std::isalnum(c);
  if (plain)
    return marker;
  for (std::size_t i = 0; i < document.footnotes.size(); ++i)
    if (document.footnotes[i].marker == marker)
      return "note" + std::to_string(i + 1);
  return "note";
}

class Writer {
public:
  Writer(const Document& document, std::string link_base)
      : m_document(document), m_link_base(std::move(link_base)) {}

  std::string inlines(const Inlines& content) const {
    std::string out;
    for (const Inline& item : content)
      out += std::visit([this](const auto& v) { return one(v); }, item.value);
    return out;
  }

  /// A paragraph's text at the start of a line: a leading "#", "-", "+" or "1." would
  /// otherwise start a heading or a list.
  std::string block_text(const Inlines& content) const {
    std::string out = inlines(content);
    std::size_t digits = 0;
    while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits])))
      ++digits;
    if (!out.empty() && (out[0] == '#' || out[0] == '-' || out[0] == '+'))
      out.insert(0, "\\");
    else if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')'))
      out.insert(digits, "\\");
    return out;
  }

  /// Numbered paragraphs become an ordered list (CommonMark keeps the first number), their
  /// items nested bullet lists that show the printed "(a)", headings "##" headings.
  void paragraphs(const std::vector<Paragraph>& list, std::string& out) const {
    for (const Paragraph& p : list) {
      if (p.kind == Paragraph::Kind::heading) {
        out += "## " + (p.num ? escape(*p.num) + ". " : std::string()) + inlines(p.content) + "\n\n";
      } else if (p.num && is_number(*p.num)) {
        out += *p.num + ". " + inlines(p.content) + "\n";
        items(p.items, "   ", out);
        out += "\n";
      } else {
        out += (p.num ? escape(*p.num) + " " + inlines(p.content) : block_text(p.content)) + "\n";
        items(p.items, "", out);
        out += "\n";
      }
    }
  }

private:
  static bool is_number(const std::string& s) {
    if (s.empty() || s.size() > 9)
      return false;
    for (unsigned char c : s)
      if (!std::isdigit(c))
        return false;
    return true;
  }

  void items(const std::vector<Paragraph>& list, const std::string& indent, std::string& out) const {
    for (const Paragraph& item : list) {
      out +=
          indent + "- " + (item.num ? escape(*item.num) + " " : std::string()) + inlines(item.content) + "\n";
      items(item.items, indent + "  ", out);
    }
  }

  std::string one(const Text& t) const { return escape(t.text); }
  std::string one(const Emphasis& e) const { return "*" + inlines(e.content) + "*"; }
  std::string one(const Strong& s) const { return "**" + inlines(s.content) + "**"; }
  std::string one(const FootnoteRef& f) const { return "[^" + label_for(m_document, f.marker) + "]"; }
  std::string one(const Reference& r) const {
    if (m_link_base.empty())
      return inlines(r.content);
    return "[" + inlines(r.content) + "](" + m_link_base + r.target + ")";
  }

  const Document& m_document;
  std::string m_link_base;
};

/// YAML double-quoted scalar.
std::string yaml(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

bool has_provenance(const std::vector<Paragraph>& list) {
  for (const Paragraph& p : list)
    if (p.provenance || has_provenance(p.items))
      return true;
  return false;
}

} // namespace

void MarkdownExporter::do_export(const Document& document, resconv::OutputSink& output,
                                 const resconv::Options& options, resconv::DiagnosticSink& sink) {
  const Metadata& m = document.metadata;
  Writer writer(document, options.get_string("link-base"));
  std::string out;

  if (options.get_bool("front-matter")) {
    out += "---\n";
    auto field = [&out](const char* name, const std::optional<std::string>& value) {
      if (value)
        out += std::string(name) + ": " + yaml(*value) + "\n";
    };
    // The SDK's table of metadata fields, in contract order, with agenda items as a list.
    for (std::size_t i = 0; i < std::size(metadata_text_fields); ++i) {
      if (i == metadata_fields_before_agenda && !m.agenda_items.empty()) {
        out += "agenda_items:\n";
        for (const std::string& item : m.agenda_items)
          out += "  - " + yaml(item) + "\n";
      }
      field(metadata_text_fields[i].name, m.*metadata_text_fields[i].member);
    }
    out += "---\n\n";
  }

  if (m.title)
    out += "# " + escape(*m.title) + "\n\n";
  std::string line;
  for (const auto& part : {m.body, m.symbol, m.meeting,
                           m.adopted ? std::optional("adopted " + *m.adopted) : std::optional<std::string>()})
    if (part)
      line += (line.empty() ? "" : " · ") + escape(*part);
  if (!line.empty())
    out += "*" + line + "*\n\n";

  if (document.formula)
    out += escape(*document.formula) + "\n\n";
  writer.paragraphs(document.preamble, out);
  writer.paragraphs(document.operative, out);
  if (m.vote)
    out += "*" + escape(*m.vote) + "*\n\n";

  for (const Annex& annex : document.annexes) {
    out += "## " + escape(annex.heading.value_or("Annex")) + "\n\n";
    if (annex.title)
      out += "### " + escape(*annex.title) + "\n\n";
    if (annex.formula)
      out += escape(*annex.formula) + "\n\n";
    writer.paragraphs(annex.preamble, out);
    writer.paragraphs(annex.operative, out);
  }

  for (const Footnote& note : document.footnotes)
    out += "[^" + label_for(document, note.marker) + "]: " + writer.inlines(note.content) + "\n";

  // Say what the format cannot keep, so a user is never surprised by a silent loss.
  bool lost_position = has_provenance(document.preamble) || has_provenance(document.operative);
  for (const Annex& annex : document.annexes)
    lost_position = lost_position || has_provenance(annex.preamble) || has_provenance(annex.operative);
  if (lost_position)
    sink.note("markdown.dropped-provenance", "page positions of paragraphs are not written to Markdown",
              {output.name()});

  // Exactly one newline at the end.
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  output.write(out);
}

} // namespace markdown
