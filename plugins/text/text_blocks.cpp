#include "text_format.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/cues.hpp>
#include <resconv/sdk/recognize/hyphenation.hpp>
#include <resconv/sdk/recognize/language.hpp>
#include <resconv/sdk/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <optional>

namespace resconv::text_format {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "12. " at the start: the number, else 0.
int numbered_start(std::string_view line) {
  std::size_t p = 0;
  while (p < line.size() && is_digit(line[p]))
    ++p;
  if (p == 0 || p > 3 || p >= line.size() || line[p] != '.' || (p + 1 < line.size() && line[p + 1] != ' '))
    return 0;
  return std::stoi(std::string(line.substr(0, p)));
}

bool item_start(std::string_view line) {
  if (line.size() < 4 || line[0] != '(')
    return false;
  std::size_t q = line.find(')');
  if (q == std::string_view::npos || q < 2 || q > 6 || q + 1 >= line.size() || line[q + 1] != ' ')
    return false;
  std::string_view inner = line.substr(1, q - 1);
  bool lower = std::all_of(inner.begin(), inner.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  bool digits = inner.size() <= 2 && std::all_of(inner.begin(), inner.end(), is_digit);
  bool upper = inner.size() == 1 && inner[0] >= 'A' && inner[0] <= 'Z';
  return lower || digits || upper;
}

// "[^12]: text" -> marker and offset of the text.
std::optional<std::pair<std::string, std::size_t>> markdown_footnote(std::string_view line) {
  if (line.substr(0, 2) != "[^")
    return std::nullopt;
  std::size_t close = line.find("]:");
  if (close == std::string_view::npos || close < 3 || close > 10)
    return std::nullopt;
  std::size_t text = close + 2;
  while (text < line.size() && line[text] == ' ')
    ++text;
  return std::make_pair(std::string(line.substr(2, close - 2)), text);
}

struct Line {
  std::string text;
  int number;
};

class Splitter {
public:
  Splitter(std::string_view text, const std::vector<recognize::LanguageData>& languages)
      : m_languages(languages) {
    m_evidence.add_text(text);
  }

  std::vector<recognize::Block> split(const std::vector<Line>& lines) {
    for (const Line& line : lines) {
      std::string_view t = line.text;
      if (t.empty() || t == "---") {
        flush();
        continue;
      }
      // The formula ("The Security Council,") is a block of its own.
      if (starts_block(t) || is_formula_line(t))
        flush();
      if (m_current.empty())
        m_first_line = line.number;
      m_current.push_back(std::string(t));
      m_previous = std::string(t);
      if (is_formula_line(t))
        flush();
      // A bracketed line ("[S/3128]") stands alone.
      if (t.front() == '[' && t.back() == ']' && t.substr(0, 2) != "[^")
        flush();
    }
    flush();
    return std::move(m_blocks);
  }

private:
  bool starts_block(std::string_view t) const {
    if (m_current.empty())
      return true;
    if (numbered_start(t) || item_start(t) || recognize::starts_with_marker(t, m_languages) ||
        !leading_superscript(t).first.empty() || markdown_footnote(t))
      return true;
    if (t.front() == '[' && t.back() == ']')
      return true;
    if (t.substr(0, 2) == "* ")
      return true;
    // "... Cameroun, 26" / "Recommends to the General Assembly ...": a capitalised lead
    // word after a line that finished a clause starts a paragraph.
    if ((std::isupper(static_cast<unsigned char>(t[0])) || language::starts_upper(t) ||
         (!language::starts_lower(t) && static_cast<unsigned char>(t[0]) >= 0x80)) &&
        ends_clause(m_previous))
      for (const auto& language : m_languages)
        if (language.lead_words(t).kind != language::LeadKind::none)
          return true;
    // "45 Official Records ..." after a line that ended a sentence: a footnote in running text.
    std::size_t p = 0;
    while (p < t.size() && is_digit(t[p]))
      ++p;
    if (p > 0 && p <= 3 && p + 1 < t.size() && t[p] == ' ' &&
        std::isupper(static_cast<unsigned char>(t[p + 1])) && !m_previous.empty() && m_previous.back() == '.')
      return true;
    return false;
  }

  std::string join() const {
    std::string out;
    for (const auto& line : m_current)
      recognize::join_line(out, line, m_evidence);
    return out;
  }

  void flush() {
    if (m_current.empty())
      return;
    std::string text = join();
    m_current.clear();
    recognize::Block block;
    block.line = m_first_line;
    std::string_view body = text;
    if (auto md = markdown_footnote(body)) {
      block.footnote = true;
      block.footnote_marker = md->first;
      body.remove_prefix(md->second);
    } else if (auto [marker, length] = leading_superscript(body); !marker.empty()) {
      // A text with superscript footnote numbers prints their calls as superscripts too.
      block.footnote = true;
      block.footnote_marker = marker;
      block.calls_marked = true;
      body.remove_prefix(length);
    }
    block.content = parse_inlines(body);
    m_blocks.push_back(std::move(block));
  }

  // "The General Assembly," alone on its line, for any language's articles and bodies
  // ("L'Assemblée générale,", "大会，").
  bool is_formula_line(std::string_view t) const {
    for (const auto& language : m_languages)
      if (language.body_of_formula(t) != nullptr)
        return true;
    return false;
  }

  // True when a line ends a clause or a preambular clause, perhaps followed by a footnote
  // number (the shared cue: recognize/cues.hpp).
  static bool ends_clause(std::string_view line) { return recognize::ends_preamble_clause(line); }

  const std::vector<recognize::LanguageData>& m_languages;
  recognize::HyphenEvidence m_evidence;
  std::vector<std::string> m_current;
  std::string m_previous;
  int m_first_line = 0;
  std::vector<recognize::Block> m_blocks;
};

// Splits lines where extraction ran numbered paragraphs together: "... Development.2 2. We
// acknowledge" holds paragraph 2 when paragraph 1 came last. Linear in the text: each line is
// read once, from where its last split left it, and each piece is copied once (a line of
// 300,000 run-in paragraphs once cost a copy of its rest per split: 5 GiB).
std::vector<Line> split_run_in_numbers(std::vector<Line> lines) {
  std::vector<Line> out; // built from the first line that splits on; most texts have none
  bool splitting = false;
  int last = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    Line& line = lines[k];
    std::string_view rest = line.text;
    std::vector<std::string_view> pieces;
    for (;;) {
      if (int n = numbered_start(rest))
        last = n;
      if (last == 0)
        break;
      std::string needle = " " + std::to_string(last + 1) + ". ";
      std::size_t at = rest.find(needle);
      if (at == std::string_view::npos || at + needle.size() >= rest.size() ||
          !std::isupper(static_cast<unsigned char>(rest[at + needle.size()])))
        break;
      pieces.push_back(rest.substr(0, at));
      rest.remove_prefix(at + 1);
    }
    if (pieces.empty()) {
      if (splitting)
        out.push_back(std::move(line));
      continue;
    }
    if (!splitting) {
      splitting = true;
      out.reserve(lines.size() + pieces.size());
      std::move(lines.begin(), lines.begin() + static_cast<long>(k), std::back_inserter(out));
    }
    pieces.push_back(rest);
    for (std::string_view piece : pieces)
      out.push_back({std::string(piece), line.number});
  }
  if (splitting)
    return out;
  return lines;
}

// The offset just past the line end at `at` ("\r\n", "\r" or "\n"), or npos when `at` is
// not a line end.
std::size_t after_line_end(std::string_view text, std::size_t at) {
  if (at >= text.size())
    return std::string_view::npos;
  if (text[at] == '\n')
    return at + 1;
  if (text[at] == '\r')
    return at + 1 < text.size() && text[at + 1] == '\n' ? at + 2 : at + 1;
  return std::string_view::npos;
}

// The 1-based line of byte `offset`, counting CR LF, CR and LF each as one line end.
int line_of(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size();) {
    std::size_t next = after_line_end(text, i);
    if (next == std::string_view::npos) {
      ++i;
      continue;
    }
    if (next <= offset)
      ++line;
    i = next;
  }
  return line;
}

