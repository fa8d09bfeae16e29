#include "outline_exporter.hpp"

#include <resconv/sdk/model/document.hpp>

#include <type_traits>
#include <variant>

namespace outline {

using namespace resconv::model;

std::string cut(const std::string& text, std::size_t width) {
  std::size_t characters = 0, keep = 0; // keep: bytes of the first width - 1 characters.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
      continue; // A continuation byte of a UTF-8 sequence.
    if (++characters == width)
      keep = i;
  }
  if (characters <= width)
    return text;
  return text.substr(0, keep) + "\xE2\x80\xA6"; // U+2026 HORIZONTAL ELLIPSIS
}

namespace {

/// The words of inline content, without markup: emphasis, calls and references as text.
std::string plain(const Inlines& content) {
  std::string out;
  for (const Inline& item : content)
    std::visit(
        [&out](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Text>)
            out += v.text;
          else if constexpr (std::is_same_v<T, FootnoteRef>)
            out += "[" + v.marker + "]";
          else
            out += plain(v.content);
        },
        item.value);
  return out;
}

class Writer {
public:
  explicit Writer(std::size_t width) : m_width(width) {}

  void line(std::size_t depth, const std::string& text) {
    std::string indent(2 * depth, ' ');
    m_out += cut(indent + text, m_width) + "\n";
  }

  void paragraphs(const std::vector<Paragraph>& list, std::size_t depth) {
    for (const Paragraph& p : list) {
      std::string number;
      if (p.num)
        number = *p.num + (p.num->front() == '(' ? " " : ". ");
      line(depth, number + plain(p.content));
      paragraphs(p.items, depth + 1);
    }
  }

  std::string take() { return std::move(m_out); }

private:
  std::size_t m_width;
  std::string m_out;
};

} // namespace

void OutlineExporter::do_export(const Document& document, resconv::OutputSink& output,
                                const resconv::Options& options, resconv::DiagnosticSink&) {
  // The descriptor bounds width (20 to 1000), so the value needs no check here.
  Writer w(static_cast<std::size_t>(options.get_int("width")));
  const Metadata& m = document.metadata;
  if (m.symbol || m.title)
    w.line(0, m.symbol.value_or("") + (m.symbol && m.title ? "  " : "") + m.title.value_or(""));
  if (options.get_bool("preamble") && !document.preamble.empty()) {
    w.line(0, "preamble");
    w.paragraphs(document.preamble, 1);
  }
  if (!document.operative.empty()) {
    w.line(0, "operative");
    w.paragraphs(document.operative, 1);
  }
  for (const Annex& annex : document.annexes) {
    w.line(0, annex.heading.value_or("annex") + (annex.title ? ": " + *annex.title : ""));
    w.paragraphs(annex.operative, 1);
  }
  output.write(w.take());
}

} // namespace outline
