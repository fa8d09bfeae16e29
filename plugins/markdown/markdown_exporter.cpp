#include "markdown_format.hpp"

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/walk.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

namespace resconv::markdown_format {

using namespace resconv::model;

namespace {

// ---- Characters around emphasis delimiters ------------------------------------------

/// How CommonMark's flanking rules see a character next to a `*` run.
enum class CharClass { none, space, punct, other, unknown };

char32_t decode_at(const std::string& s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80)
    return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  return cp;
}

CharClass classify(char32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
      return CharClass::space;
    return std::isalnum(static_cast<int>(cp)) ? CharClass::other : CharClass::punct;
  }
  if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000)
    return CharClass::space;
  if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) || cp == 0xA1 || cp == 0xA7 ||
      cp == 0xAB || cp == 0xB6 || cp == 0xB7 || cp == 0xBB || cp == 0xBF || (cp >= 0x3001 && cp <= 0x3003) ||
      (cp >= 0x3008 && cp <= 0x3011))
    return CharClass::punct;
  // Letters of the scripts UN documents are printed in (Latin, Greek, Cyrillic, Arabic, CJK).
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x3FF) ||
      (cp >= 0x400 && cp <= 0x4FF) || (cp >= 0x621 && cp <= 0x64A) || (cp >= 0x4E00 && cp <= 0x9FFF))
    return CharClass::other;
  return CharClass::unknown;
}

CharClass first_class(const std::string& s) {
  return s.empty() ? CharClass::none : classify(decode_at(s, 0));
}

CharClass last_class(const std::string& s) {
  if (s.empty())
    return CharClass::none;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
    --i;
  return classify(decode_at(s, i));
}