// The first byte that no text holds: a NUL or a C0 control other than tab, line feed,
// carriage return and form feed (page breaks from pdftotext); npos when there is none.
std::size_t control_byte_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
      return i;
  }
  return std::string_view::npos;
}

} // namespace

std::vector<recognize::Block> split_blocks(std::string_view text, const std::string& name,
                                           const std::vector<recognize::LanguageData>& languages) {
  if (auto form = wide_unicode_form(text); !form.empty())
    throw ConversionError("text.encoding",
                          std::string(form) +
                              " text; resconv reads text in UTF-8 (convert it first, e.g. iconv -f " +
                              std::string(form) + " -t UTF-8)",
                          {name});
  if (auto bad = control_byte_at(text); bad != std::string_view::npos) {
    auto b = static_cast<unsigned char>(text[bad]);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", b);
    std::string what = b == 0 ? std::string("NUL byte") : std::string("control byte ") + hex;
    throw ConversionError("text.binary",
                          "binary data, not text (" + what + " at offset " + std::to_string(bad) + ")",
                          {name, 0, line_of(text, bad), static_cast<long>(bad)});
  }
  if (auto bad = utf8_invalid_at(text); bad != std::string_view::npos)
    throw ConversionError("text.encoding",
                          "not UTF-8 text (invalid byte at offset " + std::to_string(bad) + ")",
                          {name, 0, line_of(text, bad), static_cast<long>(bad)});
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);

  // Lines end at LF, CR LF or a lone CR (old Mac files): each is one line end.
  std::vector<Line> lines;
  int number = 0;
  std::size_t i = 0;
  for (;;) {
    std::size_t e = text.find_first_of("\r\n", i);
    if (e == std::string_view::npos)
      e = text.size();
    std::string line(text.substr(i, e - i));
    ++number;
    for (char& c : line)
      if (c == '\t' || c == '\f')
        c = ' ';
    lines.push_back({model::collapse_space(line), number});
    if (e == text.size())
      break;
    i = after_line_end(text, e);
  }
  // YAML front matter ("---" ... "---" at the top) is metadata of the file, not text.
  if (!lines.empty() && lines.front().text == "---") {
    for (std::size_t k = 1; k < lines.size(); ++k)
      if (lines[k].text == "---") {
        lines.erase(lines.begin(), lines.begin() + static_cast<long>(k) + 1);
        break;
      }
  }
  return Splitter(text, languages).split(split_run_in_numbers(std::move(lines)));
}

} // namespace resconv::text_format
