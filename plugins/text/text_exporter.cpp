#include "text_format.hpp"

#include <resconv/sdk/model/validate.hpp>

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

// "Draft resolution" for a draft without sponsors: the phrase with its first ASCII letter
// capitalised.
std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

bool is_draft(const model::Metadata& m) {
  return m.kind == "draft resolution" || m.kind == "draft decision";
}

struct Writer {
  std::string out;
  const language::Language& lang;

  void block(const std::string& text) {
    if (text.empty())
      return;
    out += text;
    out += "\n\n";
  }

  // Operative numbers print in the language's style ("1. ", "1 - "); item labels as
  // stored, with their brackets ("(a)", "a)", "(أ)", "‘1’"); a heading's number with a
  // period, or alone when the heading has no text ("II"). A paragraph's quotation follows
  // its text, before its items, each quoted paragraph a block with its own number.
  void paragraphs(const std::vector<model::Paragraph>& list, bool items = false,
                  const std::vector<model::Annex>* adopted = nullptr) {
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
      paragraphs(p.quoted, items);
      paragraphs(p.items, true);
      if (adopted != nullptr)
        for (const auto& a : *adopted)
          if (a.adopted_in && *a.adopted_in == p.num.value_or(""))
            adopted_text(a);
    }
  }

  // A part: its number and heading on one line ("I. Revised estimates ..."; the number
  // alone when it has no heading), its preamble, its operative paragraphs, its parts.
  void parts(const std::vector<model::Part>& list) {
    for (const auto& part : list) {
      std::string line = part.num.value_or("");
      std::string heading = inlines(part.heading);
      if (!line.empty() && !heading.empty())
        line += ". ";
      block(line + heading);
      paragraphs(part.preamble);
      paragraphs(part.operative);
      parts(part.parts);
    }
  }

  // What an annex or an adopted text holds after its heading.
  void annex_body(const model::Annex& a) {
    if (a.title && !(a.heading && a.heading->find(*a.title) != std::string::npos))
      block(*a.title);
    if (a.formula)
      block(*a.formula);
    paragraphs(a.preamble);
    paragraphs(a.operative);
    parts(a.parts);
  }

  // A text the resolution adopts, printed after its adopting paragraph: its heading when
  // it has one, its title, then its paragraphs.
  void adopted_text(const model::Annex& a) {
    if (a.heading)
      block(*a.heading);
    annex_body(a);
  }

  // The canonical lines of a draft: symbol, body, distribution, session, agenda items, the
  // sponsors' line ("Argentina and Chile: draft resolution") and the title.
  void draft_preface(const model::Metadata& m) {
    using Role = recognize::CanonicalLine::Role;
    auto lines = recognize::canonical_preface(m, lang);
    for (const auto& line : lines)
      if (line.role == Role::symbol) {
        block(line.text);
        if (m.body)
          block(*m.body);
      }
    if (!m.symbol && m.body)
      block(*m.body);
    for (const auto& line : lines)
      if (line.role == Role::distribution || line.role == Role::session || line.role == Role::agenda ||
          line.role == Role::agenda_title || line.role == Role::origin)
        block(line.text);
    std::string word = lang.phrase(m.kind == "draft decision" ? language::Phrase::draft_decision
                                                              : language::Phrase::draft_resolution);
    block(m.sponsors.empty() ? capitalised(word) : lang.join_list(m.sponsors) + ": " + word);
    bool numbered = false;
    for (const auto& line : lines)
      if (line.role == Role::number_title) {
        block(line.text);
        numbered = true;
      }
    if (!numbered && m.title)
      block(*m.title);
  }

  // The lines before the formula: the masthead as printed when the model has it, else the
  // canonical lines of the metadata.
  void preface(const model::Metadata& m) {
    if (!m.masthead.empty()) {
      for (const auto& line : m.masthead)
        block(line);
      return;
    }
    if (is_draft(m)) {
      draft_preface(m);
      return;
    }
    for (const auto& line : recognize::canonical_preface(m, lang))
      block(line.text);
  }

  // A deliberation's body, closing, annexes and footnotes.
  void deliberation(const model::Document& d, bool component) {
    if (d.formula)
      block(*d.formula);
    paragraphs(d.preamble);
    // Adopted texts follow the operative paragraph that adopts them; one whose paragraph
    // is not there follows the operative paragraphs.
    paragraphs(d.operative, false, &d.annexes);
    for (const auto& a : d.annexes)
      if (a.adopted_in && !adopting_paragraph_present(d.operative, *a.adopted_in))
        adopted_text(a);
    parts(d.parts);
    // A component's adoption line is its heading: its date goes in the closing.
    model::Metadata closing_fields = d.metadata;
    if (component || (!d.metadata.masthead.empty() && !masthead_prints_date(d.metadata)))
      closing_fields.body.reset();
    if (auto closing = recognize::canonical_closing(closing_fields, lang))
      block(*closing);
    for (const auto& a : d.annexes) {
      if (a.adopted_in)
        continue;
      block(a.heading ? *a.heading : lang.phrase(language::Phrase::annex));
      annex_body(a);
    }
    // Footnotes: "¹ text" for numbers, "[^*]: text" for other markers.
    for (const auto& f : d.footnotes)
      block(all_digits(f.marker) ? marker_text(f.marker) + " " + inlines(f.content)
                                 : "[^" + f.marker + "]: " + inlines(f.content));
  }

  // Whether the masthead lines as printed hold the adoption date (spelled in the
  // language); when they do not, the closing carries it, so that it is not lost.
  bool masthead_prints_date(const model::Metadata& m) const {
    if (!m.adopted || !model::is_iso_date(*m.adopted))
      return true;
    std::string spelled = lang.spell_date(*m.adopted);
    for (const auto& line : m.masthead)
      if (line.find(spelled) != std::string::npos)
        return true;
    return false;
  }

  static bool adopting_paragraph_present(const std::vector<model::Paragraph>& list, const std::string& num) {
    return std::any_of(list.begin(), list.end(),
                       [&](const model::Paragraph& p) { return p.num.value_or("") == num; });
  }

  // A deliberation of a collection: its heading as the publication prints it ("Decision
  // 2/CMP.16"), its title, then what it prints before its formula (its masthead lines, or
  // the canonical lines of the fields a heading does not carry).
  void component(const model::Document& c) {
    const auto& m = c.metadata;
    bool decision = m.kind == "decision" || m.kind == "draft decision";
    std::string heading = lang.phrase(decision ? language::Phrase::decision : language::Phrase::resolution);
    block(m.number ? heading + " " + *m.number : heading);
    if (!m.masthead.empty()) {
      for (const auto& line : m.masthead)
        block(line);
    } else {
      using Role = recognize::CanonicalLine::Role;
      if (m.title)
        block(*m.title);
      for (const auto& line : recognize::canonical_preface(m, lang))
        if (line.role != Role::adoption && line.role != Role::number_title)
          block(line.text);
      if (is_draft(m) && !m.sponsors.empty())
        block(lang.join_list(m.sponsors) + ": " + lang.phrase(language::Phrase::draft_resolution));
    }
    deliberation(c, true);
  }
};

// The language of a collection: its own, else its first component's.
const language::Language& collection_language(const model::Document& d) {
  if (!d.metadata.language && !d.components.empty())
    return recognize::document_language(d.components.front());
  return recognize::document_language(d);
}

} // namespace

std::string write_text(const model::Document& d) {
  const language::Language& lang =
      d.is_collection() ? collection_language(d) : recognize::document_language(d);
  Writer w{{}, lang};
  w.preface(d.metadata);
  if (d.is_collection() && d.metadata.masthead.empty() && d.metadata.title && !d.metadata.number)
    w.block(*d.metadata.title);
  w.deliberation(d, false);
  for (const auto& c : d.components)
    w.component(c);
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