/// Whether `content` between `*` runs reads as emphasis when `before` and `after` are the
/// classes of the characters outside the runs (CommonMark 6.2, left- and right-flanking).
bool delimiters_work(const std::string& content, CharClass before, CharClass after) {
  if (content.empty() || content.front() == '*' || content.back() == '*')
    return false; // An empty run, or one that would merge with a nested run.
  CharClass first = first_class(content), last = last_class(content);
  if (first == CharClass::space || last == CharClass::space || first == CharClass::unknown ||
      last == CharClass::unknown || before == CharClass::unknown || after == CharClass::unknown)
    return false;
  auto loose = [](CharClass c) {
    return c == CharClass::none || c == CharClass::space || c == CharClass::punct;
  };
  if (first == CharClass::punct && !loose(before))
    return false;
  if (last == CharClass::punct && !loose(after))
    return false;
  return true;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool plain_label(const std::string& marker) {
  return !marker.empty() &&
         std::all_of(marker.begin(), marker.end(), [](unsigned char c) { return std::isalnum(c); });
}

/// CommonMark allows at most nine digits in an ordered list marker.
constexpr std::size_t max_list_number_digits = 9;

/// A paragraph number CommonMark can write as an ordered list marker and read back
/// unchanged: 1-9 digits, no leading zero ("07" would come back as 7).
bool list_number(const std::string& num) {
  return all_digits(num) && num.size() <= max_list_number_digits && (num.size() == 1 || num[0] != '0');
}

/// The printed number before a paragraph's text, as the text format prints it: "3."
/// and "IV." with their period, "(a)" as it is, a heading's number alone when the heading
/// has no text.
std::string printed_number(const Paragraph& p) {
  std::string text = escape_inline(*p.num);
  bool bare = p.kind == Paragraph::Kind::heading && p.content.empty();
  if (!p.num->empty() && p.num->front() != '(' && p.num->back() != '.' && !bare)
    text += ".";
  return text;
}

std::string escape_heading(std::string text) {
  // A run of # at the end of a heading would be read as its closing sequence.
  std::string out;
  for (char c : text) {
    if (c == '#')
      out += '\\';
    out += c;
  }
  return out;
}

/// YAML double-quoted scalar (YAML 1.2, 7.3.1).
std::string yaml(const std::string& value) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else if (c == 0xE2 && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(value[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(value[i + 2]) == 0xA9)) {
      // U+2028 and U+2029 are line breaks to YAML 1.1 readers: written as escapes.
      out += static_cast<unsigned char>(value[i + 2]) == 0xA8 ? "\\L" : "\\P";
      i += 2;
    } else if (c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0x85) {
      out += "\\N"; // U+0085, the other YAML 1.1 line break.
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

bool has_provenance(const std::vector<Paragraph>& list) {
  return std::any_of(list.begin(), list.end(),
                     [](const Paragraph& p) { return p.provenance || has_provenance(p.items); });
}

void collect_calls(const Inlines& content, std::set<std::string>& calls);

void collect_calls(const std::vector<Paragraph>& list, std::set<std::string>& calls) {
  for (const Paragraph& p : list) {
    collect_calls(p.content, calls);
    collect_calls(p.quoted, calls);
    collect_calls(p.items, calls);
  }
}

void collect_calls(const Inlines& content, std::set<std::string>& calls) {
  for (const Inline& item : content)
    std::visit(
        [&calls](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, FootnoteRef>)
            calls.insert(v.marker);
          else if constexpr (!std::is_same_v<T, Text>)
            collect_calls(v.content, calls);
        },
        item.value);
}

// ---- The writer ----------------------------------------------------------------------

class Writer {
public:
  /// `prefix` starts every footnote label: the deliberations of a collection number their
  /// footnotes each from 1, and the labels of one file must differ ("d2-1").
  Writer(const Document& document, std::string link_base, const std::string& prefix = {})
      : m_link_base(std::move(link_base)) {
    std::set<std::string> calls;
    model::for_each_own_paragraph_list(
        document, [&calls](const std::vector<Paragraph>& list) { collect_calls(list, calls); });
    for (const Footnote& f : document.footnotes)
      collect_calls(f.content, calls);
    // A label per footnote: the marker when it is letters and digits, else "note-" and its
    // position ("*" becomes note-1; no plain marker holds a hyphen, so none clashes).
    for (std::size_t i = 0; i < document.footnotes.size(); ++i) {
      const std::string& marker = document.footnotes[i].marker;
      if (m_labels.count(marker) == 0 && calls.count(marker) > 0)
        m_labels[marker] = prefix + (plain_label(marker) ? marker : "note-" + std::to_string(i + 1));
    }
  }

  /// The label of a called footnote, or nothing for an uncalled one or an unknown marker.
  const std::string* label(const std::string& marker) const {
    auto it = m_labels.find(marker);
    return it == m_labels.end() ? nullptr : &it->second;
  }

  std::string inlines(const Inlines& content) const {
    std::string out;
    for (std::size_t i = 0; i < content.size(); ++i) {
      const Inline& item = content[i];
      if (const auto* e = std::get_if<Emphasis>(&item.value))
        delimited(out, inlines(e->content), "*", "em", next_class(content, i));
      else if (const auto* s = std::get_if<Strong>(&item.value))
        delimited(out, inlines(s->content), "**", "strong", next_class(content, i));
      else
        out += std::visit([this](const auto& v) { return one(v); }, item.value);
    }
    return out;
  }

  void block(std::string text) {
    if (text.empty())
      return;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
      text.pop_back(); // Trailing spaces would be a hard line break.
    m_out += text;
    m_out += "\n\n";
  }

  void heading(int level, const std::string& text) {
    block(std::string(static_cast<std::size_t>(level), '#') + " " + escape_heading(text));
  }

  /// Lines of one paragraph, joined by hard line breaks (a backslash at the end of a line).
  void lines(const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& line : list) {
      std::string guarded = guard_line_start(line);
      if (guarded.empty())
        continue;
      text += (text.empty() ? "" : "\\\n") + guarded;
    }
    block(text);
  }

  /// Paragraphs, items and headings. Runs of numbered paragraphs become ordered lists;
  /// where the numbers break their sequence ("4" after "2"), the delimiter switches
  /// between "." and ")" so that a new list starts with the printed number (CommonMark
  /// renumbers the items of one list from its first).
  /// A text adopted after a paragraph: the paragraph's number ("" when unnumbered) and
  /// what to write there.
  using AdoptedWriter = std::function<void(const std::string& num)>;

  void paragraphs(const std::vector<Paragraph>& list, int heading_level, const AdoptedWriter& adopted = {}) {
    std::uint64_t expected = 0; // The number that continues the current list; 0: no list.
    char delimiter = '.';
    for (const Paragraph& p : list) {
      if (p.kind == Paragraph::Kind::heading) {
        expected = 0;
        delimiter = '.';
        heading(heading_level,
                (p.num ? printed_number(p) + (p.content.empty() ? "" : " ") : "") + inlines(p.content));
        block(quote_block(p.quoted, ""));
        items(p.items, "");
      } else if (p.num && list_number(*p.num)) {
        std::uint64_t n = std::stoull(*p.num);
        if (expected != 0 && n != expected)
          delimiter = delimiter == '.' ? ')' : '.';
        expected = n + 1;
        m_list_delimiter = delimiter;
        std::string marker = *p.num + delimiter + " ";
        std::string indent(marker.size(), ' ');
        std::string text = marker + guard_line_start(inlines(p.content));
        // The quotation inside the list item, before its items.
        if (std::string quote = quote_block(p.quoted, indent); !quote.empty())
          text += "\n\n" + quote + (p.items.empty() ? "" : "\n");
        text += item_lines(p.items, indent);
        block(text);
      } else {
        expected = 0;
        delimiter = '.';
        std::string text = p.num ? printed_number(p) + " " + inlines(p.content) : inlines(p.content);
        if (p.quoted.empty()) {
          block(guard_line_start(text) + item_lines(p.items, ""));
        } else {
          block(guard_line_start(text));
          block(quote_block(p.quoted, ""));
          items(p.items, "");
        }
      }
      if (adopted) {
        std::size_t before = m_out.size();
        char own = m_list_delimiter;
        m_list_delimiter = 0;
        adopted(p.num.value_or(""));
        if (m_out.size() != before) {
          // The paragraphs after an adopted text start a list of their own: with the other
          // delimiter when the adopted text ended in a list, which would run on otherwise.
          expected = 0;
          if (m_list_delimiter != 0)
            delimiter = m_list_delimiter == '.' ? ')' : '.';
        } else {
          m_list_delimiter = own;
        }
      }
    }
  }

  std::string take() {
    while (m_out.size() > 1 && m_out.back() == '\n' && m_out[m_out.size() - 2] == '\n')
      m_out.pop_back(); // Exactly one newline at the end.
    return std::move(m_out);
  }

  std::string& raw() { return m_out; }

private:
  /// Sub-items as a bullet list that shows each printed label ("(a)"), indented under the
  /// paragraph they belong to; one line each, so the list is tight.
  std::string item_lines(const std::vector<Paragraph>& list, const std::string& indent) const {
    std::string out;
    for (const Paragraph& item : list) {
      std::string text =
          item.num ? printed_number(item) + " " + inlines(item.content) : inlines(item.content);
      out += "\n" + indent + "- " + guard_line_start(text);
      if (std::string quote = quote_block(item.quoted, indent + "  "); !quote.empty())
        out += "\n" + quote;
      out += item_lines(item.items, indent + "  ");
    }
    return out;
  }

  /// Quoted paragraphs as a block quote, each indented by `indent` and led by "> ": each
  /// quoted paragraph its own paragraph of the quote, its items a list, its own quotation a
  /// nested quote.
  std::string quote_block(const std::vector<Paragraph>& list, const std::string& indent) const {
    std::vector<std::string> lines;
    quote_lines(list, lines);
    std::string out;
    for (const std::string& line : lines)
      out += (out.empty() ? "" : "\n") + indent + (line.empty() ? ">" : "> " + line);
    return out;
  }

  void quote_lines(const std::vector<Paragraph>& list, std::vector<std::string>& lines) const {
    for (const Paragraph& p : list) {
      if (!lines.empty())
        lines.emplace_back();
      std::string text = p.num ? printed_number(p) + " " + inlines(p.content) : inlines(p.content);
      if (p.kind == Paragraph::Kind::heading)
        text = "**" + text + "**";
      lines.push_back(guard_line_start(text));
      if (!p.quoted.empty()) {
        std::vector<std::string> inner;
        quote_lines(p.quoted, inner);
        lines.emplace_back();
        for (const std::string& line : inner)
          lines.push_back(line.empty() ? ">" : "> " + line);
      }
      std::string sub = item_lines(p.items, "");
      std::size_t at = 0;
      while (at < sub.size()) {
        std::size_t end = sub.find('\n', at + 1);
        lines.push_back(sub.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1));
        at = end == std::string::npos ? sub.size() : end;
      }
    }
  }

  void items(const std::vector<Paragraph>& list, const std::string& indent) {
    std::string text = item_lines(list, indent);
    if (!text.empty())
      block(text.substr(1));
  }

  CharClass next_class(const Inlines& content, std::size_t i) const {
    if (i + 1 >= content.size())
      return CharClass::none;
    const Inline& next = content[i + 1];
    if (std::holds_alternative<Emphasis>(next.value) || std::holds_alternative<Strong>(next.value))
      return CharClass::punct; // Starts with "*" or "<".
    return first_class(std::visit([this](const auto& v) { return one(v); }, next.value));
  }

  /// Emphasis or strong content between `run` delimiters where CommonMark reads them so,
  /// else between HTML tags (CommonMark keeps inline HTML). Spaces at either end of the
  /// content go outside the delimiters, where they can be.
  static void delimited(std::string& out, std::string content, const char* run, const char* tag,
                        CharClass after) {
    std::size_t lead = 0;
    while (lead < content.size() && content[lead] == ' ')
      ++lead;
    std::string leading = content.substr(0, lead);
    content.erase(0, lead);
    std::string trailing;
    while (!content.empty() && content.back() == ' ') {
      trailing += ' ';
      content.pop_back();
    }
    out += leading;
    if (content.empty()) {
      out += trailing;
      return;
    }
    CharClass before = out.empty() ? CharClass::none : last_class(out);
    if (!out.empty() && out.back() == '*')
      before = CharClass::unknown; // The previous emphasis's run would merge with ours.
    if (!trailing.empty())
      after = CharClass::space;
    if (delimiters_work(content, before, after))
      out += run + content + run;
    else
      out += std::string("<") + tag + ">" + content + "</" + tag + ">";
    out += trailing;
  }

  std::string one(const Text& t) const { return escape_inline(t.text); }
  std::string one(const Emphasis& e) const { return "*" + inlines(e.content) + "*"; }
  std::string one(const Strong& s) const { return "**" + inlines(s.content) + "**"; }
  std::string one(const FootnoteRef& f) const {
    if (const std::string* l = label(f.marker))
      return "[^" + *l + "]";
    return escape_inline("[^" + f.marker + "]"); // A call without a note: its marker as text.
  }
  std::string one(const Reference& r) const {
    std::string content = inlines(r.content);
    if (m_link_base.empty() || content.empty())
      return content;
    return "[" + content + "](" + encode_destination(m_link_base + r.target) + ")";
  }

  std::string m_link_base;
  char m_list_delimiter = 0; // The delimiter of the last ordered list item written.
  std::map<std::string, std::string> m_labels;
  std::string m_out;
};

