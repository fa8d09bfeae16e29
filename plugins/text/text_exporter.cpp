#include "text_format.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

#include <algorithm>

namespace resconv::text_format {

namespace {

const char* const superscripts[] = {"\xE2\x81\xB0", "\xC2\xB9",     "\xC2\xB2",     "\xC2\xB3",
                                    "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7",
                                    "\xE2\x81\xB8", "\xE2\x81\xB9"};

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string marker_text(const std::string& marker) {
  if (!all_digits(marker))
    return "[^" + marker + "]";
  std::string out;
  for (char c : marker)
    out += superscripts[c - '0'];
  return out;
}

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '\\')
      out += '\\';
    out += c;
  }
  // "[^" would read as a footnote call.
  std::string result;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '[' && i + 1 < out.size() && out[i + 1] == '^')
      result += '\\';
    result += out[i];
  }
  return result;
}

std::string inlines(const model::Inlines& list) {
  std::string out;
  for (const auto& in : list) {
    std::visit(
        [&out](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, model::Text>)
            out += escape(v.text);
          else if constexpr (std::is_same_v<T, model::Emphasis>)
            out += "*" + inlines(v.content) + "*";
          else if constexpr (std::is_same_v<T, model::Strong>)
            out += "**" + inlines(v.content) + "**";
          else if constexpr (std::is_same_v<T, model::FootnoteRef>)
            out += marker_text(v.marker);
          else
            out += inlines(v.content);
        },
        in.value);
  }
  return out;
}

struct Writer {
  std::string out;

  void block(const std::string& text) {
    if (text.empty())
      return;
    out += text;
    out += "\n\n";
  }

  // Operative numbers print in the language's style ("1. ", "1 - "); item labels as
  // stored, with their brackets ("(a)", "a)", "(أ)", "‘1’"); a heading's number with a
  // period, or alone when the heading has no text ("II").
  void paragraphs(const std::vector<model::Paragraph>& list, const language::Language& lang,
                  bool items = false) {
    for (const auto& p : list) {
      std::string text;
      if (p.num) {
        bool heading = p.kind == model::Paragraph::Kind::heading;
        bool bare = heading && p.content.empty();
        bool digits = std::all_of(p.num->begin(), p.num->end(), [](char c) { return c >= '0' && c <= '9'; });
        if (bare)
          text = *p.num;
        else if (heading)
          text = *p.num + (p.num->front() == '(' ? " " : ". ");
        else if (digits && !items)
          text = lang.operative_label(*p.num);
        else
          text = *p.num + " ";
        if (p.content.empty())
          while (!text.empty() && text.back() == ' ')
            text.pop_back();
      }
      text += inlines(p.content);
      block(text);
      paragraphs(p.items, lang, true);
    }
  }
};

} // namespace

std::string write_text(const model::Document& d) {
  Writer w;
  const language::Language& lang = recognize::document_language(d);
  for (const auto& line : recognize::canonical_preface(d.metadata, lang))
    w.block(line.text);
  if (d.formula)
    w.block(*d.formula);
  w.paragraphs(d.preamble, lang);
  w.paragraphs(d.operative, lang);
  if (auto closing = recognize::canonical_closing(d.metadata, lang))
    w.block(*closing);
  for (const auto& a : d.annexes) {
    w.block(a.heading ? *a.heading : lang.phrase(language::Phrase::annex));
    if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos))
      w.block(*a.title);
    if (a.formula)
      w.block(*a.formula);
    w.paragraphs(a.preamble, lang);
    w.paragraphs(a.operative, lang);
  }
  // Footnotes: "¹ text" for numbers, "[^*]: text" for other markers.
  for (const auto& f : d.footnotes)
    w.block(all_digits(f.marker) ? marker_text(f.marker) + " " + inlines(f.content)
                                 : "[^" + f.marker + "]: " + inlines(f.content));
  if (w.out.size() >= 2)
    w.out.pop_back(); // One newline at the end.
  return w.out;
}

void TextExporter::do_export(const model::Document& document, OutputSink& output, const Options&,
                             DiagnosticSink& sink) {
  for (const auto& f : document.footnotes)
    if (!all_digits(f.marker))
      sink.note("text.marker-form", "footnote marker '" + f.marker + "' is written as [^" + f.marker + "]",
                {output.name()});
  output.write(write_text(document));
}

} // namespace resconv::text_format
