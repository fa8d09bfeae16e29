#include "text_format.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>

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

  void paragraphs(const std::vector<model::Paragraph>& list) {
    for (const auto& p : list) {
      std::string text;
      if (p.num) {
        // Operative numbers print with a period; item numbers carry their brackets; a
        // heading's number stands alone when it has no text ("II").
        text = *p.num;
        bool bare = p.kind == model::Paragraph::Kind::heading && p.content.empty();
        if (text.front() != '(' && !bare)
          text += ".";
        if (!p.content.empty())
          text += " ";
      }
      text += inlines(p.content);
      block(text);
      paragraphs(p.items);
    }
  }
};

std::string agenda_line(const std::vector<std::string>& items) {
  std::string out = items.size() > 1 ? "Agenda items " : "Agenda item ";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string long_date(const std::string& iso) {
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  if (!model::is_iso_date(iso))
    return iso;
  int month = std::stoi(iso.substr(5, 2));
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[month - 1] + " " + iso.substr(0, 4);
}

} // namespace

std::string write_text(const model::Document& d) {
  Writer w;
  const model::Metadata& m = d.metadata;
  if (m.symbol)
    w.block(*m.symbol);
  if (m.issued)
    w.block("Distr.: General " + long_date(*m.issued));
  if (m.session)
    w.block(*m.session);
  if (!m.agenda_items.empty())
    w.block(agenda_line(m.agenda_items));
  bool adoption_line = false;
  if (m.body) {
    bool council = m.meeting && m.meeting->find("plenary") == std::string::npos;
    std::string line = (council ? "Adopted by the " : "Resolution adopted by the ") + *m.body;
    if (council)
      line += " at its " + *m.meeting;
    if (m.adopted)
      line += (council ? ", on " : " on ") + long_date(*m.adopted);
    w.block(line);
    adoption_line = true;
  }
  if (m.origin)
    w.block("[" + *m.origin + "]");
  if (m.number) {
    bool with_year = m.number->find('(') != std::string::npos;
    if (with_year)
      w.block("Resolution " + *m.number + (m.title ? " " + *m.title : ""));
    else
      w.block(*m.number + "." + (m.title ? " " + *m.title : ""));
  }
  if (d.formula)
    w.block(*d.formula);
  w.paragraphs(d.preamble);
  w.paragraphs(d.operative);
  if (m.meeting || m.vote) {
    bool council = !m.meeting || m.meeting->find("plenary") == std::string::npos;
    std::string closing = council ? "Adopted" : "";
    if (m.meeting)
      closing += (council ? " at the " : "") + *m.meeting;
    if (m.adopted && !adoption_line)
      closing += " " + long_date(*m.adopted);
    if (m.vote)
      closing += " " + *m.vote;
    w.block(council ? closing + "." : closing);
  }
  for (const auto& a : d.annexes) {
    w.block(a.heading ? *a.heading : "Annex");
    if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos))
      w.block(*a.title);
    if (a.formula)
      w.block(*a.formula);
    w.paragraphs(a.preamble);
    w.paragraphs(a.operative);
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