// The lines of a masthead paragraph: the lines as printed when the model has them; else
// symbol, body, session, agenda item titles, the sponsors of a draft and the origin, each as
// the model holds it.
std::vector<std::string> masthead_lines(const Metadata& m) {
  std::vector<std::string> lines;
  if (!m.masthead.empty()) {
    for (const std::string& line : m.masthead)
      lines.push_back(escape_inline(line));
    return lines;
  }
  for (const auto* field : {&m.symbol, &m.body, &m.session})
    if (*field)
      lines.push_back(escape_inline(**field));
  for (const model::AgendaItem& item : m.agenda_items)
    if (item.title)
      lines.push_back(escape_inline(*item.title));
  if (!m.sponsors.empty()) {
    std::string sponsors;
    for (std::size_t i = 0; i < m.sponsors.size(); ++i)
      sponsors += (i == 0 ? "" : ", ") + m.sponsors[i];
    lines.push_back(escape_inline(sponsors));
  }
  if (m.origin)
    lines.push_back(escape_inline(*m.origin));
  return lines;
}

// A deliberation's heading in a publication: its kind as the language prints it and its
// number ("Decision 2/CMP.16"), else its number alone; empty when it has neither.
std::string component_heading(const Document& d) {
  const Metadata& m = d.metadata;
  if (!m.number)
    return {};
  if (m.kind != "decision" && m.kind != "resolution")
    return *m.number;
  const language::Language& lang = recognize::document_language(d);
  return lang.phrase(m.kind == "decision" ? language::Phrase::decision : language::Phrase::resolution) + " " +
         *m.number;
}

