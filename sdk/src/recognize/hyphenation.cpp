#include <resconv/sdk/recognize/cues.hpp>
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
  switch (line_join(text, line, evidence)) {
  case LineJoin::space:
    text += ' ';
    break;
  case LineJoin::hyphen_dropped:
    text.pop_back();
    break;
  case LineJoin::touching:
    break;
  }
  text += line;
}

} // namespace resconv::recognize
