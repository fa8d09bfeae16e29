#include "markdown_format.hpp"

#include <cctype>

namespace resconv::markdown_format {

namespace {

bool is_space_or_end(const std::string& s, std::size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == '\t';
}

bool entity_start(std::string_view text, std::size_t i) {
  // "&amp;", "&#38;", "&#x26;": only an ampersand before a letter, digit or # can start one.
  if (i + 1 >= text.size())
    return false;
  unsigned char next = static_cast<unsigned char>(text[i + 1]);
  return std::isalnum(next) || next == '#';
}

} // namespace

std::string escape_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '~':
      out += '\\';
      out += c;
      break;
    case '&':
      if (entity_start(text, i))
        out += '\\';
      out += c;
      break;
    case '\n':
    case '\r':
    case '\t':
      out += ' ';
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string guard_line_start(std::string line) {
  std::size_t lead = 0;
  while (lead < line.size() && line[lead] == ' ')
    ++lead;
  line.erase(0, lead);
  if (line.empty())
    return line;
  switch (line[0]) {
  case '#': // ATX heading
  case '=': // setext underline
  case '>': // block quote (escape_inline already escapes it; a number or label may not)
    line.insert(0, "\\");
    return line;
  case '-': // list item, thematic break, setext underline
    if (is_space_or_end(line, 1) || line[1] == '-')
      line.insert(0, "\\");
    return line;
  case '+': // list item
    if (is_space_or_end(line, 1))
      line.insert(0, "\\");
    return line;
  default:
    break;
  }
  // An ordered list item: 1-9 digits, then "." or ")", then a space or the end of the line.
  // Longer runs of digits start no list, but escaping their period is harmless.
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
    ++digits;
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      is_space_or_end(line, digits + 1))
    line.insert(digits, "\\");
  return line;
}

std::string encode_destination(std::string_view url) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\') {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace resconv::markdown_format