// Parts as headings one level below `level` ("## I. Title"), their paragraphs below them.
void parts(Writer& w, const std::vector<Part>& list, int level) {
  for (const Part& part : list) {
    std::string heading = part.num ? escape_inline(*part.num) : "";
    std::string text = w.inlines(part.heading);
    if (!heading.empty() && !text.empty())
      heading += ". ";
    w.heading(std::min(level, 6), heading + text);
    w.paragraphs(part.preamble, std::min(level + 1, 6));
    w.paragraphs(part.operative, std::min(level + 1, 6));
    parts(w, part.parts, level + 1);
  }
}

// An annex's formula, paragraphs and parts, its headings from `level`.
void annex_body(Writer& w, const Annex& annex, int level) {
  if (annex.formula)
    w.block(guard_line_start(escape_inline(*annex.formula)));
  w.paragraphs(annex.preamble, std::min(level, 6));
  w.paragraphs(annex.operative, std::min(level, 6));
  parts(w, annex.parts, level);
}

// One deliberation under a heading of `level`: `heading` and its title ("Decision 1/CP.40:
// Title"; the title alone when `heading` is empty), masthead, body, closing, annexes and
// footnotes.
std::string deliberation(Writer& w, const Document& document, int level, const std::string& heading) {
  const Metadata& m = document.metadata;
  std::string title = heading.empty() ? "" : escape_inline(heading);
  if (m.title)
    title += (title.empty() ? "" : ": ") + escape_inline(*m.title);
  if (!title.empty())
    w.heading(level, title);
  std::vector<std::string> masthead = masthead_lines(m);
  w.lines(masthead);

  if (document.formula)
    w.block(guard_line_start(escape_inline(document.formula.value())));
  w.paragraphs(document.preamble, level + 1);
  // A text the resolution adopts follows its adopting paragraph: its heading or title as a
  // heading one level down, then its paragraphs.
  auto adopted = [&](const std::string& num) {
    for (const Annex& annex : document.annexes)
      if (annex.adopted_in && *annex.adopted_in == num) {
        if (annex.heading)
          w.heading(level + 1, escape_inline(*annex.heading));
        if (annex.title)
          w.heading(annex.heading ? level + 2 : level + 1, escape_inline(*annex.title));
        if (!annex.heading && !annex.title)
          w.block("***");
        annex_body(w, annex, level + (annex.heading ? 3 : 2));
      }
  };
  w.paragraphs(document.operative, level + 1, adopted);
  for (const Annex& annex : document.annexes)
    if (annex.adopted_in &&
        std::none_of(document.operative.begin(), document.operative.end(),
                     [&](const Paragraph& p) { return p.num.value_or("") == *annex.adopted_in; }))
      adopted(*annex.adopted_in);
  parts(w, document.parts, level + 1);
  std::vector<std::string> closing;
  for (const auto* field : {&m.meeting, &m.vote})
    if (*field)
      closing.push_back(escape_inline(**field));
  w.lines(closing);

  for (const Annex& annex : document.annexes) {
    if (annex.adopted_in)
      continue;
    // The annex's own heading and title as headings; an annex with neither starts at a
    // thematic break, so that its paragraphs do not run on from the resolution's.
    int at = level + 1;
    if (annex.heading)
      w.heading(at++, escape_inline(*annex.heading));
    if (annex.title)
      w.heading(at++, escape_inline(*annex.title));
    if (!annex.heading && !annex.title) {
      w.block("***");
      at = level + 2;
    }
    annex_body(w, annex, std::min(at, 6));
  }

  // Called notes as footnote definitions; a note nothing calls would be dropped by a
  // renderer, so it is written as a paragraph led by its marker.
  for (const Footnote& note : document.footnotes) {
    if (const std::string* label = w.label(note.marker))
      w.block("[^" + *label + "]: " + guard_line_start(w.inlines(note.content)));
    else
      w.block(guard_line_start(escape_inline(note.marker) + " " + w.inlines(note.content)));
  }
  return w.take();
}

} // namespace

