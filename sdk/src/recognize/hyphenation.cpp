#include <resconv/sdk/recognize/hyphenation.hpp>

#include "text_util.hpp"

#include <resconv/sdk/language/text.hpp>

#include <cctype>

namespace resconv::recognize {

namespace {
void normalize_into(std::string& out, std::string_view w) {
  out.clear();
  for (char c : w) {
    char l = util::lower(c); // ASCII letters lowercased; other bytes unchanged.
    if (static_cast<unsigned char>(c) >= 0x80 || c == '-' || (l >= 'a' && l <= 'z'))
      out += l;
  }
}

std::string normalized_word(std::string_view w) {
  std::string out;
  normalize_into(out, w);
  return out;
}
} // namespace

void HyphenEvidence::add_text(std::string_view text) {
  std::string word;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n'))
      ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n')
      ++i;
    if (i > b) {
      normalize_into(word, text.substr(b, i - b));
      if (m_words.find(word) == m_words.end())
        m_words.insert(word);
    }
  }
}

bool HyphenEvidence::drop_hyphen(std::string_view left, std::string_view right) const {
  std::string joined = normalized_word(std::string(left) + std::string(right));
  std::string hyphenated = normalized_word(std::string(left) + "-" + std::string(right));
  return m_words.count(joined) && !m_words.count(hyphenated);
}

void join_line(std::string& text, std::string_view line, const HyphenEvidence& evidence) {
  if (line.empty())
    return;
  if (text.empty()) {
    text = line;
    return;
  }
  // Only scripts that break words with hyphens (Latin, Cyrillic) have line-end hyphens
  // to repair; Arabic and Chinese never do.
  bool hyphen = text.size() >= 2 && text.back() == '-' && language::may_be_hyphenated(text, line);
  if (!hyphen) {
    // A symbol broken after a slash ("S/INF/" / "68") goes on without a space; so do lines
    // of Chinese, which has no spaces between words.
    if (text.back() != '/')
      text += language::line_joiner(text, line);
    text += line;
    return;
  }
  std::size_t b = text.find_last_of(' ');
  b = b == std::string::npos ? 0 : b + 1;
  std::string left = text.substr(b, text.size() - 1 - b);
  std::string right(line.substr(0, line.find_first_of(" ,.;:)")));
  if (evidence.drop_hyphen(left, right))
    text.pop_back();
  text += line;
}

} // namespace resconv::recognize