std::string write_markdown(const Document& document, bool front_matter, const std::string& link_base) {
  const Metadata& m = document.metadata;
  Writer w(document, link_base);

  if (front_matter) {
    std::string yaml_block = "---\n";
    // The SDK's table of metadata fields, in contract order, with agenda items as a list.
    for (std::size_t i = 0; i < std::size(metadata_text_fields); ++i) {
      if (i == metadata_fields_before_agenda && !m.agenda_items.empty()) {
        yaml_block += "agenda_items:\n";
        for (const model::AgendaItem& item : m.agenda_items)
          yaml_block += "  - " + yaml(item.number) + "\n";
      }
      if (const auto& value = m.*metadata_text_fields[i].member)
        yaml_block += std::string(metadata_text_fields[i].name) + ": " + yaml(*value) + "\n";
    }
    if (yaml_block.size() > 4) // An empty block would say nothing.
      w.raw() += yaml_block + "---\n\n";
  }

  if (!document.is_collection())
    return deliberation(w, document, 1, "");
  // A publication: its title above, then each deliberation under a level-1 heading of its
  // own, with footnote labels of its own ("d2-1").
  if (m.title)
    w.heading(1, escape_inline(*m.title));
  w.lines(masthead_lines(m));
  std::string out = w.take() + "\n\n";
  for (std::size_t k = 0; k < document.components.size(); ++k) {
    Writer one(document.components[k], link_base, "d" + std::to_string(k + 1) + "-");
    out += deliberation(one, document.components[k], 1, component_heading(document.components[k])) + "\n\n";
  }
  out.pop_back();
  return out;
}

void MarkdownExporter::do_export(const Document& document, OutputSink& output, const Options& options,
                                 DiagnosticSink& sink) {
  const bool front_matter = options.has("front-matter") ? options.get_bool("front-matter") : true;
  const std::string link_base =
      options.has("link-base") ? options.get_string("link-base") : "https://undocs.org/";
  std::string text = write_markdown(document, front_matter, link_base);

  // Say what the format does not keep, so that a user is never surprised by a silent loss.
  bool lost_position = has_provenance(document.preamble) || has_provenance(document.operative);
  for (const Annex& annex : document.annexes)
    lost_position = lost_position || has_provenance(annex.preamble) || has_provenance(annex.operative);
  if (lost_position)
    sink.note("markdown.dropped-provenance", "page positions of paragraphs are not written to Markdown",
              {output.name()});
  if (!front_matter) {
    const Metadata& m = document.metadata;
    std::string left_out;
    auto add = [&left_out](const char* name) {
      left_out += (left_out.empty() ? "" : ", ") + std::string(name);
    };
    if (m.number)
      add("number");
    if (!m.agenda_items.empty())
      add("agenda_items");
    if (m.adopted)
      add("adopted");
    if (m.issued)
      add("issued");
    if (m.language)
      add("language");
    if (!left_out.empty())
      sink.note("markdown.dropped-metadata",
                "without front matter these metadata fields are not written: " + left_out, {output.name()});
  }
  Writer w(document, "");
  for (const Footnote& note : document.footnotes)
    if (w.label(note.marker) == nullptr)
      sink.note("markdown.uncalled-footnote",
                "footnote '" + note.marker + "' is called nowhere; it is written as a paragraph",
                {output.name()});
  output.write(text);
}

} // namespace resconv::markdown_format
